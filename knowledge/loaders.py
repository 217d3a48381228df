"""Read dispatch files (.txt, .md, .docx, .pdf) into text, safely, whatever the file holds.

Every limit is checked before the work it guards, and each refusal is a ``LoadError`` whose text is
a Vietnamese message naming the limit:

- the file's size (``MAX_BYTES``) and, for text, its length in characters (``MAX_TEXT_CHARS``);
- .docx (a zip): the entry count (read from the zip's end record before anything is parsed),
  the total uncompressed size, each entry's compression ratio, and the size of each XML part and of
  all of them together (python-docx parses every part into memory);
- .pdf: the number of pages, encryption, and the characters extracted.

.docx and .pdf are then parsed in a child process limited to ``MEMORY_LIMIT_BYTES`` of address
space and ``EXTRACT_TIMEOUT_S`` of time, so that an input no check foresaw still cannot take the
bot's memory (a 3 MB zip bomb once took 6.3 GB) or hang it. Plain text is decoded here, with its
encoding detected: UTF-8 (with or without BOM), UTF-16, TCVN3 (ABC), VNI and Windows-1258
(:mod:`vntext.encodings`).

This module imports only the standard library and :mod:`vntext` at load time: the child process
loads it by file path, without the (heavy) ``knowledge`` package.
"""

from __future__ import annotations

import logging

import json
import os
import struct
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from knowledge.docx_layout import layout_only, unique_cells
from vntext import encodings
from vntext.formatting import format_number
from vntext.text import strip_controls

SUPPORTED = (".txt", ".md", ".docx", ".pdf")
MIN_TEXT_CHARS = 20
MB = 1024 * 1024

MAX_BYTES = 20 * MB  # any file, as sent or stored
MAX_TEXT_CHARS = 2_000_000  # text extracted from any file (~600 pages)
MAX_ZIP_ENTRIES = 1_000
MAX_ZIP_DIRECTORY_BYTES = 1 * MB
MAX_UNCOMPRESSED_BYTES = 100 * MB  # all entries of a .docx together
MAX_XML_PART_BYTES = 16 * MB  # one XML part (word/document.xml, a header...)
MAX_XML_TOTAL_BYTES = 32 * MB  # all XML parts together
MAX_COMPRESSION_RATIO = 100  # for entries over RATIO_MIN_BYTES uncompressed
RATIO_MIN_BYTES = 1 * MB
MAX_PDF_PAGES = 500
MEMORY_LIMIT_BYTES = 1024 * MB  # address space of the parsing process
EXTRACT_TIMEOUT_S = 600


class LoadError(ValueError):
    """A file that cannot be ingested; ``str(err)`` is a Vietnamese message for the user."""


@dataclass(frozen=True)
class LoadedText:
    """A file's text and how it was read (``certain`` is False when a legacy encoding was guessed)."""

    text: str
    encoding: str = "utf-8"
    certain: bool = True


def _n(value: float) -> str:
    return format_number(value, 1)


def _mb(size: float) -> str:
    return f"{_n(size / MB)} MB"


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
    return read_document(path).text


def read_document(path: Path) -> LoadedText:
    """Extract the text of one file with how it was decoded, or raise ``LoadError``."""
    path = Path(path)
    if not path.exists():
        raise LoadError(f"Không tìm thấy tệp “{path.name}”.")
    if not path.is_file():
        raise LoadError(f"“{path.name}” không phải là tệp.")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise LoadError(
            f"Không hỗ trợ định dạng “{suffix or 'không có phần mở rộng'}” (tệp “{path.name}”). "
            "Chỉ nhận tệp .txt, .md, .docx hoặc .pdf."
        )
    size = path.stat().st_size
    if size == 0:
        raise LoadError(f"Tệp “{path.name}” rỗng, không có nội dung để thêm.")
    if size > MAX_BYTES:
        raise LoadError(f"Tệp “{path.name}” quá lớn ({_mb(size)}); giới hạn là {_mb(MAX_BYTES)}.")
    if suffix in (".txt", ".md"):
        loaded = _read_plain(path, size)
    elif suffix == ".docx":
        check_docx(path)
        loaded = LoadedText(_extract_isolated(path, "docx"))
    else:
        _check_pdf_header(path)
        loaded = LoadedText(_extract_isolated(path, "pdf"))
    text = strip_controls(loaded.text).strip()
    _check_chars(path, len(text))
    if len(text) < MIN_TEXT_CHARS:
        raise LoadError(f"Tệp “{path.name}” không có đủ nội dung văn bản để thêm vào kho tri thức.")
    return LoadedText(text, loaded.encoding, loaded.certain)


def _check_chars(path: Path, count: int) -> None:
    if count > MAX_TEXT_CHARS:
        raise LoadError(
            f"Nội dung tệp “{path.name}” quá dài ({format_number(count)} ký tự); "
            f"giới hạn là {format_number(MAX_TEXT_CHARS)} ký tự. Hãy tách thành các tệp nhỏ hơn."
        )


# ---- plain text -----------------------------------------------------------------------------------

def _read_plain(path: Path, size: int) -> LoadedText:
    if size > 4 * MAX_TEXT_CHARS:  # even at 4 bytes a character it would be too long
        _check_chars(path, size // 4)
    data = path.read_bytes()
    try:
        decoded = encodings.decode(data)
    except encodings.UnknownEncoding:
        raise LoadError(
            f"Tệp “{path.name}” không phải văn bản đọc được: không nhận ra bảng mã "
            "(đã thử UTF-8, UTF-16, TCVN3 (ABC), VNI và Windows-1258), hoặc đây là tệp nhị phân đổi tên "
            f"thành {path.suffix}."
        ) from None
    text = decoded.text
    _check_chars(path, len(text))
    printable = sum(ch.isprintable() or ch in "\n\r\t" for ch in text)
    if printable / max(len(text), 1) < 0.9:
        raise LoadError(f"Tệp “{path.name}” không phải văn bản (có vẻ là tệp nhị phân đổi tên thành {path.suffix}).")
    return LoadedText(text, decoded.encoding, decoded.certain)


# ---- .docx: the zip's structure, before anything is decompressed -----------------------------------

_EOCD = b"PK\x05\x06"
_EOCD64_LOCATOR = b"PK\x06\x07"


def _zip_directory(path: Path) -> tuple[int, int]:
    """(entry count, central directory size) from the end records, reading only the file's tail."""
    with open(path, "rb") as fh:
        fh.seek(0, os.SEEK_END)
        size = fh.tell()
        tail_len = min(size, 65_536 + 22)
        fh.seek(size - tail_len)
        tail = fh.read(tail_len)
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < 22:
        raise LoadError(f"Tệp “{path.name}” không phải tệp Word .docx hợp lệ (tệp bị hỏng hoặc sai định dạng).")
    _sig, _disk, _cd_disk, _here, total, cd_size, _cd_offset, _comment = struct.unpack("<4sHHHHIIH", tail[at:at + 22])
    locator = tail.rfind(_EOCD64_LOCATOR, 0, at)
    if locator >= 0 or total == 0xFFFF or cd_size == 0xFFFFFFFF:  # zip64: sizes beyond a .docx's needs
        total, cd_size = max(total, MAX_ZIP_ENTRIES + 1), max(cd_size, MAX_ZIP_DIRECTORY_BYTES + 1)
    return total, cd_size


def check_docx(path: Path) -> None:
    """Refuse a .docx whose zip structure exceeds a limit (nothing is decompressed here)."""
    name = path.name
    entries, directory = _zip_directory(path)
    if entries > MAX_ZIP_ENTRIES or directory > MAX_ZIP_DIRECTORY_BYTES:
        raise LoadError(
            f"Tệp Word “{name}” có quá nhiều thành phần nén ({format_number(entries)} mục); "
            f"giới hạn là {format_number(MAX_ZIP_ENTRIES)} mục."
        )
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
        raise LoadError(f"Tệp “{name}” không phải tệp Word .docx hợp lệ (tệp bị hỏng hoặc sai định dạng).") from exc
    if len(infos) > MAX_ZIP_ENTRIES:
        raise LoadError(
            f"Tệp Word “{name}” có quá nhiều thành phần nén ({format_number(len(infos))} mục); "
            f"giới hạn là {format_number(MAX_ZIP_ENTRIES)} mục."
        )
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise LoadError(
            f"Tệp Word “{name}” khi giải nén quá lớn ({_mb(total)}); giới hạn là {_mb(MAX_UNCOMPRESSED_BYTES)}."
        )
    xml_total = 0
    for info in infos:
        if info.file_size > RATIO_MIN_BYTES and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            raise LoadError(
                f"Tệp Word “{name}” có tỷ lệ nén bất thường ({format_number(round(ratio))}:1 ở “{info.filename[:80]}”), "
                f"dấu hiệu của tệp “bom nén”; giới hạn là {MAX_COMPRESSION_RATIO}:1."
            )
        if info.filename.lower().endswith((".xml", ".rels")):
            xml_total += info.file_size
            if info.file_size > MAX_XML_PART_BYTES:
                raise LoadError(
                    f"Tệp Word “{name}” có phần nội dung XML quá lớn (“{info.filename[:80]}”: {_mb(info.file_size)}); "
                    f"giới hạn là {_mb(MAX_XML_PART_BYTES)} cho mỗi phần."
                )
    if xml_total > MAX_XML_TOTAL_BYTES:
        raise LoadError(
            f"Tệp Word “{name}” có tổng nội dung XML quá lớn ({_mb(xml_total)}); "
            f"giới hạn là {_mb(MAX_XML_TOTAL_BYTES)}."
        )
    if "word/document.xml" not in {i.filename for i in infos}:
        raise LoadError(f"Tệp “{name}” không phải tệp Word .docx hợp lệ (thiếu phần nội dung chính).")


def _check_pdf_header(path: Path) -> None:
    with open(path, "rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        raise LoadError(f"Không đọc được tệp PDF “{path.name}”: tệp bị hỏng hoặc sai định dạng.")


# ---- parsing in a child process ------------------------------------------------------------------

def _extract_isolated(path: Path, kind: str) -> str:
    """Parse ``path`` in a child process limited in memory and time; return its text."""
    root = Path(__file__).resolve().parents[1]
    code = (
        "import sys, importlib.util as u; sys.path.insert(0, sys.argv[1]); "
        "s = u.spec_from_file_location('baocao_loader_child', sys.argv[2]); m = u.module_from_spec(s); "
        "sys.modules[s.name] = m; s.loader.exec_module(m); m._child_main(sys.argv[3], sys.argv[4])"
    )
    env = {k: v for k, v in os.environ.items() if not k.endswith("_TOKEN")}
    try:
        proc = subprocess.run(
            [sys.executable, "-c", code, str(root), str(Path(__file__).resolve()), str(path), kind],
            capture_output=True, timeout=EXTRACT_TIMEOUT_S, env=env, stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        raise LoadError(
            f"Đọc tệp “{path.name}” quá lâu (giới hạn {EXTRACT_TIMEOUT_S} giây); tệp có thể bị hỏng hoặc quá phức tạp."
        ) from None
    try:
        result = json.loads(proc.stdout.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        result = {}
    if "text" in result:
        return str(result["text"])
    if "error" in result:
        raise LoadError(str(result["error"]))
    raise LoadError(
        f"Đọc tệp “{path.name}” cần quá nhiều bộ nhớ hoặc thời gian (giới hạn {_mb(MEMORY_LIMIT_BYTES)}); "
        "tệp có thể bị hỏng hoặc được tạo để gây hại."
    )


def _child_main(path_text: str, kind: str) -> None:
    """Entry point of the child process: limits first, then parse, then one JSON line on stdout."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (EXTRACT_TIMEOUT_S, EXTRACT_TIMEOUT_S + 5))
    path = Path(path_text)
    try:
        text = _read_docx(path) if kind == "docx" else _read_pdf(path)
        out = {"text": text}
    except LoadError as exc:
        out = {"error": str(exc)}
    except MemoryError:
        out = {"error": f"Đọc tệp “{path.name}” cần quá nhiều bộ nhớ (giới hạn {_mb(MEMORY_LIMIT_BYTES)}); "
                        "tệp có thể bị hỏng hoặc được tạo để gây hại."}
    sys.stdout.write(json.dumps(out, ensure_ascii=True))
    sys.stdout.flush()


def _read_docx(path: Path) -> str:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(str(path))
    except MemoryError:
        raise
    except Exception as exc:  # python-docx raises several types for broken packages
        raise LoadError(f"Không mở được tệp Word “{path.name}”: tệp bị hỏng hoặc sai định dạng.") from exc
    lines: list[str] = []
    chars = 0

    def add(line: str) -> None:
        nonlocal chars
        lines.append(line)
        chars += len(line) + 1
        _check_chars(path, chars)

    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            add(item.text)
            add("")
        elif isinstance(item, Table) and layout_only(item):
            for cell in unique_cells(item):  # a letterhead, "Nơi nhận" beside the signer: each cell's lines as written
                for paragraph in cell.paragraphs:
                    add(paragraph.text)
                add("")
        elif isinstance(item, Table):
            for row in item.rows:
                cells: list[str] = []
                previous = None
                for cell in row.cells:  # a cell merged across columns: its text once, then empty cells,
                    # so that each column keeps its place under a merged header ("Số di tích đã xếp hạng")
                    cells.append(" ".join(cell.text.split()) if cell._tc is not previous else "")
                    previous = cell._tc
                add("\t".join(cells) + "\t\t")
            add("")
    return "\n".join(lines)


log = logging.getLogger(__name__)

TABLE_PAGES = 60  # pages searched for drawn tables (a dispatch's forms come in its first pages)


def _with_drawn_tables(path: Path, pages: list[str]) -> None:
    """Pages that draw a table (cell borders, as Word prints them) re-read with pdfplumber: the text above
    and below it as lines, the table as tab-separated rows like a Word table's, so that its header row
    and its rows are chunked as a table ("Biểu mẫu gồm những cột nào"), not as loose lines. Runs after
    pypdf has read every page within the limits; without pdfplumber the pages stay as pypdf read them."""
    try:
        import pdfplumber
    except ImportError:
        return
    try:
        with pdfplumber.open(str(path)) as pdf:
            for number, page in enumerate(pdf.pages[:TABLE_PAGES]):
                if not (page.rects or page.lines):
                    continue
                tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
                if not tables:
                    continue
                parts: list[str] = []
                top = 0.0
                for table in tables:
                    if table.bbox[1] > top:
                        parts.append(page.crop((0, top, page.width, table.bbox[1])).extract_text() or "")
                    for row in table.extract():
                        cells = [" ".join((c or "").split()) for c in row if c is not None]
                        parts.append("\t".join(cells) + "\t\t")
                    top = table.bbox[3]
                if top < page.height:
                    parts.append(page.crop((0, top, page.width, page.height)).extract_text() or "")
                pages[number] = "\n".join(parts)
    except Exception as exc:  # a page pdfplumber cannot parse keeps pypdf's text
        log.warning("drawn tables not read from %s: %s", path.name, exc)


def _read_pdf(path: Path) -> str:
    try:
        from pypdf import PdfReader

        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise LoadError(f"Tệp PDF “{path.name}” có mật khẩu; hãy gửi bản không đặt mật khẩu.")
        count = len(reader.pages)
        if count > MAX_PDF_PAGES:
            raise LoadError(
                f"Tệp PDF “{path.name}” có {format_number(count)} trang; giới hạn là {MAX_PDF_PAGES} trang. "
                "Hãy tách thành các tệp nhỏ hơn."
            )
        pages: list[str] = []
        chars = 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            chars += len(pages[-1])
            _check_chars(path, chars)
    except (LoadError, MemoryError):
        raise
    except Exception as exc:  # pypdf raises many error types for malformed files
        raise LoadError(f"Không đọc được tệp PDF “{path.name}”: tệp bị hỏng hoặc sai định dạng.") from exc
    _with_drawn_tables(path, pages)
    text = "\n\n".join(pages)
    if len(text.strip()) < MIN_TEXT_CHARS:
        raise LoadError(f"Tệp PDF “{path.name}” không có lớp chữ (có thể là ảnh quét); hãy gửi bản .docx hoặc .txt.")
    return text
