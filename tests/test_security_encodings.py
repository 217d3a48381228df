"""Legacy Vietnamese encodings (vntext/encodings.py): every letter, known byte sequences, syllable checks."""

from __future__ import annotations

import unicodedata

import pytest

from vntext import encodings as enc

BASES = "aăâeêioôơuưy"
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
LETTERS = "".join(unicodedata.normalize("NFC", b + t) for b in BASES for t in TONES) + "đ"
ALPHABET = LETTERS + LETTERS.upper()  # the vowels, đ, and all 134 precomposed Vietnamese letters


def test_the_alphabet_is_complete():
    assert len({ch for ch in ALPHABET if not ch.isascii()}) == 134


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "cp1258"])
def test_every_letter_round_trips(encoding):
    text = " ".join(ALPHABET)
    assert getattr(enc, f"decode_{encoding}")(enc.encode_legacy(text, encoding)) == text


@pytest.mark.parametrize("raw, codec, expected", [
    (b"C\xe9ng ho\xb5 x\xb7 h\xe9i ch\xf1 ngh\xdca Vi\xd6t Nam", "tcvn3", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    (b"\xa7\xe9c l\xcbp", "tcvn3", "Độc lập"),
    ("Xin chaøo caùc baïn".encode("cp1252"), "vni", "Xin chào các bạn"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc".encode("cp1252"), "vni", "Độc lập - Tự do - Hạnh phúc"),
    ("NGÖÔØI KYÙ".encode("cp1252"), "vni", "NGƯỜI KÝ"),
    (b"Vi\xea\xf2t Nam", "cp1258", "Việt Nam"),
])
def test_known_byte_sequences(raw, codec, expected):
    assert getattr(enc, f"decode_{codec}")(raw) == expected


@pytest.mark.parametrize("word", ["nghiêng", "khuyến", "Trường", "ước", "quyết", "giữa", "Đồng", "oai", "yêu"])
def test_vietnamese_syllables(word):
    assert enc.is_syllable(word)


@pytest.mark.parametrize("word", ["hoµ", "vieät", "xyz", "bcd", "áà", "nghĩaa", "thưởngg", "Céng"[:0] + "ckl"])
def test_not_vietnamese_syllables(word):
    assert not enc.is_syllable(word)


def test_short_or_ambiguous_legacy_text_is_not_certain():
    decoded = enc.decode(enc.encode_legacy("Hà", "tcvn3"))
    assert decoded.text in {"Hà", enc.decode_vni(enc.encode_legacy("Hà", "tcvn3")),
                            enc.decode_cp1258(enc.encode_legacy("Hà", "tcvn3"))}
    assert not decoded.certain or decoded.encoding == "tcvn3"


def test_binary_and_unknown_bytes_are_refused():
    with pytest.raises(enc.UnknownEncoding):
        enc.decode(bytes(range(256)) * 20)
    with pytest.raises(enc.UnknownEncoding):
        enc.decode(b"\xff\xfe\x00\xd8")  # a UTF-16 BOM then a lone surrogate
