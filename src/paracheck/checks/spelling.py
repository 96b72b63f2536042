"""Spelling: words no dictionary knows (TY01) and names spelled one way in the source, another in the target (TY02).

Plain hunspell flags names, foreign quotations and acronyms by the dozen. Two pieces of evidence that only a
bilingual checker has remove most of them (measured on the seed: 40 → 3 Italian, 9 → 1 English): a token that
appears verbatim in the other version is a name or a shared term, and a word the other language's dictionary
knows is quoted foreign text ("Belt and Road Initiative" inside Italian). ALL-CAPS tokens are left to the
acronym checks, because dictionaries hold random acronyms (the Italian one knows "CPP"). Capitalised words are
still checked: skipping them would hide "Janury".

Spelling does not depend on the alignment, so TY01 reads every segment of both versions, aligned or not (an
untranslated author bio still gets its typos reported); the evidence then comes from the whole other version.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Link, Segment, Severity
from . import Context, Problem, register
from ._frequency import frequency_language, likeliest, likely_slip
from ._lexicon import (
    Lexicon,
    abbreviation,
    accent_variant,
    contraction_known,
    glued_known,
    historical_variant,
    joined_known,
    known_lower,
    lexicon,
    near_miss,
    neighbour_joined,
    ocr_fragment,
    one_edit_known,
    spellings_near,
    strip_accents,
    systematic_accents,
    systematic_variants,
    unknown_family,
    variant_known,
    word_counts,
)
from ._spell import (
    DEFAULT_DICTIONARY_DIR,
    UNSPACED,
    Dictionary,
    Token,
    best_dictionary,
    dictionary,
    doc_text,
    doc_vocabulary,
    edit_distance,
    fold,
    iter_segments,
    mixed_variants,
    name_like,
    on_side,
    package_hint,
    sentence_initial,
    siblings,
    vocabulary,
    words,
)


@dataclass(frozen=True)
class SpellingOptions:
    """Options of the spelling check."""

    dictionary_dir: str = DEFAULT_DICTIONARY_DIR   # folder holding hunspell .aff/.dic files
    locales: dict[str, str] = field(default_factory=dict)  # per language, a dictionary name: {en: en_US}
    accept: tuple[str, ...] = ()    # words never reported (names, jargon); case-sensitive, like hunspell
    min_length: int = 3             # shorter words are not checked
    max_acronym: int = 6            # ALL-CAPS tokens up to this length are acronyms, left to AC01
    suggestions: int = 3
    repeated: int = 2               # an unknown word this often in its own version is a deliberate spelling (0 = off)
    near_miss: bool = True          # report only near misses of a dictionary word (one slip, an accent, two in a long word)
    frequency_gap: float = 1.5      # and only when the word meant is this many powers of ten more frequent than the one written (0 = off)
    cognates: bool = True           # accept a word sharing a long prefix with a word of the other version


@functools.lru_cache(maxsize=32)
def _accepted(accept: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w.replace("’", "'") for w in accept)


def _dict(lang: str, opts: SpellingOptions, text: str = "") -> Dictionary | None:
    base = lang.split("-")[0]
    locale = opts.locales.get(lang, opts.locales.get(base, ""))
    if not locale and text:  # British or American English: the variant the document itself is written in
        return best_dictionary(lang, opts.dictionary_dir, text)
    return dictionary(lang, opts.dictionary_dir, locale)


def _unknown(tok: Token, own: Dictionary, other: Dictionary | None, other_vocab: frozenset[str], accept: frozenset[str],
             opts: SpellingOptions) -> bool:
    """True when no dictionary evidence says ``tok`` is a word, in the order the evidence is cheapest."""
    word = tok.text.replace("’", "'")
    if len(word) < opts.min_length or word in accept:
        return False
    if tok.is_upper and len(word) <= opts.max_acronym:
        return False
    return not (word in other_vocab or own.knows(word))


def _capital_accent(word: str, own: Dictionary) -> bool:
    """True when only the accent of the initial capital is missing (Etat / État): French typography allows it."""
    return word[:1].isupper() and own.name.startswith("fr") and any(
        own.knows(a + word[1:]) for a in _CAPITAL_ACCENTS.get(word[0], ""))


def _stress_accent(word: str, own: Dictionary) -> bool:
    """True when a Dutch word carries an accent only for stress (dát, dàt, één is listed): the bare word is known.

    Dutch spelling lets a writer mark emphasis with an accent on any word (klemtoonteken); no dictionary lists
    the stressed forms, and they are no slips.
    """
    bare = strip_accents(word)
    return own.name.startswith("nl") and bare != word and own.knows(bare)


_CAPITAL_ACCENTS = {"E": "ÉÈÊ", "A": "ÀÂ", "I": "Î", "O": "Ô", "U": "Ù"}


def _verdict(tok: Token, text: str, own: Dictionary, other: Dictionary | None, lex: Lexicon, opts: SpellingOptions,
             own_text: str = "") -> str | None:
    """Why an unknown ``tok`` is still reported: "accent:<form>", "variant:<dictionary>", "typo" or None.

    "accent:" is a missing accent; "variant:" the spelling of another variant of the language (favor, en_US, in
    an en_GB text: a word, but not the one this version's spelling uses); None means deliberate.

    The evidence that a word is deliberate comes from the two versions themselves; it is asked after the
    dictionary, cheapest first. A word that the other version writes with an accent it lacks (detente /
    détente) is a missing accent whatever else is true, unless the version spells it so throughout.
    """
    word = tok.text.replace("’", "'")
    if opts.repeated and lex.repeated(word) >= opts.repeated:
        return None  # old or house spelling (daß, oogen, quanto), a name: a typo is rarely made the same way twice
    accented = lex.accented_counterpart(word)
    if accented is not None and _own_letters(accented, word, own):
        return f"accent:{accented}"
    if other is not None and not tok.is_upper and other.knows(word):
        return None  # quoted foreign text; ALL-CAPS excluded because dictionaries list acronyms that are typos elsewhere
    if lex.same_fold(word) or abbreviation(text, tok.start, tok.end, own):
        return None
    if (joined_known(text, tok.start, tok.end, own) or variant_known(word, own) or neighbour_joined(text, tok.start, tok.end, own)
            or glued_known(word, own) or ocr_fragment(text, tok.start, tok.end, own) or contraction_known(word, own)):
        return None
    if accent_variant(word, own) and (systematic_accents(own_text, own) or _capital_accent(word, own) or _stress_accent(word, own)):
        return None
    if own_text and historical_variant(word, own, systematic_variants(own_text, own)):
        return None  # the version's older orthography (visch, dexar), used throughout
    if opts.cognates and not tok.is_upper and lex.cognate(word) and not one_edit_known(word, own):
        return None
    if own_text and unknown_family(word, own_text, own):
        return None  # the version inflects this unknown stem elsewhere: a lemma the dictionary lacks
    variant = None if tok.is_upper else next((s for s in siblings(own) if s.knows(word)), None)
    if variant is not None:  # favor in a British text: a word, but not this version's spelling of it
        return None if mixed_variants(own_text, own, variant) else f"variant:{variant.name}"
    if opts.near_miss and not near_miss(word, own):
        return None  # far from every dictionary word: a name, a foreign or an old word, not a slip
    if opts.frequency_gap > 0 and not _glued(word) and not _slip(word, own, opts.frequency_gap):
        return None  # the nearby words are rare, or the written form is itself in use: a word the dictionary lacks
    return "typo"


# Accented letters each language writes in its own words. A letter outside this set is the other language's: a
# German text writes "Conference" for the French "Conférence", a French one "senor" for "señor", and English
# drops the accents of loans (cafe). Languages not listed take every accent as their own.
NATIVE_ACCENTS = {
    "en": "", "de": "äöüß", "fr": "àâæçéèêëîïôœùûüÿ", "it": "àèéìíîòóùú", "es": "áéíñóúü", "pt": "áâãàçéêíóôõúü",
    "nl": "áàéèëíïóöúü", "ca": "àçéèíïóòúü", "ro": "ăâîșşțţ", "pl": "ąćęłńóśźż", "sv": "åäö", "da": "æøå", "nb": "æøå",
}


def _own_letters(accented: str, word: str, own: Dictionary) -> bool:
    """True when every accented letter ``accented`` adds to ``word`` is one the dictionary's language writes."""
    native = NATIVE_ACCENTS.get(own.name[:2])
    if native is None:
        return True
    added = {c for c in accented.lower() if not c.isascii()} - set(word.lower())
    return added <= set(native)


def _glued(word: str) -> bool:
    """True when a capital follows a small letter inside ``word`` (derTraversierung): words that lost a space.

    That is damage, never a dialect or an old spelling, so the frequency test does not ask about it.
    """
    return any(a.islower() and b.isupper() for a, b in zip(word, word[1:]))


def _slip(word: str, own: Dictionary, gap: float) -> bool:
    """The noisy-channel test of :func:`likely_slip`, on the corrections :func:`near_miss` accepted.

    For a missing accent the written form's own frequency is not counted: unaccented forms are common on the
    web the lists are counted from (universita is listed, a third as often as università).
    """
    lang = frequency_language(own)
    return lang is None or likely_slip(word, spellings_near(word), lang, gap, count_written=not accent_variant(word, own),
                                       known=functools.partial(known_lower, d=own))


@register("TY01", "spelling.typo", ("spelling",), Severity.WARNING, SpellingOptions, scope="pair")
def typo(ctx: Context, opts: SpellingOptions) -> Iterable[Problem]:
    """Word unknown to the language's dictionary and absent from the other version (a likely typo).

    Every segment of both versions is read, aligned or not. A word is accepted when hunspell knows it, when
    it appears verbatim anywhere in the other version (names, shared terms), when the other language's
    dictionary knows it (quoted foreign text; not for ALL-CAPS), or when it is in ``accept``. A language
    without an installed dictionary gives one info finding naming the package to install.

    A slip is a one-off near miss of a known word, so evidence from the version itself silences the rest: the
    same spelling used twice (``repeated``), an unknown stem the version inflects in other forms
    (bergsteigerisch, -e, -en), an older orthography it follows throughout (old Dutch "visch", old Spanish
    "dexar"), and, with ``near_miss``, no dictionary word within one slip (two in a long word): names, dialect
    and foreign words are far from the dictionary. OCR debris in old books is real damage and stays reported.

    Last, the noisy channel (``frequency_gap``): a near miss is reported when a word one slip away is at least
    thirty times (10^1.5) more frequent than the written form in wordfreq's lists (wanetd / wanted, recieve /
    receive). A form in use (fregona, rauhen) or one whose neighbours are rare words (tychodrome) is a word
    the dictionary lacks. Words glued together (derTraversierung) skip the test. Suggestions put the
    likeliest word first.

    Anti-pattern: "una specializazione in relazioni internazionali" / "Janury 27th, 2025".
    Best practice: "una specializzazione in relazioni internazionali" / "January 27th, 2025".
    """
    langs = {"source": ctx.source.lang, "target": ctx.target.lang}
    texts = {"source": doc_text(ctx.source), "target": doc_text(ctx.target)}
    dicts = {side: _dict(lang, opts, texts[side]) for side, lang in langs.items()}
    for side, lang in langs.items():
        if dicts[side] is None:
            first = next((seg for seg, _ in iter_segments(ctx.alignment.links, side)), None)
            fix = ("hunspell has no dictionary for a language written without spaces between words" if lang.split("-")[0] in UNSPACED
                   else f"install {package_hint(lang)} or set the TY01 option dictionary_dir")
            yield Problem(  # attached to the side's first segment, so that the report names the file
                message=f"no hunspell dictionary for {lang} in {opts.dictionary_dir}: the {side} is not spell-checked; {fix}",
                severity=Severity.INFO, evidence=("no-dictionary", lang), **on_side(side, first, (0, 0) if first else None),
            )
    accept = _accepted(opts.accept)
    for side, other_side in (("source", "target"), ("target", "source")):
        own, other = dicts[side], dicts[other_side]
        if own is None:
            continue
        other_vocab = doc_vocabulary(texts[other_side])
        lex = lexicon(texts[side], texts[other_side])
        for seg, link in iter_segments(ctx.alignment.links, side):
            if seg.kind == "code":
                continue  # a code block is copied, not written in the language (its spans are masked likewise)
            for tok in map(_after_elision, words(seg.text)):
                if not _unknown(tok, own, other, other_vocab, accept, opts):
                    continue
                if _name(tok, seg, link, own, other, ctx):
                    continue
                verdict = _verdict(tok, seg.text, own, other, lex, opts, texts[side])
                if verdict is None or _left_to_names(tok, seg, link, side, ctx):
                    continue
                if verdict.startswith("accent:"):
                    yield _accent_problem(seg, tok, side, other_side, own, verdict.partition(":")[2])
                elif verdict.startswith("variant:"):
                    yield _variant_problem(seg, tok, side, own, verdict.partition(":")[2], opts)
                else:
                    yield _typo_problem(seg, tok, side, other_side, own, opts, texts[side])


_ELISION = re.compile(r"[a-z]{1,2}['’](?=[A-ZÀ-Ý])")


def _after_elision(tok: Token) -> Token:
    """The capitalised word after an elided article or preposition (l'Etre, d’Orleans), else ``tok``.

    French writes the elided word onto the next, and English and Dutch texts keep it in French names; the
    dictionary and the name rules must see the word itself, as they do for "le Duc" and "de Tréville".
    """
    m = _ELISION.match(tok.text)
    return Token(tok.text[m.end():], tok.start + m.end(), tok.end) if m else tok


# Languages that capitalise every noun: there a capital inside a sentence does not make a name.
NOUN_CAPITALISING = frozenset({"de", "lb"})


def _name(tok: Token, seg: Segment, link: Link, own: Dictionary, other: Dictionary | None, ctx: Context) -> bool:
    """True when ``tok`` is a proper name, which is no typo: capitalised inside its sentence, no common word.

    Books add, adapt and translate names (Cervin for Matterhorn, Latinus); a name of one version absent from
    the other is the name checks' business (TM03, TY02), not a spelling error. A name one or two edits from a
    word of the counterpart (Wiinter / Winter) stays a typo candidate.
    """
    if not tok.is_capitalised or sentence_initial(seg.text, tok) or seg.lang.split("-")[0] in NOUN_CAPITALISING:
        return False
    if not name_like(tok.text, (own, other)):
        return False
    counterpart = link.target if seg in link.source else link.source
    return not any(t.text[:1] == tok.text[:1] and t.text != tok.text and edit_distance(t.text, tok.text, 3) <= 2
                   for o in counterpart for t in words(o.text))


def _left_to_names(tok: Token, seg: Segment, link: Link, side: str, ctx: Context) -> bool:
    """True when a name check reports ``tok`` on a trusted link, so that one name gives one finding.

    TY02 takes a capitalised word with a near spelling in the counterpart (it names both spellings); TM03
    takes a source name, not first in its sentence, that the counterpart lacks (a name dropped, not a typo).
    """
    if not tok.is_capitalised or link.is_gap or link.score < ctx.min_score:
        return False
    other = link.target if side == "source" else link.source
    near = [t for o in other for t in words(o.text)
            if t.is_capitalised and t.text != tok.text and t.text[0] == tok.text[0] and edit_distance(t.text, tok.text, 3) <= 2]
    if near:  # TY02 when both spellings are names; else only TY01 can tell (Amercia / America)
        own, theirs = dictionary(seg.lang), dictionary(other[0].lang)
        own_doc, other_doc = (ctx.source, ctx.target) if side == "source" else (ctx.target, ctx.source)
        return (carried_name(tok.text, own, theirs, doc_vocabulary(doc_text(other_doc)))
                and any(carried_name(t.text, theirs, own, doc_vocabulary(doc_text(own_doc))) for t in near))
    return side == "source" and any(ch.isalnum() for ch in seg.text[: tok.start])


def _typo_problem(seg: Segment, tok: Token, side: str, other_side: str, own: Dictionary, opts: SpellingOptions,
                  own_text: str = "") -> Problem:
    hints: tuple[str, ...] = ()
    if opts.suggestions > 0:  # hunspell's suggest costs ~0.1-0.4 s a word: 0 turns it off for bulk runs
        accented = _accented(tok.text, own) or _derived_accent(tok.text, own, own_text)
        hints = _ranked(tok.text, accented + _likeliest(tok.text, own) + own.suggest(tok.text, opts.suggestions + 2))[: opts.suggestions]
    also = f" (did you mean {', '.join(hints)}?)" if hints else ""
    message = f"«{tok.text}» in the {side} ({seg.lang}) is unknown to the {own.name} dictionary and does not appear in the {other_side}{also}"
    return Problem(message=message, evidence=(tok.text,), suggestion=hints[0] if hints else None, **on_side(side, seg, (tok.start, tok.end)))


def _likeliest(word: str, own: Dictionary, n: int = 2) -> tuple[str, ...]:
    """The ``n`` most frequent words near ``word`` (the noisy channel's best readings), in its capitalisation.

    hunspell proposes "tatarabuela" for "abuelitta"; the common word one slip away, abuelita, is the one meant.
    """
    lang = frequency_language(own)
    if lang is None:
        return ()
    best = likeliest(spellings_near(word), lang, functools.partial(known_lower, d=own), n)
    return tuple(c.capitalize() if word[:1].isupper() else c for _, c in best)


def _variant_problem(seg: Segment, tok: Token, side: str, own: Dictionary, variant: str, opts: SpellingOptions) -> Problem:
    hints = own.suggest(tok.text, opts.suggestions) if opts.suggestions > 0 else ()
    fix = f" (write {hints[0]})" if hints else ""
    message = f"«{tok.text}» in the {side} is {variant} spelling, but the {side} follows {own.name}{fix}"
    return Problem(message=message, evidence=(tok.text, variant), suggestion=hints[0] if hints else None,
                   **on_side(side, seg, (tok.start, tok.end)))


def _accent_problem(seg: Segment, tok: Token, side: str, other_side: str, own: Dictionary, accented: str) -> Problem:
    message = (f"«{tok.text}» in the {side} ({seg.lang}) is unknown to the {own.name} dictionary; the {other_side} writes "
               f"it «{accented}» (a missing accent?)")
    return Problem(message=message, evidence=(tok.text, accented), suggestion=accented, **on_side(side, seg, (tok.start, tok.end)))


def _ranked(word: str, hints: tuple[str, ...]) -> tuple[str, ...]:
    """Hunspell's suggestions, those differing from ``word`` only by accents or case first, splits last, in the word's own style.

    hunspell ranks "dell'università" before "dell'Università" for "dell’Universita"; the editor wants the
    one that changes least, written with the apostrophe the text already uses.
    """
    apostrophe = "’" if "’" in word else "'"
    styled = [h.replace("'", apostrophe) for h in hints]
    ranked = sorted(styled, key=lambda h: (fold(h) != fold(word), _split(h, word), sum(a.isupper() != b.isupper() for a, b in zip(h, word))))
    return tuple(dict.fromkeys(ranked))


def _split(hint: str, word: str) -> bool:
    """True when ``hint`` cuts ``word`` in two (attratti vita): the least likely fix of a slip inside one word."""
    return any(c in hint and c not in word for c in " -")


_ACCENTS = {"a": "àá", "e": "èé", "i": "ìí", "o": "òó", "u": "ùúü", "A": "ÀÁ", "E": "ÈÉ", "I": "ÌÍ", "O": "ÒÓ", "U": "ÙÚÜ",
            "c": "ç", "n": "ñ"}


def _accented(word: str, own: Dictionary) -> tuple[str, ...]:
    """Forms of ``word`` with one letter given an accent that the dictionary knows (attrattivita → attrattività).

    hunspell's suggestions often miss the commonest typo of Romance languages, a dropped accent.
    """
    out = []
    for i, ch in enumerate(word[:30]):
        for acc in _ACCENTS.get(ch, ""):
            cand = word[:i] + acc + word[i + 1:]
            if own.knows(cand):
                out.append(cand)
    return tuple(out)


def _derived_accent(word: str, own: Dictionary, own_text: str) -> tuple[str, ...]:
    """``word`` with its final vowel accented, when that is a regular derivation the dictionary does not list.

    Dictionaries list "attrattiva" but not every noun derived from it; "attrattivita" is still one accent away
    from "attrattività", not two words ("attratti vita", hunspell's first guess). The form is proposed when the
    version writes that accented ending on known words (possibilità, capacità) and the stem is a known word
    with an ordinary vowel ending (attrattiv-a).
    """
    last = word[-1:]
    if len(word) < 6 or last not in _ACCENTS or not own_text:
        return ()
    for acc in _ACCENTS[last]:
        cand = word[:-1] + acc
        ending = cand[-3:]
        known_endings = sum(1 for w in _words_ending(own_text, ending) if own.knows(w))
        if known_endings >= 2 and any(own.knows(cand[:-3] + v) for v in "aeio"):
            return (cand,)
    return ()


@functools.lru_cache(maxsize=64)
def _words_ending(text: str, ending: str) -> tuple[str, ...]:
    """The distinct words of ``text`` ending in ``ending`` (a few suffice as evidence)."""
    return tuple(sorted({t.text for t in words(text) if t.text.endswith(ending) and t.text != ending}))[:20]


@dataclass(frozen=True)
class NameOptions:
    """Options of the name-spelling check."""

    dictionary_dir: str = DEFAULT_DICTIONARY_DIR
    min_length: int = 4        # names shorter than this are too easily one edit from another
    max_distance: int = 2      # edits (insert, delete, substitute, swap) between the two spellings


def carried_name(word: str, own: Dictionary | None, other: Dictionary | None, other_vocab: frozenset[str]) -> bool:
    """True when ``word``, capitalised, is a name: no dictionary knows it as a common word, or it was carried over.

    Minciarelli and Allison are names in any text. "Winter" (Lord de Winter) and "Kurz" are English and German
    words, but a French version that writes them verbatim (``other_vocab``) and whose language has no such
    word is writing a name. A word of the other version's own language (Mont, Salut, Adiós) is its translation.
    """
    return name_like(word, (own, other), listed=True) or (word in other_vocab and name_like(word, (other,)))


def _names(text: str, own: Dictionary | None, other: Dictionary | None, other_vocab: frozenset[str]) -> list[Token]:
    """Capitalised tokens that are names (see :func:`carried_name`), whose spelling no dictionary confirms."""
    return [tok for tok in words(text)
            if tok.is_capitalised and "'" not in tok.text and "’" not in tok.text and carried_name(tok.text, own, other, other_vocab)]


_INFLECTIONS = ("s", "es", "n", "en", "e", "ns", "er")  # er: the German adjective of a place (die Saaser Seite)


def _adapted(src: str, tgt: str, sd: Dictionary | None, td: Dictionary | None) -> bool:
    """True when two spellings are a name and its legitimate form in the other language.

    Each language's dictionary lists its own form (Europa / Europe, Francia / France, Gregor / Gregorio), one
    spelling is the other with an inflectional ending (Gregors, Läntatals), or an exonym (see :func:`_exonym`).
    """
    short, long_ = sorted((src, tgt), key=len)
    if long_.startswith(short) and long_[len(short):] in _INFLECTIONS:
        return True
    return _exonym(src, tgt) or (_listed(src, sd) and _listed(tgt, td))


# Spellings that the languages of Europe use for one sound, in transliterations and exonyms: Corfú / Corfou,
# Jugurta / Jugurtha, Moravec / Morawec, Stämpfli / Staempfli. Applied in order, after lower-casing. Not k / c:
# a swap inside "ck" (Bukcingham) would pass for one.
_SOUND_SPELLINGS = (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("ou", "u"), ("th", "t"), ("ph", "f"), ("w", "v"),
                    ("y", "i"), ("ñ", "gn"))
_VOWELS = frozenset("aeiou")


def _by_sound(name: str) -> str:
    """``name`` lower-cased, with the sound spellings of :data:`_SOUND_SPELLINGS` unified and no accents."""
    key = name.lower()
    for a, b in _SOUND_SPELLINGS:
        key = key.replace(a, b)
    return strip_accents(key)


def _exonym(src: str, tgt: str) -> bool:
    """True when ``tgt`` is ``src`` as the other language writes it: its sound spellings, or an ending in e.

    Translators adapt names to their language's spellings (Corfú / Corfou, Jugurta / Jugurtha, Paroliñac /
    Parolignac) and endings (Syracusa / Syracuse, Ariovisto / Arioviste, Perseo / Persée, and the Latin -us
    of Ascanius / Ascanio, Brutus / Brute): the skeleton of the name is kept. A final vowel swapped for
    another that is not e changes the name (Mario / Maria), and a slip changes the skeleton (Kissinger /
    Kisinger, Minciarelli / Minciareli): both are still reported.
    """
    a, b = _by_sound(src), _by_sound(tgt)
    if a == b:
        return True
    for x, y in ((a, b), (b, a)):
        if x.endswith("us") and y[-1:] in ("o", "e") and x[:-2] == y[:-1] and len(y) >= 4:
            return True
    return a[:-1] == b[:-1] and a[-1:] in _VOWELS and b[-1:] in _VOWELS and "e" in (a[-1], b[-1])


def _listed(word: str, *dicts: Dictionary | None) -> bool:
    return any(d is not None and d.knows(word) for d in dicts)


def _consistent(src: str, tgt: str, ctx: Context) -> bool:
    """True when each version spells the name its own way throughout (Panglós / Pangloss, Mahomet / Mahomed).

    A misspelling is a one-off; a spelling that recurs in its version, and outnumbers the other spelling there,
    is the translator's adaptation (Kathmandou three times, Kathmandu once, in a French version). A name
    spelled once (an OCR slip like Stettier) stays reported.
    """
    s_counts, t_counts = word_counts(doc_text(ctx.source)), word_counts(doc_text(ctx.target))
    return s_counts[src] >= 2 and t_counts[tgt] >= 2 and t_counts[src] < t_counts[tgt] and s_counts[tgt] == 0


@register("TY02", "spelling.name", ("spelling", "content"), Severity.WARNING, NameOptions)
def name_spelling(link: Link, ctx: Context, opts: NameOptions) -> Iterable[Problem]:
    """Name spelled one way in the source and another in the target (e.g. Minciarelli / Minciareli).

    A capitalised token no dictionary knows as a common word is a name; when the aligned sentences carry two such
    names one or two edits apart and neither appears verbatim on the other side, one of them is misspelled.
    No dictionary needs to know the name. Accents alone do not count (Università / Universita is TY01's).

    Anti-pattern: "Come sottolinea Henry Kissinger" → "As Henry Kisinger highlights".
    Best practice: "As Henry Kissinger highlights".
    """
    sd = dictionary(ctx.source.lang, opts.dictionary_dir)
    td = dictionary(ctx.target.lang, opts.dictionary_dir)
    s_doc, t_doc = doc_vocabulary(doc_text(ctx.source)), doc_vocabulary(doc_text(ctx.target))
    for s_seg in link.source:
        s_names = _names(s_seg.text, sd, td, t_doc)
        if not s_names:
            continue
        t_vocab = vocabulary(" ".join(t.text for t in link.target))
        for t_seg in link.target:
            s_vocab = vocabulary(s_seg.text)
            for tn in _names(t_seg.text, td, sd, s_doc):
                if tn.text in s_vocab or len(tn.text) < opts.min_length:
                    continue
                for sn in s_names:
                    if sn.text in t_vocab or len(sn.text) < opts.min_length or fold(sn.text) == fold(tn.text):
                        continue
                    dist = edit_distance(sn.text, tn.text, opts.max_distance + 1)
                    if (dist <= opts.max_distance and sn.text[0] == tn.text[0] and not _adapted(sn.text, tn.text, sd, td)
                            and not _consistent(sn.text, tn.text, ctx)):
                        edits = f"{dist} edit{'s' if dist > 1 else ''} apart"
                        # The source is the reference, unless only the target's spelling is a listed proper noun.
                        source_wrong = _listed(tn.text, sd, td) and not _listed(sn.text, sd, td)
                        message = (f"name «{sn.text}» in the source is spelled «{tn.text}» in the target ({edits}; the dictionary knows {tn.text})"
                                   if source_wrong else f"name «{tn.text}» in the target is spelled «{sn.text}» in the source ({edits})")
                        yield Problem(
                            message=message, source=s_seg, target=t_seg, source_range=(sn.start, sn.end), target_range=(tn.start, tn.end),
                            evidence=(sn.text, tn.text), suggestion=tn.text if source_wrong else sn.text,
                        )
                        break

