"""The Zalo adapter's parts on their own: message splitting, numbered choices, signed links, dedupe, settings."""

from __future__ import annotations

import random
import re

import pytest

from bot.access import AccessConfigError, Verdict
from bot.conversation.actions import Confirm, EngineCommand, PickOption, StartForm, encode
from bot.conversation.messages import Choice, Outgoing
from bot.zalo.choices import ChoiceMemory, choices_of, render
from bot.zalo.links import DocumentLinks, LinkError, load_secret
from bot.zalo.seen import SeenIds
from bot.zalo.settings import ZaloSettings
from bot.zalo.split import split_message

WORDS = ["báo", "cáo", "công", "văn", "ứng", "dụng", "thông", "tin", "hệ", "thống", "điều", "hành", "tỉnh"]


def _sentence(rng: random.Random) -> str:
    body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 30)))
    number = f"{rng.randint(1, 999)}.{rng.randint(100, 999)}"  # "1.500": a dot that is not a sentence end
    return f"{body.capitalize()} gồm {number} hồ sơ{rng.choice(['.', '!', '?', ';'])}"


def _words_of(pieces: list[str]) -> list[str]:
    return " ".join(pieces).split()


@pytest.mark.parametrize("seed", range(12))
def test_split_prose_never_breaks_words_numbers_or_sentences(seed):
    rng = random.Random(seed)
    text = " ".join(_sentence(rng) for _ in range(rng.randint(20, 160)))
    if seed % 3 == 0:  # some with paragraphs
        text = text.replace("; ", ";\n\n", 5)
    pieces = split_message(text)
    assert all(1 <= len(p) <= 2000 for p in pieces)
    assert _words_of(pieces) == text.split()  # nothing lost, nothing reordered, no word cut
    for piece in pieces[:-1]:
        assert piece[-1] in ".!?;", piece[-40:]  # every cut at a sentence end (or paragraph)
    numbers = re.findall(r"\d+\.\d{3}", text)
    assert re.findall(r"\d+\.\d{3}", "\n".join(pieces)) == numbers


def test_split_table_rows_stay_whole_and_tiny_text_is_one_piece():
    rng = random.Random(7)
    rows = ["| " + " | ".join(f"{rng.randint(1, 10**7):,}".replace(",", ".") for _ in range(9)) + " |" for _ in range(150)]
    pieces = split_message("Biểu tổng hợp:\n" + "\n".join(rows))
    assert len(pieces) > 1 and all(len(p) <= 2000 for p in pieces)
    got = [line for p in pieces for line in p.split("\n")][1:]
    assert got == rows
    assert split_message("  Xin chào  ") == ["Xin chào"] and split_message(" \n ") == []


def test_split_unbroken_run_is_cut_only_when_it_must_be():
    text = "x" * 4500
    assert [len(p) for p in split_message(text)] == [2000, 2000, 500]


def test_split_5000_characters_gives_three_messages():
    rng = random.Random(42)
    text = ""
    while len(text) < 5000:
        text += _sentence(rng) + " "
    text = text[:5000].rsplit(" ", 1)[0]
    pieces = split_message(text)
    assert len(pieces) == 3 and all(len(p) < 2000 for p in pieces)


def _menu() -> Outgoing:
    return Outgoing("Chọn mẫu:", [[Choice("Mẫu 2 — Báo cáo HTTT", StartForm("mau2"))], [Choice("Biểu 04", StartForm("bieu04"))],
                                  [Choice("Tạm dừng", EngineCommand(3, "abcd", "pause"), "nav", "/tam_dung")]])


def test_choices_render_numbers_and_commands():
    out = _menu()
    text = render(out.text, choices_of(out))
    assert "1. Mẫu 2 — Báo cáo HTTT" in text and "2. Biểu 04" in text
    assert "Trả lời 1 hoặc 2" in text
    assert "/tam_dung (Tạm dừng)" in text and "3." not in text  # navigation is never numbered


def test_choice_memory_number_word_command_and_forgetting():
    memory = ChoiceMemory()
    memory.offer("a", choices_of(_menu()))
    assert memory.resolve("a", " 2 ") == encode(StartForm("bieu04"))
    assert memory.resolve("a", "biểu 04") == "t:bieu04"  # the word, without caring for case or diacritics
    assert memory.resolve("a", "BIEU 04") == "t:bieu04"
    assert memory.resolve("a", "/tam_dung") == encode(EngineCommand(3, "abcd", "pause"))
    assert memory.resolve("a", "3") is None  # only answer choices are numbered
    assert memory.resolve("a", "Biểu 04 năm 2019") is None  # other text stays text
    assert memory.resolve("b", "1") is None  # another chat's choices are not ours
    memory.offer("a", [])  # a reply without choices: the old ones are gone
    assert memory.resolve("a", "2") is None


def test_many_choices_and_confirmations_are_numbered_together():
    out = Outgoing("Xuất báo cáo?", [[Choice(f"Lựa chọn {i}", PickOption(5, "ab12", i)) for i in range(1, 8)],
                                      [Choice("Đồng ý", Confirm("cancel", True), "confirm"),
                                       Choice("Bỏ qua", EngineCommand(5, "ab12", "skip"), "nav", "/bo_qua")]])
    choices = choices_of(out)
    text = render(out.text, choices)
    assert "7. Lựa chọn 7" in text and "8. Đồng ý" in text and "Trả lời một số từ 1 đến 8" in text
    memory = ChoiceMemory()
    memory.offer("c", choices)
    assert memory.resolve("c", "8") == "y:cancel" and memory.resolve("c", "đồng ý!") == "y:cancel"
    assert memory.resolve("c", "9") is None and memory.resolve("c", "0") is None


@pytest.fixture()
def links(tmp_path):
    root = tmp_path / "documents"
    (root / "zalo-u1").mkdir(parents=True)
    (root / "zalo-u2").mkdir(parents=True)
    (root / "zalo-u1" / "mau2.docx").write_bytes(b"PK-one")
    (root / "zalo-u2" / "bieu04.docx").write_bytes(b"PK-two")
    (tmp_path / "outside.txt").write_text("secret")
    return DocumentLinks(root, load_secret(tmp_path / "state", env={}), "https://bot.example.vn")


def test_link_grants_exactly_one_file_until_it_expires(links):
    path = links.root / "zalo-u1" / "mau2.docx"
    token, expires = links.token(path, now=1000.0)
    assert links.resolve(token, now=1000.0) == path
    assert links.resolve(token, now=expires) == path
    with pytest.raises(LinkError) as exc:
        links.resolve(token, now=expires + 1)
    assert exc.value.status == 403
    other, _ = links.token(links.root / "zalo-u2" / "bieu04.docx", now=1000.0)
    assert other != token and links.resolve(other, now=1000.0).name == "bieu04.docx"


def test_tampered_or_foreign_links_are_refused(links, tmp_path):
    token, _ = links.token(links.root / "zalo-u1" / "mau2.docx", now=1000.0)
    body, sig = token.split(".")
    flipped = sig[:-2] + ("A" if sig[-2] != "A" else "B") + sig[-1]
    for bad in [f"{body}.{flipped}", body, f"{body}.", "..", "x.y", f"{body[:-1]}.{sig}", ""]:
        with pytest.raises(LinkError) as exc:
            links.resolve(bad, now=1000.0)
        assert exc.value.status == 403, bad
    with pytest.raises(ValueError):
        links.token(tmp_path / "outside.txt")  # never issued for a file outside the documents folder
    other_key = DocumentLinks(links.root, b"k" * 32, links.public_url)
    with pytest.raises(LinkError):
        other_key.resolve(token, now=1000.0)
    (links.root / "zalo-u1" / "mau2.docx").unlink()
    with pytest.raises(LinkError) as exc:
        links.resolve(token, now=1000.0)
    assert exc.value.status == 404


def test_link_secret_is_kept_private_and_stable(tmp_path):
    first = load_secret(tmp_path / "s", env={})
    assert first == load_secret(tmp_path / "s", env={}) and len(first) == 32
    assert (tmp_path / "s" / "link-secret").stat().st_mode & 0o077 == 0


def test_seen_ids_survive_a_restart(tmp_path):
    seen = SeenIds(tmp_path / "seen.txt", keep=5)
    assert seen.claim("m1") and not seen.claim("m1")  # in progress: a parallel redelivery is refused
    seen.done("m1")
    assert not seen.claim("m1")
    assert seen.claim("m2")
    seen.release("m2")  # not finished: a redelivery may try again
    assert seen.claim("m2")
    for i in range(3, 20):
        seen.claim(f"m{i}")
        seen.done(f"m{i}")
    again = SeenIds(tmp_path / "seen.txt", keep=5)
    assert "m19" in again and not again.claim("m19") and "m3" not in again  # only the latest are kept


def test_settings_from_env_closed_by_default_and_strict():
    s = ZaloSettings.from_env({"ZALO_BOT_TOKEN": "1:abc", "ZALO_ALLOWED_USERS": "e4ea2cd5189df1c3a88c",
                               "ZALO_ADMINS": "adm1"})
    assert s.access.decide("e4ea2cd5189df1c3a88c", "PRIVATE") is Verdict.ALLOW
    assert s.access.decide("adm1", "PRIVATE") is Verdict.ALLOW
    assert s.access.decide("stranger", "PRIVATE") is Verdict.REFUSE
    assert s.access.decide("adm1", "GROUP") is Verdict.IGNORE
    assert ZaloSettings.from_env({}).access.decide("anyone", "PRIVATE") is Verdict.REFUSE
    assert ZaloSettings.from_env({"BAOCAO_OPEN": "1"}).access.decide("anyone", "PRIVATE") is Verdict.ALLOW
    assert "1:abc" not in repr(s)
    for bad in [{"ZALO_ALLOWED_USERS": "@name!"}, {"ZALO_WEBHOOK_URL": "https://x/h", "ZALO_WEBHOOK_SECRET": "short"},
                {"BAOCAO_PUBLIC_URL": "ftp://x"}, {"ZALO_PORT": "80a"}, {"BAOCAO_OPEN": "maybe"}]:
        with pytest.raises(AccessConfigError):
            ZaloSettings.from_env(bad)
    hook = ZaloSettings.from_env({"ZALO_WEBHOOK_URL": "https://bot.example.vn/hooks/zalo", "ZALO_WEBHOOK_SECRET": "s" * 12})
    assert hook.webhook_path == "/hooks/zalo" and hook.needs_server
