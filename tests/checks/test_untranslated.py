"""Untranslated-text check (UT01): YAML cases on real language identification (lingua, restricted to the pair)."""

from __future__ import annotations

from typing import Any

import pytest

try:  # tests/checks is a package in the repository; also run as loose files
    from ._text_cases import check_case, load_cases, run_texts
except ImportError:
    from _text_cases import check_case, load_cases, run_texts  # type: ignore[no-redef]


@pytest.mark.parametrize(("prefix", "case"), load_cases("UT"))
def test_untranslated_cases(prefix: str, case: dict[str, Any]) -> None:
    """Every named YAML case gives exactly its expected codes."""
    check_case("UT", case)


def test_untranslated_sentence_inside_a_merged_link_is_the_one_reported() -> None:
    """Untranslated sentence inside a merged link is the one reported."""
    src = ["La Cina è forte.", "La Russia è debole e dipende dalla Cina per il commercio."]
    tgt = ["China is strong.", "La Russia è debole e dipende dalla Cina per il commercio estero."]
    (f,) = run_texts([src], [tgt], "it", "en", "UT01")
    assert f.target is not None and f.target.text == tgt[1]
    assert "source language (it" in f.message and "not in en" in f.message


def test_an_untranslated_sentence_is_one_finding_not_a_typo_per_word() -> None:
    """Read as English, the Italian sentence would raise missing names (and typos); UT01 alone is what to fix."""
    src = ["Il presidente Mattarella ha ricevuto ieri il primo ministro a Roma."]
    tgt = ["La delegazione guidata da Wang Yi è arrivata a Mosca per i colloqui sul commercio."]
    without_ut = {f.code for f in run_texts([src], [tgt], "it", "en", "T")}
    assert "TM03" in without_ut  # what the untranslated sentence would otherwise bring
    assert [f.code for f in run_texts([src], [tgt], "it", "en", "")] == ["UT01"]
    # a typo in a translated neighbour link is still reported
    found = run_texts([src, ["Il commercio cresce."]], [tgt, ["Trade is growwing."]], "it", "en", "")
    assert sorted(f.code for f in found) == ["TY01", "UT01"]
