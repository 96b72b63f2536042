"""The real seed article, end to end with the bundled embedder: split, aligned, the bio reported missing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT, Runner


@pytest.fixture(scope="module")
def seed_report() -> dict:  # type: ignore[type-arg]
    import io
    from contextlib import redirect_stdout

    from paracheck.cli import main

    buf = io.StringIO()
    with redirect_stdout(buf):
        code = main(["check", str(ROOT / "pairs" / "000_56dda6c6fdfb386a.txt"), "--config", str(ROOT / "config.yaml"),
                     "--format", "json", "--no-progress"])
    assert code in (0, 1)
    return json.loads(buf.getvalue())


def test_every_body_sentence_is_aligned_one_to_one_or_merged(seed_report: dict) -> None:  # type: ignore[type-arg]
    pair = seed_report["pairs"][0]
    segs = pair["segments"]
    aligned = [k for k in pair["links"] if k["source"] and k["target"]]
    # the English body starts with "The Sino-Russian relationship is multifaceted."
    first = next(k for k in aligned if segs[k["target"][0]]["text"].startswith("The Sino-Russian relationship is"))
    assert segs[first["source"][0]]["text"].startswith("Le relazioni sino-russe sono sfaccettate")
    last = next(k for k in aligned if segs[k["target"][0]]["text"].startswith("In doing so, it would not only"))
    assert segs[last["source"][0]]["text"].startswith("Così facendo")
    gaps_in_target = [k for k in pair["links"] if k["target"] and not k["source"]]
    assert gaps_in_target == []


def test_bio_is_missing_but_marker_and_bibliography_are_not(seed_report: dict) -> None:  # type: ignore[type-arg]
    findings = seed_report["pairs"][0]["findings"]
    missing = [f for f in findings if f["code"] == "MP01" and f["severity"] == "error"]
    assert len(missing) == 1 and "Lupo è uno studente" in missing[0]["source"]["text"]
    assert missing[0]["source"]["line"] == 139
    text = json.dumps(findings)
    assert "English version below" not in text and "Bibliografia" not in text and "Kissinger, H. (1994)" not in text
    roles = {s["role"] for s in seed_report["pairs"][0]["shared"]}
    assert roles == {"marker", "image", "references"}


def test_json_report_shape(seed_report: dict) -> None:  # type: ignore[type-arg]
    assert set(seed_report) >= {"version", "pairs", "summary", "signature"}
    pair = seed_report["pairs"][0]
    assert pair["source"]["lang"] == "it" and pair["target"]["lang"] == "en"
    for f in pair["findings"]:
        assert set(f) >= {"code", "name", "severity", "message", "source", "target"}
    assert "emb:use:" in seed_report["signature"]


def test_no_path_checks_pairs_with_config(run_cli: Runner) -> None:
    code, out, err = run_cli("check", "--no-progress", cwd=ROOT)
    assert code == 1, err  # the missing bio is an error, and fail_on is error
    assert "MP01 [error]" in out and "pairs/000_56dda6c6fdfb386a.txt:139:1" in out


def test_a_paragraph_moved_in_the_translation_is_one_moved_finding_not_missing_and_added(tmp_path: Path, run_cli: Runner) -> None:
    """The English paragraph "As will be developed…" (5 sentences) moved two paragraphs before the end."""
    lines = (ROOT / "pairs" / "000_56dda6c6fdfb386a.txt").read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("As will be developed in this article"))
    paragraph = lines[start]
    del lines[start:start + 2]
    end = next(i for i, line in enumerate(lines) if line.startswith("For this to succeed"))
    lines[end:end] = [paragraph, ""]
    moved = tmp_path / "moved.txt"
    moved.write_text("\n".join(lines), encoding="utf-8")
    code, out, err = run_cli("check", str(moved), "--config", str(ROOT / "config.yaml"), "--format", "json", "--no-progress")
    assert code == 1, err
    findings = json.loads(out)["pairs"][0]["findings"]
    moves = [f for f in findings if f["code"] == "MP05"]
    assert len(moves) == 1, moves
    assert moves[0]["message"].startswith("5 sentences translated out of order")
    assert moves[0]["target"]["line"] == end + 1 and moves[0]["source"]["line"] == 26
    assert "after target line 63" in moves[0]["message"]
    assert not [f for f in findings if f["code"] == "MP02"]
    assert [f["source"]["line"] for f in findings if f["code"] == "MP01" and f["severity"] == "error"] == [139]
