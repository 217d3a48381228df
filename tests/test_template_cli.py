"""The CLI contract for stored templates: list, show, fill, publish, export, import, ingest → drafts."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest

from bot import cli, template_cli

FORMS = Path(__file__).parent / "data" / "form_dispatches"


@pytest.fixture()
def env(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BAOCAO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DATABASE_URL", db_url)
    template_cli.library.cache_clear()
    yield tmp_path
    template_cli.library.cache_clear()


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture()
def ingested(env: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> str:
    """`baocao ingest` on a dispatch with two forms (the knowledge half, tested elsewhere, stubbed)."""
    import knowledge.cli

    monkeypatch.setattr(knowledge.cli, "cmd_ingest", lambda args: print("added: (stub)") or 0)
    code, out, _ = run(capsys, "ingest", str(FORMS / "d01_stttt_cds_quy.docx"))
    assert code == 0
    return out


def test_ingest_prints_the_drafts(ingested: str) -> None:
    assert "added: (stub)" in ingested  # knowledge's command still runs first
    assert "Công văn 1125/STTTT-CĐS: trích được 2 mẫu nháp." in ingested
    assert "Biểu số 01: 6 dòng chỉ tiêu × 2 cột số — mã bieu_so_01_1125, phiên bản 1" in ingested


def test_templates_json_lists_builtin_drafts_and_published(ingested: str, capsys) -> None:
    code, out, _ = run(capsys, "template", "publish", "bieu_so_01_1125")
    assert code == 0 and "phiên bản 2" in out
    code, out, _ = run(capsys, "templates", "--json")
    rows = {(r["id"], r["status"]): r for r in json.loads(out)}
    assert rows[("bieu04", "published")]["source"]["dispatch"] == "232/BTTTT-KHTC"
    assert rows[("bieu_so_01_1125", "published")]["source"]["dispatch"] == "1125/STTTT-CĐS"
    assert rows[("phu_luc_i_1125", "draft")]["source"]["section"] == "Phụ lục I"
    assert all({"id", "status", "source"} <= set(r) for r in rows.values())


def test_show_and_fill_work_for_a_draft(ingested: str, capsys, env: Path) -> None:
    code, out, _ = run(capsys, "template", "show", "bieu_so_01_1125", "--json")
    contract = json.loads(out)
    assert code == 0 and contract["status"] == "draft" and contract["id"] == "bieu_so_01_1125"
    answers = {"bang": [{"group": "I.2", "cells": {"quy_iii_2024": "1.250", "luy_ke_tu_dau_nam": 3400}}]}
    (env / "a.json").write_text(json.dumps(answers), encoding="utf-8")
    code, out, err = run(capsys, "fill", "bieu_so_01_1125", "--answers", str(env / "a.json"), "--out",
                         str(env / "r.docx"))
    assert code == 0, err
    document = docx.Document(io.BytesIO((env / "r.docx").read_bytes()))
    cells = " | ".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    for header in ("Kết quả thực hiện", "Quý III/2024", "Lũy kế từ đầu năm", "Số hồ sơ tiếp nhận trực tuyến"):
        assert header in cells
    assert "1.250" in cells


def test_export_edit_import_publish(ingested: str, capsys, env: Path) -> None:
    out_file = env / "pl1.yaml"
    code, _, _ = run(capsys, "template", "export", "phu_luc_i_1125", "--out", str(out_file))
    assert code == 0
    text = out_file.read_text(encoding="utf-8").replace("label: Khó khăn, vướng mắc", "label: Khó khăn và vướng mắc")
    out_file.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "template", "import", str(out_file), "--publish")
    assert code == 0 and "phiên bản 3" in out and "đã công bố" in out
    code, out, _ = run(capsys, "template", "show", "phu_luc_i_1125")
    assert "Khó khăn và vướng mắc" in out


def test_bad_input_is_refused_with_a_message(ingested: str, capsys, env: Path) -> None:
    bad = env / "bad.yaml"
    bad.write_text("id: x\ntitle: [\n", encoding="utf-8")
    code, _, err = run(capsys, "template", "import", str(bad))
    assert code == 1 and "chưa lưu gì" in err and "bad.yaml:" in err
    code, _, err = run(capsys, "template", "publish", "khong_co")
    assert code == 2 and "Không có mẫu" in err
    code, _, err = run(capsys, "template", "publish", "bieu04")
    assert code == 2  # built-ins are edited in forms/templates


def test_without_a_database_the_builtin_templates_still_list(capsys, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BAOCAO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/missing-dir/x.db")
    template_cli.library.cache_clear()
    code, out, err = run(capsys, "templates", "--json")
    assert code == 0 and "bieu04" in {r["id"] for r in json.loads(out)}
    assert "Không mở được cơ sở dữ liệu mẫu" in err
    with pytest.raises(SystemExit):
        cli.main(["template", "publish", "bieu_so_01_1125"])
    template_cli.library.cache_clear()


def test_templates_json_lists_the_form_a_dispatch_says_it_attaches_but_lacks(env: Path, capsys) -> None:
    code, out, _ = run(capsys, "templates", "--json")  # the plain list keeps its contract: templates only
    assert code == 0 and all(e["id"] and e["status"] in ("draft", "published") for e in json.loads(out))
    code, out, _ = run(capsys, "templates", "--json", "--missing")
    assert code == 0
    [entry] = [e for e in json.loads(out) if e["status"] == "missing"]
    assert entry["id"] is None and entry["source"]["dispatch"] == "1485/BTTTT-UDCNTT"
    assert "xin gửi kèm theo" in entry["source"]["quote"]
    code, text, _ = run(capsys, "templates")
    assert "1485/BTTTT-UDCNTT: “Mẫu báo cáo”" in text
