"""Language codes and language identification.

Codes are ISO 639-1 (``it``, ``en``; ``zh-TW`` where the embedder distinguishes it). Identification is used
to split a bilingual file and to spot target text left in the source language; it is restricted to the
languages of the pair at hand, which is what makes it reliable on short paragraphs.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from .errors import ConfigError

# Languages the bundled embedder (multilingual USE v3) was trained on.
DEFAULT_EMBEDDER_LANGS = frozenset("ar de en es fr it ja ko nl pl pt ru th tr zh zh-TW".split())


def normalize(code: str, what: str = "language") -> str:
    """Validate an ISO 639-1 code (optionally with a region) and return it in canonical case."""
    from babel import Locale, UnknownLocaleError

    raw = (code or "").strip().replace("_", "-")
    base, _, region = raw.partition("-")
    if len(base) != 2 or not base.isalpha():
        raise ConfigError(f"unknown {what} code {code!r}: use an ISO 639-1 code such as it, en, de, fr")
    try:
        Locale.parse(base.lower())
    except (UnknownLocaleError, ValueError):
        raise ConfigError(f"unknown {what} code {code!r}: use an ISO 639-1 code such as it, en, de, fr") from None
    return base.lower() + (f"-{region.upper()}" if region else "")


@functools.lru_cache(maxsize=32)
def _detector(langs: tuple[str, ...]) -> Any:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = []
    for code in langs:
        iso = getattr(IsoCode639_1, code.split("-")[0].upper(), None)
        if iso is None:
            raise ConfigError(f"language {code!r} cannot be identified automatically; pass --source-lang and --target-lang with two files")
        codes.append(iso)
    if len(set(codes)) < 2:
        raise ConfigError("language identification needs two different languages")
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


def identify(text: str, langs: tuple[str, ...]) -> tuple[str, float]:
    """The most likely of ``langs`` for ``text`` and its confidence (0..1)."""
    detector = _detector(tuple(langs))
    values = detector.compute_language_confidence_values(text)
    if not values:
        return langs[0], 0.0
    best = values[0]
    code = best.language.iso_code_639_1.name.lower()
    for lang in langs:
        if lang.split("-")[0] == code:
            return lang, float(best.value)
    return code, float(best.value)


_NOT_PROSE = re.compile(r"`[^`\n]*`|(?:https?://|www\.)\S+|\S+@\S+")


@functools.lru_cache(maxsize=8)
def _wide_detector(langs: tuple[str, ...]) -> Any:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [iso for iso in (getattr(IsoCode639_1, c.upper(), None) for c in langs) if iso is not None]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_low_accuracy_mode().build()


def written_in(texts: Sequence[str], declared: str, min_letters: int = 150) -> str | None:
    """The language the blocks ``texts`` are plainly written in when that is not ``declared``; None when unsure.

    Why: a file passed with the wrong language (a French target declared English) gives a report of nonsense, a
    typo in every word and every sentence untranslated. Blocks from across the document (about 6,000
    characters) are each identified among the embedder's languages and the declared one, and weighed by their
    letters. Only a clear verdict counts: 80% of the letters in another language and under 10% in the declared
    one, on at least ``min_letters`` letters of prose. A yearbook with a page of German advertising in its French
    edition, a caption list of names or a page of code never trips it.
    """
    from lingua import IsoCode639_1

    base = declared.split("-")[0]
    if getattr(IsoCode639_1, base.upper(), None) is None:
        return None
    blocks = [p for p in (_NOT_PROSE.sub(" ", t).strip() for t in texts) if p]
    total = sum(map(len, blocks))
    step = max(1, total // 6000)
    sample = blocks[::step] if step > 1 else blocks
    detector = _wide_detector(tuple(sorted({c.split("-")[0] for c in DEFAULT_EMBEDDER_LANGS} | {base})))
    letters: dict[str, int] = {}
    for block in sample:
        n = sum(ch.isalpha() for ch in block)
        found = detector.detect_language_of(block) if n >= 20 else None
        if found is not None:
            code = found.iso_code_639_1.name.lower()
            letters[code] = letters.get(code, 0) + n
    counted = sum(letters.values())
    if counted < min_letters:
        return None
    best = max(letters, key=lambda k: letters[k])
    if best != base and letters[best] >= 0.8 * counted and letters.get(base, 0) < 0.1 * counted:
        return best
    return None


def language_name(code: str) -> str:
    """English name of a language code (``fr`` → French), or the code itself when babel does not know it."""
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(code.split("-")[0]).english_name)
    except (UnknownLocaleError, ValueError):
        return code
