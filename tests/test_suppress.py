"""Inline suppression directives in Markdown, HTML and plain text; unused ones reported as SU01."""

from __future__ import annotations

from pathlib import Path

import pytest

from paracheck.load import parse
from paracheck.suppress import scan, strip_directives

TARGET = """The annual report

In 2023 revenue grew by 12% and reached 4.5 million euros.

The board will meet on 15 March 2024.
"""
UNTRANSLATED = "Questo paragrafo non è stato tradotto e manca nella versione inglese."


def _source(directive: str, where: str = "before") -> str:
    para = UNTRANSLATED
    if where == "before":
        para = f"{directive}\n{UNTRANSLATED}"
    elif where == "inline":
        para = f"{UNTRANSLATED} {directive}"
    return ("Il rapporto annuale\n\nNel 2023 il fatturato è cresciuto del 12% e ha raggiunto 4,5 milioni di euro.\n\n"
            f"{para}\n\nIl consiglio si riunirà il 15 marzo 2024.\n")


def _check(run_cli, tmp: Path, source: str, ext: str = "txt", target: str = TARGET) -> tuple[int, str]:
    if ext == "html":
        source = "<html><body>" + "".join(f"<p>{p}</p>\n" for p in source.split("\n\n")) + "</body></html>"
        target = "<html><body>" + "".join(f"<p>{p}</p>\n" for p in target.split("\n\n")) + "</body></html>"
    (tmp / f"doc.it.{ext}").write_text(source, encoding="utf-8")
    (tmp / f"doc.en.{ext}").write_text(target, encoding="utf-8")
    code, out, _ = run_cli("check", str(tmp / f"doc.it.{ext}"), str(tmp / f"doc.en.{ext}"), "--no-progress",
                           "--select", "coverage")
    return code, out


@pytest.mark.parametrize("ext", ["txt", "md", "html"])
def test_disable_next_block_suppresses_and_names_only_that_check(run_cli, tmp_path: Path, ext: str) -> None:
    code, out = _check(run_cli, tmp_path, _source(""), ext)
    assert code == 1 and "MP01" in out  # the untranslated paragraph, without a directive
    code, out = _check(run_cli, tmp_path, _source("<!-- paracheck-disable MP01 -->"), ext)
    assert code == 0 and "MP01" not in out and "SU01" not in out, out
    assert "paracheck-disable" not in out  # the directive never became a sentence of the document
    code, out = _check(run_cli, tmp_path, _source("<!-- paracheck-disable MP02 -->"), ext)
    assert code == 1 and "MP01" in out  # a directive for another check suppresses nothing here...
    assert "SU01" in out                # ...and is itself reported as unused


def test_disable_line_and_names_and_globs(run_cli, tmp_path: Path) -> None:
    code, out = _check(run_cli, tmp_path, _source("<!-- paracheck-disable-line coverage.missing-in-target -->", "inline"))
    assert code == 0 and "MP01" not in out and "SU01" not in out, out
    code, out = _check(run_cli, tmp_path, _source("<!-- paracheck-disable-line MP* -->", "before"))  # alone: next line
    assert code == 0 and "MP01" not in out, out
    code, out = _check(run_cli, tmp_path, _source("<!-- paracheck-disable -->"))  # no code: every check
    assert code == 0 and "MP01" not in out


def test_unused_directive_is_reported_where_it_is(run_cli, tmp_path: Path) -> None:
    target = TARGET.replace("The board", "<!-- paracheck-disable MP01 -->\nThe board")
    (tmp_path / "s.it.txt").write_text(_source(""), encoding="utf-8")
    (tmp_path / "s.en.txt").write_text(target, encoding="utf-8")
    code, out, _ = run_cli("check", str(tmp_path / "s.it.txt"), str(tmp_path / "s.en.txt"), "--no-progress",
                           "--select", "coverage", "--fail-on", "warning")
    su = [ln for ln in out.splitlines() if "SU01" in ln]
    assert code == 1 and len(su) == 1
    assert su[0].startswith(f"{tmp_path / 's.en.txt'}:5:1: SU01 [warning]")


def test_directive_for_a_check_that_did_not_run_is_not_called_unused(run_cli, tmp_path: Path) -> None:
    code, out = _check(run_cli, tmp_path, _source("<!-- paracheck-disable TY01 -->"))  # --select coverage: TY01 off
    assert "MP01" in out and "SU01" not in out


def test_scan_scopes_and_strip() -> None:
    raw = "First paragraph here.\n\n<!-- paracheck-disable NM01, DT02 -->\nSecond one.\n\nThird <!-- paracheck-disable-line -->.\n"
    doc = parse(raw, "x.txt", "en", "text")
    stripped = strip_directives(doc)
    assert [b.text for b in stripped.blocks] == ["First paragraph here.", "Second one.", "Third ."]
    # offsets still point into the raw file
    second = stripped.blocks[1]
    assert raw[second.span.start:second.span.end] == "Second one."
    d1, d2 = scan(raw, "x.txt", stripped.blocks)
    assert d1.codes == ("NM01", "DT02") and raw[d1.scope[0]:d1.scope[1]] == "Second one."
    assert d2.kind == "disable-line" and raw[d2.scope[0]:d2.scope[1]].startswith("Third")


def test_json_counts_suppressed(run_cli, tmp_path: Path) -> None:
    import json

    (tmp_path / "doc.it.txt").write_text(_source("<!-- paracheck-disable MP01 -->"), encoding="utf-8")
    (tmp_path / "doc.en.txt").write_text(TARGET, encoding="utf-8")
    code, out, _ = run_cli("check", str(tmp_path / "doc.it.txt"), str(tmp_path / "doc.en.txt"), "--no-progress",
                           "--select", "coverage", "--format", "json")
    summary = json.loads(out)["summary"]
    assert code == 0 and summary["suppressed"] == 1 and summary["findings"] == 0


def test_disable_start_end_covers_a_section_only(run_cli, tmp_path: Path) -> None:
    bio = "Lupo è uno studente di scienze politiche a Roma e scrive di Asia orientale per la rivista."
    after = "Le opinioni espresse sono dell'autore e non riflettono necessariamente quelle della redazione."
    # the section sits between two translated paragraphs, so its passage is not merged with the one after
    source = _source("").replace(UNTRANSLATED, f"<!-- paracheck-disable-start MP01 -->\n{UNTRANSLATED}\n\n{bio}\n"
                                               "<!-- paracheck-disable-end -->") + f"\n{after}\n"
    code, out = _check(run_cli, tmp_path, source)
    mp01 = [ln for ln in out.splitlines() if "MP01" in ln]
    assert code == 1 and len(mp01) == 1 and "Le opinioni" in mp01[0], out  # only the paragraph after the section
    assert "SU01" not in out
