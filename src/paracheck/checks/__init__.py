"""The check registry: every check has one code, a dotted name, groups, a default severity and typed options.

A check is a plain function registered with :func:`register`. It receives the narrowest input that works
(one link and a context, or the whole pair for checks that look across links) and yields :class:`Problem`
values; the runner turns them into :class:`~paracheck.model.Finding` with the code, name and the severity
the configuration gives. Checks never raise to report a problem, never re-segment and never re-embed.

Selection (``select``/``exclude`` in config, or ``--select``/``--exclude``) accepts codes, names, groups and
shell-style globs, resolved in that order of precedence (codes beat names beat groups).
"""

from __future__ import annotations

import dataclasses
import fnmatch
import functools
import importlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import ConfigError
from ..model import Alignment, Document, Finding, Link, Location, Segment, Severity

# Families of checks, imported on first use (a module per family keeps each small and independent).
FAMILIES = ("coverage", "numbers", "dates", "spelling", "acronyms", "terms", "untranslated", "punctuation")

# Preconditions, as data: checks in these groups only run on links that pass the named precondition.
# A gap (no counterpart) or a link scoring below ``min_score`` says the alignment is not trustworthy there,
# and one missing paragraph must give one finding, not a dozen.
PRECONDITIONS: dict[str, str] = {"content": "aligned"}

# When a more specific check and a general one flag the very same span, the editor needs one finding: the
# specific one (a misspelled month is a date typo with its suggestion, not also an unknown word).
SUPERSEDES: dict[str, tuple[str, ...]] = {"DT02": ("TY01", "TY02"), "AC01": ("TY01",), "AC02": ("TY01",)}
UNTRANSLATED = "UT01"  # its findings hide the content findings inside the same link (see _drop_superseded)


@dataclass(frozen=True)
class Problem:
    """What a check reports, before the runner gives it a code, name and configured severity.

    ``source``/``target`` are segments; ``source_range``/``target_range`` are character ranges inside the
    segment's text that the problem is about (None = the whole segment).
    """

    message: str
    source: Segment | tuple[Segment, ...] | None = None
    target: Segment | tuple[Segment, ...] | None = None
    source_range: tuple[int, int] | None = None
    target_range: tuple[int, int] | None = None
    evidence: tuple[str, ...] = ()
    suggestion: str | None = None
    severity: Severity | None = None  # only to lower/raise relative to the check's own default


@dataclass(frozen=True)
class Context:
    """What a check may look at besides its link: the two documents and the whole alignment."""

    source: Document
    target: Document
    alignment: Alignment
    min_score: float
    resources: Mapping[str, Any] = field(default_factory=dict)


def only_next_door(link: Link, ctx: Context, side: str, has: Callable[[tuple[Segment, ...]], bool]) -> bool:
    """True when a link next to ``link`` satisfies ``has`` on the side opposite ``side``, and not on ``side``.

    Why: the two versions end a sentence at different places, and the alignment cannot link half a sentence;
    what one side of a link seems to lack then sits in the next link, unpaired there too. A check about to
    report a name or an acronym of ``side`` missing from the other side asks this first. Something the
    neighbour has on both sides belongs to that sentence and excuses nothing.
    """
    for k in ctx.alignment.neighbours(link):
        theirs, mine = (k.target, k.source) if side == "source" else (k.source, k.target)
        if has(theirs) and not has(mine):
            return True
    return False


LinkCheck = Callable[[Link, Context, Any], Iterable[Problem]]
PairCheck = Callable[[Context, Any], Iterable[Problem]]


@dataclass(frozen=True)
class NoOptions:
    """A check without options."""


@dataclass(frozen=True)
class CheckSpec:
    """A registered check."""

    code: str
    name: str
    groups: tuple[str, ...]
    severity: Severity
    options: type
    func: Callable[..., Iterable[Problem]]
    scope: str  # "link" or "pair"
    aliases: tuple[str, ...] = ()

    @property
    def description(self) -> str:
        """First line of the docstring: the one-line description shown in every report."""
        doc = (self.func.__doc__ or "").strip()
        return doc.splitlines()[0].strip() if doc else self.name

    @property
    def documentation(self) -> str:
        """The whole docstring (description, then examples)."""
        import inspect

        return inspect.cleandoc(self.func.__doc__ or "")


REGISTRY: dict[str, CheckSpec] = {}
_loaded = False


def register(code: str, name: str, groups: tuple[str, ...], severity: Severity, options: type = NoOptions,
             scope: str = "link", aliases: tuple[str, ...] = ()) -> Callable[[Callable[..., Iterable[Problem]]], Callable[..., Iterable[Problem]]]:
    """Register a check function under a code that is never reused."""

    def deco(func: Callable[..., Iterable[Problem]]) -> Callable[..., Iterable[Problem]]:
        if code in REGISTRY:
            raise RuntimeError(f"check code {code} registered twice")
        if not dataclasses.is_dataclass(options):
            raise TypeError(f"{code}: options must be a dataclass")
        REGISTRY[code] = CheckSpec(code, name, ("all", *groups), severity, options, func, scope, aliases)
        return func

    return deco


def load_all() -> dict[str, CheckSpec]:
    """Import every family module (once) and return the registry."""
    global _loaded
    if not _loaded:
        for family in FAMILIES:
            try:
                importlib.import_module(f"{__name__}.{family}")
            except ModuleNotFoundError as exc:
                if exc.name != f"{__name__}.{family}":
                    raise
        _loaded = True
    return REGISTRY


def resolve(refs: Iterable[str]) -> set[str]:
    """Codes matching each reference: a code, a name, a group, an alias, or a glob over codes and names."""
    specs = load_all()
    out: set[str] = set()
    for ref in refs:
        hits = {c for c, s in specs.items() if ref.upper() == c}
        hits = hits or {c for c, s in specs.items() if ref == s.name}
        hits = hits or {c for c, s in specs.items() if ref in s.groups}
        hits = hits or {c for c, s in specs.items() if ref.upper() in (a.upper() for a in s.aliases)}
        if not hits and any(ch in ref for ch in "*?["):
            hits = {c for c, s in specs.items() if fnmatch.fnmatchcase(c, ref.upper()) or fnmatch.fnmatchcase(s.name, ref)}
        if not hits:
            valid = ", ".join(sorted(specs))
            groups = ", ".join(sorted({g for s in specs.values() for g in s.groups}))
            raise ConfigError(f"unknown check {ref!r}; valid codes: {valid}; groups: {groups}")
        out |= hits
    return out


@dataclass(frozen=True)
class Selected:
    """A check ready to run: its spec, the severity in force and its validated options."""

    spec: CheckSpec
    severity: Severity
    options: Any


def build_options(spec: CheckSpec, raw: Mapping[str, Any], where: Callable[[str], tuple[str | None, int | None]] | None = None) -> Any:
    """Validate ``raw`` against the check's options dataclass; unknown keys and wrong types are ConfigErrors."""
    fields = {f.name: f for f in dataclasses.fields(spec.options)}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        path, line = where(key) if where else (None, None)
        if key not in fields:
            valid = ", ".join(fields) or "(none)"
            raise ConfigError(f"unknown option {key!r} for check {spec.code} ({spec.name}); valid: {valid}", path, line)
        default = getattr(spec.options(), key)
        values[key] = _coerce(value, default, f"{spec.code}.{key}", path, line)
    try:
        return spec.options(**values)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"invalid options for check {spec.code}: {exc}") from None


def _coerce(value: Any, default: Any, key: str, path: str | None, line: int | None) -> Any:
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value
    elif isinstance(default, int) and isinstance(value, int) and not isinstance(value, bool):
        return value
    elif isinstance(default, float) and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    elif isinstance(default, str) and isinstance(value, str):
        return value
    elif isinstance(default, tuple) and isinstance(value, list):
        return tuple(value)
    elif isinstance(default, Mapping) and isinstance(value, Mapping):
        return dict(value)
    elif default is None:
        return value
    raise ConfigError(f"{key} must be {type(default).__name__}, got {value!r}", path, line)


def select(include: Iterable[str] = ("all",), exclude: Iterable[str] = (), severities: Mapping[str, str] | None = None,
           options: Mapping[str, Mapping[str, Any]] | None = None,
           where: Callable[[str, str | None], tuple[str | None, int | None]] | None = None) -> list[Selected]:
    """Resolve the configured checks, their severities and options, before any document is read."""
    specs = load_all()
    chosen = resolve(include) - resolve(exclude) if exclude else resolve(include)
    sev_for: dict[str, Severity] = {}
    for ref, level in (severities or {}).items():
        try:
            level_value = Severity.parse(str(level))
        except ValueError as exc:
            path, line = where("severity", ref) if where else (None, None)
            raise ConfigError(f"checks.severity.{ref}: {exc}", path, line) from None
        for code in resolve([ref]):
            sev_for[code] = level_value
    opts_for: dict[str, Any] = {}
    for ref, raw in (options or {}).items():
        locate: Callable[[str], tuple[str | None, int | None]] | None = None
        if where is not None:
            locate = functools.partial(lambda r, key: where("options", f"{r}.{key}"), ref)
        for code in resolve([ref]):
            opts_for[code] = build_options(specs[code], raw or {}, locate)
    out = []
    for code in sorted(chosen):
        spec = specs[code]
        out.append(Selected(spec, sev_for.get(code, spec.severity), opts_for.get(code, spec.options())))
    return out


def _location(seg: Segment | tuple[Segment, ...] | None, rng: tuple[int, int] | None, doc: Document | None) -> Location | None:
    if seg is None or seg == ():
        return None
    segs = seg if isinstance(seg, tuple) else (seg,)
    first, last = segs[0], segs[-1]
    if rng is None or len(segs) > 1:
        text = " ".join(s.text for s in segs)
        return Location(first.path, first.span.line, first.span.column, text, first.span.start, last.span.end)
    a, b = rng
    start: int | None = None
    end: int | None = None
    if doc is not None:
        block = next((bl for bl in doc.blocks if bl.index == first.block), None)
        if block is not None:
            start = block.raw_offset(first.block_offset + a)
            end = block.raw_offset(first.block_offset + max(b - 1, a)) + 1
    if start is None or end is None or doc is None:
        start, end = first.span.start + a, first.span.start + b
        line, col = first.span.line, first.span.column + a
    else:
        line, col = doc.locate(start)
    return Location(first.path, line, col, first.text[a:b], start, end)


def run(selected: list[Selected], ctx: Context) -> list[Finding]:
    """Run the selected checks over the alignment; preconditions silence content checks on weak links."""
    findings: list[Finding] = []

    def emit(sel: Selected, problems: Iterable[Problem]) -> None:
        for p in problems:
            sev = sel.severity if p.severity is None else min(sel.severity, p.severity)
            findings.append(Finding(
                code=sel.spec.code, name=sel.spec.name, severity=sev, message=p.message,
                source=_location(p.source, p.source_range, ctx.source),
                target=_location(p.target, p.target_range, ctx.target),
                evidence=p.evidence, suggestion=p.suggestion,
            ))

    for sel in selected:
        if sel.spec.scope == "pair":
            emit(sel, _guard(sel, sel.spec.func(ctx, sel.options)))
    link_checks = [s for s in selected if s.spec.scope == "link"]
    for link in ctx.alignment.links:
        trusted = not link.is_gap and link.score >= ctx.min_score
        for sel in link_checks:
            if not trusted and any(g in PRECONDITIONS for g in sel.spec.groups):
                continue
            emit(sel, _guard(sel, sel.spec.func(link, ctx, sel.options), link))
    findings = _drop_superseded(findings)
    findings.sort(key=Finding.sort_key)
    return findings


def _span_key(f: Finding) -> tuple[object, ...]:
    loc = f.primary
    return (loc.path, loc.start, loc.end) if loc else ()


def _inside(loc: Location | None, outer: Location | None) -> bool:
    return (loc is not None and outer is not None and loc.path == outer.path
            and outer.start <= loc.start and loc.end <= outer.end)


def _drop_superseded(findings: list[Finding]) -> list[Finding]:
    """Remove findings that a more specific check made on the same span (see SUPERSEDES).

    A sentence left untranslated (UT01) is one finding: read with the target language's dictionary and names,
    its source-language words would raise a typo, a name or an acronym finding each, burying the one thing the
    editor has to do. Such findings inside an untranslated link are dropped; coverage findings (MP) stay.
    """
    spans: dict[tuple[object, ...], set[str]] = {}
    for f in findings:
        spans.setdefault(_span_key(f), set()).add(f.code)
    untranslated = [(f.source, f.target) for f in findings if f.code == UNTRANSLATED]
    out = []
    for f in findings:
        codes = spans[_span_key(f)]
        if any(f.code in SUPERSEDES.get(other, ()) for other in codes if other != f.code):
            continue
        if untranslated and f.code != UNTRANSLATED and not f.code.startswith("MP") and any(
                _inside(f.target, t) or (f.target is None and _inside(f.source, s)) for s, t in untranslated):
            continue
        out.append(f)
    return out


def _guard(sel: Selected, problems: Iterable[Problem], link: Link | None = None) -> Iterable[Problem]:
    """Wrap a crash inside a check with its code and the segments it was looking at."""
    try:
        yield from problems
    except Exception as exc:
        where = ""
        if link is not None:
            ids = [s.id for s in (*link.source, *link.target)]
            where = f" on segments {', '.join(ids)}"
        raise RuntimeError(f"check {sel.spec.code} ({sel.spec.name}) failed{where}: {exc}") from exc
