"""Build the test dispatches of ``tests/data/form_dispatches/`` from their sources in ``src/``.

Why: the dispatches are test data in real file formats (.docx with Word tables and merged cells,
tab-separated and column-aligned .txt, a text PDF with an embedded Unicode font).  Their text is
written once, in ``src/*.src``, and this script writes the files; run it after editing a source:

    .venv/bin/python tests/data/form_dispatches/build.py

Source markup (one paragraph per line):
    %format docx | txt-tab | txt-aligned | pdf      %split dev | heldout
    !c TEXT        a centred, bold paragraph (docx/pdf)
    %pagebreak     a new page (docx/pdf; a blank line in .txt)
    #1 / #2 / #3 / #b TEXT   a Word auto-numbered paragraph (docx: numbering.xml list with levels
                   "I." "1." "a)" and a "-" bullet; the number is not in the text); .txt/.pdf print it
    %table ... %end   a table, cells separated by "|"; "<" = merged with the cell on the left
                      (gridSpan), "^" = merged with the cell above (vMerge); " // " breaks a cell
                      into paragraphs (docx) — a space in text formats
The gold structure of each dispatch is written by hand in ``gold/<name>.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def parse_source(text: str) -> tuple[dict, list]:
    """(meta, blocks) where a block is ("p", text, centred) | ("break",) | ("table", rows)."""
    meta: dict = {}
    blocks: list = []
    rows: list | None = None
    for raw in text.splitlines():
        line = raw.rstrip()
        if rows is not None:
            if line == "%end":
                blocks.append(("table", rows))
                rows = None
            else:
                rows.append([c.strip() for c in line.split("|")])
            continue
        if line.startswith("%format ") or line.startswith("%split "):
            key, value = line[1:].split(" ", 1)
            meta[key] = value.strip()
        elif line == "%table":
            rows = []
        elif line == "%pagebreak":
            blocks.append(("break",))
        elif line[:3] in ("#1 ", "#2 ", "#3 ", "#b "):
            blocks.append(("num", line[1], line[3:]))
        elif line.startswith("!c "):
            blocks.append(("p", line[3:], True))
        else:
            blocks.append(("p", line, False))
    return meta, blocks


def _padded(rows: list[list[str]]) -> list[list[str]]:
    width = max(len(r) for r in rows)
    return [r + [""] * (width - len(r)) for r in rows]


def _plain(cell: str) -> str:
    return "" if cell in ("<", "^") else cell.replace(" // ", " ")


_LEVELS = {"1": (0, "upperRoman", "%1."), "2": (1, "decimal", "%2."), "3": (2, "lowerLetter", "%3)"),
           "b": (3, "bullet", "-")}


def _add_numbering(doc) -> str:
    """An outline list (I. / 1. / a) / -) in numbering.xml; returns its numId."""
    from docx.oxml import parse_xml

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    levels = "".join(
        f'<w:lvl w:ilvl="{lvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        f'<w:lvlJc w:val="left"/></w:lvl>' for lvl, fmt, text in _LEVELS.values())
    numbering = doc.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {ns} w:abstractNumId="90">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {ns} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


def _numbered(doc, level: str, text: str, num_id: str) -> None:
    from docx.oxml import parse_xml

    para = doc.add_paragraph(text)
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ilvl = _LEVELS[level][0]
    para._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {ns}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def _number_texts(blocks: list) -> dict[int, str]:
    """The printed numbers of auto-numbered paragraphs (for .txt/.pdf output)."""
    counters = [0, 0, 0]
    out: dict[int, str] = {}
    for i, block in enumerate(blocks):
        if block[0] != "num":
            continue
        if block[1] == "b":
            out[i] = "- "
            continue
        lvl = _LEVELS[block[1]][0]
        counters[lvl] += 1
        for k in range(lvl + 1, 3):
            counters[k] = 0
        n = counters[lvl]
        out[i] = [_roman(n) + ". ", f"{n}. ", "abcdefghik"[n - 1] + ") "][lvl]
    return out


def _roman(n: int) -> str:
    return ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"][n - 1]


def write_docx(blocks: list, out: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK

    doc = Document()
    num_id = _add_numbering(doc) if any(b[0] == "num" for b in blocks) else ""
    for block in blocks:
        if block[0] == "num":
            _numbered(doc, block[1], block[2], num_id)
        elif block[0] == "p":
            para = doc.add_paragraph()
            run = para.add_run(block[1])
            if block[2]:
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER
                run.bold = True
        elif block[0] == "break":
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:
            rows = _padded(block[1])
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    if cell in ("<", "^"):
                        continue
                    right = c
                    while right + 1 < len(row) and row[right + 1] == "<":
                        right += 1
                    bottom = r
                    while bottom + 1 < len(rows) and rows[bottom + 1][c] == "^":
                        bottom += 1
                    target = table.cell(r, c)
                    if right > c or bottom > r:
                        target = target.merge(table.cell(bottom, right))
                    lines = cell.split(" // ")
                    target.text = lines[0]
                    for extra in lines[1:]:
                        target.add_paragraph(extra)
    doc.save(out)


def table_text(rows: list[list[str]], aligned: bool) -> list[str]:
    rows = [[_plain(c) for c in r] for r in _padded(rows)]
    if not aligned:
        return ["\t".join(r).rstrip("\t") for r in rows]
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    return ["".join(cell.ljust(w + 3) for cell, w in zip(r, widths)).rstrip() for r in rows]


def write_txt(blocks: list, out: Path, aligned: bool) -> None:
    lines: list[str] = []
    numbers = _number_texts(blocks)
    for i, block in enumerate(blocks):
        if block[0] == "num":
            lines.append(numbers[i] + block[2])
        elif block[0] == "p":
            lines.append(block[1])
        elif block[0] == "break":
            lines.append("")
        else:
            lines.extend(table_text(block[1], aligned))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_pdf(blocks: list, out: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    numbers = _number_texts(blocks)
    for i, block in enumerate(blocks):
        if block[0] == "num":
            pdf.set_font("DejaVu", "", 11)
            pdf.multi_cell(0, 6, numbers[i] + block[2], new_x="LMARGIN", new_y="NEXT")
        elif block[0] == "p":
            pdf.set_font("DejaVu", "B" if block[2] else "", 11)
            pdf.multi_cell(0, 6, block[1], align="C" if block[2] else "L", new_x="LMARGIN", new_y="NEXT")
        elif block[0] == "break":
            pdf.add_page()
        else:
            rows = _padded(block[1])
            if len(rows[0]) >= 8 and str(pdf.cur_orientation).endswith("PORTRAIT"):
                pdf.add_page(orientation="L")  # wide tables are printed on landscape pages, as in Word
            pdf.set_font("DejaVu", "", 9)
            longest = [max(len(_plain(r[c])) for r in rows) for c in range(len(rows[0]))]
            widths = [max(8, min(n, 40)) for n in longest]
            with pdf.table(first_row_as_headings=False, line_height=5, col_widths=widths,
                           text_align="CENTER") as table:
                for row in rows:
                    out_row = table.row()
                    c = 0
                    while c < len(row):
                        span = 1
                        while c + span < len(row) and row[c + span] == "<":
                            span += 1
                        out_row.cell(_plain(row[c]), colspan=span)
                        c += span
    pdf.output(str(out))


#: Output formats and their file suffixes.
FORMATS = {"docx": ".docx", "txt-tab": ".txt", "txt-aligned": ".txt", "pdf": ".pdf"}


def build(src: Path, out_dir: Path = HERE, fmt: str | None = None) -> Path:
    """Write one source as its own format (or as ``fmt``, to test the same text in another shape)."""
    meta, blocks = parse_source(src.read_text(encoding="utf-8"))
    fmt = fmt or meta["format"]
    if fmt not in FORMATS:
        raise SystemExit(f"{src}: unknown format {fmt!r}")
    out = out_dir / f"{src.stem}{FORMATS[fmt]}"
    if fmt == "docx":
        write_docx(blocks, out)
    elif fmt == "pdf":
        write_pdf(blocks, out)
    else:
        write_txt(blocks, out, aligned=fmt == "txt-aligned")
    return out


def build_office_pdfs(sources: list[Path], out_dir: Path) -> dict[str, Path]:
    """The sources as .docx printed to PDF by LibreOffice (``soffice``), as a Word user would send them:
    left- and top-aligned header cells, narrow columns wrapping word by word.  {} without soffice."""
    import shutil
    import subprocess

    if not shutil.which("soffice"):
        return {}
    docx_dir = out_dir / "docx"
    docx_dir.mkdir(parents=True, exist_ok=True)
    files = [str(build(src, docx_dir, "docx")) for src in sources]
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out_dir), *files],
                   capture_output=True, timeout=600)
    return {src.stem: out_dir / f"{src.stem}.pdf" for src in sources if (out_dir / f"{src.stem}.pdf").is_file()}


def main(argv: list[str]) -> int:
    sources = sorted((HERE / "src").glob("*.src"))
    for src in sources:
        print(build(src).name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
