"""Bad input: one line on stderr naming the file and the fix, exit code 2, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Runner

GOOD_IT = "Il governo ha approvato la legge.\n"
GOOD_EN = "The government approved the law.\n"


def assert_clean_error(code: int, out: str, err: str, *needles: str) -> None:
    assert code == 2
    assert "Traceback" not in err and "Traceback" not in out
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    for n in needles:
        assert n in lines[0], lines[0]


def test_binary_file(tmp_path: Path, run_cli: Runner) -> None:
    src = tmp_path / "a.it.txt"
    src.write_bytes(b"\x00\x01\x02binary\x00")
    tgt = tmp_path / "a.en.txt"
    tgt.write_text(GOOD_EN, encoding="utf-8")
    assert_clean_error(*run_cli("check", str(src), str(tgt)), str(src), "binary")


def test_latin1_file(tmp_path: Path, run_cli: Runner) -> None:
    src = tmp_path / "a.it.txt"
    src.write_bytes("Città di Roma, è già qui.\n".encode("latin-1"))
    tgt = tmp_path / "a.en.txt"
    tgt.write_text(GOOD_EN, encoding="utf-8")
    assert_clean_error(*run_cli("check", str(src), str(tgt)), str(src), "--encoding")


def test_empty_file(tmp_path: Path, run_cli: Runner) -> None:
    src = tmp_path / "a.it.txt"
    src.write_text("", encoding="utf-8")
    tgt = tmp_path / "a.en.txt"
    tgt.write_text(GOOD_EN, encoding="utf-8")
    assert_clean_error(*run_cli("check", str(src), str(tgt)), str(src), "empty")


def test_unknown_language_code(tmp_path: Path, run_cli: Runner) -> None:
    src = tmp_path / "a.txt"
    src.write_text(GOOD_IT + "\n" + GOOD_EN, encoding="utf-8")
    assert_clean_error(*run_cli("check", str(src), "--source-lang", "xx", "--target-lang", "en"), "'xx'", "ISO 639-1")


def test_language_the_embedder_does_not_cover(tmp_path: Path, run_cli: Runner) -> None:
    src, tgt = tmp_path / "a.sw.txt", tmp_path / "a.en.txt"
    src.write_text("Serikali imepitisha sheria.\n", encoding="utf-8")
    tgt.write_text(GOOD_EN, encoding="utf-8")
    assert_clean_error(*run_cli("check", str(src), str(tgt)), "'sw'", "sentence-transformers")


def test_a_file_in_another_language_than_declared(tmp_path: Path, run_cli: Runner) -> None:
    """A French file passed as the English target would give a typo in every word: one line says so instead."""
    src = tmp_path / "a.it.txt"
    src.write_text("Il consiglio comunale ha adottato lunedì un bilancio di 1,2 miliardi di euro per il 2026. "
                   "Secondo il sindaco, i lavori del tram inizieranno a settembre e dureranno tre anni. "
                   "Le associazioni dei commercianti chiedono un piano per i parcheggi.\n", encoding="utf-8")
    tgt = tmp_path / "a.en.txt"
    tgt.write_text("Le conseil municipal a adopté lundi un budget de 1,2 milliard d'euros pour 2026. "
                   "Selon le maire, les travaux du tramway commenceront en septembre et dureront trois ans. "
                   "Les associations de commerçants demandent un plan pour le stationnement.\n", encoding="utf-8")
    assert_clean_error(*run_cli("check", str(src), str(tgt)), str(tgt), "reads as French (fr)", "rename it to a.fr.txt")
    plain = tmp_path / "target.txt"
    plain.write_bytes(tgt.read_bytes())
    assert_clean_error(*run_cli("check", str(src), str(plain), "--source-lang", "it", "--target-lang", "en"),
                       str(plain), "reads as French (fr)", "--target-lang fr")
    code, _, err = run_cli("check", str(src), str(plain), "--source-lang", "it", "--target-lang", "fr", "--no-progress")
    assert code in (0, 1), err


def test_misspelled_config_key(tmp_path: Path, run_cli: Runner) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text("source_lang: it\ntarget_lang: en\nchecks:\n  selcet: [all]\n", encoding="utf-8")
    src = tmp_path / "a.txt"
    src.write_text(GOOD_IT, encoding="utf-8")
    assert_clean_error(*run_cli("check", str(src), "--config", str(cfg)), f"{cfg}:4:", "'checks.selcet'")


def test_missing_config_file_and_missing_input(tmp_path: Path, run_cli: Runner) -> None:
    assert_clean_error(*run_cli("check", "--config", str(tmp_path / "nope.yaml")), "nope.yaml", "not found")
    assert_clean_error(*run_cli("check", str(tmp_path / "gone.txt"), "--source-lang", "it", "--target-lang", "en"),
                       "gone.txt", "no such file")


def test_missing_sentence_transformers_model(tmp_path: Path, run_cli: Runner) -> None:
    pytest.importorskip("sentence_transformers")
    cfg = tmp_path / "c.yaml"
    cfg.write_text(f"embedder:\n  backend: sentence-transformers\n  model: {tmp_path / 'no-such-model'}\n", encoding="utf-8")
    src, tgt = tmp_path / "a.it.txt", tmp_path / "a.en.txt"
    src.write_text(GOOD_IT, encoding="utf-8")
    tgt.write_text(GOOD_EN, encoding="utf-8")
    assert_clean_error(*run_cli("check", str(src), str(tgt), "--config", str(cfg)), "no-such-model", "does not exist")
    cfg.write_text("embedder:\n  backend: sentence-transformers\n  model: nobody/not-a-cached-model\n", encoding="utf-8")
    assert_clean_error(*run_cli("check", str(src), str(tgt), "--config", str(cfg)), "nobody/not-a-cached-model", "never downloads")


def test_inputs_are_not_modified_and_output_is_written_whole(tmp_path: Path, run_cli: Runner) -> None:
    src, tgt = tmp_path / "a.it.txt", tmp_path / "a.en.txt"
    src.write_text(GOOD_IT, encoding="utf-8")
    tgt.write_text(GOOD_EN, encoding="utf-8")
    before = (src.read_bytes(), tgt.read_bytes())
    cfg = tmp_path / "c.yaml"
    cfg.write_text("embedder:\n  backend: hashing\n", encoding="utf-8")
    out = tmp_path / "out" / "report.json"
    code, _, err = run_cli("check", str(src), str(tgt), "--config", str(cfg), "--format", "json", "--output", str(out))
    assert code in (0, 1), err
    assert (src.read_bytes(), tgt.read_bytes()) == before
    assert out.read_text(encoding="utf-8").rstrip().endswith("}")
    assert not [p for p in out.parent.iterdir() if p.name.endswith(".tmp")]
    assert out.stat().st_mode & 0o044  # readable by others as an ordinary file (mkstemp alone gives 0600)
