"""Profile values have no sentence around them: a run of typed words that spells a known name (place,
state body) is written as that name; the rest is left to the language model. Names here are given by the
tests (not the shipped lists), so the behaviour, not the data, is checked."""

from __future__ import annotations

import pytest

from vntext.names import apply_names, known_names

NAMES = ["Ngã Năm", "Sở Công Thương", "Long Mỹ"]


@pytest.mark.parametrize("typed, restored, expected", [
    ("Nga Nam", "Ngã Nằm", "Ngã Năm"),                      # a two-word place as written
    ("NGA NAM", "NGÃ NẰM", "NGÃ NĂM"),                      # capitals typed: capitals kept
    ("thi xa Nga Nam, ngay 4", "thị xã Ngã Nằm, ngày 4", "thị xã Ngã Năm, ngày 4"),  # inside a longer value
    ("(Long My)", "(Lòng Mỹ)", "(Long Mỹ)"),                 # punctuation around it stays
    ("So Cong Thuong", "Số Công Thương", "Sở Công Thương"),
    ("So Cong thuong", "Số Công thương", "Sở Công thương"),    # the typed letter case stays
    ("Nga", "Ngà", "Ngà"),                                  # one word is not a name match
    ("Ngã Nam", "Ngã Nằm", "Ngã Nằm"),                      # typed with diacritics: not replaced
    ("vuon long my", "vườn lòng mỹ", "vườn lòng mỹ"),          # not capitalised: running text, not a name
])
def test_a_typed_run_spelling_a_known_name_is_written_as_it(typed, restored, expected):
    assert apply_names(typed, restored, NAMES) == expected


def test_the_shipped_lists_are_accented_names():
    names = known_names()
    import unicodedata

    assert len(names) > 150 and len(set(names)) == len(names)
    assert all(unicodedata.normalize("NFC", n) == n and n == n.strip() for n in names)
