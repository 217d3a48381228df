"""Typed actions and their one wire format; choices as text for channels without buttons (pure functions)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.conversation.actions import (Confirm, EditProfile, EngineCommand, Export, PickOption, ResumeDraft, StartForm,
                                      decode, encode, fits, token)
from bot.conversation.choice_text import ChoiceMemory, render
from bot.conversation.messages import Choice

ACTIONS = [StartForm("mau2"), ResumeDraft(12), EngineCommand(3, token("HTTT[2].I.5"), "goto", "HTTT[2].I.5"),
           EngineCommand(3, token(None), "skip"), PickOption(3, token("I.1"), 4), Export(7), Confirm("cancel", True),
           Confirm("same", False), EditProfile()]


@pytest.mark.parametrize("action", ACTIONS)
def test_every_action_round_trips_within_64_bytes(action):
    data = encode(action)
    assert len(data.encode()) <= 64 and decode(data) == action


def test_old_button_data_still_decodes():  # buttons sent by earlier versions stay harmless or keep working
    assert decode("y:cancel") == Confirm("cancel", True) and decode("x:5") == Export(5)
    assert decode("e:999999:abcd:skip") == EngineCommand(999999, "abcd", "skip")


@given(st.text(max_size=80))
def test_decode_never_raises(data):
    action = decode(data)  # garbage gives None, never an exception
    if action is not None and fits(action):
        assert decode(encode(action)) == action


def test_too_long_data_is_refused_not_cut():
    long = EngineCommand(1, token("x"), "goto", "Mục rất dài " * 10)
    assert not fits(long)
    with pytest.raises(ValueError):
        encode(long)


def test_choices_as_text_and_typed_replies():
    yes, no = Choice("Đồng ý", Confirm("same", True), "confirm"), Choice("Không", Confirm("same", False), "confirm")
    skip = Choice("Bỏ qua", EngineCommand(1, "ab", "skip"), "nav", "/bo_qua")
    shown = render("Dùng lại?", [yes, no, skip])
    assert "1. Đồng ý" in shown and "2. Không" in shown and "/bo_qua (Bỏ qua)" in shown and "3." not in shown
    memory = ChoiceMemory()
    memory.offer("u", [yes, no, skip])
    assert memory.resolve("u", "2") == encode(no.action)
    assert memory.resolve("u", "dong y") == encode(yes.action)  # the label, diacritics ignored
    assert memory.resolve("u", "/bo_qua") == encode(skip.action)
    assert memory.resolve("u", "3") is None and memory.resolve("u", "Hà Nội") is None
    memory.offer("u", [])  # a reply without choices forgets them
    assert memory.resolve("u", "1") is None
