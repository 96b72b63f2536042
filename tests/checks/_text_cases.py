"""Shared by the text-check tests (TY, AC, TM, UT, PU): YAML cases → documents, links and the real check runner.

A case is ``name: {source, target, source_lang, target_lang, expect: [codes], options?, unaligned_source?,
unaligned_target?, suggestion?}``; ``source``/``target`` are a sentence or a list of sentences forming one
link (a list of lists gives several links). Documents are built so that every finding's line and column are
real, and the checks run through :func:`paracheck.checks.run`, preconditions included.
"""

from __future__ import annotations

import functools
import io
import json
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import pytest
import yaml

from paracheck import checks
from paracheck.model import Alignment, Block, Document, Finding, Link, Segment, Span

CASES = Path(__file__).parent / "cases"


def _doc(side: str, lang: str, groups: list[list[str]]) -> tuple[Document, list[list[Segment]]]:
    raw, blocks, out = "", [], []
    n = 0
    for group in groups:
        segs = []
        for text in group:
            start = len(raw)
            line = raw.count("\n") + 1
            raw += text + "\n\n"
            blocks.append(Block(n, "paragraph", text, Span(start, start + len(text), line, 1)))
            segs.append(Segment(f"{side[0]}{n}", side, lang, text, f"{side}.txt", Span(start, start + len(text), line, 1), n))
            n += 1
        out.append(segs)
    return Document(f"{side}.txt", lang, "txt", raw, tuple(blocks)), out


def _groups(value: Any) -> list[list[str]]:
    if value is None:
        return []
    if isinstance(value, str):
        return [[value]]
    if value and all(isinstance(v, list) for v in value):
        return [list(v) for v in value]
    return [list(value)]


def run_texts(source: Any, target: Any, source_lang: str, target_lang: str, prefix: str,
              options: dict[str, Any] | None = None, unaligned_source: Any = None,
              unaligned_target: Any = None) -> list[Finding]:
    """Findings of every check whose code starts with ``prefix`` on the given sentences."""
    s_groups, t_groups = _groups(source), _groups(target)
    assert len(s_groups) == len(t_groups), "source and target must have as many links"
    extra_s = [[t] for g in _groups(unaligned_source) for t in g]
    extra_t = [[t] for g in _groups(unaligned_target) for t in g]
    sdoc, ssegs = _doc("source", source_lang, s_groups + extra_s)
    tdoc, tsegs = _doc("target", target_lang, t_groups + extra_t)
    links = [Link(tuple(s), tuple(t), 1.0, 1.0) for s, t in zip(ssegs, tsegs)]
    links += [Link(tuple(s), (), 0.0) for s in ssegs[len(s_groups):]]
    links += [Link((), tuple(t), 0.0) for t in tsegs[len(t_groups):]]
    codes = sorted(c for c in checks.load_all() if c.startswith(prefix))
    selected = checks.select(codes, options=options or {})
    ctx = checks.Context(sdoc, tdoc, Alignment(tuple(links), 0.25, "none"), 0.3)
    return checks.run(selected, ctx)


def load_cases(*prefixes: str) -> list[Any]:
    """Every named case of ``cases/<prefix>*.yml`` as a pytest param with id ``<file>_<name>``."""
    params = []
    for prefix in prefixes:
        for path in sorted(CASES.glob(f"{prefix}*.yml")):
            for name, case in yaml.safe_load(path.read_text(encoding="utf-8")).items():
                params.append(pytest.param(prefix, case, id=f"{path.stem}_{name}"))
    return params


def check_case(prefix: str, case: dict[str, Any]) -> None:
    """Run one YAML case and assert its expected codes (and suggestion, when the case names one)."""
    found = run_texts(case["source"], case["target"], case.get("source_lang", "it"), case.get("target_lang", "en"),
                      prefix, case.get("options"), case.get("unaligned_source"), case.get("unaligned_target"))
    detail = [f"{f.code}: {f.message}" for f in found]
    assert sorted(f.code for f in found) == sorted(case["expect"]), detail
    if "suggestion" in case:
        assert found and found[0].suggestion == case["suggestion"], detail
    if "flags" in case:  # the exact text each finding points at, in order
        assert [(f.primary.text if f.primary else None) for f in found] == case["flags"], detail


@functools.lru_cache(maxsize=1)
def seed_findings() -> tuple[dict[str, Any], ...]:
    """The text checks' findings on the real seed article, through the real CLI and pipeline (run once)."""
    from paracheck.cli import main

    root = Path(__file__).resolve().parents[2]
    buf = io.StringIO()
    families = ("spelling", "acronyms", "terms", "untranslated", "punctuation")
    args = ["check", str(root / "pairs" / "000_56dda6c6fdfb386a.txt"), "--config", str(root / "config.yaml"),
            "--format", "json", "--no-progress", *(x for f in families for x in ("--select", f))]
    with redirect_stdout(buf):
        code = main(args)
    assert code in (0, 1), buf.getvalue()
    return tuple(f for pair in json.loads(buf.getvalue())["pairs"] for f in pair["findings"])
