"""Templates as data: the shipped YAML files, the loader's error messages, alias resolution,
the answers contract and the table arithmetic (``forms.compute``)."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import yaml

from forms.answers import AnswersError, check_answers, describe_contract, missing_required, validate_answers
from forms.compute import layout_table, row_warnings
from forms.loader import (
    TemplateError,
    TemplateRegistry,
    load_template,
    load_template_data,
    load_template_text,
    load_templates,
    registry,
)
from forms.render.samples import sample_answers
from forms.schema import FIELD_TYPES
from vntext.formatting import format_number

SEEDS = Path(__file__).resolve().parents[1] / "knowledge" / "corpus"
EXPECTED_IDS = {"mau1", "mau2", "pl1", "bieu01", "pl2", "tm_thue_dv", "tm_csdl", "tm_dvc", "bieu04", "tb1485"}


def _corpus_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt"))


# ----------------------------------------------------------------------------- shipped templates


def test_every_form_of_the_dispatches_is_a_template():
    assert {t.id for t in registry().all()} == EXPECTED_IDS


@pytest.mark.parametrize("template", registry().all(), ids=lambda t: t.id)
def test_template_is_consistent(template):
    codes = [ref.code for ref in template.fields()]
    assert len(codes) == len(set(codes)), "field codes are unique"
    assert codes, "has fields"
    for ref in template.fields():
        assert ref.field.type in FIELD_TYPES
        assert ref.field.label.strip()
        assert template.field(ref.code) is ref.field
    # the source passages quote the dispatch verbatim (OCR text unchanged), whitespace aside
    corpus = re.sub(r"\s+", " ", _corpus_text().replace("*", ""))
    quotes = [ref.field.source for ref in template.fields() if ref.field.source]
    assert quotes, "fields quote their source"
    for quote in quotes:
        flat = re.sub(r"\s+", " ", quote)
        first_words = " ".join(flat.split()[:4])
        assert first_words in corpus, f"{template.id}: source not found in the dispatches: {quote!r}"


def test_money_columns_and_groups_of_bieu01_and_bieu04():
    for tid in ("bieu01", "bieu04"):
        spec = registry().get(tid).field("bang").table
        assert [c.id for c in spec.sum_columns] == ["tong_muc", "nstw_dt", "nstw_sn", "nsdp_dt", "nsdp_sn"]
        assert spec.column("nstw_dt").header == ("Nguồn vốn", "NSTW")
        assert spec.column("nsdp_sn").header == ("Nguồn vốn", "NSĐP")
        assert [g.code for g in spec.leaf_groups()] == ["I.1", "I.2", "I.3", "II.1", "II.2", "II.3", "II.4"]
        assert spec.unit == "triệu đồng"


def test_mau2_repeats_per_system_and_has_section_iv():
    t = registry().get("mau2")
    assert t.is_repeating and t.sections[0].repeat.title_field == "I.1"
    assert [s.code for s in t.sections[0].children] == ["I", "II", "III", "IV"]
    assert t.field("I.1").prefill_from.template == "mau1"
    assert t.field("I.4").required is False
    refs = list(t.fields())
    assert all(r.repeat is t.sections[0] for r in refs)


def test_mau1_status_is_a_choice_of_three():
    col = registry().get("mau1").field("danh_muc").table.column("hien_trang")
    assert col.type == "choice"
    assert col.options == ("đã triển khai xong", "đang triển khai", "dự định triển khai")


def test_thuyet_minh_repeat_per_task_and_pl2_numbering():
    for tid in ("tm_csdl", "tm_dvc"):
        t = registry().get(tid)
        assert t.is_repeating and "Mỗi nhiệm vụ lập một biểu" in t.sections[0].repeat.note
    pl2 = [r.code for r in registry().get("pl2").fields()]
    assert pl2[:2] == ["I.1", "I.2"] and "III.3.1" in pl2 and "III.8" in pl2
    assert registry().get("pl2").field("III.3.2").display_number == "3.2"
    assert registry().get("tm_thue_dv").field("6.b").display_number == "b"


def test_tb1485_is_addressed_as_the_dispatch_says():
    t = registry().get("tb1485")
    assert t.submit.email == "nptien@mic.gov.vn"
    assert "22 hàng tháng" in t.submit.deadline
    assert "Cục Ứng dụng CNTT" in t.submit.to


@pytest.mark.parametrize("text,expected", [
    ("bieu04", "bieu04"), ("biểu 4", "bieu04"), ("Biểu 04/BCKH", "bieu04"), ("bieu 04", "bieu04"),
    ("tôi cần làm biểu 04", "bieu04"), ("BIỂU 01/BCKH", "bieu01"), ("mau 2", "mau2"), ("Mẫu 1", "mau1"),
    ("dien mau 2", "mau2"), ("phụ lục 1", "pl1"), ("phu luc 2", "pl2"),
    ("thuyet minh thue dich vu", "tm_thue_dv"), ("thuyết minh CSDL", "tm_csdl"),
    ("thuyết minh dịch vụ công trực tuyến", "tm_dvc"), ("báo cáo giống tháng trước", "tb1485"),
    ("Biểu 04/BCKH-Phụ lục 2", "bieu04"),
])
def test_resolve_aliases(text, expected):
    found = registry().resolve(text)
    assert found is not None and found.id == expected


@pytest.mark.parametrize("text", ["", "biểu 7", "mẫu 14", "xin chào", "bieu"])
def test_resolve_nothing(text):
    assert registry().resolve(text) is None


# ----------------------------------------------------------------------------- malformed files

GOOD = """\
id: demo
version: 1
title: Demo
kind: report
source: {dispatch: 1/X, section: A}
sections:
  - section: I
    title: Một
    items:
      - field: I.1
        label: Tên
        type: text
      - field: I.2
        label: Bảng
        type: table
        table:
          columns:
            - {id: tt, label: TT, computed: tt}
            - {id: ten, label: Tên, type: text}
            - {id: tien, label: Tiền, type: money}
          groups:
            - number: I
              label: Nhóm một
              groups:
                - {number: "1", label: Con một}
"""


def _write(tmp_path: Path, text: str, name: str = "demo.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _line_of(text: str, needle: str) -> int:
    """1-based line where ``needle`` (possibly several lines) starts; it must occur once."""
    assert text.count(needle) == 1, needle
    return text[: text.index(needle)].count("\n") + 1


def test_good_demo_loads(tmp_path):
    t = load_template(_write(tmp_path, GOOD))
    assert [r.code for r in t.fields()] == ["I.1", "I.2"]
    assert t.status == "published"


def test_drafts_load_from_text_or_data_and_are_never_resolved(tmp_path):
    draft_text = GOOD.replace("id: demo", "id: nhap_thu\nstatus: draft\naliases: [mẫu nháp]")
    draft = load_template_text(draft_text)
    assert draft.status == "draft" and draft.path == "<draft>"
    same = load_template_data(yaml.safe_load(draft_text), "extract.yaml")
    assert [r.code for r in same.fields()] == [r.code for r in draft.fields()]
    reg = TemplateRegistry([draft, load_template(_write(tmp_path, GOOD))])
    assert reg.get("nhap_thu") is draft
    assert reg.resolve("mẫu nháp") is None and reg.resolve("nhap_thu") is None
    assert reg.resolve("demo").id == "demo"
    with pytest.raises(TemplateError, match="unknown status 'ready'"):
        load_template_text(GOOD.replace("id: demo", "id: demo\nstatus: ready"), "x.yaml")
    with pytest.raises(TemplateError, match="extract.yaml"):
        load_template_data({"id": "Bad Id"}, "extract.yaml")


@pytest.mark.parametrize("old,new,needle,message", [
    ("type: text", "type: moneyy", "type: moneyy", "unknown type 'moneyy'"),
    ("type: money}", "type: tien}", "type: tien}", "unknown type 'tien'"),
    ('{number: "1", label: Con một}', '{number: "1"}', '{number: "1"}', "needs a non-empty 'label'"),
    ('{number: "1", label: Con một}', '{number: "1.2", label: x}', '{number: "1.2", label: x}', "bad group number"),
    ("kind: report", "kind: memo", "kind: memo", "unknown kind"),
    ("      - field: I.2", "      - field: I.1", "      - field: I.1\n        label: Bảng", "duplicate code 'I.1'"),
    ("        label: Tên\n", "        label: Tên\n        colour: red\n", "colour: red", "unknown key 'colour'"),
    ("computed: tt}", "computed: sum}", "computed: sum}", "unknown computed kind"),
])
def test_malformed_template_names_file_and_line(tmp_path, old, new, needle, message):
    assert old in GOOD
    text = GOOD.replace(old, new, 1)
    path = _write(tmp_path, text)
    with pytest.raises(TemplateError) as info:
        load_template(path)
    err = info.value
    assert err.file == str(path)
    assert message in err.message
    assert err.line == _line_of(text, needle), str(err)
    assert str(err).startswith(f"{path}:{err.line}: ")


def test_duplicate_group_number_is_reported(tmp_path):
    text = GOOD.replace('- {number: "1", label: Con một}', '- {number: "1", label: Con một}\n                - {number: "1", label: Con hai}')
    path = _write(tmp_path, text)
    with pytest.raises(TemplateError, match="duplicate group number '1'") as info:
        load_template(path)
    assert info.value.line == _line_of(text, "Con hai")


def test_yaml_syntax_error_and_duplicate_key_have_lines(tmp_path):
    broken = GOOD.replace("title: Một", "title: [Một")
    with pytest.raises(TemplateError, match="invalid YAML") as info:
        load_template(_write(tmp_path, broken))
    assert info.value.line is not None
    dup = GOOD.replace("version: 1\n", "version: 1\nversion: 2\n")
    with pytest.raises(TemplateError, match="duplicate key 'version'") as info:
        load_template(_write(tmp_path, dup, "dup.yaml"))
    assert info.value.line == 3


def test_condition_must_point_back(tmp_path):
    text = GOOD.replace("        type: text\n", "        type: text\n        condition: {field: I.2, not_empty: true}\n", 1)
    with pytest.raises(TemplateError, match="not an earlier field"):
        load_template(_write(tmp_path, text))


def test_duplicate_template_id_across_files(tmp_path):
    a = _write(tmp_path, GOOD, "a.yaml")
    b = _write(tmp_path, GOOD, "b.yaml")
    with pytest.raises(TemplateError, match="duplicate template id 'demo'") as info:
        load_templates([a, b])
    assert info.value.file == str(b) and info.value.line == 1
    with pytest.raises(TemplateError):
        TemplateRegistry.from_dir(tmp_path)


def test_not_a_mapping_and_empty_file(tmp_path):
    with pytest.raises(TemplateError, match="must be a mapping"):
        load_template(_write(tmp_path, "- a\n- b\n"))
    with pytest.raises(TemplateError):
        load_template(_write(tmp_path, "", "empty.yaml"))


# ----------------------------------------------------------------------------- answers contract


def test_complete_sample_answers_fit_every_template():
    for t in registry().all():
        answers = sample_answers(t)
        assert validate_answers(t, answers) == [], t.id
        assert missing_required(t, answers) == [], t.id


def test_unknown_codes_and_wrong_values_are_named():
    t = registry().get("bieu04")
    answers = {"nam": 2019, "bang": [
        {"group": "I.9", "cells": {"du_an": "A"}},
        {"group": "I.1", "cells": {"du_an": "B", "mau_sac": "đỏ", "tt": "1", "tong_muc": -5}},
        {"group": "I", "cells": {"du_an": "C"}},
    ], "ghi_chu_them": "x"}
    problems = validate_answers(t, answers)
    text = "\n".join(problems)
    assert "“ghi_chu_them”" in text
    assert "nhóm “I.9”" in text and "nhóm “I”" in text  # unknown group, and a non-leaf group
    assert "cột không biết “mau_sac”" in text
    assert "tính tự động" in text
    assert "không được là số âm" in text
    with pytest.raises(AnswersError):
        check_answers(t, answers)


@pytest.mark.parametrize("code,value,fragment", [
    ("thang", "2019-13", "YYYY-MM"),
    ("thang", 201906, "YYYY-MM"),
    ("ten_co_quan", 12, "chuỗi"),
])
def test_scalar_types(code, value, fragment):
    problems = validate_answers(registry().get("tb1485"), {code: value})
    assert len(problems) == 1 and fragment in problems[0]


def test_repeat_codes_belong_inside_their_section():
    t = registry().get("mau2")
    problems = validate_answers(t, {"I.1": "Hệ thống A"})
    assert "thuộc phần lặp lại “HTTT”" in problems[0]
    problems = validate_answers(t, {"HTTT": [{"I.1": "A", "V.1": "?"}]})
    assert "“V.1”" in problems[0]
    assert validate_answers(t, {"HTTT": "A"})


def test_missing_required_honours_repeats_and_optional():
    t = registry().get("mau2")
    answers = sample_answers(t, instances=2)
    del answers["HTTT"][1]["I.5"]
    del answers["HTTT"][0]["I.4"]  # optional
    assert missing_required(t, answers) == [("HTTT[2].I.5", "Mục tiêu đầu tư")]
    assert ("HTTT", "Hệ thống thông tin (cần ít nhất 1)") in missing_required(t, {})
    assert missing_required(registry().get("bieu04"), {"nam": 2019, "bang": []}) == [("bang", "Danh mục dự án, nhiệm vụ")]


def test_conditions(tmp_path):
    text = GOOD.replace("        type: text\n", "        type: choice\n        options: [Có, Không]\n", 1)
    text = text.replace("      - field: I.2\n        label: Bảng\n        type: table",
                        "      - field: I.3\n        label: Lý do\n        type: text\n"
                        "        condition: {field: I.1, equals: Có}\n"
                        "      - field: I.2\n        label: Bảng\n        type: table")
    t = load_template(_write(tmp_path, text))
    rows = [{"group": "I.1", "cells": {"ten": "x", "tien": 1}}]
    assert ("I.3", "Lý do") in missing_required(t, {"I.1": "Có", "I.2": rows})
    assert ("I.3", "Lý do") not in missing_required(t, {"I.1": "Không", "I.2": rows})


def test_describe_contract_explains_answers():
    d = describe_contract(registry().get("mau2"))
    assert d["answers_skeleton"]["HTTT"][0]["I.1"]
    repeat = d["sections"][0]
    assert repeat["section"] == "HTTT" and "answers[\"HTTT\"]" in repeat["repeat"]["answers"]
    b = describe_contract(registry().get("bieu04"))
    table = b["sections"][1]["table"]
    assert table["row"]["group"] and "nstw_dt" in table["row"]["cells"] and "tt" not in table["row"]["cells"]


# ----------------------------------------------------------------------------- compute


def _rows():
    return [
        {"group": "I.1", "cells": {"du_an": "A", "tong_muc": 18000, "nstw_dt": 15000, "nsdp_dt": 3000}},
        {"group": "I.2", "cells": {"du_an": "C", "tong_muc": 8000, "nsdp_dt": 8000}},
        {"group": "I.1", "cells": {"du_an": "B", "tong_muc": 7500.5, "nstw_dt": 5000, "nsdp_dt": 2500.5}},
        {"group": "II.4", "cells": {"du_an": "D", "tong_muc": 100, "nstw_sn": 100}},
    ]


def test_layout_numbers_groups_and_sums():
    spec = registry().get("bieu04").field("bang").table
    laid = layout_table(spec, _rows())
    tts = [(r.kind, r.values["tt"] if r.kind != "total" else None, r.values.get("du_an")) for r in laid]
    assert tts[:6] == [("group", "I", "Thực hiện bằng các dự án đầu tư"), ("group", "1", "Dự án ứng dụng CNTT"),
                       ("item", "1.1", "A"), ("item", "1.2", "B"), ("group", "2", "Dự án an toàn thông tin"),
                       ("item", "2.1", "C")]
    by = {r.group: r.values for r in laid if r.kind == "group"}
    assert by["I.1"]["tong_muc"] == 25500.5 and by["I.1"]["nstw_dt"] == 20000 and by["I.1"]["nsdp_dt"] == 5500.5
    assert by["I"]["tong_muc"] == 33500.5 and by["I"]["nsdp_dt"] == 13500.5
    assert by["I.3"]["tong_muc"] == 0 and by["II"]["nstw_sn"] == 100
    total = laid[-1]
    assert total.kind == "total" and total.values["du_an"] == "TỔNG CỘNG"
    assert total.values["tong_muc"] == 33600.5 and total.values["nstw_sn"] == 100


def test_row_warning_when_sources_exceed_total():
    field = registry().get("bieu04").field("bang")
    ok = {"group": "I.1", "cells": {"tong_muc": 100, "nstw_dt": 60, "nsdp_dt": 40}}
    bad = {"group": "I.1", "cells": {"tong_muc": 100, "nstw_dt": 60, "nsdp_sn": 40.5}}
    assert row_warnings(field.table, ok) == []
    warnings = row_warnings(field, bad)
    assert len(warnings) == 1 and "100,5" in warnings[0] and "Tổng mức đầu tư" in warnings[0]
    assert warnings[0].startswith("Tổng nguồn vốn (")  # the check's label, from the template YAML
    assert row_warnings(field.table, {"cells": {"nstw_dt": 5}}) == []  # no total: nothing to compare
    assert row_warnings(field.table, bad["cells"]) == warnings  # bare cells (what the engine passes)


@pytest.mark.parametrize("value,text", [(0, "0"), (999, "999"), (1000, "1.000"), (25500, "25.500"),
                                        (1234567.25, "1.234.567,25"), (0.5, "0,5"), (None, ""), (-1500, "-1.500")])
def test_format_number(value, text):
    assert format_number(value) == text
