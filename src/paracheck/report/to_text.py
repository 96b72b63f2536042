"""Text report: one line per finding, ``path:line:col: CODE [severity] message``, then a summary.

The lines are the contract (golden tests compare them); colour is added by the CLI only on a terminal.
"""

from __future__ import annotations

import re

from ..model import Finding, Result
from .to_json import summary


def finding_line(f: Finding) -> str:
    """One finding as an editor's compiler-style line, with the other side's position after it."""
    loc = f.primary
    head = f"{loc.path}:{loc.line}:{loc.column}" if loc else "-"
    other = f.source if loc is f.target else None
    tail = f" (source {other.line}:{other.column})" if other and other.path == (loc.path if loc else None) else (
        f" (source {other.path}:{other.line}:{other.column})" if other else "")
    sugg = f" → {f.suggestion}" if f.suggestion else ""
    return f"{head}: {f.code} [{f.severity.label}] {f.message}{sugg}{tail}"


def summary_lines(result: Result) -> list[str]:
    """One line per pair (links, coverage, counts by severity), then the total and the signature."""
    lines: list[str] = []
    for p in result.pairs:
        sev = {"error": 0, "warning": 0, "info": 0}
        for f in p.findings:
            sev[f.severity.label] += 1
        links = [k for k in p.alignment.links if not k.is_gap]
        name = p.source.path if p.source.path == p.target.path else f"{p.source.path} ↔ {p.target.path}"
        lines.append(
            f"{name} ({p.source.lang}→{p.target.lang}): {len(links)} aligned links, coverage {p.alignment.coverage:.0%}, "
            f"{sev['error']} errors, {sev['warning']} warnings, {sev['info']} info"
        )
    s = summary(result)
    base = f", {s['baselined']} baselined" if s["baselined"] else ""
    lines.append(f"{s['findings']} findings in {s['pairs']} pair(s){base} · {result.signature}")
    return lines


def render(result: Result) -> str:
    """All findings of all pairs, then one summary line per pair and the signature."""
    lines: list[str] = []
    for p in result.pairs:
        for f in p.findings:
            lines.append(finding_line(f))
        for note in p.notices:
            lines.append(f"{p.source.path}: notice: {note}")
    lines += summary_lines(result)
    return "\n".join(lines) + "\n"


_COLOURS = {"error": "31", "warning": "33", "info": "36"}
_LINE = re.compile(r"^(?P<loc>\S+:\d+:\d+): (?P<code>[A-Z]+\d+) \[(?P<sev>error|warning|info)\]", re.MULTILINE)


def colourize(text: str) -> str:
    """ANSI colour for a terminal: bold location, severity in its colour. The CLI calls this only on a TTY."""
    def paint(m: re.Match[str]) -> str:
        c = _COLOURS[m.group("sev")]
        return f"\x1b[1m{m.group('loc')}\x1b[0m: \x1b[1;{c}m{m.group('code')}\x1b[0m \x1b[{c}m[{m.group('sev')}]\x1b[0m"
    return _LINE.sub(paint, text)
