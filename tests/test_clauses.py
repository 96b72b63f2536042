"""Clause coverage: clause boundaries by hand, and the gain of a cut translation with the real embedder."""

from __future__ import annotations

import pytest

from paracheck.align import Calibration, RawLink
from paracheck.clauses import boundaries, coverage, link_coverage, runs

SOURCE = ("Il commercio bilaterale ha raggiunto 240 miliardi di dollari nel 2024, trainato soprattutto "
          "dall'energia e dai prodotti agricoli.")
FULL = "Bilateral trade reached $240 billion in 2024, driven mainly by energy and agricultural products."
CUT = "Bilateral trade reached $240 billion in 2024."


def test_boundaries_fall_after_punctuation_and_before_the_languages_conjunctions() -> None:
    text = "Er kam, sah und siegte; dann ging er."
    assert [text[c:c + 4] for c in boundaries(text, "de")] == ["Er k", "sah ", "und ", "dann"]
    # "and" is no conjunction in German: no boundary before it, only the punctuation ones
    assert len(boundaries("Er kam and sah.", "de")) == 1
    assert len(boundaries("He came and saw.", "en")) == 2


def test_runs_leave_out_the_whole_sentence_and_runs_of_most_of_it() -> None:
    text = "one two, three four, five six seven eight nine ten"
    spans = [text[a:b].strip(" ,") for a, b in runs(text, "en")]
    assert text not in spans
    assert "one two" in spans and "five six seven eight nine ten" in spans
    assert "one two, three four" in spans                               # 4 of 10 words
    assert "three four, five six seven eight nine ten" not in spans     # 8 of 10 words: more than 75%
    assert runs("no clauses at all here", "en") == []


@pytest.fixture(scope="module")
def embed():  # type: ignore[no-untyped-def]
    from paracheck.embed import make_embedder

    return make_embedder("use").embed


def test_a_target_that_dropped_a_clause_matches_that_clause_better_than_the_whole(embed) -> None:  # type: ignore[no-untyped-def]
    cut, full = coverage([(SOURCE, CUT), (SOURCE, FULL)], "it", embed, 0.5)
    assert cut is not None and full is not None
    assert SOURCE[cut.start:cut.end].startswith("Il commercio bilaterale")
    assert "energia" not in SOURCE[cut.start:cut.end]
    assert cut.gain > 0.1 > full.gain


def test_only_short_targets_of_real_links_are_examined(embed) -> None:  # type: ignore[no-untyped-def]
    calls: list[list[str]] = []

    def recording_embed(texts):  # type: ignore[no-untyped-def]
        calls.append(list(texts))
        return embed(texts)

    src = [SOURCE, SOURCE, "Breve, frase."]
    tgt = [FULL, CUT, "Short, sentence."]
    links = [RawLink((0,), (0,), 1.0, 1.0), RawLink((1,), (1,), 1.0, 1.0), RawLink((2,), (2,), 1.0, 1.0),
             RawLink((), (), 0.0, None)]
    covs = link_coverage(links, src, tgt, "it", recording_embed, Calibration(0.1, 0.6), share=0.8)
    # the full-length target and the 2-word source are skipped; only the cut target is embedded
    assert [c is not None for c in covs] == [False, True, False, False]
    assert len(calls) == 1 and calls[0][:2] == [SOURCE, CUT]
    assert link_coverage(links, src, tgt, "it", recording_embed, Calibration(0.1, 0.6), share=0) == [None] * 4
