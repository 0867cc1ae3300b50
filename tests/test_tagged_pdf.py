"""The PDF's structure tree, read back with pikepdf (tree) and pypdf (text of each marked
content): table cells headed by the right headers, every foreign-language span with its
/Lang, no marked content outside the tree, page furniture and leaders as artifacts, the
contents as TOC/TOCI with one link per entry described in the brief's language.

Expected header texts and titles are written by hand from facts.yaml and the French
catalog, not read from the output."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pypdf
import pytest
import yaml
from pikepdf import Array, Dictionary

from briefing.build import build

ROOT = Path(__file__).resolve().parent.parent
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def compact(text: str) -> str:
    """Text without any whitespace: line breaks in the PDF fall where they fall."""
    return re.sub(r"\s+", "", text)


def marked_texts(path: Path) -> tuple[dict[tuple[int, int], str], dict[int, str]]:
    """Text of each marked content (page, MCID), and each page's artifact text."""
    texts: dict[tuple[int, int], list[str]] = {}
    artifacts: dict[int, list[str]] = {}
    for index, page in enumerate(pypdf.PdfReader(path).pages):
        stack: list = []

        def before(operator, operands, cm, tm, stack=stack):
            if operator == b"BDC":
                stack.append("artifact" if operands[0] == "/Artifact" else operands[1].get("/MCID"))
            elif operator == b"BMC":
                stack.append("artifact" if operands[0] == "/Artifact" else None)
            elif operator == b"EMC":
                stack.pop()

        def text(piece, cm, tm, font, size, stack=stack, index=index):
            mark = next((m for m in reversed(stack) if m is not None), None)
            if mark == "artifact":
                artifacts.setdefault(index, []).append(piece)
            elif mark is not None:
                texts.setdefault((index, mark), []).append(piece)
            elif piece.strip():
                texts.setdefault((index, -1), []).append(piece)  # text marked as nothing

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return ({k: " ".join(v) for k, v in texts.items()}, {k: " ".join(v) for k, v in artifacts.items()})


class Structure:
    """A PDF's structure tree with the text under each element."""

    def __init__(self, path: Path) -> None:
        self.pdf = pikepdf.open(path)
        self.root = self.pdf.Root.StructTreeRoot
        self.page = {p.obj.objgen: i for i, p in enumerate(self.pdf.pages)}
        self.texts, self.artifacts = marked_texts(path)
        names = list(self.root.IDTree.Names) if "/IDTree" in self.root else []
        self.ids = {str(k): v for k, v in zip(names[::2], names[1::2], strict=True)}

    def kids(self, element) -> list:
        k = element.get("/K")
        return [] if k is None else list(k) if isinstance(k, Array) else [k]

    def children(self, element) -> list:
        return [k for k in self.kids(element) if isinstance(k, Dictionary) and "/S" in k]

    def walk(self, element=None):
        for child in self.children(self.root if element is None else element):
            yield child
            yield from self.walk(child)

    def content(self, element, deep: bool = True) -> list[tuple[int, int]]:
        """Marked content under ``element`` (with ``deep``, under its descendants too)."""
        found = []
        for kid in self.kids(element):
            if isinstance(kid, int):
                found.append((self.page[element.Pg.objgen], kid))
            elif isinstance(kid, Dictionary) and kid.get("/Type") == "/MCR":
                found.append((self.page[kid.Pg.objgen], int(kid.MCID)))
            elif isinstance(kid, Dictionary) and "/S" in kid and deep:
                found.extend(self.content(kid))
        return found

    def text(self, element) -> str:
        return " ".join(self.texts.get(piece, "") for piece in self.content(element))

    def headers(self, cell) -> list[str]:
        return [compact(self.text(self.ids[str(key)])) for key in cell.A.get("/Headers", [])]


@pytest.fixture(scope="module")
def port_fire(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("port-fire")
    build(ROOT / "examples" / "port-fire" / "facts.yaml", out)
    return out


@pytest.fixture(scope="module")
def french(built) -> Structure:
    return Structure(built / "brief.fr.pdf")


def tables(structure: Structure, caption_start: str) -> list:
    found = []
    for element in structure.walk():
        if element.S == "/Table":
            captions = [c for c in structure.children(element) if c.S == "/Caption"]
            if captions and compact(structure.text(captions[0])).startswith(compact(caption_start)):
                found.append(element)
    return found


def rows(structure: Structure, table) -> list[list]:
    return [[c for c in structure.children(tr) if c.S in ("/TH", "/TD")]
            for tr in structure.walk(table) if tr.S == "/TR"]


# From facts.yaml (gifts, in French) and the French catalog ("De → à", "Cadeau", ...).
PUTIN_TO_KIM, KIM_TO_PUTIN = "Vladimir Poutine → Kim Jong-un", "Kim Jong-un → Vladimir Poutine"
SUMMIT_GIFTS = [("Gant de scaphandre ayant voyagé dans l'espace", PUTIN_TO_KIM),
                ("Paire de gants d'une combinaison spatiale", PUTIN_TO_KIM),
                ("Fusil (carabine) de fabrication russe", PUTIN_TO_KIM),
                ("Fusil (carabine) de fabrication nord-coréenne", KIM_TO_PUTIN)]
EARLIER_GIFTS = [("Épée", PUTIN_TO_KIM), ("Épée", KIM_TO_PUTIN)]


@pytest.mark.parametrize(("caption", "gifts"), [("(NC//SO) Échange de cadeaux, 13 septembre 2023", SUMMIT_GIFTS),
                                                ("(NC//SO) Occasions antérieures ou non précisées", EARLIER_GIFTS)])
def test_every_gift_cell_is_headed_by_its_direction_and_column(french, caption, gifts):
    (table,) = tables(french, caption)
    body = [row for row in rows(french, table) if any(c.S == "/TD" for c in row)]
    assert len(body) == len(gifts)
    for row, (item, direction) in zip(body, gifts, strict=True):
        data = [c for c in row if c.S == "/TD"]
        assert compact(french.text(data[0])).startswith(compact(item))
        expected = [[compact(direction), compact(column)] for column in ("Cadeau", "Sources", "Crédibilité")]
        assert [french.headers(cell) for cell in data] == expected, item
    # The direction heads rows, the head's cells head columns.
    scopes = {compact(french.text(th)): str(th.A.Scope) for th in french.walk(table) if th.S == "/TH"}
    assert scopes == {compact("De → à"): "/Column", compact("Cadeau"): "/Column", "Sources": "/Column",
                      compact("Crédibilité"): "/Column", **{compact(d): "/Row" for _, d in gifts}}


def test_every_chronology_cell_is_headed_by_its_column(french):
    pieces = tables(french, "(NC//SO) Événements dans l'ordre chronologique")
    assert pieces, "no chronology table"
    cells = 0
    for table in pieces:
        for row in rows(french, table):
            if all(c.S == "/TH" for c in row):
                assert [str(c.A.Scope) for c in row] == ["/Column"] * 4
                continue
            assert [french.headers(c) for c in row] == [["Date"], [compact("Événement")], ["Lieu"],
                                                        [compact("Crédibilité")]]
            cells += len(row)
    events = yaml.safe_load((ROOT / "facts.yaml").read_text(encoding="utf-8"))["events"]
    assert cells == 4 * len(events)


class _LangSpans(HTMLParser):
    """(lang, text) of each element whose lang differs from the one it inherits, leaving out
    the elements the print stylesheet hides (the cover's links to other editions)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[dict] = []
        self.found: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        parent = self.stack[-1] if self.stack else {"lang": "", "hidden": False, "languages": False}
        lang = attrs.get("lang") or parent["lang"]
        languages = parent["languages"] or (tag == "nav" and "languages" in (attrs.get("class") or ""))
        node = {"lang": lang, "text": [], "languages": languages,
                "hidden": parent["hidden"] or tag in ("head", "style") or (languages and tag == "a")}
        if tag in VOID:
            return
        if attrs.get("lang") and lang != parent["lang"] and tag != "html" and not node["hidden"]:
            self.found.append(node)
        self.stack.append(node)

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        for node in self.stack:
            node["text"].append(data)


def lang_spans(html: Path) -> list[tuple[str, str]]:
    parser = _LangSpans()
    parser.feed(html.read_text(encoding="utf-8"))
    return [(node["lang"], compact("".join(node["text"]))) for node in parser.found]


@pytest.mark.parametrize("locale", ["en", "fr", "ru", "ko"])
def test_every_foreign_language_span_keeps_its_language(built, locale):
    spans = lang_spans(built / f"brief.{locale}.html")
    assert len(spans) >= 10  # quotations, original names, cited titles
    structure = Structure(built / f"brief.{locale}.pdf")
    page_language = str(structure.pdf.Root.Lang)
    assert page_language == locale
    # Text of the outermost elements carrying each /Lang, in reading order.
    by_lang: dict[str, str] = {}

    def walk(element, inherited):
        for child in structure.children(element):
            own = str(child.get("/Lang", inherited))
            assert "/Lang" not in child or own != inherited, "a /Lang the element inherits anyway"
            if own != inherited:
                by_lang[own] = by_lang.get(own, "") + compact(structure.text(child))
            walk(child, own)

    walk(structure.root, page_language)
    for lang, text in spans:
        assert text in by_lang.get(lang, ""), (lang, text)
    assert set(by_lang) == {lang for lang, _ in spans}


def check_marked_content(structure: Structure) -> None:
    """Every MCID of every page is reached from the root, once; every annotation too."""
    nums = list(structure.root.ParentTree.Nums)
    parent_tree = dict(zip([int(k) for k in nums[::2]], nums[1::2], strict=True))
    reached = {}
    for element in structure.walk():
        for piece in structure.content(element, deep=False):
            assert piece not in reached, piece
            reached[piece] = element
    for index, page in enumerate(structure.pdf.pages):
        for instruction in pikepdf.parse_content_stream(page):
            if str(instruction.operator) == "BDC" and instruction.operands[0] != "/Artifact":
                mcid = int(instruction.operands[1].MCID)
                assert (index, mcid) in reached, f"page {index + 1}: MCID {mcid} outside the tree"
                owner = parent_tree[int(page.obj.StructParents)][mcid]
                assert owner.objgen == reached[(index, mcid)].objgen
        for annotation in page.obj.get("/Annots", []):
            owner = parent_tree[int(annotation.StructParent)]
            assert any(isinstance(k, Dictionary) and k.get("/Type") == "/OBJR" and k.Obj.objgen == annotation.objgen
                       for k in structure.kids(owner))
    assert (-1 not in {mcid for _, mcid in structure.texts}), "text outside any marked content"


def test_no_marked_content_outside_the_tree(built, port_fire):
    for path in [built / "brief.fr.pdf", built / "brief.ko.pdf", port_fire / "brief.en.pdf"]:
        check_marked_content(Structure(path))


def test_running_headers_and_footers_are_artifacts(french):
    pages = len(french.pdf.pages)
    tagged = {page: "" for page in range(pages)}
    for (page, _), text in french.texts.items():
        tagged[page] += compact(text)
    for page in range(pages):
        furniture = compact(french.artifacts.get(page, ""))
        # The @page footer (French catalog: "Page n sur N") and the handling marking.
        assert f"Page{page + 1}sur{pages}" in furniture
        assert f"Page{page + 1}sur{pages}" not in tagged[page]
        assert compact("NON CLASSIFIÉ // SOURCES OUVERTES") in furniture
        if page > 0:  # the running title from the second page on
            assert compact("Sommets Russie–Corée du Nord, 2023–2024") in furniture
            assert compact("Sommets Russie–Corée du Nord, 2023–2024") not in tagged[page]


def test_contents_is_one_toc_item_and_one_link_per_entry(french):
    (toc,) = [e for e in french.walk() if e.S == "/TOC"]
    items = french.children(toc)
    assert [i.S for i in items] == ["/TOCI"] * len(items)
    titles = []
    for item in items:
        links = [e for e in french.walk(item) if e.S == "/Link"]
        assert len(links) == 1
        descriptions = {str(k.Obj.Contents) for k in french.kids(links[0])
                        if isinstance(k, Dictionary) and k.get("/Type") == "/OBJR"}
        assert len(descriptions) == 1
        titles.append(descriptions.pop())
        assert "." * 3 not in french.text(item), "leader dots are read out"
    # Section titles from the French catalog, in the brief's order.
    for title in ("L'essentiel et jugements clés", "Chronologie", "Sources"):
        assert title in titles
    assert "chronology" not in titles and "summary" not in titles
    # No link anywhere is described by its raw target id; citations name their source.
    links = [a for page in french.pdf.pages for a in page.obj.get("/Annots", []) if a.Subtype == "/Link"]
    assert all(str(a.Contents) != str(a.get("/Dest", "")) for a in links)
    assert "1 (Sputnik Afrique)" not in {str(a.Contents) for a in links}  # source 2 is Sputnik
    assert "2 (Sputnik Afrique)" in {str(a.Contents) for a in links}


def test_structure_is_valid_and_reproducible(built, port_fire, tmp_path):
    for path in [built / "brief.fr.pdf", port_fire / "brief.en.pdf"]:
        result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
    again = tmp_path / "again"
    build(ROOT / "examples" / "port-fire" / "facts.yaml", again)
    for pdf in port_fire.glob("*.pdf"):
        assert (again / pdf.name).read_bytes() == pdf.read_bytes(), pdf.name


def test_figures_keep_their_alternative_text(french):
    alternatives = [str(e.get("/Alt", "")) for e in french.walk() if e.S == "/Figure"]
    assert len(alternatives) == 2 and all(alternatives)  # the timeline and the locator
    assert "Frise chronologique des principaux événements" in alternatives  # French catalog


def test_an_element_broken_across_pages_is_one_element(french, built):
    html = (built / "brief.fr.html").read_text(encoding="utf-8")
    kinds = [e.S for e in french.walk()]
    assert kinds.count("/Sect") == html.count("<section") > 5  # one per section of the brief
    assert kinds.count("/Part") == html.count("<main") == 1
