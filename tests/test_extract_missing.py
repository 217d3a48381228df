"""Forms a dispatch says it attaches but does not contain (the 1485 seed's "mẫu báo cáo xin gửi kèm theo")."""

from __future__ import annotations

from pathlib import Path

from forms.extract.missing import missing_forms
from forms.extract.reading import read_blocks, read_text

CORPUS = Path(__file__).parent.parent / "knowledge" / "corpus"
HEAD = ("ỦY BAN NHÂN DÂN XÃ TÂN PHÚ\nSố: 58/UBND-VP\nTân Phú, ngày 4 tháng 3 năm 2025\n"
        "V/v báo cáo tình hình sản xuất vụ Đông Xuân\nKính gửi: Các thôn, ấp.\n")


def _names(text: str) -> list[str]:
    return [m.name for m in missing_forms(read_text(text))]


def test_an_unnamed_form_said_to_be_attached_is_missing_when_the_file_has_none():
    found = missing_forms(read_text(HEAD + "Đề nghị các thôn báo cáo theo biểu mẫu đính kèm trước ngày 15/3/2025.\n"))
    assert [m.name for m in found] == ["Biểu mẫu"]
    assert found[0].quote.startswith("Đề nghị các thôn báo cáo theo biểu mẫu đính kèm")


def test_the_1485_seed_names_no_form_but_says_one_is_sent_with_it():
    [found] = missing_forms(read_blocks(next(CORPUS.glob("cv-1485-*.txt"))))
    assert found.name == "Mẫu báo cáo" and "xin gửi kèm theo" in found.quote


def test_a_named_form_said_to_be_attached_but_absent_is_missing_the_present_one_is_not():
    text = (HEAD + "Đề nghị báo cáo theo Biểu số 01 và Biểu số 02 kèm theo công văn này.\n"
            "Biểu số 01\nDIỆN TÍCH GIEO TRỒNG VỤ ĐÔNG XUÂN\n(Kèm theo Công văn số 58/UBND-VP ngày 4/3/2025)\n"
            "TT\tCây trồng\tDiện tích (ha)\n1\tLúa\t\n2\tNgô\t\n")
    assert _names(text) == ["Biểu số 02"]


def test_mentions_that_do_not_say_attached_and_unnamed_ones_beside_real_forms_are_not_missing():
    assert _names(HEAD + "Thực hiện theo Mẫu số 03 ban hành tại Thông tư số 12/2024/TT-BNNPTNT.\n") == []
    text = (HEAD + "Đề nghị báo cáo theo mẫu kèm theo.\n"
            "Mẫu số 01\nBÁO CÁO TIẾN ĐỘ GIEO CẤY\n(Kèm theo Công văn số 58/UBND-VP ngày 4/3/2025)\n"
            "I. TIẾN ĐỘ\nII. KIẾN NGHỊ\n")
    assert _names(text) == []
    assert _names(HEAD + "Kết quả thực hiện gửi kèm theo báo cáo quý.\n") == []  # no form word before it
