"""Punctuation: quotes and brackets left unbalanced in one version only (PU01), straight quotes among curly ones (PU02).

Checked per link, on the whole of each side: a quotation that spans two sentences is open in one sentence
and closed in the next on both sides alike, so only an imbalance one side has and the other has not is
reported. Straight single quotes are not counted (they double as apostrophes), nor is a typographic ’
between letters (Russia’s).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Document, Link, Segment, Severity
from . import Context, Problem, register
from ._spell import on_side

PAIRS: tuple[tuple[str, str], ...] = (("(", ")"), ("[", "]"), ("{", "}"), ("“", "”"), ("‘", "’"), ("«", "»"), ("„", "“"), ("‹", "›"))


@dataclass(frozen=True)
class PunctuationOptions:
    """Options of the balance check."""

    marks: tuple[str, ...] = ("()", "[]", "{}", "“”", "‘’", "«»", '""')  # pairs checked; '""' = straight double quotes
    edges: bool = False  # also count quotes left open at a sentence's start or end (dialogue over several sentences)


def _apostrophe(text: str, i: int) -> bool:
    """True when the ’ at ``i`` is an apostrophe: between letters (Russia’s), or after a plural s (members’)."""
    if 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum():
        return True
    return i > 0 and text[i - 1] in "sS" and (i + 1 == len(text) or not text[i + 1].isalnum())


_BRACKETS = frozenset({"()", "[]", "{}"})
_EDGE = " \t\n-–—…."  # what may stand between a quote and the sentence's edge


def _at_edge(text: str, i: int) -> bool:
    """True when only spaces, dashes and dots separate position ``i`` from the start or end of ``text``."""
    return not text[:i].strip(_EDGE) or not text[i + 1:].strip(_EDGE + ",;:!?")


def imbalance(text: str, marks: tuple[str, ...], edges: bool = False) -> list[tuple[str, int]]:
    """(pair, offset) of each unmatched opening or closing mark in ``text`` (see :func:`unmatched`)."""
    return [(pair, i) for pair, i, _ in unmatched(text, marks, edges)]


def unmatched(text: str, marks: tuple[str, ...], edges: bool = False) -> list[tuple[str, int, str]]:
    """(pair, offset, what) of each unmatched mark; ``what`` is "opening", "closing" or "unpaired" (straight).

    German „…“ reuses “ as its closing mark, and »…« points the other way round; both are read so. With
    ``edges`` false, an unmatched quote at the very start or end of the text is not counted: dialogue quoted
    over several sentences opens in the first and closes in the last, and languages mark dialogue differently
    (French and Spanish with dashes), so only a quote left open or closed *inside* a sentence is reliable.
    """
    problems: list[tuple[str, int, str]] = []
    for pair in marks:
        if len(pair) != 2:
            continue
        opening, closing = pair[0], pair[1]
        if pair == "«»" and text.find("»") != -1 and (text.find("«") == -1 or text.find("»") < text.find("«")):
            opening, closing = "»", "«"  # German and Danish quote »so«
        if pair == "“”" and "„" in text:
            opening, closing = "„", "“"
        found: list[tuple[int, str]] = []
        if opening == closing:  # straight quotes: only their count can be checked
            every = [m.start() for m in re.finditer(re.escape(opening), text)]
            # after a digit a straight quote is an inch mark (a 12" record), unless it closes a quotation: "… at 10".
            where = [i for i in every if not (i and text[i - 1].isdigit())]
            if len(where) % 2 and not len(every) % 2:
                where = every
            if len(where) % 2:
                found = [(where[-1], "unpaired")] if edges or not (_at_edge(text, where[0]) or _at_edge(text, where[-1])) else []
        else:
            open_at: list[int] = []
            for i, ch in enumerate(text):
                if ch == opening:
                    open_at.append(i)
                elif ch == closing:
                    if closing == "’" and _apostrophe(text, i) and not open_at:
                        continue
                    if open_at:
                        open_at.pop()
                    else:
                        found.append((i, "closing"))
            found.extend((i, "opening") for i in open_at)
            if not edges and pair not in _BRACKETS:
                found = [(i, w) for i, w in found if not _at_edge(text, i)]
        problems.extend((pair, i, w) for i, w in found)
    return sorted(problems, key=lambda p: p[1])


_QUOTES = frozenset("“”‘’«»„‹›\"")
# OCR renders guillemets as < > and a German low quote as two commas: they pair with any quote or bracket.
_OCR_OPEN, _OCR_CLOSE = ("<", ",,"), (">",)


def _cross_paired(text: str, found: list[tuple[str, int, str]]) -> list[tuple[str, int, str]]:
    """``found`` without marks that pair with a mark of another style (old Dutch »…", OCR'd <…) or ,,…").

    Books mix styles within one quotation, and OCR turns guillemets into < > and „ into ,,; an opening
    mark of one style closed by another is balanced, as a reader sees it.
    """
    marks = [(i, w, k) for k, (_pair, i, w) in enumerate(found)]
    extra = [(m.start(), "opening", -1) for o in _OCR_OPEN for m in re.finditer(re.escape(o), text)]
    extra += [(m.start(), "closing", -1) for c in _OCR_CLOSE for m in re.finditer(re.escape(c), text)]
    if '"' in text and any(w == "opening" and text[i] in "»«„" for _p, i, w in found):
        # »…" twice in a sentence: the straight quotes pair among themselves by count, yet each closes a
        # guillemet, so they take part here even when their count is even (-2: a quote, not in ``found``)
        counted = {i for _p, i, _w in found}
        extra += [(m.start(), "unpaired", -2) for m in re.finditer('"', text) if m.start() not in counted]
    if not extra and len({found[k][0] for _, _, k in marks}) < 2:
        return found  # one style only: nothing to pair across

    def quote(x: int) -> bool:
        return x == -2 or (x >= 0 and found[x][0] not in _BRACKETS)

    def compatible(j: int, k: int) -> bool:  # a quote pairs with a quote, anything with an OCR'd mark (-1)
        return j == -1 or k == -1 or (quote(j) and quote(k))

    dropped: set[int] = set()
    stack: list[tuple[int, str, int]] = []
    for ev in sorted(marks + extra):
        _, what, k = ev
        match = next((n for n in range(len(stack) - 1, -1, -1) if compatible(stack[n][2], k)), None) if what != "opening" else None
        if match is None or (what == "unpaired" and not stack):
            stack.append(ev)
            continue
        _, _, j = stack.pop(match)
        dropped.update(x for x in (j, k) if x >= 0)
    return [f for n, f in enumerate(found) if n not in dropped]


def _side(segs: tuple[Segment, ...]) -> tuple[str, list[tuple[Segment, int]]]:
    text, where, pos = "", [], 0
    for seg in segs:
        where.append((seg, pos))
        text += seg.text + " "
        pos = len(text)
    return text, where


def _at(where: list[tuple[Segment, int]], offset: int) -> tuple[Segment, int]:
    seg, base = where[0]
    for s, b in where:
        if b <= offset:
            seg, base = s, b
    return seg, offset - base


_LIST_MARKER = re.compile(r"\s*(?:[^\W\d_]|\d{1,3}|[ivxIVX]{1,4})\s*\)$")

# Blocks read on each side of a segment's own to find the partner of a quote that runs over several sentences.
FLOW_BLOCKS = 3


def _paired_in_flow(side: str, seg: Segment, local: int, ctx: Context, opts: PunctuationOptions) -> bool:
    """True when the mark at ``seg.text[local]`` finds its partner in the sentences around it, in its own file.

    A quotation runs over several sentences (and, in a file with a sentence per line, several lines): French
    dialogue closes with » a sentence after the one that opened it (-- Je vous écoute, madame», dit-il.). The
    link is too narrow to see that; the blocks around the segment are not. A doubled mark is never excused.
    """
    blocks = (ctx.source if side == "source" else ctx.target).blocks
    # Block.index numbers the blocks of the file; a version cut from a bilingual file starts past 0
    pos = next((i for i, b in enumerate(blocks) if b.index == seg.block), None)
    if pos is None:
        return False  # a segment built without its file
    first, last = max(0, pos - FLOW_BLOCKS), min(len(blocks), pos + FLOW_BLOCKS + 1)
    texts = [b.text for b in blocks[first:last]]
    own, off, size = texts[pos - first], seg.block_offset, seg.span.end - seg.span.start
    if own[off: off + len(seg.text)] != seg.text:  # the segment was edited after loading (a benchmark's damage)
        texts[pos - first] = own[:off] + seg.text + own[off + size:]
    at = sum(len(t) + 1 for t in texts[: pos - first]) + seg.block_offset + local
    flow = "\n".join(texts)
    return all(i != at for _pair, i, _w in _cross_paired(flow, unmatched(flow, opts.marks, True)))


@register("PU01", "punctuation.unbalanced", ("punctuation", "content"), Severity.WARNING, PunctuationOptions)
def unbalanced(link: Link, ctx: Context, opts: PunctuationOptions) -> Iterable[Problem]:
    """Quote or bracket left unmatched in one version only, or a closing mark doubled (”” or ))).

    Anti-pattern: "the most significant undeclared alliance in the world'," said Graham Allison.
    Best practice: “the most significant undeclared alliance in the world,” said Graham Allison.
    """
    sides = {"source": _side(link.source), "target": _side(link.target)}
    # Marks pair across styles before the sentence edges are set aside (»Neen," opens at the edge and closes inside).
    loose = {name: _cross_paired(text, unmatched(text, opts.marks, True)) for name, (text, _) in sides.items()}
    found = {name: [f for f in loose[name] if f in unmatched(text, opts.marks, opts.edges)] for name, (text, _) in sides.items()}
    # The other side's balance counts its sentence edges too (``loose``): a quotation running on past the
    # sentence there is the same quotation running on here.
    quoted = {name: any(ch in _QUOTES for ch in text) for name, (text, _) in sides.items()}
    for name, other in (("source", "target"), ("target", "source")):
        text, where = sides[name]
        for pair, offset, what in found[name]:
            # Both sides unbalanced is how a quotation split across sentences looks, except for a doubled
            # closing mark (”” or ))), which is a typo whatever the other side does.
            doubled = what == "closing" and offset > 0 and text[offset - 1] == text[offset]
            if (found[other] or loose[other]) and not doubled:
                continue
            if not opts.edges and pair not in _BRACKETS and not quoted[other] and not doubled:
                continue  # the other side quotes otherwise (dialogue dashes): nothing to compare with
            seg, local = _at(where, offset)
            if _LIST_MARKER.match(seg.text[: local + 1]):
                continue  # "a)", "2 )": a list item's marker, which has no opening bracket anywhere
            if not doubled and _paired_in_flow(name, seg, local, ctx, opts):
                continue
            mark = seg.text[local]
            partner = {"opening": "closing", "closing": "opening"}.get(what, "second")
            state = f"the {other} is balanced" if not found[other] else "the mark is doubled"
            # The fault is on this side: point only at it (a CI annotation lands on the file to fix).
            yield Problem(
                message=f"{what} {mark} in the {name} has no {partner} partner; {state}",
                evidence=(name, pair, mark), **on_side(name, seg, (local, local + 1)),
            )


# Curly quotation marks a document's typography is judged by (’ is left out: it is the apostrophe as well).
_CURLY = frozenset("“”„‘")
_OPEN_SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s(\[“„«—–-]))'(?=[^\W\d_])")
_CLOSE_SINGLE = re.compile(r"(?<=[^\W\d_.,!?;:…])'(?=$|[\s)\]”»,.;:!?—–-])|(?<=[.,!?…])'(?=$|[\s)\]”»—–-])")


@dataclass(frozen=True)
class StraightQuoteOptions:
    """Options of the straight-quote check."""

    min_curly: int = 2      # curly quotations the version must have before its typography counts as curly
    max_share: float = 0.5  # straight quotations allowed per curly quotation for it still to count as curly


def straight_quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation marked with straight quotes: a '…' or "…" pair, or a lone ".

    A straight single quote counts only as an opening mark before a letter after a space, paired with a
    closing one after a letter or stop further on; everything else is taken for an apostrophe (don't, members').
    A mark right after a digit is a prime (5'11", 12' 30"), not a quote.
    """
    found: list[tuple[int, int]] = []
    doubles = [i for i, ch in enumerate(text) if ch == '"' and not (i and text[i - 1].isdigit())]  # 5'11" is inches
    for k in range(0, len(doubles), 2):
        pair = doubles[k:k + 2]
        found.append((pair[0], pair[-1] + 1))
    for m in _OPEN_SINGLE.finditer(text):
        close = _CLOSE_SINGLE.search(text, m.end())
        if close and not any(a <= m.start() < b for a, b in found):
            found.append((m.start(), close.end()))
    return sorted(found)


def _curly_document(doc: Document, opts: StraightQuoteOptions) -> bool:
    """True when ``doc`` quotes with curly marks and its straight quotations are a small minority."""
    return _curly_text(doc.raw or " ".join(b.text for b in doc.blocks), opts.min_curly, opts.max_share)


@functools.lru_cache(maxsize=8)
def _curly_text(text: str, min_curly: int, max_share: float) -> bool:
    # keyed by the document's text itself: a str caches its hash, so each link's lookup costs nothing
    curly = sum(1 for ch in text if ch in _CURLY) / 2  # quotations: an opening and a closing mark each
    return curly >= min_curly and len(straight_quotations(text)) <= max_share * curly


@register("PU02", "punctuation.straight-quotes", ("punctuation", "typography"), Severity.INFO, StraightQuoteOptions)
def straight_quotes(link: Link, ctx: Context, opts: StraightQuoteOptions) -> Iterable[Problem]:
    """Straight quotes in a version that otherwise quotes with curly marks.

    A typographic slip, reported once per quotation at its first mark; a version that quotes with straight
    marks throughout is never reported, nor are apostrophes.

    Anti-pattern: “a new era” … 'the most significant alliance in the world'," said Allison.
    Best practice: “a new era” … ‘the most significant alliance in the world’,” said Allison.
    """
    for name, segs, doc in (("source", link.source, ctx.source), ("target", link.target, ctx.target)):
        if not segs or not _curly_document(doc, opts):
            continue
        for seg in segs:
            for start, end in straight_quotations(seg.text):
                mark = seg.text[start]
                closing = seg.text[end - 1] if end - start > 1 else None
                shape = f"{mark}…{closing}" if closing else mark
                good = "“…”" if mark == '"' else "‘…’"
                yield Problem(message=f"straight quotes {shape} in the {name}, which elsewhere quotes with curly marks (write {good})",
                              evidence=(name, shape), **on_side(name, seg, (start, start + 1)))
