"""Exports of a checked fact base to other formats (``briefing export FACTS --format …``).

- :mod:`briefing.export.stix`: a STIX 2.1 bundle (``export_stix``, and ``run`` for the command line).
"""

from briefing.export.stix import export_stix, run

__all__ = ["export_stix", "run"]
