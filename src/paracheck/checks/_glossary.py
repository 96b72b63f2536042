"""Lists as data for the acronym and term checks: acronym equivalences, glossary files, CLDR country names.

Everything here is compiled once (``functools.lru_cache`` keyed on the frozen option values or the file's
path and modification time) and then only looked up: checks run per link, lists must not be rebuilt per link.
"""

from __future__ import annotations

import csv
import functools
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError

# International bodies whose acronym is neither identical nor a permutation across languages (ONU = UN).
# Each row is one equivalence class; a form ending in "*" is a word stem matched case-insensitively, for
# adjectives that stand in for the acronym ("la Marina statunitense" = "the U.S. Navy").
DEFAULT_ACRONYMS: tuple[tuple[str, ...], ...] = (
    ("UN", "ONU", "OON", "VN", "ООН", "Nazioni Unite", "United Nations", "Nations unies", "Naciones Unidas", "Vereinte*"),
    ("US", "USA", "EUA", "EE.UU", "США", "statunitens*", "american*", "amerikan*", "américain*", "estadounidens*",
     "Stati Uniti", "United States", "États-Unis", "Estados Unidos", "Vereinigte* Staaten"),
    ("UK", "GB", "Regno Unito", "United Kingdom", "britannic*", "british"),
    ("EU", "UE", "ЕС", "Unione Europea", "European Union", "Union européenne", "Europäische* Union"),
    ("USSR", "URSS", "UdSSR", "СССР", "sovietic*", "soviet*", "soviét*", "sowjet*"),
    ("NATO", "OTAN", "НАТО"),
    ("WHO", "OMS", "WGO", "ВОЗ"),
    ("IMF", "FMI", "IWF", "МВФ"),
    ("WTO", "OMC", "ВТО"),
    ("OECD", "OCSE", "OCDE", "ОЭСР"),
    ("ECB", "BCE", "EZB", "ЕЦБ"),
    ("UNSC", "CSNU", "CSONU"),
    ("UNGA", "AGNU"),
    ("GDP", "PIL", "PIB", "BIP", "ВВП"),
    ("NGO", "ONG", "НКО"),
)


@dataclass(frozen=True)
class Equivalences:
    """Acronym forms grouped into classes; ``stems`` are word stems and phrases that stand for a class."""

    classes: tuple[frozenset[str], ...]

    def of(self, acronym: str) -> frozenset[str]:
        """Every form equivalent to ``acronym`` (itself included)."""
        return _index(self).get(acronym, frozenset({acronym}))


@functools.lru_cache(maxsize=16)
def _index(eq: Equivalences) -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for cls in eq.classes:
        for form in cls:
            out[form] = out.get(form, frozenset()) | cls
    return out


@functools.lru_cache(maxsize=16)
def equivalences(extra: tuple[tuple[str, ...], ...], defaults: bool) -> Equivalences:
    """The default classes (when ``defaults``) plus the user's ``extra`` rows."""
    rows = (DEFAULT_ACRONYMS if defaults else ()) + extra
    return Equivalences(tuple(frozenset(r) for r in rows if r))


@functools.lru_cache(maxsize=256)
def phrase_pattern(form: str) -> re.Pattern[str]:
    """Regex for a non-acronym form of a class: a phrase, or a stem when it ends in ``*``."""
    stem = form.endswith("*")
    body = r"\s+".join(re.escape(w) for w in form.rstrip("*").split())
    tail = r"\w*" if stem else ""
    return re.compile(rf"(?<!\w){body}{tail}(?!\w)", re.I)


# ---------------------------------------------------------------------------------------------- glossaries


@dataclass(frozen=True)
class Term:
    """A source term and the target renderings agreed for it (the first is the preferred one)."""

    source: str
    targets: tuple[str, ...]
    origin: str = "config"


def _split_alternatives(value: object) -> tuple[str, ...]:
    if isinstance(value, (list, tuple)):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(v.strip() for v in str(value).split("|") if v.strip())


@functools.lru_cache(maxsize=16)
def glossary(pairs: tuple[tuple[str, tuple[str, ...]], ...], path: str, mtime: float, src: str, tgt: str) -> tuple[Term, ...]:
    """Config term pairs plus the terms of a CSV or TBX file (``mtime`` only keys the cache)."""
    terms = [Term(s, t) for s, t in pairs]
    if path:
        terms.extend(_read_file(Path(path), src, tgt))
    return tuple(t for t in terms if t.source and t.targets)


def config_pairs(raw: Mapping[str, object]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Hashable form of the ``terms`` option: ``{source: target | [target, ...] | "a|b"}``."""
    return tuple((str(k), _split_alternatives(v)) for k, v in raw.items())


def load_glossary(raw: Mapping[str, object], path: str, base_dir: str, src: str, tgt: str) -> tuple[Term, ...]:
    """Validated, cached glossary; a missing or unreadable file is a ConfigError naming it."""
    resolved = ""
    mtime = 0.0
    if path:
        p = Path(path).expanduser()
        if not p.is_absolute():
            p = Path(base_dir) / p
        if not p.is_file():
            raise ConfigError("glossary file not found; fix the TM01 option glossary", str(p))
        resolved, mtime = str(p), p.stat().st_mtime
    return glossary(config_pairs(raw), resolved, mtime, src, tgt)


def _read_file(path: Path, src: str, tgt: str) -> list[Term]:
    if path.suffix.lower() in (".tbx", ".xml"):
        return _read_tbx(path, src, tgt)
    if path.suffix.lower() in (".csv", ".tsv", ".txt"):
        return _read_csv(path, src, tgt)
    raise ConfigError("glossary must be a .csv, .tsv or .tbx file", str(path))


def _read_csv(path: Path, src: str, tgt: str) -> list[Term]:
    """Two columns (source, target; alternatives separated by ``|``); a header row naming the languages is optional."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read glossary: {exc}", str(path)) from None
    dialect = "excel-tab" if path.suffix.lower() == ".tsv" or "\t" in text.split("\n", 1)[0] else "excel"
    rows = [r for r in csv.reader(text.splitlines(), dialect=dialect) if r and any(c.strip() for c in r)]
    if not rows:
        return []
    head = [c.strip().lower() for c in rows[0]]
    si, ti = 0, 1
    if src in head and tgt in head:
        si, ti, rows = head.index(src), head.index(tgt), rows[1:]
    elif head[:2] == ["source", "target"]:
        rows = rows[1:]
    terms = []
    for n, row in enumerate(rows, 1):
        if len(row) <= max(si, ti):
            raise ConfigError(f"glossary entry {n} needs a source and a target column, got {row!r}", str(path))
        terms.append(Term(row[si].strip(), _split_alternatives(row[ti]), str(path)))
    return terms


def _read_tbx(path: Path, src: str, tgt: str) -> list[Term]:
    """TBX (ISO 30042, 2008 or 2019 dialects): each concept's terms in the two languages."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise ConfigError(f"cannot read TBX glossary: {exc}", str(path)) from None
    lang_attr = "{http://www.w3.org/XML/1998/namespace}lang"
    terms = []
    for entry in root.iter():
        if _local(entry.tag) not in ("termEntry", "conceptEntry"):
            continue
        by_lang: dict[str, list[str]] = {}
        for lang_set in entry:
            if _local(lang_set.tag) != "langSet":
                continue
            lang = (lang_set.get(lang_attr) or lang_set.get("lang") or "").split("-")[0].lower()
            by_lang.setdefault(lang, []).extend((t.text or "").strip() for t in lang_set.iter() if _local(t.tag) == "term")
        for s in by_lang.get(src.split("-")[0], []):
            if s and by_lang.get(tgt.split("-")[0]):
                terms.append(Term(s, tuple(x for x in by_lang[tgt.split("-")[0]] if x), str(path)))
    return terms


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


# ---------------------------------------------------------------------------------------------- countries


@functools.lru_cache(maxsize=16)
def territories(lang: str) -> dict[str, str]:
    """CLDR country names of ``lang`` → ISO code (Svizzera → CH, Stati Uniti → US); only 2-letter territories."""
    from babel import Locale, UnknownLocaleError

    try:
        names = Locale.parse(lang.replace("-", "_")).territories
    except (UnknownLocaleError, ValueError):
        return {}
    return {name: code for code, name in names.items() if len(code) == 2 and code.isalpha() and code not in ("ZZ", "EU", "UN", "EZ", "QO")}


@functools.lru_cache(maxsize=16)
def territory_pattern(lang: str) -> re.Pattern[str] | None:
    """One regex finding every CLDR country name of ``lang`` (longest first)."""
    names = sorted(territories(lang), key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)")


def territory_names(code: str, lang: str) -> tuple[str, ...]:
    """Names of territory ``code`` in ``lang`` (CLDR), plus the code itself (US, UK)."""
    names = [n for n, c in territories(lang).items() if c == code]
    return tuple(names) + ((code, "UK") if code == "GB" else (code,))


def flatten(rows: Iterable[Iterable[str]]) -> tuple[tuple[str, ...], ...]:
    """Hashable form of a list-of-lists option."""
    return tuple(tuple(str(x) for x in row) for row in rows)
