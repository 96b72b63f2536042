"""A small view model of a Result for the HTML report: rows, pieces of text and findings, all plain values.

The template only loops and prints; every decision (which row a finding belongs to, which characters of a
segment it covers, what a gap looks like) is made here, in Python, where it can be tested without a browser.
This is Vale's ``cmd/vale/custom.go::Data`` idea: the template receives data, never the pipeline's objects.

Highlights are computed from raw-file offsets: a segment's text is the block's visible text (markup removed,
whitespace collapsed), and ``Block.offsets`` maps each of its characters back to the raw file, which is
where a finding's ``Location.start``/``end`` point. So a highlight covers exactly the characters the
finding names, on both sides, whatever the input format.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..model import Document, Finding, Link, Location, PairResult, Result, Segment

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Piece:
    """A run of characters of one cell that the same findings cover (none = plain text)."""

    text: str
    findings: tuple[str, ...] = ()  # finding ids, e.g. "f3"
    severity: str = ""              # the highest severity among them, for the colour
    code: bool = False              # a code span or a code block: shown in a fixed-width font


@dataclass(frozen=True)
class Cell:
    """One side of a row: the pieces of its segments, or a gap."""

    pieces: tuple[Piece, ...]
    gap: bool
    first_line: int = 0


@dataclass(frozen=True)
class FindingView:
    """One finding as the report shows it."""

    id: str
    code: str
    name: str
    severity: str
    message: str
    suggestion: str
    where: str        # "line 83:1 (source 34:1)"
    row: str          # id of the row it is shown in ("" = not placed on a row)
    fingerprint: str


@dataclass(frozen=True)
class Row:
    """One link of the alignment: source cell, score, target cell, and the findings shown under it."""

    id: str
    number: int
    source: Cell
    target: Cell
    score: float
    kind: str                      # "aligned", "moved" (target out of order), "gap-source" (no target), "gap-target" (no source)
    findings: tuple[FindingView, ...]
    codes: tuple[str, ...]
    severities: tuple[str, ...]


@dataclass(frozen=True)
class SharedView:
    """A block that belongs to neither version (image, marker, bibliography), shown for completeness."""

    role: str
    line: int
    text: str


@dataclass(frozen=True)
class PairView:
    """Everything the template needs for one pair."""

    slug: str
    title: str
    source_path: str
    target_path: str
    source_lang: str
    target_lang: str
    coverage: float
    rows: tuple[Row, ...]
    findings: tuple[FindingView, ...]
    unplaced: tuple[FindingView, ...]
    by_severity: tuple[tuple[str, int], ...]
    by_check: tuple[tuple[str, str, str, int], ...]  # code, name, description, count
    shared: tuple[SharedView, ...]
    notices: tuple[str, ...]


@dataclass(frozen=True)
class ReportView:
    """The whole report: pairs, the checks that ran, the signature."""

    pairs: tuple[PairView, ...]
    signature: str
    version: str
    baselined: int
    checks: tuple[tuple[str, str, str, str], ...]

    @property
    def total(self) -> int:
        """Number of findings over all pairs."""
        return sum(len(p.findings) for p in self.pairs)


def slug(p: PairResult, index: int) -> str:
    """A file-name-safe, unique name for a pair's own report page."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", p.target.path.rsplit("/", 1)[-1]).strip("._") or "pair"
    return f"{index:03d}_{stem}"


def _char_offsets(seg: Segment, doc: Document) -> list[int]:
    """Raw-file offset of each character of a segment's text."""
    block = next((b for b in doc.blocks if b.index == seg.block), None)
    if block is None or not block.offsets:
        return [seg.span.start + i for i in range(len(seg.text))]
    return [block.raw_offset(seg.block_offset + i) for i in range(len(seg.text))]


def _covers(loc: Location | None, offset: int) -> bool:
    return loc is not None and loc.start <= offset < max(loc.end, loc.start + 1)


_CODE_SPAN = re.compile(r"`[^`\n]+`")


def _cell(segs: tuple[Segment, ...], doc: Document, marks: list[tuple[str, str, Location]]) -> Cell:
    """Split the segments' text into pieces by which findings cover each character."""
    if not segs:
        return Cell((), True)
    pieces: list[Piece] = []
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    for n, seg in enumerate(segs):
        if n:
            pieces.append(Piece(" "))
        offsets = _char_offsets(seg, doc)
        code = [seg.kind == "code"] * len(seg.text)
        for m in _CODE_SPAN.finditer(seg.text):
            code[m.start():m.end()] = [True] * (m.end() - m.start())
        cur: tuple[tuple[str, ...], str, bool] = ((), "", False)
        buf: list[str] = []
        for ch, off, in_code in zip(seg.text, offsets, code, strict=False):
            hits = [(fid, sev) for fid, sev, loc in marks if _covers(loc, off)]
            ids = tuple(fid for fid, _ in hits)
            sev = min((s for _, s in hits), key=lambda s: rank[s], default="")
            if (ids, in_code) != (cur[0], cur[2]) and buf:
                pieces.append(Piece("".join(buf), *cur))
                buf = []
            cur = (ids, sev, in_code)
            buf.append(ch)
        if buf:
            pieces.append(Piece("".join(buf), *cur))
    return Cell(tuple(pieces), False, segs[0].span.line)


def _where(f: Finding) -> str:
    loc = f.primary
    if loc is None:
        return ""
    text = f"line {loc.line}:{loc.column}"
    if f.source is not None and loc is f.target:
        text += f" (source {f.source.line}:{f.source.column})"
    return text


class _Bounds:
    """First and last raw offset of each segment, computed once per pair (every finding meets every link)."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], tuple[int, int]] = {}

    def of(self, seg: Segment, doc: Document) -> tuple[int, int]:
        key = (seg.side, seg.id)
        hit = self._cache.get(key)
        if hit is None:
            offs = _char_offsets(seg, doc)
            hit = (offs[0], offs[-1]) if offs else (seg.span.start, seg.span.start - 1)
            self._cache[key] = hit
        return hit

    def overlaps(self, loc: Location | None, segs: tuple[Segment, ...], doc: Document) -> bool:
        """True when ``loc`` touches any character of ``segs``."""
        if loc is None or not segs:
            return False
        end = max(loc.end, loc.start + 1)
        for s in segs:
            first, last = self.of(s, doc)
            if loc.start <= last and first < end:
                return True
        return False


def _row_of(f: Finding, links: tuple[Link, ...], p: PairResult, bounds: _Bounds) -> int | None:
    """Index of the first link whose segments overlap the finding (target side first, then source)."""
    for side, loc in (("target", f.target), ("source", f.source)):
        if loc is None:
            continue
        doc = p.target if side == "target" else p.source
        for i, link in enumerate(links):
            if bounds.overlaps(loc, link.target if side == "target" else link.source, doc):
                return i
    return None


def pair_view(p: PairResult, index: int, descriptions: dict[str, tuple[str, str]]) -> PairView:
    """Build the view of one pair."""
    links = p.alignment.links
    bounds = _Bounds()
    placed: dict[int, list[FindingView]] = {}
    views: list[FindingView] = []
    unplaced: list[FindingView] = []
    marks_src: list[tuple[str, str, Location]] = []
    marks_tgt: list[tuple[str, str, Location]] = []
    for n, f in enumerate(p.findings):
        fid = f"p{index}f{n + 1}"
        row = _row_of(f, links, p, bounds)
        view = FindingView(fid, f.code, f.name, f.severity.label, f.message, f.suggestion or "", _where(f),
                           f"p{index}r{row + 1}" if row is not None else "", f.fingerprint)
        views.append(view)
        (placed.setdefault(row, []) if row is not None else unplaced).append(view)
        if f.source is not None:
            marks_src.append((fid, f.severity.label, f.source))
        if f.target is not None:
            marks_tgt.append((fid, f.severity.label, f.target))
    # The jump list follows the page (and j/k): findings off the rows first, then row by row.
    order = {v.id: n for n, v in enumerate([*unplaced, *(v for i in sorted(placed) for v in placed[i])])}
    views.sort(key=lambda v: order[v.id])
    rows: list[Row] = []
    for i, link in enumerate(links):
        fs = tuple(placed.get(i, ()))
        kind = "gap-source" if not link.target else "gap-target" if not link.source else "moved" if link.moved else "aligned"
        rows.append(Row(
            id=f"p{index}r{i + 1}", number=i + 1,
            source=_cell(link.source, p.source, [m for m in marks_src if bounds.overlaps(m[2], link.source, p.source)]),
            target=_cell(link.target, p.target, [m for m in marks_tgt if bounds.overlaps(m[2], link.target, p.target)]),
            score=link.score, kind=kind, findings=fs,
            codes=tuple(sorted({f.code for f in fs})), severities=tuple(sorted({f.severity for f in fs})),
        ))
    sev = Counter(f.severity.label for f in p.findings)
    codes = Counter(f.code for f in p.findings)
    names = {f.code: f.name for f in p.findings}
    by_check = tuple((c, descriptions.get(c, (names.get(c, ""), ""))[0], descriptions.get(c, ("", ""))[1], n)
                     for c, n in sorted(codes.items()))
    title = p.source.path if p.source.path == p.target.path else f"{p.source.path} ↔ {p.target.path}"
    return PairView(
        slug=slug(p, index), title=title, source_path=p.source.path, target_path=p.target.path,
        source_lang=p.source.lang, target_lang=p.target.lang, coverage=p.alignment.coverage,
        rows=tuple(rows), findings=tuple(views), unplaced=tuple(unplaced),
        by_severity=tuple((s, sev.get(s, 0)) for s in SEVERITIES), by_check=by_check,
        shared=tuple(SharedView(role, b.span.line, b.text) for role, b in p.shared_blocks),
        notices=p.notices,
    )


def report_view(result: Result, version: str) -> ReportView:
    """Build the view of a whole result."""
    descriptions = {code: (name, desc) for code, name, _sev, desc in result.checks}
    pairs = tuple(pair_view(p, i + 1, descriptions) for i, p in enumerate(result.pairs))
    return ReportView(pairs, result.signature, version, result.baselined, result.checks)
