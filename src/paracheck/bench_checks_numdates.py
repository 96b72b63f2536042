"""Benchmark of the number and date checks on gold-aligned real translations: ``python -m paracheck.bench_checks_numdates``.

Takes the one-to-one gold links of ``../shared/eval`` (opus-books, textberg) plus the seed article's aligned
links, and

- runs every NM/DT check on the untouched links. Books are translated freely and their gold links are not all
  translations of each other, so many of those findings are real differences of the gold texts (a chapter
  numbered otherwise, a number the translator changed or dropped, OCR debris). Each one that was read and found
  real is listed, with the reason, in ``bench_checks_numdates_reviewed.tsv``; the tables print all findings,
  the reviewed real ones, and the rest as false (tool errors and findings nobody has read yet alike). A finding
  whose message changes drops out of the list and counts as false until it is read again (``--list-untouched``
  prints every finding in the list's format);
- injects, with a fixed random seed, one error per chosen link into the target: a number changed, a decimal
  mark swapped to the wrong locale's, a number word changed, a month changed, a month misspelled, a sum's
  currency changed (its symbol or word replaced by another currency's). A link is
  chosen only when its untouched version has no finding of that family and the value injected into had a
  counterpart in the source. Recall = injected links where the expected check reports the injected span;
  precision = share of the new findings on injected links that are that expected report; "flagged (any code)" =
  injected links where some NM/DT finding points at the injected span (e.g. NM02 where NM01 was expected).

Prints one table per measure. Figures, not assertions: tests assert behaviour.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .checks import Context, load_all
from .model import Alignment, Document, Link, Segment, Span

ROOT = Path(__file__).resolve().parents[2]
KINDS = {  # kind -> expected code
    "number changed": "NM01",
    "decimal mark swapped": "NM03",
    "thousands mark wrong": "NM03",
    "number word changed": "NM01",
    "month changed": "DT01",
    "month misspelled": "DT02",
    "currency changed": "NM04",
}


@dataclass(frozen=True)
class Injection:
    """A target text with one injected error at ``start:end`` (offsets in the new text)."""

    text: str
    start: int
    end: int


def _seg(text: str, lang: str, side: str, ident: str) -> Segment:
    return Segment(ident, side, lang, text, side, Span(0, len(text), 1, 1), 0)


def eval_links(eval_dir: Path) -> list[tuple[str, Link]]:
    """(set name, link) for every one-to-one gold link of every document under ``eval_dir``."""
    from .evaluate import load_dir

    out = []
    for sub in ("opus-books", "textberg"):
        if not (eval_dir / sub).is_dir():
            continue
        for doc in load_dir(eval_dir / sub):
            for s, t in doc.gold:
                if len(s) == 1 and len(t) == 1:
                    i, j = next(iter(s)), next(iter(t))
                    out.append((sub, Link((_seg(doc.src[i], doc.src_lang, "source", f"{doc.name}:s{i}"),),
                                          (_seg(doc.tgt[j], doc.tgt_lang, "target", f"{doc.name}:t{j}"),), 1.0, 1.0)))
    return out


def seed_links() -> list[tuple[str, Link]]:
    """Trusted links of the seed article, aligned by the real pipeline with the project's config."""
    from .config import load_config
    from .pipeline import align_segments, discover, embedder_for, load_pair
    from .segment import segment

    cfg = load_config(ROOT / "config.yaml")
    spec = discover(ROOT / "pairs", cfg.source_lang)[0]
    src_doc, tgt_doc, _ = load_pair(spec, cfg)
    src, tgt = segment(src_doc, "source", cfg.presegmented), segment(tgt_doc, "target", cfg.presegmented)
    alignment = align_segments(src, tgt, embedder_for(cfg), cfg)
    return [("seed", k) for k in alignment.links if not k.is_gap and k.score >= cfg.min_score]


def run_checks(link: Link) -> list[tuple[str, str, tuple[int, int] | None, str]]:
    """(code, side, range, message) of every NM/DT finding on ``link`` (range on the target side when it has one)."""
    specs = load_all()
    s, t = link.source[0], link.target[0]
    ctx = Context(Document("s", s.lang, "txt", "", ()), Document("t", t.lang, "txt", "", ()),
                  Alignment((link,), 0.0, "bench"), 0.0)
    out = []
    for code, spec in sorted(specs.items()):
        if code[:2] in ("NM", "DT"):
            for p in spec.func(link, ctx, spec.options()):
                out.append((code, "target" if p.target_range else "source", p.target_range or p.source_range, p.message))
    return out


def _with_target(link: Link, text: str) -> Link:
    t = link.target[0]
    return Link(link.source, (_seg(text, t.lang, "target", t.id + "*"),), link.score, link.weakest)


# ---- injectors: each returns None when the link offers nothing to inject into --------------------------------


def _source_values(link: Link) -> set[object]:
    from .checks.numbers import side_numbers

    return {n.value for n in side_numbers(link.source, 10)}


def inject_number(link: Link, rng: random.Random) -> Injection | None:
    """Change one digit of a target number whose value the source also has."""
    from .checks.numbers import side_numbers

    have = _source_values(link)
    cands = [n for n in side_numbers(link.target, 10) if n.kind in ("digits", "ordinal") and n.value in have
             and n.raw.isdigit() and n.strong]
    if not cands:
        return None
    n = rng.choice(cands)
    pos = rng.randrange(len(n.raw))
    old = n.raw[pos]
    new = rng.choice([d for d in "0123456789" if d != old and not (pos == 0 and d == "0")])
    raw = n.raw[:pos] + new + n.raw[pos + 1:]
    text = link.target[0].text
    return Injection(text[:n.start] + raw + text[n.start + len(n.raw):], n.start, n.start + len(raw))


def inject_decimal(link: Link, rng: random.Random) -> Injection | None:
    """Rewrite a correctly written target number with a mark, swapping point and comma (the other locale's)."""
    from .checks._numparse import read
    from .checks.numbers import side_numbers

    have = _source_values(link)
    cands = [n for n in side_numbers(link.target, 10) if n.kind == "digits" and re.search(r"\d[.,]\d", n.raw)
             and n.valid and n.value in have]
    if not cands:
        return None
    n = rng.choice(cands)
    raw = n.raw.translate(str.maketrans(".,", ",."))
    if read(raw, link.target[0].lang)[0] == read(n.raw, link.target[0].lang)[0]:
        return None
    text = link.target[0].text
    return Injection(text[:n.start] + raw + text[n.start + len(n.raw):], n.start, n.start + len(raw))


def inject_grouping(link: Link, rng: random.Random) -> Injection | None:
    """Group the thousands of a target number of 4+ digits (not a year) with the mark another locale uses for decimals."""
    from .checks._numparse import symbols
    from .checks.numbers import side_numbers

    have = _source_values(link)
    cands = [n for n in side_numbers(link.target, 10) if n.kind == "digits" and n.raw.isdigit() and len(n.raw) >= 4
             and not 1000 <= int(n.raw) <= 2100 and n.value in have and n.scale is None]
    if not cands:
        return None
    n = rng.choice(cands)
    decimal = symbols(link.target[0].lang)[0]
    wrong = "," if decimal == "," else "."  # the locale's own decimal mark used as a thousands separator
    head = len(n.raw) % 3 or 3
    raw = n.raw[:head] + "".join(wrong + n.raw[i:i + 3] for i in range(head, len(n.raw), 3))
    text = link.target[0].text
    return Injection(text[:n.start] + raw + text[n.start + len(n.raw):], n.start, n.start + len(raw))


_VOCAB: dict[str, dict[int, str]] = {}


def build_vocab(links: list[tuple[str, Link]]) -> None:
    """Single-word number words per language, harvested from the corpus itself (value -> word)."""
    from .checks._numparse import extract

    for _, link in links:
        seg = link.target[0]
        vocab = _VOCAB.setdefault(seg.lang, {})
        for n in extract(seg.text, seg.lang):
            word = seg.text[n.start:n.end]
            if n.kind == "word" and " " not in word and word.isalpha() and word.islower() and 2 <= n.value <= 100:
                vocab.setdefault(int(n.value), word)


def inject_word(link: Link, rng: random.Random) -> Injection | None:
    """Replace a target number word that the source also has by the word of another value."""
    from .checks.numbers import side_numbers

    have = _source_values(link)
    lang = link.target[0].lang
    text = link.target[0].text
    cands = [n for n in side_numbers(link.target, 10) if n.kind == "word" and n.value in have and n.value >= 2
             and text[n.start:n.end].isalpha()]
    vocab = _VOCAB.get(lang, {})
    if not cands or len(vocab) < 2:
        return None
    n = rng.choice(cands)
    others = [w for v, w in sorted(vocab.items()) if v != n.value and v not in have]
    if not others:
        return None
    word = rng.choice(others)
    old = text[n.start:n.end]
    if old[0].isupper():
        word = word[0].upper() + word[1:]
    return Injection(text[:n.start] + word + text[n.end:], n.start, n.start + len(word))


def _month_words(link: Link) -> list[tuple[int, int, int]]:
    """(start, end, month) of target month names whose month the source also names."""
    from .checks._datefind import find, fold, names

    src_months = {d.month for s in link.source for d in find(s.text, s.lang) if d.month}
    seg = link.target[0]
    wide = names(seg.lang)[0]
    out = []
    for d in find(seg.text, seg.lang):
        if d.month in src_months and d.typo is None:
            for m in re.finditer(r"[^\W\d_]+", seg.text[d.start:d.end]):
                if wide.get(fold(m.group(0))) == d.month:
                    out.append((d.start + m.start(), d.start + m.end(), d.month))
    return out


def inject_month(link: Link, rng: random.Random) -> Injection | None:
    """Replace a target month name by another month's name (same case)."""
    from babel import Locale

    cands = _month_words(link)
    if not cands:
        return None
    start, end, month = rng.choice(cands)
    lang = link.target[0].lang.split("-")[0]
    text = link.target[0].text
    new = str(Locale.parse(lang).months["format"]["wide"][rng.choice([m for m in range(1, 13) if m != month])])
    if text[start].isupper():
        new = new[0].upper() + new[1:]
    return Injection(text[:start] + new + text[end:], start, start + len(new))


def inject_typo(link: Link, rng: random.Random) -> Injection | None:
    """Misspell a target month name: drop or swap an inner letter (never the first), if that makes a non-word."""
    from .checks._datedict import known

    cands = [c for c in _month_words(link) if c[1] - c[0] >= 5]  # the typo keeps >= 4 letters, what DT02 reads
    if not cands:
        return None
    start, end, _ = rng.choice(cands)
    text = link.target[0].text
    word = text[start:end]
    for _ in range(10):
        i = rng.randrange(1, len(word) - 1)
        new = word[:i] + word[i + 1:] if rng.random() < 0.5 else word[:i] + word[i + 1] + word[i] + word[i + 2:]
        if new != word and not known(new, link.target[0].lang):
            return Injection(text[:start] + new + text[end:], start, start + len(new))
    return None


# What the injected currency is written as: euros, or pounds where the sum already was in euros.
_OTHER_CURRENCY = {"en": ("euros", "pounds"), "de": ("Euro", "Pfund"), "fr": ("euros", "livres sterling"),
                   "it": ("euro", "sterline"), "es": ("euros", "libras esterlinas"), "pt": ("euros", "libras esterlinas"),
                   "nl": ("euro", "pond sterling"), "ru": ("евро", "фунтов")}


def inject_currency(link: Link, rng: random.Random) -> Injection | None:
    """Write a target sum whose value and currency the source also has in another currency (a word or € / $)."""
    from .checks.numbers import side_numbers

    src = side_numbers(link.source, 10)
    cands = [n for n in side_numbers(link.target, 10) if n.currency_span is not None
             and any(s.value == n.value and s.currency & n.currency for s in src)]
    lang = link.target[0].lang.split("-")[0]
    if not cands or lang not in _OTHER_CURRENCY:
        return None
    n = rng.choice(cands)
    start, end = n.currency_span or (n.start, n.end)
    text = link.target[0].text
    word = text[start:end]
    if not word[0].isalpha():
        new = "€" if "euro" not in n.currency else "$"
    else:
        new = _OTHER_CURRENCY[lang][1 if "euro" in n.currency else 0]
    return Injection(text[:start] + new + text[end:], start, start + len(new))


INJECTORS: dict[str, Callable[[Link, random.Random], Injection | None]] = {
    "number changed": inject_number,
    "decimal mark swapped": inject_decimal,
    "thousands mark wrong": inject_grouping,
    "number word changed": inject_word,
    "month changed": inject_month,
    "month misspelled": inject_typo,
    "currency changed": inject_currency,
}


REVIEWED = Path(__file__).with_name("bench_checks_numdates_reviewed.tsv")


def load_reviewed(path: Path = REVIEWED) -> dict[tuple[str, str, str, str, str], str]:
    """Reviewed untouched findings that are real differences of the gold texts: key -> why.

    A key is (set, source segment id, target segment id, code, message); the text bench keys on the flagged
    text instead of the message. A finding whose key changes no longer matches its entry and counts as false
    again until someone reads it.
    """
    if not path.is_file():
        return {}
    return {(c[0], c[1], c[2], c[3], c[4]): c[5] for c in reviewed_rows(path)}


def reviewed_rows(path: Path) -> Iterator[list[str]]:
    """The six tab-separated columns of each entry of a reviewed file (``#`` comments and blank lines skipped).

    A line of another width is an error that names the file: a silently skipped entry would count as false.
    """
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 6:
            raise ValueError(f"{path.name}: expected 6 tab-separated columns, got {len(cols)}: {line[:80]!r}")
        yield cols


@dataclass
class Untouched:
    """Findings on the untouched links: all of them, and those reviewed as real differences of the gold texts."""

    found: Counter[str]
    genuine: Counter[str]
    stale: int  # reviewed entries no finding matched any more


def bench(links: list[tuple[str, Link]], per_kind: int, seed: int, examples: int = 0,
          kinds: tuple[str, ...] = tuple(INJECTORS), list_untouched: bool = False
          ) -> tuple[dict[str, list[float]], Untouched, dict[str, int]]:
    """Run untouched and injected links; returns per-kind (n, recall, precision), untouched counts and sizes."""
    rng = random.Random(seed)
    build_vocab(links)
    reviewed = load_reviewed()
    seen: set[tuple[str, str, str, str, str]] = set()
    untouched: Counter[str] = Counter()
    genuine: Counter[str] = Counter()
    base: dict[int, list[tuple[str, str, tuple[int, int] | None, str]]] = {}
    sizes: Counter[str] = Counter()
    for k, (name, link) in enumerate(links):
        found = run_checks(link)
        base[k] = found
        sizes[name] += 1
        for code, _, _, message in found:
            key = (name, link.source[0].id, link.target[0].id, code, message)
            why = reviewed.get(key)
            seen.add(key)
            for counter in (untouched, genuine) if why is not None else (untouched,):
                counter[code] += 1
                counter[code[:2]] += 1
                counter[f"{name}:{code[:2]}"] += 1
            if list_untouched:
                print("\t".join(key) + f"\t{why if why is not None else 'UNREVIEWED'}", file=sys.stderr)
                print(f"  S: {link.source[0].text[:300]}\n  T: {link.target[0].text[:300]}", file=sys.stderr)
    table: dict[str, list[float]] = {}
    order = list(range(len(links)))
    rng.shuffle(order)
    for kind, injector in INJECTORS.items():
        if kind not in kinds:
            continue
        shown = 0
        expected = KINDS[kind]
        family = expected[:2]
        n = hits = correct = reported = anywhere = 0
        for k in order:
            if n >= per_kind:
                break
            if any(code[:2] == family for code, _, _, _ in base[k]):
                continue
            inj = injector(links[k][1], rng)
            if inj is None:
                continue
            n += 1
            # the untouched link's own findings, recognised by code and message (offsets move with the injection)
            before = Counter((f[0], f[3]) for f in base[k])
            new = []
            for f in run_checks(_with_target(links[k][1], inj.text)):
                if before[(f[0], f[3])] > 0:
                    before[(f[0], f[3])] -= 1
                elif f[0][:2] in ("NM", "DT"):
                    new.append(f)
            at_span = [f for f in new if f[1] == "target" and f[2] is not None and f[2][0] < inj.end and inj.start < f[2][1]]
            good = [f for f in at_span if f[0] == expected]
            hits += bool(good)
            anywhere += bool(at_span)
            correct += len(good)
            reported += len(new)
            if (not good or len(new) > len(good)) and shown < examples:
                shown += 1
                print(f"[{kind}] {'missed' if not good else 'extra'}: {new}\n  S: {links[k][1].source[0].text[:300]}\n"
                      f"  T: {inj.text[:300]}\n  injected: {inj.text[inj.start:inj.end]!r}", file=sys.stderr)
        table[kind] = [n, hits / n if n else 0.0, correct / reported if reported else (1.0 if n else 0.0),
                       anywhere / n if n else 0.0]
    stale = sum(1 for key in reviewed if key[0] in sizes and key not in seen)
    return table, Untouched(untouched, genuine, stale), dict(sizes)


def main(argv: list[str] | None = None) -> int:
    """Print the benchmark tables."""
    ap = argparse.ArgumentParser(prog="python -m paracheck.bench_checks_numdates", description=__doc__.splitlines()[0])
    ap.add_argument("--eval", default=str(ROOT.parent / "shared" / "eval"), help="folder of gold-aligned sets")
    ap.add_argument("--per-kind", type=int, default=300, help="most injected links per kind")
    ap.add_argument("--seed", type=int, default=13, help="random seed of the injections")
    ap.add_argument("--examples", type=int, default=0, help="print up to N misses or extra findings per kind (stderr)")
    ap.add_argument("--kind", action="append", choices=list(INJECTORS), help="only these injected kinds")
    ap.add_argument("--no-seed-article", action="store_true", help="leave the seed article out (no embedder)")
    ap.add_argument("--list-untouched", action="store_true",
                    help="print every finding on the untouched links as a line of the reviewed file (stderr)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    links = eval_links(Path(args.eval))
    if not args.no_seed_article:
        links += seed_links()
    if not links:
        print(f"no links found under {args.eval}", file=sys.stderr)
        return 2
    table, result, sizes = bench(links, args.per_kind, args.seed, args.examples, tuple(args.kind or INJECTORS),
                                 args.list_untouched)
    untouched, genuine = result.found, result.genuine
    total = len(links)
    print(f"links: {total} untouched ({', '.join(f'{k} {v}' for k, v in sorted(sizes.items()))}); seed {args.seed}")
    print()
    print(f"{'injected kind':<22} {'check':<6} {'n':>5} {'recall':>7} {'precision':>9} {'flagged (any code)':>19}")
    for kind, (n, r, p, a) in table.items():
        print(f"{kind:<22} {KINDS[kind]:<6} {int(n):>5} {r:>7.3f} {p:>9.3f} {a:>19.3f}")
    print()
    print("Findings on untouched links. 'real' = reviewed and listed in " + REVIEWED.name + " as a difference")
    print("of the gold texts themselves (a changed or dropped number, a gold link between sentences that do not")
    print("translate each other, OCR debris); 'false' = all the others, tool errors and unread findings alike.")
    print()
    print(f"{'check':<6} {'findings':>9} {'real':>6} {'false':>6} {'all per 1000':>13} {'false per 1000':>15}")
    specs = load_all()
    for code in [c for c in sorted(specs) if c[:2] in ("NM", "DT")] + ["NM", "DT"]:
        label = code if len(code) > 2 else f"{code}*"
        false = untouched[code] - genuine[code]
        print(f"{label:<6} {untouched[code]:>9} {genuine[code]:>6} {false:>6} {1000 * untouched[code] / total:>13.2f}"
              f" {1000 * false / total:>15.2f}")
    print()
    print(f"{'set':<12} {'links':>6} {'NM* all':>8} {'NM* false':>10} {'DT* all':>8} {'DT* false':>10}   (per 1000 links)")
    for name, n in sorted(sizes.items()):
        nm, dt = untouched[name + ":NM"], untouched[name + ":DT"]
        nm_f, dt_f = nm - genuine[name + ":NM"], dt - genuine[name + ":DT"]
        print(f"{name:<12} {n:>6} {1000 * nm / n:>8.2f} {1000 * nm_f / n:>10.2f} {1000 * dt / n:>8.2f} {1000 * dt_f / n:>10.2f}")
    if result.stale:
        print(f"\n{result.stale} reviewed entries matched no finding (a message changed or a finding went): re-read them")
    print(f"\n{time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
