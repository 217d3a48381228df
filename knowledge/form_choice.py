"""Which dispatch's form a question means when several dispatches attach a form of that name ("Biểu số 01").

Why: a new dispatch with its own "Biểu số 01" must not silently take over questions about the older one's, nor
the other way round; the question's other words, read against each form and its dispatch's subject, decide.
"""

from __future__ import annotations

import re

from knowledge.attached import CODED_FORM_RE
from knowledge.evidence import Terms, tokens
from knowledge.index import HybridIndex
from knowledge.query import Query, template_key
from knowledge.text import fold

TEMPLATE_MARGIN = 0.1  # evidence needed to prefer another dispatch's same-named form over the most recent
_ROMAN = ("", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")


def resolve_template(index: HybridIndex, query: Query, terms: Terms) -> None:
    """Among dispatches with the named form, keep the context's; else the one whose form and heading
    hold clearly more of the question (then the others go unmentioned); else, among those holding about as much of
    it while the others hold less, the one whose form the question's words weigh most on (the others that fit named
    in a note); else (the question's words fit every such form) the most recent (already chosen)."""
    if not query.template_others or query.template_dispatch == query.context_dispatch:
        return
    # The form's own name ("Phụ lục 2", "Phụ lục II", "Biểu số 01") is in every candidate: it tells none apart.
    named = tokens(" ".join(f"{kind} {n} {n:02d} {_ROMAN[n] if n < len(_ROMAN) else ''}" for kind, n in query.templates))
    terms = terms.without(set(named)) if terms.without(set(named)).weights else terms
    scores = []
    for so_hieu in [query.template_dispatch, *query.template_others]:
        d = index.dispatches.get(so_hieu)
        if d is None:
            continue
        text = " ".join(c.chunk.index_text() for c in index.chunks
                        if c.doc_key == so_hieu and c.template_keys & set(query.templates))
        text += f" {d.issuer} {d.subject} {index.document_text(so_hieu)[:400]}"
        scores.append((terms.score(tokens(text)), so_hieu))
    ranked = sorted(scores, key=lambda s: -s[0])
    if len(ranked) > 1 and ranked[0][0] > ranked[1][0] + TEMPLATE_MARGIN:
        # The question's words single the form out ("Biểu số 01 kết quả chi trả trợ cấp"): no note on the others.
        query.template_dispatch, query.template_others = ranked[0][1], []
        return
    tied = [so_hieu for score, so_hieu in ranked if score >= ranked[0][0] - TEMPLATE_MARGIN]
    if ranked[0][0] > TEMPLATE_MARGIN and len(tied) < len(ranked):
        # Some forms hold about as much of the question's other words, the rest (the most recent perhaps) clearly
        # less: the answer is the one of those whose form passage the words weigh most on (BM25 counts how often and
        # how densely), and the note names only the other forms that fit.
        lexical = index.lexical_scores(query.lexical)
        weight = {so_hieu: max((float(lexical[i]) for i, c in enumerate(index.chunks) if c.doc_key == so_hieu
                                and c.template_keys & set(query.templates)), default=0.0) for so_hieu in tied}
        tied.sort(key=lambda so_hieu: -weight[so_hieu])  # stable: the more recent first among equals
        query.template_dispatch, query.template_others = tied[0], tied[1:]


def names_code(question: str, template: str) -> bool:
    """Whether the question names ``template`` ("Biểu 01/ĐTBD") by its number and code, however written:
    "biểu số 01/ĐTBD", "bieu 01 dtbd", "Biểu 1/ĐTBD", "biểu 01-SXH"; a code of several parts by its first ("01/BHYT")."""
    words = re.sub(r"[^a-z0-9]+", " ", fold(question))
    m = re.search(r"(\d{1,2})\s*[/-]\s*([^\W_]+)", fold(template))
    if m:
        return re.search(rf"(?<!\d)0*{int(m.group(1))} {m.group(2)}\b", words) is not None
    m = re.search(r"\b([a-z]{1,3})(\d{1,2})\b", fold(template))  # "Mẫu số PC01-BC": "pc01", "pc 1", "PC01-BC"
    return bool(m) and re.search(rf"\b{m.group(1)} ?0*{int(m.group(2))}\b", words) is not None


_CODE_ASKED_RE = re.compile(r"\d\s*[/-]\s*[^\W\d_]|\b[^\W\d_]{1,3}\d")


def written_with_code(index: HybridIndex, question: str, key: tuple[str, int]) -> list[str]:
    """The dispatches whose text names the form ``key`` with the code the question gives it, though none prints it
    ("Biểu 02/TCMR gửi trước ngày nào" and a dispatch that asks for it "theo Biểu số 02/TCMR"): that dispatch's form."""
    if not _CODE_ASKED_RE.search(fold(question)):
        return []
    found = []
    for so_hieu in index.dispatches:
        forms = {m.group(0) for m in CODED_FORM_RE.finditer(index.document_text(so_hieu))}
        if any(template_key(f) == key and names_code(question, f) for f in forms):
            found.append(so_hieu)
    return found
