"""Language codes and language identification.

Codes are ISO 639-1 (``it``, ``en``; ``zh-TW`` where the embedder distinguishes it). Identification is used
to split a bilingual file and to spot target text left in the source language; it is restricted to the
languages of the pair at hand, which is what makes it reliable on short paragraphs.
"""

from __future__ import annotations

import functools
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
