"""Numbers in running text, read by value in the segment's own locale (CLDR through babel).

Why a parser of our own rather than ``babel.numbers.parse_decimal``: its lenient mode reads Italian ``36.5`` as
365, and its strict mode still accepts a point as decimal mark in French or Russian. We take the decimal and
group symbols from CLDR and accept a reading only when the marks are the ones that locale writes; the readings
under the two other conventions are kept as *alternatives*, so that ``36,5`` in an English sentence matches a
source ``36,5`` by value and is reported as a wrong decimal mark rather than as a different number.

Every number carries its character range in the segment text, so a finding points at the value itself.
Number words (``diciannove``, ``nineteen``) come from text2num, Roman numerals only in context (``XIX
secolo``), scale words (``miliardi``, ``billion``, ``Mrd.``) from CLDR's compact decimal formats.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# Marks that group thousands in every locale that uses them: spaces of all widths and apostrophes (de-CH).
# Clock times: "13:30", "13.30 Uhr", "13 h 30", "alle 13.30", compared as minutes after midnight; in English
# also "6:30 pm", "6 p.m." (elsewhere "am" is a word: German "die 3 am besten").
_MERIDIEM = r"\s?(?P<ap{n}>[ap])\.?\s?m\b\.?"


def _time_pattern(meridiem: bool) -> re.Pattern[str]:
    def ap(n: int) -> str:
        return "(?:" + _MERIDIEM.format(n=n) + ")?" if meridiem else ""

    twelve = r"|(?P<h4>1[0-2]|0?[1-9])(?:\.(?P<m4>[0-5]\d))?" + _MERIDIEM.format(n=4) if meridiem else ""
    return re.compile(
        r"(?<![\d.,])(?:(?P<h1>[01]?\d|2[0-3])\s?(?::|h\.?|Uhr)\s?(?P<m1>[0-5]\d)(?!\d)(?:\s?Uhr)?" + ap(1)
        + r"|(?P<h2>[01]?\d|2[0-3])\.(?P<m2>[0-5]\d)(?=\s?(?:Uhr|h\b|heures?|hours|ore|uur|horas|час))" + twelve + ")"
        r"|\b(?:um|ore|alle|at|à|vers|om|às|a las|a la)\s(?P<h3>[01]?\d|2[0-3])\.(?P<m3>[0-5]\d)(?![\d.,])" + ap(3),
        re.I,
    )


_TIME = _time_pattern(False)
_TIME_12 = _time_pattern(True)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_FRACTIONS = {"½": "0.5", "¼": "0.25", "¾": "0.75", "⅓": "0.333", "⅔": "0.667"}
_SPACE_GROUPS = "\u0020\u00a0\u202f\u2009"
_APOS_GROUPS = "'’"

# A digit run with inner marks; a space only groups when exactly three digits follow.
_NUMBER = re.compile(
    r"(?<![\w,\d])(?<!\d\.)\d+(?:(?:[.,'’]|[\u0020\u00a0\u202f\u2009](?=\d{3}(?!\d)))\d+)*"
)
# Ordinal suffixes written right after the digits (19th, 1er, 2º, 3ª, 5-й).
_ORDINAL = re.compile(r"(?:st|nd|rd|th|er|re|e|ème|eme|ᵉ|º|ª|°(?!\s*[CF])|o|a|-?[йгяюе]|-?го|-?ое|-?ая)\b", re.I)
_PERCENT = re.compile(r"\s?(?:%|‰|per\s?cent|percent|per\s?cento|pour\s?cent|por\s?ciento|por\s?cento|procent|prozent|Prozent|процент\w*)", re.I)
# Spans whose digits are not quantities of the text: URLs, DOIs, e-mail addresses, file names, code spans (code is
# copied as written, never localised; TM02 compares it whole).
_MASK = re.compile(r"`[^`\n]+`|(?:https?://|www\.)\S+|\bdoi:\S+|\b10\.\d{4,}/\S+|\S+@\S+\.\w+|\b[\w-]+\.(?:jpe?g|png|gif|svg|pdf|html?)\b", re.I)
_ROMAN = re.compile(r"\b([IVXLCDM]{1,7})(?:er|re|e|ème)?\b(?!['’])")  # not "L'image"
# Words after (or just before) a Roman numeral that make it a number: century, chapter, part, volume, reign.
_ROMAN_CONTEXT = re.compile(
    r"^(?:secol[oi]|centur(?:y|ies)|si[eè]cles?|jahrhunderts?|jh|siglos?|s[eé]culos?|eeuw(?:en)?|век(?:а|е|у|ом|ов|ам|ах|ами)?|"
    r"capitol[oi]|chapters?|chapitres?|kapitel|cap[ií]tulos?|hoofdstuk|глав[аеыу]|"
    r"part[ei]?|parts|teil|partie|tomo|tome|volumes?|band|vol|libro|book|livre|buch|akt|atto|act[eo]?|"
    r"world|guerra|war|krieg|legislatura|dinastia|dynasty|olimpiad[ei]|olympiad)$",
    re.I,
)
_ROMAN_BEFORE = re.compile(
    r"^(?:papa|pope|pape|re|king|roi|rey|rei|könig|koning|regina|queen|reine|luigi|louis|ludwig|carlo|charles|karl|"
    r"enrico|henry|henri|heinrich|enrique|giovanni|john|jean|pio|pius|leone|leo|léon|napoleone|napoléon|napoleon|"
    r"elisabetta|elizabeth|élisabeth|filippo|philip|philippe|felipe|guglielmo|william|wilhelm|guillaume|"
    r"federico|frederick|friedrich|frédéric|vittorio|victor|emanuele|umberto|benedetto|benedict|gregorio|gregory|"
    r"paolo|paul|peter|pietro|pierre|pedro|alfonso|alexander|alessandro|alexandre|alejandro|nicola|nicholas|nicolas|"
    r"james|jacques|jakob|giacomo|jaime|richard|riccardo|ricardo|edward|édouard|eduard|edoardo|george|georges|georg|"
    r"giorgio|jorge|francis|françois|franz|francesco|francisco|ferdinand|ferdinando|fernando|carlos|enrique|henrique|"
    r"николай|александр|пётр|петр|иван|екатерина|war|guerra|"
    r"capitolo|chapter|chapitre|kapitel|cap[ií]tulo|hoofdstuk|глава|part[ei]?|teil|partie|tomo|tome|volume|band|bd|vol|"
    r"libro|book|livre|buch|akt|atto|act[eo]?|canto|gesang|"
    r"secol[oi]|siglos?|s[eé]culos?|century|centuries|legislatura)$",  # "el siglo XX", "il secolo XX", "o século XIX"
    re.I,
)


# Approximate collective numerals ("une vingtaine", "a dozen"): never reported, but they stand for the number.
_COLLECTIVE = {
    "dozen": 12, "dozens": 12, "score": 20, "dozzina": 12, "decina": 10, "ventina": 20, "trentina": 30, "centinaio": 100,
    "centinaia": 100, "migliaio": 1000, "migliaia": 1000, "douzaine": 12, "dizaine": 10, "quinzaine": 15, "vingtaine": 20,
    "trentaine": 30, "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "centaines": 100,
    "millier": 1000, "milliers": 1000, "dutzend": 12, "dutzende": 12, "docena": 12, "decena": 10, "veintena": 20,
    "centenar": 100, "centenares": 100, "millar": 1000, "millares": 1000, "duzia": 12, "dezena": 10, "vintena": 20,
    "centena": 100, "milhar": 1000, "dozijn": 12, "tiental": 10, "twintigtal": 20, "honderdtal": 100, "дюжина": 12,
    "десяток": 10, "сотня": 100, "fortnight": 14,
    # noon and midnight are the twelve o'clock of the other version
    "noon": 12, "midday": 12, "midnight": 12, "midi": 12, "minuit": 12, "mezzogiorno": 12, "mezzanotte": 12, "mittag": 12,
    "mitternacht": 12, "mediodia": 12, "medianoche": 12, "meio-dia": 12, "meia-noite": 12, "middag": 12,
    "middernacht": 12, "полдень": 12, "полночь": 12,
    # plurals: "douzaines" (trois douzaines = 36 below), "Hunderttausende" = "hundreds of thousands"
    "dozzine": 12, "douzaines": 12, "dizaines": 10, "vingtaines": 20, "docenas": 12, "decenas": 10, "duzias": 12,
    "dezenas": 10, "dozijnen": 12, "дюжины": 12, "десятки": 10, "hunderte": 100, "tausende": 1000,
    "hunderttausende": 100000, "honderden": 100, "duizenden": 1000, "honderdduizenden": 100000,
    "honderdduizende": 100000, "hundreds": 100, "thousands": 1000, "сотни": 100, "тысячи": 1000,
    # "both" is the two of the other version ("die beiden Seilschaften" = "les deux cordées")
    "both": 2, "beide": 2, "beiden": 2, "entrambi": 2, "entrambe": 2, "ambedue": 2, "ambos": 2, "ambas": 2,
    "оба": 2, "обе": 2, "обоих": 2,
}
# Set phrases whose number is not a count: French "huit jours" / "quinze jours" is a week / a fortnight (so in
# Italian, Spanish, Portuguese, German and Dutch too), Spanish "estar en sus trece" is to stand firm. Weak
# counterparts of their number: "eight days" still matches "huit jours", "a week" leaves nothing to report.
_IDIOMS = re.compile(
    r"(?<![\w-])(?:(huit|quinze)\s+jours|(otto|quindici)\s+giorni|(ocho|quince)\s+d[ií]as|(oito|quinze)\s+dias|"
    r"(acht|vierzehn)\s+tage|(acht|veertien)\s+dagen|(?:mis|tus|sus|nuestros)\s+(trece))(?!\w)",
    re.I,
)
_IDIOM_VALUES = {"huit": 8, "quinze": 15, "otto": 8, "quindici": 15, "ocho": 8, "quince": 15, "oito": 8, "acht": 8,
                 "vierzehn": 14, "veertien": 14, "trece": 13}


def fold_word(word: str) -> str:
    """Lower case without accents (dúzia = duzia)."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c))


@functools.lru_cache(maxsize=1)
def _collective_regex() -> re.Pattern[str]:
    words = "|".join(sorted(_COLLECTIVE, key=len, reverse=True))
    return re.compile(r"(?<!\w)(" + words + r"|d[uú]zia|mediod[ií]a)(?!\w)", re.I)


# German compounds that start with a number ("Achttausender" = an 8000 m peak, "zehntägige" = ten-day): weak
# counterparts only (kind "compound": never paired as a changed value).
_DE_STEMS = {"zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10,
             "elf": 11, "zwölf": 12, "zwanzig": 20, "dreißig": 30, "hundert": 100, "tausend": 1000,
             # ordinal stems before a superlative: "der fünfthöchste Berg" = "la cinquième montagne"
             "erst": 1, "zweit": 2, "dritt": 3, "viert": 4, "fünft": 5, "sechst": 6, "siebt": 7, "neunt": 9, "zehnt": 10}
_DE_COMPOUND = re.compile(r"(?<![^\W\d_])(" + "|".join(sorted(_DE_STEMS, key=len, reverse=True)) + r")"
                          r"(?:(tausender)[^\W\d_]*|(?:tägig|jährig|stündig|wöchig|monatig|fach|mal|höchst|grö(?:ß|ss)t|"
                          r"längst|tiefst|best|wichtigst|schwierigst)[^\W\d_]*)", re.I)
# The same in Dutch ("twintigjarigen" = twenty-year-old, "tiendaagse", "drievoudig").
_NL_STEMS = {"twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9, "tien": 10,
             "elf": 11, "twaalf": 12, "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "honderd": 100,
             "duizend": 1000}
_NL_COMPOUND = re.compile(r"(?<![^\W\d_])(" + "|".join(sorted(_NL_STEMS, key=len, reverse=True)) + r")"
                          r"()(?:jarig|jaars|daags|daagse|weeks|maands|urig|voudig|maal|tal|ponder|duizender)[^\W\d_]*", re.I)
_COMPOUNDS = {"de": (_DE_COMPOUND, _DE_STEMS), "nl": (_NL_COMPOUND, _NL_STEMS)}


@dataclass(frozen=True)
class Num:
    """A quantity found in a segment's text.

    ``value`` is what it means (mantissa times its scale word, percent sign kept aside in ``percent``);
    ``alternatives`` are values under other locales' decimal conventions; ``strong`` numbers are reported
    when they have no counterpart, weak ones (small number words, context-free Roman numerals, date parts)
    only serve as counterparts.
    """

    value: Decimal
    start: int
    end: int
    raw: str                      # the digits as written (or the words), without the scale word
    text: str                     # everything the range covers, scale word included
    kind: str = "digits"          # digits | word | roman | ordinal | time | compound | idiom | glued | repeat | date
    mantissa: Decimal | None = None
    scale: int | None = None      # power of ten given by a scale word (9 for miliardi/billion), None if none
    percent: bool = False
    valid: bool = True            # the marks are the ones the segment's locale writes
    alternatives: frozenset[Decimal] = frozenset()
    strong: bool = True
    segment: int = 0              # index of the segment inside its side of the link
    currency: frozenset[str] = frozenset()    # currency families its symbol or word may mean ({"dollar", "peso"} for $)
    currency_span: tuple[int, int] | None = None  # where that symbol or word is written


@functools.lru_cache(maxsize=64)
def symbols(lang: str) -> tuple[str, str]:
    """Decimal and group symbols CLDR gives for ``lang`` (``('.', ',')`` when babel does not know it)."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    try:
        return get_decimal_symbol(lang), get_group_symbol(lang)
    except Exception:  # noqa: BLE001 - an unknown locale must not stop a check; English convention is the default
        return ".", ","


def _under(token: str, decimal: str, group: str) -> Decimal | None:
    """Value of ``token`` when ``decimal`` is the decimal mark and ``group`` (or a space/apostrophe) groups."""
    groups = set(_SPACE_GROUPS) | set(_APOS_GROUPS) | ({group} if group not in _SPACE_GROUPS else set())
    body = token
    frac = ""
    if decimal in body:
        if body.count(decimal) > 1:
            return None
        body, frac = body.split(decimal)
        if not frac.isdigit():
            return None
    parts = re.split("[" + re.escape("".join(groups)) + "]", body)
    if any(not p.isdigit() for p in parts):
        return None
    if len(parts) > 1 and (len(parts[0]) > 3 or any(len(p) != 3 for p in parts[1:])):
        return None
    try:
        return Decimal("".join(parts) + ("." + frac if frac else ""))
    except InvalidOperation:
        return None


def read(token: str, lang: str) -> tuple[Decimal | None, frozenset[Decimal]]:
    """Strict value of ``token`` in ``lang`` (None if its marks are not that locale's) and other readings.

    >>> read("36,5", "it")[0], read("36,5", "en")
    (Decimal('36.5'), (None, frozenset({Decimal('36.5')})))
    """
    if token.isdigit():
        return Decimal(token), frozenset()
    decimal, group = symbols(lang)
    if group in _SPACE_GROUPS:
        group = "\u202f"
    primary = _under(token, decimal, group)
    alts = {v for v in (_under(token, ".", ","), _under(token, ",", ".")) if v is not None and v != primary}
    return primary, frozenset(alts)


@functools.lru_cache(maxsize=64)
def scale_words(lang: str) -> dict[str, int]:
    """Scale words and abbreviations of ``lang`` mapped to powers of ten, from CLDR compact decimal formats.

    ``it``: mila 3, milioni 6, miliardi 9, Mln 6, Mld 9; ``en``: thousand 3, million 6, billion 9, K, M, B...
    """
    from babel import Locale

    out: dict[str, int] = {}
    try:
        formats = Locale.parse(lang).compact_decimal_formats
    except Exception:  # noqa: BLE001 - unknown locale: no scale words
        return out
    for style in ("long", "short"):
        entries = sorted(((len(mag) - 1, pat.pattern) for by_plural in formats.get(style, {}).values()
                          for mag, pat in by_plural.items()), key=lambda e: e[0])
        for exp, pattern in entries:
            digits = pattern.count("0")
            if exp < 3 or digits == 0:  # "mille" (no digit) is a number word: text2num reads it
                continue
            word = re.sub(r"[0#\s\u00a0\u202f]+", " ", pattern.replace("'.'", ".")).strip()
            if not word:
                continue
            # the word's own power: "0000 M" (es, 10^9) is thousands of millions, so M keeps 6 from 10^6
            key = word.lower() if style == "long" else word
            out.setdefault(key, exp - digits + 1)
    return out


@functools.lru_cache(maxsize=64)
def _scale_regex(lang: str) -> re.Pattern[str]:
    words = sorted(scale_words(lang), key=len, reverse=True)
    long_words = [re.escape(w) for w in words if w == w.lower()]
    short = [re.escape(w) for w in words if w != w.lower()]
    alts = []
    if long_words:
        alts.append(r"(?i:" + "|".join(long_words) + r")\b")
    if short:
        # "Mrd." ends in a point: no word boundary after it; "M", "B" need one ("5 Mars" is not 5 million)
        alts.append(r"(?:" + "|".join(w for w in short if w.endswith(".")) + r")" if any(w.endswith(".") for w in short) else r"(?!x)x")
        alts.append(r"(?:" + "|".join(w for w in short if not w.endswith(".")) + r")\.?\b" if any(not w.endswith(".") for w in short) else r"(?!x)x")
    if not alts:
        return re.compile(r"(?!x)x")
    return re.compile(r"[\s\u00a0\u202f]?(?:" + "|".join(alts) + ")")


def _scale_after(text: str, end: int, lang: str) -> tuple[int, int] | None:
    """(exponent, end) of a scale word right after a number ending at ``end``."""
    m = _scale_regex(lang).match(text, end)
    if not m:
        return None
    word = m.group(0).strip()
    table = scale_words(lang)
    exp = table.get(word.lower(), table.get(word, table.get(word.rstrip("."), None)))
    if exp is None:
        exp = table.get(word.rstrip(".").lower())
    if exp is None:
        return None
    return exp, m.end()


def masked(text: str) -> str:
    """``text`` with URLs, DOIs, addresses and file names blanked (same length, offsets hold)."""
    return _MASK.sub(lambda m: " " * len(m.group(0)), text)


class _Tok:
    """A word token for text2num's ``find_numbers`` (it only needs ``text()``)."""

    __slots__ = ("t", "start", "end", "skip")

    def __init__(self, t: str, start: int, end: int, skip: bool = False) -> None:
        self.t, self.start, self.end, self.skip = t, start, end, skip

    def text(self) -> str:
        return self.t

    def nt_separated(self, previous: object) -> bool:
        return False

    def not_a_number_part(self) -> bool:
        return self.skip


_OCR_ELISION = re.compile(r"['’][«\"]?[^\W\d_]")
_OCR_IL = re.compile(r"\s+(?:y|est|a|avait|faut|fallait|fut|était|sera|serait|ne|n['’]|se|s['’]|semble|reste|va|vient)\b")
_HALF_HOUR = re.compile(r"(?<!\w)(?:halb|half)\s+", re.I)
_HYPHENATED = re.compile(r"(?<![\w-])([^\W\d_]+)-[^\W\d_]+(?:-[^\W\d_]+)*")


@functools.lru_cache(maxsize=4096)
def _word_value(word: str, lang: str) -> Decimal | None:
    """The value of one number word ("ten", "vingt"), or None."""
    code = T2N_LANGS.get(lang)
    if code is None or len(word) < 3:
        return None
    from text_to_num import find_numbers

    try:
        found = find_numbers([_Tok(word, 0, len(word))], code, threshold=0)
    except Exception:  # noqa: BLE001 - text2num panics on some inputs
        return None
    return Decimal(str(found[0].value)).normalize() if len(found) == 1 and not found[0].is_ordinal else None


_WORDTOK = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\d[\d.,]*|[^\w\s]")
T2N_LANGS = {"it": "it", "en": "en", "fr": "fr", "de": "de", "es": "es", "pt": "pt", "nl": "nl", "da": "da"}


_EN_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_EN_TENS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
_ES_UNITS = {"uno": "uno", "dos": "dós", "tres": "trés", "cuatro": "cuatro", "cinco": "cinco", "seis": "séis",
             "siete": "siete", "ocho": "ocho", "nueve": "nueve"}


def _join_inverted(toks: list[_Tok], code: str) -> list[_Tok]:
    """Older spellings text2num does not read, joined into one token it does.

    English "four and twenty" (= twenty-four, common until the 19th century) and Spanish "diez y seis",
    "veinte y uno" (= dieciséis, veintiuno, the spelling before the 20th century).
    """
    if code not in ("en", "es"):
        return toks
    out: list[_Tok] = []
    i = 0
    while i < len(toks):
        a = toks[i]
        if i + 2 < len(toks) and toks[i + 1].t.lower() in ("and", "y"):
            b, c = a.t.lower(), toks[i + 2].t.lower()
            joined = None
            if code == "en" and b in _EN_UNITS and c in _EN_TENS:
                joined = f"{c}-{b}"
            elif code == "es" and b == "diez" and fold_word(c) in ("seis", "siete", "ocho", "nueve"):
                joined = "dieci" + _ES_UNITS[fold_word(c)]
            elif code == "es" and b == "veinte" and fold_word(c) in _ES_UNITS:
                joined = "veinti" + _ES_UNITS[fold_word(c)]
            if joined is not None:
                out.append(_Tok(joined, a.start, toks[i + 2].end))
                i += 3
                continue
        out.append(a)
        i += 1
    return out


# Languages text2num does not read and number-parser does (its tables hold every case form: "двадцати трёх").
NP_LANGS = frozenset({"ru", "uk", "hi"})
_NP_TOKEN = re.compile(r"[^\W\d_]+")


@functools.lru_cache(maxsize=8)
def _np_vocabulary(lang: str) -> frozenset[str]:
    from number_parser.parser import LanguageData

    return frozenset(LanguageData(lang).all_numbers)


def _np_number_words(text: str, lang: str, covered: list[tuple[int, int]]) -> list[tuple[Decimal, int, int, bool, bool]]:
    """Spelled-out cardinals of ``text`` through number-parser: runs of its number words parsed as one number.

    number-parser only converts whole strings, so the runs (and their offsets) are found here; a run it
    cannot read as one number ("пять шесть") gives one number per word.
    """
    if lang not in NP_LANGS:
        return []
    from number_parser import parse_number

    vocab = _np_vocabulary(lang)
    runs: list[list[re.Match[str]]] = []
    for m in _NP_TOKEN.finditer(text):
        if fold_word(m.group(0)) not in vocab:
            continue
        if re.search(r"\d[\s\u00a0\u202f]*$", text[max(0, m.start() - 3):m.start()]):
            continue  # the scale word of digits ("240 миллиардов") belongs to them, read with its digits
        if runs and not text[runs[-1][-1].end():m.start()].strip():
            runs[-1].append(m)
        else:
            runs.append([m])
    out: list[tuple[Decimal, int, int, bool, bool]] = []
    for run in runs:
        value = parse_number(" ".join(fold_word(m.group(0)) for m in run), lang)
        pieces = [(value, run[0].start(), run[-1].end(), len(run))] if value is not None else [
            (parse_number(fold_word(m.group(0)), lang), m.start(), m.end(), 1) for m in run]
        for v, start, end, words in pieces:
            if v is None or any(a < end and start < b for a, b in covered):
                continue
            d = Decimal(v)
            lone_power = words == 1 and d >= 100 and d == Decimal(10) ** (len(str(int(d))) - 1)
            out.append((d.normalize(), start, end, False, lone_power))
    return out


def _number_words(text: str, lang: str, covered: list[tuple[int, int]]) -> list[tuple[Decimal, int, int, bool, bool]]:
    """(value, start, end, is_ordinal, lone power of ten) of spelled-out numbers; threshold 0 (every word)."""
    code = T2N_LANGS.get(lang.split("-")[0])
    if code is None:
        return _np_number_words(text, lang.split("-")[0], covered)
    from text_to_num import find_numbers

    scales = {w.lower() for w in scale_words(lang)}
    toks: list[_Tok] = []
    for m in _WORDTOK.finditer(text):
        t = m.group(0)
        if t[0].isdigit():
            toks.append(_Tok("§", m.start(), m.end(), True))  # digits are read elsewhere; they break word runs
            continue
        # A scale word after digits belongs to that number ("240 miliardi"); text2num would read it alone.
        after_digit = bool(toks) and toks[-1].t == "§"
        if code == "nl" and "-" in t:  # older Dutch spelling: zeven-en-negentig, twee-honderd-en-tien
            t = t.replace("-", "").replace("drieen", "drieën").replace("tweeen", "tweeën")
        if code == "nl" and len(t) > 5 and t.lower().endswith(("den", "sten")):
            t = t[:-1]  # inflected older Dutch ordinal: "op den elfden" = elfde, "ten eersten" = eerste
        if code == "es" and fold_word(t) in _ES_UNITS:
            t = fold_word(t)  # pre-1952 Spanish accents its monosyllables: "séis", "dós"
        toks.append(_Tok(t, m.start(), m.end(), after_digit and t.lower() in scales))
    if not toks:
        return []
    toks = _join_inverted(toks, code)
    out = []
    try:
        occurrences = find_numbers(toks, code, threshold=0)
    except Exception:  # noqa: BLE001 - text2num panics on some inputs; no words then, digits still count
        return []
    for occ in occurrences:
        start, end = toks[occ.start].start, toks[occ.end - 1].end
        if any(a < end and start < b for a, b in covered):
            continue
        try:
            value = Decimal(str(occ.value))
            # A lone "hundred", "thousands", "mil" is an idiom ("mil perdones", "by thousands") more often than a count.
            lone_power = occ.end - occ.start == 1 and value >= 100 and value == Decimal(10) ** (len(str(int(value))) - 1)
            out.append((value.normalize(), start, end, bool(occ.is_ordinal), lone_power))
        except InvalidOperation:
            continue
    return out


def _roman(text: str, covered: list[tuple[int, int]]) -> list[tuple[Decimal, int, int, bool]]:
    """Roman numerals with a context word (XIX secolo, XIX e XX secolo, Luigi XIV); (value, start, end, strong)."""
    import roman as roman_lib

    found = []
    for m in _ROMAN.finditer(text):
        tok = m.group(1)
        if any(a < m.end() and m.start() < b for a, b in covered):
            continue
        try:
            value = roman_lib.fromRoman(tok)
        except roman_lib.InvalidRomanNumeralError:
            continue
        found.append((value, m.start(), m.end(), tok))
    out = []
    for i, (value, start, end, tok) in enumerate(found):
        strong = _roman_in_context(text, start, end, found[i + 1:])
        if len(tok) == 1 and not strong:
            continue  # a lone I, V, X, C or D is a letter far more often than a number
        out.append((Decimal(value), start, end, strong))
    return out


def _roman_in_context(text: str, start: int, end: int, later: list[tuple[int, int, int, str]]) -> bool:
    after = re.findall(r"[^\W\d_]+", text[end:end + 40])
    # "XIX e XX secolo": skip a conjunction and the next numeral to reach the context word.
    if after and later and len(after) >= 2 and after[1] == later[0][3]:
        after = after[2:]
    if after and _ROMAN_CONTEXT.match(after[0]):
        return True
    if len(after) >= 2 and after[0].lower() in {"th", "e", "ème", "de", "del", "des", "of", "du", "the"} and _ROMAN_CONTEXT.match(after[1]):
        return True
    before = re.findall(r"[^\W\d_]+", text[max(0, start - 30):start])
    return bool(before) and bool(_ROMAN_BEFORE.match(before[-1]))


def extract(text: str, lang: str, skip: Iterable[tuple[int, int]] = (), word_min: int = 10) -> list[Num]:
    """Every number of ``text`` (a segment in ``lang``), skipping the character ranges in ``skip`` (dates).

    Spelled-out numbers below ``word_min`` ("two", "un") and Roman numerals without context are weak: they
    may stand for a digit on the other side but are never reported missing on their own.
    """
    clean = masked(text)
    base = lang.split("-")[0]
    if base in ("zh", "ja", "ko"):
        # no spaces around numbers: blank the other characters (same length) so that "售出了125万台" reads 125万
        keep = set("".join(scale_words(lang)))
        clean = "".join(" " if _CJK.match(ch) and ch not in keep else ch for ch in clean)
    skipped = list(skip)
    out: list[Num] = []
    for m in (_TIME_12 if base == "en" else _TIME).finditer(clean):
        if any(a < m.end() and m.start() < b for a, b in skipped):
            continue
        n = next(i for i in (1, 2, 3, 4) if m.group(f"h{i}") is not None)
        start, end = m.start(f"h{n}"), m.end()
        hour = int(m.group(f"h{n}"))
        meridiem = (m.groupdict().get(f"ap{n}") or "").lower()
        if meridiem and hour <= 12:  # 12 am is midnight, 12 pm noon
            hour = hour % 12 + (12 if meridiem == "p" else 0)
        value = Decimal(hour * 60 + int(m.group(f"m{n}") or 0))
        out.append(Num(value=value, start=start, end=end, raw=text[start:end], text=text[start:end], kind="time",
                       mantissa=value))
        skipped.append((start, end))
    covered: list[tuple[int, int]] = list(skipped)
    for m in _NUMBER.finditer(clean):
        start, end = m.start(), m.end()
        raw = m.group(0).rstrip(_SPACE_GROUPS)
        if raw == "1" and base in ("fr", "it") and _OCR_ELISION.match(clean, end):
            continue  # "1'«industrie», "1'homme": OCR's reading of the elided article l'
        # "2024 100": a first group of more than three digits is not a thousands group; split at spaces. A piece
        # inside a skipped range (the year of "1. Oktober 2025 850 Mitarbeiter") goes, the rest stays.
        for praw, pstart in _split_spaced(raw, start):
            if any(a < pstart + len(praw) and pstart < b for a, b in skipped):
                continue
            out.append(_digit_num(clean, text, praw, pstart, lang))
            covered.append((pstart, pstart + len(praw)))
    if lang.split("-")[0] in _COMPOUNDS:
        pattern, stems = _COMPOUNDS[lang.split("-")[0]]
        for m in pattern.finditer(clean):
            if any(a < m.end() and m.start() < b for a, b in covered):
                continue
            value = Decimal(stems[m.group(1).lower()]) * (1000 if m.group(2) else 1)
            # "zweimal", "drievoudig" are counts as exact as "two times": paired like a number word when changed
            kind = "word" if re.search(r"(?:ma+l|fach|voudig)[^\W\d_]*$", m.group(0), re.I) else "compound"
            out.append(Num(value=value, start=m.start(), end=m.end(), raw=m.group(0), text=m.group(0), kind=kind,
                           mantissa=value, strong=False))
            covered.append((m.start(), m.end()))
    for m in _IDIOMS.finditer(clean):
        if not any(a < m.end() and m.start() < b for a, b in covered):
            word = next(g for g in m.groups() if g)
            value = Decimal(_IDIOM_VALUES[fold_word(word)])
            out.append(Num(value=value, start=m.start(), end=m.end(), raw=m.group(0), text=m.group(0), kind="idiom",
                           mantissa=value, strong=False))
            covered.append((m.start(), m.end()))
    for value, start, end, ordinal, lone in _number_words(clean, lang, covered):
        half = _HALF_HOUR.search(clean, max(0, start - 6), start) if base in ("de", "nl") else None
        if half and half.end() == start and not ordinal and 1 <= value <= 12:
            # "halb fünf", "half zeven": half an hour before five, i.e. 4.30, which the other version writes with 4
            out.append(Num(value=value - 1, start=half.start(), end=end, raw=text[half.start():end],
                           text=text[half.start():end], kind="word", mantissa=value - 1, strong=False))
            covered.append((half.start(), end))
            continue
        scale = _scale_after(clean, end, lang)
        mantissa = value
        if scale:
            value = value * (Decimal(10) ** scale[0])
        out.append(Num(value=value, start=start, end=scale[1] if scale else end, raw=text[start:end],
                       text=text[start:scale[1] if scale else end], kind="ordinal" if ordinal else "word",
                       mantissa=mantissa, scale=scale[0] if scale else None,
                       strong=(mantissa >= word_min or bool(scale)) and not lone))
        covered.append((start, end))
    # A number word before a hyphen ("ten-center", "two-year-old", "vingt-cinq-ans" aside): a weak counterpart.
    for m in _HYPHENATED.finditer(clean):
        if not any(a < m.end() and m.start() < b for a, b in covered):
            head = _word_value(m.group(1), base)
            if head is not None:
                out.append(Num(value=head, start=m.start(), end=m.end(), raw=m.group(0), text=m.group(0),
                               kind="compound", mantissa=head, strong=False))
                covered.append((m.start(), m.end()))
    # Digits glued to letters ("R5", "ten-center" aside): not quantities of their own, but a "5" elsewhere may be one.
    for m in re.finditer(r"(?<=[^\W\d_])\d+(?!\d|[.,]\d)", clean):
        if not any(a < m.end() and m.start() < b for a, b in covered):
            value = Decimal(m.group(0))
            out.append(Num(value=value, start=m.start(), end=m.end(), raw=m.group(0), text=m.group(0), kind="glued",
                           mantissa=value, strong=False))
    for m in _collective_regex().finditer(clean):
        if not any(a < m.end() and m.start() < b for a, b in covered):
            value = Decimal(_COLLECTIVE[fold_word(m.group(1))])
            # "trois douzaines", "two dozen", "3 Dutzend": a count of dozens is their product
            count = next((n for n in out if n.kind in ("word", "digits") and n.end <= m.start()
                          and not clean[n.end:m.start()].strip() and n.scale is None and not n.percent), None)
            if count is not None and value in (10, 12, 20) and fold_word(m.group(1)) not in ("both", "beide", "beiden"):
                out.remove(count)
                product = count.value * value
                out.append(Num(value=product, start=count.start, end=m.end(), raw=text[count.start:m.end()],
                               text=text[count.start:m.end()], kind="word", mantissa=product,
                               strong=count.strong or product >= word_min))
                continue
            out.append(Num(value=value, start=m.start(), end=m.end(), raw=m.group(0), text=m.group(0), kind="word",
                           mantissa=value, strong=False))
    for value, start, end, strong in _roman(clean, covered):
        if base == "fr" and text[start:end] == "II" and _OCR_IL.match(clean, end):
            continue  # "II y a", "II est": OCR's reading of the pronoun Il
        out.append(Num(value=value, start=start, end=end, raw=text[start:end], text=text[start:end], kind="roman",
                       mantissa=value, strong=strong))
    out.sort(key=lambda n: n.start)
    nums = _distributive(clean, _share_range_scale(clean, _multiplied(clean, out, word_min)))
    return [_with_currency(clean, n) for n in nums]


_DISTRIBUTIVE = re.compile(r"\s+(?:zu|en|in|em|a|à|tot|op)\s+")
_DISTRIBUTIVE_BEFORE = re.compile(r"(?<!\w)(?:von|de|di|da|van|om\s+de)\s+$", re.I)


def _distributive(text: str, nums: list[Num]) -> list[Num]:
    """"von zwanzig zu zwanzig Minuten", "de dix en dix": every twenty minutes; the repeated number is no count."""
    out = list(nums)
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        if (a.value == b.value and _DISTRIBUTIVE.fullmatch(text[a.end:b.start])
                and _DISTRIBUTIVE_BEFORE.search(text[max(0, a.start - 8):a.start])):
            out[i] = dataclasses.replace(b, strong=False, kind="repeat")
    return out


# Currency families: a symbol or word says which family a sum is in, not which country ("240 miliardi di dollari"
# is "$240 billion" whichever dollar it is). Symbols that several families write (¥, $, kr) name them all.
# Words are matched right after the number, its scale word and an optional "di/de/of"; every language's forms
# are in one pattern (the plural and case forms of it, en, de, fr, es, pt, nl, ru), since no two collide.
CURRENCY_SYMBOLS: dict[str, frozenset[str]] = {
    "US$": frozenset({"dollar"}), "CA$": frozenset({"dollar"}), "A$": frozenset({"dollar"}), "HK$": frozenset({"dollar"}),
    "R$": frozenset({"real"}), "$": frozenset({"dollar", "peso"}), "€": frozenset({"euro"}), "£": frozenset({"pound"}),
    "¥": frozenset({"yen", "yuan"}), "CN¥": frozenset({"yuan"}), "JP¥": frozenset({"yen"}), "₽": frozenset({"ruble"}),
    "₹": frozenset({"rupee"}), "₺": frozenset({"lira"}), "₩": frozenset({"won"}), "USD": frozenset({"dollar"}),
    "EUR": frozenset({"euro"}), "GBP": frozenset({"pound"}), "CHF": frozenset({"franc"}), "JPY": frozenset({"yen"}),
    "CNY": frozenset({"yuan"}), "RMB": frozenset({"yuan"}), "RUB": frozenset({"ruble"}), "INR": frozenset({"rupee"}),
    "Fr.": frozenset({"franc"}), "SFr.": frozenset({"franc"}),
}
_CURRENCY_WORDS: dict[str, str] = {
    "dollar": r"dollar[sio]?|d[oó]lar(?:es)?|долл(?:ар(?:ов|а|ы|ам|ами|ах)?)?\.?",
    "euro": r"euros?|евро",
    "pound": r"pounds?(?:\s+sterling)?|sterlin[ae](?:\s+britanniche|\s+britannica)?|pfund(?:\s+sterling)?|ponden|pond\s+sterling|"
             r"libras?\s+esterlinas?|фунт(?:ов|а|ы)?(?:\s+стерлингов)?",
    "livre": r"livres?(?!\s+sterling)",
    "franc": r"francs?|franch[io]|franken|frank(?:en)?|francos?|франк(?:ов|а|и)?",
    "yen": r"yen|ienes|иен[аы]?|йен[аы]?",
    "yuan": r"yuans?|renminbi|юан(?:ей|я|и|ь)",
    "ruble": r"rub(?:les?|el|eln|li|lo|los)|roubles?|roebels?|рубл(?:ей|я|ь|и)|руб\.",
    "rupee": r"rupees?|rupi[ae]|rupien?|roupies?|roepies?|рупи(?:й|и|я)",
    "lira": r"lir[ae]|лир[аы]?",
    "peso": r"pesos?|песо",
    "real": r"reais",
}
# "livres" (the old French pound, or "livres sterling") is what a translator writes for a pound and back.
_CURRENCY_ALSO = {"livre": frozenset({"livre", "pound"})}
_CURRENCY_AFTER = re.compile(
    r"[\s\u00a0\u202f]*(?:(?:di|de|of|des|del|d['’]|van|в)\s*)?(?:(?P<word>"
    + "|".join(f"(?P<{k}>{v})" for k, v in _CURRENCY_WORDS.items()) + r")(?!\w)|(?P<sym>"
    + "|".join(re.escape(k) for k in sorted(CURRENCY_SYMBOLS, key=len, reverse=True)) + r")(?![^\W\d_]))",
    re.I,
)
_CURRENCY_BEFORE = re.compile(
    r"(?<![^\W\d_])(" + "|".join(re.escape(k) for k in sorted(CURRENCY_SYMBOLS, key=len, reverse=True)) + r")[\s\u00a0\u202f]?$"
)


def _with_currency(text: str, n: Num) -> Num:
    """``n`` with the currency written just before it ($240, € 5, CHF 10) or just after it (240 miliardi di dollari)."""
    if n.percent or n.kind not in ("digits", "word"):
        return n
    m = _CURRENCY_AFTER.match(text, n.end)
    if m and m.group("word") is not None:
        family = next(k for k in _CURRENCY_WORDS if m.group(k) is not None)
        return dataclasses.replace(n, currency=_CURRENCY_ALSO.get(family, frozenset({family})),
                                   currency_span=(m.start("word"), m.end("word")))
    if m and m.group("sym") is not None and m.group("sym") in CURRENCY_SYMBOLS:
        return dataclasses.replace(n, currency=CURRENCY_SYMBOLS[m.group("sym")], currency_span=(m.start("sym"), m.end("sym")))
    b = _CURRENCY_BEFORE.search(text[max(0, n.start - 6):n.start])
    if b:
        off = max(0, n.start - 6)
        return dataclasses.replace(n, currency=CURRENCY_SYMBOLS[b.group(1)], currency_span=(off + b.start(1), off + b.end(1)))
    return n


def _multiplied(text: str, nums: list[Num], word_min: int) -> list[Num]:
    """"tweemaal honderdduizend", "zweimal hundert": a multiplier word before a number makes their product."""
    out: list[Num] = []
    for n in nums:
        prev = out[-1] if out else None
        if (prev is not None and prev.kind in ("compound", "word") and re.search(r"ma+l$", prev.text, re.I)
                and n.kind in ("word", "digits") and not text[prev.end:n.start].strip()):
            value = prev.value * n.value
            out[-1] = Num(value=value, start=prev.start, end=n.end, raw=text[prev.start:n.end], text=text[prev.start:n.end],
                          kind="word", mantissa=value, strong=n.strong or value >= word_min)
            continue
        out.append(n)
    return out


def _share_range_scale(text: str, nums: list[Num]) -> list[Num]:
    """In "175-180 miliardi" the scale word after the second number applies to the first as well."""
    out = list(nums)
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        if a.scale is None and b.scale is not None and a.kind == "digits" and not a.percent:
            gap = text[a.end:b.start]
            if re.fullmatch(r"\s*(?:[-–—/]|to|a|à|bis|tot|até|al|до)\s*", gap):
                factor = Decimal(10) ** b.scale
                out[i] = dataclasses.replace(a, value=a.value * factor, scale=b.scale,
                                             alternatives=frozenset(v * factor for v in a.alternatives))
    return out


def _split_spaced(raw: str, start: int) -> list[tuple[str, int]]:
    parts = re.split(r"([\u0020\u00a0\u202f\u2009])", raw)
    if len(parts) == 1 or len(parts[0].replace(".", "").replace(",", "")) <= 3:
        return [(raw, start)]
    out, pos = [], start
    for p in parts:
        if p and p not in _SPACE_GROUPS:
            out.append((p, pos))
        pos += len(p)
    return out


def _digit_num(clean: str, text: str, raw: str, start: int, lang: str) -> Num:
    end = start + len(raw)
    primary, alts = read(raw, lang)
    value = primary if primary is not None else min(alts, default=Decimal(re.sub(r"\D", "", raw) or 0))
    kind = "digits"
    span_end = end
    fm = re.compile(r"[\u0020\u00a0\u202f]?([½¼¾⅓⅔])").match(clean, end)
    if fm and primary is not None:
        primary = value = primary + Decimal(_FRACTIONS[fm.group(1)])
        end = span_end = fm.end()
    om = _ORDINAL.match(clean, end)
    if om and raw.isdigit() and (om.end() == len(clean) or not clean[om.end()].isalnum()):
        kind, span_end = "ordinal", om.end()
    percent = False
    pm = _PERCENT.match(clean, span_end)
    if pm:
        percent, span_end = True, pm.end()
    scale = None if percent or kind == "ordinal" else _scale_after(clean, span_end, lang)
    mantissa = value
    if scale:
        span_end = scale[1]
        factor = Decimal(10) ** scale[0]
        value = value * factor
        alts = frozenset(a * factor for a in alts)
    return Num(value=value, start=start, end=span_end, raw=raw, text=text[start:span_end], kind=kind,
               mantissa=mantissa, scale=scale[0] if scale else None, percent=percent,
               valid=primary is not None, alternatives=alts)


def show(n: Num) -> str:
    """How a number is quoted in a message: as written."""
    return n.text.strip()
