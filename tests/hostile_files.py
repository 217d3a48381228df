"""Hostile and legacy input files, built in the tests (nothing downloaded, nothing stored in the repo).

Each builder writes one file into a directory and returns its path; ``CASES`` lists them with what
``knowledge.loaders.read_document`` must do: refuse with a message containing a given phrase, or
return text containing a given phrase.
"""

from __future__ import annotations

import io
import os
import random
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from vntext.encodings import encode_legacy

MB = 1024 * 1024
VIET = ("Cộng hòa xã hội chủ nghĩa Việt Nam. Ủy ban nhân dân tỉnh đề nghị các sở, ban, ngành báo cáo tình hình "
        "ứng dụng công nghệ thông tin trước ngày 22 hàng tháng; người ký: Phó Giám đốc Nguyễn Văn Ước.\n")

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def document_xml(body: str, prolog: str = "") -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document {W}><w:body>{body}</w:body></w:document>'


def paragraphs(*texts: str) -> str:
    return "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{t}</w:t></w:r></w:p>" for t in texts)


def write_docx(path: Path, document: str | Callable[[io.BufferedWriter], None], extra: dict[str, bytes] | None = None,
               level: int = 6) -> Path:
    """A minimal valid .docx; ``document`` is the XML text or a writer streaming it (for huge parts)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", ROOT_RELS)
        if callable(document):
            with zf.open("word/document.xml", "w", force_zip64=False) as fh:
                document(fh)
        else:
            zf.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return path


def _stream(head: bytes, unit: bytes, size: int, tail: bytes) -> Callable[[io.BufferedWriter], None]:
    def write(fh) -> None:
        fh.write(head)
        written, block = 0, unit * max(1, (1 << 20) // len(unit))
        while written < size:
            fh.write(block)
            written += len(block)
        fh.write(tail)
    return write


def _doc_stream(unit: str, size: int) -> Callable[[io.BufferedWriter], None]:
    head = f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>'.encode()
    return _stream(head, unit.encode(), size, b"</w:body></w:document>")


def _random_paragraphs(size: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    parts, total = [], 0
    while total < size:
        p = f'<w:p w:rsidR="{rng.getrandbits(32):08X}" w:rsidP="{rng.getrandbits(32):08X}"/>'
        parts.append(p)
        total += len(p)
    return "".join(parts)


def overlapping_zip(path: Path, entries: int, declared: int) -> Path:
    """A "non-recursive" zip bomb: many central-directory entries sharing one compressed kernel."""
    kernel = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = kernel.compress(b"\0" * declared) + kernel.flush()
    crc = zlib.crc32(b"\0" * declared)
    name0 = b"word/document.xml"
    local = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(data), declared, len(name0), 0)
    body = local + name0 + data
    central = b""
    for i in range(entries):
        name = name0 if i == 0 else f"word/media/part{i}.bin".encode()
        central += struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(data), declared,
                               len(name), 0, 0, 0, 0, 0, 0) + name
    eocd = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, entries, entries, len(central), len(body), 0)
    path.write_bytes(body + central + eocd)
    return path


def lying_size_zip(path: Path, real: int, declared: int) -> Path:
    """document.xml declares ``declared`` bytes (local and central headers) but inflates to ``real``."""
    write_docx(path, _doc_stream("<w:p/>", real))
    raw = bytearray(path.read_bytes())
    for sig, size_at, name_len_at, name_at in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        start = 0
        while (at := raw.find(sig, start)) >= 0:
            name_len = struct.unpack("<H", raw[at + name_len_at:at + name_len_at + 2])[0]
            if raw[at + name_at:at + name_at + name_len] == b"word/document.xml":
                raw[at + size_at:at + size_at + 4] = struct.pack("<I", declared)
            start = at + 4
    path.write_bytes(bytes(raw))
    return path


def many_entries_zip(path: Path, count: int) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", ROOT_RELS)
        zf.writestr("word/document.xml", document_xml(paragraphs(VIET)))
        for i in range(count):
            zf.writestr(f"word/media/{i}.bin", b"")
    return path


def pdf(path: Path, pages: int = 1, text: str = "Công văn số 12/UBND-VP đề nghị báo cáo trước ngày 20/3/2024.",
        password: str | None = None) -> Path:
    from fpdf import FPDF

    doc = FPDF()
    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if font.is_file():
        doc.add_font("DejaVu", fname=str(font))
        doc.set_font("DejaVu", size=11)
    else:
        doc.set_font("Helvetica", size=11)
        text = text.encode("ascii", "ignore").decode()
    for _ in range(pages):
        doc.add_page()
        if text:
            doc.multi_cell(0, 8, text)
    if password:
        doc.set_encryption(owner_password="owner", user_password=password)
    doc.output(str(path))
    return path


def pdf_flate_bomb(path: Path, inflated: int) -> Path:
    """One page whose content stream inflates to ``inflated`` bytes of text-drawing operators."""
    unit = b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n"
    comp = zlib.compressobj(9)
    stream = b"".join(comp.compress(unit * (MB // len(unit))) for _ in range(inflated // MB)) + comp.flush()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))
    return path


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], Path]
    refused: str | None = None  # phrase of the refusal message
    text: str | None = None  # phrase the extracted text must contain


def _file(name: str, data: bytes | Callable[[], bytes]) -> Callable[[Path], Path]:
    def build(d: Path) -> Path:
        p = d / name
        p.write_bytes(data() if callable(data) else data)
        return p
    return build


def _docx(name: str, make: Callable[[], object], extra: Callable[[], dict[str, bytes]] | None = None,
          level: int = 6) -> Callable[[Path], Path]:
    """Built lazily: ``make()`` gives the document XML (or a streaming writer), ``extra()`` more parts."""
    return lambda d: write_docx(d / name, make(), extra=extra() if extra else None, level=level)


def _words(count: int, seed: int = 5) -> str:
    """Vietnamese-looking text that does not compress much (random order of real syllables)."""
    rng = random.Random(seed)
    vocab = VIET.split()
    return " ".join(rng.choice(vocab) for _ in range(count))


def _billion_laughs() -> str:
    ents = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{("&a%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    return document_xml(paragraphs("&a9;"), f"<!DOCTYPE w:document [{ents}]>")


def _xxe() -> str:
    return document_xml(paragraphs("&x;", VIET), '<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>')


def _deep() -> str:
    rng = random.Random(9)  # random attributes: not a compression-ratio refusal, a real parse of the nesting
    opening = "".join(f'<w:r w:rsidR="{rng.getrandbits(32):08X}">' for _ in range(100_000))
    return document_xml("<w:p>" + opening + "</w:r>" * 100_000 + "</w:p>")


CASES: list[Case] = [
    # ---- zip bombs and broken zips (.docx) ----
    Case("bomb-120mb-of-spaces", _docx("bomb1.docx", lambda: _doc_stream(" " * 64, 120 * MB), level=9), "khi giải nén quá lớn"),
    Case("bomb-ratio-15mb-part", _docx("bomb2.docx", lambda: _doc_stream("<w:p/>" * 8, 15 * MB), level=9), "tỷ lệ nén"),
    Case("bomb-overlapping-entries", lambda d: overlapping_zip(d / "bomb3.docx", 400, 2 * MB), "khi giải nén quá lớn"),
    Case("bomb-overlapping-few-big", lambda d: overlapping_zip(d / "bomb4.docx", 3, 40 * MB), "khi giải nén quá lớn"),
    Case("bomb-lying-declared-size", lambda d: lying_size_zip(d / "bomb5.docx", 30 * MB, 2_000), "bị hỏng"),
    Case("zip-5000-entries", lambda d: many_entries_zip(d / "many.docx", 5000), "quá nhiều thành phần nén"),
    Case("zip-1001-entries", lambda d: many_entries_zip(d / "many2.docx", 998), "quá nhiều thành phần nén"),
    Case("zip-990-entries-ok", lambda d: many_entries_zip(d / "many3.docx", 990), text="Ủy ban nhân dân tỉnh"),
    Case("xml-part-over-16mb", _docx("xml1.docx", lambda: document_xml(_random_paragraphs(17 * MB))), "phần nội dung XML quá lớn"),
    Case("xml-total-over-32mb", _docx("xml2.docx", lambda: document_xml(paragraphs(VIET)),
                                      extra=lambda: {f"word/header{i}.xml": _random_paragraphs(12 * MB, i).encode()
                                                     for i in range(3)}), "tổng nội dung XML quá lớn"),
    Case("docx-too-many-characters", _docx("long.docx", lambda: document_xml(
        paragraphs(*[_words(40_000, i) for i in range(12)]))), "ký tự"),
    Case("docx-billion-laughs", _docx("laughs.docx", _billion_laughs), "bị hỏng"),
    Case("docx-xxe-external-entity", _docx("xxe.docx", _xxe), text="Ủy ban nhân dân"),
    Case("docx-deeply-nested", _docx("deep.docx", _deep), "bị hỏng"),
    # the densest XML the limits allow (15 MB, ~330,000 paragraphs with attributes): parsed within 1 GB
    Case("docx-330k-empty-paragraphs", _docx("empty.docx", lambda: document_xml(_random_paragraphs(15 * MB, 3))),
         "không có đủ nội dung"),
    Case("docx-random-bytes", _file("random.docx", lambda: random.Random(1).randbytes(50_000)), "không phải tệp Word"),
    Case("docx-truncated", lambda d: _truncate(write_docx(d / "trunc.docx", document_xml(paragraphs(VIET * 50)))),
         "không phải tệp Word"),
    Case("docx-empty-zip", _file("emptyzip.docx", b"PK\x05\x06" + b"\0" * 18), "thiếu phần nội dung chính"),
    Case("docx-without-document-part", lambda d: _zip_only(d / "nodoc.docx"), "thiếu phần nội dung chính"),
    Case("docx-is-a-pdf", lambda d: _rename(pdf(d / "x.pdf"), d / "pdf.docx"), "không phải tệp Word"),
    Case("docx-zip64-marker", _file("z64.docx", b"PK\x05\x06" + b"\0" * 6 + b"\xff\xff" * 2 + b"\0" * 10),
         "quá nhiều thành phần nén"),
    Case("docx-valid-vietnamese", _docx("ok.docx", lambda: document_xml(paragraphs(VIET, VIET))), text="Nguyễn Văn Ước"),
    # ---- PDFs ----
    Case("pdf-600-pages", lambda d: pdf(d / "long.pdf", pages=600, text="Trang"), "600 trang"),
    Case("pdf-with-password", lambda d: pdf(d / "secret.pdf", password="matkhau"), "mật khẩu"),
    Case("pdf-no-text-layer", lambda d: pdf(d / "scan.pdf", text=""), "không có lớp chữ"),
    Case("pdf-flate-bomb-100mb", lambda d: pdf_flate_bomb(d / "flate.pdf", 100 * MB), "PDF"),
    Case("pdf-garbage-after-header", _file("garbage.pdf", lambda: b"%PDF-1.7\n" + random.Random(2).randbytes(100_000)),
         "bị hỏng"),
    Case("pdf-truncated", lambda d: _truncate(pdf(d / "cut.pdf", pages=3)), None, None),
    Case("pdf-not-a-pdf", _file("text.pdf", VIET.encode() * 3), "bị hỏng"),
    Case("pdf-is-a-docx", lambda d: _rename(write_docx(d / "y.docx", document_xml(paragraphs(VIET))), d / "doc.pdf"),
         "bị hỏng"),
    Case("pdf-valid-vietnamese", lambda d: pdf(d / "ok.pdf"), text="báo cáo"),
    # ---- plain text: encodings ----
    Case("txt-utf8", _file("u8.txt", VIET.encode()), text="Nguyễn Văn Ước"),
    Case("txt-utf8-bom", _file("u8bom.txt", b"\xef\xbb\xbf" + VIET.encode()), text="Nguyễn Văn Ước"),
    Case("txt-utf16-le-bom", _file("u16.txt", VIET.encode("utf-16")), text="Nguyễn Văn Ước"),
    Case("txt-utf16-be-bom", _file("u16be.txt", b"\xfe\xff" + VIET.encode("utf-16-be")), text="Nguyễn Văn Ước"),
    Case("txt-utf16-le-no-bom", _file("u16nobom.txt", VIET.encode("utf-16-le")), text="Nguyễn Văn Ước"),
    Case("txt-utf32-bom", _file("u32.txt", VIET.encode("utf-32")), text="Nguyễn Văn Ước"),
    Case("txt-windows-1258", _file("cp1258.txt", encode_legacy(VIET, "cp1258")), text="Nguyễn Văn Ước"),
    Case("txt-windows-1258-python-codec", _file("cp1258b.txt", lambda: _cp1258_decomposed(VIET)),
         text="Nguyễn Văn Ước"),
    Case("txt-tcvn3", _file("tcvn3.txt", encode_legacy(VIET, "tcvn3")), text="Nguyễn Văn Ước"),
    Case("txt-tcvn3-known-bytes", _file("abc.txt", ("Céng hoµ x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc"
                                                    "\n").encode("latin-1")), text="Độc lập - Tự do - Hạnh phúc"),
    Case("txt-vni", _file("vni.txt", encode_legacy(VIET, "vni")), text="Nguyễn Văn Ước"),
    Case("txt-vni-known-bytes", _file("vni2.txt", "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam\nÑoäc laäp - Töï do - Haïnh "
                                                  "phuùc\n".encode("cp1252")), text="Độc lập - Tự do - Hạnh phúc"),
    # ---- plain text: hostile ----
    Case("txt-png-renamed", _file("img.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)) * 40), "không"),
    Case("txt-random-bytes", _file("rnd.txt", lambda: random.Random(3).randbytes(20_000)), "không"),
    Case("txt-over-20mb", _file("big.txt", lambda: b"a" * (21 * MB)), "quá lớn"),
    Case("txt-over-2m-characters", _file("chars.txt", lambda: ("Báo cáo. " * 300_000).encode()), "ký tự"),
    Case("txt-empty", _file("empty.txt", b""), "rỗng"),
    Case("txt-only-whitespace", _file("ws.txt", b" \n\t " * 100), "không có đủ nội dung"),
    Case("txt-control-characters", _file("ctl.txt", ("\x1b[31m" + VIET + "\x07\x08\x7f\u200b\u2028").encode()),
         text="Nguyễn Văn Ước"),
    Case("txt-nul-in-utf8", _file("nul.txt", VIET.encode() + b"\0" + VIET.encode()), text="Nguyễn Văn Ước"),
    Case("txt-invalid-utf8-mostly-ascii", _file("bad.txt", b"Bao cao thang 5 " * 10 + b"\xed\xa0\x80"), None, None),
    Case("md-markdown", _file("cv.md", ("# " + VIET).encode()), text="Nguyễn Văn Ước"),
    Case("unsupported-exe", _file("virus.exe", b"MZ" + b"\0" * 100), "Không hỗ trợ định dạng"),
    Case("unsupported-docm", _file("macro.docm", b"PK"), "Không hỗ trợ định dạng"),
    Case("unsupported-no-extension", _file("README", b"hello"), "Không hỗ trợ định dạng"),
]


def _truncate(path: Path) -> Path:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _rename(src: Path, dst: Path) -> Path:
    os.replace(src, dst)
    return dst


def _zip_only(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("word/other.xml", document_xml(paragraphs(VIET)))
    return path


def _cp1258_decomposed(text: str) -> bytes:
    """What Word writes for "Vietnamese (Windows)": precomposed where cp1258 has it, else base + tone."""
    import unicodedata

    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            tones = "".join(c for c in decomposed if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
            out.append(base.encode("cp1258") + tones.encode("cp1258"))
    return b"".join(out)
