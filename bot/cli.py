"""The ``baocao`` command line: one entry point, sub-commands contributed by each package.

Each package exposes ``register(subparsers)`` in its own ``cli`` module; this file only wires
them together so that every concern keeps one obvious home.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# Modules that contribute sub-commands, in the order they appear in --help.
_COMMAND_MODULES = ("knowledge.cli", "forms.cli", "forms.extract.cli", "vntext.cli", "bot.commands", "bot.webhook",
                    "storage.backup", "bot.template_cli")  # last: it extends forms.cli's `template` and knowledge's `ingest`


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="baocao", description="Trợ lý báo cáo (baocao)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in _COMMAND_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:  # a package still being built must not break the others
            if exc.name != module_name:
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
