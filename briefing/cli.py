"""The ``briefing`` command line: check, build, preview, compare and verify fact bases and briefs.

Settings come from the nearest ``briefing.toml`` (or ``[tool.briefing]`` in pyproject.toml)
from the working folder upward; options given here override them."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from briefing import arguments
from briefing.errors import BriefingError


def main(argv: list[str] | None = None) -> int:
    parser = arguments.parser(__doc__)
    args = parser.parse_args(argv)
    try:
        if args.command in ("build", "watch", "export", "verify"):
            from briefing.outputs import interrupts_held

            with interrupts_held():  # the stages these commands run, imported before any interrupt
                import briefing.build  # noqa: F401
                import briefing.config  # noqa: F401
        if args.command == "rules":
            return _rules(args.rule)
        if args.command == "schema":
            from briefing import schema

            sys.stdout.write(schema.text(part=args.part))
            return 0
        if args.command == "diff":
            return _diff(args)
        if args.command == "verify":
            from briefing import config
            from briefing.verify import verify

            return verify(args.pdf, settings=config.load() if config.find(Path.cwd().resolve()) else None)
        if args.command == "split":
            from briefing.split import split

            written = split(args.facts, args.folder, args.size, args.by_year)
            print(f"wrote {len(written)} part(s) to {args.folder}; check them with: briefing check {args.folder}")
            return 0
        if args.command == "init":
            from briefing.scaffold import init

            return init(args.folder)
        from briefing import config

        settings = config.load()
        if args.command == "check":
            return _check(args, settings)
        if args.command == "config":
            return _config(settings)
        if args.command == "export":
            from briefing.export import run as export

            return export(args.facts or settings.facts[0], args.out, settings=settings)
        if args.command == "i18n":
            from briefing.scaffold import new_catalog

            return new_catalog(args.locale, args.dir or (settings.locales[0] if settings.locales
                                                         else settings.root / "locale"))
        _override(settings, args)
        if args.command == "watch":
            from briefing.watch import serve

            serve(settings.facts[0], settings.out, args.port, settings=settings, debug=args.debug)
            return 0
        return _build(args, settings)
    except BriefingError as error:
        if args.debug:
            raise
        print(error.format(), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        if args.debug:
            raise
        if args.command != "watch":
            print("briefing: interrupted; the outputs are all as they were or all new, never a mix", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `briefing check | head`: the reader has what it wanted
        sys.stdout = open(os.devnull, "w")
        return 0 if args.command != "check" else 1
    except OSError as error:
        if args.debug:
            raise
        print(f"error: {error.strerror or error}", file=sys.stderr)
        return 2
    except Exception as error:  # a bug: still one line, and the way to see more
        if args.debug:
            raise
        print(f"briefing: internal error: {type(error).__name__}: {error} "
              "(run with --debug for the traceback)", file=sys.stderr)
        return 2


def _rule_ids(value: str | None) -> set[str] | None:
    if not value:
        return None
    from briefing.check.rules import REGISTRY

    ids = {part.strip() for part in value.split(",") if part.strip()}
    unknown = sorted(ids - set(REGISTRY))
    if unknown:
        raise BriefingError(f"unknown rule id(s): {', '.join(unknown)} (see 'briefing rules')")
    return ids


def _override(settings, args: argparse.Namespace) -> None:
    if getattr(args, "facts", None):
        settings.override("facts", [args.facts])
    if getattr(args, "out", None):
        settings.override("out", args.out)


def _check(args: argparse.Namespace, settings) -> int:
    from briefing import check
    from briefing.check import remembered, report

    select, ignore = _rule_ids(args.select), _rule_ids(args.ignore)
    if select is not None:
        settings.override("select", select)
    if ignore is not None:
        settings.override("ignore", ignore)
    context = check.Context.from_settings(settings)
    paths = [_as_given(path) for path in (_whole(args.facts, settings.facts) if args.facts else settings.facts)]
    problems = []
    for path in paths:
        found, typed = remembered.check_path(path, context)  # unchanged since the last check: not checked again
        problems += check.select(found, typed or None, settings.select, settings.ignore, settings.severity)
    name = ", ".join(map(str, paths))
    failing = {"error", "warning"} if args.strict else {"error"}
    if args.format == "text":
        colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        if args.quiet:  # what a pre-commit hook or a script wants: what must be fixed, nothing else
            shown = [p for p in problems if p.severity in failing]
            if shown:
                print(report.text(shown, name, colour, with_summary=False))
        else:
            print(report.text(problems, name, colour))
    elif args.format == "json":
        print(report.as_json(problems, name))
    elif args.format == "github":
        output = report.github(problems, name)
        if output:
            print(output)
        print(report.summary(problems, name), file=sys.stderr)
    else:
        print(report.sarif(problems, name, check.REGISTRY.values()))
    return 1 if any(p.severity in failing for p in problems) else 0


def _as_given(path: Path) -> Path:
    """A fact base found through the configuration (an absolute path) named from the working
    folder when it lies under it, as a CI annotation or an editor wants it (facts.yaml:12:3)."""
    try:
        if path.is_absolute() and path.resolve().is_relative_to(Path.cwd().resolve()):
            return Path(os.path.relpath(path.resolve(), Path.cwd().resolve()))
    except (OSError, ValueError):
        pass
    return path


def _whole(paths: list[Path], configured: list[Path]) -> list[Path]:
    """The fact bases to check for the paths given: a part of a configured fact base folder
    stands for the whole folder (pre-commit passes the changed files), named once."""
    folders = [folder for folder in configured if folder.is_dir()]
    chosen: list[Path] = []
    for path in paths:
        found = next((folder for folder in folders if path.resolve().is_relative_to(folder.resolve())), path)
        if found not in chosen:
            chosen.append(found)
    return chosen


def _config(settings) -> int:
    """Every setting, its value and where it comes from (like ``ruff check --show-settings``)."""
    print(f"# configuration: {settings.file or 'none found (defaults)'}")
    rows = [("facts", [str(p) for p in settings.facts]), ("out", str(settings.out)),
            ("templates", [str(p) for p in settings.template_chain]),
            ("stylesheets", [str(p) for p in settings.stylesheets]),
            ("locales", [str(p) for p in settings.locale_chain]),
            ("marking", settings.marking), ("portion_mark", settings.portion_mark),
            ("rules.select", sorted(settings.select) if settings.select is not None else "all"),
            ("rules.ignore", sorted(settings.ignore)), ("rules.severity", settings.severity),
            ("brief.pdf_section_limit", settings.pdf_section_limit)]
    for key, value in rows:
        print(f"{key} = {value!r}  # {settings.origin(key)}")
    return 0


def _rules(rule_id: str | None) -> int:
    from briefing.check.rules import REGISTRY

    if rule_id is None:
        width = max(map(len, REGISTRY))
        for rule in REGISTRY.values():
            print(f"{rule.ID:<{width}}  {rule.SEVERITY:<7}  {rule.SUMMARY}")
        return 0
    found = REGISTRY.get(rule_id)
    if found is None:
        raise BriefingError(f"no rule {rule_id!r} (see 'briefing rules')")
    print(f"{found.ID} ({found.SEVERITY})\n")
    print((found.__doc__ or "").strip())
    return 0


def _diff(args: argparse.Namespace) -> int:
    from briefing import diff

    from briefing import parts

    if args.since is not None:
        if len(args.files) != 1:
            raise BriefingError("with --since, give one file: briefing diff --since REV facts.yaml")
        new_path = args.files[0]
        old_name = f"{new_path}@{args.since}"
        old: bytes | parts.Source = (diff.read_revision_parts(new_path, args.since) if parts.is_folder(new_path)
                                     else diff.read_revision(new_path, args.since))
    else:
        if len(args.files) != 2:
            raise BriefingError("give two files: briefing diff OLD NEW (or one file with --since REV)")
        old_path, new_path = args.files
        old_name, old = str(old_path), parts.read(old_path)  # a file or a folder, read like any fact base
    changes = diff.compare(diff.load_facts(old, old_name), diff.load_facts(parts.read(new_path), str(new_path)))
    print(diff.as_json(changes) if args.format == "json" else diff.as_text(changes, old_name, str(new_path)))
    return 0


def _build(args: argparse.Namespace, settings) -> int:
    from briefing.build import build

    start = time.perf_counter()
    progress = None if args.quiet else (lambda line: print(line, flush=True))
    # named from the working folder, as check names it: the same problem reads the same in both
    written = build(_as_given(settings.facts[0]), settings.out, args.locales, tuple(args.formats or ("html", "pdf")),
                    progress=progress, jobs=args.jobs, force=args.force, settings=settings)
    if not args.quiet:
        done = f"wrote {len(written)} file(s) to {settings.out}" if written else f"{settings.out} is up to date"
        print(f"{done} in {time.perf_counter() - start:.1f} s")
    return 0
