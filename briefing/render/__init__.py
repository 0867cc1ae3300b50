"""Rendering: the checked fact base through Jinja to HTML, then through WeasyPrint to PDF."""
