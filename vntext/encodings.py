"""Legacy Vietnamese text encodings: detect and convert to Unicode (NFC).

Provincial archives still hold dispatches as plain text in the encodings of the 1990s-2000s:

- **TCVN3 (ABC)**: TCVN 5712:1993, one byte per letter; the table below is the standard's VN1 (0xA1-0xFF
  are the VN3 letters the ABC fonts use; VN1's other capitals at 0x80-0x9F and on twelve C0 control
  codes are kept since no other meaning is possible; 0xB0-0xB4 are combining tone marks).
- **VNI (VNI-Windows)**: a base letter followed by a mark byte (e.g. ``a`` + 0xF8 = "à", ``e`` + 0xE4 =
  "ệ"), plus single bytes for ơ, ư, đ, the i's and ỵ; saved in the Windows Western code page (cp1252).
- **Windows-1258**: Microsoft's code page, base letters + combining tone marks (Python's ``cp1258``).
- UTF-8 (with or without BOM) and UTF-16 (with a BOM, or without one when half the bytes are zero).

:func:`decode` tries them in that order of certainty and, for the single-byte legacy encodings,
picks the decoding whose words best look like Vietnamese syllables (:func:`vietnamese_score`).
Imports nothing of the project.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

# ---- TCVN3 (ABC) -------------------------------------------------------------------------------

_TCVN3_HIGH = (
    "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨ"  # 0x80
    "ÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ"  # 0x90
    "\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ"  # 0xA0
    "\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"  # 0xB0
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"  # 0xC0
    "éẹềểễếệìỉỄẾỒĩíịò"  # 0xD0
    "Ổỏõóọồổỗốộờởỡớợù"  # 0xE0
    "ỖủũúụừửữứựỳỷỹýỵỐ"  # 0xF0
)
assert len(_TCVN3_HIGH) == 128
# VN1 puts the remaining capitals on C0 control codes (never text otherwise; tab and line breaks untouched).
_TCVN3_LOW = {0x01: "Ú", 0x02: "Ụ", 0x04: "Ừ", 0x05: "Ử", 0x06: "Ữ", 0x11: "Ứ", 0x12: "Ự", 0x13: "Ỳ", 0x14: "Ỷ",
              0x15: "Ỹ", 0x16: "Ý", 0x17: "Ỵ"}
_TCVN3_TABLE = {**_TCVN3_LOW, **{0x80 + i: ch for i, ch in enumerate(_TCVN3_HIGH)}}


def decode_tcvn3(data: bytes) -> str:
    """TCVN3 (ABC) bytes to NFC text; ASCII stays ASCII."""
    text = data.decode("latin-1").translate(_TCVN3_TABLE)
    return unicodedata.normalize("NFC", text)


# ---- VNI-Windows --------------------------------------------------------------------------------
# Mark bytes as cp1252 characters, lower-case row / upper-case row, and what they add to the base.
_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE = "\u0302", "\u0306"
_VNI_MARKS = {
    "øØ": _GRAVE, "ùÙ": _ACUTE, "ûÛ": _HOOK, "õÕ": _TILDE, "ïÏ": _DOT,
    "âÂ": _CIRC, "àÀ": _CIRC + _GRAVE, "áÁ": _CIRC + _ACUTE, "åÅ": _CIRC + _HOOK, "ãÃ": _CIRC + _TILDE,
    "äÄ": _CIRC + _DOT,
    "êÊ": _BREVE, "èÈ": _BREVE + _GRAVE, "éÉ": _BREVE + _ACUTE, "úÚ": _BREVE + _HOOK, "üÜ": _BREVE + _TILDE,
    "ëË": _BREVE + _DOT,
}
_PLAIN_TONES = {_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT}
# Single bytes that are whole letters in VNI (lower, upper).
_VNI_SINGLE = {
    "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư", "ñ": "đ", "Ñ": "Đ",
    "ì": "ì", "Ì": "Ì", "í": "í", "Í": "Í", "æ": "ỉ", "Æ": "Ỉ", "ó": "ĩ", "Ó": "Ĩ", "ò": "ị", "Ò": "Ị",
    "î": "ỵ", "Î": "Ỵ",
}


def _vni_pairs() -> dict[str, str]:
    pairs: dict[str, str] = {}
    bases = {"a": "a", "e": "e", "o": "o", "u": "u", "y": "y", "ô": "ơ", "ö": "ư"}  # VNI char → letter
    for vni_base, letter in bases.items():
        for base_char, out_letter in ((vni_base, letter), (vni_base.upper(), letter.upper())):
            for marks, combining in _VNI_MARKS.items():
                modifier = combining[0] if combining[0] in (_CIRC, _BREVE) else ""
                if modifier == _CIRC and letter not in "aeo":
                    continue
                if modifier == _BREVE and letter != "a":
                    continue
                if not modifier and combining not in _PLAIN_TONES:
                    continue
                for mark in marks:
                    pairs[base_char + mark] = unicodedata.normalize("NFC", out_letter + combining)
    return pairs


_VNI_MAP = {**_VNI_SINGLE, **_vni_pairs()}
_VNI_RE = re.compile("|".join(re.escape(k) for k in sorted(_VNI_MAP, key=len, reverse=True)))


def decode_vni(data: bytes) -> str:
    """VNI-Windows bytes to NFC text."""
    text = data.decode("cp1252", errors="replace").replace("\ufffd", "")
    return unicodedata.normalize("NFC", _VNI_RE.sub(lambda m: _VNI_MAP[m.group(0)], text))


def decode_cp1258(data: bytes) -> str:
    return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))


# ---- Vietnamese plausibility ------------------------------------------------------------------

_ONSET = "(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnpqrstvx])?"
_NUCLEI = (
    "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ ưa ưi ươ "
    "ưu uy yê iêu oai oay oao oeo uây uôi ươi ươu uya uyê uyu yêu"
).split()
_NUCLEUS = "(?:" + "|".join(sorted(_NUCLEI, key=len, reverse=True)) + ")"
_SYLLABLE = re.compile(f"{_ONSET}{_NUCLEUS}(?:ch|ng|nh|[cmnpt])?")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_WORD = re.compile(r"[^\W\d_]+")
_ALLOWED_SYMBOLS = set("\u00a0“”‘’–—…•«»°§©®±×÷·")


def is_syllable(word: str) -> bool:
    """True when ``word`` is a well-formed Vietnamese syllable (at most one tone mark)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [ch for ch in decomposed if ch in _TONES]
    if len(tones) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    return _SYLLABLE.fullmatch(base) is not None


_PLAIN_NUCLEUS = "(?:" + "|".join(sorted({unicodedata.normalize("NFD", n)[0] if len(n) == 1 else
                                           "".join(c for c in unicodedata.normalize("NFD", n) if c.isascii())
                                           for n in _NUCLEI}, key=len, reverse=True)) + ")"
_PLAIN_SYLLABLE = re.compile(f"(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdghklmnpqrstvx])?{_PLAIN_NUCLEUS}(?:ch|ng|nh|[cmnpt])?")


def is_plain_syllable(word: str) -> bool:
    """True when ``word`` could be a Vietnamese syllable typed without diacritics ("nguoi", "duoc")."""
    return _PLAIN_SYLLABLE.fullmatch(word.lower()) is not None


def vietnamese_score(text: str) -> float:
    """Share of non-ASCII words that are Vietnamese syllables, stray symbols counting as misses.

    ASCII words are ignored: they read the same in every encoding. 1.0 for text with no non-ASCII.
    """
    good = bad = 0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        if is_syllable(word):
            good += 1
        else:
            bad += 1
    bad += sum(1 for ch in text if ord(ch) > 127 and not ch.isalpha() and not ch.isspace()
               and ch not in _ALLOWED_SYMBOLS and unicodedata.category(ch) != "Mn")
    return 1.0 if good + bad == 0 else good / (good + bad)


# ---- detection -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Decoded:
    """Text and how it was read; ``certain`` is False when a legacy encoding was guessed narrowly."""

    text: str
    encoding: str
    certain: bool
    score: float = 1.0


class UnknownEncoding(ValueError):
    """The bytes are not text in any encoding tried."""


LEGACY = {"tcvn3": decode_tcvn3, "vni": decode_vni, "cp1258": decode_cp1258}
MIN_SCORE = 0.6
SAMPLE_BYTES = 256 * 1024
CERTAIN_SCORE, CERTAIN_MARGIN = 0.85, 0.2


def _utf16_without_bom(data: bytes) -> str | None:
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4096]
    even_zero = sample[0::2].count(0) / (len(sample) / 2)
    odd_zero = sample[1::2].count(0) / (len(sample) / 2)
    for share, codec in ((odd_zero, "utf-16-le"), (even_zero, "utf-16-be")):
        if share >= 0.3 and share > 2 * min(even_zero, odd_zero):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def decode(data: bytes) -> Decoded:
    """Detect the encoding of ``data`` and return NFC text. Raises :class:`UnknownEncoding`."""
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return Decoded(unicodedata.normalize("NFC", data.decode(codec)), codec.replace("-sig", "-bom"), True)
            except UnicodeDecodeError as exc:
                raise UnknownEncoding(f"{codec} byte order mark but invalid {codec}") from exc
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is not None:
            return Decoded(unicodedata.normalize("NFC", text), "utf-16", True)
        if data.count(0) > max(2, len(data) // 1000):  # more than a stray NUL or two: binary data
            raise UnknownEncoding("binary data (NUL bytes)")
        data = data.replace(b"\x00", b"")
    try:
        return Decoded(unicodedata.normalize("NFC", data.decode("utf-8")), "utf-8", True)
    except UnicodeDecodeError:
        pass
    sample = data[:SAMPLE_BYTES]  # enough words to judge; the whole file is decoded once, at the end
    scored = sorted(((vietnamese_score(fn(sample)), name) for name, fn in LEGACY.items()), reverse=True)
    (best, name), (second, _other) = scored[0], scored[1]
    if best < MIN_SCORE:
        raise UnknownEncoding(f"no encoding reads as Vietnamese (best {name}: {best:.2f})")
    return Decoded(LEGACY[name](data), name, best >= CERTAIN_SCORE and best - second >= CERTAIN_MARGIN, best)


def encode_legacy(text: str, encoding: str) -> bytes:
    """The inverse of the legacy decoders, for tests and tools: NFC text → TCVN3/VNI/cp1258 bytes."""
    text = unicodedata.normalize("NFC", text)
    if encoding == "cp1258":
        out = []
        for ch in text:
            try:
                out.append(ch.encode("cp1258"))
            except UnicodeEncodeError:  # base letter (with its circumflex/breve/horn) + a combining tone
                parts = unicodedata.normalize("NFD", ch)
                tones = "".join(c for c in parts if c in _TONES)
                base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
                out.append((base + tones).encode("cp1258", errors="replace"))
        return b"".join(out)
    if encoding == "tcvn3":
        reverse = {v: bytes([k]) for k, v in _TCVN3_TABLE.items() if unicodedata.category(v) != "Mn"}
        return b"".join(reverse.get(ch) or ch.encode("ascii", errors="replace") for ch in text)
    if encoding == "vni":
        reverse_vni: dict[str, str] = {}
        for key, value in _VNI_MAP.items():
            if len(key) == 1 or key[0].isupper() == key[1].isupper():
                reverse_vni.setdefault(value, key)
        return "".join(reverse_vni.get(ch, ch) for ch in text).encode("cp1252", errors="replace")
    raise ValueError(encoding)
