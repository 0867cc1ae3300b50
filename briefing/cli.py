"""The ``briefing`` command line: ``check`` and ``build``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefing.errors import BriefingError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing", description=__doc__)
    parser.add_argument("--debug", action="store_true", help="show tracebacks of failures")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="check the fact base for consistency")
    check.add_argument("facts", nargs="?", default="facts.yaml", type=Path)

    build = commands.add_parser("build", help="check, then build the HTML and PDF briefs")
    build.add_argument("--facts", default="facts.yaml", type=Path)
    build.add_argument("--out", default="build", type=Path, help="output folder (default: build)")
    build.add_argument("--locale", action="append", dest="locales", metavar="L",
                       help="build only this locale (repeatable; default: every locale in meta.locales)")
    build.add_argument("--format", action="append", dest="formats", choices=["html", "pdf"],
                       help="build only this format (repeatable; default: both)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return _check(args.facts)
        return _build(args)
    except BriefingError as error:
        if args.debug:
            raise
        print(error.format(), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        if args.debug:
            raise
        print("briefing: interrupted; no output was changed", file=sys.stderr)
        return 130


def _check(facts_path: Path) -> int:
    from briefing import check
    from briefing.load import load_file

    document = load_file(facts_path, display_name=str(facts_path))
    problems, _ = check.run(document)
    for problem in problems:
        print(problem.format())
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    print(f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''} "
          f"in {facts_path}")
    return 1 if errors else 0


def _build(args: argparse.Namespace) -> int:
    from briefing.build import build

    written = build(args.facts, args.out, args.locales, tuple(args.formats or ("html", "pdf")))
    for path in written:
        print(f"wrote {path}")
    return 0
