"""Splitting one bilingual file into its versions, and segmentation into sentences and atomic units."""

from __future__ import annotations

from pathlib import Path

from paracheck.load import load, parse
from paracheck.segment import segment, split_sentences
from paracheck.split import DEFAULT_MARKERS, compile_markers, split


def test_seed_is_split_into_italian_and_english(seed: Path) -> None:
    parts = split(load(seed), ("it", "en"), compile_markers(DEFAULT_MARKERS))
    src_text = " ".join(b.text for b in parts.source.blocks)
    tgt_text = " ".join(b.text for b in parts.target.blocks)
    assert parts.source.blocks[1].text.startswith("Le Relazioni Sino-Russe")
    assert parts.target.blocks[0].text.startswith("Sino-Russian Relations")
    assert "By Lupo Minciarelli" in tgt_text and "By Lupo" not in src_text  # short lines follow what they head
    assert "Janury 27th, 2025" in tgt_text
    assert "Lupo è uno studente" in src_text  # the Italian bio after the English version stays Italian
    roles = [role for role, _ in parts.shared]
    assert roles.count("marker") == 1 and roles.count("image") == 3
    assert roles.count("references") == 9  # heading + 8 entries, shared by both versions
    assert not any("Bibliografia" in b.text or "Kissinger, H. (1994)" in b.text for b in parts.source.blocks + parts.target.blocks)


def test_split_without_marker_uses_language_identification() -> None:
    raw = ("Il governo ha approvato la legge sul bilancio dopo un lungo dibattito in parlamento.\n\n"
           "Gli analisti prevedono una crescita moderata nel prossimo anno.\n\n"
           "The government approved the budget law after a long debate in parliament.\n\n"
           "Analysts expect moderate growth next year.\n")
    parts = split(parse(raw, "x.txt"), ("it", "en"), compile_markers(DEFAULT_MARKERS))
    assert len(parts.source.blocks) == 2 and len(parts.target.blocks) == 2
    assert parts.target.blocks[0].text.startswith("The government")


def test_sentence_splitting_keeps_abbreviations_and_ellipses_together() -> None:
    text = 'The U.S. ambassador spoke (pp. 8–27). He said a “world order . . . adjusted to realities.” Then he left.'
    pieces = [text[a:b] for a, b in split_sentences(text, "en")]
    assert pieces == ["The U.S. ambassador spoke (pp. 8–27).", "He said a “world order . . . adjusted to realities.”",
                      "Then he left."]


def test_italian_split_is_not_undone_before_capital_e_grave() -> None:
    pieces = split_sentences("Il piano è pronto. È stato approvato ieri.", "it")
    assert len(pieces) == 2


def test_titles_bylines_and_dates_are_atomic_units(seed: Path) -> None:
    parts = split(load(seed), ("it", "en"), compile_markers(DEFAULT_MARKERS))
    segs = segment(parts.target, "target")
    kinds = {s.text: s.kind for s in segs[:4]}
    assert kinds["By Lupo Minciarelli"] == "byline"
    assert kinds["Janury 27th, 2025"] == "dateline"
    assert segs[0].kind == "title" and "\n" not in segs[0].text
    # every segment points at its own text in the raw file
    raw = parts.target.raw
    for s in segs:
        assert raw[s.span.start:s.span.start + 10].replace("\n", " ") == s.text[:10]
