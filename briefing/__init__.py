"""briefing: check a curated fact base and render it into sourced, localized briefs.

The pipeline, one module per stage: ``load`` (YAML with positions) -> ``model``
(typed fact base) -> ``check`` (rules) -> ``render`` (HTML through Jinja, then PDF
through WeasyPrint). Data flows one way.
"""

__version__ = "0.2.0"
