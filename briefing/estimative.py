"""The estimative-language scales judgments are written in, and the probabilities each term
stands for (US ICD 203; UK Professional Head of Intelligence Assessment yardstick)."""

from __future__ import annotations

SCALES: dict[str, list[str]] = {
    "ICD 203": ["almost-no-chance", "very-unlikely", "unlikely", "roughly-even-chance",
                "likely", "very-likely", "almost-certain"],
    "PHIA": ["remote-chance", "highly-unlikely", "unlikely", "realistic-possibility",
             "likely", "highly-likely", "almost-certain"],
}

RANGES: dict[str, dict[str, tuple[int, int]]] = {
    "ICD 203": {"almost-no-chance": (1, 5), "very-unlikely": (5, 20), "unlikely": (20, 45),
                "roughly-even-chance": (45, 55), "likely": (55, 80), "very-likely": (80, 95),
                "almost-certain": (95, 99)},
    "PHIA": {"remote-chance": (0, 5), "highly-unlikely": (10, 20), "unlikely": (25, 35),
             "realistic-possibility": (40, 50), "likely": (55, 75), "highly-likely": (80, 90),
             "almost-certain": (95, 100)},
}


def scales_of(term: str) -> set[str]:
    return {name for name, terms in SCALES.items() if term in terms}


def scale_used(terms: list[str]) -> str | None:
    """The one scale a set of judgment terms is written in (ICD 203 when they fit both)."""
    candidates = set(SCALES)
    for term in terms:
        candidates &= scales_of(term) or candidates
    if not terms or not candidates:
        return None
    return "ICD 203" if "ICD 203" in candidates else sorted(candidates)[0]
