"""Word tokens and hunspell dictionaries shared by the text checks (spelling, names, acronyms, terms).

Dictionaries are loaded once per (language, folder) and words are looked up through a cache: a document
repeats most of its words, and hunspell's own lookup, although fast, is a call into C per token. A missing
dictionary is not an error here (it returns None); the spelling check turns it into one visible notice.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_DICTIONARY_DIR = "/usr/share/hunspell"

# Dictionary names tried, in order, for each language. British English first: the spelling "favour" is not a
# typo, and measured on the seed en_GB halves the false positives of en_US.
LOCALES: dict[str, tuple[str, ...]] = {
    "it": ("it_IT",), "en": ("en_GB", "en_US"), "de": ("de_DE",), "fr": ("fr_FR", "fr"), "es": ("es_ES",),
    "pt": ("pt_PT", "pt_BR"), "nl": ("nl_NL", "nl"), "ru": ("ru_RU",), "pl": ("pl_PL",),
}

# Debian package that ships each language's dictionary (for the notice that tells the user what to install).
PACKAGES: dict[str, str] = {
    "it": "hunspell-it", "en": "hunspell-en-gb", "de": "hunspell-de-de-frami", "fr": "hunspell-fr", "es": "hunspell-es",
    "pt": "hunspell-pt-pt", "nl": "hunspell-nl", "ru": "hunspell-ru", "pl": "hunspell-pl", "ko": "hunspell-ko",
    "ar": "hunspell-ar", "tr": "hunspell-tr",
}
# Written without spaces between words: hunspell does not check them, and no package would help.
UNSPACED = frozenset({"zh", "ja", "th"})

# A word: letters, with inner apostrophes (dell'Unione, hasn't) kept inside the token.
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# Spans whose letters are not words of the language: URLs, e-mail addresses, @handles, code spans, file names.
_MASK = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|@\w+|`[^`]*`|\b[\w-]+\.(?:jpe?g|png|gif|svg|pdf|html?)\b", re.I)


@dataclass(frozen=True)
class Token:
    """A word of a segment and its character range in the segment's text."""

    text: str
    start: int
    end: int

    @property
    def is_upper(self) -> bool:
        """ALL-CAPS (an acronym or a shouted word)."""
        return self.text.isupper() and len(self.text) > 1

    @property
    def is_capitalised(self) -> bool:
        """Starts with a capital and is not ALL-CAPS."""
        return self.text[:1].isupper() and not self.is_upper


def masked(text: str) -> str:
    """``text`` with URLs, e-mail addresses, handles and code spans blanked (same length, so offsets hold)."""
    return _MASK.sub(lambda m: " " * len(m.group(0)), text)


def words(text: str) -> list[Token]:
    """Word tokens of ``text`` outside URLs, addresses and code spans, with their offsets."""
    return list(_tokens(text))


@functools.lru_cache(maxsize=65536)
def _tokens(text: str) -> tuple[Token, ...]:
    # Cached: the text checks tokenise each sentence many times (every unknown word looks at its counterpart's
    # words), which on a novel cost minutes.
    return tuple(Token(m.group(0), m.start(), m.end()) for m in _WORD.finditer(masked(text)))


def sentence_initial(text: str, tok: Token) -> bool:
    """True when nothing but punctuation, quotes or spaces comes before ``tok`` in ``text``."""
    return not any(ch.isalnum() for ch in text[: tok.start])


def fold(word: str) -> str:
    """Lower-case without accents: the form used to compare names across languages (Università = Universita)."""
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c))


def common_prefix(a: str, b: str) -> int:
    """Length of the prefix two words share (cognates and inflected names share long ones)."""
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Damerau-Levenshtein distance (adjacent transpositions count 1), capped at ``limit``."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
        if min(prev) >= limit:
            return limit
    return min(prev[-1], limit)


@dataclass(frozen=True)
class Dictionary:
    """A loaded hunspell dictionary and the name it was loaded under (it_IT, en_GB...)."""

    name: str
    handle: Any
    folder: str = DEFAULT_DICTIONARY_DIR  # where it was loaded from

    def knows(self, word: str) -> bool:
        """True when hunspell accepts ``word`` (typographic apostrophes read as ASCII ones)."""
        return _known(self, word.replace("’", "'"))

    def lists(self, word: str) -> bool:
        """True when hunspell itself accepts ``word``, without the compound and inflection rules of :meth:`knows`.

        The right test for a word of another language: those rules split a misspelled name into two short
        words of this language (Gabrille: Gab + Rille) far more often than they find a word.
        """
        return _plain(self, word.replace("’", "'"))

    def suggest(self, word: str, n: int = 3) -> tuple[str, ...]:
        """Up to ``n`` corrections hunspell proposes."""
        return _suggest(self, word.replace("’", "'"))[:n]


# Languages that write compounds as one word (Bergschründe, Vorsichtsmassnahmen): a word made of two known
# words, possibly with a linking -s-, -es-, -n- or -en-, is a word.
COMPOUNDING = frozenset({"de", "nl", "sv", "da", "nb", "nn", "no", "is", "fi", "af", "lb"})
_LINKS = ("", "s", "es", "n", "en", "e")


@functools.lru_cache(maxsize=200_000)
def _known(d: Dictionary, word: str) -> bool:
    if _plain(d, word):
        return True
    lang = d.name[:2]
    if lang == "de" and ("ß" in word or "ss" in word):  # Swiss and pre-1996 spellings: Strasse = Straße, daß = dass
        if _plain(d, word.replace("ß", "ss")) or _plain(d, word.replace("ss", "ß")):
            return True
    # Inflected nouns hunspell's de_DE lacks (des Rauchens, der Bergschründe): the bare form is known.
    if lang == "de" and word[:1].isupper():
        for ending in ("s", "es", "n", "en", "e"):
            stem = word[: -len(ending)]
            if len(stem) > 3 and word.endswith(ending) and (_plain(d, stem) or (len(stem) >= 8 and _compound(d, stem, 2))):
                return True
    if lang == "de" and word.islower() and len(word) >= 6 and _german_form(d, word):
        return True
    if lang == "es" and len(word) >= 6 and (_spanish_enclitic(d, word) or _spanish_suffix(d, word)):
        return True
    # Dutch before 1946 declined adjectives after "den": den zandigen heidegrond, met een zwaren slag
    if lang == "nl" and len(word) >= 6 and word.endswith("en") and _plain(d, word[:-1]):
        return True
    if lang == "nl" and len(word) >= 6 and word.islower() and _dutch_form(d, word):
        return True
    if lang == "en" and len(word) >= 7 and word.islower() and _english_form(d, word):
        return True
    return lang in COMPOUNDING and len(word) >= 8 and _compound(d, word, 2)


# Separable particles of Dutch verbs, longest first: a subordinate clause writes them onto the verb (afweet).
_DUTCH_PARTICLES = tuple(sorted(("aan", "achter", "af", "bij", "door", "in", "langs", "los", "mee", "na", "neer",
                                 "om", "op", "over", "samen", "tegen", "terug", "toe", "uit", "vast", "voor", "weg"),
                                key=len, reverse=True))


def _dutch_form(d: Dictionary, word: str) -> bool:
    """Regular Dutch forms the dictionary lacks.

    A particle verb in a subordinate clause (afweet), the partitive of a comparative (iets vrolijkers), a
    declined adjective (logenachtige).
    """
    if word.endswith("ers") and _plain(d, word[:-1]):
        return True
    if word.endswith(("ige", "ische", "lijke")) and _known(d, word[:-1]):
        return True
    return any(word.startswith(p) and len(word) - len(p) >= 4 and _plain(d, word[len(p):]) for p in _DUTCH_PARTICLES)


def _english_form(d: Dictionary, word: str) -> bool:
    """Regular English forms the dictionary lacks: superlatives and -ish of listed adjectives (dismalest, stoutish).

    The stem may have doubled its last consonant (reddest), dropped an e (ripest) or turned y into i (earliest).
    """
    for suffix in ("est", "ish"):
        if not word.endswith(suffix):
            continue
        stem = word[: -len(suffix)]
        if stem.endswith("e"):  # houseest: an e-final stem takes -st (ripest), which the dictionary lists
            continue
        forms = [stem, stem + "e"] + ([stem[:-1]] if len(stem) > 2 and stem[-1] == stem[-2] else [])
        forms += [stem[:-1] + "y"] if stem.endswith("i") else []
        if any(len(f) >= 4 and _plain(d, f) for f in forms):
            return True
    return False


# Spanish diminutives, augmentatives and absolute superlatives are formed freely (diamantillos, librotes,
# altísima); dictionaries list few of them. Longest first, so that -ísimas is tried before -as.
_ES_SUFFIXES = tuple(sorted([f"{stem}{end}" for stem in ("ísim", "ill", "it") for end in ("o", "a", "os", "as")]
                            + ["ote", "otes", "ota", "otas"], key=len, reverse=True))


def _spanish_suffix(d: Dictionary, word: str) -> bool:
    """A Spanish word with a diminutive, augmentative or superlative ending whose base word is listed."""
    low = word.lower()
    for suffix in _ES_SUFFIXES:
        base = low[: -len(suffix)]
        if low.endswith(suffix) and len(base) >= 3:
            bases = (base, base[:-1] + "z") if base.endswith("c") else (base,)  # felicísimo: feliz
            return any(_plain(d, b + v) for b in bases for v in ("o", "a", "e", ""))
    return False


_CLITICS = ("nos", "os", "les", "los", "las", "me", "te", "se", "le", "lo", "la")


def _spanish_enclitic(d: Dictionary, word: str) -> bool:
    """A Spanish verb with pronouns attached (palpitándole, sonrojóse, distraerles): the bare verb is listed.

    The pronoun moves the stress, so the verb carries an accent it loses once the pronoun is taken off.
    """
    return _without_clitics(d, word.lower(), 2)


def _without_clitics(d: Dictionary, low: str, depth: int) -> bool:
    # Every pronoun the word may end in is tried: desollándolos ends in -os and in -los.
    for clitic in _CLITICS:
        if depth == 0 or not low.endswith(clitic) or len(low) - len(clitic) < 4:
            continue
        verb = low[: -len(clitic)]
        bare = "".join(c for c in unicodedata.normalize("NFD", verb) if not unicodedata.combining(c))
        if _plain(d, verb) or _plain(d, unicodedata.normalize("NFC", bare)) or _without_clitics(d, verb, depth - 1):
            return True
    return False


def _german_form(d: Dictionary, word: str, depth: int = 2) -> bool:
    """Regular German forms hunspell's de_DE lacks: declined adjectives and participles, "zu" infinitives, particle verbs.

    härtesten (härteste), rückschreitende (rückschreiten, a participle of a compound verb), freizubekommen
    (freibekommen): each reduces to a listed word or a compound of listed words. A verb particle or prefix
    (zu-lief, aus-lief, ge-stuften, an-staunten) leaves a listed verb form of four letters or more; a slip
    inside that verb leaves none, so the typo is still found. Two forms of literature and speech are regular
    too: the bare adjective (nepalisch, listed only declined) and the elided e (gehn, anvertraun, anderm).
    """
    forms = {word}
    for ending in ("en", "em", "er", "es", "e"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            base = word[: -len(ending)]
            forms.update((base, base + "e"))
            if base.endswith("end"):  # present participle: schreitend(e) -> schreiten
                forms.add(base[:-1])
    if word.endswith("end"):  # a present participle: puffend, prostend -> the infinitive
        forms.add(word[:-1])
    for ending in ("test", "tet", "ten", "te", "t"):  # a weak verb's past or participle: fingerte, (ge)picknickt -> the infinitive
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            base = word[: -len(ending)]
            forms.update((base + "en", base + "n"))
    i = word.find("zu", 3)
    if i > 0:
        forms.add(word[:i] + word[i + 2:])
    if word.endswith(("isch", "ig", "lich", "sam", "haft")):  # an adjective's bare form (nepalisch: nepalische)
        forms.add(word + "e")
    if word[-1] in "nm" and word[-2] in "aeiouhlr":  # the e elided in speech and verse: umgehn, anvertraun, anderm
        forms.add(word[:-1] + "e" + word[-1])
    forms.discard(word)
    if any(_plain(d, f) or (len(f) >= 8 and _compound(d, f, 2)) for f in forms):
        return True
    if depth > 1:
        for particle in _GERMAN_PARTICLES:
            rest = word[len(particle):]
            if word.startswith(particle) and len(rest) >= 4 and (_plain(d, rest) or _german_form(d, rest, depth - 1)):
                return True
    return False


# Separable particles and inseparable prefixes of German verbs, longest first (hunspell's de_DE lists few
# particle verbs: zulief, auslief, umzudrehen, festgeriegelt).
_GERMAN_PARTICLES = tuple(sorted((
    "ab", "an", "auf", "aus", "bei", "da", "dar", "durch", "ein", "fest", "fort", "her", "herab", "heran", "herauf",
    "heraus", "herein", "herum", "herunter", "hin", "hinab", "hinauf", "hinaus", "hinein", "hinunter", "los", "mit",
    "nach", "um", "unter", "über", "vor", "voran", "voraus", "vorbei", "weg", "weiter", "wieder", "zu", "zurück",
    "zusammen", "be", "ent", "er", "ge", "miss", "ver", "zer"), key=len, reverse=True))


def _compound(d: Dictionary, word: str, depth: int) -> bool:
    """True when ``word`` splits into known words (the head may end in a linking element)."""
    for i in range(3, len(word) - 2):
        head, tail = word[:i], word[i:]
        tail_forms = (tail, tail.capitalize(), tail.lower())
        if not any(_plain(d, t) for t in tail_forms) and not (depth > 1 and len(tail) >= 6 and _compound(d, tail.capitalize(), depth - 1)):
            continue
        for link in _LINKS:
            if link and not head.endswith(link):
                continue
            stem = head[: len(head) - len(link)] if link else head
            if len(stem) >= 3 and any(_plain(d, h) for h in (stem, stem.capitalize(), stem.lower())):
                return True
    return False


@functools.lru_cache(maxsize=200_000)
def _plain(d: Dictionary, word: str) -> bool:
    """Hunspell's own verdict, elisions and possessives aside; in German, ss for ß (Swiss spelling) anywhere in the word."""
    if hunspell_spell(d.handle, word):
        return True
    if d.name.startswith("de") and "ss" in word and word.count("ss") <= 3:
        spots = [m.start() for m in re.finditer("ss", word)]
        for k in range(1, 2 ** len(spots)):  # each choice of the ss that stand for ß (ausschliesslich: only the second)
            w = word
            for j in reversed(range(len(spots))):
                if k >> j & 1:
                    w = w[: spots[j]] + "ß" + w[spots[j] + 2:]
            if hunspell_spell(d.handle, w):
                return True
    if "'" in word:  # elisions and clitics: dell'Unione, l'URSS, Russia's
        head, _, tail = word.partition("'")
        if tail.lower() == "s" and hunspell_spell(d.handle, head):
            return True
        if hunspell_spell(d.handle, head + "'") and (not tail or hunspell_spell(d.handle, tail) or tail.isupper()):
            return True
        if tail[:1].islower() and hunspell_spell(d.handle, head + tail):  # an older elision of a word now written whole: entr'acte
            return True
    return False


@functools.lru_cache(maxsize=4096)
def _suggest(d: Dictionary, word: str) -> tuple[str, ...]:
    try:
        return tuple(d.handle.suggest(word))
    except UnicodeEncodeError:
        return ()


def hunspell_spell(handle: Any, word: str) -> bool:
    """The hunspell verdict on ``word``; False for a word its dictionary's character set cannot even write.

    Why: dictionaries in ISO 8859-1 (German's) make the binding raise on a French "cœur" or any Cyrillic
    word, which TY01 asks them about as possible quoted foreign text. Such a word is simply not theirs.
    """
    try:
        return bool(handle.spell(word))
    except UnicodeEncodeError:
        return False


def dictionary(lang: str, folder: str = DEFAULT_DICTIONARY_DIR, locale: str = "") -> Dictionary | None:
    """The hunspell dictionary for ``lang`` (``it``, ``pt-BR``) in ``folder``, or None when none is installed."""
    base, _, region = lang.partition("-")
    names = (locale,) if locale else ((f"{base}_{region.upper()}",) if region else ()) + LOCALES.get(base, (f"{base}_{base.upper()}",))
    return _load(names, str(Path(folder).expanduser()))


def siblings(d: Dictionary) -> tuple[Dictionary, ...]:
    """The other installed variants of ``d``'s language (en_US beside en_GB, pt_BR beside pt_PT)."""
    return _siblings(d.name, d.folder)


@functools.lru_cache(maxsize=32)
def _siblings(name: str, folder: str) -> tuple[Dictionary, ...]:
    # Debian links fr_FR to fr and nl_NL to nl: the same file under another name is no other variant
    own = (Path(folder) / f"{name}.dic").resolve()
    loaded = (_load((n,), folder) for n in LOCALES.get(name[:2], ())
              if n != name and (Path(folder) / f"{n}.dic").resolve() != own)
    return tuple(x for x in loaded if x is not None)


@functools.lru_cache(maxsize=8)
def _lower_vocabulary(text: str) -> tuple[str, ...]:
    """The distinct lower-case words of ``text`` (a novel has some 10,000; each lookup is cached)."""
    return tuple(sorted(w for w in doc_vocabulary(text) if w.islower()))


@functools.lru_cache(maxsize=16)
def mixed_variants(text: str, own: Dictionary, sibling: Dictionary, min_words: int = 3, share: float = 0.2) -> bool:
    """True when ``text`` writes many words the ``sibling`` variant's way too: no one variant to hold it to.

    Counted over the distinct lower-case words only one of the two dictionaries knows. Old books as published
    mix them (American color and honor beside British travelled and defence, about one to one), and so do
    texts assembled from several hands; there "favor" is the text's habit, not a slip. A text that follows
    ``own`` has ``sibling``'s words as rare exceptions: under ``min_words``, or under ``share`` of its own.
    """
    theirs = mine = 0
    for w in _lower_vocabulary(text):
        a, b = own.knows(w), sibling.knows(w)
        mine += a and not b
        theirs += b and not a
    return theirs >= min_words and theirs > share * mine


def best_dictionary(lang: str, folder: str, text: str) -> Dictionary | None:
    """Of the installed variants of ``lang`` (en_GB, en_US), the one that knows most of ``text``'s words.

    A translation is written in one variant throughout: an American book read with en_GB would have every
    "neighborhood" and "mustache" flagged. Ties keep the preferred order of :data:`LOCALES` (British first).
    """
    base, _, region = lang.partition("-")
    if region or len(LOCALES.get(base, ())) < 2:
        return dictionary(lang, folder)
    return _best(LOCALES[base], str(Path(folder).expanduser()), text)


@functools.lru_cache(maxsize=8)
def _best(names: tuple[str, ...], folder: str, text: str) -> Dictionary | None:
    loaded = [d for d in (_load((n,), folder) for n in names) if d is not None]
    if len(loaded) < 2:
        return loaded[0] if loaded else None
    vocab = _lower_vocabulary(text)
    misses = [sum(not d.knows(w) for w in vocab) for d in loaded]
    return loaded[misses.index(min(misses))]


@functools.lru_cache(maxsize=32)
def _load(names: tuple[str, ...], folder: str) -> Dictionary | None:
    for name in names:
        if (Path(folder) / f"{name}.aff").is_file() and (Path(folder) / f"{name}.dic").is_file():
            import hunspell  # imported on demand: only the text checks need it

            return Dictionary(name, hunspell.Hunspell(name, hunspell_data_dir=folder), folder)
    return None


def name_like(word: str, dicts: Iterable[Dictionary | None], listed: bool = False) -> bool:
    """True when no dictionary knows ``word`` as a common word: unknown, or known only with its capital (Grete).

    A name no dictionary lists (Minciarelli) and a name a dictionary lists as a proper noun (Allison, but not
    Winter, whose lower-case form is a word) both qualify. With ``listed``, hunspell's own lists decide
    (:meth:`Dictionary.lists`), not the compound rules, which make a word of a misspelled name (Gabrille is
    Gab + Rille, Donnatsch Don + Atsch): the test for whether a misspelling is still a name.
    """
    known = Dictionary.lists if listed else Dictionary.knows
    return all(d is None or not known(d, word) or not known(d, word.lower()) for d in dicts)


def package_hint(lang: str) -> str:
    """The Debian package that would provide ``lang``'s dictionary."""
    base = lang.split("-")[0]
    return PACKAGES.get(base, f"hunspell-{base}")


def vocabulary(text: str) -> frozenset[str]:
    """Every word of ``text`` as written: the evidence that a token of the other version is not a typo."""
    return frozenset(t.text.replace("’", "'") for t in words(text))


def doc_text(doc: Any) -> str:
    """All the text of a Document (its blocks joined)."""
    return "\n".join(b.text for b in doc.blocks)


@functools.lru_cache(maxsize=16)
def doc_vocabulary(text: str) -> frozenset[str]:
    """Cached :func:`vocabulary` of a whole version (the same document is looked at by many checks)."""
    return vocabulary(text)


def on_side(side: str, seg: Any, rng: tuple[int, int] | None = None) -> dict[str, Any]:
    """Problem keyword arguments placing ``seg`` (and the range in it) on ``side``: "source" or "target"."""
    return {side: seg, f"{side}_range": rng}


def iter_segments(links: Any, side: str) -> Iterator[tuple[Any, Any]]:
    """(segment, link) for every segment of one side, in document order."""
    for link in links:
        for seg in (link.source if side == "source" else link.target):
            yield seg, link
