"""The forms session API: one draft in and out of JSON, commands, missing fields, help — and
navigation never dropping an acknowledged paragraph (regression tests and a property-based test)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms import commands
from forms.loader import registry
from forms.session import FormSession, field_code


@pytest.fixture(scope="module")
def templates():
    return registry()


def _at(session: FormSession, code: str) -> FormSession:
    """``session`` with the cursor on field ``code`` (of the current instance)."""
    step = session.command("goto", code)
    assert step.error is None, step.error
    return session


def _collecting(session: FormSession, code: str) -> FormSession:
    """``session`` on long-text field ``code`` after “Viết thêm”: messages are paragraphs until “xong”."""
    _at(session, code)
    step = session.command("write_more")
    assert step.error is None, step.error
    return session


# ------------------------------------------------------------------ regression: issue 8's lost paragraph

PARAGRAPH = "Hệ thống đã vận hành ổn định tại 12 đơn vị, phục vụ 3.000 cán bộ."


@pytest.mark.parametrize("typed", ["/sua I.2", "sửa I.2", "/quay_lai", "quay lại", "/xem", "xem lại", "/tam_dung",
                                   "/bo_qua", "/xong", "xong", "/hoan_tat", "/huy", "trợ giúp", "/sua II.2"])
def test_acknowledged_paragraph_survives_any_command(templates, typed):
    session = _collecting(FormSession.start(templates.get("mau2")), "II.1")
    path = session.prompt().path
    assert path.endswith("II.1") and session.prompt().type == "longtext"
    step = session.answer(PARAGRAPH)
    assert "Đã nhận 1 đoạn" in step.reply and session.pending_text == PARAGRAPH
    step = session.answer(typed)
    session = FormSession.from_json(session.template, session.to_json())  # what the bot stores
    assert PARAGRAPH in (session.answers["HTTT"][0].get("II.1") or ""), (typed, step.replies)
    assert any(c.path == path and PARAGRAPH in (c.value or "") for c in step.changes), "the change to persist"


def test_leaving_mid_answer_and_coming_back_continues_the_same_answer(templates):
    session = _collecting(FormSession.start(templates.get("mau2")), "II.1")
    session.answer("Đoạn thứ nhất.")
    session.answer("/sua I.2")
    session.answer("Sở Thông tin và Truyền thông")  # I.2 answered; the walk returns to II.1 (not yet done)
    session = _at(session, "II.1")
    assert session.pending_text is None  # stored, not pending
    assert "Đã nhận 1 đoạn" in session.prompt().text
    session.answer("Đoạn thứ hai.")
    step = session.answer("xong")
    assert session.answers["HTTT"][0]["II.1"] == "Đoạn thứ nhất.\nĐoạn thứ hai."
    assert "2 đoạn" in step.reply


def test_clear_discards_what_was_stored_from_the_unfinished_answer(templates):
    session = _collecting(FormSession.start(templates.get("mau2")), "II.1")
    session.answer("Một đoạn sẽ bị xóa.")
    session.answer("xem lại")  # stores it (unfinished)
    assert session.answers["HTTT"][0]["II.1"] == "Một đoạn sẽ bị xóa."
    step = session.answer("xóa hết")
    assert "II.1" not in session.answers["HTTT"][0] and step.changes and step.changes[0].value is None


def test_a_finished_answer_is_replaced_only_by_a_new_one(templates):
    session = _at(FormSession.start(templates.get("mau2")), "II.1")
    session.answer("Bản cũ.\nxong")
    session = _at(session, "II.1")
    assert session.pending_text is None and "Hiện có: Bản cũ." in session.prompt().text
    session.answer("/quay_lai")  # leaving without typing keeps it
    assert session.answers["HTTT"][0]["II.1"] == "Bản cũ."
    session = _at(session, "II.1")
    session.answer("Bản mới.")
    session.answer("/sua I.1")
    assert session.answers["HTTT"][0]["II.1"] == "Bản mới."


def test_flush_stores_pending_text_before_a_side_question(templates):
    session = _collecting(FormSession.start(templates.get("mau2")), "II.1")
    session.answer(PARAGRAPH)
    step = session.flush()
    assert session.pending_text is None and session.answers["HTTT"][0]["II.1"] == PARAGRAPH
    assert [c.path for c in step.changes] == [session.prompt().path]
    assert session.prompt().type == "longtext"  # still collecting
    assert session.flush().changes == []  # nothing new to store


# ------------------------------------------------------------------ property: nothing acknowledged is lost

_TYPED = {
    "back": ["/quay_lai", "quay lại"], "skip": ["/bo_qua", "bỏ qua"], "review": ["/xem", "xem lại"],
    "done": ["xong", "/xong"], "finish": ["/hoan_tat", "hoàn thành"], "pause": ["/tam_dung"],
    "help": ["trợ giúp"], "clear": ["xóa hết"], "undo": ["xóa đoạn cuối"], "write_more": ["viết thêm", "/viet_them"],
}
_ACTIONS = st.one_of(
    st.tuples(st.just("para"), st.integers(0, 10**6)),
    st.tuples(st.just("para"), st.integers(0, 10**6)),
    st.tuples(st.just("goto"), st.integers(0, 3)),
    st.tuples(st.just("goto"), st.integers(0, 3)),
    st.tuples(st.just("typed"), st.sampled_from([t for ts in _TYPED.values() for t in ts])),
    st.tuples(st.just("button"), st.integers(0, 20)),
    st.tuples(st.just("restart"), st.none()),
    st.tuples(st.just("plus"), st.integers(0, 10**6)),
    st.tuples(st.just("flush"), st.none()),
)


def _stored(session: FormSession, path: str):
    from forms.engine.state import get_value

    return get_value(session.state.answers, path) or ""


@given(template_id=st.sampled_from(["mau2", "pl2"]), actions=st.lists(_ACTIONS, min_size=1, max_size=30))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_every_acknowledged_paragraph_is_kept(templates, template_id, actions):
    template = templates.get(template_id)
    session = FormSession.start(template)
    # three long-text fields and one other to jump between, typed as users do
    codes = [r.field.code for r in template.fields() if r.field.type == "longtext"][:3]
    codes.append(next((r.field.code for r in template.fields() if r.field.type not in ("longtext", "table")), codes[0]))
    acked: dict[str, list[str]] = {}   # path -> paragraphs the bot acknowledged (that must be kept)
    for n, (kind, value) in enumerate(actions):
        prompt = session.prompt()
        here = prompt.path
        in_long = session.state.mode == "longtext"
        if kind in ("para", "plus"):
            text = f"Đoạn {n}-{value}: nội dung báo cáo."
            more_for = session.state.pending.get("more_for")
            step = session.answer(("+ " if kind == "plus" else "") + text)
            if "Đã nhận" in step.reply:  # a paragraph of an answer being collected
                acked.setdefault(here, []).append(text)
            elif "Đã thêm một đoạn" in step.reply:  # "+ …" added to the answer just stored
                acked.setdefault(more_for, []).append(text)
            elif step.reply.startswith("Đã ghi"):  # the whole answer in one message (replaces the old one)
                acked[here] = [text]
        elif kind in ("typed", "goto"):
            value = f"/sua {codes[value]}" if kind == "goto" else value
            name = commands.parse(value)[0]
            step = session.answer(value)
            if in_long and name == "clear":
                acked[here] = []
            elif in_long and name == "undo" and acked.get(here):
                acked[here].pop()
        elif kind == "button" and prompt.choices:
            choice = prompt.choices[value % len(prompt.choices)]
            step = session.command(choice.command, choice.arg)
        elif kind == "restart":
            session = FormSession.from_json(session.template, session.to_json())
        else:
            session.flush()
        for path, paragraphs in acked.items():
            stored = _stored(session, path)
            pending = (session.pending_text or "") if session.state.cursor == path else ""
            for p in paragraphs:
                assert p in stored or p in pending, (path, p, actions[: n + 1])
    session.flush()
    for path, paragraphs in acked.items():
        assert all(p in _stored(session, path) for p in paragraphs)


# ------------------------------------------------------------------ the rest of the API


def test_json_round_trip_and_empty_state(templates):
    template = templates.get("mau2")
    fresh = FormSession.from_json(template, "")
    assert fresh.prompt().path == FormSession.start(template).prompt().path
    fresh.answer("Hệ thống A")
    again = FormSession.from_json(template, fresh.to_json())
    assert again.answers == fresh.answers and again.prompt().text == fresh.prompt().text
    with pytest.raises(ValueError, match="mau2"):
        FormSession.from_json(templates.get("bieu04"), fresh.to_json())
    with pytest.raises(ValueError):
        FormSession.from_json(template, "{not json")


def test_missing_names_fields_as_users_know_them(templates):
    session = FormSession.start(templates.get("mau2"))
    missing = session.missing()
    assert missing and all("[" not in m.display for m in missing)
    assert missing[0].display.startswith("I.1 Tên hệ thống thông tin")
    assert field_code(missing[0].path) == "I.1"
    step = session.command("goto", missing[1].path)
    assert step.error is None and session.prompt().path == missing[1].path


def test_choices_carry_commands_and_roles(templates):
    session = _at(FormSession.start(templates.get("mau2")), "I.1")
    roles = {c.command: c.role for c in session.prompt().choices}
    assert roles["skip"] == "nav" and roles["review"] == "nav"
    template = templates.get("bieu04")
    table = next(r.field.code for r in template.fields() if r.field.type == "table")
    bieu = _at(FormSession.start(template), table)
    table_choices = {c.command for c in bieu.prompt().choices}
    assert {"add_row", "done"} <= table_choices


def test_field_help_finds_the_field_named_or_the_current_one(templates):
    session = FormSession.start(templates.get("mau2"))
    current = session.field_help("mục này ghi gì?")
    assert current is not None and current.code == "I.1" and current.citation.startswith("Công văn 1181")
    named = session.field_help("Mục tiêu đầu tư ghi như thế nào")
    assert named is not None and named.code == "I.5"
    assert session.field_help("thời tiết hôm nay") is None


@pytest.mark.parametrize("text, parsed", [
    ("/sua I.2", ("goto", "I.2")), ("/bo_qua", ("skip", None)), ("quay lại", ("back", None)),
    ("sửa dòng 2", ("edit_row", "2")), ("/dien@baocao_bot bieu04", ("fill", "bieu04")), ("Xong.", ("done", None)),
    ("/hoan_tat", ("finish", None)), ("xóa hết", ("clear", None)), ("/xoa_het", ("clear", None)),
    ("tiếp", None), ("không phải lệnh", None), ("/khong_co_lenh_nay", None), ("", None),
])
def test_one_command_vocabulary(text, parsed):
    assert commands.parse(text) == parsed


def test_command_table_is_consistent():
    seen_slash: dict[str, str] = {}
    for name, spec in commands.COMMANDS.items():
        assert spec.scope in {"global", "form", "table", "longtext"}
        for s in spec.slash:
            assert s not in seen_slash, (s, name, seen_slash.get(s))
            seen_slash[s] = name
            assert commands.parse("/" + s) == (name, None)
        for w in spec.words:
            assert commands.parse(w) == (name, None)
    assert commands.canonical("edit") == "goto" and commands.slash_name("skip") == "bo_qua"
    shown = dict(commands.menu("global", "form"))
    assert shown["/bo_qua"] == "Bỏ qua" and shown["/dien"] == "Điền mẫu" and "/xoa_het" not in shown


@pytest.mark.parametrize("text", [
    "Trả lời: I.5 Mục tiêu đầu tư của hệ thống thông tin (hệ thống thông tin thứ 1)",
    "Trả lời: Danh mục dự án, nhiệm vụ", "x" * 60, "Một hai ba bốn năm sáu bảy tám chín mười mười một mười hai",
])
def test_button_labels_fit_and_are_cut_between_words(text):
    from forms.engine.prompts import BUTTON_MAX, button_label

    label = button_label(text)
    assert len(label) <= BUTTON_MAX
    if label != text:
        kept = label.rstrip("…")
        assert text.startswith(kept)
        assert " " not in text.strip() or text[len(kept)] in " ,;:.(" or kept.endswith(" ")


def test_a_number_reads_the_same_in_chat_and_in_the_document(templates, tmp_path):
    """One formatter: 1,23456 triệu đồng echoed in chat is 1,23456 in the .docx (it was 1,235 there)."""
    from docx import Document

    from forms.render import render_document

    session = FormSession.start(templates.get("bieu04"))
    session.answer("2019")
    session.answer("I.1; Dự án LGSP; ; ; ; ; ; 1,23456")
    shown = session.prompt().text  # the pasted row shown back for confirmation
    session.answer("có")
    session.answer("xong")
    assert session.done and "1,23456" in shown
    path = render_document(session.template, session.answers, {"co_quan": "Sở Thông tin và Truyền thông"},
                           tmp_path / "b.docx")
    cells = [c.text for t in Document(str(path)).tables for row in t.rows for c in row.cells]
    assert any(c.strip() == "1,23456" for c in cells), [c for c in cells if "1," in c]
