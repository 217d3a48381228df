"""/mau lists the newest dispatch's forms first, each naming its dispatch (number and date), so the form of
the công văn that just arrived is at the top, not under the 2009 one."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.conversation import Core, Incoming
from bot.conversation.messages import IncomingFile
from bot.knowledge_link import KnowledgeLink
from storage import Store
from tests.knowledge_fixtures import open_copy

FORMS = Path(__file__).parent / "data" / "form_dispatches"


@pytest.fixture(scope="module")
def own_kb():
    return open_copy("baocao-test-menu-")  # this module ingests a dispatch: a private index


@pytest.fixture()
def core(tmp_path: Path, data_dir, own_kb, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("forms.render.preview.preview_png", lambda *a, **k: None)
    store = Store.open()
    yield Core(store, knowledge=KnowledgeLink(kb=own_kb), documents_dir=tmp_path / "docs")
    store.close()


def menu(core: Core) -> list[str]:
    out = core.handle(Incoming.message("terminal", "u1", "/mau"))
    return [c.label for o in out for c in o.all_choices()]


def test_the_newest_dispatchs_forms_come_first_and_name_their_dispatch(core: Core) -> None:
    before = menu(core)
    assert any("(CV 232/BTTTT-KHTC, 19/7/2018)" in label for label in before)
    dates = [label.rsplit(", ", 1)[-1].rstrip(")") for label in before if label.endswith(")") and "CV " in label]
    years = [int(d.split("/")[-1]) for d in dates]
    assert years == sorted(years, reverse=True)  # 2018 before 2015
    path = FORMS / "d01_stttt_cds_quy.docx"
    core.handle(Incoming.upload("terminal", "a1", IncomingFile(path.name, path.read_bytes()), is_admin=True))
    core.handle(Incoming.message("terminal", "a1", "/duyet bieu_so_01_1125", is_admin=True))
    after = menu(core)
    assert "CV 1125/STTTT-CĐS, 12/9/2024" in after[0] and after[0].startswith("Biểu số 01")
