"""A PDF's logical structure tree as pikepdf objects, with the few edits the brief needs.

Kids of a structure element (/K) are marked-content ids (integers, on the element's page
/Pg), marked-content references (/MCR, for another page), object references (/OBJR, to
annotations) or other structure elements. The ParentTree, which maps each MCID and
annotation back to its element, is rebuilt from the tree after the edits rather than
patched, so the two cannot disagree.
"""

from __future__ import annotations

from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

Content = tuple[int, int]
"""A piece of marked content: (page index, MCID)."""


def is_element(kid) -> bool:
    return isinstance(kid, Dictionary) and "/S" in kid


def _same(a, b) -> bool:
    return a.is_indirect and b.is_indirect and a.objgen == b.objgen


class Tree:
    def __init__(self, document: pikepdf.Pdf) -> None:
        self.document = document
        self.root = document.Root.StructTreeRoot
        self.page_index = {page.obj.objgen: i for i, page in enumerate(document.pages)}
        # Kids by element: reading /K through pikepdf costs more than the whole repair
        # otherwise; set_kids, the one way the tree is edited, keeps this current.
        self._kids: dict[tuple[int, int], list] = {}

    # Reading ---------------------------------------------------------------------------
    def kids(self, element) -> list:
        key = element.objgen
        if key in self._kids:
            return list(self._kids[key])
        k = element.get("/K")
        kids = [] if k is None else list(k) if isinstance(k, Array) else [k]
        if element.is_indirect:
            self._kids[key] = kids
        return list(kids)

    def children(self, element) -> list:
        return [kid for kid in self.kids(element) if is_element(kid)]

    def descendants(self, element) -> list:
        found = []
        for child in self.children(element):
            found.append(child)
            found.extend(self.descendants(child))
        return found

    def elements(self) -> list:
        """Every element reachable from the root, parents before children, in reading order."""
        return [e for top in self.children(self.root) for e in [top, *self.descendants(top)]]

    def content_of(self, element, deep: bool = True) -> set[Content]:
        """Marked content under ``element`` (with ``deep``, under its descendants too)."""
        found: set[Content] = set()
        page = self.page_index.get(element.Pg.objgen) if "/Pg" in element else None
        for kid in self.kids(element):
            if isinstance(kid, int) and page is not None:
                found.add((page, kid))
            elif is_element(kid):
                if deep:
                    found |= self.content_of(kid)
            elif isinstance(kid, Dictionary) and kid.get("/Type") == "/MCR":
                found.add((self.page_index[kid.get("/Pg", element.get("/Pg")).objgen], int(kid.MCID)))
        return found

    def orphaned_content(self) -> set[Content]:
        """Marked content the ParentTree gives to elements the tree does not reach (what
        WeasyPrint writes for margin boxes)."""
        reached: set[Content] = set()
        for element in self.elements():
            reached |= self.content_of(element, deep=False)
        orphaned: set[Content] = set()
        nums = list(self.root.ParentTree.get("/Nums", []))
        by_key = {page.obj.get("/StructParents"): i for i, page in enumerate(self.document.pages)}
        for key, value in zip(nums[::2], nums[1::2], strict=False):
            if key in by_key and isinstance(value, Array):
                orphaned |= {(by_key[key], mcid) for mcid in range(len(value))
                             if (by_key[key], mcid) not in reached}
        return orphaned

    # Editing ---------------------------------------------------------------------------
    def set_kids(self, element, kids: list) -> None:
        for kid in kids:
            if is_element(kid):
                kid.P = element
        element.K = Array(kids)
        if element.is_indirect:
            self._kids[element.objgen] = list(kids)

    def moved(self, kids: list, source, target) -> list:
        """``kids`` of ``source`` made valid under ``target``: an MCID on another page than
        the target's becomes a marked-content reference to its page."""
        if "/Pg" not in source or ("/Pg" in target and _same(source.Pg, target.Pg)):
            return kids
        return [Dictionary(Type=Name.MCR, Pg=source.Pg, MCID=kid) if isinstance(kid, int) else kid
                for kid in kids]

    def detach(self, element) -> None:
        """Take ``element`` out of the tree; the annotations it referred to (a link's
        pieces) stay with its parent, since every annotation must be in the tree."""
        parent = element.P
        kids = []
        for kid in self.kids(parent):
            if is_element(kid) and _same(kid, element):
                kids.extend(self._annotations(element))
            else:
                kids.append(kid)
        self.set_kids(parent, kids)

    def _annotations(self, element) -> list:
        found = []
        for kid in self.kids(element):
            if is_element(kid):
                found.extend(self._annotations(kid))
            elif isinstance(kid, Dictionary) and kid.get("/Type") == "/OBJR":
                found.append(kid)
        return found

    def new_element(self, kind: str, parent, kids: list):
        element = self.document.make_indirect(Dictionary(Type=Name.StructElem, S=Name(kind), P=parent, K=Array()))
        if "/Pg" in parent:
            element.Pg = parent.Pg
        self.set_kids(element, kids)
        return element

    def merge_nested_links(self) -> None:
        """A link's pseudo-elements are Links inside the Link: one Link per link."""
        for top in self.children(self.root):
            self._merge(top, inside_link=False)

    def _merge(self, element, inside_link: bool) -> None:
        inside = inside_link or element.S == "/Link"
        kids = []
        for kid in self.kids(element):
            if is_element(kid):
                self._merge(kid, inside)
                if inside and kid.S == "/Link":
                    kids.extend(self.moved(self.kids(kid), kid, element))
                    continue
            kids.append(kid)
        self.set_kids(element, kids)

    def join_split(self, mark: Name) -> None:
        """Join adjacent siblings of one kind that carry the same ``mark`` (the pieces of
        one HTML element) into the first; then the seams inside the joined elements."""
        self._join(self.root, mark)

    def _join(self, parent, mark: Name) -> None:
        kids: list = []
        for kid in self.kids(parent):
            last = kids[-1] if kids else None
            if (last is not None and is_element(kid) and is_element(last) and mark in kid and mark in last
                    and str(kid[mark]) == str(last[mark]) and kid.S == last.S):
                self.set_kids(last, self.kids(last) + self.moved(self.kids(kid), kid, last))
                continue
            kids.append(kid)
        self.set_kids(parent, kids)
        for kid in kids:
            if is_element(kid):
                self._join(kid, mark)

    def prune_languages(self, page_language: str) -> None:
        """Drop each /Lang its element would inherit anyway."""
        def walk(element, inherited: str) -> None:
            own = str(element.get("/Lang", inherited))
            if "/Lang" in element and own == inherited:
                del element["/Lang"]
            for child in self.children(element):
                walk(child, own)

        for top in self.children(self.root):
            walk(top, page_language)

    def rebuild_parent_tree(self) -> None:
        pages: dict[int, dict[int, Any]] = {}
        annotations: dict[int, Any] = {}
        for element in self.elements():
            page = self.page_index.get(element.Pg.objgen) if "/Pg" in element else None
            for kid in self.kids(element):
                if isinstance(kid, int) and page is not None:
                    pages.setdefault(page, {})[kid] = element
                elif isinstance(kid, Dictionary) and kid.get("/Type") == "/MCR":
                    on = self.page_index[kid.get("/Pg", element.get("/Pg")).objgen]
                    pages.setdefault(on, {})[int(kid.MCID)] = element
                elif isinstance(kid, Dictionary) and kid.get("/Type") == "/OBJR":
                    annotations[int(kid.Obj.StructParent)] = element
        entries: dict[int, Any] = dict(annotations)
        for index, pdf_page in enumerate(self.document.pages):
            if "/StructParents" in pdf_page.obj:
                mapping = pages.get(index, {})
                size = max(mapping, default=-1) + 1
                entries[int(pdf_page.obj.StructParents)] = self.document.make_indirect(
                    Array([mapping.get(mcid) for mcid in range(size)]))
        nums: list[Any] = []
        for key in sorted(entries):
            nums.extend([key, entries[key]])
        self.root.ParentTree = self.document.make_indirect(Dictionary(Nums=Array(nums)))
        self.root.ParentTreeNextKey = max(entries, default=-1) + 1

    def make_artifacts(self, contents: dict[Content, str]) -> None:
        """Turn the marked content ``contents`` into /Artifact of the given type
        (/Pagination, /Layout) in the pages' streams."""
        for index, page in enumerate(self.document.pages):
            mcids = {mcid: kind for (on, mcid), kind in contents.items() if on == index}
            if not mcids:
                continue
            instructions = []
            for instruction in pikepdf.parse_content_stream(page):
                operands = instruction.operands
                if (str(instruction.operator) == "BDC" and len(operands) == 2
                        and isinstance(operands[1], Dictionary) and operands[1].get("/MCID") in mcids):
                    kind = Name(mcids[int(operands[1].MCID)])
                    instruction = pikepdf.ContentStreamInstruction(
                        [Name.Artifact, Dictionary(Type=kind)], pikepdf.Operator("BDC"))
                instructions.append(instruction)
            page.obj.Contents = self.document.make_stream(pikepdf.unparse_content_stream(instructions))
