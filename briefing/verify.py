"""``briefing verify BRIEF.pdf``: prove what a PDF brief says and what it rests on.

The PDF carries its fact base (PDF/A-3 attachment) and records, in its XMP metadata, the
tool version, the installed dependencies, the digests of the fact base, of the previous
edition and of the theme, and its locale (:mod:`briefing.provenance`). Verifying extracts
the fact base, checks it against the recorded digest, rebuilds the same locale's PDF with
the tool at hand, and compares the bytes.

Exit status: 0 identical bytes; 1 different, or refused (an attachment that does not match
its recorded digest); 3 made by another version of the tool (content not provable here);
2 the verification could not run.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from briefing import __version__
from briefing.errors import BriefingError

IDENTICAL, DIFFERENT, OTHER_VERSION = 0, 1, 3


def verify(pdf_path: Path, stream=sys.stdout, settings=None) -> int:
    """``settings``: the desk's configuration where verify runs, if any; a PDF made with that
    desk's theme (templates, stylesheets, catalogs, markings) is rebuilt with it."""
    from briefing import provenance as records

    def say(line: str) -> None:
        print(line, file=stream)

    from briefing.load import LoadError, read_bytes

    try:  # through the one reader: no FIFO, no device, a bounded size
        pdf = read_bytes(pdf_path, str(pdf_path), what="PDF")
    except LoadError as error:
        if error.message.endswith("not found"):
            raise BriefingError("no such file", file=str(pdf_path)) from None
        raise
    try:
        recorded, attached = records.read(pdf)
    except Exception as exc:  # pikepdf's errors for a file that is not a PDF
        raise BriefingError(f"not a readable PDF ({type(exc).__name__})", file=str(pdf_path)) from None
    if recorded is None:
        raise BriefingError("this PDF records no provenance: it was not made by briefing 0.2 or later",
                            file=str(pdf_path))
    from briefing import parts

    facts = attached.get(records.FACTS_NAME)
    try:
        folder = parts.from_attachments(attached) if facts is None else None
    except LoadError as error:
        raise BriefingError(error.message, file=str(pdf_path)) from None
    if folder is not None:  # a fact base kept as a folder: its parts, with their paths
        facts = parts.bundle(folder)
    say(f"{pdf_path}: made by briefing {recorded.tool_version}, locale {recorded.locale}, "
        f"fact base sha256:{recorded.facts[:16]}")
    if facts is None or records.sha256(facts) != recorded.facts:
        say("different: the attached fact base does not match the digest recorded in the PDF "
            "(the attachment was replaced or altered); refused")
        return DIFFERENT
    previous = attached.get(records.PREVIOUS_PREFIX + recorded.previous_name) if recorded.previous else None
    if recorded.previous and (previous is None or records.sha256(previous) != recorded.previous):
        say("different: the attached previous edition does not match the digest recorded in the PDF; refused")
        return DIFFERENT
    if recorded.tool_version != __version__:
        say(f"made by another version of the tool: the PDF by briefing {recorded.tool_version}, this is "
            f"briefing {__version__}; its content cannot be proven here (install {recorded.tool_version} to verify)")
        return OTHER_VERSION
    rebuilt, theme = _rebuild(folder or facts, recorded, previous, _theme_settings(recorded, settings, say))
    if rebuilt == pdf:
        say("identical: rebuilding the attached fact base gives these exact bytes")
        return IDENTICAL
    reasons = []
    if recorded.theme != theme:
        reasons.append("templates or catalogs (the PDF was made with "
                       + ("the built-in theme of another installation" if recorded.built_in_theme == "yes"
                          else "a desk's own templates, stylesheets, catalogs or default markings") + ")")
    if recorded.dependencies != records.dependencies_digest():
        reasons.append("installed dependencies (another lock file or environment)")
    say("different: the rebuilt PDF differs" + (f"; what differs: {'; '.join(reasons)}" if reasons
                                                else " though every recorded input matches"))
    return DIFFERENT


def _theme_settings(recorded, settings, say):
    """The desk settings to rebuild with: those of the folder verify runs in, when their theme
    is the one the PDF records; otherwise none (the built-in theme)."""
    from briefing.render.theme import Theme

    if recorded.built_in_theme == "yes" or settings is None:
        return None
    if Theme.from_settings(settings).digest(recorded.locale) != recorded.theme:
        return None
    say(f"rebuilding with this desk's theme ({settings.file})")
    return settings


def _rebuild(facts: bytes | dict[str, bytes], recorded, previous: bytes | None, settings=None) -> tuple[bytes, str]:
    """``facts``: a file's bytes, or a folder's parts (relative path -> bytes)."""
    import copy
    import io

    from briefing.build import SUFFIXES, build
    from briefing.errors import CheckFailed

    kind = "annex" if recorded.listing == "annex" else "pdf"  # the whole brief, or the brief's own PDF
    from briefing.render.theme import Theme

    with tempfile.TemporaryDirectory(prefix="briefing-verify-") as folder:
        root = Path(folder)
        facts_path = root / ("facts" if isinstance(facts, dict) else "facts.yaml")
        if isinstance(facts, dict):
            for relative, content in facts.items():  # names checked by parts.from_attachments
                (facts_path / relative).parent.mkdir(parents=True, exist_ok=True)
                (facts_path / relative).write_bytes(content)
        else:
            facts_path.write_bytes(facts)
        if previous is not None:
            target = (root / recorded.previous_name).resolve()
            if not target.is_relative_to(root.resolve()):
                raise BriefingError(f"the recorded previous edition {recorded.previous_name!r} leads outside "
                                    "the fact base's folder")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(previous)
        out = root / "out"
        desk = copy.copy(settings) if settings is not None else None
        if desk is not None:  # the desk's theme and rule selection; the fact base and output are here
            desk.facts, desk.out = [facts_path], out
        problems = io.StringIO()
        try:
            build(facts_path, out, [recorded.locale], (kind,), stream=problems, jobs=1, settings=desk)
        except CheckFailed:
            shown = "; ".join(line.split(": ", 1)[-1] for line in problems.getvalue().splitlines()[:3])
            raise BriefingError(f"the attached fact base does not pass this installation's check, so the PDF cannot "
                                f"be rebuilt here: {shown}") from None
        theme = Theme.from_settings(desk) if desk is not None else Theme()
        return (out / f"brief.{recorded.locale}.{SUFFIXES[kind]}").read_bytes(), theme.digest(recorded.locale)
