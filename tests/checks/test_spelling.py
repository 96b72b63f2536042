"""Spelling checks (TY01 typos, TY02 names): YAML cases on real hunspell dictionaries, plus option handling."""

from __future__ import annotations

from typing import Any

import pytest

try:  # tests/checks is a package in the repository; also run as loose files
    from ._text_cases import check_case, load_cases, run_texts, seed_findings
except ImportError:
    from _text_cases import check_case, load_cases, run_texts, seed_findings  # type: ignore[no-redef]
from paracheck import checks
from paracheck.errors import ConfigError


@pytest.mark.parametrize(("prefix", "case"), load_cases("TY"))
def test_spelling_cases(prefix: str, case: dict[str, Any]) -> None:
    """Every named YAML case gives exactly its expected codes."""
    check_case("TY", case)


def test_missing_dictionary_notice_names_language_and_package() -> None:
    """Missing dictionary notice names language and package."""
    found = run_texts("Ciao mondo.", "Hello world.", "it", "en", "TY01", {"TY01": {"dictionary_dir": "/nonexistent"}})
    assert [f.severity.label for f in found] == ["info", "info"]
    assert "no hunspell dictionary for it" in found[0].message + found[1].message
    assert any("hunspell-it" in f.message for f in found)


def test_locale_option_switches_dictionary() -> None:
    """en_US knows "color" and not "favour"; the default en_GB the reverse."""
    src, tgt = "Il colore è a favore.", "The colour is in favor."
    gb = run_texts(src, tgt, "it", "en", "TY01")
    us = run_texts(src, tgt, "it", "en", "TY01", {"TY01": {"locales": {"en": "en_US"}}})
    assert [f.primary.text for f in gb] == ["favor"]
    assert [f.primary.text for f in us] == ["colour"]


def test_typo_location_points_at_the_word() -> None:
    """Typo location points at the word."""
    (f,) = run_texts("Una specializazzione utile.", "A useful specialisation.", "it", "en", "TY01")
    assert f.source is not None and f.source.text == "specializazzione" and f.source.column == 5
    assert "source (it)" in f.message and "target" in f.message


def test_unknown_option_is_a_config_error() -> None:
    """Unknown option is a config error."""
    with pytest.raises(ConfigError, match="valid: dictionary_dir"):
        checks.select(["TY01"], options={"TY01": {"dictionnary": "x"}})


def test_seed_typos_are_reported_in_both_versions_including_the_unaligned_bio() -> None:
    """Seed typos are reported in both versions including the unaligned bio."""
    typos = {(f["source"] or f["target"])["text"]: f for f in seed_findings() if f["code"] == "TY01"}
    assert typos["specializazzione"]["suggestion"] == "specializzazione"  # Italian bio: no English counterpart
    assert typos["dell’Universita"]["suggestion"] == "dell’Università"
    assert typos["Janury"]["suggestion"] == "January" and typos["Janury"]["target"] is not None
    # names and shared terms of the article are not typos: they appear verbatim in the other version
    assert not {"Minciarelli", "Lavrov", "Mercosur", "Leyen", "Kissinger"} & set(typos)


def test_dropped_name_is_one_finding_tm03_not_also_a_typo() -> None:
    """A name dropped from the translation is TM03's finding; TY01 does not call it a typo as well."""
    found = run_texts("Come ha spiegato Lavrov a Minciarelli, l'intesa è solida.", "As Lavrov explained, the entente is solid.",
                      "it", "en", "T")
    assert [(f.code, f.source.text if f.source else None) for f in found] == [("TM03", "Minciarelli")]


def test_seed_cognate_unit_and_missing_accent() -> None:
    """On the seed, geostrategica (cognate of geostrategic) and bcm (a unit) are no typos; detente lacks an accent."""
    typos = {(f["source"] or f["target"])["text"]: f for f in seed_findings() if f["code"] == "TY01"}
    assert not {"geostrategica", "bcm"} & set(typos)
    assert typos["detente"]["suggestion"] == "détente" and typos["detente"]["source"] is not None
    assert "attrattivita" in typos


def test_near_miss_is_decided_by_dictionary_lookups_alone() -> None:
    """Two stray letters in a long word are a near miss; hunspell's time-limited suggestions play no part."""
    from paracheck.checks._lexicon import near_miss
    from paracheck.checks._spell import dictionary

    en, fr = dictionary("en"), dictionary("fr")
    assert en is not None and fr is not None
    assert near_miss("enviroonmentall", en)      # environmental with two letters doubled
    assert not near_miss("enviroonmentall", en, max_distance=1)
    # two edits from "nordiste", which hunspell suggests only when its time-limited search is not cut short:
    # lookups alone never reach it, so the verdict is the same on every run
    assert not near_miss("nordest", fr)
