"""Cut each block of a Document into Segments: sentences, or atomic units.

Sentence splitting runs per block (never across a paragraph break) with pysbd's language rules, then one
correction that holds in every cased script: a sentence does not start with a lower-case letter, so a split
before one (``U.S. ha``, ``pp. 8–27``) is undone. Headings, bylines, date lines, captions and short lines
without final punctuation are atomic units: splitters shred them, and an editor reads them as one thing.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

from .model import Block, Document, Segment, Span, line_col

ATOMIC_KINDS = frozenset({"heading", "caption", "image", "code", "title", "byline", "dateline", "reference"})
_END_PUNCT = re.compile(r"[.!?…:;»”\"')\]]\s*$")
_BYLINE = re.compile(r"^(?:by|di|da|par|von|por|door|przez|от|автор)\s+\S", re.IGNORECASE)
_HAS_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_SENT_REGEX = re.compile(r"(?<=[.!?…])[\"'”»)\]]*\s+(?=[\"'“«(\[]*[A-ZÀ-ÖØ-ÞА-ЯЁ0-9])")


def classify(block: Block) -> str:
    """Refine a block's kind: bylines, date lines and short title-like lines are atomic units."""
    if block.kind != "paragraph":
        return block.kind
    text = block.text
    words = text.split()
    if len(words) <= 6 and _BYLINE.match(text):
        return "byline"
    if len(words) <= 6 and _HAS_YEAR.search(text) and not text.rstrip().endswith("."):
        return "dateline"
    if len(words) <= 14 and not _END_PUNCT.search(text):
        return "title"
    return "paragraph"


@functools.lru_cache(maxsize=16)
def _pysbd(lang: str) -> Any | None:
    try:
        import pysbd
    except ImportError:  # pragma: no cover - pysbd is a hard dependency; this keeps a broken env usable
        return None
    base = lang.split("-")[0]
    if base not in pysbd.languages.LANGUAGE_CODES:
        return None
    return pysbd.Segmenter(language=base, clean=False, char_span=True)


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of one block of text."""
    seg = _pysbd(lang)
    spans: list[tuple[int, int]] = []
    if seg is not None:
        pos = 0
        for piece in seg.segment(text):
            start = text.find(piece.sent.strip(), pos) if piece.sent.strip() else -1
            if start < 0:
                start = piece.start
            end = start + len(piece.sent.rstrip())
            if end > start:
                spans.append((start, end))
                pos = end
    else:
        pos = 0
        for m in _SENT_REGEX.finditer(text):
            spans.append((pos, m.start()))
            pos = m.end()
        spans.append((pos, len(text)))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        piece = text[start:end].strip()
        if not piece:
            continue
        first = piece[0]
        if merged and (first.islower() or not any(c.isalnum() for c in piece)):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged or [(0, len(text))]


def segment(doc: Document, side: str, presegmented: bool = False) -> tuple[Segment, ...]:
    """All segments of a Document in reading order; ids are ``s1..`` (source) or ``t1..`` (target)."""
    prefix = "s" if side == "source" else "t"
    out: list[Segment] = []
    for block in doc.blocks:
        kind = classify(block)
        if presegmented and kind not in ATOMIC_KINDS:
            pieces: Iterable[tuple[int, int]] = _lines(block, doc.raw)
            seg_kind = "sentence"
        elif kind in ATOMIC_KINDS:
            pieces = [(0, len(block.text))]
            seg_kind = kind if kind != "paragraph" else "sentence"
        else:
            pieces = split_sentences(block.text, doc.lang)
            seg_kind = "sentence"
        for start, end in pieces:
            text = block.text[start:end].strip()
            if not text:
                continue
            lead = len(block.text[start:end]) - len(block.text[start:end].lstrip())
            raw_start = block.raw_offset(start + lead)
            raw_end = block.raw_offset(start + lead + len(text) - 1) + 1
            line, col = line_col(doc.raw, raw_start)
            out.append(Segment(
                id=f"{prefix}{len(out) + 1}", side=side, lang=doc.lang, text=text, path=doc.path,
                span=Span(raw_start, raw_end, line, col), block=block.index, kind=seg_kind,
                block_offset=start + lead,
            ))
    return tuple(out)


def _lines(block: Block, raw: str) -> list[tuple[int, int]]:
    """The lines of the file a block was unwrapped from, as ranges of its text: one sentence each, presegmented.

    The loader joins a paragraph's lines with spaces; a space whose stretch of the raw file (up to the next
    character of the text) holds a line break is where one presegmented sentence ends and the next begins.
    The stretch, not the one raw character, because lines often end in spaces or tabs before the break.
    """
    text = block.text
    cuts = [i for i, ch in enumerate(text) if ch == " " and i + 1 < len(text)
            and any(c in "\n\r" for c in raw[block.raw_offset(i): block.raw_offset(i + 1)])]
    edges = [0, *cuts, len(text)]
    return [(a, b) for a, b in zip(edges, edges[1:])]


def from_lines(lines: list[str], side: str, lang: str, path: str) -> tuple[Segment, ...]:
    """Segments of pre-segmented input (one per line), as the eval sets give them."""
    prefix = "s" if side == "source" else "t"
    out = []
    pos = 0
    for i, line in enumerate(lines):
        out.append(Segment(id=f"{prefix}{i + 1}", side=side, lang=lang, text=line, path=path,
                           span=Span(pos, pos + len(line), i + 1, 1), block=i))
        pos += len(line) + 1
    return tuple(out)
