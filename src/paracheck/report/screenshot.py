"""Screenshots of an HTML report in headless Chromium, for a person to look at.

    python -m paracheck.report.screenshot OUT.png [PATHS...] [--config FILE] [--finding N] [--full-page]

With no PATHS it checks the pairs of ``config.yaml`` (the seed article), renders the HTML report and saves a
PNG of it. It drives Debian's ``/usr/bin/chromium`` through Playwright (``PARACHECK_CHROMIUM`` overrides the
path); browser downloads are impossible here, so nothing is ever fetched.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps calling hosts this network refuses.
CHROMIUM_ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync")


def chromium_path() -> str:
    """The Chromium binary to drive (``PARACHECK_CHROMIUM`` or Debian's)."""
    return os.environ.get("PARACHECK_CHROMIUM", CHROMIUM)


@contextmanager
def browser() -> Iterator[Any]:
    """A launched headless Chromium (Playwright ``Browser``), closed on exit."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path(), args=list(CHROMIUM_ARGS))
        try:
            yield b
        finally:
            b.close()


def shoot(html_path: str | Path, out: str | Path, width: int = 1400, height: int = 1000, full_page: bool = False,
          finding: int = 0) -> None:
    """Open ``html_path`` from ``file://`` and save a PNG to ``out`` (``finding`` > 0: press j that many times)."""
    with browser() as b:
        page = b.new_page(viewport={"width": width, "height": height})
        page.goto(Path(html_path).resolve().as_uri())
        page.wait_for_load_state("load")
        for _ in range(finding):
            page.keyboard.press("j")
        page.screenshot(path=str(out), full_page=full_page)


def main(argv: list[str] | None = None) -> int:
    """Check, render HTML, screenshot."""
    ap = argparse.ArgumentParser(prog="python -m paracheck.report.screenshot", description=__doc__.split("\n\n")[0])
    ap.add_argument("out", help="PNG file to write")
    ap.add_argument("paths", nargs="*", help="as for `paracheck check` (default: the pairs of config.yaml)")
    ap.add_argument("--config", default=None)
    ap.add_argument("--html", default=None, help="also keep the HTML report here")
    ap.add_argument("--width", type=int, default=1400)
    ap.add_argument("--height", type=int, default=1000)
    ap.add_argument("--full-page", action="store_true")
    ap.add_argument("--finding", type=int, default=0, help="scroll to the Nth finding (as pressing j N times)")
    args = ap.parse_args(argv)
    from ..cli import main as cli_main

    with tempfile.TemporaryDirectory() as tmp:
        html = args.html or str(Path(tmp) / "report.html")
        cli_args = ["check", *args.paths, "--format", "html", "--output", html, "--fail-on", "never", "--no-progress"]
        if args.config:
            cli_args += ["--config", args.config]
        code = cli_main(cli_args)
        if code != 0:
            return code
        shoot(html, args.out, args.width, args.height, args.full_page, args.finding)
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
