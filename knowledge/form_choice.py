"""Which dispatch's form a question means when several dispatches attach a form of that name ("Biểu số 01").

Why: a new dispatch with its own "Biểu số 01" must not silently take over questions about the older one's, nor
the other way round; the question's other words, read against each form and its dispatch's subject, decide.
"""

from __future__ import annotations

from knowledge.evidence import Terms, tokens
from knowledge.index import HybridIndex
from knowledge.query import Query

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
