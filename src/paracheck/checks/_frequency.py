"""Word frequencies, the prior of the noisy-channel test that tells a slip from a word the dictionary lacks.

A dictionary answers "is this a word?"; it cannot answer "would a writer have meant the nearby word instead?".
Frequencies can: a slip is made while typing a word writers use often (wanetd for wanted), while the unknown
words of old, dialect and technical texts sit next to rare words or are themselves in use (fregona, señera,
rauhen, malm). The counts come from wordfreq's lists, installed with the package and read offline; a language
it does not cover gets no frequency test, and TY01 behaves as if the option were off.
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Callable, Iterable, Mapping

from ._spell import Dictionary


@functools.lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    try:
        from wordfreq import available_languages
    except ImportError:  # the package is a dependency; without it the test is simply off
        return frozenset()
    return frozenset(available_languages(wordlist="best"))


def frequency_language(d: Dictionary) -> str | None:
    """The wordfreq language of a dictionary (de_DE_frami → de), or None when wordfreq has no usable list for it."""
    lang = d.name.split("_")[0].split("-")[0].lower()
    return lang if lang in _languages() and _usable(lang) else None


@functools.lru_cache(maxsize=64)
def _usable(lang: str) -> bool:
    """False when wordfreq cannot read ``lang`` here (Chinese and Japanese need tokenisers of their own)."""
    try:
        _table(lang)
        _slow_zipf("a", lang)
    except Exception:  # noqa: BLE001 - any failure of the optional evidence turns the test off, never the check
        return False
    return True


def _table(lang: str) -> Mapping[str, float]:
    """The table wordfreq keeps for ``lang`` (it caches it): read, never copied (German's takes some 80 MB)."""
    from wordfreq import get_frequency_dict

    return get_frequency_dict(lang, wordlist="best")


@functools.lru_cache(maxsize=4096)
def _slow_zipf(word: str, lang: str) -> float:
    """The lookup through wordfreq's tokeniser (some 30 µs): cached, as the test and the suggestions ask about the same neighbours."""
    from wordfreq import zipf_frequency

    with warnings.catch_warnings():  # wordfreq warns about tokenisation it cannot do perfectly; the figure is still usable
        warnings.simplefilter("ignore")
        return float(zipf_frequency(word, lang, wordlist="best"))


def zipf(word: str, lang: str) -> float:
    """Zipf frequency of ``word`` in ``lang``: log10 of its uses per billion words, 0 when unlisted (3 is one per million).

    A plain word is looked up in the list directly, case-folded as wordfreq stores it (straße → strasse): the
    test asks about a thousand candidate spellings of one word. Words with apostrophes or hyphens go through
    wordfreq's own tokeniser (dell'università is two words to it).
    """
    key = word.casefold()
    if key.isalpha():
        f = _table(lang).get(key, 0.0)
        return round(math.log10(f) + 9, 2) if f > 0 else 0.0
    return _slow_zipf(word, lang)


# Two slips in one word are rarer than one: a correction two edits away must be this many Zipf steps (a power of
# ten per step) more frequent than one a single edit away to be read as the word meant.
SECOND_EDIT = 1.0


def likeliest(candidates: Iterable[str] | dict[str, int], lang: str, known: Callable[[str], bool] = lambda _: True,
              n: int = 1, floor: float = float("-inf")) -> list[tuple[float, str]]:
    """The ``n`` likeliest ``known`` candidates for the word meant, best first, as (score, candidate).

    A candidate's score is its Zipf frequency, less :data:`SECOND_EDIT` for each edit past the first when
    ``candidates`` maps each to its number of edits. Unlisted candidates and those scoring under ``floor`` are
    left out. Candidates are tried best first, and ``known`` (a dictionary lookup, the costly part) is asked
    only until ``n`` are found: on a large book that is a few lookups per word, not a thousand.
    """
    edits = candidates if isinstance(candidates, dict) else dict.fromkeys(candidates, 1)
    scored = sorted(((z - SECOND_EDIT * (k - 1), c) for c, k in edits.items() if (z := zipf(c, lang)) > 0.0),
                    key=lambda sc: (-sc[0], sc[1]))
    out: list[tuple[float, str]] = []
    for score, cand in scored:
        if score < floor or len(out) >= n:
            break
        if known(cand):
            out.append((score, cand))
    return out


def likely_slip(word: str, candidates: Iterable[str] | dict[str, int], lang: str, gap: float, count_written: bool = True,
                known: Callable[[str], bool] = lambda _: True) -> bool:
    """True when some ``known`` candidate scores at least ``gap`` Zipf steps above ``word`` itself (see :func:`likeliest`).

    The noisy channel: a slip is the likelier reading when the word meant is common and the written form is
    rare or unlisted. A gap of 2 asks for a hundred uses of the correction per use of the written form. An
    unlisted form counts as 0, so a correction that is itself unlisted (a rare inflection) never wins.
    ``count_written=False`` treats the written form as unlisted: for a missing accent, whose bare form is
    common on the web the lists are counted from (universita, a third as often as università).
    """
    written = zipf(word, lang) if count_written else 0.0
    return bool(likeliest(candidates, lang, known, 1, floor=written + gap))
