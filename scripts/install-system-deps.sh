#!/usr/bin/env bash
# Installs the Debian packages used to convert .docx to PDF/PNG (tests, the bot's page-1 preview):
# LibreOffice Writer, poppler (pdftotext, pdftoppm) and a Times New Roman-metric font with complete
# Vietnamese coverage.  fonts-liberation (1.x) lacks most Vietnamese letters, so LibreOffice would
# substitute glyphs; fonts-liberation2 (Liberation Serif 2.x: Times New Roman metrics, Vietnamese
# included) is the one fontconfig then picks for "Times New Roman".
set -euo pipefail
has_vi_serif() {
  fc-list ':lang=vi' family 2>/dev/null | grep -q "Liberation Serif"
}
if command -v soffice >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 \
   && has_vi_serif; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-system-deps: need root (or sudo) to apt-get install libreoffice-writer-nogui fonts-liberation2 poppler-utils" >&2
    exit 1
  fi
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
  libreoffice-writer-nogui fonts-liberation fonts-liberation2 poppler-utils fontconfig >/dev/null
fc-cache -f >/dev/null 2>&1 || true
if ! has_vi_serif; then
  echo "install-system-deps: no Liberation Serif with Vietnamese coverage (fc-list ':lang=vi')" >&2
  exit 1
fi
