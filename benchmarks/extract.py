"""Benchmark form extraction: dispatch file → draft templates, scored against hand-written gold.

    python benchmarks/extract.py [--dir tests/data/form_dispatches] [--verbose] [--formats]

For every dispatch in ``<dir>/gold/*.json`` (its file next to it) it times ``extract_forms`` and
scores the drafts: the share of outline headings found with the right nesting (the path of
numbers from the top and the title), of table columns found with the right header path, of
column types right (among found columns), of given table rows found in the right group, of
"(nếu có)" items made optional, and of attachments found.  Dev and held-out dispatches are
reported side by side.  Goals (held-out): headings >= 90 %, columns >= 95 %, <= 60 s per dispatch.
With ``--formats`` every dispatch is also rebuilt from its source (``<dir>/src``) as .docx,
tab-separated .txt, column-aligned .txt and PDF, and scored per format: the same content in
another shape (Word lists become printed numbers, merged cells become blank text cells).  With
``--office`` too the .docx printed to PDF by LibreOffice ("pdf-office": left/top-aligned header
cells, narrow columns wrapped word by word — the hardest shape).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from forms.extract import extract_forms, validate  # noqa: E402
from vntext.text import fold  # noqa: E402

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "tests" / "data" / "form_dispatches"


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", fold(text).strip(" .:;,")).strip()


def _last(number: str) -> str:
    return number.split(".")[-1] if number != "-" else "-"


def gold_headings(nodes, prefix=()) -> list[tuple[tuple, dict]]:
    out = []
    for node in nodes:
        number, title, children = node[0], node[1], node[2]
        flags = node[3] if len(node) > 3 else {}
        path = prefix + (_last(number),)
        out.append((path + (norm(title),), flags))
        out.extend(gold_headings(children, path))
    return out


def _code_number(part: str) -> str | None:
    if part == "bang" or part.startswith("bang_"):
        return None
    if re.fullmatch(r"y\d+", part):
        return "-"
    return part.split("_")[0]


def draft_headings(items, prefix=(), parent_code=None) -> dict[tuple, dict]:
    """Heading path → {"optional": bool, "help": bool} for every section and field of a draft."""
    out: dict[tuple, dict] = {}
    for item in items:
        code = item.get("section") or item.get("field")
        if "field" in item and code == parent_code:  # a section's body field
            continue
        number = _code_number(code.split(".")[-1])
        label = item.get("title") or item.get("label") or ""
        if number is None:
            continue
        path = prefix + (number,)
        body = [c for c in item.get("items", []) if c.get("field") == code]
        optional = item.get("required") is False or any(c.get("required") is False for c in body)
        has_help = bool(item.get("help")) or any(c.get("help") for c in body)
        out[path + (norm(label),)] = {"optional": optional, "help": has_help}
        if "items" in item:
            out.update(draft_headings(item["items"], path, code))
    return out


def draft_tables(items) -> list[dict]:
    tables = []
    for item in items:
        if item.get("type") == "table":
            tables.append(item["table"])
        tables.extend(draft_tables(item.get("items", [])))
    return tables


def _column_type(col: dict) -> str:
    if col.get("computed") == "tt":
        return "tt"
    if col.get("type") == "number" and col.get("unit") == "%":
        return "percent"
    return col.get("type", "text")


def _group_paths(groups, prefix=()) -> list[tuple]:
    out = []
    for g in groups:
        path = prefix + (str(g["number"]),)
        out.append(path + (norm(g["label"]),))
        out.extend(_group_paths(g.get("groups", []), path))
    return out


def _gold_rows(rows, prefix=()) -> list[tuple]:
    out = []
    for number, label, children in rows:
        path = prefix + (_last(number),)
        out.append(path + (norm(label),))
        out.extend(_gold_rows(children, path))
    return out


def _row_found(path: tuple, drafted: list[tuple]) -> bool:
    for d in drafted:
        if d[:-1] == path[:-1] and (d[-1] == path[-1] or d[-1].startswith(path[-1] + " (")):
            return True
    return False


def score(gold: dict, drafts) -> dict:
    counts = {k: 0 for k in ("head", "head_ok", "opt", "opt_ok", "col", "col_ok", "type_ok", "row", "row_ok",
                             "forms", "forms_ok")}
    misses: list[str] = []
    found_heads: dict[tuple, dict] = {}
    found_cols: dict[tuple, str] = {}
    found_rows: list[tuple] = []
    for d in drafts:
        found_heads.update(draft_headings(d.data["sections"]))
        for table in draft_tables(d.data["sections"]):
            for col in table["columns"]:
                path = tuple(norm(h) for h in col.get("header", [])) + (norm(col["label"]),)
                found_cols[path] = _column_type(col)
            found_rows.extend(_group_paths(table.get("groups", [])))
    names = {norm(d.name) for d in drafts}
    for form in gold["forms"]:
        counts["forms"] += 1
        counts["forms_ok"] += norm(form["name"]) in names
        for path, flags in gold_headings(form["headings"]):
            counts["head"] += 1
            got = found_heads.get(path)
            if got is None:
                misses.append(f"heading {' › '.join(path)}")
                continue
            counts["head_ok"] += 1
            if flags.get("optional"):
                counts["opt"] += 1
                counts["opt_ok"] += got["optional"]
        for table in form["tables"]:
            for header, ctype in table["columns"]:
                counts["col"] += 1
                path = tuple(norm(h) for h in header)
                if path in found_cols:
                    counts["col_ok"] += 1
                    counts["type_ok"] += found_cols[path] == ctype
                    if found_cols[path] != ctype:
                        misses.append(f"type {' › '.join(header)}: {found_cols[path]} (gold {ctype})")
                else:
                    misses.append(f"column {' › '.join(header)}")
            for path in _gold_rows(table.get("rows", [])):
                counts["row"] += 1
                if _row_found(path, found_rows):
                    counts["row_ok"] += 1
                else:
                    misses.append(f"row {' › '.join(path)}")
    counts["misses"] = misses
    return counts


def _pct(ok: int, total: int) -> str:
    return f"{100 * ok / total:5.1f}%" if total else "    –"


def _formats(directory: Path, verbose: bool = False, show_heldout: bool = False, with_office: bool = False) -> int:
    """Score every source rebuilt in every format (to a temporary directory)."""
    import importlib.util
    import tempfile

    spec = importlib.util.spec_from_file_location("form_dispatch_build", directory / "build.py")
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)  # type: ignore[union-attr]
    totals: dict[tuple[str, str], dict[str, int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        golds = sorted((directory / "gold").glob("*.json"))
        office = builder.build_office_pdfs([directory / "src" / f"{g.stem}.src" for g in golds],
                                           Path(tmp) / "office") if with_office else {}
        for gold_path in golds:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            for fmt in [*builder.FORMATS, *(["pdf-office"] if gold_path.stem in office else [])]:
                out_dir = Path(tmp) / fmt
                out_dir.mkdir(exist_ok=True)
                path = office[gold_path.stem] if fmt == "pdf-office" else \
                    builder.build(directory / "src" / f"{gold_path.stem}.src", out_dir, fmt)
                c = score(gold, extract_forms(path))
                if verbose and c["misses"] and (gold["split"] == "dev" or show_heldout):
                    print(f"{gold_path.stem} [{fmt}]")
                    for miss in c["misses"]:
                        print(f"    - {miss}")
                bucket = totals.setdefault((gold["split"], fmt), {})
                for k, v in c.items():
                    if k != "misses":
                        bucket[k] = bucket.get(k, 0) + v
    print(f"{'split / format':<22} {'headings':>16} {'columns':>16} {'col types':>16} {'rows':>16} {'forms':>8}")
    for (split, fmt), t in sorted(totals.items()):
        print(f"{split + ' / ' + fmt:<22} {_pct(t['head_ok'], t['head']):>7} ({t['head_ok']:>3}/{t['head']:<3}) "
              f"{_pct(t['col_ok'], t['col']):>7} ({t['col_ok']:>3}/{t['col']:<3}) "
              f"{_pct(t['type_ok'], t['col_ok']):>7} ({t['type_ok']:>3}/{t['col_ok']:<3}) "
              f"{_pct(t['row_ok'], t['row']):>7} ({t['row_ok']:>3}/{t['row']:<3}) {t['forms_ok']:>4}/{t['forms']:<3}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--verbose", action="store_true", help="list every miss (dev only unless --all)")
    parser.add_argument("--all", action="store_true", help="with --verbose: also held-out misses")
    parser.add_argument("--formats", action="store_true", help="also rebuild every source in every format")
    parser.add_argument("--office", action="store_true",
                        help="with --formats: also the .docx printed to PDF by LibreOffice (slow; needs soffice)")
    args = parser.parse_args(argv)
    totals = {"dev": {}, "heldout": {}}
    times = {"dev": [], "heldout": []}
    invalid = 0
    print(f"{'dispatch':<28} {'split':<8} {'headings':>9} {'optional':>9} {'columns':>9} {'types':>8} "
          f"{'rows':>8} {'forms':>6} {'seconds':>8}")
    for gold_path in sorted((args.dir / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        start = time.perf_counter()
        drafts = extract_forms(args.dir / gold["file"])
        elapsed = time.perf_counter() - start
        for d in drafts:
            try:
                validate(d)
            except Exception as exc:  # a draft the loader refuses counts as a failure
                invalid += 1
                print(f"  INVALID {d.id}: {exc}")
        c = score(gold, drafts)
        split = gold["split"]
        times[split].append(elapsed)
        for k, v in c.items():
            if k != "misses":
                totals[split][k] = totals[split].get(k, 0) + v
        print(f"{gold_path.stem:<28} {split:<8} {_pct(c['head_ok'], c['head']):>9} {_pct(c['opt_ok'], c['opt']):>9} "
              f"{_pct(c['col_ok'], c['col']):>9} {_pct(c['type_ok'], c['col_ok']):>8} "
              f"{_pct(c['row_ok'], c['row']):>8} {c['forms_ok']}/{c['forms']:<4} {elapsed:8.2f}")
        if args.verbose and (split == "dev" or args.all):
            for miss in c["misses"]:
                print(f"    - {miss}")
    print()
    print(f"{'overall':<20} {'headings':>16} {'columns':>16} {'col types':>16} {'rows':>16} {'optional':>12} "
          f"{'forms':>8} {'max s':>7} {'mean s':>7}")
    for split in ("dev", "heldout"):
        t = totals[split]
        if not t:
            continue
        print(f"{split:<20} {_pct(t['head_ok'], t['head']):>7} ({t['head_ok']:>3}/{t['head']:<3}) "
              f"{_pct(t['col_ok'], t['col']):>7} ({t['col_ok']:>3}/{t['col']:<3}) "
              f"{_pct(t['type_ok'], t['col_ok']):>7} ({t['type_ok']:>3}/{t['col_ok']:<3}) "
              f"{_pct(t['row_ok'], t['row']):>7} ({t['row_ok']:>3}/{t['row']:<3}) "
              f"{_pct(t['opt_ok'], t['opt']):>12} {t['forms_ok']:>4}/{t['forms']:<3} "
              f"{max(times[split]):7.2f} {sum(times[split]) / len(times[split]):7.2f}")
    print("goals (held-out): headings >= 90%, columns >= 95%, <= 60 s per dispatch;"
          f" drafts refused by the loader: {invalid}")
    if args.formats:
        print()
        _formats(args.dir, args.verbose, args.all, args.office)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
