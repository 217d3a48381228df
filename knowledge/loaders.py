"""Read dispatch files (.txt, .md, .docx, .pdf) into text, refusing bad input with a clear
Vietnamese message (``LoadError``) instead of indexing garbage.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from knowledge.text import strip_control

SUPPORTED = (".txt", ".md", ".docx", ".pdf")
MAX_BYTES = 20 * 1024 * 1024
MIN_TEXT_CHARS = 20


class LoadError(ValueError):
    """A file that cannot be ingested; ``str(err)`` is a Vietnamese message for the user."""


def collect(paths: list[Path]) -> list[Path]:
    """Expand folders into their files (sorted, recursive); keep files as given."""
    out: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            out += sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        else:
            out.append(path)
    return out


def read_text(path: Path) -> str:
    """Extract the text of one file, or raise ``LoadError``."""
    path = Path(path)
    if not path.exists():
        raise LoadError(f"Không tìm thấy tệp “{path.name}”.")
    if not path.is_file():
        raise LoadError(f"“{path.name}” không phải là tệp.")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise LoadError(
            f"Không hỗ trợ định dạng “{suffix or path.name}”. Chỉ nhận tệp .txt, .md, .docx hoặc .pdf."
        )
    size = path.stat().st_size
    if size == 0:
        raise LoadError(f"Tệp “{path.name}” rỗng, không có nội dung để thêm.")
    if size > MAX_BYTES:
        raise LoadError(
            f"Tệp “{path.name}” quá lớn ({size / 1024 / 1024:.0f} MB); giới hạn là {MAX_BYTES // 1024 // 1024} MB."
        )
    if suffix in (".txt", ".md"):
        text = _read_plain(path)
    elif suffix == ".docx":
        text = _read_docx(path)
    else:
        text = _read_pdf(path)
    text = strip_control(text).strip()
    if len(text) < MIN_TEXT_CHARS:
        raise LoadError(f"Tệp “{path.name}” không có đủ nội dung văn bản để thêm vào kho tri thức.")
    return text


def _read_plain(path: Path) -> str:
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise LoadError(f"Tệp “{path.name}” không phải văn bản (có vẻ là tệp nhị phân đổi tên thành {path.suffix}).")
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise LoadError(f"Tệp “{path.name}” không đọc được dưới dạng văn bản UTF-8.")
    printable = sum(ch.isprintable() or ch in "\n\r\t" for ch in text)
    if printable / max(len(text), 1) < 0.9:
        raise LoadError(f"Tệp “{path.name}” không phải văn bản (có vẻ là tệp nhị phân đổi tên thành {path.suffix}).")
    return text


def _read_docx(path: Path) -> str:
    if not zipfile.is_zipfile(path):
        raise LoadError(f"Tệp “{path.name}” không phải tệp Word .docx hợp lệ (tệp bị hỏng hoặc sai định dạng).")
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several types for broken packages
        raise LoadError(f"Không mở được tệp Word “{path.name}”: tệp bị hỏng hoặc sai định dạng.") from exc
    lines: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            lines.append(item.text)
            lines.append("")
        elif isinstance(item, Table):
            for row in item.rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = " ".join(cell.text.split())
                    if not cells or cells[-1] != value:  # merged cells repeat their text
                        cells.append(value)
                lines.append("\t".join(cells) + "\t\t")
            lines.append("")
    return "\n".join(lines)


def _read_pdf(path: Path) -> str:
    try:
        from pypdf import PdfReader

        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # pypdf raises many error types for malformed files
        raise LoadError(f"Không đọc được tệp PDF “{path.name}”: tệp bị hỏng hoặc sai định dạng.") from exc
    text = "\n\n".join(pages)
    if len(text.strip()) < MIN_TEXT_CHARS:
        raise LoadError(f"Tệp PDF “{path.name}” không có lớp chữ (có thể là ảnh quét); hãy gửi bản .docx hoặc .txt.")
    return text
