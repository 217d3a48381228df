"""Diacritics restoration benchmark: dev and held-out side by side, pyvi's add_accents as the baseline.

Each sentence of tests/data/diacritics/{dev,dev2,heldout}.txt (written with correct diacritics) is stripped of
its diacritics (case kept, as people type on phones) and restored.  Scored per token:
- a Vietnamese syllable is right when it equals the original (tone mark placement "hoà"/"hòa" ignored);
- numbers, codes and capital abbreviations must come back exactly as typed (left alone);
a sentence is right when all its tokens are.  Latency is the wall time of one ``restore`` call.
Last line: the cost of one chat proposal (a Restorer built with a dispatch and the templates' texts as
context, plus the answer so far, then one restore), first call and later ones.
dev.txt and dev2.txt (99 more administrative sentences, written in session 4) are for tuning; the held-out
files are never used to build or tune the model (only their totals are read).

    .venv/bin/python benchmarks/diacritics.py [--show-errors dev|dev2] [--no-baseline] [--dev-only]
        [--heldout PATH ...] [--model PATH]

``--heldout`` adds any file of accented sentences (one a line) as a further held-out column, e.g. a set
written blind later; ``--model`` measures another model file (a build written with ``--out``).
"""

from __future__ import annotations

import argparse
import difflib
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vntext.diacritics import canonical_syllable, strip_diacritics, tokenize  # noqa: E402

DATA = ROOT / "tests" / "data" / "diacritics"


def score(original: str, output: str) -> tuple[int, int, int, int, bool]:
    """(syllables right, syllables, left-alone tokens intact, left-alone tokens, sentence right)."""
    typed = strip_diacritics(original)
    ref = [(t.text, t.kind) for t in tokenize(original)]
    got = [t.text for t in tokenize(output)]
    if len(got) != len(ref):  # a system that changed the tokens: align on the stripped forms
        matcher = difflib.SequenceMatcher(a=[strip_diacritics(r).lower() for r, _ in ref],
                                          b=[strip_diacritics(g).lower() for g in got], autojunk=False)
        aligned: list[str | None] = [None] * len(ref)
        for block in matcher.get_matching_blocks():
            for k in range(block.size):
                aligned[block.a + k] = got[block.b + k]
    else:
        aligned = list(got)
    typed_tokens = [t.text for t in tokenize(typed)]
    syl_ok = syl = alone_ok = alone = 0
    for (text, kind), out, inp in zip(ref, aligned, typed_tokens):
        if kind in ("word", "fixed"):
            syl += 1
            syl_ok += out is not None and canonical_syllable(out) == canonical_syllable(text) \
                and strip_diacritics(out) == strip_diacritics(text)
        else:
            alone += 1
            alone_ok += out == inp
    return syl_ok, syl, alone_ok, alone, syl_ok == syl and alone_ok == alone


def _safe(fn):
    """pyvi raises KeyError on some inputs: count them as returned unchanged."""
    def call(text: str) -> str:
        try:
            return fn(text)
        except Exception:  # noqa: BLE001 - a baseline's crash is scored as no restoration
            return text
    return call


def run(name: str, restore, sentences: list[str], errors: list[str] | None) -> dict:
    totals = [0, 0, 0, 0, 0]
    times = []
    for sentence in sentences:
        typed = strip_diacritics(sentence)
        start = time.perf_counter()
        output = restore(typed)
        times.append((time.perf_counter() - start) * 1000)
        result = score(sentence, output)
        for i, value in enumerate(result):
            totals[i] += int(value)
        if errors is not None and not result[4]:
            errors.append(f"  want: {sentence}\n  got:  {output}")
    times.sort()
    return {
        "system": name, "sentences": len(sentences),
        "syllables": 100 * totals[0] / totals[1], "left_alone": 100 * totals[2] / max(totals[3], 1),
        "whole": 100 * totals[4] / len(sentences),
        "p50": statistics.median(times), "p95": times[int(0.95 * (len(times) - 1))],
    }


def chat_context() -> list[str]:
    """What the chat passes as context for a proposal: a dispatch's text and the templates' texts."""
    import yaml

    texts = [(ROOT / "knowledge/corpus/cv-232-BTTTT-KHTC-2018-ctmt-cntt-2019-2020.txt").read_text(encoding="utf-8")]
    for path in sorted((ROOT / "forms/templates").glob("*.yaml")):
        stack = [yaml.safe_load(path.read_text(encoding="utf-8"))]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                stack.extend(node.values())
            elif isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, str):
                texts.append(node)
    return texts


def proposal_cost(diacritics, sentences: list[str]) -> str:
    """Per chat proposal: a Restorer built with the context (+ the answer so far, new each time) and one
    restore, as bot/conversation/form.py does; the first proposal reads the context, later ones reuse it."""
    context = chat_context()
    times = []
    for i, sentence in enumerate(sentences):
        typed = strip_diacritics(sentence)
        start = time.perf_counter()
        diacritics.Restorer(context=[*context, f"Câu trả lời số {i}."]).restore(typed)
        times.append((time.perf_counter() - start) * 1000)
    first, rest = times[0], sorted(times[1:])
    return (f"chat proposal (Restorer with a {sum(map(len, context)) // 1000}k-char context + restore): first "
            f"{first:.0f} ms, then p50 {statistics.median(rest):.1f} ms, p95 {rest[int(0.95 * (len(rest) - 1))]:.1f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description="Diacritics restoration benchmark")
    parser.add_argument("--show-errors", choices=("dev", "dev2"), help="print the wrong sentences of a dev set "
                        "(held-out misses are not read: nothing is tuned on them)")
    parser.add_argument("--no-baseline", action="store_true", help="skip pyvi's add_accents")
    parser.add_argument("--heldout", type=Path, nargs="*", default=[], metavar="PATH",
                        help="further held-out files (accented sentences, one a line), measured beside dev")
    parser.add_argument("--dev-only", action="store_true", help="measure the dev set only (for tuning)")
    parser.add_argument("--model", type=Path, default=None, help="another model file than the shipped one")
    parser.add_argument("--model-only", action="store_true", help="also the language model without known names")
    args = parser.parse_args()
    paths = {"dev": DATA / "dev.txt", "dev2": DATA / "dev2.txt"}  # dev2: more dev sentences (session 4)
    if not args.dev_only:
        paths["heldout"] = DATA / "heldout.txt"
        paths.update({p.stem if p.stem not in paths else str(p): p for p in args.heldout})
    data = {s: [x for x in p.read_text(encoding="utf-8").splitlines() if x.strip()] for s, p in paths.items()}

    from vntext import diacritics

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    model_path = args.model or diacritics.MODEL_PATH
    from vntext.names import NamedRestorer  # what the product runs: the model, then known names

    restorer = NamedRestorer(model=diacritics.LanguageModel(model_path) if args.model else None)
    load_s = time.perf_counter() - start
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    systems = [("vntext (model + names)", restorer.restore)]
    if args.model_only:
        systems.append(("vntext.diacritics (model only)", restorer.inner.restore))
    if not args.no_baseline:
        try:
            from pyvi import ViUtils
            systems.append(("pyvi add_accents (baseline)", _safe(ViUtils.add_accents)))
        except ImportError:
            print("pyvi not installed: no baseline (pip install pyvi into .venv to compare)")
    print(f"model: {model_path.name} {model_path.stat().st_size / 1e6:.2f} MB, "
          f"load {load_s * 1000:.0f} ms, +{(rss1 - rss0) / 1024:.0f} MB max RSS")
    width = max(8, *map(len, data))
    header = f"{'system':30} {'set':{width}} {'n':>4} {'syllables':>10} {'sentences':>10} {'left alone':>11} {'p50 ms':>7} {'p95 ms':>7}"
    print(header)
    print("-" * len(header))
    for name, fn in systems:
        for s in data:
            errors: list[str] | None = [] if args.show_errors == s and fn == restorer.restore else None
            r = run(name, fn, data[s], errors)
            print(f"{name:30} {s:{width}} {r['sentences']:>4} {r['syllables']:>9.1f}% {r['whole']:>9.1f}% "
                  f"{r['left_alone']:>10.1f}% {r['p50']:>7.1f} {r['p95']:>7.1f}")
            if errors:
                print("\n".join(errors))
    if not args.dev_only:
        print(proposal_cost(diacritics, data["heldout"][:60]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
