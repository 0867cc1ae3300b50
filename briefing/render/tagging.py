"""A structure tree a screen reader gets right, on top of the one WeasyPrint writes.

WeasyPrint 70 tags the PDF (PDF/A "a" and UA variants) but: it drops every element's
``lang``; it tags the text of @page margin boxes (running headers, footers, the marking)
with structure elements it never links into the tree, so that content is neither read
nor an artifact; a link's pseudo-elements and a ``leader()`` become Links nested in the
link, dots included; link annotations get the raw target id as their description; a
row header spanning rows heads only the first of them, TH carry no /Scope, and the
/ID-/Headers pairs it writes have no IDTree.

Two steps mend that. While WeasyPrint builds the tree, :func:`install` notes on each
structure element what only the HTML knows (its ``lang``; a leader; the contents'
``role="doc-toc"``; a link's text for its annotation; which HTML element it comes from).
After the PDF is written, :func:`repair` restructures the tree with pikepdf: orphaned
and leader content becomes /Artifact marked content, nested Links merge, the pieces of
an element split across lines or pages (WeasyPrint builds the tree page by page) join
into one element, the contents become TOC/TOCI, table headers are recomputed on the
table's grid (see :mod:`briefing.render.tables`), and the ParentTree is rebuilt from the
tree, so every MCID left in a content stream belongs to exactly one reachable element.
No date, random id or object order enters, so the bytes stay reproducible.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pikepdf
from pikepdf import Dictionary, Name

from briefing.render import tables
from briefing.render.structure import Tree

ARTIFACT_MARK = Name("/BriefingArtifact")
TOC_MARK = Name("/BriefingTOC")
SCOPES = {"row": "Row", "rowgroup": "Row", "col": "Column", "colgroup": "Column"}


def install() -> None:
    """Wrap WeasyPrint's tree builder once (idempotent, stateless, so thread-safe): each
    structure element it yields is annotated from the HTML element of its box."""
    import pydyf
    from weasyprint.pdf import tags as engine

    builder = getattr(engine, "_build_box_tree", None)
    if builder is None or getattr(builder, "briefing_annotates", False):
        return  # already wrapped; or another WeasyPrint (tests/test_tagged_pdf.py will tell)

    def annotated(box, *args, **kwargs) -> Iterator:
        for element in builder(box, *args, **kwargs):
            _annotate(element, getattr(box, "_box", box), pydyf)
            yield element

    annotated.briefing_annotates = True  # type: ignore[attr-defined]
    engine._build_box_tree = annotated


def _annotate(element, box, pydyf) -> None:
    html = box.element
    if getattr(box, "is_leader", False):
        element["BriefingArtifact"] = "true"
    if html is None or box.element_tag in ("html", "body"):
        return
    if lang := html.get("lang"):
        element["Lang"] = pydyf.String(lang)
    # The pieces of an element split by lines or pages (a section, a table, a quotation)
    # share its HTML element: the identity of that element joins them afterwards.
    element["BriefingNode"] = pydyf.String(str(id(html)))
    if str(element["S"]) == "/TH" and html.get("scope") in SCOPES:
        element["A"]["Scope"] = "/" + SCOPES[html.get("scope")]  # pydyf writes "/…" strings as names
    if html.get("role") == "doc-toc":
        element["BriefingTOC"] = "true"
    annotation = getattr(box, "link_annotation", None)
    if annotation is not None:
        # The annotation's description is what a reader hears for the link: its own
        # label or text, in the brief's language, rather than the target's id.
        words = html.get("aria-label") or " ".join("".join(html.itertext()).split())
        if html.get("title") and not html.get("aria-label"):
            words = f"{words} ({html.get('title')})" if words else html.get("title")
        if words:
            annotation["Contents"] = pydyf.String(words)


def repair(pdf: bytes) -> bytes:
    """``pdf`` with its structure tree repaired (see the module's documentation)."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        if "/StructTreeRoot" not in document.Root:
            return pdf
        tree = Tree(document)
        # Running headers and footers (orphaned content) are pagination; leaders, layout.
        artifacts = dict.fromkeys(tree.orphaned_content(), "/Pagination")
        for element in tree.elements():
            if ARTIFACT_MARK in element:
                artifacts.update(dict.fromkeys(tree.content_of(element), "/Layout"))
                tree.detach(element)
        tree.merge_nested_links()
        artifacts.update(dict.fromkeys(tables.join_pieces(tree), "/Pagination"))
        tree.join_split(tables.PIECE_MARK)
        for element in tree.elements():
            if TOC_MARK in element:
                _contents(tree, element)
            if tables.PIECE_MARK in element:
                del element[tables.PIECE_MARK]
        tables.mend(tree)
        tree.prune_languages(str(document.Root.get("/Lang", "")))
        tree.rebuild_parent_tree()
        tree.make_artifacts(artifacts)
        # WeasyPrint's /ID hashes the tree it wrote, marks included; qpdf derives a
        # new one from the repaired content instead.
        del document.trailer["/ID"]
        out = io.BytesIO()
        document.save(out, deterministic_id=True)
    return out.getvalue()


def _contents(tree: Tree, nav: Dictionary) -> None:
    """The contents' list becomes a TOC; each item a TOCI holding its number (Lbl) and a
    Reference to the one Link of the entry."""
    lists = [e for e in tree.descendants(nav) if e.S == "/L"]
    if not lists:
        return
    toc = lists[0]
    toc.S = Name("/TOC")
    for item in tree.children(toc):
        if item.S != "/LI":
            continue
        item.S = Name("/TOCI")
        kids: list = []
        for kid in tree.kids(item):
            if isinstance(kid, Dictionary) and kid.get("/S") == "/LBody":
                # An LBody holding a Link: the Link goes in a Reference.
                reference = tree.new_element("/Reference", item, tree.kids(kid))
                kids.append(reference)
            else:
                kids.append(kid)
        tree.set_kids(item, kids)
    del nav[TOC_MARK]


