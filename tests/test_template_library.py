"""The template library: built-in + stored templates, versions pinned, dispatch-aware names, admin edits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.ingest import extract_and_store
from bot.template_library import TemplateLibrary
from forms.draft_edit import apply_edit, set_dispatch
from forms.loader import TemplateError
from storage import Store

FORMS = Path(__file__).parent / "data" / "form_dispatches"
DATES = {"232/BTTTT-KHTC": dt.date(2018, 7, 19), "1125/STTTT-CĐS": dt.date(2024, 9, 12),
         "1181/BTTTT-THH": dt.date(2015, 4, 22)}


@pytest.fixture()
def store(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("BAOCAO_DATA_DIR", str(tmp_path))
    s = Store.open(db_url)
    yield s
    s.close()


@pytest.fixture()
def lib(store: Store) -> TemplateLibrary:
    return TemplateLibrary(store, dispatch_date=DATES.get)


def test_extracted_drafts_are_stored_once_and_found_by_id_only(lib: TemplateLibrary) -> None:
    intake = extract_and_store(FORMS / "d01_stttt_cds_quy.docx", lib)
    ids = [stored.template.id for stored, _, _ in intake.drafts]
    assert ids == ["phu_luc_i_1125", "bieu_so_01_1125"]
    assert [s.change for s, _, _ in intake.drafts] == ["new", "new"]
    assert intake.dispatch == "1125/STTTT-CĐS" and intake.missing == []
    again = extract_and_store(FORMS / "d01_stttt_cds_quy.docx", lib)
    assert [s.change for s, _, _ in again.drafts] == ["unchanged", "unchanged"]
    assert lib.get("bieu_so_01_1125").status == "draft"  # reachable by id
    assert lib.resolve("biểu số 01").id == "bieu01"  # drafts are never offered by name
    assert lib.resolve("bieu_so_01_1125") is None  # nor by their id (no look-alike instead)
    assert {t.id for t in lib.drafts()} == set(ids)


def test_published_name_prefers_recent_or_current_dispatch_never_silently_the_seed(lib: TemplateLibrary) -> None:
    extract_and_store(FORMS / "d01_stttt_cds_quy.docx", lib)
    lib.publish("bieu_so_01_1125")
    for words in ("biểu số 01", "Biểu 01", "tôi cần làm biểu số 1"):
        assert lib.resolve(words).id == "bieu_so_01_1125", words
    assert {t.id for t in lib.candidates("biểu số 01")} == {"bieu01", "bieu_so_01_1125"}
    assert lib.resolve("biểu số 01", dispatch="232/BTTTT-KHTC").id == "bieu01"
    assert lib.resolve("làm biểu số 01 của công văn 232").id == "bieu01"  # a number in the words wins
    assert lib.resolve("biểu số 01 theo công văn 1125", dispatch="232/BTTTT-KHTC").id == "bieu_so_01_1125"
    assert lib.resolve("Biểu 01/BCKH").id == "bieu01"  # the longer, specific name still wins
    assert lib.resolve("bieu04").id == "bieu04"


def test_unknown_dispatch_date_counts_as_when_it_arrived(store: Store) -> None:
    lib = TemplateLibrary(store, dispatch_date=lambda so: DATES.get(so) if so.startswith("232") else None)
    extract_and_store(FORMS / "d01_stttt_cds_quy.docx", lib)
    lib.publish("bieu_so_01_1125")
    assert lib.resolve("biểu số 01").id == "bieu_so_01_1125"


def test_a_draft_in_progress_keeps_its_version(lib: TemplateLibrary, store: Store) -> None:
    extract_and_store(FORMS / "d01_stttt_cds_quy.docx", lib)
    first = lib.publish("bieu_so_01_1125")
    assert first.version == 2 and first.status == "published"
    record = lib.record("bieu_so_01_1125")
    edited = lib.edit("bieu_so_01_1125", apply_edit(record.data, "drop", "bang.ghi_chu"))
    assert edited.version == 3 and edited.status == "draft"
    assert lib.get("bieu_so_01_1125").version == 2  # officials still get the published one
    newer = lib.publish("bieu_so_01_1125")
    assert newer.version == 4
    pinned = lib.get("bieu_so_01_1125", "2")
    columns = lambda t: [c.id for c in t.field("bang").table.columns]  # noqa: E731
    assert "ghi_chu" in columns(pinned) and "ghi_chu" not in columns(lib.get("bieu_so_01_1125"))
    assert [r.version for r in store.template_history("bieu_so_01_1125")] == [1, 2, 3, 4]
    assert lib.publish("bieu_so_01_1125").version == 4  # publishing twice adds nothing


def test_same_slug_of_another_dispatch_gets_its_own_id(lib: TemplateLibrary) -> None:
    extract_and_store(FORMS / "d01_stttt_cds_quy.docx", lib)
    data = dict(lib.record("bieu_so_01_1125").data)
    data["source"] = {**data["source"], "dispatch": "1126/STTTT-CĐS"}
    other = lib.store_draft(data)
    assert other.change == "new" and other.template.id == "bieu_so_01_1125_2"
    clash = lib.store_draft({**data, "id": "bieu01", "source": {**data["source"], "dispatch": "9/X"}})
    assert clash.template.id == "bieu01_2"  # a built-in id is never shadowed


def test_export_import_round_trip_and_refusals(lib: TemplateLibrary, tmp_path: Path) -> None:
    extract_and_store(FORMS / "d01_stttt_cds_quy.docx", lib)
    text = lib.export_yaml("phu_luc_i_1125")
    assert text.startswith("# phu_luc_i_1125 phiên bản 1 (draft)")
    edited = text.replace("title: Phụ lục I — Đề cương", "title: Phụ lục I — ĐỀ CƯƠNG ĐÃ SỬA")
    back = lib.import_text(edited)
    assert back.version == 2 and "ĐỀ CƯƠNG ĐÃ SỬA" in back.title and back.status == "draft"
    with pytest.raises(TemplateError):
        lib.import_text(text.replace("type: longtext", "type: poem", 1))
    with pytest.raises(TemplateError):
        lib.import_text(lib.builtin.get("bieu01").path and Path(lib.builtin.get("bieu01").path).read_text("utf-8"))
    assert lib.latest("phu_luc_i_1125").version == 2


def test_edits_name_fields_sections_and_columns() -> None:
    data = {"sections": [{"section": "I", "title": "Kết quả", "items": [
        {"field": "I.1", "label": "A", "type": "longtext", "required": True},
        {"field": "bang", "label": "B", "type": "table", "table": {"columns": [{"id": "so", "label": "Số"}]}}]}]}
    assert apply_edit(data, "rename", "I", "Kết quả thực hiện")["sections"][0]["title"] == "Kết quả thực hiện"
    assert apply_edit(data, "optional", "i.1")["sections"][0]["items"][0]["required"] is False
    retyped = apply_edit(data, "retype", "bang.so", "integer")
    assert retyped["sections"][0]["items"][1]["table"]["columns"][0]["type"] == "integer"
    assert apply_edit(data, "drop", "I.1")["sections"][0]["items"][0]["field"] == "bang"
    assert data["sections"][0]["items"][0]["field"] == "I.1"  # the input is not changed
    with pytest.raises(KeyError):
        apply_edit(data, "drop", "IV")
    with pytest.raises(ValueError):
        apply_edit(data, "optional", "bang.so")
    with pytest.raises(ValueError):
        apply_edit(data, "rename", "I.1", " ")


def test_moving_a_draft_to_another_dispatch_rewrites_its_references(lib: TemplateLibrary) -> None:
    extract_and_store(FORMS / "d01_stttt_cds_quy.docx", lib)
    data = set_dispatch(lib.record("bieu_so_01_1125").data, "77/STTTT-CĐS")
    assert data["source"]["dispatch"] == "77/STTTT-CĐS"
    assert any("77/STTTT-CĐS" in line for line in data["heading"]) and "1125" not in " ".join(data["heading"])
    assert lib.edit("bieu_so_01_1125", data).source.dispatch == "77/STTTT-CĐS"
    assert lib.record("bieu_so_01_1125").dispatch == "77/STTTT-CĐS"


def test_extraction_notes_stay_with_the_template(lib: TemplateLibrary) -> None:
    intake = extract_and_store(FORMS / "d17_ctk_dieutra.docx", lib)  # its draft notes the skipped signature cells
    stored, _, issues = next(d for d in intake.drafts if d[2])
    tid = stored.template.id
    assert lib.record(tid).notes == list(issues)
    lib.publish(tid)
    assert lib.record(tid).notes == list(issues)  # carried to the next version
    assert f"# Cần xem lại: {issues[0]}" in lib.export_yaml(tid)


def test_choose_asks_only_when_nothing_ranks_the_dispatches_sharing_a_name(store: Store) -> None:
    same_day = dt.date(2024, 9, 12)
    lib = TemplateLibrary(store, dispatch_date=lambda so: same_day)  # every dispatch the same day
    extract_and_store(FORMS / "d01_stttt_cds_quy.docx", lib)
    lib.publish("bieu_so_01_1125")
    picked, ask = lib.choose("biểu số 01")
    assert picked is None and {t.id for t in ask} == {"bieu01", "bieu_so_01_1125"}
    assert lib.choose("biểu số 01", dispatch="232/BTTTT-KHTC")[0].id == "bieu01"  # the user's dispatch
    assert lib.choose("biểu số 01 của công văn 1125")[0].id == "bieu_so_01_1125"  # a number in the words
    assert lib.choose("bieu04") == (lib.get("bieu04"), [])  # one template: no question
    assert lib.choose("mẫu không có") == (None, [])
    dated = TemplateLibrary(store, dispatch_date=DATES.get)  # different dates: the most recent, no question
    assert dated.choose("biểu số 01")[0].id == "bieu_so_01_1125"
