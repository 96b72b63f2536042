"""Configuration: every key validated, errors name the key and its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from paracheck import checks
from paracheck.config import Config, load_config
from paracheck.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "paracheck.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_project_config_is_valid() -> None:
    cfg = load_config(Path(__file__).parents[1] / "config.yaml", must_exist=True)
    assert (cfg.source_lang, cfg.target_lang, cfg.embedder) == ("it", "en", "use")
    checks.select(cfg.select, cfg.exclude, cfg.severity, cfg.options, cfg.where)


def test_misspelled_key_names_key_line_and_valid_keys(tmp_path: Path) -> None:
    p = write(tmp_path, "source_lang: it\n\nembedder:\n  backend: use\n  modle: x\n")
    with pytest.raises(ConfigError) as exc:
        load_config(p)
    msg = str(exc.value)
    assert msg.startswith(f"{p}:5: ") and "'embedder.modle'" in msg and "model" in msg


def test_unknown_top_level_key_and_wrong_type(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r":2: unknown key 'fail_onn'"):
        load_config(write(tmp_path, "source_lang: it\nfail_onn: warning\n"))
    with pytest.raises(ConfigError, match=r":1: min_score must be a number"):
        load_config(write(tmp_path, "min_score: high\n"))


def test_bad_yaml_reports_its_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r":3: is not valid YAML"):
        load_config(write(tmp_path, "a: 1\nb: [1, 2\nc: 3\n"))


def test_check_options_are_validated_against_the_check(tmp_path: Path) -> None:
    cfg = load_config(write(tmp_path, "checks:\n  options:\n    MP01:\n      min_wrds: 3\n"))
    with pytest.raises(ConfigError) as exc:
        checks.select(cfg.select, cfg.exclude, cfg.severity, cfg.options, cfg.where)
    assert ":4:" in str(exc.value) and "min_wrds" in str(exc.value) and "min_words" in str(exc.value)
    cfg = load_config(write(tmp_path, "checks:\n  options:\n    MP01:\n      min_words: 3\n"))
    sel = {s.spec.code: s for s in checks.select(cfg.select, cfg.exclude, cfg.severity, cfg.options, cfg.where)}
    assert sel["MP01"].options.min_words == 3


def test_select_by_code_name_group_and_glob() -> None:
    assert checks.resolve(["MP01"]) == {"MP01"}
    assert checks.resolve(["coverage.missing-in-source"]) == {"MP02"}
    assert {"MP01", "MP02", "MP03"} <= checks.resolve(["coverage"])
    assert checks.resolve(["MP0[12]"]) == {"MP01", "MP02"}
    with pytest.raises(ConfigError, match="unknown check 'XX99'"):
        checks.resolve(["XX99"])


def test_severity_override_and_fail_level() -> None:
    sel = {s.spec.code: s for s in checks.select(("all",), (), {"MP03": "error"})}
    assert sel["MP03"].severity.label == "error"
    assert Config(fail_on="never").fail_level() is None
