"""``baocao restore-diacritics``: restore Vietnamese diacritics from the command line.

    baocao restore-diacritics "Ket noi lien thong cac he thong thong tin"
    printf 'So Tai chinh\\nBao cao quy 3\\n' | baocao restore-diacritics     # one line in, one line out
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "restore-diacritics",
        help="thêm dấu tiếng Việt cho văn bản gõ không dấu",
        description="Restore Vietnamese diacritics. Without TEXT: read lines from standard input and "
                    "print one restored line per line.",
    )
    parser.add_argument("text", nargs="*", metavar="TEXT", help="text typed without diacritics")
    parser.add_argument("--context", type=Path, action="append", default=[], metavar="FILE",
                        help="a UTF-8 file of accented text whose words are preferred (repeatable)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from vntext.names import NamedRestorer

    context = [path.read_text(encoding="utf-8") for path in args.context]
    restorer = NamedRestorer(context=context)  # the language model, then known names as written
    if args.text:
        print(restorer.restore(" ".join(args.text)))
        return 0
    for line in sys.stdin:
        print(restorer.restore(line.rstrip("\r\n")), flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry point (``python -m vntext.cli ...``) until bot/cli.py lists this module."""
    parser = argparse.ArgumentParser(prog="vntext")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
