"""Acronym checks (AC01 across the versions, AC02 within one version): YAML cases plus the extractor."""

from __future__ import annotations

from typing import Any

import pytest

try:  # tests/checks is a package in the repository; also run as loose files
    from ._text_cases import check_case, load_cases, run_texts, seed_findings
except ImportError:
    from _text_cases import check_case, load_cases, run_texts, seed_findings  # type: ignore[no-redef]
from paracheck.checks.acronyms import acronyms


@pytest.mark.parametrize(("prefix", "case"), load_cases("AC"))
def test_acronym_cases(prefix: str, case: dict[str, Any]) -> None:
    """Every named YAML case gives exactly its expected codes."""
    check_case("AC", case)


def test_extractor_normalises_dots_elisions_and_plurals() -> None:
    """Extractor normalises dots elisions and plurals."""
    text = "l'URSS, dell’UE, the U.S. Navy, two NGOs and XIX secolo"
    assert [(a.form, text[a.start:a.end]) for a in acronyms(text)] == [
        ("URSS", "URSS"), ("UE", "UE"), ("US", "U.S."), ("NGO", "NGO")]


def test_shouted_heading_has_no_acronyms() -> None:
    """Shouted heading has no acronyms."""
    assert acronyms("LE RELAZIONI SINO-RUSSE OGGI") == []


def test_near_miss_message_names_both_sides_and_points_at_both_tokens() -> None:
    """Near miss message names both sides and points at both tokens."""
    src = "Il PCC è emerso."
    tgt = "The CPP surfaced."
    (f,) = run_texts(src, tgt, "it", "en", "AC01")
    assert f.message == "CPP in the target where the source's PCC implies CCP"
    assert f.source is not None and f.source.text == "PCC" and f.target is not None and f.target.text == "CPP"
    assert f.severity.label == "error"


def test_unmatched_acronym_is_a_warning() -> None:
    """Unmatched acronym is a warning."""
    (f,) = run_texts("Lavora per l'ISPI.", "He works for an institute.", "it", "en", "AC01")
    assert f.severity.label == "warning" and f.source is not None and f.source.text == "ISPI"


def test_seed_cpp_is_flagged_with_ccp_and_true_equivalences_are_not() -> None:
    """On the real article: "il PCC" became "the CPP"; URSS/USSR, UE/EU, UNSC, NATO are correct and stay silent."""
    acr = [f for f in seed_findings() if f["code"].startswith("AC")]
    cpp = [f for f in acr if f["target"] and f["target"]["text"] == "CPP"]
    assert len(cpp) == 1 and cpp[0]["code"] == "AC01" and cpp[0]["suggestion"] == "CCP"
    assert cpp[0]["source"]["text"] == "PCC" and "PCC" in cpp[0]["message"] and "CCP" in cpp[0]["message"]
    assert acr == cpp
