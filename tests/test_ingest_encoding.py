"""A legacy-encoded .txt whose encoding is not certain is shown to the admin before indexing (issue 14).

Through the real PTB Application and the HTTP fake of Telegram, the real core and a real knowledge base
(a private copy of the built index). The files are built here with ``vntext.encodings.encode_legacy``:
text with many run-together words (as old archives often have) makes the detector unsure.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import ingest_encoding as enc
from bot import texts
from bot import texts_jobs as tj
from bot.conversation import Core
from bot.knowledge_link import KnowledgeLink
from storage.repo import Store
from tests.fake_telegram import FakeTelegramServer, run_bot
from tests.knowledge_fixtures import open_copy
from vntext.encodings import decode, encode_legacy

ADMIN = 900
# Run-together words: the right encoding still wins, but narrowly (Decoded.certain is False).
UNSURE = ("CỘNGHÒA XÃHỘI CHỦNGHĨA VIỆTNAM\nĐộc lập - Tựdo - Hạnhphúc\nSố 45/UBND-VPKX về việc báo cáo kếtquả "
          "thựchiện nhiệmvụ quý I\nKính gửi các phòng, ban chuyênmôn.\n"
          "Đề nghị gửi báocáo trước ngày 15 hàng tháng.")
CLEAR = ("UBND HUYỆN YÊN PHONG\nSố 77/UBND-TCKX\nV/v báo cáo tiến độ giải ngân vốn đầu tư công\n"
         "Kính gửi: Các xã, thị trấn.\nĐề nghị các đơn vị gửi báo cáo trước ngày 25 hàng tháng.")


@pytest.fixture(scope="module")
def kb():
    return open_copy("baocao-test-enc-")


@pytest.fixture()
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("BAOCAO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("BAOCAO_INGEST_BACKGROUND", "0")  # indexed in the conversation: the outcome is the reply
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return tmp_path / "data"


def chat(kb, tmp_path: Path, actions) -> FakeTelegramServer:
    server = FakeTelegramServer()
    store = Store.open()
    core = Core(store, knowledge=KnowledgeLink(kb=kb), documents_dir=tmp_path / "docs")

    run_bot(core, server, actions, admins=frozenset({ADMIN}))
    store.close()
    return server


def indexed(kb, ref: str) -> str:
    return "\n".join(p.text for p in kb.search(ref, k=5) if ref in p.text)


def test_the_built_files_are_what_the_test_claims():
    for encoding in enc.NAMES:
        unsure, clear = decode(encode_legacy(UNSURE, encoding)), decode(encode_legacy(CLEAR, encoding))
        assert (unsure.encoding, unsure.certain, unsure.text) == (encoding, False, UNSURE)
        assert (clear.encoding, clear.certain) == (encoding, True)


@pytest.mark.parametrize("encoding", sorted(enc.NAMES))
def test_an_unsure_encoding_is_shown_first_and_indexed_only_when_confirmed(encoding, kb, data_dir, tmp_path):
    ref = f"{50 + sorted(enc.NAMES).index(encoding)}/UBND-VPKX"  # one dispatch per case: the index is shared
    text = UNSURE.replace("45/UBND-VPKX", ref)
    data = encode_legacy(text, encoding)
    other = next(e for e in sorted(enc.NAMES) if e != encoding)
    server = chat(kb, tmp_path, [lambda s: s.send_document(ADMIN, f"cv45-{encoding}.txt", data)])
    shown = server.texts_to(ADMIN)[-1]
    assert enc.NAMES[encoding] in shown and "Độc lập - Tựdo - Hạnhphúc" in shown  # the first lines, converted
    assert "/" + tj.ENCODING_COMMAND in shown
    assert indexed(kb, ref) == ""  # nothing indexed yet

    server = chat(kb, tmp_path, [lambda s: s.send_text(ADMIN, f"/{tj.ENCODING_COMMAND} {other}")])
    again = server.texts_to(ADMIN)[-1]
    assert enc.NAMES[other] in again and "Độc lập - Tựdo - Hạnhphúc" not in again  # read another way: garbled
    assert indexed(kb, ref) == ""

    server = chat(kb, tmp_path, [lambda s: s.send_text(ADMIN, f"/{tj.ENCODING_COMMAND} {encoding}"),
                                 lambda s: s.send_text(ADMIN, f"/{tj.ENCODING_COMMAND}")])
    done = server.texts_to(ADMIN)[-1]
    assert done.startswith(texts.FILE_INGESTED.split("{")[0])
    assert "thựchiện nhiệmvụ" in indexed(kb, ref)  # indexed as the Unicode text
    uploads = data_dir / "uploads"
    (converted,) = [p for p in uploads.glob(f"*cv45-{encoding}.txt")]
    assert converted.read_text(encoding="utf-8") == text
    assert converted.with_name(converted.name + ".goc").read_bytes() == data  # the original kept
    server = chat(kb, tmp_path, [lambda s: s.send_text(ADMIN, f"/{tj.ENCODING_COMMAND}")])
    assert server.texts_to(ADMIN)[-1] == tj.ENCODING_NONE_HELD  # nothing held any more


def test_a_certain_encoding_is_indexed_at_once(kb, data_dir, tmp_path):
    server = chat(kb, tmp_path, [lambda s: s.send_document(ADMIN, "cv77.txt", encode_legacy(CLEAR, "tcvn3"))])
    assert server.texts_to(ADMIN)[-1].startswith(texts.FILE_INGESTED.split("{")[0])
    assert "giải ngân" in indexed(kb, "77/UBND-TCKX")


def test_a_held_file_can_be_dropped_and_a_wrong_name_is_explained(kb, data_dir, tmp_path):
    data = encode_legacy(UNSURE.replace("45/UBND-VPKX", "46/UBND-VPKX"), "vni")
    server = chat(kb, tmp_path, [lambda s: s.send_document(ADMIN, "cv46.txt", data),
                                 lambda s: s.send_text(ADMIN, f"/{tj.ENCODING_COMMAND} koi8"),
                                 lambda s: s.send_text(ADMIN, f"/{tj.CANCEL_COMMAND}"),
                                 lambda s: s.send_text(ADMIN, f"/{tj.ENCODING_COMMAND}")])
    said = server.texts_to(ADMIN)
    assert "koi8" in said[-3] and all(n in said[-3] for n in enc.NAMES.values())
    assert said[-2] == tj.ENCODING_DROPPED.format(name="cv46.txt")
    assert said[-1] == tj.ENCODING_NONE_HELD
    assert indexed(kb, "46/UBND-VPKX") == "" and not list((data_dir / "uploads").glob("*cv46*"))


def test_only_admins_confirm_encodings(kb, data_dir, tmp_path):
    server = chat(kb, tmp_path, [lambda s: s.send_text(5, f"/{tj.ENCODING_COMMAND}")])
    assert server.texts_to(5)[-1] == tj.ADMIN_ONLY
