"""The ``briefing`` command line's grammar: every command, option and help text.

Apart from :mod:`briefing.cli`, which runs the commands, so that the grammar reads as one
table and a command's behaviour is not lost among its options.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from briefing import __version__


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # a bad option is exit 2, in one line
        self.exit(2, f"{self.prog}: error: {message}\n")


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0 to 65535)")
    return port


def _count(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        count = 0
    if count < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes (1 or more)")
    return count


def parser(description: str) -> argparse.ArgumentParser:
    """The command line's options, commands and their help, as ``briefing --help`` shows them."""
    parser = _Parser(prog="briefing", description=description)
    parser.add_argument("--debug", action="store_true", help="show tracebacks of failures")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = commands.add_parser("check", help="check the fact base for consistency")
    check.add_argument("facts", nargs="*", type=Path, metavar="FACTS",
                       help="fact bases to check (default: the configuration's, else facts.yaml); "
                            "pre-commit passes several")
    check.add_argument("--format", default="text", choices=["text", "json", "github", "sarif"])
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("-q", "--quiet", action="store_true",
                       help="print only the problems that fail the check (errors; warnings too with --strict) "
                            "and no summary line; the exit status is the same. Text format only: json, github "
                            "and sarif always carry every problem, for the tools that read them")
    check.add_argument("--select", metavar="IDS", help="report only these rules (comma-separated)")
    check.add_argument("--ignore", metavar="IDS", help="do not report these rules (comma-separated)")

    rules = commands.add_parser("rules", help="list the checker's rules, or document one")
    rules.add_argument("rule", nargs="?")

    diff = commands.add_parser("diff", help="what changed between two fact bases (or since a git revision)")
    diff.add_argument("files", nargs="+", type=Path, metavar="FILE", help="OLD NEW, or one file with --since")
    diff.add_argument("--since", metavar="REV", help="compare FILE with its committed version at this git revision")
    diff.add_argument("--format", default="text", choices=["text", "json"])

    watch = commands.add_parser("watch", help="live preview: rebuild on every save, serve on 127.0.0.1")
    watch.add_argument("--facts", type=Path, help="the fact base (default: the configuration's, else facts.yaml)")
    watch.add_argument("--out", type=Path, help="where the PDFs go (default: the configuration's, else build)")
    watch.add_argument("--port", default=8000, type=_port, help="port on 127.0.0.1 (0: any free port)")

    schema_command = commands.add_parser("schema", help="print the fact base's JSON Schema (for editors and validators)")
    schema_command.add_argument("--part", action="store_true",
                        help="the schema of one part of a fact base kept as a folder (no section required)")

    build = commands.add_parser("build", help="check, then build the HTML and PDF briefs")
    build.add_argument("--facts", type=Path, help="the fact base (default: the configuration's, else facts.yaml)")
    build.add_argument("--out", type=Path, help="output folder (default: the configuration's, else build)")
    build.add_argument("--locale", action="append", dest="locales", metavar="L",
                       help="build only this locale (repeatable; default: every locale in meta.locales)")
    build.add_argument("--format", action="append", dest="formats", choices=["html", "pdf", "annex"],
                       help="build only this format (repeatable; default: html and pdf; annex: the whole brief "
                            "as PDF, every record of every section, in brief.LOCALE.annex.pdf)")
    build.add_argument("-q", "--quiet", action="store_true", help="print nothing but problems")
    build.add_argument("--force", action="store_true", help="render every output, even unchanged ones")
    build.add_argument("--jobs", type=_count, metavar="N", help="locales rendered at once (default: one per core)")

    commands.add_parser("config", help="print the effective settings and where each comes from")

    init = commands.add_parser("init", help="start a desk project: starter fact base, configuration, CI, hooks")
    init.add_argument("folder", nargs="?", default=".", type=Path, metavar="DIR")

    i18n = commands.add_parser("i18n", help="interface catalogs of the desk")
    i18n_commands = i18n.add_subparsers(dest="i18n_command", required=True, parser_class=_Parser)
    i18n_init = i18n_commands.add_parser("init", help="create the catalog of a new locale, to translate")
    i18n_init.add_argument("locale", metavar="LOCALE")
    i18n_init.add_argument("--dir", type=Path, help="the desk's locale folder (default: the configuration's "
                                                    "first, else ./locale)")

    export = commands.add_parser("export", help="export the fact base for other tools (STIX 2.1)")
    export.add_argument("facts", nargs="?", type=Path, metavar="FACTS",
                        help="the fact base (default: the configuration's, else facts.yaml)")
    export.add_argument("--format", default="stix", choices=["stix"], help="stix: a STIX 2.1 bundle (JSON)")
    export.add_argument("--out", type=Path, metavar="FILE", help="write here (default: standard output)")

    split = commands.add_parser("split", help="turn a single-file fact base into a folder of parts")
    split.add_argument("facts", type=Path, metavar="FACTS", help="the fact base file")
    split.add_argument("folder", type=Path, metavar="DIR", help="the new folder (must be empty or absent)")
    split.add_argument("--size", type=_count, default=1000, metavar="N",
                       help="records per part when a section is longer (default: 1000)")
    split.add_argument("--by-year", action="store_true", help="cut long sections where the records' year changes")

    verify = commands.add_parser("verify", help="rebuild a PDF brief from the fact base it carries and compare")
    verify.add_argument("pdf", type=Path, metavar="BRIEF.pdf")
    return parser
