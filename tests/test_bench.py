"""The benchmark's damage is what it says it is, and its scoring counts what it claims to count."""

from __future__ import annotations

import random
from pathlib import Path

from paracheck.align import RawLink
from paracheck.bench import Damage, Tally, _delete, _insert, _move, build_damage, main, score_damage, score_moves
from paracheck.evaluate import EvalDoc


def doc(n: int = 120, name: str = "d") -> EvalDoc:
    src = [f"s{i}" for i in range(n)]
    tgt = [f"t{i}" for i in range(n)]
    gold = [(frozenset([i]), frozenset([i])) for i in range(n)]
    return EvalDoc(name, src, tgt, "de", "fr", gold)


def test_sentence_deletion_removes_exactly_the_recorded_targets() -> None:
    d = doc()
    dmg = _delete(d, "sentence", random.Random(0), every=40)
    assert len(dmg.events) == 3 and all(side == "source" and len(ids) == 1 for side, ids in dmg.events)
    gone = {f"t{ids[0]}" for _, ids in dmg.events}  # the 1-1 gold maps source i to target i
    assert set(d.tgt) - set(dmg.tgt) == gone and len(dmg.tgt) == len(d.tgt) - 3


def test_paragraph_deletion_drops_runs_of_three_to_eight() -> None:
    dmg = _delete(doc(400), "paragraph", random.Random(1), every=40)
    sizes = [len(ids) for _, ids in dmg.events]
    assert sizes and all(3 <= k <= 8 for k in sizes)
    for _, ids in dmg.events:
        assert list(ids) == list(range(ids[0], ids[0] + len(ids)))  # consecutive
        assert not {f"t{i}" for i in ids} & set(dmg.tgt)


def test_insertion_records_the_new_target_positions() -> None:
    pool = [f"foreign{k}" for k in range(50)]
    dmg = _insert(doc(), pool, random.Random(2), every=40)
    assert dmg.events
    for side, ids in dmg.events:
        assert side == "target" and all(dmg.tgt[j].startswith("foreign") for j in ids)
    inserted = sum(len(ids) for _, ids in dmg.events)
    assert len(dmg.tgt) == 120 + inserted
    assert [t for t in dmg.tgt if t.startswith("t")] == doc().tgt  # original order kept


def test_damage_is_reproducible_with_a_fixed_seed() -> None:
    docs = [doc(name="a"), doc(name="b")]
    first = [(x.kind, x.events) for x in build_damage(docs, seed=5)]
    assert first == [(x.kind, x.events) for x in build_damage(docs, seed=5)]
    assert first != [(x.kind, x.events) for x in build_damage(docs, seed=6)]


def test_scoring_counts_found_events_and_false_reports() -> None:
    dmg = Damage("d", "sentence", ["a", "b", "c", "d", "e"], ["A", "C", "E"], [("source", (1,)), ("source", (3,))],
                 {"source": frozenset({4}), "target": frozenset()})
    links = [RawLink((0,), (0,), 1.0, 1.0), RawLink((1,), (), 0.0, None), RawLink((2, 3), (1,), 0.9, 0.1),
             RawLink((4,), (), 0.0, None), RawLink((), (2,), 0.0, None)]
    t = Tally()
    score_damage(dmg, links, t)
    # event (1,) found; event (3,) hidden in a merge; report (4,) is a gold null: set aside
    assert (t.events, t.found, t.reports, t.correct) == (2, 1, 1, 1)


def test_omissions_command_runs_on_a_small_eval_dir(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu".split()
    lines = [f"{words[i % 12]} {words[(i * 5) % 12]} number {i} of the test text." for i in range(90)]
    for name in ("x", "y"):
        (tmp_path / f"{name}.src").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (tmp_path / f"{name}.tgt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (tmp_path / f"{name}.langs").write_text("src=en\ntgt=en\n", encoding="utf-8")
        (tmp_path / f"{name}.gold").write_text("".join(f"[{i}]:[{i}]\n" for i in range(90)), encoding="utf-8")
    assert main(["omissions", "--eval", str(tmp_path), "--embedder", "hashing", "--every", "30"]) == 0
    out = capsys.readouterr().out
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line.split() and line.split()[0] in
            ("sentence", "paragraph", "insertion")}
    assert set(rows) == {"sentence", "paragraph", "insertion"}
    # same-language copies: the hashing embedder sees every deleted paragraph
    assert float(rows["paragraph"][3]) == 1.0
    assert "per 1000 sentences" in out


def test_cut_sentence_drops_at_least_forty_percent_at_a_clause_boundary() -> None:
    from paracheck.bench import cut_sentence

    text = "The committee met on Monday , discussed the budget for next year and approved three new projects ."
    for seed in range(5):
        cut = cut_sentence(text, random.Random(seed))
        assert cut is not None and text.startswith(cut[:-1].rstrip())
        assert len(cut.split()) <= 0.6 * len(text.split()) + 1
    assert cut_sentence("Too short to cut , really .", random.Random(0)) is None


def test_reviewed_omissions_are_read_by_document_and_ids(tmp_path: Path) -> None:
    """Only links judged "omission" are set aside; a malformed line is an error, not a silent skip."""
    import pytest

    from paracheck.bench import PARTIAL_REVIEWED, reviewed_omissions

    f = tmp_path / "r.tsv"
    f.write_text("# comment\ntextberg\ttest6\t153\t147\tomission\tclause missing\n"
                 "opus-books\tbook\t3,4\t2\tloose\tcomplete\n", encoding="utf-8")
    assert reviewed_omissions(f) == {("test6", (153,), (147,))}
    f.write_text("textberg\ttest6\t153\n", encoding="utf-8")
    with pytest.raises(ValueError, match="6 tab-separated columns"):
        reviewed_omissions(f)
    assert len(reviewed_omissions(PARTIAL_REVIEWED)) >= 5  # the shipped review parses


def test_a_move_puts_whole_gold_links_at_least_twenty_targets_away() -> None:
    d = doc(200)
    dmg = _move(d, random.Random(3), every=40)
    assert dmg.moved and sorted(dmg.tgt) == sorted(d.tgt)  # nothing lost, nothing added
    for src, tgt in dmg.moved:
        assert 1 <= len(src) <= 3
        # the 1-1 gold maps source i to target i: the moved targets hold the source's translations, in order
        assert [dmg.tgt[j] for j in tgt] == [f"t{i}" for i in src]
        assert abs(tgt[0] - src[0]) >= 20
    assert [side for side, _ in dmg.events] == ["moved"] * len(dmg.moved)


def test_move_scoring_needs_the_moved_translation_and_sets_published_moves_aside() -> None:
    dmg = Damage("d", "moved", ["a", "b", "c", "d"], ["A", "B", "D", "C"], [("moved", (2,))],
                 {"source": frozenset(), "target": frozenset()}, moved=[((2,), (3,))],
                 gold=[(frozenset({0}), frozenset({0})), (frozenset({1}), frozenset({2}))])
    t = Tally()
    links = [RawLink((0,), (0,), 1.0, 1.0), RawLink((1,), (2,), 1.0, 1.0, moved=True),
             RawLink((2,), (3,), 1.0, 1.0, moved=True), RawLink((3,), (), 0.0, None), RawLink((), (1,), 0.0, None)]
    still_missing = score_moves(dmg, links, t)
    # (2)->(3) is the damage, found; (1)->(2) agrees with the gold (a published move): counted neither way
    assert (t.events, t.found, t.reports, t.correct) == (1, 1, 1, 1)
    assert still_missing == 0
    t2 = Tally()
    gaps = [RawLink((0,), (0,), 1.0, 1.0), RawLink((1,), (2,), 1.0, 1.0), RawLink((2,), (), 0.0, None), RawLink((), (3,), 0.0, None)]
    assert score_moves(dmg, gaps, t2) == 1 and (t2.found, t2.reports) == (0, 0)
