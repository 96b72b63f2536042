"""The alignment metric on tiny hand-made gold: strict, lax and null-link semantics of ../shared/eval/README.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from paracheck.errors import InputError
from paracheck.evaluate import EvalDoc, Score, evaluate, load_dir, parse_links


def L(s: list[int], t: list[int]) -> tuple[frozenset[int], frozenset[int]]:
    return frozenset(s), frozenset(t)


GOLD = [L([0], [0]), L([1, 2], [1]), L([3], []), L([4], [2, 3]), L([], [4])]


def score(pred: list[tuple[frozenset[int], frozenset[int]]]) -> dict[str, dict[str, float]]:
    s = Score()
    s.add(GOLD, pred)
    return s.to_dict()  # type: ignore[return-value]


def test_perfect_prediction_scores_one() -> None:
    r = score(GOLD)
    assert r["strict"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert r["lax"]["f1"] == 1.0
    assert r["null_source"]["f1"] == 1.0 and r["null_target"]["f1"] == 1.0


def test_split_merge_is_strict_wrong_but_lax_right() -> None:
    # gold [1,2]:[1] predicted as [1]:[1] + [2]:[] -> strict miss; lax: [1]:[1] overlaps it
    pred = [L([0], [0]), L([1], [1]), L([2], []), L([3], []), L([4], [2, 3]), L([], [4])]
    r = score(pred)
    # predicted: 6 links; strict-correct: [0]:[0], [3]:[], [4]:[2,3], []:[4] = 4
    assert r["strict"]["precision"] == pytest.approx(4 / 6, abs=1e-4)
    # gold without nulls: 3 links; strictly recalled 2
    assert r["strict"]["recall"] == pytest.approx(2 / 3, abs=1e-4)
    # lax: [1]:[1] is correct (shares ids on both sides), the null [2]:[] is not gold -> 5/6
    assert r["lax"]["precision"] == pytest.approx(5 / 6, abs=1e-4)
    assert r["lax"]["recall"] == 1.0
    # sentence 2 reported untranslated but the gold translates it: a null-source false positive
    assert r["null_source"]["precision"] == 0.5 and r["null_source"]["recall"] == 1.0


def test_recall_ignores_null_links_and_missed_omission_shows_in_null_figures() -> None:
    # the omission [3]:[] is glued into [3,4]:[2,3]; the addition []:[4] is missed the same way
    pred = [L([0], [0]), L([1, 2], [1]), L([3, 4], [2, 3, 4])]
    r = score(pred)
    assert r["strict"]["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert r["lax"]["recall"] == 1.0
    assert r["null_source"]["recall"] == 0.0 and r["null_target"]["recall"] == 0.0


def test_predicted_null_link_is_never_lax_correct_unless_gold() -> None:
    s = Score()
    s.add([L([0], [0])], [L([0], []), L([], [0])])
    r = s.to_dict()
    assert r["lax"]["precision"] == 0.0  # type: ignore[index]
    assert r["lax"]["recall"] == 0.0  # type: ignore[index]


def test_sentences_outside_every_gold_link_are_left_out_of_null_figures() -> None:
    # target 1 is in no gold link: predicting it untranslated is neither right nor wrong
    s = Score()
    s.add([L([0], [0])], [L([0], [0]), L([], [1])])
    r = s.to_dict()
    assert r["null_target"]["predicted"] == 0  # type: ignore[index]
    assert r["strict"]["precision"] == 0.5  # type: ignore[index]


def test_micro_average_over_documents(tmp_path: Path) -> None:
    for name, gold in (("a", "[0]:[0]\n[1]:[1]\n"), ("b", "[0]:[0]\n")):
        (tmp_path / f"{name}.src").write_text("x\ny\n" if name == "a" else "x\n", encoding="utf-8")
        (tmp_path / f"{name}.tgt").write_text("x\ny\n" if name == "a" else "x\n", encoding="utf-8")
        (tmp_path / f"{name}.langs").write_text("src=de\ntgt=fr\n", encoding="utf-8")
        (tmp_path / f"{name}.gold").write_text(gold, encoding="utf-8")
    docs = load_dir(tmp_path)
    assert [d.name for d in docs] == ["a", "b"] and docs[0].src_lang == "de"

    def swap_in_a(doc: EvalDoc) -> list[tuple[frozenset[int], frozenset[int]]]:
        if doc.name == "a":
            return [L([0], [1]), L([1], [0])]
        return [L([0], [0])]

    r = evaluate(docs, swap_in_a)
    assert r["strict"]["precision"] == pytest.approx(1 / 3, abs=1e-4)  # type: ignore[index]
    assert r["documents"] == 2


def test_malformed_gold_is_an_input_error_naming_the_line() -> None:
    with pytest.raises(InputError) as err:
        parse_links("[0]:[0]\n[1 [2]\n", "x.gold")
    assert "x.gold" in str(err.value) and "2" in str(err.value)


def test_directory_without_gold_files_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        load_dir(tmp_path)


def test_reachable_counts_only_links_a_monotone_aligner_can_produce() -> None:
    from paracheck.evaluate import reachable

    f = frozenset
    gold = [
        (f({0}), f({0})),              # fine
        (f({1}), f({3})), (f({2}), f({2})),  # crossing each other: neither is reachable
        (f({3, 5}), f({4})),           # not contiguous on the source side
        (f({6, 7, 8, 9}), f({5})),     # 4-1: larger than max_side 3
        (f({10, 11}), f({6, 7})),      # 2-2 within max_group 4
        (f({12}), f()),                # a null link is not counted
    ]
    assert reachable(gold, 3, 4) == (2, 6)
    assert reachable(gold, 4, 5) == (3, 6)
