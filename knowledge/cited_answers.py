"""Answers about the documents a dispatch cites: the sentence citing a law, decree or plan the question names
("Thông tư 13/2017 ngày nào?"), the cited document of a kind asked for ("căn cứ Thông tư nào?"), and whether a
question is about such a document rather than the dispatch ("Luật Đất đai có hiệu lực khi nào": not the
dispatch's own signer, date or recipients).
"""

from __future__ import annotations

import re

from knowledge.answer_types import MAX_REPLY, Typed, _best, _sentences, about_dispatch, brief
from knowledge.evidence import Terms, tokens
from knowledge.metadata import _DEADLINE_RE
from knowledge.query import Query
from knowledge.text import fold


def about_other_document(query: Query) -> bool:
    """The question is about a law, decree, circular… ("Luật Đất đai có hiệu lực khi nào", "who signed the
    2023 law") and not about a dispatch: the dispatch's own signer, date or recipients do not answer it."""
    if about_dispatch(query) or query.templates or "cited" in query.intents:
        return False  # "căn cứ Thông tư nào", "dựa vào nghị định nào": what the dispatch rests on
    folded = fold(query.text)
    # "kế hoạch"/"plan" and "quyết định"/"decision" are also plain nouns ("kế hoạch vốn", "quyết định xử phạt",
    # "ra quyết định"): not a sign without a number (a numbered one is in ``legal_refs``).
    return bool(query.legal_refs) or any(re.search(rf"\b{cue}\b", folded) for cue in CITED_KINDS
                                         if cue not in ("ke hoach", "plan", "quyet dinh", "decision"))


# Words that ask about a document beside the dispatch's own kinds ("văn bản nào", "căn cứ vào đâu", "based on").
_DOCUMENT_CUES = ("van ban", "can cu", "co so phap ly", "document", "documents", "basis", "based on", "implement",
                  "implements", "cite", "cites")


def asks_about_documents(query: Query) -> bool:
    """The question asks about a document the dispatch cites or rests on ("thực hiện kế hoạch số mấy", "căn cứ
    luật nào", "which circular"): only then may a sentence citing the dispatch's basis answer."""
    if "cited" in query.intents or query.legal_refs:
        return True
    folded = fold(query.text)
    return any(re.search(rf"\b{cue}\b", folded) for cue in (*CITED_KINDS, *_DOCUMENT_CUES))


def _cites(sentence: str, ref: str) -> bool:
    """True when ``sentence`` names the cited document ``ref`` ("13/2017", "153/qd-ttg", "2384")."""
    folded = re.sub(r"\s+", "", fold(sentence))
    number, _, rest = ref.partition("/")
    pattern = rf"(?<!\d){re.escape(number)}/" + (re.escape(rest.split("/")[0]) if rest else "")
    return re.search(pattern, folded) is not None


def legal_ref(query: Query, document: str, terms: Terms) -> Typed | None:
    """The sentence of ``document`` citing the document the question names, cut around its number."""
    for ref in query.legal_refs:
        found = _best(terms, _sentences(document), lambda s, r=ref: _cites(s, r))
        if found is None:
            continue
        sentence, score = found
        number = ref.split("/", 1)[0]
        anchor = next((m.group(0) for m in re.finditer(rf"{number}/\S+", sentence)), number)
        due = _DEADLINE_RE.search(re.sub(r"\s+", " ", sentence))
        if due and {"deadline", "when"} & set(query.intents):
            anchor = due.group(0)  # "văn bản X yêu cầu hoàn thành trước khi nào": the time it sets
        return Typed("legal_ref", brief(sentence, anchor), [sentence], max(score, 0.5))
    return None


# Kinds of legal documents a question may ask for without naming one ("căn cứ Thông tư nào", "which
# decree"): folded cue word → the kind as dispatches write it.
CITED_KINDS = {"thong tu": "Thông tư", "nghi dinh": "Nghị định", "quyet dinh": "Quyết định", "chi thi": "Chỉ thị",
               "nghi quyet": "Nghị quyết", "luat": "Luật", "ke hoach": "Kế hoạch", "circular": "Thông tư",
               "decree": "Nghị định", "decision": "Quyết định", "directive": "Chỉ thị", "resolution": "Nghị quyết",
               "law": "Luật", "plan": "Kế hoạch"}


CITED_TIE = 0.1  # share of the question's weight within which cited documents count as equally asked for
MAX_CITED = 3


def cited(query: Query, document: str, terms: Terms) -> Typed | None:
    """"Căn cứ Thông tư nào?", "which decree does it cite": the sentence citing a document of the kind
    asked ("Thông tư số 49/2024/TT-BTC ngày …"), of any kind when none is named ("căn cứ pháp lý"), that holds
    most of the question, cut around its number."""
    asked = fold(query.text)
    kinds = [kind for cue, kind in CITED_KINDS.items() if re.search(rf"\b{cue}\b", asked)]
    if not kinds:  # "căn cứ pháp lý", "legal basis", "which documents does it cite": a document of any kind
        kinds = list(dict.fromkeys(CITED_KINDS.values()))
    pattern = re.compile(r"\b(?:" + "|".join(kinds) + r")\s+(?:số\s+)?(\d+/[\w/.-]+|[A-ZĐ][^\s,;.]*)", re.I)
    sentences = _sentences(document)
    citing = [i for i, s in enumerate(sentences) if pattern.search(s)]
    if not citing:
        return None
    scores = {i: terms.score(tokens(sentences[i])) for i in citing}
    best = max(scores.values())
    top = min(i for i in citing if scores[i] == best)
    # Documents of the kind the question does not tell apart (as relevant, or cited together in one
    # "Căn cứ …; …;" run with the best one): all of them, in document order.
    together = {top}
    for step in (-1, 1):
        j = top + step
        while j in scores:
            together.add(j)
            j += step
    tied = [sentences[i] for i in citing if scores[i] >= best - CITED_TIE or i in together][:MAX_CITED]
    reply = "\n".join(brief(s, pattern.search(s).group(0), MAX_REPLY // len(tied)) for s in tied)
    return Typed("legal_ref", reply, tied, max(best, 0.5))
