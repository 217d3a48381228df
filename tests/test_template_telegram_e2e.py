"""End-to-end through the Telegram adapter (HTTP faked, everything else real): an admin sends a new
dispatch .docx, reviews and edits the extracted draft in the chat and publishes it; an official fills it
and gets a .docx whose table has the dispatch's headers. The official's open draft keeps the template
version it started with while the admin publishes a newer one."""

from __future__ import annotations

from pathlib import Path

from bot import texts
from tests.fake_telegram import FakeTelegramServer
from tests.test_telegram_e2e import ADMIN, PROFILE, Chat, docx_text, joined, run

DISPATCH = Path(__file__).parent / "data" / "form_dispatches" / "d01_stttt_cds_quy.docx"
OFFICIAL = 31


def test_admin_publishes_a_new_dispatch_form_and_an_official_fills_it(kb, data_dir, tmp_path):  # noqa: F811
    async def scenario():
        server = FakeTelegramServer()
        seen: dict[str, object] = {}
        async with Chat(server, kb, tmp_path / "docs") as chat:
            await chat.say(ADMIN, "/start")
            before = len(server.sent_to(ADMIN))
            server.send_document(ADMIN, DISPATCH.name, DISPATCH.read_bytes())
            seen["upload"] = await chat._wait(ADMIN, before)
            seen["list"] = await chat.say(ADMIN, "/bannhap")
            seen["refused"] = await chat.say(OFFICIAL, "/duyet bieu_so_01_1125")
            seen["draft_hidden"] = await chat.say(OFFICIAL, "/dien bieu_so_01_1125")
            seen["rename"] = await chat.say(ADMIN, "/sua_mau bieu_so_01_1125 doi_ten bang.ghi_chu Ghi chú thêm")
            seen["publish"] = await chat.say(ADMIN, "/duyet bieu_so_01_1125")
            seen["start"] = await chat.say(OFFICIAL, "tôi cần làm biểu số 01")
            # the given indicator rows are filled across: one pasted block, one line of values per row
            seen["paste"] = await chat.say(OFFICIAL, "12 | 30 | -\n1.250 | 3.400 | Đạt\n97,5 | 96 | -\n"
                                                     "310 | 310 | -\n450 | 1.200 | -\n85 | 140 | -")
            await chat.say(OFFICIAL, "có")
            seen["edit"] = await chat.say(OFFICIAL, "dòng II.2 quý III 460")
            # meanwhile the admin drops a column and publishes again: the official's draft is not touched
            seen["drop"] = await chat.say(ADMIN, "/sua_mau bieu_so_01_1125 bo bang.ghi_chu")
            seen["republish"] = await chat.say(ADMIN, "/duyet bieu_so_01_1125")
            seen["done"] = await chat.say(OFFICIAL, "xong")
            out = await chat.press_label(OFFICIAL, texts.BTN_EXPORT)
            for answer in PROFILE:  # the profile questions this template needs, then the document
                if any(m.document_bytes is not None for m in out):
                    break
                out += await chat.say(OFFICIAL, answer)
            seen["export"] = out
            user = chat.store.get_or_create_user("telegram", str(OFFICIAL))
            seen["sessions"] = chat.store.list_sessions(user.id, statuses=None)
        return server, seen

    server, seen = run(scenario())
    upload = joined(seen["upload"])
    assert "Công văn 1125/STTTT-CĐS: trích được 2 mẫu nháp." in upload
    assert "Biểu số 01: 6 dòng chỉ tiêu × 2 cột số — mã bieu_so_01_1125" in upload
    blanks = [m for m in seen["upload"] if m.document_bytes is not None]
    assert {m.document_name for m in blanks} >= {"mau-bieu_so_01_1125-v1.docx", "mau-phu_luc_i_1125-v1.docx"}
    blank = docx_text(next(m for m in blanks if "bieu_so" in m.document_name).document_bytes)
    assert "Quý III/2024" in blank and "Số hồ sơ tiếp nhận trực tuyến" in blank
    assert "bieu_so_01_1125" in joined(seen["list"]) and "phu_luc_i_1125" in joined(seen["list"])
    assert "chỉ dành cho quản trị viên" in joined(seen["refused"])
    assert "Bắt đầu điền" not in joined(seen["draft_hidden"])  # a draft is not offered to officials
    assert "phiên bản 2" in joined(seen["rename"]) and "phiên bản 3" in joined(seen["publish"])
    assert "Biểu số 01 — Số liệu kết quả chuyển đổi số" in joined(seen["start"])
    assert "phiên bản 5" in joined(seen["republish"])
    [session] = seen["sessions"]
    assert session.template_id == "bieu_so_01_1125" and session.template_version == "3"
    assert session.status == "completed"
    documents = [m for m in seen["export"] if m.document_bytes is not None]
    assert len(documents) == 1, joined(seen["done"]) + "\n----\n" + joined(seen["export"])
    document = documents[0]
    text = docx_text(document.document_bytes)
    for needle in ("Chỉ tiêu", "Đơn vị tính", "Kết quả thực hiện", "Quý III/2024", "Lũy kế từ đầu năm",
                   "Ghi chú thêm", "Số hồ sơ tiếp nhận trực tuyến", "1.250", "3.400", "Đạt",
                   "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"):
        assert needle in text, needle
    assert "tập huấn kỹ năng số (Người) — Kết quả thực hiện › Quý III/2024: 85" in joined(seen["paste"])
    assert "460" in joined(seen["edit"])
    import io

    import docx
    rows = [[c.text.strip() for c in r.cells] for r in docx.Document(io.BytesIO(document.document_bytes)).tables[-1].rows]
    line = next(r for r in rows if "Số hồ sơ tiếp nhận trực tuyến" in r[1])
    assert line[2:5] == ["Hồ sơ", "1.250", "3.400"], line
    money = next(r for r in rows if "Kinh phí đầu tư" in r[1])
    assert money[2:4] == ["Triệu đồng", "460"], money
    assert "1125/STTTT-CĐS" in text
