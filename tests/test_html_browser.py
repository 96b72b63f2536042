"""The HTML report in a real browser: Debian's headless Chromium driven by Playwright, opened from file://.

Marked ``browser``: skipped when Playwright or /usr/bin/chromium is missing (``scripts/install.sh`` installs both).
Inputs are small (a few sentences: the real embedder aligns them in well under a second, and the gap must
really be a gap), so the module runs in a few seconds.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from paracheck.report.screenshot import CHROMIUM_ARGS, chromium_path

pytestmark = pytest.mark.browser

HOSTILE = ('<img src=x onerror="window.__pwned=1;document.title=\'pwned\'">'
           "<script>window.__pwned=2</script> "
           '<a href="javascript:window.__pwned=3">link</a> <svg onload="window.__pwned=4">')


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    pw_api = pytest.importorskip("playwright.sync_api")
    if not shutil.which(chromium_path()) and not Path(chromium_path()).exists():
        pytest.skip(f"{chromium_path()} not installed (scripts/install.sh installs chromium)")
    with pw_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path(), args=list(CHROMIUM_ARGS))
        yield b
        b.close()


def _project(tmp: Path, source: str, target: str) -> Path:
    (tmp / "pairs").mkdir(parents=True)
    (tmp / "config.yaml").write_text("pairs: pairs\nsource_lang: it\ntarget_lang: en\n",
                                     encoding="utf-8")
    (tmp / "pairs" / "doc.it.txt").write_text(source, encoding="utf-8")
    (tmp / "pairs" / "doc.en.txt").write_text(target, encoding="utf-8")
    return tmp


SOURCE = """Il rapporto annuale

Nel 2023 il fatturato è cresciuto del 12% e ha raggiunto 4,5 milioni di euro.

L'azienda ha aperto tre nuove sedi a Milano, Roma e Torino.

Questo paragrafo non è stato tradotto e manca nella versione inglese.

Il consiglio si riunirà il 15 marzo 2024.
"""
TARGET = """The annual report

In 2023 revenue grew by 17% and reached 4.5 million euros.

The company opened three new offices in Milan, Rome and Turin.

The board will meet on 15 March 2024.
"""


def _open(browser: Any, html: Path) -> tuple[Any, list[str]]:
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    page.goto(html.resolve().as_uri())
    page.wait_for_load_state("load")
    return page, errors


@pytest.fixture(scope="module")
def small_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    from paracheck.cli import main

    root = _project(tmp_path_factory.mktemp("html"), SOURCE, TARGET)
    html, js = root / "out" / "r.html", root / "out" / "r.json"
    import os
    old = Path.cwd()
    os.chdir(root)
    try:
        code = main(["check", "--format", "html", "--output", str(html), "--format", "json", "--output", str(js),
                     "--no-progress"])
    finally:
        os.chdir(old)
    assert code == 1  # the untranslated paragraph is an error
    return html, json.loads(js.read_text(encoding="utf-8"))


def test_report_opens_with_rows_and_highlights(browser: Any, small_report: tuple[Path, dict[str, Any]]) -> None:
    html, data = small_report
    page, errors = _open(browser, html)
    pair = data["pairs"][0]
    assert page.locator("tr.link").count() == len(pair["links"])
    assert page.locator("tr.link.gap-source td.gap.target").count() == 1  # the untranslated paragraph, shown as a gap
    mp01 = [f for f in pair["findings"] if f["code"] == "MP01"]
    assert len(mp01) == 1
    mark = page.locator("tr.gap-source td.source mark.hl.sev-error")
    assert mark.count() == 1
    assert "Questo paragrafo non è stato tradotto" in mark.inner_text()
    li = page.locator("li.finding[data-code=MP01]")
    assert li.count() == 1 and li.first.is_visible()
    # the changed number is highlighted on both sides, on the same row as its message
    nm = page.locator("li.finding[data-code=NM01]")
    assert nm.count() == 1
    nm_id = nm.get_attribute("id")
    row = page.locator(f"tr.notes:has(#{nm_id})").get_attribute("data-row")
    src = page.locator(f"#{row} td.source mark[data-findings~={nm_id}]")
    tgt = page.locator(f"#{row} td.target mark[data-findings~={nm_id}]")
    assert "12" in src.inner_text() and "17" in tgt.inner_text()
    assert page.locator(".jump-item").count() == len(pair["findings"])
    assert errors == []


def test_filter_hides_what_it_should(browser: Any, small_report: tuple[Path, dict[str, Any]]) -> None:
    html, _ = small_report
    page, errors = _open(browser, html)
    li = page.locator("li.finding[data-code=MP01]")
    assert li.is_visible()
    page.locator("input.f-sev[value=error]").uncheck()
    assert not li.is_visible()
    assert not page.locator(".jump-item[data-code=MP01]").is_visible()
    assert all("off" in (m.get_attribute("class") or "") for m in page.locator("mark.hl.sev-error").all())
    page.locator("input.f-sev[value=error]").check()
    assert li.is_visible()
    # "only rows with findings" leaves exactly the rows that carry a visible finding
    page.locator("#only-findings").check()
    visible_rows = [r for r in page.locator("tr.link").all() if r.is_visible()]
    assert len(visible_rows) == page.locator("tr.notes").count() >= 1
    page.locator("input.f-code[value=MP01]").uncheck()
    assert not li.is_visible()
    assert errors == []


def test_keyboard_navigation(browser: Any, small_report: tuple[Path, dict[str, Any]]) -> None:
    html, data = small_report
    page, errors = _open(browser, html)
    page.keyboard.press("j")
    first = page.locator("li.finding.current")
    assert first.count() == 1
    assert page.locator("mark.hl.focus").count() >= 1
    first_id = first.get_attribute("id")
    page.keyboard.press("j")
    assert page.locator("li.finding.current").get_attribute("id") != first_id
    page.keyboard.press("k")
    assert page.locator("li.finding.current").get_attribute("id") == first_id
    page.locator("input.f-sev[value=info]").click()  # j/k still work while a filter checkbox has the focus
    page.keyboard.press("j")
    assert page.locator("li.finding.current").get_attribute("id") != first_id
    assert errors == []


def test_hostile_text_runs_nothing(browser: Any, tmp_path: Path) -> None:
    from paracheck.cli import main

    root = _project(tmp_path, SOURCE.replace("Questo paragrafo", HOSTILE + " Questo paragrafo"),
                    TARGET.replace("The board", f"The {HOSTILE} board"))
    html = root / "r.html"
    import os
    old = Path.cwd()
    os.chdir(root)
    try:
        assert main(["check", "--format", "html", "--output", str(html), "--fail-on", "never", "--no-progress"]) == 0
    finally:
        os.chdir(old)
    page, errors = _open(browser, html)
    page.keyboard.press("j")
    assert page.evaluate("window.__pwned") is None
    assert page.title().startswith("paracheck")
    assert page.locator("main img, main script, main svg, main a[href^=javascript]").count() == 0
    assert 'onerror="window.__pwned=1' in page.locator("main").inner_text()  # shown as text
    for link in page.locator("a").all():  # only in-page anchors, never javascript: or remote
        assert (link.get_attribute("href") or "").startswith("#")
    assert errors == []


def test_seed_report_side_by_side(browser: Any, seed: Path, tmp_path: Path) -> None:
    from paracheck.cli import main

    html = tmp_path / "seed.html"
    cfg = tmp_path / "config.yaml"  # the seed's languages; hashing embedder: this test is about the page, not the alignment
    cfg.write_text("source_lang: it\ntarget_lang: en\nembedder:\n  backend: hashing\n", encoding="utf-8")
    assert main(["check", str(seed), "--config", str(cfg), "--format", "html", "--output", str(html),
                 "--fail-on", "never", "--no-progress"]) == 0
    page, errors = _open(browser, html)
    assert page.locator("th", has_text="source (it)").count() == 1
    assert page.locator("th", has_text="target (en)").count() == 1
    assert page.locator("tr.link.aligned").count() > 30
    assert page.locator("td.target", has_text="Sino-Russian").count() >= 1
    assert page.locator("mark.hl").count() >= page.locator("li.finding").count() > 0
    assert errors == []
