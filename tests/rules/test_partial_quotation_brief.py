"""A quotation the fact base marks as truncated says so in the brief: it ends with the
bracketed ellipsis inside its quotation marks, and a whole one does not."""

from __future__ import annotations

import io
import re

from briefing.build import build
from conftest import FACTS


def test_cut_quotation_ends_with_an_ellipsis(tmp_path):
    build(FACTS, tmp_path, locales=["en"], formats=("html",), stream=io.StringIO())
    html = (tmp_path / "brief.en.html").read_text(encoding="utf-8")
    mark = '<span class="quote-cut"> […]</span>'
    quotes = dict(re.findall(rf'<q lang="fr">(.*?)({re.escape(mark)})?</q>', html))
    # st-2023-putin-space: the Lomé-dated page's quotation goes on past "ici." (truncated: true)
    assert quotes["C’est pour cela que nous sommes venus ici."] == mark
    # st-2023-kim-100-years: all the article puts between its quotation marks
    assert quotes["plan de 100 ans"] == ""
