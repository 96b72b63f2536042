"""Coverage: passages of one version that have no counterpart in the other, and links too weak to trust."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..clauses import Coverage
from ..model import Segment, Severity, unmatched_runs
from . import Context, Problem, register

ATOMIC = frozenset({"title", "heading", "byline", "dateline", "caption"})


@dataclass(frozen=True)
class PassageOptions:
    """Options of the missing-passage checks."""

    min_words: int = 1             # passages shorter than this (in words) are not reported
    atomic_severity: str = "info"  # passages made only of titles, bylines and date lines
    excerpt_chars: int = 90


def _passages(ctx: Context, side: str) -> list[tuple[Segment, ...]]:
    """Runs of consecutive unaligned segments of one side (one finding per passage)."""
    links = ctx.alignment.links
    return unmatched_runs((k.source, k.target) if side == "source" else (k.target, k.source) for k in links)


def _report(ctx: Context, opts: PassageOptions, side: str) -> Iterable[Problem]:
    this_lang = ctx.source.lang if side == "source" else ctx.target.lang
    other_lang = ctx.target.lang if side == "source" else ctx.source.lang
    other_side = "target" if side == "source" else "source"
    for run in _passages(ctx, side):
        words = sum(len(s.text.split()) for s in run)
        if words < opts.min_words:
            continue
        text = " ".join(s.text for s in run)
        excerpt = text if len(text) <= opts.excerpt_chars else text[: opts.excerpt_chars - 1].rstrip() + "…"
        n = len(run)
        what = "sentence" if n == 1 else f"{n} sentences"
        message = f"{what} of the {side} ({this_lang}) with no counterpart in the {other_side} ({other_lang}): «{excerpt}»"
        other_doc = ctx.target if side == "source" else ctx.source
        if not other_doc.blocks and not other_doc.raw:  # a docs page whose translation (or source) is not written yet
            message = f"{other_doc.path} does not exist: the whole {side} ({this_lang}, {what}) has no counterpart: «{excerpt}»"
        severity = Severity.parse(opts.atomic_severity) if all(s.kind in ATOMIC for s in run) else None
        kwargs = {"source": run} if side == "source" else {"target": run}
        yield Problem(message=message, evidence=(side, text), severity=severity, **kwargs)  # type: ignore[arg-type]


@register("MP01", "coverage.missing-in-target", ("coverage",), Severity.ERROR, PassageOptions, scope="pair")
def missing_in_target(ctx: Context, opts: PassageOptions) -> Iterable[Problem]:
    """Source passage with no counterpart in the target (a sentence or paragraph left untranslated).

    Consecutive source sentences that the alignment leaves without counterpart form one passage and one
    finding. Passages made only of titles, bylines or date lines are reported at ``atomic_severity``.

    Anti-pattern: the source has a closing paragraph (an author bio) that the translation dropped.
    Best practice: translate it, or mark it ``<!-- paracheck-disable MP01 -->`` if it is meant for one
    audience only.
    """
    return _report(ctx, opts, "source")


@register("MP02", "coverage.missing-in-source", ("coverage",), Severity.ERROR, PassageOptions, scope="pair")
def missing_in_source(ctx: Context, opts: PassageOptions) -> Iterable[Problem]:
    """Target passage with no counterpart in the source (added text, or the source was cut after translation).

    Anti-pattern: the translation keeps a paragraph the source has since deleted.
    Best practice: delete it from the translation too, or restore it in the source.
    """
    return _report(ctx, opts, "target")


@dataclass(frozen=True)
class MovedOptions:
    """Options of the moved-passage check."""

    excerpt_chars: int = 90


@register("MP05", "coverage.moved", ("coverage",), Severity.WARNING, MovedOptions, scope="pair")
def moved_passage(ctx: Context, opts: MovedOptions) -> Iterable[Problem]:
    """Passage translated out of order: its translation stands elsewhere in the other version.

    A monotone alignment would report such a passage twice, as missing where the source has it and as added
    where the target has it. The aligner pairs the two instead when they match clearly (``align.move_threshold``),
    and this check reports the move once, with both places. Consecutive moved sentences are one finding.

    Anti-pattern: the source's third paragraph was moved to the end after the translation was made.
    Best practice: move the translated paragraph too, or mark the pair ``<!-- paracheck-disable MP05 -->`` if the
    order differs on purpose.
    """
    links = ctx.alignment.links
    order = {id(t): n for n, t in enumerate(sorted((t for k in links for t in k.target), key=lambda t: t.span.start))}
    blocks: list[list[int]] = []  # positions in ``links`` of consecutive moved links whose targets follow each other
    for pos, k in enumerate(links):
        if not k.moved:
            continue
        last = blocks[-1][-1] if blocks else -2
        if last == pos - 1 and order[id(k.target[0])] == order[id(links[last].target[-1])] + 1:
            blocks[-1].append(pos)
        else:
            blocks.append([pos])
    for block in blocks:
        src = tuple(s for pos in block for s in links[pos].source)
        tgt = tuple(t for pos in block for t in links[pos].target)
        before = next((k for k in reversed(links[:block[0]]) if k.target and not k.moved), None)
        text = " ".join(s.text for s in src)
        excerpt = text if len(text) <= opts.excerpt_chars else text[: opts.excerpt_chars - 1].rstrip() + "…"
        what = "sentence" if len(src) == 1 else f"{len(src)} sentences"
        where = f"after target line {before.target[-1].span.line}" if before else "at the start of the target"
        message = (f"{what} translated out of order: «{excerpt}» has its translation at target line {tgt[0].span.line}; "
                   f"in the source's order it would come {where}")
        yield Problem(message=message, source=src, target=tgt, evidence=("moved", text))


@dataclass(frozen=True)
class WeakOptions:
    """Options of the weak-link check."""

    threshold: float = 0.3          # calibrated group score (0 = random pair, 1 = typical translation)
    member_threshold: float = 0.0   # a single member of a merged group against the other side (0 = random)
    short_share: float = 0.55       # a target under this share of the length its source predicts is looked at ...
    short_min_words: int = 8        # ... when the source has at least this many words (short lines vary too much)
    short_alone: float = 0.4        # under this share the length alone says a part is missing
    clause_gain: float = 0.1        # otherwise the target must match one run of source clauses this much better than the whole


@dataclass(frozen=True)
class Weakness:
    """Why a link looks incomplete: ``kind`` is group, member, short-target or clause."""

    kind: str
    value: float


def weakness(score: float, weakest: float | None, src: str, tgt: str, ratio: float, opts: WeakOptions,
             clause: Coverage | None = None) -> Weakness | None:
    """The first reason this link may be an incomplete translation, or None.

    Three independent signals, because each misses what the others see:

    - similarity: the group scores low, or one member of a merged group does (an untranslated sentence
      inside a 2-1 merge);
    - length: a translation that lost a clause still resembles its source (the embedding of "Trade reached
      $240 billion" is close to the whole sentence), but it is much shorter than this pair's own
      characters-per-character rate predicts;
    - clauses: a short target that matches one run of its source's clauses clearly better than the whole
      source (``clause``, computed by the aligner for short targets, see clauses.py) translates that run only.

    Length alone is trusted only when the target is very short (``short_alone``): free translations of
    novels condense by a third or more without losing anything, and a short target is reported when its
    clauses say which part is missing, or when it also matches its source weakly (``threshold``). Either signal
    alone is common in a free translation; together they say a part is missing. A weak link of normal length is
    reported for its weakness only ("group"): loose, partial or misaligned. Measured (``python -m paracheck.bench partial``, see the README):
    flags on the undamaged corpora 4.9 -> 2.2 per 1000 links; cut targets found 0.613 -> 0.549, the
    precision of these findings 0.79 -> 0.89 (0.92 once real omissions of the published translations are set aside).
    Short and weak together (before: reported as a weak group): found 0.549 -> 0.634 at precision 0.923 -> 0.924;
    the weak-group flags left are 53, of which 3 hold a cut target.
    """
    share = _share(src, tgt, ratio)
    short = share is not None and share < opts.short_share and len(src.split()) >= opts.short_min_words
    # Short and weakly similar together say "part of it is missing": each alone is common in free translation.
    if short and share is not None and (share < opts.short_alone or score < opts.threshold):
        return Weakness("short-target", share)
    if score < opts.threshold:
        return Weakness("group", score)
    # A member of a legitimate 2-1 merge carries only part of the group's meaning, so it is held to a lower
    # bar than the group; a member near 0 (what random pairs score) is simply not translated.
    if weakest is not None and weakest < opts.member_threshold:
        return Weakness("member", weakest)
    if not short:
        return None
    if clause is not None and clause.gain >= opts.clause_gain:
        return Weakness("clause", clause.gain)
    return None


def _share(src: str, tgt: str, ratio: float) -> float | None:
    """Length of ``tgt`` as a share of what the document's own rate predicts from ``src`` (None: no prediction)."""
    expected = ratio * len(src)
    return len(tgt) / expected if expected > 0 and tgt else None


@register("MP03", "coverage.weak-link", ("coverage",), Severity.WARNING, WeakOptions)
def weak_link(link, ctx: Context, opts: WeakOptions) -> Iterable[Problem]:  # type: ignore[no-untyped-def]
    """Aligned sentences that match only weakly or are much shorter than expected: possibly an incomplete translation.

    A short target that also matches weakly is reported as incomplete, with its length; a weak link of ordinary
    length as a weak match (a loose or partial translation, or a misalignment).

    The score of a merged group is also taken from its weakest member, so a sentence left untranslated
    inside a 2-1 group is still caught. A target far shorter than the pair's own length ratio predicts
    (``short_alone``) is reported too: a dropped clause leaves the similarity high but the length short. A
    target merely short (``short_share``) that matches one run of its source's clauses clearly better than the
    whole (``clause_gain``) is reported with the source clauses it leaves out.

    Anti-pattern: "Trade reached 240 billion dollars in 2024, driven by energy." → "Trade reached $240 billion."
    Best practice: translate the whole sentence.
    """
    if link.is_gap:
        return
    src = " ".join(s.text for s in link.source)
    tgt = " ".join(t.text for t in link.target)
    why = weakness(link.score, link.weakest, src, tgt, ctx.alignment.length_ratio, opts, link.clause)
    if why is None:
        return
    if why.kind == "group":
        message = (f"the sentences match weakly (score {why.value:.2f} < {opts.threshold:.2f}): a partial or loose "
                   "translation, or sentences the alignment paired wrongly")
    elif why.kind == "member":
        message = (f"one sentence of this group matches the other side weakly (score {why.value:.2f} < "
                   f"{opts.member_threshold:.2f}): possibly left untranslated inside a merged translation")
    elif why.kind == "short-target":
        weakly = f" and matches it weakly (score {link.score:.2f})" if link.score < opts.threshold else ""
        message = (f"possibly incomplete translation: the target has {why.value:.0%} of the length this document's "
                   f"translation rate predicts from the source{weakly} (a clause or list item may be missing)")
    elif why.kind == "clause" and link.clause is not None:
        matched, rest = link.clause.split(src)
        message = (f"possibly incomplete translation: the target translates only part of the source "
                   f"(«{_clip(matched)}»); nothing in it matches «{_clip(rest)}»")
    yield Problem(message=message, source=link.source, target=link.target, evidence=(why.kind,))


@dataclass(frozen=True)
class LongOptions:
    """Options of the check for text added inside an aligned sentence."""

    long_share: float = 2.0         # the target is more than this multiple of the length its source predicts
    min_words: int = 8              # ... and has at least this many words (short lines vary too much)


@register("MP04", "coverage.added-in-sentence", ("coverage",), Severity.WARNING, LongOptions)
def added_in_sentence(link, ctx: Context, opts: LongOptions) -> Iterable[Problem]:  # type: ignore[no-untyped-def]
    """Aligned target much longer than its source predicts: text added inside the sentence, or the source cut after translation.

    The sentence-level counterpart of MP02, and the reverse of MP03: it says that the translation holds
    more than the source, not that it holds less, so it has its own code and can be graded apart.

    Anti-pattern: "Gli scambi crescono." → "Trade keeps growing, and in the last decade it has doubled twice."
    Best practice: bring the source up to date, or remove what the translation added.
    """
    if link.is_gap or link.score < ctx.min_score:  # a weak link is MP03's: one finding says it
        return
    src = " ".join(s.text for s in link.source)
    tgt = " ".join(t.text for t in link.target)
    share = _share(src, tgt, ctx.alignment.length_ratio)
    if share is None or share <= opts.long_share or len(tgt.split()) < opts.min_words:
        return
    message = (f"the target is {share:.1f} times the length this document's translation rate predicts from the source: "
               "text added in the target, or cut from the source after translation")
    yield Problem(message=message, source=link.source, target=link.target, evidence=("long-target",))


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
