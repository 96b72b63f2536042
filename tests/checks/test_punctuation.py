"""Quote and bracket balance (PU01): YAML cases plus the balance scanner."""

from __future__ import annotations

from typing import Any

import pytest

try:  # tests/checks is a package in the repository; also run as loose files
    from ._text_cases import check_case, load_cases, run_texts
except ImportError:
    from _text_cases import check_case, load_cases, run_texts  # type: ignore[no-redef]
from paracheck.checks.punctuation import imbalance


@pytest.mark.parametrize(("prefix", "case"), load_cases("PU"))
def test_punctuation_cases(prefix: str, case: dict[str, Any]) -> None:
    """Every named YAML case gives exactly its expected codes."""
    check_case("PU", case)


def test_imbalance_reports_each_unmatched_mark_with_its_offset() -> None:
    """Imbalance reports each unmatched mark with its offset."""
    text = "(a [b) “c"
    assert imbalance(text, ("()", "[]", "“”")) == [("[]", 3), ("“”", 7)]


def test_message_names_the_mark_and_the_balanced_side() -> None:
    """Message names the mark and the balanced side."""
    (f,) = run_texts("Il voto (UNSC) è stato unanime.", "The vote (UNSC was unanimous.", "it", "en", "PU01")
    assert f.message == "opening ( in the target has no partner ); the source is balanced"
    assert f.target is not None and f.target.column == 10
