"""The review ("xem lại") lists every answer under its section headings; a section holding one field of
its own name ("II. Khó khăn, vướng mắc") is one line, not a heading and a line saying the same."""

from __future__ import annotations

from pathlib import Path

from forms.extract import extract_forms
from forms.loader import load_template_data
from forms.session import FormSession

DISPATCH = Path(__file__).parent / "data" / "form_dispatches" / "d01_stttt_cds_quy.docx"


def test_a_section_of_one_field_of_its_own_name_is_one_line():
    (draft,) = [d for d in extract_forms(DISPATCH) if d.name == "Phụ lục I"]
    session = FormSession.start(load_template_data(draft.data))
    text = session.review()
    lines = [line.strip() for line in text.splitlines() if "Khó khăn, vướng mắc" in line and not line.startswith("Còn")]
    assert lines == ["II Khó khăn, vướng mắc: (chưa trả lời) ⚠ bắt buộc"], text
    assert "I. Kết quả thực hiện" in text and "3. Phát triển chính quyền số" in text  # real headings stay
