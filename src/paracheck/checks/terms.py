"""Terms: glossary terms rendered as agreed (TM01), verbatim items kept verbatim (TM02), names kept (TM03).

Glossaries are data (config pairs, or a CSV/TBX file) compiled once per run; the checks are generic. Verbatim
items are the things a translator must never touch: URLs, e-mail addresses, @handles and `code spans`.
Names are capitalised words the language's dictionary does not know, plus CLDR country names, which are
matched across languages through babel (Svizzera = Switzerland, Stati Uniti = United States = US).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Link, Segment, Severity
from . import Context, Problem, only_next_door, register
from ._glossary import DEFAULT_ACRONYMS, Term, load_glossary, phrase_pattern, territory_names, territory_pattern
from ._lexicon import word_counts
from ._spell import (
    DEFAULT_DICTIONARY_DIR,
    Dictionary,
    Token,
    common_prefix,
    dictionary,
    doc_text,
    doc_vocabulary,
    edit_distance,
    fold,
    masked,
    name_like,
    on_side,
    words,
)

# ---------------------------------------------------------------------------------------------- TM01


@dataclass(frozen=True)
class GlossaryOptions:
    """Options of the glossary check."""

    terms: dict[str, object] = field(default_factory=dict)  # {source term: target | [target, alternative]}
    glossary: str = ""         # path to a .csv (source,target) or .tbx file, relative to the working directory
    case_sensitive: bool = False
    inflection: int = 3        # letters a word may add to a term (plural, declension): "sanzione" ~ "sanzioni"

    def __post_init__(self) -> None:
        """Fail at config time, before any document is read, when the glossary file cannot be used."""
        if self.glossary:
            p = Path(self.glossary).expanduser()
            if not p.is_file():
                raise ValueError(f"glossary file {self.glossary!r} not found")
            if p.suffix.lower() not in (".csv", ".tsv", ".txt", ".tbx", ".xml"):
                raise ValueError(f"glossary {self.glossary!r} must be a .csv, .tsv or .tbx file")
        if self.inflection < 0:
            raise ValueError("inflection must be >= 0")


@functools.lru_cache(maxsize=1024)
def _term_pattern(term: str, inflection: int, case_sensitive: bool) -> re.Pattern[str]:
    """A term as a regex: whole words, flexible spaces, the last word may carry an inflected ending.

    The ending is taken from the term's last ``inflection`` letters being replaceable too (sanzione → sanzioni).
    """
    parts = term.split()
    last = parts[-1]
    keep = max(3, len(last) - inflection) if inflection else len(last)
    tail = re.escape(last[:keep]) + (rf"\w{{0,{inflection * 2}}}" if keep < len(last) or inflection else "")
    body = r"\s+".join([*(re.escape(p) for p in parts[:-1]), tail])
    return re.compile(rf"(?<!\w){body}(?!\w)", 0 if case_sensitive else re.I)


@register("TM01", "terms.glossary", ("terms", "content"), Severity.WARNING, GlossaryOptions)
def glossary_term(link: Link, ctx: Context, opts: GlossaryOptions) -> Iterable[Problem]:
    """Glossary term of the source not rendered as agreed in the target.

    Terms come from the ``terms`` option and from a CSV or TBX file (``glossary``); a term matches whole
    words, its last word allowing an inflected ending of up to ``inflection`` letters.

    Anti-pattern: glossary "partner minore" → "junior partner"; translation: "minor partner".
    Best practice: "junior partner".
    """
    terms: tuple[Term, ...] = load_glossary(opts.terms, opts.glossary, ".", ctx.source.lang, ctx.target.lang)
    if not terms:
        return
    t_text = " ".join(t.text for t in link.target)
    for term in terms:
        pat = _term_pattern(term.source, opts.inflection, opts.case_sensitive)
        for seg in link.source:
            m = pat.search(seg.text)
            if m is None:
                continue
            if any(_term_pattern(t, opts.inflection, opts.case_sensitive).search(t_text) for t in term.targets):
                break
            wanted = " or ".join(f"«{t}»" for t in term.targets)
            yield Problem(
                message=f"«{m.group(0)}» in the source should be rendered {wanted} in the target (glossary), which has none",
                source=seg, target=link.target, source_range=(m.start(), m.end()),
                evidence=(term.source, term.targets[0]), suggestion=term.targets[0],
            )
            break


# ---------------------------------------------------------------------------------------------- TM02

_VERBATIM = (
    ("code span", re.compile(r"`[^`\n]+`")),
    ("URL", re.compile(r"(?:https?://|www\.)[^\s<>«»“”\"`]+", re.I)),
    ("e-mail address", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("handle", re.compile(r"(?<![\w@.])@[A-Za-z_]\w+")),
)
_TRAIL = ".,;:!?)]}'’”»"


def verbatim_items(text: str) -> list[tuple[str, str, int, int]]:
    """(kind, text, start, end) of every item that must survive translation unchanged; earlier kinds win overlaps."""
    out: list[tuple[str, str, int, int]] = []
    taken: list[tuple[int, int]] = []
    for kind, pat in _VERBATIM:
        for m in pat.finditer(text):
            s, e = m.start(), m.end()
            if kind == "URL":
                while e > s and text[e - 1] in _TRAIL and not (text[e - 1] == ")" and "(" in text[s:e]):
                    e -= 1
            if any(a < e and s < b for a, b in taken):
                continue
            taken.append((s, e))
            out.append((kind, text[s:e], s, e))
    return sorted(out, key=lambda x: x[2])


def _written(item: str, text: str) -> bool:
    """True when ``text`` holds ``item`` whole: not as the start of a longer address (.../download in .../downloads)."""
    return re.search(r"(?<![\w/.:@-])" + re.escape(item) + r"(?![\w/=&#%~?@-]|\.\w)", text) is not None


@dataclass(frozen=True)
class VerbatimOptions:
    """Options of the verbatim-items check."""

    kinds: tuple[str, ...] = ("code span", "URL", "e-mail address", "handle")


@register("TM02", "terms.verbatim", ("terms", "content"), Severity.ERROR, VerbatimOptions)
def verbatim(link: Link, ctx: Context, opts: VerbatimOptions) -> Iterable[Problem]:
    """URL, e-mail address, @handle or `code span` changed or missing in the other version.

    These items are copied, never translated: each one on one side must appear character for character on
    the other. When the other side holds a different item of the same kind, both are named.

    Anti-pattern: "https://www.jstor.org/stable/26403226" → "https://www.jstor.org/stable/26403262".
    Best practice: copy the URL unchanged.
    """
    s_text = " ".join(s.text for s in link.source)
    t_text = " ".join(t.text for t in link.target)
    s_items = [(seg, it) for seg in link.source for it in verbatim_items(seg.text) if it[0] in opts.kinds]
    t_items = [(seg, it) for seg in link.target for it in verbatim_items(seg.text) if it[0] in opts.kinds]
    lone_s = [(seg, it) for seg, it in s_items if not _written(it[1], t_text)]
    lone_t = [(seg, it) for seg, it in t_items if not _written(it[1], s_text)]
    for s_seg, (kind, item, a, b) in lone_s:
        rival = next(((t_seg, it) for t_seg, it in lone_t if it[0] == kind), None)
        if rival is not None:
            lone_t.remove(rival)
            t_seg, (_, other, c, d) = rival
            yield Problem(
                message=f"{kind} «{item}» in the source is «{other}» in the target",
                source=s_seg, target=t_seg, source_range=(a, b), target_range=(c, d), evidence=(item, other), suggestion=item,
            )
        else:
            yield Problem(message=f"{kind} «{item}» in the source is missing from the target", source=s_seg,
                          target=link.target, source_range=(a, b), evidence=(item, ""), suggestion=item)
    for t_seg, (kind, item, c, d) in lone_t:
        yield Problem(message=f"{kind} «{item}» in the target does not appear in the source", source=link.source,
                      target=t_seg, target_range=(c, d), evidence=("", item))


# ---------------------------------------------------------------------------------------------- TM03


NOUN_CAPITALISING = frozenset({"de", "lb"})


@dataclass(frozen=True)
class NameOptions:
    """Options of the kept-names check."""

    dictionary_dir: str = DEFAULT_DICTIONARY_DIR
    min_length: int = 3
    countries: bool = True     # also match CLDR country names across languages
    accept: tuple[str, ...] = ()  # names never reported


@dataclass(frozen=True)
class _Name:
    text: str
    start: int
    end: int
    country: str = ""  # ISO code when the name is a CLDR country name


def _names(seg: Segment, lang: str, other_lang: str, opts: NameOptions, other_vocab: frozenset[str] = frozenset(),
           counts: tuple[Counter[str], Counter[str]] | None = None, carried: bool = False) -> list[_Name]:
    """Proper names of a segment: capitalised, not first in the sentence, unknown to its dictionary; countries.

    A name the dictionary lists as a proper noun (Grete, Allison) counts too when the other version writes it
    verbatim somewhere: then it is carried over, and an exonym (Pechino / Beijing) is not. With ``carried``
    (the source side), so does a common word of this language that the other language lacks and the other
    version writes verbatim (Lord de Winter, Great Peter Street in Dutch); in a language that capitalises
    every noun, only when the other version writes it twice or more (a German noun is quoted once at most).
    """
    own = dictionary(lang, opts.dictionary_dir)
    other = dictionary(other_lang, opts.dictionary_dir)
    out: list[_Name] = []
    spans: list[tuple[int, int]] = []
    pat = territory_pattern(lang) if opts.countries else None
    if pat is not None:
        from ._glossary import territories

        names = territories(lang)
        for m in pat.finditer(masked(seg.text)):
            out.append(_Name(m.group(0), m.start(), m.end(), names[m.group(0)]))
            spans.append((m.start(), m.end()))
    toks = words(seg.text)
    for i, tok in enumerate(toks):
        for part in _parts(tok):
            if i == 0 and part.start == tok.start:
                continue  # a sentence's first word is capitalised anyway
            if (len(part.text) < opts.min_length or not part.is_capitalised or part.text in opts.accept
                    or any(a <= part.start < b for a, b in spans) or _title_abbreviation(seg.text, part)):
                continue
            nouns = lang.split("-")[0] in NOUN_CAPITALISING
            if own is not None and own.knows(part.text):
                # German capitalises every noun: a listed word is a name (Grete) only when the other version
                # carries it about as often; a noun (Gipfel) shows up there only in the odd quotation.
                dicts = (other,) if carried and (not nouns or _recurs(part.text, counts)) else (own, other)
                if not (part.text in other_vocab and name_like(part.text, dicts)) or (nouns and not _carried(part.text, counts)):
                    continue
            # German capitalises every noun, and its dictionary lacks many compounds and declined forms (Gemsen,
            # Verschneidung): there a capitalised word is a name only when the other version carries it somewhere.
            if nouns and (part.text not in other_vocab or (other is not None and other.knows(part.text))):
                continue
            out.append(_Name(part.text, part.start, part.end))
    return out


def _title_abbreviation(text: str, tok: Token) -> bool:
    """True for an abbreviated title (:data:`TITLES`), or a short abbreviation with its full stop inside a sentence.

    "Mrs. Forrester" becomes "mevrouw Forrester" and "Dr. Watson" "le docteur Watson": the title is not a name
    that must appear verbatim. Only three letters or fewer, so that a name ending a sentence ("met Lenin.") stays.
    """
    if tok.text in TITLES:
        return True
    return len(tok.text) <= 3 and text[tok.end:tok.end + 2] in (". ", ".") and tok.end + 1 < len(text.rstrip())


# Abbreviated titles of the languages paracheck covers, which French and others write without a full stop
# (Mme Bonacieux for Madame Bonacieux) or which end a segment the splitter cut after them (Mrs.).
TITLES = frozenset({"Mme", "Mmes", "Mlle", "Mlles", "Mgr", "Me", "Dr", "Drs", "Mr", "Mrs", "Ms", "Messrs", "St", "Ste",
                    "Sr", "Sra", "Srta", "Dña", "Hr", "Hrn", "Fr", "Frl", "Pr", "Prof", "Sig", "Sigg", "Dott"})


def _recurs(word: str, counts: tuple[Counter[str], Counter[str]] | None) -> bool:
    """True when the other version writes ``word`` at least twice: a German noun carried that often is a name.

    A mountain (Nadelhorn, Rheinwaldhorn) keeps its German name at every mention in French; a German common
    noun shows up in French only in the odd quoted title (Gesellschaft), once.
    """
    return counts is not None and counts[1][word] >= 2


def _carried(word: str, counts: tuple[Counter[str], Counter[str]] | None) -> bool:
    """True when the other version writes ``word`` at least half as often as this one (a name carried over)."""
    if counts is None:
        return True
    own, other = counts
    return other[word] * 2 >= own[word]


def _parts(tok: Token) -> list[Token]:
    """The pieces of an elided token (dell'Unione → dell, Unione), each with its own offsets."""
    out, pos = [], tok.start
    for piece in re.split(r"['’]", tok.text):
        out.append(Token(piece, pos, pos + len(piece)))
        pos += len(piece) + 1
    return out


def _pair_name(name: str, lang: str, other_lang: str, opts: NameOptions, other_vocab: frozenset[str]) -> bool:
    """True when TY02 takes ``name`` as a name (unknown as a common word, or carried verbatim: Lord de Winter)."""
    own, other = _dicts(lang, other_lang, opts)
    return name_like(name, (own, other)) or (name in other_vocab and name_like(name, (other,)))


def _dicts(lang: str, other_lang: str, opts: NameOptions) -> tuple[Dictionary | None, Dictionary | None]:
    return dictionary(lang, opts.dictionary_dir), dictionary(other_lang, opts.dictionary_dir)


def _country_kept(code: str, other_text: str, other_lang: str) -> bool:
    """True when the other side names the country: its CLDR name, its code, an adjective (China → Chinese)."""
    names = territory_names(code, other_lang)
    low = other_text.lower()
    if any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", other_text) for n in names if n.isupper()):
        return True
    if re.search(rf"(?<!\w){'.'.join(code)}\.", other_text):  # U.S.
        return True
    for n in names:
        if n.isupper():
            continue
        # One word: its stem starts a word (Cina ~ cinese, China ~ Chinese); several: the whole name.
        stem = n.lower()[: max(3, len(n) - 2)] if " " not in n else n.lower()
        if re.search(rf"(?<!\w){re.escape(stem)}", low):
            return True
    stems = next((row for row in DEFAULT_ACRONYMS if code in row), ())
    return any(phrase_pattern(f).search(other_text) for f in stems if not f.isupper())


# How far around the aligned source sentences a name added in the target may be named: two or three sentences.
NEARBY = 400


def _named_nearby(name: str, source: tuple[Segment, ...], raw: str) -> bool:
    """True when the source file writes ``name`` within :data:`NEARBY` characters around the aligned ``source``.

    Translators name the speaker the source leaves implicit ("said he" / "dit Athos") and a referent a
    pronoun stands for; the name is in the source, only not in this sentence. A name the source lacks
    nearby is an addition worth a look.
    """
    if not source:
        return False
    start, end = min(s.span.start for s in source), max(s.span.end for s in source)
    around = raw[max(0, start - NEARBY): start] + "\n" + raw[end: end + NEARBY]  # the neighbours, not the sentences
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", around) is not None


def _rendered_otherwise(name: str, own_text: str, other_vocab: frozenset[str]) -> bool:
    """True when the version uses ``name`` repeatedly and the other version never writes it (Eneyda / Énéide).

    The translator renders that name another way throughout (an exonym, an adaptation, a title), so its
    absence from one sentence says nothing; a name used once and dropped is still reported.
    """
    if word_counts(own_text)[name] < 2:
        return False
    f = fold(name)
    return not any(fold(w) == f for w in other_vocab if w[:1].upper() == name[:1].upper())


def _across_boundary(name: str, link: Link, side: str, ctx: Context) -> bool:
    """True when ``name`` sits in the next link, on the other side only (see :func:`only_next_door`).

    »Ik maak mij bezorgd wegens Mr. | Thaddeus Sholto," zeide zij: the Dutch ends its sentence earlier.
    """
    def has(segs: tuple[Segment, ...]) -> bool:
        text = " ".join(s.text for s in segs)
        return _name_kept(name, [p.text for t in words(text) for p in _parts(t)], text)

    return only_next_door(link, ctx, side, has)


def _name_kept(name: str, other_tokens: list[str], other_text: str) -> bool:
    """Verbatim, accents aside, declined (a shared stem: Путин ~ Путина, Kissinger ~ Kissingers) or adapted.

    An adapted name (Cunegunda / Cunégonde, Ascanio / Ascanius) is a capitalised word of the other side sharing
    its first five letters, accents aside, and at least half of the shorter spelling; a name joined with its
    article (el Dorado / Eldorado) is inside a capitalised word of the other side.
    """
    if name in other_text:
        return True
    f = fold(name)
    stem = f[: max(4, len(f) - 2)]
    if any(fold(t) == f or (len(f) >= 5 and fold(t).startswith(stem)) for t in other_tokens):
        return True
    # joined with its article or particle (el Dorado / Eldorado, la Mecque / Lamecque): inside one capitalised word
    if len(f) >= 5 and any(t[:1].isupper() and f in fold(t) for t in other_tokens):
        return True
    return any(t[:1].isupper() and common_prefix(f, fold(t)) >= max(5, min(len(f), len(t)) // 2) for t in other_tokens)


@register("TM03", "terms.names", ("terms", "content"), Severity.WARNING, NameOptions)
def names_kept(link: Link, ctx: Context, opts: NameOptions) -> Iterable[Problem]:
    """Proper name of one version missing from the aligned sentence of the other (a name dropped or replaced).

    A name is a capitalised word, not first in its sentence, that its language's dictionary does not know
    (German compounds split; in German, whose nouns are all capitalised, the other dictionary must not know
    it either), or a CLDR country name. It is kept when the other side has it verbatim, accents aside, declined, or
    (countries) under its CLDR name, code or adjective; an adapted name (Cunegunda / Cunégonde) shares its
    first letters. A country is reported only when the other side names another one (a pronoun or nothing
    in its place is how translations refer back to it). A near spelling (one or two edits) is left to TY02;
    a target name absent from the whole source is no finding (names are added and adapted).

    Anti-pattern: "ha dichiarato Graham Allison" → "said Graham".
    Best practice: "said Graham Allison".
    """
    sides = (("source", link.source, link.target, ctx.source.lang, ctx.target.lang),
             ("target", link.target, link.source, ctx.target.lang, ctx.source.lang))
    src_doc = doc_text(ctx.source)
    lone: dict[str, list[tuple[Segment, _Name]]] = {"source": [], "target": []}
    for side, mine, theirs, lang, other_lang in sides:
        other_text = " ".join(s.text for s in theirs)
        other_tokens = [p.text for t in words(other_text) for p in _parts(t)]
        other_vocab = doc_vocabulary(doc_text(ctx.target if side == "source" else ctx.source))
        for seg in mine:
            own_doc, other_doc = (ctx.source, ctx.target) if side == "source" else (ctx.target, ctx.source)
            counts = (word_counts(doc_text(own_doc)), word_counts(doc_text(other_doc)))
            for name in _names(seg, lang, other_lang, opts, other_vocab, counts, carried=side == "source"):
                if name.country:
                    if _country_kept(name.country, other_text, other_lang):
                        continue
                elif _name_kept(name.text, other_tokens, other_text):
                    continue
                elif any(t[:1] == name.text[:1] and t[:1].isupper() and edit_distance(name.text, t, 3) <= 2
                         and _pair_name(name.text, lang, other_lang, opts, other_vocab) and name_like(t, _dicts(lang, other_lang, opts))
                         for t in other_tokens):
                    continue  # spelled differently, and the other spelling is a name too: TY02 reports it
                elif side == "target" and name.text not in src_doc:
                    continue  # absent from the whole source: added or adapted, no dropped name
                elif side == "target" and _named_nearby(name.text, link.source, ctx.source.raw):
                    continue  # the source names it a sentence or two away: a reference made explicit (dit Athos)
                elif _across_boundary(name.text, link, side, ctx):
                    continue
                elif _rendered_otherwise(name.text, doc_text(ctx.source if side == "source" else ctx.target), other_vocab):
                    continue
                lone[side].append((seg, name))
    # A country on each side, neither matching the other: one swap, one finding.
    s_countries = [x for x in lone["source"] if x[1].country]
    t_countries = [x for x in lone["target"] if x[1].country]
    for (s_seg, s_name), (t_seg, t_name) in zip(s_countries, t_countries):
        lone["source"].remove((s_seg, s_name))
        lone["target"].remove((t_seg, t_name))
        expected = territory_names(s_name.country, ctx.target.lang)[0]
        yield Problem(
            message=f"country «{s_name.text}» in the source is «{t_name.text}» in the target (expected {expected})",
            source=s_seg, target=t_seg, source_range=(s_name.start, s_name.end), target_range=(t_name.start, t_name.end),
            evidence=(s_name.text, t_name.text), suggestion=expected,
        )
    for side, items in lone.items():
        other_side, other_lang = ("target", ctx.target.lang) if side == "source" else ("source", ctx.source.lang)
        for seg, name in items:
            if name.country:
                # A country on one side only is weak evidence: the other side says "it", "the country", or
                # nothing (La Cina ha usato / it has used). Only a country swapped for another is reported.
                continue
            what = "country" if name.country else "name"
            yield Problem(
                message=f"{what} «{name.text}» in the {side} does not appear in the aligned {other_side}",
                evidence=(side, name.text), suggestion=territory_names(name.country, other_lang)[0] if name.country else name.text,
                **on_side(side, seg, (name.start, name.end)), **on_side(other_side, link.target if side == "source" else link.source),
            )
