"""What did the user mean? Classified ONCE per message, then routed by :mod:`bot.conversation.router`.

The question/answer rule (while the bot waits for an answer):

1. A leading ``?`` or ``hỏi:`` always makes a question (the explicit escape hatch).
2. In a form, the form decides for its current field or table column
   (:meth:`forms.session.FormSession.is_question`, i.e. :func:`forms.questions.looks_like_question`):
   for numbers, money, dates, yes/no and choices a value that parses is an answer, anything else with
   a "?" or a question word (gì, nào, sao, khi nào, bao nhiêu ...) is a question; free text is a
   question only in an explicit question form (a final "?", "cho hỏi …", "… là gì", "… được không").
3. A profile answer or the correction after "Sửa lại" (diacritics offer) follows the free-text rule.

The question comes FIRST: a message judged a question (by the rule above, or, with no answer
expected, by its form: a ``?``, a question word, or a closing "được không"/"có ... không") is a
question whatever words it contains, so "có làm giống tháng trước được không?", "xong chưa?" or
"hủy thì có mất dữ liệu không?" never run a command. Only a slash command outranks it.

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
from forms.questions import looks_like_question
from vntext.text import NO_WORDS, YES_WORDS, fold, word_key

_QUESTION_PHRASES = (
    "gi", "nao", "sao", "khi nao", "bao gio", "ai", "o dau", "co phai", "nhu the nao", "the nao",
    "la gi", "bao nhieu", "khong a", "chua a",
)
# Phrases that, when they end the input, mark a question even in a free-text field.
_TRAILING_PHRASES = (
    "gi", "nao", "khi nao", "bao gio", "o dau", "nhu the nao", "the nao", "la gi", "bao nhieu",
    "cho ai", "la ai", "ai ky", "tai sao", "vi sao", "duoc khong", "phai khong", "duoc chua", "khong a",
    "chua a", "hay khong",
)
# "có ... không" / "đã ... chưa" closing a message of several words: a yes/no question (not in free text).
_YES_NO_FRAME = re.compile(r"^ (co|da|con|duoc|phai) .+ (khong|chua) $")
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


def has_question_form(text: str) -> bool:
    """The shape of a question, whatever is expected: a "?", a question word, a closing question
    phrase ("... được không"), or a "có ... không" frame."""
    words = _padded(text)
    return ("?" in text or has_question_word(text) or ends_with_question_word(text)
            or bool(_YES_NO_FRAME.match(words)) or looks_like_question(text, "text"))


def is_question(text: str, field_type: str | None = None) -> bool:
    """The module's rule: is ``text`` a question rather than an answer to a field of ``field_type``?

    ``field_type`` None means no question is open: then any non-empty text is a question. With a
    type, the forms' own rule decides (:func:`forms.questions.looks_like_question`: a value that
    parses is an answer; free text needs an explicit question form).
    """
    explicit, body = strip_question_marker(text)
    if explicit:
        return bool(body)
    if not body:
        return False
    if field_type is None:
        return True
    return looks_like_question(body, field_type.lower())


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

    It must name a template ``resolve`` knows, and either carry an action word or open with the
    template's name followed by what it is for ("mẫu 2 cho hệ thống một cửa", "biểu 04 năm 2019"); a
    bare name ("biểu 04") or a question never is one.
    """
    if has_question_form(text):
        return None
    words = _padded(text)
    reference = template_reference(text)
    opens_with_name = bool(reference) and words.startswith(" " + reference + " ") and len(words) > len(reference) + 3
    if not opens_with_name and not any(f" {w} " in words for w in _ACTION_WORDS):
        return None
    candidates = [reference or ""]
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


SWITCH_MAX_WORDS = 10


def switch_request(text: str, resolve: Callable[[str], Any]) -> Any:
    """Inside an open form, a short message that OPENS with an action word and names a form ("làm biểu 04
    năm 2019", "tôi cần điền mẫu 2 cho hệ thống B"): the template asked for; else None. A longer answer
    that merely mentions a form ("Lập biểu 01 và mẫu 2 gửi Bộ trước ngày 15, …") stays an answer."""
    words = _padded(text).split()
    if not words or len(words) > SWITCH_MAX_WORDS or template_reference(text) is None:
        return None
    lead = " ".join(words[:4])
    if not any(f" {w} " in f" {lead} " for w in _ACTION_WORDS if w not in ("can", "muon")):
        return None
    return form_request(text, resolve)


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
             ack_is_answer: bool = False, confirming: bool = False, answering: str | None = None,
             asks: Callable[[str], bool] | None = None,
             resolve: Callable[[str], Any] = lambda _: None) -> Intent:
    """The intent of typed ``text``.

    ``in_form``: a draft is open (``field_type`` of its question; ``at_end`` when every question is
    answered; ``ack_is_answer`` when "ok"/"vâng" may answer it); ``answering``: outside a form, the type
    of answer the bot waits for (a profile field: "text"), so a question is told from an answer;
    ``asks``: the open form's own check "is this a question for the current field or column"
    (:meth:`forms.session.FormSession.is_question`), preferred to ``field_type``; ``confirming``: a
    yes/no question of the bot is pending.
    """
    parsed = commands.parse(text)
    if text.strip().startswith("/"):
        return Intent("command", text, *(parsed or (None, text.strip().split()[0])))
    explicit, body = strip_question_marker(text)
    if body and (explicit or (asks(body) if in_form and asks is not None
                              else _asks(text, in_form, field_type, answering))):
        return Intent("question", body)  # before any command word it may contain
    name = parsed[0] if parsed is not None else None
    if name is not None and commands.COMMANDS[name].scope == "global" and not in_form:
        return Intent("command", text, name, parsed[1])  # type: ignore[index]
    arg = parsed[1] if parsed is not None else None
    if in_form and name == "resume" and arg and resolve(template_reference(arg) or arg):
        return Intent("command", text, name, arg)  # "làm tiếp mẫu 2" names another draft: not an answer
    if in_form and name in BOT_FORM_WORDS and parsed[1] is None:  # type: ignore[index]
        return Intent("command", text, name)  # "tạm dừng", "hủy": the bot asks/stores first
    key = word_key(text)
    if in_form and at_end and (key in CONFIRM_YES or name in ("done", "finish")):
        return Intent("export", text)
    if confirming and (key in CONFIRM_YES or key in CONFIRM_NO):
        return Intent("yes" if key in CONFIRM_YES else "no", text)
    talk = small_talk(text)
    if talk is not None and not ((in_form or answering) and talk == "ack" and ack_is_answer):
        return Intent("small_talk", text, talk=talk)
    if in_form and (template := switch_request(text, resolve)) is not None:
        return Intent("form_request", text, template=template)  # "làm biểu 04 năm 2019" is not an answer
    if in_form or answering:
        return Intent("text", text)
    if is_same_as_last_month(text):
        return Intent("same_as_last", text)
    template = form_request(text, resolve)
    if template is not None:
        return Intent("form_request", text, template=template)
    return Intent("question", body or text)


def _asks(text: str, in_form: bool, field_type: str | None, answering: str | None) -> bool:
    """Whether ``text`` is a question (see the module docstring), given what the bot waits for."""
    if in_form:
        # At the end of a form the engine still takes typed commands: judge like a non-free-text field.
        return is_question(text, field_type or "choice")
    if answering:
        return is_question(text, answering)
    explicit, _ = strip_question_marker(text)
    return explicit or has_question_form(text)
