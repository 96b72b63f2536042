"""Document-level evidence that an unknown word is deliberate, not a typo (used by TY01).

A dictionary miss is weak evidence on its own: old books spell words their own way (daß, oogen, quanto),
OCR splits words (aujourd ' hui, dy- namique), units are abbreviated (bcm), and a translation borrows
cognates (geostrategica / geostrategic). Each helper here answers one question from the text itself or
from the other version, cheaply and once per document (the indexes are cached on the document's text):

- :class:`Lexicon` — how often a word occurs in its own version, and which words of the other version
  share its accent-free form or a long prefix (a cognate);
- :func:`one_edit_known` — whether a dictionary word lies one typing error away (then it is no cognate);
- :func:`near_miss` — whether the token is a near miss of a known word at all (what a typo is; a name, a
  foreign or an old word is usually far from every word of the dictionary);
- :func:`systematic_variants` / :func:`historical_variant` — whether the version follows an older or regional
  orthography throughout (old Dutch "visch, teekens", old Spanish "dexar, pasageros") and the word is one of them;
- :func:`unknown_family` — whether the version inflects the same unknown stem in other forms (a lemma the
  dictionary lacks: bergsteigerisch, bergsteigerische, bergsteigerischen);
- :func:`joined_known` — whether the token and its neighbour across an OCR'd apostrophe or hyphen form a word;
- :func:`abbreviation` — a vowel-less lower-case token (bcm, km, pp) or a listed abbreviation followed by a dot.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from ._spell import Dictionary, common_prefix, fold, words

_VOWELS = frozenset("aeiouyàáâäãåæèéêëìíîïòóôöõøœùúûüýÿаеёиоуыэюяіїє")
# A token and its neighbour split by an OCR'd or tokenised apostrophe or a line-end hyphen.
_AFTER_APOSTROPHE = re.compile(r"\s*['’`]\s*([^\W\d_]+)")
_BEFORE_APOSTROPHE = re.compile(r"([^\W\d_]+)\s*['’`]\s*$")
_AFTER_HYPHEN = re.compile(r"\s*[-¬\u00ad]\s*([^\W\d_]+)")
_BEFORE_HYPHEN = re.compile(r"([^\W\d_]+)\s*[-¬\u00ad]\s*$")
_LIGATURES = (("oe", "œ"), ("ae", "æ"), ("Oe", "Œ"), ("Ae", "Æ"))
_ALPHABET = "abcdefghijklmnopqrstuvwxyzàáâäèéêëìíîïòóôöùúûüçñß"


def accents(word: str) -> int:
    """Number of diacritics in ``word`` (détente has one, detente none)."""
    return sum(1 for c in unicodedata.normalize("NFD", word) if unicodedata.combining(c))


@dataclass(frozen=True)
class Lexicon:
    """Counts of a version's own words and indexes of the other version's words, built once per document pair."""

    own_counts: Counter[str]                  # lower-cased word -> occurrences in its own version
    other_by_fold: dict[str, tuple[str, ...]]  # folded word -> spellings in the other version
    other_by_prefix: dict[str, tuple[str, ...]]  # first 5 folded letters -> folded words of the other version

    def repeated(self, word: str) -> int:
        """Occurrences of ``word`` (case aside, accents not: années is no evidence for anneés) in its own version."""
        return self.own_counts.get(word.lower(), 0)

    def accented_counterpart(self, word: str) -> str | None:
        """The other version's spelling of ``word`` with more accents (detente → détente), if any."""
        mine = accents(word)
        best = [w for w in self.other_by_fold.get(fold(word), ()) if accents(w) > mine and w.lower() != word.lower()]
        if not best:
            return None
        other = best[0]
        return other if word[:1].isupper() == other[:1].isupper() else (other.capitalize() if word[:1].isupper() else other.lower())

    def same_fold(self, word: str) -> bool:
        """True when the other version writes ``word`` with other capitals only (Sahib / SAHIB).

        Accents are not ignored: a word with an accent too many (répéat) is no cognate of "repeat".
        """
        low = word.lower()
        return any(w.lower() == low for w in self.other_by_fold.get(fold(word), ()))

    def cognate(self, word: str, min_prefix: int = 5, max_tail: int = 3) -> str | None:
        """A word of the other version sharing a long prefix with ``word`` (geostrategica / geostrategic).

        Both words may differ only in an ending of at most ``max_tail`` letters; endings that are the same
        letters reordered (informatoin / information) are a transposition typo, not a cognate.
        """
        f = fold(word)
        if len(f) < min_prefix + 1:
            return None
        for other in self.other_by_prefix.get(f[:min_prefix], ()):
            n = common_prefix(f, other)
            if other == f or n < min_prefix or len(f) - n > max_tail or len(other) - n > max_tail:
                continue
            if sorted(f[n:]) == sorted(other[n:]):
                continue
            return other
        return None


@functools.lru_cache(maxsize=8)
def _counts(text: str) -> Counter[str]:
    return Counter(t.text.replace("’", "'").lower() for t in words(text))


@functools.lru_cache(maxsize=8)
def word_counts(text: str) -> Counter[str]:
    """Occurrences of each word of ``text`` as written (names keep their case and accents)."""
    return Counter(t.text for t in words(text))


@functools.lru_cache(maxsize=8)
def _other_indexes(text: str) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    by_fold: dict[str, set[str]] = {}
    for t in words(text):
        by_fold.setdefault(fold(t.text), set()).add(t.text)
    by_prefix: dict[str, set[str]] = {}
    for f in by_fold:
        if len(f) >= 5:
            by_prefix.setdefault(f[:5], set()).add(f)
    return ({k: tuple(sorted(v)) for k, v in by_fold.items()}, {k: tuple(sorted(v)) for k, v in by_prefix.items()})


def lexicon(own_text: str, other_text: str) -> Lexicon:
    """The :class:`Lexicon` of one version (``own_text``) against the other (``other_text``)."""
    by_fold, by_prefix = _other_indexes(other_text)
    return Lexicon(_counts(own_text), by_fold, by_prefix)


def one_edit_known(word: str, d: Dictionary) -> bool:
    """True when a single typing error (drop, double, swap, replace, insert) turns a dictionary word into ``word``.

    That is what a typo looks like; a cognate of the other language is usually further from every word of its own.
    """
    return any(known_lower(c, d) for c in spellings_near(word, min_length=len(word) + 1))


def known_lower(word: str, d: Dictionary) -> bool:
    """True when ``d`` knows the lower-case ``word`` as it is or capitalised (a noun in German)."""
    return d.knows(word) or d.knows(word.capitalize())


def spellings_near(word: str, min_length: int = 7) -> dict[str, int]:
    """Every string near ``word`` (lower case), with its number of edits: 1, or 2 for two stray letters.

    One typing error: a letter dropped, two swapped, one replaced or one inserted. Two stray letters are
    dropped only from words of ``min_length`` letters or more. Strings of two letters or fewer are left out.
    """
    w = word.lower()
    cands: set[str] = set()
    for i in range(len(w)):
        cands.add(w[:i] + w[i + 1:])
        if i + 1 < len(w):
            cands.add(w[:i] + w[i + 1] + w[i] + w[i + 2:])
        for c in _ALPHABET:
            cands.add(w[:i] + c + w[i + 1:])
            cands.add(w[:i] + c + w[i:])
    out = dict.fromkeys((c for c in cands if len(c) > 2 and c != w), 1)
    if len(w) >= min_length:
        for i in range(len(w)):
            for j in range(i + 1, len(w)):
                c = w[:i] + w[i + 1:j] + w[j + 1:]
                if len(c) > 2 and c not in out:
                    out[c] = 2
    return out


def near_miss(word: str, d: Dictionary, max_distance: int = 2, min_length: int = 7) -> bool:
    """True when ``word`` is a near miss of a dictionary word: the shape of a typo.

    One typing error (drop, double, swap, replace, insert), an accent, or, for a word of ``min_length``
    letters or more, two stray letters (attrattivita / attrattiva). An unknown word with no dictionary word
    that close is a name, a foreign or dialect word or an old form far more often than a typo.

    Why not hunspell's suggestions: their search stops on a CPU-time budget, so the same word gets three
    suggestions on one run and one on the next (nordest: nord-est, Nord-Est, nordiste / nord-est), and a
    finding must not come and go with the machine's load. Every test here is a plain dictionary lookup.
    """
    if one_edit_known(word, d) or accent_variant(word, d):
        return True
    if len(word) < min_length or max_distance < 2:
        return False
    return any(n == 2 and d.knows(c) for c, n in spellings_near(word, min_length).items())


@functools.lru_cache(maxsize=16)
def _unknown_by_prefix(text: str, d: Dictionary, prefix: int) -> dict[str, tuple[str, ...]]:
    """The lower-case words of ``text`` that ``d`` does not know, indexed by their first ``prefix`` letters."""
    out: dict[str, set[str]] = {}
    for t in words(text):
        w = t.text
        if len(w) > prefix and w.islower() and "'" not in w and "’" not in w and not d.knows(w):
            out.setdefault(w[:prefix], set()).add(w)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def unknown_family(word: str, text: str, d: Dictionary, min_stem: int = 5, max_ending: int = 3, min_forms: int = 2) -> bool:
    """True when ``text`` has ``min_forms`` other unknown words sharing ``word``'s stem (a lemma the dictionary lacks).

    The stem is all of the word but an ending of at most ``max_ending`` letters, and at least ``min_stem``
    letters long: "bergsteigerischen" with "bergsteigerisch" and "bergsteigerische" elsewhere. A typo is a
    one-off slip in a word the dictionary knows; its other forms are known words, not an unknown family.
    """
    low = word.lower()
    if len(low) <= min_stem or not low.isalpha():
        return False
    forms = [u for u in _unknown_by_prefix(text, d, min_stem).get(low[:min_stem], ())
             if u != low and common_prefix(u, low) >= max(min_stem, len(low) - max_ending, len(u) - max_ending)]
    return len(forms) >= min_forms


# Older or regional spellings of each language, as (written, modern) regular expressions: pre-1947 Dutch
# (teekens, dooden: a long vowel doubled in an open syllable; visch, wenschte), pre-1815 Spanish (dexar,
# pasageros, reyna, quaresma), pre-1901 German (Thür, Cigarre, seyn), old French (connoissoit). Each is
# accepted only in a version that uses it throughout (see systematic_variants).
_V = "aeiouyàáâäèéêëìíîïòóôöùúûü"
HISTORICAL: dict[str, tuple[tuple[str, str], ...]] = {
    "nl": ((f"ee(?=[^{_V}][{_V}])", "e"), (f"oo(?=[^{_V}][{_V}])", "o"), ("sch(?=$|t|e)", "s"), ("ae", "aa"), ("uy", "ui")),
    "es": (("x", "j"), ("g(?=[ei])", "j"), ("y(?![{_V}])".replace("{_V}", _V), "i"), ("qu(?=[ao])", "cu"), ("ph", "f")),
    "de": (("th", "t"), ("c(?=[aou])", "k"), ("c(?=[ei])", "z"), ("ey", "ei"), ("iren", "ieren")),
    "fr": (("oi", "ai"), ("ez$", "és"), ("^fes", "fais")),
    "it": (("j", "i"),),
    "pt": (("ph", "f"), ("th", "t")),
}


def historical_variant(word: str, d: Dictionary, rules: tuple[tuple[str, str], ...]) -> tuple[str, str] | None:
    """The first rule of ``rules`` that turns ``word`` into a dictionary word (at one spot, or at every spot), if any."""
    low = word.lower()
    for old, new in rules:
        spots = [m for m in re.finditer(old, low)][:4]
        if not spots:
            continue
        cands = [low[: m.start()] + new + low[m.end():] for m in spots] + [re.sub(old, new, low)]
        if any(c != low and (d.knows(c) or d.knows(c.capitalize())) for c in cands):
            return (old, new)
    return None


@functools.lru_cache(maxsize=16)
def systematic_variants(text: str, d: Dictionary, min_words: int = 5, min_share: float = 0.002) -> tuple[tuple[str, str], ...]:
    """The older or regional spellings of :data:`HISTORICAL` that ``text`` uses throughout.

    A rule counts when it explains at least ``min_words`` distinct words the dictionary does not know, and at
    least ``min_share`` of the version's vocabulary: Candide's Spanish has 34 words with x for j, a modern
    version none. One such word in a modern version ("teeken") stays a typo; in an old one it is its orthography.
    """
    rules = HISTORICAL.get(d.name[:2], ())
    if not rules:
        return ()
    vocab = {t.text for t in words(text) if "'" not in t.text and "’" not in t.text and len(t.text) >= 3}
    unknown = [w for w in vocab if w[:1].islower() and not d.knows(w)]
    counts: Counter[tuple[str, str]] = Counter()
    for w in unknown:
        for rule in rules:
            if historical_variant(w, d, (rule,)):
                counts[rule] += 1
    return tuple(r for r in rules if counts[r] >= min_words and counts[r] >= min_share * len(vocab))


def contraction_known(word: str, d: Dictionary) -> bool:
    """True when ``word`` is a dictionary word and one letter joined by an apostrophe (there'd, quicker'n, S'pose).

    Dialogue contracts words its own way; a slip inside the word leaves it unknown, and "would'nt" (two letters
    after the apostrophe) stays reported.
    """
    parts = re.split("['’]", word)
    if len(parts) != 2 or not all(parts):
        return False
    short, long_ = sorted(parts, key=len)
    return len(short) == 1 and len(long_) >= 3 and _known_any(long_, d)


def joined_known(text: str, start: int, end: int, d: Dictionary) -> bool:
    """True when the token at ``text[start:end]`` makes a word with its neighbour across an apostrophe or hyphen.

    OCR'd and tokenised books write "aujourd ' hui" and "l ' homme", and keep line-end hyphens ("dy- namique",
    "bestük-ken"); German hyphenated compounds carry a noun in lower case ("Dächli-mützen").
    """
    tok = text[start:end]
    m = _AFTER_APOSTROPHE.match(text, end)
    if m and d.knows(f"{tok}'{m.group(1)}"):
        return True
    m = _BEFORE_APOSTROPHE.search(text[:start])
    if m and d.knows(f"{m.group(1)}'{tok}"):
        return True
    # Across a hyphen, hunspell's own verdict only: with compounding, any garble glued to a word is a word.
    spell = d.handle.spell
    m = _AFTER_HYPHEN.match(text, end)
    if m and (spell(tok + m.group(1)) or spell(f"{tok}-{m.group(1)}")):
        return True
    m = _BEFORE_HYPHEN.search(text[:start])
    return m is not None and (spell(m.group(1) + tok) or spell(f"{m.group(1)}-{tok}") or (tok.islower() and spell(tok.capitalize())))


def variant_known(word: str, d: Dictionary) -> bool:
    """True when ``word`` is a dictionary word written with oe/ae for a ligature (coeur, oeuvre).

    Splitting a word at a hyphen is deliberately not tried: hunspell accepts odd pairs ("attratti-vita"),
    which would hide a real typo (attrattivita).
    """
    return any(plain in word and d.knows(word.replace(plain, lig)) for plain, lig in _LIGATURES)


def accent_variant(word: str, d: Dictionary) -> bool:
    """True when ``word`` differs from a dictionary word only in its accents (vivia / vivía, miráron / miraron)."""
    bare = strip_accents(word)
    if bare != word and (d.knows(bare) or d.knows(bare.lower())):
        return True
    for i, ch in enumerate(bare[:30]):
        for acc in _ACCENTED.get(ch.lower(), ""):
            cand = bare[:i] + (acc.upper() if ch.isupper() else acc) + bare[i + 1:]
            if cand != word and d.knows(cand):
                return True
    return False


def strip_accents(word: str) -> str:
    """``word`` without diacritics, case kept (Università → Universita)."""
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c)))


_ACCENTED = {"a": "àáâä", "e": "èéêë", "i": "ìíîï", "o": "òóôö", "u": "ùúûü", "c": "ç", "n": "ñ"}


@functools.lru_cache(maxsize=16)
def systematic_accents(text: str, d: Dictionary, min_share: float = 0.01, min_words: int = 5) -> bool:
    """True when the version accents words its own way throughout (old Spanish "dixo … apénas … navegacion").

    Measured on the evaluation books: 286 of Candide's 3,746 distinct Spanish words (7.6 %) differ from the
    dictionary only by accents, against at most 0.5 % in any other version; the seed article has 1 of ~700.
    In such a version an accent difference is its orthography, not a typo, and reporting each one drowns the editor.
    """
    vocab = {t.text for t in words(text) if "'" not in t.text and "’" not in t.text}
    hits = sum(1 for w in vocab if not d.knows(w) and accent_variant(w, d))
    return hits >= min_words and hits >= min_share * max(1, len(vocab))


def neighbour_joined(text: str, start: int, end: int, d: Dictionary) -> bool:
    """True when the token glued to the word before or after it is a dictionary word (OCR split "E rlebnis", "S ouvenirs")."""
    tok = text[start:end]
    before = re.search(r"(?<![^\W\d_])([^\W\d_]{1,3}) $", text[:start])
    if before and _fragment(before.group(1), d) and _known_any(before.group(1) + tok, d):
        return True
    after = re.match(r" ([^\W\d_]{1,3})(?![^\W\d_])", text[end:])
    return after is not None and _fragment(after.group(1), d) and _known_any(tok + after.group(1), d)


def _fragment(piece: str, d: Dictionary) -> bool:
    """A piece OCR broke off a word: a lone letter, or two or three letters that are no word ("E rlebnis", "tion")."""
    return len(piece) == 1 or not _known_any(piece, d)


def ocr_fragment(text: str, start: int, end: int, d: Dictionary) -> bool:
    """True when the token is a piece of a broken word (125eme, bestük-ken, Schro-fenflanken).

    The piece is glued to a number, or is one half of a word hyphenated at a line end whose other half is
    no word either. An ordinary hyphenated compound (well-known) has known halves, so a typo in either half is still found.
    """
    if start > 0 and text[start - 1].isdigit():
        return True
    m = re.match(r"-([^\W\d_]+)", text[end:])
    if m and m.group(1)[:1].islower() and (not _known_any(m.group(1), d) or _rejoined(text[start:end], m.group(1), d)):
        return True
    b = re.search(r"([^\W\d_]+)-$", text[:start])
    return b is not None and text[start:end][:1].islower() and not _known_any(b.group(1), d)


def _rejoined(head: str, tail: str, d: Dictionary) -> bool:
    """True when ``head``-``tail`` is a German word hyphenated the pre-1996 way, even if ``tail`` is a word (ken).

    That hyphenation turned ck into k-k (bestük-ken = bestücken). A hyphen left inside a word whose halves
    join to a word (nassge-schwitzten) is not excused: it is a stray line-end hyphen, and is reported.
    """
    return d.name.startswith("de") and head.endswith("k") and tail.startswith("k") and _known_any(head[:-1] + "c" + tail, d)


def glued_known(word: str, d: Dictionary) -> bool:
    """True when ``word`` is two dictionary words that lost the space between them (derTraversierung, theHouse)."""
    for m in re.finditer(r"(?<=[^\W\d_])(?=[A-ZÀ-ÖØ-Þ])", word):
        head, tail = word[: m.start()], word[m.start():]
        if len(head) >= 2 and len(tail) >= 3 and d.knows(head) and d.knows(tail):
            return True
    return False


def _known_any(word: str, d: Dictionary) -> bool:
    return d.knows(word) or d.knows(word.lower()) or d.knows(word.capitalize())


def abbreviation(text: str, start: int, end: int, d: Dictionary) -> bool:
    """True when the token is an abbreviation: up to 3 lower-case letters, no vowel (bcm, km), or one listed with its dot.

    Four vowel-less letters are more often a word that lost its vowel (thnk, rght) than a unit.
    """
    tok = text[start:end]
    if tok.islower() and len(tok) <= 3 and not (set(tok) & _VOWELS):
        return True
    m = re.match(r"\s?\.", text[end:])
    return bool(m) and len(tok) <= 4 and (d.knows(tok + ".") or d.knows(tok.capitalize() + "."))
