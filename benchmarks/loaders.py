"""Loader cost: reading a file in the isolated child process (what ingest does) vs in-process (the old way).

    python benchmarks/loaders.py [--pages 300] [--repeat 3]

Prints, per file, the median wall time of ``knowledge.loaders.read_document`` (limits + child process with
a 1 GB memory limit) next to the same parser called in this process, and the child's peak RSS.
Files are built here: a one-page .docx, a 40-paragraph .docx, a PDF of ``--pages`` pages, a TCVN3 .txt.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from knowledge import loaders  # noqa: E402
from tests import hostile_files as hf  # noqa: E402
from vntext.encodings import encode_legacy  # noqa: E402


def median_s(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="baocao-bench-loaders-"))
    files = {
        "docx 1 page": hf.write_docx(folder / "a.docx", hf.document_xml(hf.paragraphs(hf.VIET))),
        "docx 40 paragraphs": hf.write_docx(folder / "b.docx", hf.document_xml(hf.paragraphs(*[hf.VIET] * 40))),
        f"pdf {args.pages} pages": hf.pdf(folder / "c.pdf", pages=args.pages, text=hf.VIET * 3),
        "txt TCVN3 (in-process both ways)": folder / "d.txt",
    }
    files["txt TCVN3 (in-process both ways)"].write_bytes(encode_legacy(hf.VIET * 200, "tcvn3"))
    in_process = {".docx": loaders._read_docx, ".pdf": loaders._read_pdf,
                  ".txt": lambda p: loaders._read_plain(p, p.stat().st_size).text}
    print(f"{'file':36} {'isolated (s)':>13} {'in-process (s)':>15}")
    for name, path in files.items():
        isolated = median_s(lambda: loaders.read_document(path), args.repeat)
        baseline = median_s(lambda: in_process[path.suffix](path), args.repeat)
        print(f"{name:36} {isolated:13.3f} {baseline:15.3f}")
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS of the parsing children: {child_mb:.0f} MB (limit {loaders.MEMORY_LIMIT_BYTES // 2**20} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
