"""Table headers in the structure tree, worked out on each table's grid.

WeasyPrint 70 gives a data cell the header that starts in its own row only, so with a
row header spanning three rows (``rowspan``), the second and third rows lose it (and its
column count drifts); it writes no /Scope and no IDTree for the /ID-/Headers pairs. Here
each Table's rows are laid on a grid the way HTML's table model does (a cell spanning
rows or columns occupies every slot it covers), then:

- a TH heads rows or columns as its HTML ``scope`` says; without one, a TH in the head
  or in a row of headers only heads its columns (/Scope /Column), a TH in a body row
  with data cells its rows (/Scope /Row);
- each TD lists (/Headers) the row headers of every row it covers and the column headers
  of every column it covers, by /ID;
- the IDs (stable: table, row and column numbers) are indexed in the root's IDTree.

A table broken across pages comes out of WeasyPrint as one Table per page; the pieces
(marked with their HTML element while the tree was built) are joined into the first,
and the header and footer rows repeated on the following pages become artifacts.
"""

from __future__ import annotations

from typing import Any

from pikepdf import Array, Dictionary, Name, String

from briefing.render.structure import Content

from briefing.render.structure import Tree

SECTIONS = ("/THead", "/TBody", "/TFoot")
PIECE_MARK = Name("/BriefingNode")


def join_pieces(tree: Tree) -> set[Content]:
    """Join each table's pieces into its first; return the repeated rows' content."""
    repeated: set[Content] = set()
    first: dict[str, Any] = {}
    for table in [e for e in tree.elements() if e.S == "/Table" and PIECE_MARK in e]:
        key = str(table[PIECE_MARK])
        if key not in first:
            first[key] = table
            continue
        whole = first[key]
        for part in tree.children(table):
            if part.S in ("/THead", "/TFoot"):
                repeated |= tree.content_of(part)
            elif part.S == "/TBody":
                bodies = [b for b in tree.children(whole) if b.S == "/TBody"]
                if bodies:
                    tree.set_kids(bodies[-1], tree.kids(bodies[-1]) + tree.moved(tree.kids(part), part, bodies[-1]))
                else:
                    tree.set_kids(whole, tree.kids(whole) + [part])
            elif part.S != "/Caption":
                tree.set_kids(whole, tree.kids(whole) + [part])
        tree.detach(table)
    return repeated


def mend(tree: Tree) -> None:
    ids: dict[str, Any] = {}
    tables = [e for e in tree.elements() if e.S == "/Table"]
    for number, table in enumerate(tables, start=1):
        ids.update(_mend_table(tree, table, number))
    if ids:
        tree.root.IDTree = tree.document.make_indirect(
            Dictionary(Names=Array([x for key in sorted(ids) for x in (String(key), ids[key])])))
    elif "/IDTree" in tree.root:
        del tree.root["/IDTree"]


def _rows(tree: Tree, table) -> list[tuple[str, Any]]:
    """(section, row) for each TR, in order; a row outside a section is in the body."""
    rows = []
    for child in tree.children(table):
        if child.S == "/TR":
            rows.append(("/TBody", child))
        elif child.S in SECTIONS:
            rows.extend((str(child.S), row) for row in tree.children(child) if row.S == "/TR")
    return rows


def _attributes(cell) -> Dictionary:
    """The cell's table attributes (/O /Table), created when missing."""
    attributes = cell.get("/A")
    candidates = list(attributes) if isinstance(attributes, Array) else [attributes] if attributes is not None else []
    for candidate in candidates:
        if isinstance(candidate, Dictionary) and candidate.get("/O") == "/Table":
            return candidate
    table = Dictionary(O=Name.Table)
    cell.A = Array([*candidates, table]) if candidates else table
    return table


def _mend_table(tree: Tree, table, number: int) -> dict[str, Any]:
    slots: dict[tuple[int, int], Any] = {}
    placed: list[tuple[Any, int, int, int, int]] = []  # cell, row, column, rows, columns
    scopes: dict[tuple[int, int], str] = {}
    for r, (section, row) in enumerate(_rows(tree, table)):
        cells = [c for c in tree.children(row) if c.S in ("/TH", "/TD")]
        has_data = any(c.S == "/TD" for c in cells)
        column = 0
        for cell in cells:
            while (r, column) in slots:
                column += 1
            attributes = _attributes(cell)
            rows, columns = int(attributes.get("/RowSpan", 1)), int(attributes.get("/ColSpan", 1))
            for dr in range(rows):
                for dc in range(columns):
                    slots[(r + dr, column + dc)] = cell
            placed.append((cell, r, column, rows, columns))
            if cell.S == "/TH":
                # The HTML's scope when it gave one (noted while the tree was built).
                scope = str(attributes.get("/Scope", "/Row" if section == "/TBody" and has_data else "/Column"))
                attributes.Scope = Name(scope)
                scopes[cell.objgen] = scope
            column += columns

    ids: dict[str, Any] = {}
    for cell, r, c, _, _ in placed:
        if cell.S == "/TH":
            key = f"table{number}-r{r}-c{c}"
            cell.ID = String(key)
            ids[key] = cell
    for cell, r, c, rows, columns in placed:
        if cell.S != "/TD":
            continue
        headers: list = []
        # Row headers: any TH left of the cell in a row it covers.
        for rr in range(r, r + rows):
            for cc in range(c):
                _add_header(headers, slots.get((rr, cc)), "/Row", scopes)
        # Column headers: any TH above the cell in a column it covers.
        for cc in range(c, c + columns):
            for rr in range(r):
                _add_header(headers, slots.get((rr, cc)), "/Column", scopes)
        attributes = _attributes(cell)
        if headers:
            attributes.Headers = Array([String(str(h.ID)) for h in headers])
        elif "/Headers" in attributes:
            del attributes["/Headers"]
    return ids


def _add_header(headers: list, cell, scope: str, scopes: dict) -> None:
    if cell is not None and cell.S == "/TH" and scopes.get(cell.objgen) == scope \
            and not any(h.objgen == cell.objgen for h in headers):
        headers.append(cell)
