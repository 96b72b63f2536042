"""Markdown summary fit for a pull-request comment: a table per pair, then the findings.

Document text is escaped for GitHub-flavoured Markdown *and* HTML (PR comments render inline HTML), so a
translation holding ``<img onerror=...>`` or a ``|`` cannot break the table or inject markup. The list is cut
at ``MAX_FINDINGS`` so a comment stays under the platform's size limit; the full list is in the other reports.
"""

from __future__ import annotations

import re

from ..model import Finding, Result
from .view import SEVERITIES

MAX_FINDINGS = 50
ICONS = {"error": "🔴", "warning": "🟠", "info": "🔵"}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>])")


def escape(text: str) -> str:
    """Neutralise Markdown and HTML in document text (one line)."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def _line(f: Finding) -> str:
    loc = f.primary
    where = f"`{loc.path.replace('`', '')}:{loc.line}:{loc.column}`" if loc else ""
    sugg = f" → {escape(f.suggestion)}" if f.suggestion else ""
    return f"- {ICONS[f.severity.label]} **{f.code}** {escape(f.message)}{sugg} {where}".rstrip()


def render(result: Result) -> str:
    """The comment body."""
    total = len(result.findings)
    head = "### paracheck: " + ("no findings ✅" if total == 0 else f"{total} finding{'s' if total != 1 else ''}")
    if result.baselined:
        head += f" ({result.baselined} baselined)"
    lines = [head, "", "| pair | languages | coverage | errors | warnings | info |", "|---|---|---:|---:|---:|---:|"]
    for p in result.pairs:
        counts = {s: 0 for s in SEVERITIES}
        for f in p.findings:
            counts[f.severity.label] += 1
        name = p.source.path if p.source.path == p.target.path else f"{p.source.path} → {p.target.path}"
        lines.append(f"| {escape(name)} | {p.source.lang} → {p.target.lang} | {p.alignment.coverage:.0%} | "
                     f"{counts['error']} | {counts['warning']} | {counts['info']} |")
    findings = sorted(result.findings, key=lambda f: (-f.severity, f.sort_key()))
    if findings:
        lines += ["", "<details open><summary>Findings</summary>", ""]
        lines += [_line(f) for f in findings[:MAX_FINDINGS]]
        if len(findings) > MAX_FINDINGS:
            lines.append(f"- … and {len(findings) - MAX_FINDINGS} more (see the SARIF or HTML report)")
        lines += ["", "</details>"]
    lines += ["", f"<sub>{escape(result.signature)}</sub>"]
    return "\n".join(lines) + "\n"
