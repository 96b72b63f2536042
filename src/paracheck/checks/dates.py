"""Dates: a date that changed, a misspelled month, a date or time expression present on one side only.

Month and weekday names come from CLDR (babel) for each side's language, so ``27 gennaio 2025`` (it) and
``January 27th, 2025`` (en) are the same date, and ``lunedì`` is ``Monday``. Relative expressions ("this
week", "ieri", "l'année dernière") are CLDR's relative date fields. A month misspelled on one side ("Janury")
is read as the month it was meant to be, so the date still matches, and reported once as a typo.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Link, Segment, Severity
from . import Context, NoOptions, Problem, register
from ._datefind import UNREPORTED, DateMention, Relative, Typo, counted_key, find, fold, month_typos, month_typos_map, names, relatives


@dataclass(frozen=True)
class DateComparison:
    """What comparing the dates of one link found (each item: segment index and mention)."""

    mismatched: tuple[tuple[int, DateMention, int, DateMention], ...] = ()
    missing: tuple[tuple[str, int, DateMention], ...] = ()        # full dates on one side only
    time_missing: tuple[tuple[str, int, DateMention | Relative], ...] = ()  # weekdays, bare months, relatives


def _mentions(segs: tuple[Segment, ...]) -> list[tuple[int, DateMention]]:
    return [(i, d) for i, s in enumerate(segs) for d in find(s.text, s.lang, month_typos_map(s.text, s.lang))]


def _fields(d: DateMention) -> dict[str, int]:
    return {k: v for k, v in (("day", d.day), ("month", d.month), ("year", d.year), ("weekday", d.weekday)) if v is not None}


def _compatible(a: DateMention, b: DateMention, exact: bool) -> bool:
    fa, fb = _fields(a), _fields(b)
    variants_a = [fa] + ([{**fa, "month": a.alt_month_day[0], "day": a.alt_month_day[1]}] if a.alt_month_day else [])
    variants_b = [fb] + ([{**fb, "month": b.alt_month_day[0], "day": b.alt_month_day[1]}] if b.alt_month_day else [])
    # the night before a weekday is also the evening of the day before it (Saturday night = Nacht auf Sonntag)
    variants_a += [{**fa, "weekday": (a.weekday - 1) % 7}] if a.eve and a.weekday is not None else []
    variants_b += [{**fb, "weekday": (b.weekday - 1) % 7}] if b.eve and b.weekday is not None else []
    for va in variants_a:
        for vb in variants_b:
            shared = va.keys() & vb.keys()
            if exact and va.keys() != vb.keys():
                continue
            if shared and all(va[k] == vb[k] for k in shared):
                return True
    return False


def _related(a: DateMention, b: DateMention) -> bool:
    """Two unmatched mentions that are probably the same date written differently (a changed month or day)."""
    if a.is_date and b.is_date:
        return True
    if a.weekday is not None and b.weekday is not None:
        return True
    return a.month is not None and b.month is not None


@functools.lru_cache(maxsize=512)
def compare(link: Link) -> DateComparison:
    """Pair the date mentions and relative time expressions of both sides of a link."""
    S, T = _mentions(link.source), _mentions(link.target)
    ms: set[int] = set()
    mt: set[int] = set()
    for exact in (True, False):
        for i, (_, s) in enumerate(S):
            if i in ms:
                continue
            for j, (_, t) in enumerate(T):
                if j not in mt and _compatible(s, t, exact):
                    ms.add(i)
                    mt.add(j)
                    break
    us = [x for i, x in enumerate(S) if i not in ms]
    ut = [x for j, x in enumerate(T) if j not in mt]
    mismatched = []
    for si, s in list(us):
        hit = next(((ti, t) for ti, t in ut if _related(s, t)), None)
        if hit is not None:
            mismatched.append((si, s, hit[0], hit[1]))
            us.remove((si, s))
            ut.remove(hit)
    missing: list[tuple[str, int, DateMention]] = []
    time_missing: list[tuple[str, int, DateMention | Relative]] = []
    folded = {"source": fold(" ".join(x.text for x in link.source)), "target": fold(" ".join(x.text for x in link.target))}
    for side, rest in (("source", us), ("target", ut)):
        other = "target" if side == "source" else "source"
        for i, d in rest:
            if d.typo and not d.is_date:
                continue  # a misspelled bare month is DT02's finding; its absence on the other side is not news
            if not d.is_date and _named_inside(d, folded[other], (link.target if side == "source" else link.source)):
                continue  # "Sunday-school" / "Sonntagsschule": the name is inside a compound on the other side
            if d.is_date and _elliptical(d, T if side == "source" else S, link.target if side == "source" else link.source):
                continue  # "am 10. und 11. Juli" = "le 10 juillet ... le 11": the month is said once
            if d.is_date:
                missing.append((side, i, d))
            else:
                time_missing.append((side, i, d))
    rs = [(i, r) for i, s in enumerate(link.source) for r in relatives(s.text, s.lang)]
    rt = [(i, r) for i, s in enumerate(link.target) for r in relatives(s.text, s.lang)]
    have_s, have_t = Counter(counted_key(r.key) for _, r in rs), Counter(counted_key(r.key) for _, r in rt)
    for side, rel, counts in (("source", rs, have_t), ("target", rt, have_s)):
        left = Counter(counts)
        for i, r in rel:
            if left[counted_key(r.key)] > 0:
                left[counted_key(r.key)] -= 1
            elif r.key not in UNREPORTED:  # "today" is as often "nowadays" (heute, oggi, aujourd'hui): it counts, never reported
                time_missing.append((side, i, r))
    return DateComparison(tuple(mismatched), tuple(missing), tuple(time_missing))


def _elliptical(d: DateMention, other: list[tuple[int, DateMention]], segs: tuple[Segment, ...]) -> bool:
    """True when the other side names a month in another date and gives this day as a bare number.

    A second date in the same month is often written with its day alone ("le 10 juillet ... et le 11 au
    matin"); the day is there, the month is understood (if that month is wrong, DT01 says so on the first date).
    """
    if d.day is None or d.month is None or d.year is not None:
        return False
    if not any(o.month is not None for _, o in other):
        return False
    bare = re.compile(rf"(?<![\d.,:/]){d.day}(?![\d,:/]|\.\d)")
    for i, seg in enumerate(segs):
        dates = [(o.start, o.end) for j, o in other if j == i]
        if any(not any(a <= m.start() < b for a, b in dates) for m in bare.finditer(seg.text)):
            return True
    return False


def _named_inside(d: DateMention, other_text: str, other: tuple[Segment, ...]) -> bool:
    """True when the other side spells the same weekday or month inside a longer word."""
    if not other:
        return False
    wide, _, days, _ = names(other[0].lang)
    table = days if d.weekday is not None else wide
    value = d.weekday if d.weekday is not None else d.month
    return any(v == value and len(n) >= 4 and n in other_text for n, v in table.items())


def _show(d: DateMention, lang: str = "") -> str:
    """The date as written, without the full stop that ends a sentence after it ("12 maggio." is "12 maggio")."""
    text = d.text.strip()
    if text.endswith(".") and lang:
        last = fold(text[:-1].split()[-1]) if text[:-1].split() else ""
        wide, _, days, _ = names(lang)
        if last in wide or last in days or last.isdigit():
            return text[:-1]
    return text


@register("DT01", "dates.mismatch", ("dates", "content"), Severity.ERROR, NoOptions)
def date_mismatch(link: Link, ctx: Context, opts: NoOptions) -> Iterable[Problem]:
    """A date, month or weekday differs between source and translation.

    Day, month, year and weekday are compared across languages through CLDR month and weekday names.

    Anti-pattern: "27 gennaio 2025" → "January 28th, 2025"; "lunedì" → "on Tuesday".
    Best practice: "27 gennaio 2025" → "January 27th, 2025"; "lunedì" → "on Monday".
    """
    for si, s, ti, t in compare(link).mismatched:
        shown = _show(s, link.source[si].lang), _show(t, link.target[ti].lang)
        yield Problem(message=f"{shown[0]} in source, {shown[1]} in target",
                      source=link.source[si], target=link.target[ti], source_range=(s.start, s.end),
                      target_range=(t.start, t.end), evidence=shown)


@register("DT02", "dates.month-typo", ("dates", "content"), Severity.WARNING, NoOptions)
def month_typo(link: Link, ctx: Context, opts: NoOptions) -> Iterable[Problem]:
    """A month or weekday name is misspelled.

    A word one edit (two for long names) from a month or weekday name of the segment's language, with the
    same first letter, that the language's hunspell dictionary does not know and that the other version does
    not contain verbatim (a name), is a typo. The date itself is still compared as the intended month.

    Anti-pattern: "Janury 27th, 2025".
    Best practice: "January 27th, 2025".
    """
    for side, segs, other in (("source", link.source, link.target), ("target", link.target, link.source)):
        other_text = " ".join(s.text for s in other)
        for seg in segs:
            for typo in month_typos(seg.text, seg.lang):
                if typo.word in other_text:
                    continue
                yield _typo_problem(side, seg, typo)


def _typo_problem(side: str, seg: Segment, typo: Typo) -> Problem:
    rng = (typo.start, typo.end)
    kwargs = {"source": seg, "source_range": rng} if side == "source" else {"target": seg, "target_range": rng}
    return Problem(message=f"«{typo.word}» in {side}: misspelled «{typo.suggestion}»?",
                   evidence=(typo.word, typo.suggestion), suggestion=typo.suggestion, **kwargs)  # type: ignore[arg-type]


@register("DT03", "dates.time-missing", ("dates", "content"), Severity.WARNING, NoOptions)
def time_missing(link: Link, ctx: Context, opts: NoOptions) -> Iterable[Problem]:
    """A time expression (weekday, month, "this week", "yesterday") appears on one side only.

    Anti-pattern: "accordi raggiunti di recente" → "agreements reached this week".
    Best practice: "accordi raggiunti questa settimana" → "agreements reached this week".
    """
    for side, i, item in compare(link).time_missing:
        if not _twin_next_door(link, ctx, side, item):
            yield _one_side(link, side, i, item, "time expression")


@register("DT04", "dates.missing", ("dates", "content"), Severity.WARNING, NoOptions)
def date_missing(link: Link, ctx: Context, opts: NoOptions) -> Iterable[Problem]:
    """A date appears on one side only.

    Anti-pattern: "Lavrov ha spiegato nell'ottobre 2024" → "Lavrov explained".
    Best practice: "Lavrov ha spiegato nell'ottobre 2024" → "Lavrov explained in October 2024".
    """
    for side, i, item in compare(link).missing:
        if not _twin_next_door(link, ctx, side, item):
            yield _one_side(link, side, i, item, "date")


def _twin_next_door(link: Link, ctx: Context, side: str, item: DateMention | Relative) -> bool:
    """True when a neighbouring link leaves the same date or expression unpaired on the other side.

    The versions end a sentence at different places, so the date sits in the next link: it is not missing,
    as with numbers (NM02). An expression the neighbour pairs on both sides belongs to that sentence.
    """
    other = "target" if side == "source" else "source"
    for k in ctx.alignment.neighbours(link):
        near = compare(k)
        for s2, _, d in (*near.missing, *near.time_missing):
            if s2 != other:
                continue
            if isinstance(item, Relative) and isinstance(d, Relative) and counted_key(d.key) == counted_key(item.key):
                return True
            if isinstance(item, DateMention) and isinstance(d, DateMention):
                a, b = (item, d) if side == "source" else (d, item)
                if _compatible(a, b, False):
                    return True
    return False


def _one_side(link: Link, side: str, i: int, item: DateMention | Relative, what: str) -> Problem:
    other = "target" if side == "source" else "source"
    seg = (link.source if side == "source" else link.target)[i]
    rng = (item.start, item.end)
    message = f"{what} «{item.text.strip()}» in {side} has no counterpart in {other}"
    if side == "source":
        return Problem(message=message, source=seg, target=link.target, source_range=rng, evidence=(side, item.text))
    return Problem(message=message, source=link.source, target=seg, target_range=rng, evidence=(side, item.text))


__all__ = ["compare", "fold", "names"]
