"""Inside an open form, a short request for another form ("lam bieu 04 nam 2019") starts that form and
keeps the open draft (paused, nothing lost); a longer answer that merely mentions a form stays an answer."""

from __future__ import annotations


import pytest

from bot.conversation.intents import classify
from forms.loader import registry
from storage.repo import Store
from tests.terminal_chat import chat


def drafts(store: Store, uid: str) -> dict[str, tuple[str, dict]]:
    user = store.get_or_create_user("terminal", uid)
    return {row.template_id: (row.status, store.answers(row.id, user_id=user.id))
            for row in store.list_sessions(user.id, statuses=None)}


@pytest.mark.parametrize("typed, template", [
    ("lam bieu 04 nam 2019", "bieu04"),
    ("cho tôi làm mẫu 1", "mau1"),
    ("Lập phụ lục 2", "pl2"),
])
def test_short_request_for_another_form_switches_and_keeps_the_draft(store, tmp_path, typed, template):
    chat(store, tmp_path, ["/dien mau2", "Hệ thống một cửa điện tử", typed], "sw")
    found = drafts(store, "sw")
    assert found["mau2"][0] == "paused" and found["mau2"][1] == {"HTTT[1].I.1": "Hệ thống một cửa điện tử"}
    assert found[template][0] == "active"


def resolve(text: str):
    try:
        return registry().resolve(text)
    except Exception:
        return None


@pytest.mark.parametrize("typed", [
    "Lập biểu 01 và mẫu 2 gửi Bộ trước ngày 15 hằng tháng, phối hợp với các sở ngành liên quan",
    "Biểu 04 năm 2019",          # no action word: could be a title typed as an answer
    "Đã làm mẫu 2?",             # a question
])
def test_answers_that_mention_a_form_stay_answers_or_questions(typed):
    intent = classify(typed, in_form=True, field_type="longtext", resolve=resolve)
    assert intent.kind != "form_request", intent
