"""Admin merge of two fields, columns or sections of a draft (forms.draft_edit.merge) and /gop_muc."""

from __future__ import annotations

import pytest

from forms.draft_edit import merge
from forms.loader import load_template_data


def _draft() -> dict:
    return {
        "id": "mau_thu", "title": "Báo cáo thử", "kind": "report", "status": "draft",
        "source": {"dispatch": "58/UBND-VP", "section": "Mẫu số 01"},
        "sections": [
            {"section": "I", "title": "Kết quả", "items": [
                {"field": "I.1", "label": "Số lượt tiếp công dân", "type": "text", "help": "Ghi theo sổ tiếp"},
                {"field": "I.2", "label": "trong tháng", "type": "longtext", "required": False},
                {"field": "I.3", "label": "Số đơn", "type": "integer"},
                {"field": "bang", "label": "Bảng số liệu", "type": "table", "table": {
                    "columns": [{"id": "tt", "label": "TT", "type": "text", "computed": "tt"},
                                {"id": "noi_dung", "label": "Nội dung", "type": "text"},
                                {"id": "so_luot", "label": "Số lượt", "type": "integer", "sum": True},
                                {"id": "so_luot_2", "label": "(lượt)", "type": "integer"}],
                    "checks": [{"parts": ["so_luot_2"], "at_most": "so_luot"}]}},
            ]},
            {"section": "II", "title": "Khó khăn", "items": [{"field": "II.1", "label": "Khó khăn", "type": "longtext"}]},
            {"section": "III", "title": "vướng mắc", "items": [{"field": "III.1", "label": "Vướng mắc", "type": "longtext"}]},
        ],
    }


def test_two_fields_become_one_long_text_keeping_help_and_required():
    out = merge(_draft(), "I.1", "I.2", "Số lượt tiếp công dân trong tháng")
    items = out["sections"][0]["items"]
    assert [i["field"] for i in items] == ["I.1", "I.3", "bang"]
    assert items[0] == {"field": "I.1", "label": "Số lượt tiếp công dân trong tháng", "type": "longtext",
                        "help": "Ghi theo sổ tiếp", "required": True}
    load_template_data(out, file="<merged>")


def test_two_columns_of_a_table_become_one_and_checks_follow():
    out = merge(_draft(), "bang.so_luot", "bang.so_luot_2")
    table = out["sections"][0]["items"][3]["table"]
    assert [c["id"] for c in table["columns"]] == ["tt", "noi_dung", "so_luot"]
    assert table["checks"] == [{"parts": ["so_luot"], "at_most": "so_luot"}]
    assert table["columns"][2]["sum"] is True


def test_two_sections_become_one_with_both_parts():
    out = merge(_draft(), "II", "III", "Khó khăn, vướng mắc")
    assert [s["section"] for s in out["sections"]] == ["I", "II"]
    assert out["sections"][1]["title"] == "Khó khăn, vướng mắc"
    assert [i["field"] for i in out["sections"][1]["items"]] == ["II.1", "III.1"]
    load_template_data(out, file="<merged>")


@pytest.mark.parametrize("target, source", [
    ("I.1", "I.3"),            # text and integer
    ("I.1", "bang.so_luot"),   # a field and a column
    ("I", "I.1"),              # a section and a field
    ("I.1", "I.1"),            # itself
    ("I", "II.1"),             # section with a field of another section
    ("bang", "I.1"),           # a table and a field
])
def test_things_that_cannot_be_one_are_refused(target, source):
    with pytest.raises(ValueError):
        merge(_draft(), target, source)


def test_unknown_codes_and_the_original_is_untouched():
    data = _draft()
    with pytest.raises(KeyError):
        merge(data, "I.1", "IX")
    merge(data, "I.1", "I.2")
    assert len(data["sections"][0]["items"]) == 4
