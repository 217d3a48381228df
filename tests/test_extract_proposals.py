"""Optional LLM proposals for columns the rules leave as text (LangChain's fake chat model; no network)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from bot import texts_templates as tt
from bot.conversation import Core, Incoming
from bot.conversation.messages import IncomingFile
from bot.knowledge_link import KnowledgeLink
from forms.extract import extract_blocks, validate
from forms.extract.proposals import ambiguous_columns, propose
from forms.extract.reading import read_text
from storage import Store

DISPATCH = (
    "ỦY BAN NHÂN DÂN HUYỆN GIAO THỦY\nSố: 305/UBND-NN\nGiao Thủy, ngày 6 tháng 5 năm 2025\n"
    "V/v báo cáo kết quả sản xuất vụ xuân\nĐề nghị các xã báo cáo theo Biểu số 05 kèm theo.\n"
    "Biểu số 05\nKẾT QUẢ SẢN XUẤT VỤ XUÂN NĂM 2025\n(Kèm theo Công văn số 305/UBND-NN ngày 6/5/2025)\n"
    "TT\tTên xã\tDiện tích gieo trồng (ha)\tSản lượng (tấn)\tGhi chú\n1\t\t\t\t\n2\t\t\t\t\n"
)


def _template():
    (draft,) = extract_blocks(read_text(DISPATCH))
    return validate(draft)


def _answer(items: list) -> FakeListChatModel:
    return FakeListChatModel(responses=["Đề xuất:\n" + json.dumps(items, ensure_ascii=False)])


def test_only_columns_typed_text_without_a_clue_are_asked():
    asked = [header for _, header, _ in ambiguous_columns(_template())]
    assert asked == ["Diện tích gieo trồng (ha)", "Sản lượng (tấn)"]


def test_proposals_are_checked_nothing_invented_is_kept():
    template = _template()
    (area, crop) = [target for target, _, _ in ambiguous_columns(template)]
    llm = _answer([
        {"column": area, "type": "number", "label": "Diện tích (ha)"},
        {"column": crop, "type": "float", "label": "Sản lượng lúa"},  # unknown type, invented word
        {"column": "bang.khong_co", "type": "integer"},               # not asked
    ])
    [proposal] = propose(llm, template)
    assert (proposal.target, proposal.type, proposal.label) == (area, "number", "Diện tích (ha)")


class _Broken:
    def invoke(self, messages):
        raise TimeoutError("no answer")


@pytest.mark.parametrize("llm", [None, _Broken(), FakeListChatModel(responses=["không rõ"])])
def test_without_a_model_or_with_a_failing_one_there_are_no_proposals(llm):
    assert propose(llm, _template()) == []


def test_review_shows_proposals_as_commands_and_the_admin_applies_one(tmp_path: Path, db_url: str,
                                                                      monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("BAOCAO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr("forms.render.preview.preview_png", lambda *a, **k: None)
    store = Store.open(db_url)
    core = Core(store, knowledge=KnowledgeLink(opener=None), documents_dir=tmp_path / "docs")
    try:
        path = tmp_path / "cv305.txt"
        path.write_text(DISPATCH, encoding="utf-8")
        core.handle(Incoming.upload("terminal", "a1", IncomingFile(path.name, path.read_bytes()), is_admin=True))
        [draft] = core.svc.templates.drafts()
        area = ambiguous_columns(draft)[0][0]
        monkeypatch.setattr("bot.conversation.template_admin._llm",
                            lambda: _answer([{"column": area, "type": "number"}]))
        out = core.handle(Incoming.message("terminal", "a1", f"/xem_mau {draft.id}", is_admin=True))
        text = "\n".join(o.text for o in out)
        command = f"/sua_mau {draft.id} doi_kieu {area} number"
        assert tt.PROPOSALS_HEADER in text and command in text
        assert core.svc.templates.latest(draft.id).version == draft.version  # nothing applied by itself
        core.handle(Incoming.message("terminal", "a1", command, is_admin=True))
        field, column = area.split(".")
        assert core.svc.templates.latest(draft.id).field(field).table.column(column).type == "number"
    finally:
        store.close()
