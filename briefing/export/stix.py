"""``briefing export FACTS --format stix``: the fact base as a STIX 2.1 bundle.

The mapping (documented as a table for the README):

- ``meta`` → ``report`` (name = title, description = subject, published = as_of,
  object_refs = every SDO of the bundle); the desk → an ``identity`` that created every object;
- sources → ``external_references`` of the objects that cite them (and of the report, which
  lists every source), with the reliability grade and reason as ``x_briefing_*`` properties;
- participants → ``identity``; venues → ``location``;
- every claim type (found through the model, not listed here) → ``note`` with its Admiralty
  credibility as STIX ``confidence`` (Appendix A); judgments → ``note`` with the estimative term;
- conflicts → ``grouping`` of the disagreeing claims;
- ``meta.marking`` → a statement ``marking-definition`` (or the STIX TLP marking) on every object;
- texts in the first locale carry ``lang``; the other locales are ``language-content`` objects.

Everything is deterministic: ids are UUIDv5 of the object type and record id, every
timestamp is ``meta.as_of`` at midnight UTC, and the JSON has sorted keys.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from briefing.errors import BriefingError
from briefing.export._objects import NAMESPACE, Exporter, credibility_confidence, stix_id
from briefing.model import FactBase
from briefing.outputs import write_all

__all__ = ["NAMESPACE", "credibility_confidence", "export_stix", "run", "stix_id"]


def export_stix(facts: FactBase, facts_bytes: bytes, default_marking: dict[str, str] | None = None) -> str:
    """The fact base as a STIX 2.1 bundle, JSON text with sorted keys (same input, same bytes).
    ``default_marking``: the desk's, when the fact base sets none (as the brief uses it)."""
    bundle = Exporter(facts, facts_bytes, default_marking).bundle()
    return bundle.serialize(sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def run(facts_path: Path, out: Path | None, stream: TextIO = sys.stderr, settings=None) -> int:
    """Load and check like the build, with the desk's ``settings`` (problems printed to
    ``stream``); on any error write nothing and return its exit status; else write the bundle
    to ``out`` (atomically) or stdout."""
    from briefing import parts
    from briefing.build import load_and_check

    try:
        source = parts.read(facts_path)  # read once (a file or a folder): the checked bytes are the exported ones
        facts = load_and_check(facts_path, stream, settings, source=source)
        text = export_stix(facts, source.bundle(), settings.marking if settings is not None else None)
    except BriefingError as error:
        print(error.format(), file=stream)
        return error.exit_code
    if out is None:
        sys.stdout.write(text)
        return 0
    try:
        write_all({out: text.encode("utf-8")})  # atomically, with the mode any new file gets
    except BriefingError as error:  # write_all names the system's reason
        print(f"{out}: error: {error.message}", file=stream)
        return 2
    return 0
