"""Dates, weekdays and relative time expressions in running text, from CLDR names (babel).

Why not ``dateparser.search_dates``: measured on the seed it found 9-25 false dates per article (``36,5%`` as
1936, the verb "may") and silently took the month of today for ``Janury 27th, 2025``. Here a date is a short
token pattern around a CLDR month name of the segment's language (``D MONTH YYYY``, ``MONTH D(st), YYYY``,
``MONTH YYYY``, ``nell'ottobre 2024``), so nothing else can turn into a date. A word one or two edits away
from a month name that the language's dictionary does not know is read as that month *and* flagged as a typo,
so the date still compares equal across languages while the misspelling is reported.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from ..model import Segment
from ._spell import edit_distance

# Month names that are everyday words too: read only next to a day or year ("May I", "mars" the planet).
_AMBIGUOUS_BARE = {"en": {"may", "march", "august"}, "fr": {"mars"}, "es": set(), "de": set(), "it": set()}
_LINK_WORDS = {"de", "del", "of", "the", "di", "dei", "van", "du", "des", "el", "le", "la", "il", "dell", "nell",
               "a", "en", "in", "im", "em", "do", "da", "в"}
# A day may carry a German ordinal stop ("1. Oktober"); a year never does: "October 1, 2025." ends a sentence.
_TOKEN = re.compile(r"\d{1,2}(?:st|nd|rd|th|er|re|e|º|ª|o|\.)?(?![\w])|\d{3,4}(?:st|nd|rd|th|er|re|e|º|ª|o)?(?![\w])|[^\W\d_]+\.?")
# "in der Nacht auf/zum Sonntag", "la nuit du samedi au dimanche", "de nacht van zaterdag op zondag": the night
# before that day, which the other version may name by the day it starts (Saturday night).
_NIGHT_BEFORE = re.compile(r"(?:Nacht\s+(?:auf|zum|zu)\s+(?:den\s+)?|nuit\s+\w+\s+au\s+|nacht\s+van\s+\w+\s+op\s+)$", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_NUMERIC = re.compile(r"(?<![\d.,/])(\d{1,2})([./])(\d{1,2})\2(\d{4})(?![\d.,/])")
# Chinese, Japanese and Korean write dates with counters: 2025年10月1日, 2025년 10월 1일, 10月1日, 2025年10月.
_CJK_DATE = re.compile(r"(?:(\d{4})\s?[年년]\s?)?(\d{1,2})\s?[月월](?:\s?(\d{1,2})\s?[日일])?")


@dataclass(frozen=True)
class DateMention:
    """A date or part of one found in a segment; any of day, month, year, weekday may be missing."""

    start: int
    end: int
    text: str
    day: int | None = None
    month: int | None = None
    year: int | None = None
    weekday: int | None = None
    alt_month_day: tuple[int, int] | None = None  # numeric 03/04/2025 may be month/day too
    typo: str | None = None                         # the misspelled month word, when the month was guessed
    eve: bool = False                               # "die Nacht auf den Sonntag": the evening before, Saturday night

    @property
    def is_date(self) -> bool:
        """A month with a day or a year (a full date), as opposed to a bare month or weekday."""
        return self.month is not None and (self.day is not None or self.year is not None)


@dataclass(frozen=True)
class Typo:
    """A word that looks like a misspelled month or weekday name of the segment's language."""

    start: int
    end: int
    word: str
    suggestion: str


@dataclass(frozen=True)
class Relative:
    """A relative time expression (CLDR: yesterday, this week, l'anno scorso) and its (field, offset) key."""

    start: int
    end: int
    text: str
    key: tuple[str, int]


def fold(word: str) -> str:
    """Lower case without accents, as month names are compared (lunedi = lunedì)."""
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c))


@functools.lru_cache(maxsize=32)
def names(lang: str) -> tuple[dict[str, int], dict[str, int], dict[str, int], dict[int, str]]:
    """(wide month names, abbreviated month names, weekday names, month number -> display name) of ``lang``."""
    from babel import Locale

    try:
        loc = Locale.parse(lang.split("-")[0])
    except Exception:  # noqa: BLE001 - unknown language: no names, no dates
        return {}, {}, {}, {}
    wide: dict[str, int] = {}
    abbr: dict[str, int] = {}
    days: dict[str, int] = {}
    for ctx in ("format", "stand-alone"):
        for num, name in loc.months[ctx]["wide"].items():
            wide[fold(name)] = num
        for num, name in loc.months[ctx]["abbreviated"].items():
            key = fold(name).rstrip(".")
            if len(key) >= 3 and key not in wide:
                abbr[key] = num
        for num, name in loc.days[ctx]["wide"].items():
            days[fold(name)] = num
    if lang.startswith("ru"):  # prepositional and accusative forms: в январе, в среду
        for name, num in list(wide.items()):
            stem = name[:-1] if name[-1] in "ьйя" else name
            wide.setdefault(stem + "е", num)
        for name, num in list(days.items()):
            if name.endswith("а"):
                days.setdefault(name[:-1] + "у", num)
    display = {num: name for num, name in loc.months["format"]["wide"].items()}
    return wide, abbr, days, display


@functools.lru_cache(maxsize=32)
def relative_table(lang: str) -> tuple[tuple[re.Pattern[str], tuple[str, int]], ...]:
    """CLDR relative day/week/month/year phrases of ``lang`` as compiled patterns, longest first."""
    from babel import Locale

    try:
        fields = Locale.parse(lang.split("-")[0])._data["date_fields"]
    except Exception:  # noqa: BLE001 - unknown language: no relative expressions
        return ()
    out = []
    for field in ("day", "week", "month", "year"):
        for offset, phrase in fields[field]["relative"].items():
            if abs(offset) > (2 if field == "day" else 1):
                continue
            text = phrase.replace("’", "'")
            body = re.escape(text).replace("'", "['’]").replace(r"\ ", r"\s+")
            if lang.startswith("en") and text.startswith("to"):
                body = "to-?" + body[2:]  # older English: to-day, to-morrow
            out.append((len(text), body, (field, int(offset))))
    for phrase, key in _EXTRA_RELATIVE.get(lang.split("-")[0], ()):
        out.append((len(phrase), phrase, key))
    out.sort(key=lambda e: -e[0])
    flags = 0 if lang.split("-")[0] in {"de", "nl"} else re.I  # German "Morgen" (morning) is not "morgen"
    # not inside a hyphenated word: "avant-hier", "après-demain" are two days away, not "hier" and "demain"
    return tuple((re.compile(r"(?<!\w)(?<!\w-)(?<!\w- )" + body + r"(?!\w|-\w)", flags), key) for _, body, key in out)


# Everyday forms CLDR leaves out (patterns): Dutch "gister" and its compounds "gistermorgen", "gisteravond".
# NIGHT: a night named without a day ("last night", "anoche", "stanotte", "cette nuit", "vannacht"). The same
# night is "ieri sera" in one language and "last night" in another, and "stanotte" or "heute Nacht" is last
# night or the coming one by the verb's tense: it pairs with "yesterday" and with another night, and is never
# reported alone.
NIGHT = ("night", -1)
_EXTRA_RELATIVE: dict[str, tuple[tuple[str, tuple[str, int]], ...]] = {
    "nl": ((r"gister(?:en)?(?:morgen|ochtend|middag|avond|nacht)|gister", ("day", -1)), (r"vannacht|afgelopen\s+nacht", NIGHT)),
    "de": ((r"gestern(?:abend|nacht|morgen|früh)", ("day", -1)), (r"(?:[Ll]etzte|[Vv]ergangene|[Hh]eute)\s+Nacht", NIGHT)),
    "en": ((r"yester(?:-?night|-?eve(?:ning)?|-?morn(?:ing)?)", ("day", -1)), (r"last\s+(?:night|evening)", NIGHT),
           (r"(?:the\s+)?day\s+before\s+yesterday", ("day", -2)), (r"(?:the\s+)?day\s+after\s+to-?morrow", ("day", 2))),
    "es": ((r"anoche", NIGHT), (r"el\s+año\s+próximo", ("year", 1)), (r"la\s+semana\s+próxima", ("week", 1)),
           (r"el\s+mes\s+próximo", ("month", 1))),
    "it": ((r"stanotte|questa\s+notte", NIGHT),
           (r"(?:lo\s+)?scorso\s+anno|(?:l['’])?anno\s+passato", ("year", -1)), (r"(?:il\s+)?prossimo\s+anno", ("year", 1)),
           (r"(?:la\s+)?scorsa\s+settimana|(?:la\s+)?settimana\s+passata", ("week", -1)),
           (r"(?:la\s+)?prossima\s+settimana", ("week", 1)),
           (r"(?:lo\s+)?scorso\s+mese|(?:il\s+)?mese\s+passato", ("month", -1)), (r"(?:il\s+)?prossimo\s+mese", ("month", 1))),
    "fr": ((r"cette\s+nuit", NIGHT), (r"l['’]an(?:née)?\s+(?:dernier|passée?)", ("year", -1)), (r"l['’]an\s+prochain", ("year", 1)),
           (r"la\s+semaine\s+passée", ("week", -1)), (r"le\s+mois\s+passé", ("month", -1))),
    "pt": ((r"esta\s+noite", NIGHT), (r"(?:o\s+)?ano\s+que\s+vem", ("year", 1)), (r"(?:a\s+)?semana\s+que\s+vem", ("week", 1)),
           (r"(?:o\s+)?mês\s+que\s+vem", ("month", 1))),
}
# German and Dutch say the same with other adjectives and their inflections ("im vergangenen Jahr", "afgelopen week").
_EXTRA_RELATIVE["de"] += ((r"(?:letzten|vergangene[ns]?)\s+Jahr(?:es)?", ("year", -1)), (r"(?:nächsten|kommende[ns]?)\s+Jahr(?:es)?", ("year", 1)),
                          (r"(?:letzten|vergangenen?)\s+Woche", ("week", -1)), (r"(?:kommenden?)\s+Woche", ("week", 1)),
                          (r"(?:vergangenen)\s+Monat(?:s)?", ("month", -1)), (r"(?:kommenden)\s+Monat(?:s)?", ("month", 1)))
_EXTRA_RELATIVE["nl"] += ((r"afgelopen\s+jaar", ("year", -1)), (r"komend\s+jaar", ("year", 1)), (r"afgelopen\s+week", ("week", -1)),
                          (r"komende\s+week", ("week", 1)), (r"afgelopen\s+maand", ("month", -1)), (r"komende\s+maand", ("month", 1)))
# Two days away ("avant-hier", "the day before yesterday") count as counterparts but are never reported alone:
# translators as often write "two days ago", "the other day" or "the day before".
UNREPORTED = frozenset({("day", 0), ("day", -2), ("day", 2), NIGHT})


def counted_key(key: tuple[str, int]) -> tuple[str, int]:
    """The key an expression is paired by: a night (:data:`NIGHT`) pairs with yesterday."""
    return ("day", -1) if key == NIGHT else key


# Dutch and German "morgen" after a quantity is the old land measure ("vele morgen land"), not tomorrow.
_LAND_MEASURE = re.compile(r"(?:\d+|vele|enkele|weinige|paar|twee|drie|vier|vijf|zes|tien|honderd|duizend|viele|einige|"
                           r"zwei|drei|fünf|zehn|hundert|tausend)\s+$", re.I)


# Words after which Spanish/Portuguese "mañana/amanhã" means "morning", not "tomorrow".
_MORNING = re.compile(r"(?<!\w)(?:la|una|esta|cada|de|por|a|pela|da|de\s+la|den|des|der|die|'s|een|van|heute|gestern|am|jeden|"
                      r"diesen|eines|guten|goede|dezen|op|in|vanochtend|morgen|this|le)\s+$", re.I)


def _after_day_word(before: str, lang: str) -> bool:
    words = re.findall(r"[^\W\d_]+", before[-20:])
    if not words:
        return False
    last = fold(words[-1])
    if last in names(lang)[2] or last in {"heut", "gister"}:
        return True
    return any(p.fullmatch(words[-1]) for p, k in relative_table(lang) if k in {("day", 0), ("day", -1)})


def relatives(text: str, lang: str) -> list[Relative]:
    """Relative time expressions of ``text`` (non-overlapping, longest phrase first)."""
    taken: list[tuple[int, int]] = []
    out = []
    for pattern, key in relative_table(lang):
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            if key == ("day", 1) and (_MORNING.search(text[max(0, m.start() - 14):m.start()])
                                      or _LAND_MEASURE.search(text[max(0, m.start() - 14):m.start()])
                                      or _after_day_word(text[:m.start()], lang)):
                continue  # "Montag morgen", "heut morgen": the morning of that day, not tomorrow
            taken.append((m.start(), m.end()))
            out.append(Relative(m.start(), m.end(), m.group(0), key))
    return sorted(out, key=lambda r: r.start)


def _ordinal_day(tok: str) -> int | None:
    digits = re.match(r"\d+", tok)
    if not digits or len(digits.group(0)) > 2:
        return None
    value = int(digits.group(0))
    return value if 1 <= value <= 31 else None


def _year(tok: str) -> int | None:
    return int(tok) if re.fullmatch(r"\d{4}", tok) and 1000 <= int(tok) <= 2999 else None


def find(text: str, lang: str, typo_words: dict[int, str] | None = None) -> list[DateMention]:
    """Dates, bare months and weekdays of ``text``; ``typo_words`` maps token starts to guessed months."""
    wide, abbr, days, _ = names(lang)
    if not wide:
        return []
    toks = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    base = lang.split("-")[0]
    out: list[DateMention] = []
    used: set[int] = set()

    def month_of(i: int, bare: bool) -> tuple[int, str | None] | None:
        tok, start, _ = toks[i]
        key = fold(tok.rstrip("."))
        if key in wide:
            if bare and key in _AMBIGUOUS_BARE.get(base, set()):
                return None
            if base == "en" and not tok[0].isupper():
                return None  # English months are capitalised: "march", "may" are verbs
            return wide[key], None
        if not bare and key in abbr and (tok.endswith(".") or tok[0].isupper() or base not in {"en", "de"}):
            return abbr[key], None
        if typo_words and start in typo_words:  # a guessed month: compared, never reported missing on its own
            return wide[fold(typo_words[start])], tok
        return None

    i = 0
    while i < len(toks):
        tok, start, end = toks[i]
        day = _ordinal_day(tok)
        # D [de|of] MONTH [de|,] [YYYY]
        if day is not None:
            j = i + 1
            while j < len(toks) and fold(toks[j][0]) in {"de", "of", "the"} and j - i <= 2:
                j += 1
            mo = month_of(j, False) if j < len(toks) else None
            if mo:
                k = j + 1
                while k < len(toks) and fold(toks[k][0]) in {"de", "del", "of"} and k - j <= 2:
                    k += 1
                year = _year(toks[k][0]) if k < len(toks) else None
                last = k if year else j
                out.append(DateMention(start, toks[last][2], text[start:toks[last][2]], day, mo[0], year, typo=mo[1]))
                used.update(range(i, last + 1))
                i = last + 1
                continue
        mo = month_of(i, True) if not tok[0].isdigit() else None
        if mo is None and not tok[0].isdigit():
            near_number = i + 1 < len(toks) and toks[i + 1][0][0].isdigit()
            mo = month_of(i, False) if near_number else None
        if mo:
            j = i + 1
            day = _ordinal_day(toks[j][0]) if j < len(toks) else None
            if day is not None and not _year(toks[j][0]):
                k = j + 1
                year = _year(toks[k][0]) if k < len(toks) else None
                last = k if year else j
                out.append(DateMention(start, toks[last][2], text[start:toks[last][2]], day, mo[0], year, typo=mo[1]))
                i = last + 1
                continue
            while j < len(toks) and fold(toks[j][0]) in {"de", "del", "of", "di"} and j - i <= 2:
                j += 1
            year = _year(toks[j][0]) if j < len(toks) else None
            if year:
                out.append(DateMention(start, toks[j][2], text[start:toks[j][2]], None, mo[0], year, typo=mo[1]))
                i = j + 1
                continue
            if fold(tok.rstrip(".")) in wide or mo[1]:
                word = tok.rstrip(".")
                out.append(DateMention(start, start + len(word), word, None, mo[0], None, typo=mo[1]))
            i += 1
            continue
        wd = days.get(fold(tok.rstrip(".")))
        if wd is not None and (base != "en" or tok[0].isupper()):
            word = tok.rstrip(".")
            eve = bool(_NIGHT_BEFORE.search(text[max(0, start - 30):start]))
            out.append(DateMention(start, start + len(word), word, weekday=wd, eve=eve))
        i += 1
    for m in _ISO.finditer(text):
        y, mo_, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1 <= mo_ <= 12 and 1 <= d <= 31:
            out.append(DateMention(m.start(), m.end(), m.group(0), d, mo_, y))
    for m in _NUMERIC.finditer(text):
        a, b, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if 1 <= b <= 12 and 1 <= a <= 31:
            alt = (a, b) if 1 <= a <= 12 else None
            out.append(DateMention(m.start(), m.end(), m.group(0), a, b, y, alt_month_day=alt))
        elif 1 <= a <= 12 and 1 <= b <= 31:
            out.append(DateMention(m.start(), m.end(), m.group(0), b, a, y))
    if base in ("zh", "ja", "ko"):
        for m in _CJK_DATE.finditer(text):
            cy, cm, cd = (int(g) if g else None for g in m.groups())
            if cm is not None and 1 <= cm <= 12 and (cd is None or 1 <= cd <= 31) and (cy or cd):
                out.append(DateMention(m.start(), m.end(), m.group(0), cd, cm, cy))
    return sorted(out, key=lambda d: d.start)


def spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Character ranges of full dates (their day and year are compared by the dates checks, not the numbers)."""
    return [(d.start, d.end) for d in find(text, lang, month_typos_map(text, lang)) if d.is_date]


_WORD = re.compile(r"[^\W\d_]{4,}")


@functools.lru_cache(maxsize=4096)
def month_typos(text: str, lang: str) -> tuple[Typo, ...]:
    """Words one or two edits from a month or weekday name of ``lang`` that its dictionary does not know."""
    wide, _, days, display = names(lang)
    if not wide:
        return ()
    from ._datedict import known

    targets = {**{n: ("m", v) for n, v in wide.items()}, **{n: ("d", v) for n, v in days.items()}}
    out = []
    for m in _WORD.finditer(text):
        word = m.group(0)
        key = fold(word)
        if key in targets or len(key) < 4:
            continue
        best = None
        # Two edits only inside a date ("Janaury 27"): alone, a word two edits from a month is usually a name
        # ("Ariosto" / agosto) or an old spelling ("zoodat" / zondag).
        near_number = bool(re.search(r"\d\s*[,.]?\s*$", text[max(0, m.start() - 6):m.start()])
                           or re.match(r"\s*[,.]?\s*\d", text[m.end():m.end() + 6]))
        for name in targets:
            if name[0] != key[0] or abs(len(name) - len(key)) > 2 or len(name) < 4:
                continue
            limit = 2 if near_number and len(name) >= 6 and targets[name][0] == "m" else 1
            dist = edit_distance(key, name, limit + 1)
            if dist <= limit and (best is None or dist < best[0]):
                best = (dist, name)
        if best is None:
            continue
        if known(word, lang):
            continue
        kind, value = targets[best[1]]
        suggestion = display.get(value, best[1]) if kind == "m" else _weekday_display(lang, value)
        if word[0].isupper():
            suggestion = suggestion[:1].upper() + suggestion[1:]
        out.append(Typo(m.start(), m.end(), word, suggestion))
    return tuple(out)


def month_typos_map(text: str, lang: str) -> dict[int, str]:
    """Start offset -> suggested month name, for the month typos of ``text`` (weekday typos are left out)."""
    wide = names(lang)[0]
    return {t.start: t.suggestion for t in month_typos(text, lang) if fold(t.suggestion) in wide}


def _weekday_display(lang: str, value: int) -> str:
    from babel import Locale

    return str(Locale.parse(lang.split("-")[0]).days["format"]["wide"][value])


def segment_text(segs: tuple[Segment, ...]) -> str:
    """The text of one side of a link (segments joined by a space)."""
    return " ".join(s.text for s in segs)
