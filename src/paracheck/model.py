"""Immutable values that flow through the pipeline.

Every stage takes values made by the stages before it and returns new ones; nothing here is mutated after
construction, which is what lets a check run on any link in any order and lets a report be rendered twice
with the same result.
"""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from .clauses import Coverage

T = TypeVar("T")


class Severity(enum.IntEnum):
    """Ordered finding levels; one threshold (``--fail-on``) turns them into an exit code."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> Severity:
        """Read a severity name as written in config or on the command line."""
        try:
            return cls[value.strip().upper()]
        except KeyError:
            valid = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {value!r} (valid: {valid})") from None

    @property
    def label(self) -> str:
        """Lower-case name used in every report."""
        return self.name.lower()


@dataclass(frozen=True)
class Span:
    """A character range of an original file, with the 1-based line and column of its start."""

    start: int
    end: int
    line: int
    column: int


@dataclass(frozen=True)
class Block:
    """A paragraph, heading, list item, caption or similar unit of a loaded file.

    ``text`` is what a reader sees (markup removed); ``offsets`` maps each character of ``text`` back to
    its offset in the raw file so that a finding inside the block can name an exact line and column.
    """

    index: int
    kind: str
    text: str
    span: Span
    offsets: tuple[int, ...] = field(repr=False, compare=False, default=())

    def raw_offset(self, i: int) -> int:
        """Offset in the raw file of character ``i`` of ``text`` (clamped to the block)."""
        if not self.offsets:
            return self.span.start + i
        if i >= len(self.offsets):
            return self.offsets[-1] + 1 if self.offsets else self.span.start
        return self.offsets[max(i, 0)]


@dataclass(frozen=True)
class Document:
    """One language version of a document: where it came from and its blocks in reading order."""

    path: str
    lang: str
    format: str
    raw: str = field(repr=False)
    blocks: tuple[Block, ...]

    def locate(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a raw-file offset."""
        return line_col(self.raw, offset)


def line_col(raw: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``raw``."""
    offset = max(0, min(offset, len(raw)))
    line = raw.count("\n", 0, offset) + 1
    last_nl = raw.rfind("\n", 0, offset)
    return line, offset - last_nl


@dataclass(frozen=True)
class Segment:
    """A sentence, or an atomic unit (title, byline, date line, reference entry), of one side."""

    id: str
    side: str  # "source" or "target"
    lang: str
    text: str
    path: str
    span: Span
    block: int
    kind: str = "sentence"
    block_offset: int = 0  # where the text starts inside its block's text (for exact columns)


@dataclass(frozen=True)
class Link:
    """Source and target segments that translate each other; one empty side means no counterpart.

    ``score`` is the similarity of the whole group; ``weakest`` the lowest similarity of any single
    member against the other side, so an untranslated sentence cannot hide inside a 2-1 merge; ``clause``
    tells, for a target shorter than expected, whether it matches one clause of the source better than the whole.
    A ``moved`` link pairs sentences that translate each other out of the documents' common order.
    """

    source: tuple[Segment, ...]
    target: tuple[Segment, ...]
    score: float
    weakest: float | None = None
    clause: Coverage | None = None  # the run of source clauses a short target matches best (clauses.py)
    moved: bool = False  # the target sits elsewhere in its document: links follow the source's order (align.find_moves)

    @property
    def is_gap(self) -> bool:
        """True when one side has no counterpart."""
        return not self.source or not self.target


@dataclass(frozen=True)
class Alignment:
    """The links of one document pair, in document order, with the settings that produced them.

    The order is the source's; a target sentence that moved stands with its source sentence (``Link.moved``),
    so the target side is in document order except for moved links.
    """

    links: tuple[Link, ...]
    skip_score: float
    embedder: str

    @property
    def coverage(self) -> float:
        """Share of segments (both sides) that have a counterpart."""
        total = sum(len(k.source) + len(k.target) for k in self.links)
        matched = sum(len(k.source) + len(k.target) for k in self.links if not k.is_gap)
        return matched / total if total else 1.0

    @cached_property
    def _positions(self) -> dict[int, int]:
        return {id(k): i for i, k in enumerate(self.links)}

    def neighbours(self, link: Link, reach: int = 1) -> tuple[Link, ...]:
        """The links up to ``reach`` before and after ``link`` (itself excluded), in document order.

        Why: a sentence boundary drawn differently in the two versions puts part of one sentence's content
        in the next link; checks that report something missing look next door first. ``link`` is found by
        identity, so it must be one of ``links`` (a copy has no neighbours).
        """
        i = self._positions.get(id(link))
        if i is None:
            return ()
        return self.links[max(0, i - reach): i] + self.links[i + 1: i + 1 + reach]

    @cached_property
    def length_ratio(self) -> float:
        """Target characters per source character over the linked segments: this pair's own expansion rate."""
        from .reference import typical_ratio

        langs = [next((seg.lang for k in self.links for seg in getattr(k, side)), "") for side in ("source", "target")]
        return length_ratio(((sum(len(s.text) for s in k.source), sum(len(t.text) for t in k.target))
                             for k in self.links if not k.is_gap), typical_ratio(*langs))


# Source characters the language pair's typical ratio counts for (about 15 sentences): a short article's own
# ratio is mostly prior, a book's its own (2,000 of 150,000 characters).
PRIOR_CHARS = 2000


def length_ratio(pairs: Iterable[tuple[int, int]], prior: float | None = None) -> float:
    """Target length per source length summed over linked (source, target) lengths; 1.0 with nothing linked.

    Why a per-pair rate: German runs longer than English, French longer than Spanish; a sentence is "short"
    only against what this translation usually does. With ``prior`` (the pair's typical ratio, see
    reference.py) the rate starts from it as if measured on :data:`PRIOR_CHARS` characters: omissions shrink a
    short document's own rate as much as the sentences they cut, and would then look normal.
    """
    src = tgt = 0.0
    for a, b in pairs:
        src, tgt = src + a, tgt + b
    if prior is not None:
        src, tgt = src + PRIOR_CHARS, tgt + PRIOR_CHARS * prior
    return tgt / src if src and tgt else 1.0


def unmatched_runs(sides: Iterable[tuple[Sequence[T], Sequence[T]]]) -> list[tuple[T, ...]]:
    """Runs of consecutive items left without counterpart, from links given as (this side, other side).

    A link with items on this side and on the other ends a run; a link empty on this side does not, so
    one missing paragraph is one run whatever the other side adds around it.
    """
    runs: list[tuple[T, ...]] = []
    current: list[T] = []
    for mine, other in sides:
        if mine and not other:
            current.extend(mine)
        elif mine:
            if current:
                runs.append(tuple(current))
            current = []
    if current:
        runs.append(tuple(current))
    return runs


@dataclass(frozen=True)
class Location:
    """Where a finding sits in a file the user edits."""

    path: str
    line: int
    column: int
    text: str
    start: int = 0
    end: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Plain form used by the JSON report."""
        return {"path": self.path, "line": self.line, "column": self.column, "text": self.text}


@dataclass(frozen=True)
class Finding:
    """One discrepancy reported by a check.

    The fingerprint is derived from the check code and the text involved, never from line numbers, so a
    baseline made today still recognises the finding after edits elsewhere in the file.
    """

    code: str
    name: str
    severity: Severity
    message: str
    source: Location | None
    target: Location | None
    evidence: tuple[str, ...] = ()
    suggestion: str | None = None

    @property
    def fingerprint(self) -> str:
        """Stable content hash: code + evidence + the text of both locations, whitespace-normalised."""
        parts = [self.code, *self.evidence]
        for loc in (self.source, self.target):
            parts.append(" ".join(loc.text.split()) if loc else "")
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]

    @property
    def primary(self) -> Location | None:
        """The location a CI annotation points at: the target when there is one (the file being translated)."""
        return self.target or self.source

    def sort_key(self) -> tuple[Any, ...]:
        """Deterministic order: by position on the primary side, then code."""
        loc = self.primary
        return (loc.path if loc else "", loc.line if loc else 0, loc.column if loc else 0, self.code, self.message)


@dataclass(frozen=True)
class PairResult:
    """Everything paracheck learned about one document pair."""

    source: Document
    target: Document
    segments: tuple[Segment, ...]
    alignment: Alignment
    findings: tuple[Finding, ...]
    suppressed: tuple[Finding, ...] = ()
    notices: tuple[str, ...] = ()
    shared_blocks: tuple[tuple[str, Block], ...] = ()


@dataclass(frozen=True)
class Result:
    """The outcome of one run over one or more pairs, with the signature that makes it reproducible."""

    pairs: tuple[PairResult, ...]
    signature: str
    checks: tuple[tuple[str, str, str, str], ...] = ()  # (code, name, severity, description)
    baselined: int = 0

    @property
    def findings(self) -> tuple[Finding, ...]:
        """All findings of all pairs."""
        return tuple(f for p in self.pairs for f in p.findings)

    def exit_code(self, fail_on: Severity | None) -> int:
        """0 when no finding reaches ``fail_on`` (None = never fail), else 1.

        Usage and input errors (exit 2) never get this far: they are raised before a Result exists.
        """
        if fail_on is None:
            return 0
        return 1 if any(f.severity >= fail_on for f in self.findings) else 0
