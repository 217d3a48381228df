"""Admin review commands in the chat (through the real Core and database), and the upload summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import texts_templates as tt
from bot.conversation import Core, Incoming
from bot.conversation.messages import IncomingFile
from bot.knowledge_link import KnowledgeLink
from storage import Store

FORMS = Path(__file__).parent / "data" / "form_dispatches"
ADMIN, OFFICIAL = "a1", "u1"


@pytest.fixture()
def core(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("BAOCAO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr("forms.render.preview.preview_png", lambda *a, **k: None)  # pictures: tested in e2e
    store = Store.open(db_url)
    yield Core(store, knowledge=KnowledgeLink(opener=None), documents_dir=tmp_path / "docs")
    store.close()


def say(core: Core, uid: str, text: str) -> str:
    out = core.handle(Incoming.message("terminal", uid, text, is_admin=uid == ADMIN))
    return "\n".join(o.text for o in out)


def upload(core: Core, path: Path) -> list:
    return core.handle(Incoming.upload("terminal", ADMIN, IncomingFile(path.name, path.read_bytes()), is_admin=True))


def test_upload_stores_drafts_and_sends_the_blank_forms(core: Core) -> None:
    out = upload(core, FORMS / "d02_snv_bienche.docx")
    text = "\n".join(o.text for o in out)
    assert "trích được 1 mẫu nháp" in text and "Mẫu số 01" in text
    [blank] = [o.document for o in out if o.document]
    assert blank.filename.startswith("mau-mau_so_01") and blank.path.is_file()
    again = "\n".join(o.text for o in upload(core, FORMS / "d02_snv_bienche.docx"))
    assert "không đổi so với bản đã lưu" in again


def test_a_form_the_dispatch_mentions_but_lacks_is_reported(core: Core, tmp_path: Path) -> None:
    text = ("UỶ BAN NHÂN DÂN HUYỆN AN LÃO\nSố: 77/UBND-VP\nAn Lão, ngày 3 tháng 3 năm 2025\n"
            "V/v báo cáo công tác phòng chống thiên tai\n"
            "Đề nghị các xã báo cáo kết quả theo Biểu mẫu số 03 kèm theo công văn này trước ngày 20/3/2025.\n"
            "CHỦ TỊCH\nTrần Văn Bình\n")
    path = tmp_path / "cv77.txt"
    path.write_text(text, encoding="utf-8")
    said = "\n".join(o.text for o in upload(core, path))
    assert "Biểu mẫu số 03" in said and "không tìm thấy nội dung mẫu" in said


def test_review_commands_are_for_admins_and_explain_mistakes(core: Core) -> None:
    upload(core, FORMS / "d01_stttt_cds_quy.docx")
    assert say(core, OFFICIAL, "/bannhap").endswith(tt.ADMIN_ONLY)  # after the first-contact welcome
    assert say(core, OFFICIAL, "/sua_mau bieu_so_01_1125 bo bang.ghi_chu") == tt.ADMIN_ONLY
    assert "bieu_so_01_1125" in say(core, ADMIN, "/bannhap")
    assert say(core, ADMIN, "/sua_mau bieu_so_01_1125") == tt.EDIT_USAGE
    assert say(core, ADMIN, "/sua_mau bieu_so_01_1125 doi_kieu bang.ghi_chu poem") == tt.EDIT_USAGE
    assert "không có mục “IX”" in say(core, ADMIN, "/sua_mau bieu_so_01_1125 bo IX")
    assert "Chưa sửa được" in say(core, ADMIN, "/sua_mau bieu_so_01_1125 khong_bat_buoc bang.ghi_chu")
    assert "phiên bản 2" in say(core, ADMIN, "/sua_mau phu_luc_i_1125 khong_bat_buoc I.4.a")
    assert "Không có mẫu nháp mã “x”" in say(core, ADMIN, "/duyet x")
    assert "ghi mã mẫu" in say(core, ADMIN, "/duyet")
    review = core.handle(Incoming.message("terminal", ADMIN, "/xem_mau phu_luc_i_1125", is_admin=True))
    [line] = [ln for ln in review[0].text.splitlines() if ln.strip().startswith("I.4.a")]
    assert "không bắt buộc" in line and review[1].document is not None


def test_published_template_is_offered_in_the_menu_and_by_name(core: Core) -> None:
    upload(core, FORMS / "d01_stttt_cds_quy.docx")
    assert "Số liệu kết quả chuyển đổi số" not in say(core, OFFICIAL, "/mau")
    assert "phiên bản 2" in say(core, ADMIN, "/duyet bieu_so_01_1125")
    assert "Số liệu kết quả chuyển đổi số" in "\n".join(
        c.label for o in core.handle(Incoming.message("terminal", OFFICIAL, "/mau")) for c in o.all_choices()
    ) + say(core, OFFICIAL, "/mau")
    assert "Bắt đầu điền Biểu số 01 — Số liệu kết quả chuyển đổi số" in say(core, OFFICIAL, "/dien biểu số 01")


def test_a_name_shared_by_dispatches_follows_the_users_current_dispatch(core: Core) -> None:
    upload(core, FORMS / "d01_stttt_cds_quy.docx")
    say(core, ADMIN, "/duyet bieu_so_01_1125")
    assert "Bắt đầu điền Biểu số 01 — Số liệu" in say(core, "u2", "/dien biểu số 01")  # most recent dispatch
    assert "Bắt đầu điền" in say(core, OFFICIAL, "/dien bieu04")  # a draft of 232/BTTTT-KHTC is open
    assert "Bắt đầu điền Biểu 01/BCKH" in say(core, OFFICIAL, "/dien biểu số 01")


def test_a_form_sent_later_becomes_its_dispatchs_template(core: Core, tmp_path: Path) -> None:
    form = ("Mẫu số 01\nBÁO CÁO TÌNH HÌNH ỨNG DỤNG CÔNG NGHỆ THÔNG TIN HÀNG THÁNG\n"
            "(Kèm theo Công văn số 1485/BTTTT-UDCNTT ngày 22/5/2009 của Bộ Thông tin và Truyền thông)\n\n"
            "I. TÌNH HÌNH ỨNG DỤNG CNTT TRONG THÁNG\n1. Hạ tầng kỹ thuật (số máy tính, tỷ lệ kết nối Internet)\n"
            "2. Ứng dụng CNTT trong nội bộ cơ quan\n3. Dịch vụ công trực tuyến (nếu có)\n"
            "II. KHÓ KHĂN, VƯỚNG MẮC\nIII. ĐỀ XUẤT, KIẾN NGHỊ\n")
    path = tmp_path / "mau-bao-cao-1485.txt"
    path.write_text(form, encoding="utf-8")
    said = "\n".join(o.text for o in upload(core, path))
    assert "Công văn 1485/BTTTT-UDCNTT: trích được 1 mẫu nháp." in said
    record = core.svc.templates.record("mau_so_01_1485")
    assert record.dispatch == "1485/BTTTT-UDCNTT" and record.status == "draft"
    assert "phiên bản 2" in say(core, ADMIN, "/duyet mau_so_01_1485")
    assert "Bắt đầu điền Mẫu số 01" in say(core, OFFICIAL, "/dien mẫu số 01 1485")


def test_a_form_without_its_dispatch_number_is_attached_by_the_admin(core: Core, tmp_path: Path) -> None:
    form = ("Mẫu số 02\nBÁO CÁO KẾT QUẢ TIẾP CÔNG DÂN QUÝ\n\nI. KẾT QUẢ TIẾP CÔNG DÂN\n1. Số lượt tiếp\n"
            "2. Số vụ việc (nếu có)\nII. KIẾN NGHỊ\n")
    path = tmp_path / "mau02.txt"
    path.write_text(form, encoding="utf-8")
    upload(core, path)
    lib = core.svc.templates
    [draft] = lib.drafts()
    assert draft.source.dispatch != "1485/BTTTT-UDCNTT"
    said = say(core, ADMIN, f"/sua_mau {draft.id} cong_van 1485/BTTTT-UDCNTT")
    assert "mẫu thuộc công văn 1485/BTTTT-UDCNTT" in said and "phiên bản 2" in said
    record = lib.record(draft.id)
    assert record.dispatch == "1485/BTTTT-UDCNTT" and record.data["source"]["dispatch"] == "1485/BTTTT-UDCNTT"
    assert say(core, ADMIN, f"/sua_mau {draft.id} cong_van  ") == tt.EDIT_USAGE


def test_the_missing_1485_form_is_listed_until_an_admin_sends_it(core: Core, tmp_path: Path) -> None:
    listed = say(core, ADMIN, "/mau_thieu")
    assert tt.MISSING_HEADER in listed and "Công văn 1485/BTTTT-UDCNTT: “Mẫu báo cáo”" in listed
    assert "xin gửi kèm theo" in listed and tt.MISSING_INVITE in listed
    assert "1485/BTTTT-UDCNTT" in say(core, ADMIN, "/bannhap")  # under the drafts list too
    assert say(core, OFFICIAL, "/mau_thieu").endswith(tt.ADMIN_ONLY)
    form = ("Mẫu số 01\nTÌNH HÌNH ỨNG DỤNG CÔNG NGHỆ THÔNG TIN THÁNG\n"
            "(Kèm theo Công văn số 1485/BTTTT-UDCNTT ngày 22/5/2009 của Bộ Thông tin và Truyền thông)\n\n"
            "I. HẠ TẦNG KỸ THUẬT\nII. ỨNG DỤNG TRONG NỘI BỘ\nIII. KIẾN NGHỊ (nếu có)\n")
    path = tmp_path / "mau-1485.txt"
    path.write_text(form, encoding="utf-8")
    upload(core, path)
    assert say(core, ADMIN, "/mau_thieu") == tt.MISSING_NONE


def test_admin_merges_two_fields_of_a_draft(core: Core) -> None:
    upload(core, FORMS / "d01_stttt_cds_quy.docx")
    assert say(core, ADMIN, "/gop_muc phu_luc_i_1125") == tt.MERGE_USAGE
    assert "không có mục “IX”" in say(core, ADMIN, "/gop_muc phu_luc_i_1125 I.1 IX")
    assert "Chưa sửa được" in say(core, ADMIN, "/gop_muc phu_luc_i_1125 I I.2")  # a section and a field
    said = say(core, ADMIN, "/gop_muc phu_luc_i_1125 I.1 I.2 Công tác chỉ đạo và kế hoạch")
    assert "gộp I.2 vào I.1" in said and "phiên bản 2" in said
    data = core.svc.templates.record("phu_luc_i_1125").data
    codes = [i.get("field") or i.get("section") for s in data["sections"] for i in s.get("items", [])]
    assert "I.2" not in codes and "I.1" in codes
