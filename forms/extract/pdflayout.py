"""A text PDF's lines laid out from its word boxes: x positions mapped linearly to characters.

Why: ``pdftotext -layout`` keeps columns apart but moves text to make room (a wide cell pushes
the next ones right, a centred parent header drifts off the middle of the columns it covers).
The header rules in ``textgrid`` read merged cells from where their text is centred, so they need
character positions proportional to the page.  Here every word keeps its own x: words are grouped
into lines by their vertical middle, a line's words closer than a column gap are joined by one
space, and each run of words between wider gaps is centred where its box is centred (``x / char_width``,
at least two spaces after the previous run), ``char_width`` being narrow enough that no run takes
more characters than its box takes on paper (so two cells' texts never run into each other).

Only positions are used, never wording — except that a line of two runs whose first is an outline
number or bullet ("II.", "1.2.", "a)", "-", set off by Word's tab) is one paragraph.  Pages are
separated by a form feed.
"""

from __future__ import annotations

import html
import re
import shutil
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Word", "pdf_words", "layout_pages", "layout_text"]

_PAGE = re.compile(r"<page [^>]*>(.*?)</page>", re.S)
#: an outline item's printed number or bullet ("II.", "1.2.", "a)", "-"), which Word sets off with a tab
_MARKER = re.compile(r"^(?:(?:[IVXLC]{1,6}|\d{1,3}(?:\.\d{1,3})*|[a-zđ])[.)]|[-+•])$")
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', re.S)


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def middle(self) -> float:
        return (self.y0 + self.y1) / 2


def pdf_words(path: Path, timeout: float = 60) -> list[list[Word]] | None:
    """The words of every page with their boxes (poppler's ``pdftotext -bbox``); None without poppler."""
    if not shutil.which("pdftotext"):
        return None
    done = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          timeout=timeout)
    if done.returncode != 0:
        return None
    out = done.stdout.decode("utf-8", errors="replace")
    return [[Word(float(a), float(b), float(c), float(d), html.unescape(t)) for a, b, c, d, t in _WORD.findall(page)]
            for page in _PAGE.findall(out)]


def _lines(words: list[Word]) -> list[list[Word]]:
    """Words grouped by vertical middle (one text line: middles within half a word height)."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.middle, w.x0)):
        if lines:
            last = lines[-1]
            ref = statistics.median(w.middle for w in last)
            height = statistics.median(w.y1 - w.y0 for w in last)
            if abs(word.middle - ref) <= height / 2:
                last.append(word)
                continue
        lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def _chunks(line: list[Word]) -> list[list[Word]]:
    """A line's words in runs closer than a column gap (one cell's or paragraph's text)."""
    runs: list[list[Word]] = []
    for word in line:
        height = word.y1 - word.y0
        if runs and word.x0 - runs[-1][-1].x1 < 0.4 * height:  # a space is about a quarter of the box
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


def layout_pages(pages: list[list[Word]]) -> list[list[str]]:
    """Each page as text lines with characters at positions proportional to x."""
    out: list[list[str]] = []
    for words in pages:
        words = [w for w in words if w.text.strip()]
        if not words:
            out.append([])
            continue
        runs = [run for line in _lines(words) for run in _chunks(line)]
        ratios = [(run[-1].x1 - run[0].x0) / len(" ".join(w.text for w in run)) for run in runs
                  if len(" ".join(w.text for w in run)) >= 4] or [(w.x1 - w.x0) / len(w.text) for w in words]
        char_width = max(0.95 * min(ratios), 0.1)  # no run of text is longer in characters than on paper
        left = min(w.x0 for w in words)
        page: list[str] = []
        for line in _lines(words):
            text = ""
            runs = _chunks(line)
            if len(runs) == 2 and _MARKER.match(" ".join(w.text for w in runs[0])):
                runs = [runs[0] + runs[1]]  # "I." / "1." / "a)" / "-" set off by Word's tab: one paragraph
            for chunk in runs:
                label = " ".join(w.text for w in chunk)
                centre = ((chunk[0].x0 + chunk[-1].x1) / 2 - left) / char_width
                start = max(0, round(centre - len(label) / 2))
                if chunk[0].x0 - left < char_width:
                    start = 0  # text at the margin stays there
                text += " " * (start - len(text) if not text else max(2, start - len(text))) + label
            page.append(text.rstrip())
        out.append(page)
    return out


def layout_text(path: Path) -> str | None:
    """The PDF's text laid out from its word boxes (pages separated by form feeds); None without poppler."""
    pages = pdf_words(path)
    if pages is None:
        return None
    return "\f".join("\n".join(lines) for lines in layout_pages(pages))
