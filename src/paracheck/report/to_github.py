"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` annotation per finding.

GitHub shows each annotation on the line of the pull request's diff it names. Values are escaped as the
runner requires (``%``, CR, LF everywhere; ``:`` and ``,`` inside properties too), so a message holding a
colon or a newline cannot end the command early or forge another one.

GitHub shows at most 10 annotations of each level per step (50 per job) on the diff; the rest stay in the log.
That is why the workflow also uploads SARIF, which code scanning lists in full.
"""

from __future__ import annotations

from ..model import Document, Finding, Result, Severity, line_col

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command property's value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(f: Finding, doc: Document | None = None) -> str:
    """The workflow command of one finding."""
    loc = f.primary
    props: list[str] = []
    if loc is not None:
        props += [f"file={escape_property(loc.path)}", f"line={loc.line}", f"col={loc.column}"]
        if doc is not None and loc.end > loc.start:
            end_line, end_col = line_col(doc.raw, loc.end)
            props += [f"endLine={end_line}", f"endColumn={end_col}"]
    props.append(f"title={escape_property(f'{f.code} {f.name}')}")
    msg = f.message + (f" (suggestion: {f.suggestion})" if f.suggestion else "")
    if f.source is not None and loc is f.target:
        msg += f" [source {f.source.line}:{f.source.column}]"
    return f"::{COMMANDS[f.severity]} {','.join(props)}::{escape_data(msg)}"


def render(result: Result) -> str:
    """All annotations, then a plain summary line for the log."""
    lines = [command(f, p.target if f.target is not None else p.source) for p in result.pairs for f in p.findings]
    base = f", {result.baselined} baselined" if result.baselined else ""
    lines.append(f"paracheck: {len(result.findings)} findings in {len(result.pairs)} pair(s){base} · {result.signature}")
    return "\n".join(lines) + "\n"
