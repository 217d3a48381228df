"""Which templates a user's words name, when several dispatches have a "Biểu số 01".

``forms.loader.TemplateRegistry.resolve`` picks one template among the shipped ones. Once templates
come from many dispatches, the same name ("Biểu số 01", "Phụ lục I") belongs to several of them;
``matches`` returns every template the words name equally well, and ``pick`` chooses among them by
the caller's context (the dispatch the user works on, else the most recent dispatch) so the 2018 seed
never wins silently over this week's dispatch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from forms.loader import _find_sub, normalize_alias
from forms.schema import Template

__all__ = ["alias_key", "matches", "pick", "dispatch_named"]


def alias_key(text: str) -> tuple[str, ...]:
    """Alias tokens with "số" before a number dropped: "Biểu số 01" and "biểu 1" give ("bieu", "1")."""
    tokens = normalize_alias(text)
    return tuple(t for i, t in enumerate(tokens)
                 if not (t == "so" and i + 1 < len(tokens) and tokens[i + 1].isdigit()))


def _kind_and_number(template: Template) -> tuple[tuple[str, ...], str] | None:
    """(the tokens of the template's kind of document, its dispatch's number): ("thong", "bao"), "1485"."""
    number = normalize_alias(template.source.dispatch or "")[:1] if template.source else ()
    kind = alias_key(template.doc_type or "")
    return (kind, number[0]) if kind and number and number[0].isdigit() else None


def _named_by_kind(tokens: tuple[str, ...], template: Template) -> int:
    """How well "thông báo 1485" / "làm thông báo theo công văn 1485" names ``template``: officials name a
    form by what it is and which công văn asks for it (the kind, then the number later in the words)."""
    found = _kind_and_number(template)
    if found is None:
        return 0
    kind, number = found
    at = _find_sub(tokens, kind)
    return len(kind) + 1 if at >= 0 and number in tokens[at + len(kind):] else 0


def matches(templates: Iterable[Template], text: str) -> list[Template]:
    """The published templates named by ``text`` equally well (exact id, else the longest alias found).

    Order: the given order (callers rank with :func:`pick`). Drafts are never named by words.
    """
    offered = [t for t in templates if t.status != "draft"]
    wanted = (text or "").strip().lower()
    exact = [t for t in offered if t.id == wanted]
    if exact:
        return exact
    tokens = alias_key(text or "")
    best, found = 0, []
    for template in offered:
        length = max((len(key) for key in map(alias_key, (template.id, *template.aliases))
                      if key and _find_sub(tokens, key) >= 0), default=0)
        length = max(length, _named_by_kind(tokens, template))
        if length > best:
            best, found = length, [template]
        elif length and length == best:
            found.append(template)
    return found


def dispatch_named(candidates: list[Template], text: str) -> str | None:
    """The dispatch of one of ``candidates`` whose number the text names ("mẫu số 01 của công văn 1485")."""
    tokens = set(normalize_alias(text or ""))
    for template in candidates:
        number = normalize_alias(template.source.dispatch)[:1]
        if number and number[0].isdigit() and number[0] in tokens:
            return template.source.dispatch
    return None


def pick(candidates: list[Template], *, dispatch: str | None = None,
         dispatch_date: Callable[[Template], dt.date | None] = lambda t: None) -> Template | None:
    """One of equally named templates: the one of ``dispatch`` (the user's current dispatch), else the
    one whose dispatch is the most recent (``dispatch_date``; unknown dates last), else the first."""
    if not candidates:
        return None
    if dispatch:
        own = [t for t in candidates if t.source.dispatch == dispatch]
        if own:
            return own[0]
    dated = [(d, i, t) for i, t in enumerate(candidates) if (d := dispatch_date(t)) is not None]
    if dated:
        return max(dated, key=lambda x: (x[0], -x[1]))[2]
    return candidates[0]
