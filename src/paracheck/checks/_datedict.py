"""Is this word a real word of the language? (hunspell, loaded once per language, answers cached).

The month-typo check must not call "Juni" or "marc" misspellings: a word near a month name is a typo only
when the language's dictionary does not know it. With no dictionary installed we cannot tell, and we say the
word is known: a missed typo is cheaper than a false one on every run.
"""

from __future__ import annotations

import functools
import os
from typing import Any

from ._spell import hunspell_spell

DICTIONARY_DIR = os.environ.get("PARACHECK_HUNSPELL_DIR", "/usr/share/hunspell")
# British English first: the seed (and most European English) spells "favour".
_NAMES = {"it": ("it_IT",), "en": ("en_GB", "en_US"), "de": ("de_DE", "de_CH"), "fr": ("fr_FR", "fr"),
          "es": ("es_ES",), "pt": ("pt_PT", "pt_BR"), "nl": ("nl_NL", "nl"), "ru": ("ru_RU",)}


@functools.lru_cache(maxsize=16)
def _dictionary(lang: str) -> Any:
    base = lang.split("-")[0]
    for name in _NAMES.get(base, (f"{base}_{base.upper()}",)):
        if os.path.exists(os.path.join(DICTIONARY_DIR, name + ".dic")):
            import hunspell  # imported on demand: only a near-month word needs a dictionary

            return hunspell.Hunspell(name, hunspell_data_dir=DICTIONARY_DIR)
    return None


@functools.lru_cache(maxsize=65536)
def known(word: str, lang: str) -> bool:
    """True when the dictionary of ``lang`` accepts ``word`` (or when there is no dictionary to ask)."""
    d = _dictionary(lang)
    if d is None:
        return True
    return any(hunspell_spell(d, w) for w in (word, word.lower(), word[:1].upper() + word[1:].lower()))
