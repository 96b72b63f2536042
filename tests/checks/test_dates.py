"""Date checks (DT*): YAML cases, the month-typo suggestion, and the seed article end to end."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from typing import Any

import pytest
from tests.checks.test_numbers import load_cases, make_link, run_family
from tests.conftest import ROOT


@pytest.mark.parametrize("case", load_cases("DT"))
def test_date_cases(case: dict[str, Any]) -> None:
    """Every named DT YAML case gives exactly its expected codes."""
    link = make_link(case["source"], case["target"], case["source_lang"], case["target_lang"])
    found = sorted(code for code, _ in run_family(link))
    assert found == sorted(case["expect"]), [p.message for _, p in run_family(link)]


def test_misspelled_month_is_a_typo_with_suggestion_and_the_date_still_matches() -> None:
    """Janury is a DT02 with January as suggestion, and no DT01: the date is read as January."""
    link = make_link("27 gennaio 2025", "Janury 27th, 2025", "it", "en")
    (code, p), = run_family(link)
    assert code == "DT02" and p.suggestion == "January" and p.target_range == (0, 6)


def test_changed_date_names_both_values() -> None:
    """DT01 quotes both dates as written."""
    (code, p), = run_family(make_link("Il 27 gennaio 2025 Trump ha giurato.", "On January 28th, 2025 Trump was sworn in.", "it", "en"))
    assert code == "DT01" and p.message == "27 gennaio 2025 in source, January 28th, 2025 in target"
    # a date that ends its sentence is quoted without the full stop
    (code, p), = run_family(make_link("La conferenza si terrà dal 10 al 12 maggio.", "The conference runs from 10 to 13 May.", "it", "en"))
    assert code == "DT01" and p.message == "12 maggio in source, 13 May in target"


@pytest.fixture(scope="module")
def seed_findings() -> list[dict[str, Any]]:
    """The NM/DT findings of the seed article, through the CLI's JSON report."""
    from paracheck.cli import main

    buf = io.StringIO()
    with redirect_stdout(buf):
        code = main(["check", str(ROOT / "pairs" / "000_56dda6c6fdfb386a.txt"), "--config", str(ROOT / "config.yaml"),
                     "--format", "json", "--no-progress"])
    assert code in (0, 1)
    return [f for f in json.loads(buf.getvalue())["pairs"][0]["findings"] if f["code"][:2] in ("NM", "DT")]


def test_seed_reports_the_month_typo_and_the_added_this_week_and_nothing_else(seed_findings: list[dict[str, Any]]) -> None:
    """The seed's equivalences stay silent; its two real date problems are reported."""
    got = sorted((f["code"], (f["target"] or f["source"])["text"]) for f in seed_findings)
    assert got == [("DT02", "Janury"), ("DT03", "this week")]
    typo = next(f for f in seed_findings if f["code"] == "DT02")
    assert typo["suggestion"] == "January" and typo["target"]["line"] == 51 and typo["target"]["column"] == 1


def test_a_date_across_a_sentence_boundary_drawn_differently_is_not_missing() -> None:
    """As for numbers: the date ends one version's sentence and opens the other's next one."""
    from tests.checks.test_numbers import _missing_over

    first = ("Die neue Kote wurde am 12. Juni 1955 ausgegeben.", "La nouvelle cote a été publiée")
    assert _missing_over([first, ("Sie gilt seither.", "le 12 juin 1955. Elle est valable depuis.")], "DT04") == []
    assert _missing_over([first, ("Sie gilt seither.", "Elle est valable depuis.")], "DT04") == [
        "date «12. Juni 1955» in source has no counterpart in target"]
    # "yesterday" opening the next French sentence is the German "gestern" of this one
    relative = [("Er kam gestern an.", "Il est arrivé,"), ("Dann ging er.", "hier. Puis il est parti.")]
    assert _missing_over(relative, "DT03", ("de", "fr")) == []
