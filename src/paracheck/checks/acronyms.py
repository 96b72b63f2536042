"""Acronyms: matched across the two versions (AC01) and spelled one way throughout a version (AC02).

No installable resource knows that Italian PCC is English CCP, but Romance languages put the adjective after
the noun, so across languages an acronym is usually the same letters in another order (PCC/CCP, UE/EU,
URSS/USSR). Identical and permuted forms match; a small equivalence list (``DEFAULT_ACRONYMS``, extendable in
config) covers the rest (ONU/UN); a phrase whose initials spell the acronym (Nazioni Unite / UN) counts as
its counterpart. What is left is either a near miss (CPP where the source's PCC implies CCP), reported with
the expected form, or an acronym with no counterpart at all.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import Link, Segment, Severity
from . import Context, Problem, only_next_door, register
from ._glossary import Equivalences, equivalences, flatten, phrase_pattern
from ._spell import dictionary, edit_distance, iter_segments, masked, on_side, words

_ROMAN = re.compile(r"^(?=[IVXLC]{2,}$)C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
# U.S., M.E.B. and, as typesetters space initials, M. E. B.; tokenised corpora also write E.I.H . (Text+Berg)
_DOTTED = re.compile(r"(?<![\w.])((?:[^\W\d_] ?\. ?){1,}[^\W\d_] ?\.)")
# Words skipped when reading initials: articles, prepositions and conjunctions of the supported languages.
_STOP = frozenset("""
a al all alla alle allo ai agli d da dal dalla dalle dai dagli de dei degli del della delle dello di e ed il in
la le lo gli nel nella nelle nei negli per su sul sulla tra fra un una uno and for in of on the to at by an
der die das den dem des und für von zu im am la le les du des et en pour sur y el los las del por para o
van het een voor op en и в на по для с of de do da dos das e em para
""".split())


@dataclass(frozen=True)
class Acronym:
    """One occurrence of an acronym: its normalised form (U.S. → US) and its range in the segment's text."""

    form: str
    start: int
    end: int


def acronyms(text: str, lang: str = "") -> list[Acronym]:
    """Acronyms of ``text``: ALL-CAPS words (plural -s dropped), dotted forms (U.S.), not Roman numerals.

    A segment written mostly in capitals (a shouted heading) yields none, and neither does an ALL-CAPS word of
    five letters or more that ``lang``'s dictionary knows (CHAPITRE, VISION): those are words, not acronyms.
    Shorter ones are kept even when they spell a word, since NATO is Italian "born" and SAC French "bag".
    """
    out: list[Acronym] = []
    toks = words(text)
    letters = [t for t in toks if len(t.text) > 1]
    if len(letters) >= 3 and sum(t.text.isupper() for t in letters) * 2 > len(letters):
        return []
    for tok in toks:
        pos = tok.start
        for part in re.split(r"['’]", tok.text):
            start, pos = pos, pos + len(part) + 1
            form = part[:-1] if len(part) >= 4 and part.endswith("s") and part[:-1].isupper() else part
            if len(form) >= 2 and form.isupper() and not _ROMAN.match(form) and not _shouted(form, lang):
                out.append(Acronym(form, start, start + len(form)))
    for m in _DOTTED.finditer(masked(text)):
        form = m.group(1).replace(".", "").replace(" ", "")
        if form.isupper():
            out.append(Acronym(form, m.start(1), m.end(1)))
    return sorted(out, key=lambda a: a.start)


def _shouted(form: str, lang: str) -> bool:
    if len(form) < 5 or not lang:
        return False
    d = dictionary(lang)
    return d is not None and (d.knows(form.lower()) or d.knows(form.capitalize()))


@dataclass(frozen=True)
class AcronymOptions:
    """Options of the acronym checks."""

    equivalents: tuple[tuple[str, ...], ...] = ()  # extra classes, e.g. [[ONU, UN], [PIL, GDP]]
    default_equivalents: bool = True               # include the built-in list of international bodies
    report_unmatched: bool = True                  # also report acronyms with no counterpart at all
    near_distance: int = 1                         # edits between the form found and the one expected
    max_length: int = 6                            # a lone ALL-CAPS word longer than this is a word in capitals, not an acronym


def _classes(opts: AcronymOptions) -> Equivalences:
    return equivalences(flatten(opts.equivalents), opts.default_equivalents)


def _content_words(text: str) -> list[str]:
    out = []
    for tok in words(text):
        for part in re.split(r"['’]", tok.text):
            if part and part.lower() not in _STOP and not (part.islower() and len(part) <= 2):
                out.append(part)
    return out


@functools.lru_cache(maxsize=4096)
def _initials(text: str, n: int) -> frozenset[str]:
    """Sorted initials of every window of ``n`` consecutive content words of ``text`` that reads as a name.

    The window must start with a capital and hold at most one lower-case word in three ("Assemblea generale
    delle Nazioni Unite" = UNGA); otherwise any run of ordinary words ("come partner prevalente") would
    spell some acronym.
    """
    found = _content_words(text)
    out = set()
    for i in range(len(found) - n + 1):
        window = found[i:i + n]
        lower = sum(not w[0].isupper() for w in window)
        if window[0][0].isupper() and lower <= n // 3:
            out.add("".join(sorted(w[0].upper() for w in window)))
    return frozenset(out)


def _spelled_out(form: str, text: str, eq: Equivalences) -> bool:
    """True when ``text`` writes the acronym out: its initials in any order, or a listed phrase or stem."""
    if len(form) >= 2 and "".join(sorted(form)) in _initials(text, len(form)):
        return True
    return any(not (f.isupper() and " " not in f) and phrase_pattern(f).search(text) for f in eq.of(form))


def _equivalent(a: str, b: str, eq: Equivalences) -> bool:
    return a == b or sorted(a) == sorted(b) or b in eq.of(a)


def _candidates(form: str, eq: Equivalences) -> list[str]:
    """Forms a translation may use for ``form``: its listed equivalents, then its permutations (reversal first)."""
    perms = [form[::-1], form] if len(form) > 6 else ["".join(p) for p in itertools.permutations(form)]
    listed = [f for f in sorted(eq.of(form)) if f.isupper() and " " not in f]
    ordered = [*(f for f in listed if f != form), form[::-1], *perms]
    return list(dict.fromkeys(ordered))


def _expected(a: str, b: str, eq: Equivalences, used: frozenset[str], limit: int) -> str | None:
    """The form ``b`` should have been, given source form ``a``.

    The nearest candidate, preferring forms the other version already uses, then listed equivalents, then
    the reversal (the noun-adjective swap).
    """
    if len(b) < 3 or len(a) < 2:
        return None
    best: tuple[int, int, int, str] | None = None
    for rank, cand in enumerate(_candidates(a, eq)):
        # the letters of the expected form in another order (OWH for the WHO that OMS implies) are one slip
        dist = 1 if sorted(b) == sorted(cand) and b != cand else edit_distance(b, cand, limit + 1)
        if dist == 0 or dist > limit:
            continue
        key = (dist, 0 if cand in used else 1, rank, cand)
        best = key if best is None or key < best else best
    return best[3] if best else None


@functools.lru_cache(maxsize=16)
def _doc_forms(text: str, lang: str) -> frozenset[str]:
    return frozenset(a.form for a in acronyms(text, lang))


def _occurrences(segs: Sequence[Segment]) -> dict[str, tuple[Segment, Acronym]]:
    out: dict[str, tuple[Segment, Acronym]] = {}
    for seg in segs:
        for acr in acronyms(seg.text, seg.lang):
            out.setdefault(acr.form, (seg, acr))
    return out


@register("AC01", "acronyms.mismatch", ("acronyms", "content"), Severity.ERROR, AcronymOptions)
def acronym_mismatch(link: Link, ctx: Context, opts: AcronymOptions) -> Iterable[Problem]:
    """Acronym with no matching counterpart in the other version, or garbled (CPP where PCC implies CCP).

    Across languages an acronym matches when identical, when its letters are permuted (Romance languages
    swap noun and adjective: PCC = CCP, UE = EU, URSS = USSR), when the equivalence list pairs them
    (ONU = UN), or when the other side writes it out (Nazioni Unite). A near miss is reported with the
    expected form as suggestion; an acronym with no counterpart at all is reported at warning level.

    Anti-pattern: "il PCC è emerso" → "the CPP surfaced".
    Best practice: "the CCP surfaced".
    """
    eq = _classes(opts)
    src, tgt = _occurrences(link.source), _occurrences(link.target)
    if not src and not tgt:
        return
    s_text = " ".join(s.text for s in link.source)
    t_text = " ".join(t.text for t in link.target)
    lone_s = [a for a in src if not any(_equivalent(a, b, eq) for b in tgt) and not _spelled_out(a, t_text, eq)]
    lone_t = [b for b in tgt if not any(_equivalent(a, b, eq) for a in src) and not _spelled_out(b, s_text, eq)]
    used = _doc_forms("\n".join(b.text for b in ctx.target.blocks), ctx.target.lang)
    for b in list(lone_t):
        for a in list(lone_s):
            expected = _expected(a, b, eq, used, opts.near_distance)
            if expected is None:
                continue
            (s_seg, s_acr), (t_seg, t_acr) = src[a], tgt[b]
            yield Problem(
                message=f"{b} in the target where the source's {a} implies {expected}",
                source=s_seg, target=t_seg, source_range=(s_acr.start, s_acr.end), target_range=(t_acr.start, t_acr.end),
                evidence=(a, b, expected), suggestion=expected,
            )
            lone_s.remove(a)
            lone_t.remove(b)
            break
    if not opts.report_unmatched:
        return
    lone_s = [a for a in lone_s if len(a) <= opts.max_length and _reportable(a, ctx.source.lang, ctx.target.lang)
              and not _next_door(a, link, ctx, "source", eq)]
    # An acronym the translation adds where the source names it elsewhere ("Conselho do BCE" for "Governing Council"
    # in a text about the ECB) clarifies; one the source never uses is reported.
    source_forms = _doc_forms("\n".join(b.text for b in ctx.source.blocks), ctx.source.lang) if lone_t else frozenset()
    lone_t = [b for b in lone_t if len(b) <= opts.max_length and _reportable(b, ctx.target.lang, ctx.source.lang)
              and not _next_door(b, link, ctx, "target", eq) and not any(_equivalent(a, b, eq) for a in source_forms)]
    for a in lone_s:
        seg, acr = src[a]
        yield Problem(
            message=f"{a} in the source has no counterpart in the target "
                    f"(expected {a}, its letters reordered, an equivalent or the name written out)",
            source=seg, target=link.target, source_range=(acr.start, acr.end), evidence=(a, ""), severity=Severity.WARNING,
        )
    for b in lone_t:
        seg, acr = tgt[b]
        yield Problem(
            message=f"{b} in the target has no counterpart in the source",
            source=link.source, target=seg, target_range=(acr.start, acr.end), evidence=("", b), severity=Severity.WARNING,
        )


def _next_door(form: str, link: Link, ctx: Context, side: str, eq: Equivalences) -> bool:
    """True when the acronym (or an equivalent) sits in the next link, on the other side only (see :func:`only_next_door`)."""
    return only_next_door(link, ctx, side, lambda segs: any(_equivalent(form, x, eq) for x in _occurrences(segs)))


# Three-letter compass points (O for east in German, for west in French, Italian and Spanish): a direction the
# other version may write out ("W.NW" / "nordwestlich") is no acronym, like the two-letter NE / NO.
COMPASS = frozenset({"NNE", "ENE", "ESE", "SSE", "SSW", "WSW", "WNW", "NNW", "NNO", "ONO", "OSO", "SSO"})


def _reportable(form: str, lang: str, other_lang: str = "") -> bool:
    """True when an acronym with no counterpart is worth a finding.

    Two capitals are too ambiguous alone (compass points NE/NO and their three-letter kin WNW, legal forms
    AG/SA, initials) and a capitalised common word is shouting (THE, SHE in a heading), not an acronym; both
    are still matched when present. So
    is a word of five letters or more of the other language (PARBLEU, PESTE in an English novel that sets its
    French in capitals for italics); shorter ones stay acronyms (NATO is Italian "born").
    """
    if len(form) < 3 or form in COMPASS:
        return False
    d = dictionary(lang)
    if d is not None and d.knows(form.lower()):
        return False
    other = dictionary(other_lang) if other_lang and len(form) >= 5 else None
    return other is None or not other.lists(form.lower())


def _variant(a: str, b: str) -> bool:
    """Two forms that are surely the same acronym garbled: same letters reordered, or one edit apart (long forms)."""
    if a == b or len(a) < 3 or len(b) < 3:
        return False
    return sorted(a) == sorted(b) or (min(len(a), len(b)) >= 4 and edit_distance(a, b, 2) == 1)


@register("AC02", "acronyms.inconsistent", ("acronyms",), Severity.WARNING, AcronymOptions, scope="pair")
def acronym_inconsistent(ctx: Context, opts: AcronymOptions) -> Iterable[Problem]:
    """Acronym written one way in one place and another way elsewhere in the same version (CCP / CPP).

    The form used more often (or first) is taken as the intended one; each occurrence of the other form
    is reported. Forms the equivalence list pairs (US / USA) are not variants.

    Anti-pattern: "the CCP surfaced … the CPP's leverage".
    Best practice: "the CCP surfaced … the CCP's leverage".
    """
    eq = _classes(opts)
    for side in ("source", "target"):
        found: list[tuple[Segment, Acronym]] = []
        for seg, _link in iter_segments(ctx.alignment.links, side):
            found.extend((seg, a) for a in acronyms(seg.text, seg.lang))
        counts = Counter(a.form for _, a in found)
        first = {a.form: i for i, (_, a) in reversed(list(enumerate(found)))}
        for seg, acr in found:
            rivals = [f for f in counts if _variant(f, acr.form) and f not in eq.of(acr.form)
                      and (counts[f], -first[f]) > (counts[acr.form], -first[acr.form])]
            if not rivals:
                continue
            main = max(rivals, key=lambda f: (counts[f], -first[f]))
            yield Problem(
                message=f"{acr.form} in the {side}, where the same version writes {main} ({counts[main]}×)",
                evidence=(side, acr.form, main), suggestion=main, **on_side(side, seg, (acr.start, acr.end)),
            )
