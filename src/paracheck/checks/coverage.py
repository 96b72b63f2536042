"""Coverage: passages of one version that have no counterpart in the other, and links too weak to trust."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

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
class WeakOptions:
    """Options of the weak-link check."""

    threshold: float = 0.45         # calibrated group score (0 = random pair, 1 = typical translation)
    member_threshold: float = 0.15  # a single member of a merged group against the other side


@register("MP03", "coverage.weak-link", ("coverage",), Severity.WARNING, WeakOptions)
def weak_link(link, ctx: Context, opts: WeakOptions) -> Iterable[Problem]:  # type: ignore[no-untyped-def]
    """Aligned sentences that match only weakly: possibly an incomplete or loose translation.

    The score of a merged group is also taken from its weakest member, so a sentence left untranslated
    inside a 2-1 group is still caught.

    Anti-pattern: "Trade reached 240 billion dollars in 2024, driven by energy." → "Trade reached $240 billion."
    Best practice: translate the whole sentence.
    """
    if link.is_gap:
        return
    # A member of a legitimate 2-1 merge carries only part of the group's meaning, so it is held to a lower
    # bar than the group; a member near 0 (what random pairs score) is simply not translated.
    weakest = link.weakest if link.weakest is not None else link.score
    if link.score < opts.threshold:
        yield Problem(
            message=f"possibly incomplete translation: the sentences match weakly (score {link.score:.2f} < {opts.threshold:.2f})",
            source=link.source, target=link.target, evidence=("group",),
        )
    elif weakest < opts.member_threshold:
        yield Problem(
            message=f"one sentence of this group matches the other side weakly (score {weakest:.2f} < "
                    f"{opts.member_threshold:.2f}): possibly left untranslated inside a merged translation",
            source=link.source, target=link.target, evidence=("member",),
        )
