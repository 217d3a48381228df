"""A form named by words, not a number ("Biểu tổng hợp", "BIỂU SỐ LIỆU", "Mẫu báo cáo"), is an attachment
when its title or "(Kèm theo …)" line follows; the same words inside a sentence, or a heading followed by
ordinary text, are not."""

from __future__ import annotations

from forms.extract import extract_forms

HEAD = ("ỦY BAN NHÂN DÂN XÃ AN PHÚ\nSố: 58/UBND-VP\nV/v báo cáo công tác dân số năm 2025\n"
        "Kính gửi: Các thôn, ấp.\nĐề nghị các thôn báo cáo theo {mention} kèm theo trước ngày 10/12/2025.\n"
        "CHỦ TỊCH\nNguyễn Văn Tâm\n\n")
TABLE = ("STT\tThôn, ấp\tSố hộ\tSố nhân khẩu\tGhi chú\n(1)\t(2)\t(3)\t(4)\t(5)\n1\t\t\t\t\n")


def _forms(tmp_path, name: str, next_line: str, mention: str):
    path = tmp_path / "cv58.txt"
    path.write_text(HEAD.format(mention=mention) + f"{name}\n{next_line}\n" + TABLE, encoding="utf-8")
    return extract_forms(path)


def test_a_form_named_by_words_with_its_title_is_a_draft(tmp_path):
    [draft] = _forms(tmp_path, "BIỂU SỐ LIỆU", "TÌNH HÌNH DÂN SỐ CÁC THÔN NĂM 2025", "Biểu số liệu")
    assert draft.name == "Biểu số liệu"
    [table] = [f["table"] for f in draft.data["sections"] if "table" in f]
    assert [c["label"] for c in table["columns"]] == ["STT", "Thôn, ấp", "Số hộ", "Số nhân khẩu", "Ghi chú"]


def test_named_by_words_and_followed_by_its_kem_theo_line(tmp_path):
    [draft] = _forms(tmp_path, "Biểu tổng hợp", "(Kèm theo Công văn số 58/UBND-VP ngày 1/12/2025)", "Biểu tổng hợp")
    assert draft.name == "Biểu tổng hợp"


def test_the_words_followed_by_ordinary_text_open_nothing(tmp_path):
    assert _forms(tmp_path, "Mẫu báo cáo", "Các thôn gửi đúng hạn.", "mẫu báo cáo") == []
