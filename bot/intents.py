"""What did the user mean? Commands, form requests, questions versus answers.

The question/answer rule (used while a form field is open), in order:

1. A leading ``?`` or ``hỏi:`` / ``hoi:`` always makes a question (the explicit escape hatch).
2. Fields whose answers are not free text (number, money, date, month, period, year range, yes/no,
   choice, table): the input is a question if it contains ``?`` or a question word/phrase
   (gì, nào, sao, khi nào, bao giờ, ai, ở đâu, có phải, như thế nào, là gì, bao nhiêu, thế nào), compared
   without diacritics. Such inputs cannot be valid answers to those fields anyway.
3. Free-text fields (short/long text): an answer may legitimately contain "nào" or even a "?", so the
   input is a question only if it ends with ``?`` AND contains a question word, or it ends with a
   question word ("... ghi gì", "hạn nộp khi nào", "gửi cho ai").

Outside a form every text that is not a command, small talk, a form request or "giống tháng trước" is
a question. Small talk (greetings, thanks, "ok", "alo", goodbyes; see :func:`small_talk`) is the whole
message being one of a few fixed phrases, optionally with polite particles ("ạ", "nhé", "bạn").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

_QUESTION_PHRASES = (
    "gi", "nao", "sao", "khi nao", "bao gio", "ai", "o dau", "co phai", "nhu the nao", "the nao",
    "la gi", "bao nhieu", "khong a", "chua a",
)
# Phrases that, when they end the input, mark a question even in a free-text field.
_TRAILING_PHRASES = (
    "gi", "nao", "khi nao", "bao gio", "o dau", "nhu the nao", "the nao", "la gi", "bao nhieu",
    "cho ai", "la ai", "ai ky", "tai sao", "vi sao", "o dau",
)
_FREE_TEXT_TYPES = {"text", "short_text", "long_text", "longtext", "string", "textarea"}
_ACTION_WORDS = (
    "lam", "dien", "lap", "tao", "soan", "viet", "bat dau", "nhap", "can", "muon", "khai",
)
_TEMPLATE_REF = re.compile(r"\b(mau|bieu|phu luc|thuyet minh)\s*(so\s*)?[0-9]+\b")
# Small talk: folded phrase -> kind. The whole message (fillers removed) must be one of these.
SMALL_TALK: dict[str, str] = {
    **dict.fromkeys(("xin chao", "chao", "hello", "hi", "hey", "alo", "alo alo", "chao buoi sang",
                     "chao buoi chieu", "chao buoi toi", "good morning", "good afternoon"), "greeting"),
    **dict.fromkeys(("cam on", "thanks", "thank you", "thank", "thanks you", "tks", "thx", "cam on nhieu",
                     "xin cam on"), "thanks"),
    **dict.fromkeys(("ok", "oke", "okay", "okie", "ok roi", "duoc", "duoc roi", "vang", "da", "u", "uh", "um",
                     "tot", "tot qua", "hay", "hieu roi", "da hieu", "ro roi", "da ro"), "ack"),
    **dict.fromkeys(("tam biet", "bye", "goodbye", "bye bye", "hen gap lai"), "bye"),
}
# Polite particles and forms of address that may surround small talk ("cảm ơn bạn nhiều nhé ạ").
_SMALL_TALK_FILLERS = frozenset(
    ("a", "nhe", "nha", "nhen", "nhieu", "lam", "ban", "bot", "em", "anh", "chi", "ad", "admin", "tro", "ly",
     "oi", "ha", "minh")
)
_COMMAND = re.compile(r"^/([A-Za-z_]+)(?:@\w+)?(?:\s+(.*))?$", re.DOTALL)


def fold(text: str) -> str:
    """Lower-case, strip diacritics (đ→d) and collapse whitespace, for comparisons."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", stripped).strip().lower()


def _words(folded: str) -> str:
    """Folded text with punctuation turned into spaces, padded, for whole-word matching."""
    return " " + re.sub(r"[^0-9a-z]+", " ", folded).strip() + " "


@dataclass(frozen=True)
class Command:
    """A slash command: its name (lower case, no slash) and the rest of the line."""

    name: str
    arg: str = ""


def parse_command(text: str) -> Command | None:
    """Parse "/sua 3.1" or "/dien@MyBot bieu04" into a :class:`Command`; None if not a command."""
    match = _COMMAND.match(text.strip())
    if not match:
        return None
    return Command(match.group(1).lower(), (match.group(2) or "").strip())


def strip_question_marker(text: str) -> tuple[bool, str]:
    """Return (explicit, text): explicit is True when the text starts with "?" or "hỏi:"."""
    stripped = text.strip()
    if stripped.startswith("?"):
        return True, stripped.lstrip("?").strip()
    if re.match(r"^h[oỏ]i\s*:", stripped, re.IGNORECASE):
        return True, stripped.split(":", 1)[1].strip()
    return False, stripped


def has_question_word(text: str) -> bool:
    """True when the text contains one of the question words/phrases, diacritics ignored."""
    words = _words(fold(text))
    return any(f" {phrase} " in words for phrase in _QUESTION_PHRASES)


def ends_with_question_word(text: str) -> bool:
    """True when the text's last words are a question word/phrase ("... ghi gì", "... khi nào")."""
    words = _words(fold(text)).rstrip() + " "
    return any(words.endswith(f" {phrase} ") for phrase in _TRAILING_PHRASES)


def is_question(text: str, field_type: str | None = None) -> bool:
    """Apply the module's rule: is ``text`` a question rather than an answer to a field of ``field_type``?

    ``field_type`` None means no field is open: then any text is a question unless empty.
    """
    explicit, body = strip_question_marker(text)
    if explicit:
        return bool(body)
    if not body:
        return False
    if field_type is None:
        return True
    if field_type.lower() in _FREE_TEXT_TYPES:
        return (body.endswith("?") and has_question_word(body)) or ends_with_question_word(body)
    return "?" in body or has_question_word(body)


def small_talk(text: str) -> str | None:
    """The kind of small talk ("greeting", "thanks", "ack", "bye") when the whole message is one; else None.

    "xin chào", "Chào bạn!", "hello", "cảm ơn nhiều ạ", "ok", "alo" are small talk; "chào, hạn nộp khi
    nào?" or "ok 15 tỷ" are not (they carry content), and neither is anything with a question mark.
    """
    if "?" in text or len(text) > 60:
        return None
    words = _words(fold(text)).split()
    if not words:
        return None
    whole = " ".join(words)
    if whole in SMALL_TALK:
        return SMALL_TALK[whole]
    # drop fillers only around the phrase (not "chao" alone: "chào" is not a filler)
    core = [w for w in words if w not in _SMALL_TALK_FILLERS]
    if not core:
        return None
    return SMALL_TALK.get(" ".join(core))


def is_same_as_last_month(text: str) -> bool:
    """"giống tháng trước" / "như tháng trước" / "giong thang truoc" (any case, with or without diacritics)."""
    folded = fold(text)
    return bool(re.search(r"\b(giong|nhu|y nhu|copy)\s+(bao cao\s+)?(thang|ky|lan)\s+truoc\b", folded))


def template_reference(text: str) -> str | None:
    """The "mẫu 2" / "biểu 04" / "phụ lục 1" piece of the text (folded), if any."""
    match = _TEMPLATE_REF.search(fold(text))
    return match.group(0) if match else None


def form_request(text: str, resolve: Callable[[str], object | None]) -> object | None:
    """If the user asks to fill a form ("tôi cần làm biểu 04", "dien mau 2"), the template; else None.

    It must carry an action word and name a template the registry's ``resolve`` knows; a question
    ("Biểu 04 gồm những cột nào?") is never a form request.
    """
    if has_question_word(text) or "?" in text:
        return None
    words = _words(fold(text))
    if not any(f" {w} " in words for w in _ACTION_WORDS):
        return None
    candidates: list[str] = []
    ref = template_reference(text)
    if ref:
        candidates.append(ref)
    folded = fold(text)
    for w in sorted(_ACTION_WORDS, key=len, reverse=True):
        idx = words.find(f" {w} ")
        if idx >= 0:
            candidates.append(words[idx + len(w) + 1 :].strip())
    candidates.append(folded)
    for candidate in candidates:
        if not candidate:
            continue
        try:
            found = resolve(candidate)
        except Exception:  # a resolver that rejects odd input must not break the chat
            found = None
        if found is not None:
            return found
    return None
