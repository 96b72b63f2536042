"""Numbers: a value changed in translation, a value present on one side only, a decimal mark of the wrong locale.

Numbers are compared by value, in both directions, per aligned link: ``36,5%`` (it) = ``36.5%`` (en),
``diciannove`` = ``nineteen``, ``XIX e XX secolo`` = ``19th and 20th centuries``, ``240 miliardi di dollari`` =
``$240 billion``. Each side is read in its own locale (CLDR), never with one decimal mark for the document.
Numbers inside dates are left to the dates checks; a date's day and year still count as counterparts here, so a
year is never reported twice. A sum's currency (symbol, ISO code or word: ``$``, ``CHF``, ``dollari``,
``долларов``) is compared on the numbers paired by value, so ``$240 billion`` against ``240 miliardi di euro`` is
one currency finding (NM04), not a changed value.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from ..model import Link, Segment, Severity
from . import Context, Problem, register
from ._datefind import find as find_dates
from ._datefind import month_typos_map
from ._numparse import Num, extract, read, show


@dataclass(frozen=True)
class NumberOptions:
    """Options shared by the number checks."""

    word_min: int = 10   # spelled-out numbers below this ("two", "un") only serve as counterparts, never reported


@dataclass(frozen=True)
class Comparison:
    """What comparing the numbers of one link found."""

    mismatched: tuple[tuple[Num, Num], ...] = ()
    missing_in_target: tuple[Num, ...] = ()
    missing_in_source: tuple[Num, ...] = ()
    wrong_format: tuple[tuple[str, Num, Num], ...] = ()   # (side whose mark is wrong, source num, target num)
    currency: tuple[tuple[Num, Num], ...] = ()   # paired numbers whose currencies differ ($240 billion / 240 miliardi di euro)


def side_numbers(segs: tuple[Segment, ...], word_min: int) -> list[Num]:
    """Numbers of one side of a link, with the day and year of each date as weak counterparts."""
    out: list[Num] = []
    for idx, seg in enumerate(segs):
        dates = [d for d in find_dates(seg.text, seg.lang, month_typos_map(seg.text, seg.lang)) if d.is_date]
        for n in extract(seg.text, seg.lang, [(d.start, d.end) for d in dates], word_min):
            out.append(dataclasses.replace(n, segment=idx))
        for d in dates:
            for part in (d.day, d.year):
                if part is not None:
                    out.append(Num(Decimal(part), d.start, d.end, str(part), d.text, "date", Decimal(part),
                                   strong=False, segment=idx))
    return out


def _format_issue(s: Num, t: Num, slang: str, tlang: str) -> str | None:
    """Which side writes an identical digit string with marks its own locale reads differently (or None)."""
    if s.raw.isdigit():
        return None
    sv, tv = read(s.raw, slang)[0], read(t.raw, tlang)[0]
    if sv == tv:
        return None
    if sv is not None and tv is None:
        return "target"
    if sv is None and tv is not None:
        return "source"
    if sv is None and tv is None:
        return None  # neither locale writes it so (a version number, Swiss 3.5 on both sides): copied verbatim
    return "target"


# "Python 3.9", "Windows 10.1", "versione 2.1", "sezione 4.2", a heading "1.2 Installation": a name, a version or
# reference word before a figure with one or two digits after its mark, or the figure opening a heading, makes it an
# identifier, written the same in every language.
_VERSION_WORDS = frozenset(
    "version versions versione versioni versión versiones versão versões versie versies release v ver rel "
    "section sections sezione sezioni sección secciones seção secções sectie secties abschnitt abschnitte "
    "chapter capitolo capítulo chapitre kapitel hoofdstuk paragraph paragrafo párrafo paragraphe absatz "
    "figure fig figura figuras abbildung abb afbeelding table tabella tabla tableau tabelle tabel tab "
    "article articolo artículo artigo artikel art step passo paso étape schritt stap appendix appendice anhang "
    "rule regola norma point punto punkt item voce".split())
_NAME_BEFORE = re.compile(r"(?<![\w.])([^\W\d_][\w+#-]*)\s+$")
_SHORT_FRACTION = re.compile(r"\d+[.,]\d{1,2}")


def _identifier(s: Num, t: Num, link: Link) -> bool:
    """True when the same figure follows the same name on both sides, or a version word on either, or sits in code.

    A quantity is localised ("36,5%" becomes "36.5%"); a version or section number is not, and a name
    carried verbatim just before the figure on both sides is what tells the two apart.
    """
    if link.source[s.segment].kind == "code" or link.target[t.segment].kind == "code":
        return True  # a code block is copied as written, never localised
    if not _SHORT_FRACTION.fullmatch(s.raw) or s.percent or t.percent:
        return False
    sides = ((s, link.source), (t, link.target))
    if any(segs[n.segment].kind == "heading" and not segs[n.segment].text[:n.start].strip(" #§") for n, segs in sides):
        return True
    before = [_NAME_BEFORE.search(segs[n.segment].text[:n.start]) for n, segs in sides]
    words = [m.group(1) if m else "" for m in before]
    if any(w.lower() in _VERSION_WORDS for w in words):
        return True
    # the same capitalised word on both sides ("Python 3.9", "Git 2.30", first word of a list item or not): a sentence
    # that opens with a quantity opens with different words in two languages ("Circa 3,5" / "About 3,5")
    return bool(words[0]) and words[0] == words[1] and words[0][0].isupper()


@functools.lru_cache(maxsize=4096)  # NM01-NM04 each compare a link, and NM02 its neighbours too
def compare(link: Link, word_min: int = 10) -> Comparison:
    """Pair the numbers of both sides: identical strings, then equal values, then other locales' readings."""
    slang = link.source[0].lang if link.source else ""
    tlang = link.target[0].lang if link.target else ""
    S, T = side_numbers(link.source, word_min), side_numbers(link.target, word_min)
    ms: set[int] = set()
    mt: set[int] = set()
    wrong: list[tuple[str, Num, Num]] = []
    paired: list[tuple[Num, Num]] = []

    def pair(test: object, note: object = None) -> None:
        for i, s in enumerate(S):
            if i in ms:
                continue
            for j, t in enumerate(T):
                if j in mt or not test(s, t):  # type: ignore[operator]
                    continue
                ms.add(i)
                mt.add(j)
                paired.append((s, t))
                if note is not None:
                    side = note(s, t)  # type: ignore[operator]
                    if side:
                        wrong.append((side, s, t))
                break

    def same_scale(s: Num, t: Num) -> bool:
        return s.scale == t.scale or s.scale is None or t.scale is None

    digits = ("digits", "ordinal")
    # 1. The same digits on both sides ("2008", reference numbers, "175" in "175-180"): a match, unless the two
    #    locales read the marks differently ("36,5" left unchanged in English), which is a format finding.
    pair(lambda s, t: s.kind in digits and t.kind in digits and s.raw == t.raw and same_scale(s, t),
         lambda s, t: None if _identifier(s, t, link) else _format_issue(s, t, slang, tlang))
    # 2. Equal values (any spelling: words, Roman numerals, ordinals, scale words, other grouping).
    pair(lambda s, t: s.valid and t.valid and s.value == t.value)
    # "18.00 Uhr" = "dix-huit heures": a full hour also matches its hour
    pair(lambda s, t: s.kind == "time" and s.value % 60 == 0 and t.value == s.value / 60)
    pair(lambda s, t: t.kind == "time" and t.value % 60 == 0 and s.value == t.value / 60)
    # 3. Same figure where one side has no scale word the CLDR tables know ("175-180 bcm").
    pair(lambda s, t: s.valid and t.valid and s.mantissa is not None and s.mantissa == t.mantissa
         and (s.scale is None) != (t.scale is None))
    # 4. A value that matches only when one side is read with another locale's decimal mark.
    pair(lambda s, t: s.value in t.alternatives and not t.valid, lambda s, t: "target")
    pair(lambda s, t: t.value in s.alternatives and not s.valid, lambda s, t: "source")
    pair(lambda s, t: s.value in t.alternatives, lambda s, t: "target")
    pair(lambda s, t: t.value in s.alternatives, lambda s, t: "source")
    _join_split_digits(S, T, ms, mt, link.target)
    _join_split_digits(T, S, mt, ms, link.source)
    us = [s for i, s in enumerate(S) if i not in ms and s.strong]
    ut = [t for j, t in enumerate(T) if j not in mt and t.strong]
    # Small number words left over on both sides ("due" against "three"), or against a lone digit, are a changed
    # value; "un"/"one" is left out: in most languages it is also the article.
    ws = [s for i, s in enumerate(S) if i not in ms and not s.strong and s.kind == "word" and 2 <= s.value <= 1000]
    wt = [t for j, t in enumerate(T) if j not in mt and not t.strong and t.kind == "word" and 2 <= t.value <= 1000]
    mismatched: list[tuple[Num, Num]] = []
    # strong with strong; then a weak word with a strong number up to 1000 ("2" against "three"), or two weak words
    for left, right, limit in ((us, ut, None), (us, wt, 1001), (ws, ut, 1001), (ws, wt, None)):
        for want_same_kind in (True, False):
            for s in list(left):
                if limit is not None and s.value >= limit:
                    continue
                t = next((t for t in right if (not want_same_kind or t.percent == s.percent)
                          and (limit is None or t.value < limit)), None)
                if t is not None:
                    mismatched.append((s, t))
                    left.remove(s)
                    right.remove(t)
    # A lone number left on one side and a lone spelled-out one on the other ("2" / "the sixth", "8030" /
    # "Achttausender") are one changed value, not two missing ones (this never adds a finding).
    for left, weak_other in ((us, [t for j, t in enumerate(T) if j not in mt and not t.strong]),
                             (ut, [s for i, s in enumerate(S) if i not in ms and not s.strong])):
        spelled = [w for w in weak_other if w.kind in ("word", "ordinal", "compound", "idiom") and w.value >= 2
                   and not any(w is x for pair_ in mismatched for x in pair_)]
        if len(left) == 1 and len(spelled) == 1:
            a, b = left[0], spelled[0]
            mismatched.append((a, b) if left is us else (b, a))
            left.clear()
    currency = tuple((s, t) for s, t in paired + mismatched if s.currency and t.currency and not s.currency & t.currency)
    return Comparison(tuple(mismatched), tuple(us), tuple(ut), tuple(wrong), currency)


def _join_split_digits(A: list[Num], B: list[Num], ma: set[int], mb: set[int], bsegs: tuple[Segment, ...]) -> None:
    """Match a digit run of one side with consecutive space-separated runs of the other (031/433611 = 031/43 36 11)."""
    for i, a in enumerate(A):
        if i in ma or not a.raw.isdigit() or len(a.raw) < 3:
            continue
        free = [j for j, b in enumerate(B) if j not in mb and b.raw.isdigit() and b.kind == "digits"]
        for k in range(len(free)):
            joined, used = "", list[int]()
            for jj in free[k:]:
                b = B[jj]
                if used:
                    prev = B[used[-1]]
                    gap = bsegs[b.segment].text[prev.end:b.start] if prev.segment == b.segment else "x"
                    if gap.strip():
                        break
                joined += b.raw
                used.append(jj)
                if len(joined) >= len(a.raw):
                    break
            if joined == a.raw and len(used) > 1:
                ma.add(i)
                mb.update(used)
                break


def _seg(link: Link, side: str, n: Num) -> Segment:
    return (link.source if side == "source" else link.target)[n.segment]


@register("NM01", "numbers.mismatch", ("numbers", "content"), Severity.ERROR, NumberOptions)
def number_mismatch(link: Link, ctx: Context, opts: NumberOptions) -> Iterable[Problem]:
    """A number has a different value in the translation.

    Values are compared, not strings: each side is read with its own locale's decimal and group marks (CLDR),
    number words, Roman numerals in context, ordinals and scale words count.

    Anti-pattern: "il 36,5% delle importazioni" → "35.6% of imports".
    Best practice: "il 36,5% delle importazioni" → "36.5% of imports".
    """
    for s, t in compare(link, opts.word_min).mismatched:
        yield Problem(
            message=f"{show(s)} in source, {show(t)} in target",
            source=_seg(link, "source", s), target=_seg(link, "target", t),
            source_range=(s.start, s.end), target_range=(t.start, t.end), evidence=(show(s), show(t)),
        )


@register("NM02", "numbers.missing", ("numbers", "content"), Severity.WARNING, NumberOptions)
def number_missing(link: Link, ctx: Context, opts: NumberOptions) -> Iterable[Problem]:
    """A number appears on one side only.

    Small spelled-out numbers ("two", "un") may stand for a digit on the other side but are never reported
    alone: they are too often articles or idioms. A number whose twin is left unpaired in the neighbouring
    link is not missing either: the two versions end a sentence at different places, and the alignment
    cannot link half a sentence.

    Anti-pattern: "in diciannove occasioni" → "on several occasions".
    Best practice: "in diciannove occasioni" → "on nineteen occasions".
    """
    cmp = compare(link, opts.word_min)
    if not (cmp.missing_in_target or cmp.missing_in_source):
        return
    # A number left unpaired here whose twin is left unpaired in the next link sits across a sentence boundary
    # the two versions draw differently (... über 8900 m hinaus. / des estimations le portaient à 8900 m. La ...).
    near = [compare(k, opts.word_min) for k in ctx.alignment.neighbours(link)]
    near_target = {t.value for c in near for t in c.missing_in_source}
    near_source = {s.value for c in near for s in c.missing_in_target}
    for s in cmp.missing_in_target:
        if s.value in near_target:
            continue
        yield Problem(message=f"{show(s)} in source has no counterpart in target",
                      source=_seg(link, "source", s), target=link.target, source_range=(s.start, s.end),
                      evidence=("source", show(s)))
    for t in cmp.missing_in_source:
        if t.value in near_source:
            continue
        yield Problem(message=f"{show(t)} in target has no counterpart in source",
                      source=link.source, target=_seg(link, "target", t), target_range=(t.start, t.end),
                      evidence=("target", show(t)))


@register("NM03", "numbers.locale-format", ("numbers", "content"), Severity.WARNING, NumberOptions)
def number_format(link: Link, ctx: Context, opts: NumberOptions) -> Iterable[Problem]:
    """A number is written with the decimal or group mark of another locale, so readers take another value.

    Anti-pattern: "36,5%" left unchanged in the English translation (English readers see 365 or a list).
    Best practice: "36,5%" (it) → "36.5%" (en); "1,500" (en) → "1.500" (it).
    """
    from babel.numbers import format_decimal

    for side, s, t in compare(link, opts.word_min).wrong_format:
        bad, good = (t, s) if side == "target" else (s, t)
        seg = _seg(link, side, bad)
        value = good.mantissa if good.mantissa is not None else good.value
        try:
            fixed = format_decimal(value, locale=seg.lang.split("-")[0])
        except Exception:  # noqa: BLE001 - unknown locale: no suggestion
            fixed = None
        other = "source" if side == "target" else "target"
        message = (f"{bad.raw} in {side} is not how {seg.lang} writes {value}"
                   f"{f' (write {fixed})' if fixed else ''}; {other} has {show(good)}")
        kwargs: dict[str, object] = {"source": _seg(link, "source", s), "target": _seg(link, "target", t),
                                     "source_range": (s.start, s.end), "target_range": (t.start, t.end)}
        yield Problem(message=message, evidence=(side, bad.raw, show(good)), suggestion=fixed, **kwargs)  # type: ignore[arg-type]


def _with_unit(n: Num, link: Link, side: str) -> str:
    """A number as written with its currency ("240 miliardi di dollari", "$240 billion")."""
    text = _seg(link, side, n).text
    start, end = n.start, n.end
    if n.currency_span is not None:
        start, end = min(start, n.currency_span[0]), max(end, n.currency_span[1])
    return text[start:end].strip()


def _span(n: Num) -> tuple[int, int]:
    if n.currency_span is None:
        return (n.start, n.end)
    return (min(n.start, n.currency_span[0]), max(n.end, n.currency_span[1]))


@register("NM04", "numbers.currency", ("numbers", "content"), Severity.ERROR, NumberOptions)
def currency_changed(link: Link, ctx: Context, opts: NumberOptions) -> Iterable[Problem]:
    """A sum is in another currency in the translation.

    The currency is read from the symbol before or after the number ($, €, £, CHF, US$) or the currency word
    after it and its scale word, in any of the supported languages ("miliardi di dollari", "Milliarden Euro",
    "млрд долларов"). Only currencies are compared, not countries: "$" matches "dollari" whichever dollar.

    Anti-pattern: "240 miliardi di dollari" → "€240 billion".
    Best practice: "240 miliardi di dollari" → "$240 billion".
    """
    for s, t in compare(link, opts.word_min).currency:
        a, b = _with_unit(s, link, "source"), _with_unit(t, link, "target")
        yield Problem(
            message=f"currency changed: {a} ({' or '.join(sorted(s.currency))}) in source, "
                    f"{b} ({' or '.join(sorted(t.currency))}) in target",
            source=_seg(link, "source", s), target=_seg(link, "target", t),
            source_range=_span(s), target_range=_span(t), evidence=(a, b),
        )
