#!/usr/bin/env bash
# Installs the Debian packages the tests need to convert .docx to PDF (LibreOffice, fonts, poppler).
set -euo pipefail
if command -v soffice >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 && fc-list | grep -qi "Liberation Serif"; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-system-deps: need root (or sudo) to apt-get install libreoffice-writer-nogui fonts-liberation poppler-utils" >&2
    exit 1
  fi
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
  libreoffice-writer-nogui fonts-liberation poppler-utils fontconfig >/dev/null
