"""HTML report: both versions side by side along the alignment, findings highlighted where they are.

One self-contained file (inline style and script, no network), readable from ``file://`` and on paper. The
template (``templates/report.html.j2``) is rendered with autoescaping on, and a Content-Security-Policy that
admits only the report's own nonce'd script: document text containing ``<script>``, ``onerror=`` or
``javascript:`` is shown as text and runs nothing.

``render`` returns one page holding every pair (what ``--output report.html`` writes); ``render_files``
returns an index page plus one page per pair (what ``--output-dir`` writes for a batch).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from functools import lru_cache

import jinja2

from .. import __version__
from ..model import Result
from .view import SEVERITIES, ReportView, report_view

INDEX_NAME = "report.html"
PAIRS_DIR = "pairs"


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    # autoescape=True unconditionally (not select_autoescape): the templates' suffix is .j2, and document
    # text must never reach the page unescaped.
    return jinja2.Environment(loader=jinja2.PackageLoader("paracheck.report", "templates"), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                              keep_trailing_newline=True)


def _nonce(view: ReportView, extra: str = "") -> str:
    """A per-report nonce for the CSP: deterministic (renderers are pure) and different for each report."""
    seed = "\x1f".join([view.signature, extra, *(p.title for p in view.pairs), *(f.fingerprint for p in view.pairs for f in p.findings)])
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()[:24]


def _page(view: ReportView, title: str, back: str = "") -> str:
    sev: Counter[str] = Counter()
    checks: Counter[str] = Counter()
    names: dict[str, tuple[str, str]] = {}
    matrix: Counter[tuple[str, str]] = Counter()  # (code, severity) -> count: a check may be re-graded per finding
    for p in view.pairs:
        sev.update(dict(p.by_severity))
        for code, name, desc, n in p.by_check:
            checks[code] += n
            names[code] = (name, desc)
        matrix.update((f.code, f.severity) for f in p.findings)
    return _env().get_template("report.html.j2").render(
        view=view, title=title, nonce=_nonce(view, title), back=back,
        totals_by_severity=[(s, sev.get(s, 0)) for s in SEVERITIES],
        totals_by_check=[(c, names[c][0], names[c][1], n) for c, n in sorted(checks.items())],
        matrix={c: [(s, matrix[(c, s)]) for s in SEVERITIES if matrix[(c, s)]] for c in checks},
    )


def render(result: Result) -> str:
    """One page with every pair of the result."""
    view = report_view(result, __version__)
    title = view.pairs[0].title if len(view.pairs) == 1 else f"{len(view.pairs)} pairs"
    return _page(view, title)


def render_files(result: Result) -> dict[str, str]:
    """Relative file name -> page: ``report.html`` linking ``pairs/<slug>.html``, one page per pair.

    With a single pair the index is the pair's report itself, so the folder always opens at ``report.html``.
    """
    view = report_view(result, __version__)
    if len(view.pairs) == 1:
        return {INDEX_NAME: _page(view, view.pairs[0].title)}
    files: dict[str, str] = {}
    links: dict[str, str] = {}
    for pair in view.pairs:
        one = ReportView((pair,), view.signature, view.version, 0, view.checks)
        name = f"{PAIRS_DIR}/{pair.slug}.html"
        files[name] = _page(one, pair.title, back=f"../{INDEX_NAME}")
        links[pair.slug] = name
    files[INDEX_NAME] = _env().get_template("index.html.j2").render(view=view, links=links, nonce=_nonce(view, "index"))
    return files
