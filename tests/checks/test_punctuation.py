"""Quote and bracket balance (PU01): YAML cases plus the balance scanner."""

from __future__ import annotations

from typing import Any

import pytest

try:  # tests/checks is a package in the repository; also run as loose files
    from ._text_cases import check_case, load_cases, run_texts, seed_findings
except ImportError:
    from _text_cases import check_case, load_cases, run_texts, seed_findings  # type: ignore[no-redef]
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
    assert f.message == "opening ( in the target has no closing partner; the source is balanced"
    assert f.target is not None and f.target.column == 10


def test_doubled_closing_quote_is_reported_even_when_the_other_side_is_unbalanced() -> None:
    """The seed's «mondo””» has a stray ” although the English sentence has its own stray quote."""
    src = "È “la più significativa alleanza al mondo””, ha dichiarato Allison."
    tgt = 'It is \'the most significant alliance in the world\'," said Allison.'
    (f,) = run_texts(src, tgt, "it", "en", "PU01")
    assert f.source is not None and f.source.column == src.index("””") + 2 and f.target is None
    assert f.message == "closing ” in the source has no opening partner; the mark is doubled"


def test_seed_stray_quote_after_allison_quotation_is_reported() -> None:
    """The Italian «…al mondo””» has one closing quote too many; nothing else on the seed is unbalanced."""
    pu = [f for f in seed_findings() if f["code"] == "PU01"]
    assert [(f["source"]["text"], f["target"]) for f in pu] == [("”", None)]


def test_seed_straight_quotes_among_curly_ones_are_reported() -> None:
    """The seed's English quotes with “…” but writes 'architects' and 'the most … world'," straight: three PU02."""
    pu = sorted((f["target"]["line"], f["target"]["column"], f["target"]["text"]) for f in seed_findings() if f["code"] == "PU02")
    assert pu == [(59, 151, "'"), (75, 451, "'"), (75, 507, '"')]


def test_flow_reads_the_blocks_of_a_version_cut_from_a_bilingual_file() -> None:
    """The target of a bilingual file numbers its blocks from where it starts in the file (20, 21), not from 0."""
    from paracheck.checks import Context
    from paracheck.checks.punctuation import PunctuationOptions, _paired_in_flow
    from paracheck.model import Alignment, Block, Document, Segment, Span

    texts = ["Milady dit : « Écoutez-moi.", "-- Je vous écoute, madame», dit celui-ci."]
    raw, blocks = "", []
    for i, text in enumerate(texts):
        blocks.append(Block(20 + i, "paragraph", text, Span(len(raw), len(raw) + len(text), 21 + i, 1)))
        raw += text + "\n"
    target = Document("post.md", "fr", "txt", raw, tuple(blocks))
    source = Document("post.md", "en", "txt", "", ())
    seg = Segment("t2", "target", "fr", texts[1], "post.md", blocks[1].span, 21)
    ctx = Context(source, target, Alignment((), 0.25, "none"), 0.3)
    assert _paired_in_flow("target", seg, texts[1].index("»"), ctx, PunctuationOptions())
    alone = Document("post.md", "fr", "txt", raw, (blocks[1],))
    assert not _paired_in_flow("target", seg, texts[1].index("»"), Context(source, alone, Alignment((), 0.25, "none"), 0.3),
                               PunctuationOptions())
