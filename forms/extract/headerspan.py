"""Merged header cells of a column-aligned table, read from where their text stands.

Why: in text copied from a PDF (or laid out by ``pdflayout``) a parent header cell ("Kinh phí"
over "Kế hoạch", "Đã giải ngân", "Còn lại") is one piece of text centred over its children, often
narrower than they are, and long cells wrap over several lines, some vertically centred between
the lines of their neighbours.  The rules use positions only, never wording:

* a chunk's own wrapped tail is the chunk right under it, centred under it and no wider, with no
  other cell beside it within its slot — one cell, not a parent (its children are below the tail);
* a parent stands over the run of lower cells whose extent, edged halfway to the nearest texts
  beside it, is centred under it (within a tenth of its width), or over the cells it touches
  when there are two or more; written from the left (aligned text) it stands over the cells from
  its own start up to the next cell of its line;
* cells under another cell of the same line or of a line above are not candidates, nor cells a
  sibling parent already has; a parent's wrapped tail joins its label.
"""

from __future__ import annotations

import re

from forms.extract.blocks import Cell

__all__ = ["chunks", "spanning", "header_grid"]

_CHUNK = re.compile(r"\S+(?: \S+)*")


def chunks(line: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of the pieces of a line separated by two or more spaces."""
    return [(m.start(), m.end(), m.group()) for m in _CHUNK.finditer(line.expandtabs(8))]


def spanning(header: list[str]) -> dict[int, list[tuple]]:
    """Header chunks (by line) standing over two or more separate cells of the lines below (parents).
    Each entry is (start, end, text, lo, hi, label): the chunk, the extent of the cells under it and
    the parent's whole text; the wrapped next line of a parent is kept as (start, end, text, 0, 0,
    None, line, index of the parent) and its text joined to the parent's label.

    A parent's text is centred over its children, so it may be narrower than they are and touch
    only one of them (or none): its children are the run of lower cells around it whose extent is
    centred where the chunk is.  Lower cells already under another cell of the chunk's line or of a
    line above (a cell written higher up that wraps down, a neighbour) are not candidates."""
    found: dict[int, list[tuple]] = {}
    for k, line in enumerate(header):
        line_chunks = chunks(line)
        for s, e, text in line_chunks:
            j = next((j for j in range(k - 1, -1, -1) if any(a < e and s < b for a, b, _ in chunks(header[j]))), None)
            head = _tail_of(s, e, found.get(j, []), left_ok=True) if j is not None else None
            if head is not None and found[j][head][5] is None:  # the tail of a tail: the same parent
                j, head = found[j][head][6], found[j][head][7]
            if head is not None and any((a, b) != (s, e) and found[j][head][3] <= a and b <= found[j][head][4]
                                        for a, b, _ in line_chunks):
                head = None  # a sibling beside it under the same parent: a child, not the parent's tail
            if head is not None:  # the wrapped next line of a parent above: one text, one cell
                found[j][head] = found[j][head][:5] + (f"{found[j][head][5]} {text}",)
                found.setdefault(k, []).append((s, e, text, 0, 0, None, j, head))
                continue
            stops = [a for j in range(k + 1) for a, _, _ in chunks(header[j])]
            tail = _own_tail_below(s, e, header, k, stops)  # its own wrapped lines are not children
            below = k + 1 if tail is None else tail + 1
            clusters = _cells_below(header[below:])
            blocked = [(a, b) for j in range(below) for a, b, t in chunks(header[j])
                       if (a, b, t) != (s, e, text) and not any(p[:3] == (a, b, t) for p in found.get(j, ()))
                       and not (j > k and a < e and s < b)]
            claimed = [(p[3], p[4]) for p in found.get(k, ())]  # a sibling parent's cells
            free = [not any(a < hi + 1 and lo - 1 < b for a, b in blocked)
                    and not any(a <= lo and hi <= b for a, b in claimed) for lo, hi in clusters]
            fences = [(a, b) for ln in header for a, b, _ in chunks(ln)]
            run = _centred_run(s, e, clusters, free, fences) or _left_run(s, e, clusters, free, stops)
            if run is not None:
                found.setdefault(k, []).append((s, e, text, clusters[run[0]][0], clusters[run[1]][1], text))
    return found


def _own_tail_below(s: int, e: int, header: list[str], k: int, stops: list[int]) -> int | None:
    """The line of the wrapped tail of (s, e): the first lower chunk under it, centred under it
    (``_tail_of``) with no other chunk beside it on its line within the chunk's slot (between the
    cells of its line and above); following tails are taken too.  None when there is no tail."""
    left = max((b for j in range(k + 1) for _, b, _ in chunks(header[j]) if b < s), default=-1)
    right = min((a for a in stops if a > e), default=10 ** 6)
    last = None
    for j in range(k + 1, len(header)):
        pieces = chunks(header[j])
        under = [p for p in pieces if p[0] < e and s < p[1]]
        if not under:
            continue
        if len(under) == 1 and _tail_of(under[0][0], under[0][1], [(s, e)]) is not None and \
                not any(p is not under[0] and left < p[0] and p[1] < right for p in pieces):
            last = j
            continue
        break
    return last


def _tail_of(s: int, e: int, above: list[tuple], left_ok: bool = False) -> int | None:
    """Index of the chunk in ``above`` whose wrapped next line (s, e) is: centred under it (within
    2 characters) — or, with ``left_ok``, starting where it starts — and no wider than it by more
    than 2 characters."""
    for i, chunk in enumerate(above):
        a, b = chunk[0], chunk[1]
        if e - s <= b - a + 2 and a < e and s < b and \
                (abs((s + e) / 2 - (a + b) / 2) <= 2 or left_ok and abs(s - a) <= 1):
            return i
    return None


def _cells_below(lines: list[str]) -> list[list[int]]:
    """The x extents of the cells on the given lines: chunks overlapping each other are one cell's
    wrapped lines."""
    clusters: list[list[int]] = []
    for a, b in sorted((a, b) for ln in lines for a, b, _ in chunks(ln)):
        if clusters and a < clusters[-1][1]:
            clusters[-1][1] = max(clusters[-1][1], b)
        else:
            clusters.append([a, b])
    return clusters


def _centred_run(s: int, e: int, clusters: list[list[int]], free: list[bool],
                 fences: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The run (first, last) of two or more free clusters containing those the chunk overlaps and
    centred under it; None if there is none.  A run's cell edges are halfway between its outer
    texts and the nearest texts beside them (``fences``: every chunk of the header); centred means
    within a tenth of the run's width (at least 2 characters).  A chunk touching two or more
    clusters without a centred run stands over the ones it touches."""
    touched = [i for i, (lo, hi) in enumerate(clusters) if lo < e + 2 and s - 2 < hi]
    if any(not free[i] for i in touched):
        touched = [i for i in touched if free[i]]
        if not touched:
            return None
    middle = (s + e) / 2
    if touched:
        first_min, last_min = touched[0], touched[-1]
    else:  # centred over a gap: start from the free clusters on either side
        left = [i for i, (lo, hi) in enumerate(clusters) if hi <= s and free[i]]
        right = [i for i, (lo, hi) in enumerate(clusters) if lo >= e and free[i]]
        if not left or not right:
            return None
        first_min, last_min = left[-1], right[0]
    if any(not free[i] for i in range(first_min, last_min + 1)):
        return None

    def edges(lo: int, hi: int) -> tuple[float, float]:
        before = [b for a, b in fences if b <= lo]
        after = [a for a, b in fences if a >= hi]
        return ((max(before) + lo) / 2 if before else lo), ((min(after) + hi) / 2 if after else hi)

    best = None
    a = first_min
    while a >= 0 and free[a]:
        b = last_min
        while b < len(clusters) and free[b]:
            if b > a:
                left_edge, right_edge = edges(clusters[a][0], clusters[b][1])
                off = abs((left_edge + right_edge) / 2 - middle)
                if off <= max(2.0, 0.1 * (right_edge - left_edge)) and (best is None or off < best[0]):
                    best = (off, a, b)
            b += 1
        a -= 1
    if best:
        return best[1], best[2]
    return (touched[0], touched[-1]) if len(touched) >= 2 else None


def _left_run(s: int, e: int, clusters: list[list[int]], free: list[bool], stops: list[int]) -> tuple[int, int] | None:
    """A chunk written from the left over its first child (column-aligned text): the free clusters
    from the one starting where it starts up to the next cell of its line (``stops``: the starts of
    the chunks on its line and above); None without such a cell to stop at or with one cluster."""
    first = next((i for i, (lo, hi) in enumerate(clusters) if abs(lo - s) <= 1 and free[i]), None)
    stop = min((a for a in stops if a > e), default=None)
    if first is None or stop is None:
        return None
    last = first
    while last + 1 < len(clusters) and free[last + 1] and clusters[last + 1][1] < stop:
        last += 1
    return (first, last) if last > first else None


def header_grid(header: list[list[str]], parents: dict[int, list[tuple]],
                 columns: list[tuple[int, int]]) -> list[list[Cell]]:
    """Header rows with merged parent cells: each column's path is the parents standing over it
    (top-down), then its own text (all its header lines joined), merged down to the last row."""
    width = len(columns)
    texts = [" ".join(filter(None, (row[c] for row in header))) for c in range(width)]
    spans = [(k, p[3], p[4], p[5]) for k in sorted(parents) for p in parents[k] if p[5] is not None]
    over = [[p for p in spans if columns[c][0] < p[2] and p[1] < columns[c][1]] for c in range(width)]
    depth = 1 + max((len(o) for o in over), default=0)
    first_col = {p: min(c for c in range(width) if p in over[c]) for p in spans if any(p in o for o in over)}
    rows: list[list[Cell]] = [[Cell("", (r, c)) for c in range(width)] for r in range(depth)]
    for c in range(width):
        for level, p in enumerate(over[c]):
            rows[level][c] = Cell(p[3], (level, first_col[p]))
        own = Cell(texts[c], (len(over[c]), c))
        for level in range(len(over[c]), depth):
            rows[level][c] = own
    return rows
