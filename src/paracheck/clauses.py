"""Clause coverage: does a target translate all of its source sentence, or only one clause of it?

Why a separate stage: a translation that dropped a clause still resembles its source, because the embedding
of "Trade reached $240 billion" is close to that of the whole sentence "Trade reached 240 billion dollars in
2024, driven by energy". What gives the cut away is that the target matches one *part* of the source better
than it matches the whole. So the source of a link whose target is short is split at clause boundaries
(commas, semicolons, colons, dashes, coordinating conjunctions), every run of consecutive clauses is embedded,
and the best run is compared with the whole. The difference, on the document's calibrated scale, is the
link's clause *gain*; the coverage check (MP03) reports a large one as a possibly incomplete translation and
names the source text left outside the matched run.

Only links whose target is shorter than the pair's length ratio predicts are examined (``clause_share``): a
full-length target cannot have lost a clause, and this keeps the extra embedding to a few percent of the links.
Measured by ``python -m paracheck.bench partial``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .align import Calibration, RawLink
from .model import length_ratio

# Coordinating and common subordinating conjunctions that open a clause, per language. A clause boundary is
# also any comma, semicolon, colon or dash; the words only add boundaries that have no punctuation.
CONJUNCTIONS: dict[str, frozenset[str]] = {
    "en": frozenset("and but or while because whereas although".split()),
    "de": frozenset("und aber oder weil während sondern denn obwohl".split()),
    "fr": frozenset("et mais ou car tandis donc puisque".split()),
    "es": frozenset("y pero o porque mientras sino aunque".split()),
    "it": frozenset("e ma oppure perché mentre però sebbene".split()),
    "pt": frozenset("e mas ou porque enquanto porém embora".split()),
    "nl": frozenset("en maar of omdat terwijl want hoewel".split()),
    "ru": frozenset("и но или потому пока хотя однако".split()),
}
CHUNK = 500  # links per embedding call: a long novel's clause runs never sit in memory all at once
_PUNCT = re.compile(r"[,;:]\s+|\s+[–—-]\s+")
_TRIM = " ,;:–—-"  # the boundary marks a clause run starts or ends with


@dataclass(frozen=True)
class Coverage:
    """The run of source clauses a target matches best: its character range in the source and its gain."""

    gain: float   # calibrated score of the run minus that of the whole source (0 = no better)
    start: int    # character range of the run in the source text (the link's segments joined by a space)
    end: int

    def split(self, source: str) -> tuple[str, str]:
        """(the run the target translates, the source clauses left out, joined by « … ») of the joined ``source``."""
        rest = (source[: self.start], source[self.end:])
        return source[self.start:self.end].strip(_TRIM), " … ".join(p.strip(_TRIM) for p in rest if p.strip(_TRIM))


def boundaries(text: str, lang: str) -> list[int]:
    """Character offsets where a new clause of ``text`` starts (0 first), after punctuation or at a conjunction."""
    cuts = {0}
    cuts.update(m.end() for m in _PUNCT.finditer(text))
    words = CONJUNCTIONS.get(lang.split("-")[0].lower())
    if words:
        for m in re.finditer(r"\s(\w+)\b", text):
            if m.group(1).lower() in words:
                cuts.add(m.start(1))
    return sorted(c for c in cuts if c < len(text))


def runs(text: str, lang: str, max_share: float = 0.75) -> list[tuple[int, int]]:
    """Character ranges of every run of consecutive clauses that holds at most ``max_share`` of the words.

    The whole sentence is not a run; a run of nearly all of it would tell nothing the whole does not.
    """
    cuts = boundaries(text, lang) + [len(text)]
    total = len(text.split())
    out: list[tuple[int, int]] = []
    for a in range(len(cuts) - 1):
        for b in range(a + 1, len(cuts)):
            start, end = cuts[a], cuts[b]
            span = text[start:end].strip(_TRIM)
            if not span or (a == 0 and b == len(cuts) - 1):
                continue
            if len(text[start:end].split()) <= max_share * total:
                out.append((start, end))
    return out


def coverage(items: Sequence[tuple[str, str]], lang: str, embed: Callable[[Sequence[str]], np.ndarray],
             scale: float) -> list[Coverage | None]:
    """Clause coverage of each (source, target) pair: the best run of source clauses against the target.

    One embedding call for all pairs. ``scale`` is the document's calibrated score unit (typical best match
    minus random pair, in cosine), so a gain means the same for every embedder and language pair. None where
    the source has fewer than two clauses.
    """
    spans = [runs(src, lang) for src, _ in items]
    texts: list[str] = []
    for (src, tgt), rs in zip(items, spans):
        if rs:
            texts.extend([src, tgt, *(src[a:b] for a, b in rs)])
    if not texts:
        return [None] * len(items)
    vecs = embed(texts)
    out: list[Coverage | None] = []
    k = 0
    for rs in spans:
        if not rs:
            out.append(None)
            continue
        whole = float(vecs[k] @ vecs[k + 1])
        parts = vecs[k + 2:k + 2 + len(rs)] @ vecs[k + 1]
        best = int(np.argmax(parts))
        out.append(Coverage(round((float(parts[best]) - whole) / max(scale, 1e-6), 4), *rs[best]))
        k += 2 + len(rs)
    return out


def link_coverage(links: Sequence[RawLink], src_texts: Sequence[str], tgt_texts: Sequence[str], lang: str,
                  embed: Callable[[Sequence[str]], np.ndarray], cal: Calibration, share: float,
                  min_words: int = 8, target_lang: str = "") -> list[Coverage | None]:
    """Clause coverage of each link whose target is shorter than ``share`` of what the pair's ratio predicts.

    ``lang`` is the source language (its conjunctions mark clause boundaries); with ``target_lang`` the ratio
    starts from the pair's typical one (see :func:`paracheck.model.length_ratio`). Gaps, full-length targets
    and sources under ``min_words`` words (too short to have clauses worth naming) get None.
    """
    from .reference import typical_ratio

    out: list[Coverage | None] = [None] * len(links)
    if share <= 0:
        return out
    ratio = length_ratio(((sum(len(src_texts[i]) for i in k.src), sum(len(tgt_texts[j]) for j in k.tgt))
                          for k in links if k.src and k.tgt), typical_ratio(lang, target_lang) if target_lang else None)
    todo: list[int] = []
    items: list[tuple[str, str]] = []
    for n, k in enumerate(links):
        if not (k.src and k.tgt):
            continue
        src = " ".join(src_texts[i] for i in k.src)
        tgt = " ".join(tgt_texts[j] for j in k.tgt)
        if len(src.split()) >= min_words and len(tgt) < share * ratio * len(src):
            todo.append(n)
            items.append((src, tgt))
    for at in range(0, len(todo), CHUNK):
        for n, c in zip(todo[at:at + CHUNK], coverage(items[at:at + CHUNK], lang, embed, cal.high - cal.low)):
            out[n] = c
    return out
