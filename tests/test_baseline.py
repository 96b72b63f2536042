"""Baselines: a baseline made today silences today's findings, survives line shifts, and lets new ones through."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from paracheck.baseline import Baseline, dumps, load

SOURCE = """Il rapporto annuale

Nel 2023 il fatturato è cresciuto del 12% e ha raggiunto 4,5 milioni di euro.

Questo paragrafo non è stato tradotto e manca nella versione inglese.

Il consiglio si riunirà il 15 marzo 2024.
"""
TARGET = """The annual report

In 2023 revenue grew by 12% and reached 4.5 million euros.

The board will meet on 15 March 2024.
"""


def _pair(tmp: Path, source: str = SOURCE, target: str = TARGET) -> tuple[str, str]:
    (tmp / "doc.it.txt").write_text(source, encoding="utf-8")
    (tmp / "doc.en.txt").write_text(target, encoding="utf-8")
    return str(tmp / "doc.it.txt"), str(tmp / "doc.en.txt")


def test_seed_baseline_silences_everything_and_a_new_number_change_fails(run_cli, seed: Path, tmp_path: Path) -> None:
    doc = tmp_path / "seed.txt"
    shutil.copy(seed, doc)
    base = tmp_path / "baseline.json"
    lang = ["--source-lang", "it", "--target-lang", "en", "--no-progress"]
    assert run_cli("baseline", str(doc), "--output", str(base), *lang)[0] == 0
    n = len(json.loads(base.read_text(encoding="utf-8"))["findings"])
    assert n > 0  # the seed has findings to baseline
    code, out, _ = run_cli("check", str(doc), "--baseline", str(base), "--fail-on", "info", *lang)
    assert code == 0, out
    assert f"0 findings in 1 pair(s), {n} baselined" in out
    # a number changed in the translation: 175-180 bcm becomes 175-190 bcm
    text = doc.read_text(encoding="utf-8")
    assert "peaked at 175-180 bcm" in text
    doc.write_text(text.replace("peaked at 175-180 bcm", "peaked at 175-190 bcm"), encoding="utf-8")
    code, out, _ = run_cli("check", str(doc), "--baseline", str(base), *lang)
    assert code == 1
    new = [ln for ln in out.splitlines() if " [" in ln]
    assert len(new) == 1 and "NM01" in new[0] and "190" in new[0], out


def test_fingerprints_survive_line_shifts(run_cli, tmp_path: Path) -> None:
    src, tgt = _pair(tmp_path)
    base = tmp_path / "b.json"
    assert run_cli("baseline", src, tgt, "--output", str(base), "--no-progress")[0] == 0
    assert run_cli("check", src, tgt, "--no-progress")[0] == 1  # MP01 without the baseline
    Path(src).write_text("\n\n\n" + SOURCE.replace("\n\n", "\n\n\n"), encoding="utf-8")  # every line moves
    code, out, _ = run_cli("check", src, tgt, "--baseline", str(base), "--no-progress")
    assert code == 0 and "1 baselined" in out
    # editing the untranslated paragraph itself makes it a new finding again
    Path(src).write_text(SOURCE.replace("non è stato tradotto", "non è mai stato tradotto"), encoding="utf-8")
    code, out, _ = run_cli("check", src, tgt, "--baseline", str(base), "--no-progress")
    assert code == 1 and "MP01" in out


def test_counts_are_consumed() -> None:
    from paracheck.model import Finding, Location, Severity

    loc = Location("a.txt", 1, 1, "same text")
    f = Finding("MP01", "coverage.missing-in-target", Severity.ERROR, "m", loc, None)
    from collections import Counter

    kept, dropped = Baseline({f.fingerprint: 1}).filter([f, f], Counter({f.fingerprint: 1}))
    assert dropped == 1 and kept == [f]


def test_baseline_file_is_sorted_and_round_trips(tmp_path: Path) -> None:
    from paracheck.model import Finding, Location, Result, Severity

    fs = [Finding(c, "x.y", Severity.ERROR, "m", Location("b.txt" if c == "AA01" else "a.txt", 1, 1, c), None)
          for c in ("ZZ01", "AA01")]
    from paracheck.model import Alignment, Document, PairResult

    doc = Document("a.txt", "it", "text", "x", ())
    result = Result((PairResult(doc, doc, (), Alignment((), 0.0, "h"), tuple(fs)),), "paracheck:test")
    text = dumps(result)
    data = json.loads(text)
    assert [e["path"] for e in data["findings"]] == ["a.txt", "b.txt"]
    (tmp_path / "b.json").write_text(text, encoding="utf-8")
    assert load(tmp_path / "b.json").counts == {f.fingerprint: 1 for f in fs}


def test_bad_baseline_is_a_clear_error(run_cli, tmp_path: Path) -> None:
    src, tgt = _pair(tmp_path)
    bad = tmp_path / "bad.json"
    bad.write_text('{"findings": 3}', encoding="utf-8")
    code, _, err = run_cli("check", src, tgt, "--baseline", str(bad), "--no-progress")
    assert code == 2 and "bad.json" in err and "paracheck baseline" in err
    code, _, err = run_cli("check", src, tgt, "--baseline", str(tmp_path / "missing.json"), "--no-progress")
    assert code == 2 and "not found" in err
