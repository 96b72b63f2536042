"""Split one bilingual file into its two language versions.

Blog posts often publish both versions in one file: title, byline and body in one language, a line such as
"English version below", then the same in the other language, and after both a bibliography they share or a
bio written in one language only. Each block is classified as belonging to one version or as shared:

- ``marker``: the line announcing the other version (patterns configurable);
- ``image``: an image reference line;
- ``references``: a bibliography heading and the entries under it (shared by both versions);
- otherwise the block's language, identified among the two languages of the pair. Short blocks
  (bylines, dates, names: identification is unreliable under four words) take the language of the next
  long block, because such lines head what follows them.

Shared blocks are kept in the result and shown in reports; they never become "missing" passages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .langs import identify
from .model import Block, Document

DEFAULT_MARKERS: tuple[str, ...] = (
    r"^\W*(english|italian|french|german|spanish|portuguese|dutch|russian|polish)\s+(version|translation|text)\s+(below|follows|further down)\W*$",
    r"^\W*(scroll down|see below)\s+for\s+(the\s+)?\w+\s+(version|translation)\W*$",
    r"^\W*versione\s+(italiana|inglese|francese|tedesca|spagnola)\s+(sotto|di seguito|più sotto|a seguire)\W*$",
    r"^\W*(english|italian|italiano|inglese)\s+(below|sotto)\W*$",
    r"^\W*version\s+(française|anglaise|italienne|allemande|espagnole)\s+(ci-dessous|plus bas|ci-après)\W*$",
    r"^\W*(deutsche|englische|italienische|französische)\s+(version|fassung|übersetzung)\s+(unten|weiter unten|folgt)\W*$",
    r"^\W*versión\s+(en\s+)?(español|inglés|italiano|francés|alemán)\s+(abajo|a continuación|más abajo)\W*$",
    r"^\W*versão\s+(em\s+)?(português|inglês|italiano)\s+(abaixo|a seguir)\W*$",
    r"^\W*(nederlandse|engelse)\s+versie\s+(hieronder|onder)\W*$",
    r"^\W*(английская|русская)\s+версия\s+ниже\W*$",
)
_REF_HEADING = re.compile(
    r"^\W*(bibliograf[iíy]a?|bibliography|bibliographie|references|referenze|riferimenti( bibliografici)?|"
    r"sources|fonti|fuentes|fontes|quellen|literatur(verzeichnis)?|literatuur|bronnen|литература|источники|works cited)\W*$",
    re.IGNORECASE,
)
# "Author, A. (2024)." / "Author, A., & Other, B. (2024, January 21)." / "Title. (2025). Publisher." + URL
_REF_ENTRY = re.compile(r"^[^\s,]{2,}(?: [^\s,]+)?, (?:[A-Z]\.\s?)+.*\(\d{4}[a-z]?(?:, [^)]*)?\)|\(\d{4}\)\.\s.*\bhttps?://")
_IMAGE = re.compile(r"^\S+\.(?:jpe?g|png|gif|svg|webp|avif)$", re.IGNORECASE)
SHORT_WORDS = 4


@dataclass(frozen=True)
class Split:
    """The two versions of a bilingual file, and the blocks that belong to neither (with their role)."""

    source: Document
    target: Document
    shared: tuple[tuple[str, Block], ...]


def compile_markers(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """Compile marker patterns once (case-insensitive)."""
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


def classify_blocks(doc: Document, langs: tuple[str, str], markers: tuple[re.Pattern[str], ...]) -> list[str]:
    """One label per block: a language code of ``langs``, or marker/image/references."""
    labels: list[str | None] = []
    in_refs = False
    for block in doc.blocks:
        text = block.text.strip()
        if block.kind == "image" or _IMAGE.match(text):
            labels.append("image")
            continue
        if len(text) < 120 and any(m.search(text) for m in markers):
            labels.append("marker")
            in_refs = False
            continue
        if _REF_HEADING.match(text):
            labels.append("references")
            in_refs = True
            continue
        if _REF_ENTRY.search(text) and (in_refs or len(text) < 400):
            labels.append("references")
            continue
        if in_refs and len(text.split()) > SHORT_WORDS:
            in_refs = False
        if len(text.split()) < SHORT_WORDS or not any(c.isalpha() for c in text):
            labels.append(None)  # decided below from the next long block
            continue
        labels.append(identify(text, langs)[0])
    # Short blocks head what follows them; at the very end they follow what precedes them.
    resolved: list[str] = []
    for i, label in enumerate(labels):
        if label is not None:
            resolved.append(label)
            continue
        nxt = next((x for x in labels[i + 1:] if x in langs), None)
        prev = next((x for x in reversed(resolved) if x in langs), None)
        resolved.append(nxt or prev or langs[0])
    return resolved


def split(doc: Document, langs: tuple[str, str], markers: tuple[re.Pattern[str], ...]) -> Split:
    """Separate ``doc`` into a source (``langs[0]``) and a target (``langs[1]``) Document."""
    labels = classify_blocks(doc, langs, markers)
    source = tuple(b for b, lab in zip(doc.blocks, labels) if lab == langs[0])
    target = tuple(b for b, lab in zip(doc.blocks, labels) if lab == langs[1])
    shared = tuple((lab, b) for b, lab in zip(doc.blocks, labels) if lab not in langs)
    return Split(
        source=replace(doc, lang=langs[0], blocks=source),
        target=replace(doc, lang=langs[1], blocks=target),
        shared=shared,
    )
