"""Coverage checks on hand-built alignments: one finding per passage, atomic units graded down, weak links."""

from __future__ import annotations

from paracheck import checks
from paracheck.load import parse
from paracheck.model import Alignment, Link, Segment, Span


def seg(i: int, side: str, text: str, kind: str = "sentence") -> Segment:
    return Segment(f"{side[0]}{i}", side, "it" if side == "source" else "en", text, "x.txt", Span(i * 100, i * 100 + len(text), i, 1), i, kind)


def run(links: list[Link], select: tuple[str, ...] = ("coverage",)) -> list:  # type: ignore[type-arg]
    ctx = checks.Context(source=parse("x", "x.txt", "it"), target=parse("x", "x.txt", "en"), alignment=Alignment(tuple(links), 0.25, "test"), min_score=0.3)
    return checks.run(checks.select(select), ctx)


def test_consecutive_unaligned_sentences_are_one_finding() -> None:
    s = [seg(i, "source", f"Frase numero {i}.") for i in range(1, 6)]
    t = [seg(i, "target", f"Sentence number {i}.") for i in range(1, 3)]
    links = [Link((s[0],), (t[0],), 0.9, 0.9), Link((s[1],), (), 0.0), Link((s[2],), (), 0.0), Link((s[3],), (), 0.0),
             Link((s[4],), (t[1],), 0.9, 0.9)]
    found = run(links)
    assert [f.code for f in found] == ["MP01"]
    assert found[0].message.startswith("3 sentences of the source (it)") and found[0].source.line == 2
    assert found[0].severity.label == "error" and found[0].target is None


def test_target_only_passage_and_separate_passages() -> None:
    s = [seg(i, "source", f"Frase {i}.") for i in range(1, 3)]
    t = [seg(i, "target", f"Sentence {i}.") for i in range(1, 5)]
    links = [Link((), (t[0],), 0.0), Link((s[0],), (t[1],), 0.9, 0.9), Link((), (t[2],), 0.0), Link((s[1],), (t[3],), 0.9, 0.9)]
    found = run(links)
    assert [(f.code, f.target.line) for f in found] == [("MP02", 1), ("MP02", 3)]


def test_a_missing_title_is_info_not_error() -> None:
    s = [seg(1, "source", "Asia e Pacifico", "title"), seg(2, "source", "Frase.")]
    t = [seg(1, "target", "Sentence.")]
    found = run([Link((s[0],), (), 0.0), Link((s[1],), (t[0],), 0.9, 0.9)])
    assert [(f.code, f.severity.label) for f in found] == [("MP01", "info")]


def test_weak_group_and_weak_member() -> None:
    s = [seg(i, "source", f"Frase {i}.") for i in range(1, 4)]
    t = [seg(i, "target", f"Sentence {i}.") for i in range(1, 3)]
    found = run([Link((s[0],), (t[0],), 0.1, 0.1), Link((s[1], s[2]), (t[1],), 0.9, -0.05)])
    assert [(f.code, f.evidence) for f in found] == [("MP03", ("group",)), ("MP03", ("member",))]
    assert run([Link((s[1], s[2]), (t[1],), 0.9, 0.3)]) == []  # a legitimate 2-1 merge


def test_a_specific_finding_supersedes_a_general_one_on_the_same_span() -> None:
    from paracheck.model import Finding, Location, Severity

    loc = Location("x.txt", 3, 1, "Janury", 10, 16)
    other = Location("x.txt", 9, 1, "Janury", 50, 56)
    typo = Finding("TY01", "spelling.typo", Severity.WARNING, "unknown word", None, loc)
    month = Finding("DT02", "dates.month-typo", Severity.WARNING, "misspelled month", None, loc)
    elsewhere = Finding("TY01", "spelling.typo", Severity.WARNING, "unknown word", None, other)
    assert checks._drop_superseded([typo, month, elsewhere]) == [month, elsewhere]
    # "Aprl" against a German source's "April": a name spelled otherwise (TY02) too, but one finding is enough
    name = Finding("TY02", "spelling.name", Severity.WARNING, "name spelled otherwise", None, loc)
    assert checks._drop_superseded([name, month]) == [month]


PLAIN = [("La relazione tra i due paesi resta stretta.", "The relationship between the two countries remains close."),
         ("Gli scambi crescono ancora ogni anno.", "Trade keeps growing every year."),
         ("Il governo ha annunciato nuove misure.", "The government announced new measures."),
         ("Gli analisti restano prudenti.", "Analysts remain cautious.")]


def with_plain(first_source: str, first_target: str) -> list[Link]:
    """One link under test followed by ordinary ones that set the pair's length ratio."""
    pairs = [(first_source, first_target), *PLAIN]
    return [Link((seg(i, "source", a),), (seg(i, "target", b),), 0.8, 0.8) for i, (a, b) in enumerate(pairs, 1)]


def test_a_target_much_shorter_than_the_pair_rate_predicts_is_incomplete() -> None:
    """A dropped clause keeps the similarity high; the length against the pair's own rate gives it away."""
    full = "Il commercio ha raggiunto 240 miliardi di dollari nel 2024, trainato soprattutto dall'energia e dai metalli."
    found = run(with_plain(full, "Trade reached $240 billion."))
    assert [(f.code, f.evidence, f.source.line) for f in found] == [("MP03", ("short-target",), 1)]
    assert "possibly incomplete translation" in found[0].message
    # the same link with the clause translated is silent
    assert run(with_plain(full, "Trade reached $240 billion in 2024, driven above all by energy and metals.")) == []


def test_a_source_much_shorter_than_its_translation_is_reported_the_other_way() -> None:
    long = "Trade keeps growing, and in the last decade it has doubled twice, led above all by energy and by metals."
    found = run(with_plain("Gli scambi crescono.", long))
    assert [(f.code, f.evidence) for f in found] == [("MP04", ("long-target",))]
    assert "text added in the target" in found[0].message
    # on a link too weak to trust, MP03 alone speaks
    from dataclasses import replace

    weak = with_plain("Gli scambi crescono.", long)
    found = run([replace(weak[0], score=0.1, weakest=0.1), *weak[1:]])
    assert [(f.code, f.evidence) for f in found] == [("MP03", ("group",))]
    # short sentences vary too much in length to judge: a 3-word line is not reported
    assert run(with_plain("Sì.", "Yes, of course.")) == []


def test_a_target_matching_one_clause_better_than_the_whole_names_the_clause_left_out() -> None:
    """The aligner's clause coverage turns into a finding that says what the target did not translate."""
    from dataclasses import replace

    from paracheck.clauses import Coverage

    src = "Il commercio ha raggiunto 240 miliardi nel 2024, trainato dall'energia."
    tgt = "Trade reached 240 billion."  # short (40.2% of the predicted length), but not so short that length alone speaks
    end = src.index(",")
    links = with_plain(src, tgt)
    assert run(links) == []
    found = run([replace(links[0], clause=Coverage(0.35, 0, end + 1)), *links[1:]])
    assert [(f.code, f.evidence) for f in found] == [("MP03", ("clause",))]
    assert "«Il commercio ha raggiunto 240 miliardi nel 2024»" in found[0].message
    assert "nothing in it matches «trainato dall'energia.»" in found[0].message
    # a gain under the threshold is a translation that merely condenses: silent
    assert run([replace(links[0], clause=Coverage(0.05, 0, end + 1)), *links[1:]]) == []
    # so is a target of ordinary length (64% of the predicted), whatever its clauses match
    roomy = with_plain(src, "Trade reached 240 billion in 2024 overall.")
    assert run([replace(roomy[0], clause=Coverage(0.35, 0, end + 1)), *roomy[1:]]) == []


def test_moved_sentences_are_one_finding_naming_both_places_and_no_missing_passage() -> None:
    s = [seg(i, "source", f"Frase numero {i}.") for i in range(1, 7)]
    t = [seg(i, "target", f"Sentence number {i}.") for i in range(1, 7)]
    # source 2-3 are translated by target 5-6, which stand after target 4; source 6 moved alone to target 1
    links = [Link((s[0],), (t[1],), 0.9, 0.9), Link((s[1],), (t[4],), 0.9, 0.9, moved=True),
             Link((s[2],), (t[5],), 0.9, 0.9, moved=True), Link((s[3],), (t[2],), 0.9, 0.9),
             Link((s[4],), (t[3],), 0.9, 0.9), Link((s[5],), (t[0],), 0.9, 0.9, moved=True)]
    found = run(links)
    assert [f.code for f in found] == ["MP05", "MP05"]
    first = next(f for f in found if f.source.line == 2)
    assert first.message.startswith("2 sentences translated out of order") and first.target.line == 5
    assert "after target line 2" in first.message and first.severity.label == "warning"
    last = next(f for f in found if f.source.line == 6)
    assert last.target.line == 1 and "after target line 4" in last.message


def test_moved_links_next_to_each_other_but_apart_in_the_target_are_two_findings() -> None:
    s = [seg(i, "source", f"Frase {i}.") for i in range(1, 5)]
    t = [seg(i, "target", f"Sentence {i}.") for i in range(1, 5)]
    links = [Link((s[0],), (t[0],), 0.9, 0.9), Link((s[1],), (t[3],), 0.9, 0.9, moved=True),
             Link((s[2],), (t[1],), 0.9, 0.9, moved=True), Link((s[3],), (t[2],), 0.9, 0.9)]
    assert sorted((f.code, f.source.line, f.target.line) for f in run(links)) == [("MP05", 2, 4), ("MP05", 3, 2)]


def test_a_short_target_is_incomplete_when_it_also_matches_weakly() -> None:
    """Half the predicted length: silent on its own (free translations condense), incomplete once also weak."""
    from dataclasses import replace

    full = "Il commercio ha raggiunto 240 miliardi di dollari nel 2024, trainato soprattutto dall'energia e dai metalli."
    half = "Overall, trade reached $240 billion in 2024."  # 45% of the predicted length
    assert run(with_plain(full, half)) == []
    links = with_plain(full, half)
    found = run([replace(links[0], score=0.2, weakest=0.2), *links[1:]])
    assert [(f.code, f.evidence) for f in found] == [("MP03", ("short-target",))]
    assert "possibly incomplete translation" in found[0].message and "matches it weakly (score 0.20)" in found[0].message
    # weak but of ordinary length: a weak match, not called incomplete
    whole = "Trade reached $240 billion in 2024, driven above all by energy and metals."
    links = with_plain(full, whole)
    found = run([replace(links[0], score=0.2, weakest=0.2), *links[1:]])
    assert [(f.code, f.evidence) for f in found] == [("MP03", ("group",))]
    assert "possibly incomplete" not in found[0].message
