"""Tests of vntext.diacritics: restoring diacritics, what is left alone, context, the CLI.

The sentences here are in neither benchmark set (tests/data/diacritics/{dev,heldout}.txt); accuracy
figures come from benchmarks/diacritics.py, not from these tests.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vntext.diacritics import Restorer, canonical_syllable, needs_restoring, restore, strip_diacritics, tokenize

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("typed, expected", [
    # the issue's own examples
    ("Ket noi lien thong cac he thong thong tin cua tinh", "Kết nối liên thông các hệ thống thông tin của tỉnh"),
    ("So Thong tin va Truyen thong tinh Hau Giang", "Sở Thông tin và Truyền thông tỉnh Hậu Giang"),
    ("Chuyen tiep tu 2018", "Chuyển tiếp từ 2018"),
    ("Luu: VT", "Lưu: VT"),
    # field answers of other shapes
    ("Nang cap phan mem quan ly van ban", "Nâng cấp phần mềm quản lý văn bản"),
    ("Kinh phi du kien 500 trieu dong", "Kinh phí dự kiến 500 triệu đồng"),
    ("Ha Noi, ngay 15 thang 5 nam 2019", "Hà Nội, ngày 15 tháng 5 năm 2019"),
    ("Kinh gui: Bo Thong tin va Truyen thong", "Kính gửi: Bộ Thông tin và Truyền thông"),
])
def test_restores_sentences(typed, expected):
    assert restore(typed) == expected


def test_codes_abbreviations_and_addresses_are_left_alone():
    typed = "Thuc hien Quyet dinh so 1234/QD-UBND cua UBND tinh ve LGSP, lien he nptien@mic.gov.vn"
    out = restore(typed)
    for kept in ("1234/QD-UBND", "UBND", "LGSP", "nptien@mic.gov.vn"):
        assert kept in out
    assert out.startswith("Thực hiện Quyết định số")
    assert restore("So TTTT") == "Sở TTTT"
    assert restore("232/BTTTT-KHTC") == "232/BTTTT-KHTC"
    assert restore("Zalo OA") == "Zalo OA"  # not Vietnamese syllables: as typed


@pytest.mark.parametrize("text", [
    "Báo cáo tình hình ứng dụng công nghệ thông tin năm 2019.",
    "Hoà giải ở cơ sở; thuỷ lợi nội đồng",          # old-style tone placement is kept as typed
    "Số: 15/BC-STTTT — Kính gửi: Ủy ban nhân dân tỉnh",
    "TỔNG CỘNG",
])
def test_accented_text_is_unchanged(text):
    assert restore(text) == text
    assert not needs_restoring(text)


def test_accented_syllables_are_kept_and_the_rest_restored():
    assert restore("Kết nối lien thong cac he thong") == "Kết nối liên thông các hệ thống"
    # a syllable typed with diacritics is never changed, even where the model would choose otherwise
    assert restore("tình hinh").startswith("tình ")


def test_decomposed_input_is_read_as_composed():
    import unicodedata

    typed = unicodedata.normalize("NFD", "Kết nối lien thong")
    assert restore(typed) == "Kết nối liên thông"
    assert not needs_restoring(unicodedata.normalize("NFD", "Kết nối liên thông các hệ thống"))


def test_case_is_kept():
    assert restore("KET NOI LIEN THONG CAC HE THONG") == "KẾT NỐI LIÊN THÔNG CÁC HỆ THỐNG"
    assert restore("Giam doc") == "Giám đốc"


def test_needs_restoring():
    assert needs_restoring("Ket noi lien thong cac he thong thong tin")
    assert needs_restoring("Báo cáo của So Thong tin va Truyen thong tinh Hau Giang")
    assert not needs_restoring("Kết nối liên thông các hệ thống thông tin")
    assert not needs_restoring("LGSP 2.0, UBND")
    assert not needs_restoring("")


def test_agency_profile_as_context():
    # without context the model reads "của So" as "của Số" (its corpus is national law, not provincial
    # dispatches); the agency profile the bot holds settles it
    restorer = Restorer(context=["Sở Thông tin và Truyền thông tỉnh Hậu Giang"])
    assert restorer.restore("Bao cao cua So Thong tin va Truyen thong tinh Hau Giang") == \
        "Báo cáo của Sở Thông tin và Truyền thông tỉnh Hậu Giang"


def test_context_vocabulary_is_preferred():
    typed = "Nguoi ky: Le Thi Ngoc Khue"
    restorer = Restorer(context=["Người ký: Lê Thị Ngọc Khuê", "TỔNG CỘNG"])
    assert restorer.restore(typed) == "Người ký: Lê Thị Ngọc Khuê"
    assert restorer.restore("Tong cong") == "Tổng cộng"
    assert restore("Tong cong", context=["TỔNG CỘNG"]) == "Tổng cộng"


def test_unaccented_context_teaches_nothing():
    plain = Restorer(context=["tong cong", "nguoi ky le thi ngoc khue"])
    assert plain.context is None or plain.context.total == 0
    assert plain.restore("Nguoi lien he") == Restorer().restore("Nguoi lien he")


def test_strip_and_canonical_forms():
    assert strip_diacritics("Quyết định 12/QĐ-UBND") == "Quyet dinh 12/QD-UBND"
    assert canonical_syllable("Hoà") == "hòa" and canonical_syllable("thuỷ") == "thủy"
    assert canonical_syllable("quý") == "quý" and canonical_syllable("hoàn") == "hoàn"
    kinds = [(t.text, t.kind) for t in tokenize("Sở TT&TT, 1234/QĐ-UBND và HĐND tinh")]
    assert kinds == [("Sở", "fixed"), ("TT&TT", "num"), ("1234/QĐ-UBND", "num"), ("và", "fixed"),
                     ("HĐND", "abbr"), ("tinh", "word")]


_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĐEOUàáảãạầấẩẫậềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ0123456789 ,.;:/-()@%\n"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_restoring_only_ever_adds_marks(text):
    out = restore(text)
    assert len(out) == len(text)
    assert strip_diacritics(out) == strip_diacritics(text)
    for tok in tokenize(text):
        if tok.kind != "word":  # accented syllables, codes, abbreviations: exactly as typed
            assert out[tok.start:tok.end] == tok.text


def test_model_loads_lazily():
    code = ("import vntext.diacritics as d; assert not d.is_loaded(); "
            "d.restore('ket noi'); assert d.is_loaded()")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=120)


def test_model_loads_once_when_threads_ask_together():
    """A fresh process: 8 threads ask for the model at once; it is read once and all get the same object."""
    code = """
import threading
import vntext.diacritics as d
reads = []
original = d.LanguageModel.__init__
def counting(self, *args, **kwargs):
    reads.append(1)
    original(self, *args, **kwargs)
d.LanguageModel.__init__ = counting
start = threading.Barrier(8)
got = []
def ask():
    start.wait()
    got.append(d.restore("ket noi lien thong"))
    got.append(id(d.load_model()))
threads = [threading.Thread(target=ask) for _ in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert len(reads) == 1, reads
assert len(set(got)) == 2 and len(got) == 16, got
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


def test_context_text_is_tokenized_once():
    """Per proposal the chat builds a Restorer with the dispatch as context: the dispatch's tokens are
    cached, so only texts not seen before are read again; the result does not depend on the cache."""
    from vntext import diacritics as d

    dispatch = "Sở Thông tin và Truyền thông tổng hợp báo cáo ứng dụng công nghệ thông tin của các đơn vị. " * 3
    typed = "bao cao ung dung cong nghe thong tin"
    d._context_pairs.cache_clear()
    first = d.Restorer(context=[dispatch, "Câu trả lời một"]).restore(typed)
    misses = d._context_pairs.cache_info().misses
    second = d.Restorer(context=[dispatch, "Câu trả lời hai"]).restore(typed)
    info = d._context_pairs.cache_info()
    assert info.misses == misses + 1 and info.hits >= 1  # only the new answer was read
    d._context_pairs.cache_clear()
    assert first == second == d.Restorer(context=[dispatch, "Câu trả lời hai"]).restore(typed)


def test_cli_arguments_and_stdin():
    cmd = [sys.executable, "-m", "vntext.cli", "restore-diacritics"]
    done = subprocess.run([*cmd, "Chuyen", "tiep", "tu", "nam", "2018"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=True)
    assert done.stdout == "Chuyển tiếp từ năm 2018\n"
    lines = "Nang cap phan mem quan ly van ban\n\nThuc hien Cong van 232/BTTTT-KHTC\n"
    done = subprocess.run(cmd, input=lines, cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.splitlines() == ["Nâng cấp phần mềm quản lý văn bản", "",
                                        "Thực hiện Công văn 232/BTTTT-KHTC"]


def test_baocao_command():
    done = subprocess.run([sys.executable, "-m", "bot.cli", "restore-diacritics"], input="Chuyen tiep tu nam 2018\n",
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout == "Chuyển tiếp từ năm 2018\n"


def test_cli_context_file(tmp_path):
    profile = tmp_path / "profile.txt"
    profile.write_text("Người ký: Lê Thị Ngọc Khuê\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "vntext.cli", "restore-diacritics", "--context", str(profile),
                           "Nguoi ky: Le Thi Ngoc Khue"], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          check=True)
    assert done.stdout == "Người ký: Lê Thị Ngọc Khuê\n"


def _path_score(r: Restorer, path: tuple[tuple[int, float], ...]) -> float:
    """The score of one candidate sequence, word by word (the quantity the decoder maximises)."""
    import numpy as np

    ids = [r.lm.ids["<s>"], r.lm.ids["<s>"], *[w for w, _ in path], r.lm.ids["</s>"]]
    total = sum(bonus for _, bonus in path)
    for u, v, w in zip(ids, ids[1:], ids[2:]):
        total += float(r._score(np.array([u]), np.array([v]), np.array([w]))[0])
    return total


@pytest.mark.parametrize("with_context", [False, True])
@pytest.mark.parametrize("typed", ["So Tai chinh bao cao", "mua may tinh cho xa", "Cong van nay gui Bo"])
def test_decoder_returns_the_best_sequence(typed, with_context):
    """The array Viterbi search equals an exhaustive search over every candidate sequence (3 candidates
    a syllable), with and without a context model (whose words get ids after the shipped vocabulary)."""
    import itertools

    context = ["Sở Tài chính báo cáo Bộ Tài chính về mua máy tính cho xã."] if with_context else []
    r = Restorer(context=context)
    tokens = tokenize(typed)
    choices = [r._choices(typed, tokens, i)[:3] for i in range(len(tokens))]
    best = max(itertools.product(*choices), key=lambda path: _path_score(r, path))
    got = tuple((w, dict(c)[w]) for c, w in zip(choices, r._decode(choices)))
    assert _path_score(r, got) == pytest.approx(_path_score(r, best))  # the best score (a tie may differ)


@pytest.mark.parametrize("text, index, expected", [
    ("Sở Tài chính báo cáo", 0, True),     # a name starts the sentence
    ("So TTTT", 0, True),                  # a body and its abbreviation
    ("Tỉnh tổ chức hội nghị", 0, False),   # an ordinary first word
    ("báo cáo của Sở Tài chính", 3, True),  # capitalised inside
    ("BÁO CÁO TỔNG HỢP", 0, False),        # shouting is not a name
    ("Kết quả. Sở đã báo cáo", 2, False),   # a new sentence, next word in lower case
])
def test_capitalised_names(text, index, expected):
    from vntext.diacritics import in_capitalised_name

    assert in_capitalised_name(text, tokenize(text), index) is expected


@pytest.mark.parametrize("typed, kept", [
    ("he thong A da van hanh", "A"),            # a system's label inside a sentence
    ("giao ong Nguyen Van B phu trach", "B"),   # a placeholder name
    ("A. Muc tieu chung", "A."),                # an enumerator at the start of a line
])
def test_a_lone_capital_letter_label_is_left_alone(typed, kept):
    restored = restore(typed)
    assert kept in restored.split() and "Á" not in restored and "À" not in restored


def test_a_capital_first_syllable_is_still_restored():
    assert restore("Y kien cua cac don vi").startswith("Ý kiến")
    assert restore("O cap xa, viec trien khai cham").startswith("Ở cấp xã")
