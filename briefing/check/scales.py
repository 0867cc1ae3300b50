"""The words of the grading scales as each locale's catalogs render them, for the rules that
look for scale vocabulary (estimative words in reported facts, one word on two scales).

The messages are those briefing/theme/_labels.j2 passes to gettext; a test holds this table
to the template's messages, so a renamed label cannot silently fall out of the checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefing.check.catalogs import catalogs, msgstr_line

# scale → its values' English messages (the msgids). The estimative terms of ICD 203 and of
# the PHIA yardstick form one scale: a brief uses one or the other, never both.
SCALES: dict[str, dict[str, str]] = {
    "estimative (ICD 203)": {
        "almost-no-chance": "almost no chance", "very-unlikely": "very unlikely", "unlikely": "unlikely",
        "roughly-even-chance": "roughly even chance", "likely": "likely", "very-likely": "very likely",
        "almost-certain": "almost certain", "remote-chance": "remote chance", "highly-unlikely": "highly unlikely",
        "realistic-possibility": "realistic possibility", "highly-likely": "highly likely"},
    "confidence": {"low": "low confidence", "moderate": "moderate confidence", "high": "high confidence"},
    "Admiralty reliability": {
        "A": "completely reliable", "B": "usually reliable", "C": "fairly reliable", "D": "not usually reliable",
        "E": "unreliable", "F": "reliability cannot be judged"},
    "Admiralty credibility": {
        "1": "confirmed by other sources", "2": "probably true", "3": "possibly true", "4": "doubtful",
        "5": "improbable", "6": "truth cannot be judged"},
}
ESTIMATIVE = "estimative (ICD 203)"


@dataclass(frozen=True)
class Label:
    """One scale value as a locale shows it, and the catalog entry it comes from."""

    scale: str
    value: str
    msgid: str
    text: str
    file: Path | None  # None: no catalog translates it, the English message is shown
    line: int  # the line of the entry's msgstr (1 when there is no catalog)


def labels(locale: str, folders: tuple[Path, ...], scales: tuple[str, ...] = tuple(SCALES)) -> list[Label]:
    """Every value of ``scales`` in ``locale``: the first catalog of the chain that translates it
    wins (as gettext's fallback does), else the English message."""
    chain = catalogs(locale, folders)
    found = []
    for scale in scales:
        for value, msgid in SCALES[scale].items():
            text, file, line = msgid, None, 1
            for path, catalog in chain:
                message = _entry(catalog, msgid)
                if message is not None and isinstance(message.string, str) and message.string.strip():
                    text, file, line = message.string, path, msgstr_line(path, message.lineno)
                    break
            found.append(Label(scale, value, msgid, text, file, line))
    return found


def _entry(catalog, msgid: str):
    """The catalog's entry for ``msgid``, with or without a context (pgettext)."""
    message = catalog.get(msgid)
    if message is None:
        message = next((m for m in catalog if m.id == msgid), None)
    return message
