"""What did the user mean? Classified ONCE per message, then routed by :mod:`bot.conversation.router`.

The question/answer rule (while a form question is open), in order:

1. A leading ``?`` or ``hỏi:`` always makes a question (the explicit escape hatch).
2. Questions whose answers are not free text (number, money, date, yes/no, choice, table ...): the
   input is a question if it contains ``?`` or a question word/phrase (gì, nào, sao, khi nào, bao
   giờ, ai, ở đâu, có phải, như thế nào, là gì, bao nhiêu ...), compared without diacritics.
3. Free-text questions: an answer may legitimately contain "nào" or even a "?", so the input is a
   question only if it ends with ``?`` AND contains a question word, or it ends with a question word.

Commands come from :mod:`forms.commands` (the one vocabulary shared with the engine): a slash
command anywhere; a bare word only for the bot's own ("global") commands, and only outside a form
(inside a form, text goes to the engine, which decides in context). Small talk (greetings,
thanks, "ok", goodbyes) is the whole message being one of a few phrases, with polite particles.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from forms import commands
from vntext.text import NO_WORDS, YES_WORDS, fold, word_key

_QUESTION_PHRASES = (
    "gi", "nao", "sao", "khi nao", "bao gio", "ai", "o dau", "co phai", "nhu the nao", "the nao",
    "la gi", "bao nhieu", "khong a", "chua a",
)
# Phrases that, when they end the input, mark a question even in a free-text field.
_TRAILING_PHRASES = (
    "gi", "nao", "khi nao", "bao gio", "o dau", "nhu the nao", "the nao", "la gi", "bao nhieu",
    "cho ai", "la ai", "ai ky", "tai sao", "vi sao",
)
FREE_TEXT_TYPES = frozenset({"text", "longtext"})
_ACTION_WORDS = ("lam", "dien", "lap", "tao", "soan", "viet", "bat dau", "nhap", "can", "muon", "khai")
_TEMPLATE_REF = re.compile(r"\b(mau|bieu|phu luc|thuyet minh)\s*(so\s*)?[0-9]+\b")
_SAME_AS_LAST = re.compile(r"\b(giong|nhu|y nhu|copy)\s+(bao cao\s+)?(thang|ky|lan)\s+truoc\b")
SMALL_TALK: dict[str, str] = {
    **dict.fromkeys(("xin chao", "chao", "hello", "hi", "hey", "alo", "alo alo", "chao buoi sang",
                     "chao buoi chieu", "chao buoi toi", "good morning", "good afternoon"), "greeting"),
    **dict.fromkeys(("cam on", "thanks", "thank you", "thank", "thanks you", "tks", "thx", "cam on nhieu",
                     "xin cam on"), "thanks"),
    **dict.fromkeys(("ok", "oke", "okay", "okie", "ok roi", "duoc", "duoc roi", "vang", "da", "u", "uh", "um",
                     "tot", "tot qua", "hay", "hieu roi", "da hieu", "ro roi", "da ro"), "ack"),
    **dict.fromkeys(("tam biet", "bye", "goodbye", "bye bye", "hen gap lai"), "bye"),
}
_SMALL_TALK_FILLERS = frozenset(
    ("a", "nhe", "nha", "nhen", "nhieu", "lam", "ban", "bot", "em", "anh", "chi", "ad", "admin", "tro", "ly",
     "oi", "ha", "minh")
)
# Confirmation words of the bot's own questions, on top of vntext's yes/no words.
CONFIRM_YES = YES_WORDS | {"xuat", "xuat file"}
CONFIRM_NO = NO_WORDS | {"bo", "giu lai"}
# Form commands typed as words that the bot runs itself (pause stores and leaves; cancel asks first).
BOT_FORM_WORDS = frozenset({"pause", "cancel"})


def _padded(text: str) -> str:
    """Folded words, space-padded, for whole-word matching."""
    return " " + " ".join(re.findall(r"[0-9a-z]+", fold(text))) + " "


def strip_question_marker(text: str) -> tuple[bool, str]:
    """(explicit, text): explicit is True when the text starts with "?" or "hỏi:"."""
    stripped = text.strip()
    if stripped.startswith("?"):
        return True, stripped.lstrip("?").strip()
    if re.match(r"^h[oỏ]i\s*:", stripped, re.IGNORECASE):
        return True, stripped.split(":", 1)[1].strip()
    return False, stripped


def has_question_word(text: str) -> bool:
    words = _padded(text)
    return any(f" {phrase} " in words for phrase in _QUESTION_PHRASES)


def ends_with_question_word(text: str) -> bool:
    words = _padded(text)
    return any(words.endswith(f" {phrase} ") for phrase in _TRAILING_PHRASES)


def is_question(text: str, field_type: str | None = None) -> bool:
    """The module's rule: is ``text`` a question rather than an answer to a field of ``field_type``?

    ``field_type`` None means no question is open: then any non-empty text is a question.
    """
    explicit, body = strip_question_marker(text)
    if explicit:
        return bool(body)
    if not body:
        return False
    if field_type is None:
        return True
    if field_type.lower() in FREE_TEXT_TYPES:
        return (body.endswith("?") and has_question_word(body)) or ends_with_question_word(body)
    return "?" in body or has_question_word(body)


def small_talk(text: str) -> str | None:
    """The kind of small talk ("greeting", "thanks", "ack", "bye") when the whole message is one; else None."""
    if "?" in text or len(text) > 60:
        return None
    words = _padded(text).split()
    if not words:
        return None
    whole = " ".join(words)
    if whole in SMALL_TALK:
        return SMALL_TALK[whole]
    core = [w for w in words if w not in _SMALL_TALK_FILLERS]
    return SMALL_TALK.get(" ".join(core)) if core else None


def is_same_as_last_month(text: str) -> bool:
    """"giống tháng trước" / "như kỳ trước" (with or without diacritics)."""
    return bool(_SAME_AS_LAST.search(fold(text)))


def template_reference(text: str) -> str | None:
    """The "mẫu 2" / "biểu 04" / "phụ lục 1" piece of the text (folded), if any."""
    match = _TEMPLATE_REF.search(fold(text))
    return match.group(0) if match else None


def form_request(text: str, resolve: Callable[[str], Any]) -> Any:
    """If the user asks to fill a form ("tôi cần làm biểu 04"), the template; else None.

    It must carry an action word and name a template ``resolve`` knows; a question never is one.
    """
    if has_question_word(text) or "?" in text:
        return None
    words = _padded(text)
    if not any(f" {w} " in words for w in _ACTION_WORDS):
        return None
    candidates = [template_reference(text) or ""]
    for w in sorted(_ACTION_WORDS, key=len, reverse=True):
        idx = words.find(f" {w} ")
        if idx >= 0:
            candidates.append(words[idx + len(w) + 1:].strip())
    candidates.append(fold(text))
    for candidate in filter(None, candidates):
        try:
            found = resolve(candidate)
        except Exception:  # a resolver that rejects odd input must not break the chat
            found = None
        if found is not None:
            return found
    return None


# ---- the intent of one message -------------------------------------------------------------------
@dataclass(frozen=True)
class Intent:
    """One message, classified: ``kind`` plus what the handler needs.

    kinds: "press" (a choice, ``data``), "file", "other", "command" (``command``, ``arg``;
    ``command`` None for an unknown slash command), "yes", "no", "small_talk" (``talk``),
    "question" (``text`` without its marker), "same_as_last", "form_request" (``template``),
    "text" (anything else: an answer, or a question to the knowledge base when idle).
    """

    kind: str
    text: str = ""
    command: str | None = None
    arg: str | None = None
    talk: str | None = None
    template: Any = None
    data: str = ""


def classify(text: str, *, in_form: bool = False, field_type: str | None = None, at_end: bool = False,
             ack_is_answer: bool = False, confirming: bool = False,
             resolve: Callable[[str], Any] = lambda _: None) -> Intent:
    """The intent of typed ``text``.

    ``in_form``: a draft is open (``field_type`` of its question; ``at_end`` when every question is
    answered; ``ack_is_answer`` when "ok"/"vâng" may answer it); ``confirming``: a yes/no question
    of the bot is pending.
    """
    parsed = commands.parse(text)
    if text.strip().startswith("/"):
        return Intent("command", text, *(parsed or (None, text.strip().split()[0])))
    name = parsed[0] if parsed is not None else None
    if name is not None and commands.COMMANDS[name].scope == "global" and not in_form:
        return Intent("command", text, name, parsed[1])  # type: ignore[index]
    if in_form and name in BOT_FORM_WORDS and parsed[1] is None:  # type: ignore[index]
        return Intent("command", text, name)  # "tạm dừng", "hủy": the bot asks/stores first
    key = word_key(text)
    if in_form and at_end and (key in CONFIRM_YES or name in ("done", "finish")):
        return Intent("export", text)
    if confirming and (key in CONFIRM_YES or key in CONFIRM_NO):
        return Intent("yes" if key in CONFIRM_YES else "no", text)
    talk = small_talk(text)
    if talk is not None and not (in_form and talk == "ack" and ack_is_answer):
        return Intent("small_talk", text, talk=talk)
    explicit, body = strip_question_marker(text)
    if in_form:
        # At the end of a form the engine still takes typed commands: judge like a non-free-text field.
        if explicit or is_question(text, field_type or "choice"):
            return Intent("question", body)
        return Intent("text", text)
    if is_same_as_last_month(text):
        return Intent("same_as_last", text)
    template = None if explicit else form_request(text, resolve)
    if template is not None:
        return Intent("form_request", text, template=template)
    return Intent("question", body or text)
