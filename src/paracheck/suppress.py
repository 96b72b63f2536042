"""Inline suppression: comment directives in the documents themselves, Vale- and sqlfluff-style.

Two directives, written as HTML comments so they are invisible in rendered Markdown and HTML and read the
same in plain text::

    <!-- paracheck-disable MP01 TY01 -->   findings of these checks in the next block (paragraph, heading...)
    <!-- paracheck-disable -->             every finding in the next block
    <!-- paracheck-disable-line TY01 -->   findings on the line the comment is on (or, when the comment is
                                           alone on its line, on the next non-blank line)
    <!-- paracheck-disable-start MP01 -->  findings from here to the next ``paracheck-disable-end`` (or the
    <!-- paracheck-disable-end -->         end of the file): a section written for one audience only

Checks are named by code, dotted name or a shell glob (``TY*``). A finding is suppressed when its source or
target location overlaps the directive's scope. A directive that suppresses nothing is itself reported as
``SU01`` (like sqlfluff's unused ``noqa``), so stale suppressions do not pile up after the text is fixed; it
is only reported when at least one check it names actually ran, since a check that did not run cannot prove
the directive stale.

Directives are found in ``Document.raw`` with their offsets, and their characters are removed from the
blocks' text (:func:`strip_directives`) before segmentation, so a directive in a plain-text file is never
read as a sentence of the document.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from .model import Block, Document, Finding, Location, Severity, Span, line_col

CODE, NAME = "SU01", "suppression.unused"
DESCRIPTION = "Inline suppression that suppresses nothing (the finding it was written for is gone)."
RULE = (CODE, NAME, Severity.WARNING.label, DESCRIPTION)
DIRECTIVE = re.compile(
    r"<!--\s*paracheck-(?P<kind>disable-line|disable-start|disable-end|disable)(?![\w-])(?P<codes>[^>]*?)\s*-->")


@dataclass(frozen=True)
class Directive:
    """One suppression comment: where it is, what it names, and the raw range it covers."""

    path: str
    start: int
    end: int
    kind: str                 # "disable" (next block), "disable-line" or "disable-start" (to disable-end)
    codes: tuple[str, ...]    # empty = every check
    text: str
    scope: tuple[int, int]    # raw offsets [start, end) of the block or line it covers

    def names(self, code: str, name: str) -> bool:
        """True when this directive applies to a finding of check ``code``/``name``."""
        if not self.codes:
            return True
        return any(fnmatch.fnmatchcase(code, c.upper()) or fnmatch.fnmatchcase(name, c.lower()) for c in self.codes)

    def covers(self, loc: Location | None) -> bool:
        """True when a location lies (at least partly) in this directive's scope."""
        if loc is None or loc.path != self.path:
            return False
        end = max(loc.end, loc.start + 1)
        return loc.start < self.scope[1] and self.scope[0] < end


def _line_range(raw: str, offset: int) -> tuple[int, int]:
    start = raw.rfind("\n", 0, offset) + 1
    end = raw.find("\n", offset)
    return start, len(raw) if end < 0 else end


def scan(raw: str, path: str, blocks: Sequence[Block]) -> list[Directive]:
    """Every directive of one file, each with the scope it covers (``blocks``: all blocks of that file)."""
    found = list(DIRECTIVE.finditer(raw))
    if not found:
        return []
    spans = [(m.start(), m.end()) for m in found]
    ordered = sorted(blocks, key=lambda b: b.span.start)
    out: list[Directive] = []
    ends = [m.start() for m in found if m.group("kind") == "disable-end"]
    for m in found:
        codes = tuple(c for c in re.split(r"[\s,]+", m.group("codes")) if c)
        if m.group("kind") == "disable-end":
            continue
        if m.group("kind") == "disable-start":
            scope = (m.end(), next((e for e in ends if e > m.end()), len(raw)))
        elif m.group("kind") == "disable":
            nxt = next((b for b in ordered if b.span.start >= m.end()), None)
            scope = (nxt.span.start, nxt.span.end) if nxt else (m.end(), m.end())
        else:
            start, end = _line_range(raw, m.start())
            rest = DIRECTIVE.sub("", raw[start:end]).strip()
            if not rest:  # alone on its line: the next non-blank line
                pos = end + 1
                while pos < len(raw):
                    ls, le = _line_range(raw, pos)
                    if raw[ls:le].strip() and not any(a <= ls and le <= b for a, b in spans):
                        start, end = ls, le
                        break
                    pos = le + 1
                else:
                    start = end = len(raw)
            scope = (start, end)
        out.append(Directive(path, m.start(), m.end(), m.group("kind"), codes, m.group(0), scope))
    return out


def _strip_block(block: Block, ranges: list[tuple[int, int]], raw: str) -> Block | None:
    if not block.offsets or not any(a < block.span.end and block.span.start < b for a, b in ranges):
        return block
    chars: list[str] = []
    offs: list[int] = []
    for ch, off in zip(block.text, block.offsets, strict=False):
        if any(a <= off < b for a, b in ranges):
            continue
        if ch == " " and (not chars or chars[-1] == " "):
            continue
        chars.append(ch)
        offs.append(off)
    while chars and chars[-1] == " ":
        chars.pop()
        offs.pop()
    if not chars:
        return None
    line, col = line_col(raw, offs[0])
    return Block(block.index, block.kind, "".join(chars), Span(offs[0], offs[-1] + 1, line, col), tuple(offs))


def strip_directives(doc: Document) -> Document:
    """The document with directive comments removed from its blocks' text (blocks left empty are dropped)."""
    ranges = [(m.start(), m.end()) for m in DIRECTIVE.finditer(doc.raw)]
    if not ranges:
        return doc
    blocks = tuple(b for b in (_strip_block(b, ranges, doc.raw) for b in doc.blocks) if b is not None)
    return replace(doc, blocks=blocks) if blocks else doc


def _location(d: Directive, doc: Document) -> Location:
    line, col = doc.locate(d.start)
    return Location(d.path, line, col, d.text, d.start, d.end)


@dataclass(frozen=True)
class Outcome:
    """Findings kept, findings suppressed, and one SU01 finding per unused directive."""

    kept: tuple[Finding, ...]
    suppressed: tuple[Finding, ...]
    unused: tuple[Finding, ...]


def apply(findings: Iterable[Finding], source: Document, target: Document, ran: Iterable[tuple[str, str]]) -> Outcome:
    """Suppress the findings that a directive in either document covers; report unused directives.

    ``ran`` holds (code, name) of every check that ran, to tell a stale directive from one whose check
    simply was not selected.
    """
    docs = [source] if source.path == target.path and source.raw == target.raw else [source, target]
    directives: list[tuple[Directive, Document]] = []
    for doc in docs:
        blocks = [*source.blocks, *target.blocks] if len(docs) == 1 else list(doc.blocks)
        directives += [(d, doc) for d in scan(doc.raw, doc.path, blocks)]
    findings = tuple(findings)
    if not directives:
        return Outcome(findings, (), ())
    used: set[int] = set()
    kept: list[Finding] = []
    suppressed: list[Finding] = []
    for f in findings:
        hit = [i for i, (d, _) in enumerate(directives) if d.names(f.code, f.name) and (d.covers(f.source) or d.covers(f.target))]
        used.update(hit)
        (suppressed if hit else kept).append(f)
    ran = tuple(ran)
    unused: list[Finding] = []
    for i, (d, doc) in enumerate(directives):
        if i in used or not any(d.names(code, name) for code, name in ran):
            continue
        loc = _location(d, doc)
        on_target = doc is target if len(docs) == 2 else any(
            b.span.start < max(d.scope[1], d.scope[0] + 1) and d.scope[0] < b.span.end for b in target.blocks)
        what = " ".join(d.codes) if d.codes else "any check"
        scope = {"disable": "the next block", "disable-line": "its line"}.get(d.kind, "its section")
        unused.append(Finding(
            code=CODE, name=NAME, severity=Severity.WARNING,
            message=f"unused suppression: no finding of {what} in {scope}; delete the comment",
            source=None if on_target else loc, target=loc if on_target else None, evidence=(d.text,),
        ))
    return Outcome(tuple(kept), tuple(suppressed), tuple(unused))
