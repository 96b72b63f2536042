"""The HTML view model and page, without a browser: highlights at exact spans, gaps, escaping, no network."""

from __future__ import annotations

import re

import pytest

from paracheck.model import Result
from paracheck.report.to_html import render, render_files
from paracheck.report.view import report_view
from tests.test_formats import SOURCE
from tests.test_formats import TARGET as PLAIN_TARGET

# the same pair as the format tests, with markup and a script in the target text (must render as text)
TARGET = PLAIN_TARGET.replace("in Milan.", "in <b>Milan</b> <script>alert('x')</script>.")
assert TARGET != PLAIN_TARGET


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> Result:
    from paracheck import pipeline
    from paracheck.config import Config

    d = tmp_path_factory.mktemp("view")
    # plain text, where "<script>" is text to show (escaped); Markdown would drop it as inline HTML
    (d / "doc.it.txt").write_text(SOURCE, encoding="utf-8")
    (d / "doc.en.txt").write_text(TARGET, encoding="utf-8")
    return pipeline.run(Config(source_lang="it", target_lang="en"),
                        [pipeline.PairSpec(str(d / "doc.it.txt"), str(d / "doc.en.txt"))])


def test_highlights_cover_exactly_the_finding_on_both_sides(result: Result) -> None:
    view = report_view(result, "test")
    pair = view.pairs[0]
    nm = next(f for f in result.findings if f.code == "NM01")
    fv = next(v for v in pair.findings if v.code == "NM01")
    row = next(r for r in pair.rows if r.id == fv.row)
    for cell, loc in ((row.target, nm.target), (row.source, nm.source)):
        marked = "".join(p.text for p in cell.pieces if fv.id in p.findings)
        assert marked == loc.text and marked  # the exact characters the finding names
        assert all(p.severity == "error" for p in cell.pieces if fv.id in p.findings)
    assert "17" in "".join(p.text for p in row.target.pieces if fv.id in p.findings)


def test_gap_rows_and_coverage(result: Result) -> None:
    pair = report_view(result, "test").pairs[0]
    gaps = [r for r in pair.rows if r.kind == "gap-source"]
    assert len(gaps) == 1 and gaps[0].target.gap and not gaps[0].source.gap
    assert [f.code for f in gaps[0].findings] == ["MP01"]
    assert len(pair.rows) == len(result.pairs[0].alignment.links)
    assert dict(pair.by_severity)["error"] >= 2


def test_page_escapes_text_and_is_self_contained(result: Result) -> None:
    page = render(result)
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert "<b>Milan" not in page
    assert re.search(r"""(src|href)=["']?(https?:|//)""", page) is None  # nothing fetched from the network
    assert page.count("<script") == 1 and "Content-Security-Policy" in page
    nonce = re.search(r"script-src 'nonce-([0-9a-f]+)'", page).group(1)  # type: ignore[union-attr]
    assert f'<script nonce="{nonce}">' in page
    assert result.signature in page
    assert "@media print" in page


def test_render_files_one_pair_is_one_page(result: Result) -> None:
    files = render_files(result)
    assert list(files) == ["report.html"] and files["report.html"] == render(result)


def test_renderers_are_pure(result: Result) -> None:
    assert render(result) == render(result)


def test_a_moved_link_is_its_own_row_kind_with_its_score(result: Result) -> None:
    import dataclasses

    pair = result.pairs[0]
    links = list(pair.alignment.links)
    k = next(i for i, link in enumerate(links) if link.source and link.target)
    links[k] = dataclasses.replace(links[k], moved=True)
    moved = dataclasses.replace(result, pairs=(dataclasses.replace(pair, alignment=dataclasses.replace(pair.alignment, links=tuple(links))),))
    rows = report_view(moved, "test").pairs[0].rows
    assert [r.kind for r in rows].count("moved") == 1 and rows[k].kind == "moved"
    assert [r.kind for r in report_view(result, "test").pairs[0].rows].count("moved") == 0
    page = render(moved)
    row_html = page[page.index(f'id="{rows[k].id}"'):]
    assert '<tr class="link moved' in page and f'{links[k].score:.2f}' in row_html.split("</tr>")[0]


def test_code_spans_and_code_blocks_render_in_a_fixed_width_font(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from paracheck import pipeline
    from paracheck.config import Config

    (tmp_path / "g.en.md").write_text("Run `pip install x` now, then read the guide.\n\n```\nx --help\n```\n", encoding="utf-8")
    (tmp_path / "g.it.md").write_text("Eseguite `pip install x` ora, poi leggete la guida.\n\n```\nx --help\n```\n", encoding="utf-8")
    res = pipeline.run(Config(source_lang="en", target_lang="it"), [pipeline.PairSpec(str(tmp_path / "g.en.md"), str(tmp_path / "g.it.md"))])
    page = render(res)
    assert page.count("<code>`pip install x`</code>") == 2
    assert page.count("<code>x --help</code>") == 2
    cells = [p for row in report_view(res, "t").pairs[0].rows for c in (row.source, row.target) for p in c.pieces]
    assert any(p.code and p.text == "`pip install x`" for p in cells) and any(not p.code and "guida" in p.text for p in cells)
