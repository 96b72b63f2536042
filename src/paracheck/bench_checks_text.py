"""Benchmark of the text checks (TY, AC, TM, UT, PU) on gold-aligned real translations: ``python -m paracheck.bench_checks_text``.

Takes a fixed-seed sample of the one-to-one gold links of ``../shared/eval`` (opus-books, textberg) and

- runs every text check on the untouched links: each finding there counts as false (an upper bound: the books
  are old, freely translated and OCR'd, and some findings are real);
- injects one error per chosen link: a target word misspelled (TY01), a name dropped (TM03) or misspelled
  (TY02), an acronym garbled (AC01), a URL altered (TM02), the sentence left untranslated (the source copied,
  or another source sentence put in its place: UT01). Books hold almost no acronyms or URLs, so those two
  kinds first add a matching pair to both sides (an acronym and its reversal, the same URL) and then garble
  the target's; the untouched-with-pair version must stay silent (counted in its own row).

Recall = injected links where the expected check reports a range overlapping the injected span; precision =
share of the new findings on injected links (absent from the untouched link) that are that expected report.
Each link is checked with its two whole documents as context, as in a real run (TY01's evidence is the other
version, TM03's the aligned sentence). Figures, not assertions: tests assert behaviour.
"""

from __future__ import annotations

import argparse
import random
import string
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .bench_checks_numdates import load_reviewed
from .checks import Context, Selected, load_all, run, select
from .model import Alignment, Block, Document, Finding, Link, Segment, Span

ROOT = Path(__file__).resolve().parents[2]
REVIEWED = Path(__file__).with_name("bench_checks_text_reviewed.tsv")
PREFIXES = ("TY", "AC", "TM", "UT", "PU")


@dataclass(frozen=True)
class Injection:
    """A changed link and where the expected finding must point (side, range in that side's text)."""

    kind: str
    code: str
    link: Link
    side: str
    start: int
    end: int


def _seg(text: str, lang: str, side: str, ident: str, block: int = 0, start: int = 0, end: int | None = None) -> Segment:
    return Segment(ident, side, lang, text, side, Span(start, start + len(text) if end is None else end, block + 1, 1), block)


def _document(side: str, lang: str, lines: list[str]) -> tuple[Document, list[int]]:
    """One eval document's version as a Document, a block per line; and each line's start offset."""
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    blocks = tuple(Block(i, "paragraph", line, Span(starts[i], starts[i] + len(line), i + 1, 1)) for i, line in enumerate(lines))
    return Document(side, lang, "txt", "\n".join(lines), blocks), starts


@dataclass(frozen=True)
class Case:
    """A sampled gold link and the two whole versions it belongs to (the evidence TY01 reads)."""

    set: str
    link: Link
    source: Document
    target: Document


def eval_links(eval_dir: Path, per_doc: int, rng: random.Random) -> list[Case]:
    """A sample of ``per_doc`` one-to-one gold links of every document (fixed seed), with their documents."""
    from .evaluate import load_dir

    out = []
    for sub in ("opus-books", "textberg"):
        if not (eval_dir / sub).is_dir():
            continue
        for doc in load_dir(eval_dir / sub):
            sdoc, s_at = _document("source", doc.src_lang, doc.src)
            tdoc, t_at = _document("target", doc.tgt_lang, doc.tgt)
            ones = [(next(iter(s)), next(iter(t))) for s, t in doc.gold if len(s) == 1 and len(t) == 1]
            for i, j in sorted(rng.sample(ones, min(per_doc, len(ones)))):
                if doc.src[i].strip() and doc.tgt[j].strip():
                    link = Link((_seg(doc.src[i], doc.src_lang, "source", f"{doc.name}:s{i}", i, s_at[i]),),
                                (_seg(doc.tgt[j], doc.tgt_lang, "target", f"{doc.name}:t{j}", j, t_at[j]),), 1.0, 1.0)
                    out.append(Case(sub, link, sdoc, tdoc))
    return out


def check(link: Link, selected: list[Selected], case: Case) -> list[Finding]:
    """Every selected finding on one link, with the whole documents as context (as in a real run)."""
    ctx = Context(case.source, case.target, Alignment((link,), 0.0, "bench"), 0.0)
    return run(selected, ctx)


def _key(f: Finding) -> tuple[str, str]:
    return (f.code, f.message)


def _with(link: Link, source: str | None = None, target: str | None = None) -> Link:
    s, t = link.source[0], link.target[0]
    # The damaged sentence takes the original's place in the file: checks that read the file around a segment
    # (TM03's neighbours) see the sentences before and after it, never the undamaged original. Its span covers
    # both, so that a finding anywhere in a longer replacement still falls inside it.
    def seg(new: str | None, old: Segment, side: str) -> Segment:
        text = new if new is not None else old.text
        end = old.span.start + max(len(text), old.span.end - old.span.start)
        return _seg(text, old.lang, side, old.id + "*", old.block, old.span.start, end)

    return Link((seg(source, s, "source"),), (seg(target, t, "target"),), 1.0, 1.0)


# ---- injectors: each returns None when the link offers nothing to inject into --------------------------------


def _garble(word: str, rng: random.Random) -> str:
    """One typing error: swap two inner letters, drop one, double one, or replace one."""
    i = rng.randrange(1, len(word) - 1)
    op = rng.choice(("swap", "drop", "double", "replace"))
    if op == "swap" and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if op == "drop":
        return word[:i] + word[i + 1:]
    if op == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice([c for c in "aeioulnrst" if c != word[i]]) + word[i + 1:]


def inject_typo(link: Link, rng: random.Random) -> Injection | None:
    """Misspell a lower-case target word the dictionary knows and the source does not contain."""
    from .checks._spell import dictionary, words

    t = link.target[0]
    d = dictionary(t.lang)
    if d is None:
        return None
    src = link.source[0].text
    cands = [w for w in words(t.text) if len(w.text) >= 5 and w.text.isalpha() and w.text.islower() and w.text not in src and d.knows(w.text)]
    for w in rng.sample(cands, len(cands)):
        bad = _garble(w.text, rng)
        if bad != w.text and not d.knows(bad) and bad not in src:
            return Injection("word misspelled", "TY01", _with(link, target=t.text[:w.start] + bad + t.text[w.end:]),
                             "target", w.start, w.start + len(bad))
    return None


def _shared_names(link: Link) -> list[tuple[Any, Any]]:
    """(source token, target token) of capitalised words, not first in the sentence, spelled alike on both sides."""
    from .checks._spell import dictionary, words

    s, t = link.source[0], link.target[0]
    td = dictionary(t.lang)
    s_toks = {w.text: w for w in words(s.text)[1:] if w.is_capitalised and len(w.text) >= 4 and "'" not in w.text}
    out = []
    for w in words(t.text)[1:]:
        if w.text in s_toks and w.is_capitalised and "'" not in w.text and (td is None or not td.knows(w.text)):
            if t.text.count(w.text) == 1 and s.text.count(w.text) == 1:
                out.append((s_toks[w.text], w))
    return out


def inject_name_dropped(link: Link, rng: random.Random) -> Injection | None:
    """Delete from the target a name both sides spell alike; the finding points at the source's name."""
    names = _shared_names(link)
    if not names:
        return None
    sw, tw = rng.choice(names)
    t = link.target[0].text
    new = (t[:tw.start].rstrip() + " " + t[tw.end:].lstrip()).strip()
    return Injection("name dropped", "TM03", _with(link, target=new), "source", sw.start, sw.end)


def inject_name_misspelled(link: Link, rng: random.Random) -> Injection | None:
    """Misspell in the target a name both sides spell alike."""
    from .checks._spell import dictionary

    names = _shared_names(link)
    if not names:
        return None
    _sw, tw = rng.choice(names)
    bad = _garble(tw.text, rng)
    td = dictionary(link.target[0].lang)
    if bad == tw.text or (td is not None and td.knows(bad)):
        return None
    t = link.target[0].text
    return Injection("name misspelled", "TY02", _with(link, target=t[:tw.start] + bad + t[tw.end:]), "target", tw.start, tw.start + len(bad))


def _acronym(rng: random.Random) -> str:
    return "".join(rng.choice(string.ascii_uppercase) for _ in range(rng.choice((3, 4))))


def _append(text: str, extra: str) -> str:
    body = text.rstrip()
    end = body[-1] if body and body[-1] in ".!?" else ""
    return (body[:-1] if end else body) + extra + end


def with_acronym(link: Link, rng: random.Random) -> tuple[Link, str, str]:
    """The link with " (ABC)" added to the source and " (CBA)" (its reversal, a valid rendering) to the target."""
    a = _acronym(rng)
    return _with(link, source=_append(link.source[0].text, f" ({a})"), target=_append(link.target[0].text, f" ({a[::-1]})")), a, a[::-1]


def inject_acronym(link: Link, rng: random.Random) -> Injection | None:
    """Add a matching acronym pair, then replace one letter of the target's (no longer a permutation)."""
    base, a, b = with_acronym(link, rng)
    i = rng.randrange(len(b))
    bad = b[:i] + rng.choice([c for c in string.ascii_uppercase if c != b[i] and c not in a]) + b[i + 1:]
    t = base.target[0].text
    pos = t.rindex(f"({b})") + 1
    return Injection("acronym garbled", "AC01", _with(base, target=t[:pos] + bad + t[pos + len(b):]), "target", pos, pos + len(bad))


def with_url(link: Link, rng: random.Random) -> tuple[Link, str]:
    """The link with the same URL added to both sides."""
    url = f"https://example.org/{rng.choice(('doc', 'stable', 'p'))}/{rng.randrange(10**5, 10**6)}"
    return _with(link, source=_append(link.source[0].text, f" ({url})"), target=_append(link.target[0].text, f" ({url})")), url


def inject_url(link: Link, rng: random.Random) -> Injection | None:
    """Add the same URL to both sides, then change one digit of the target's."""
    base, url = with_url(link, rng)
    i = rng.randrange(len(url) - 6, len(url))
    bad = url[:i] + rng.choice([d for d in "0123456789" if d != url[i]]) + url[i + 1:]
    t = base.target[0].text
    pos = t.rindex(url)
    return Injection("URL altered", "TM02", _with(base, target=t[:pos] + bad + t[pos + len(url):]), "target", pos, pos + len(bad))


def inject_copy(link: Link, rng: random.Random) -> Injection | None:
    """Leave the sentence untranslated: the target is the source, copied."""
    s = link.source[0].text
    if len(s.split()) < 4:
        return None
    return Injection("untranslated (copied)", "UT01", _with(link, target=s), "target", 0, len(s))


_POOL: dict[str, list[str]] = defaultdict(list)


def inject_other(link: Link, rng: random.Random) -> Injection | None:
    """Leave the sentence untranslated: another source-language sentence (of 6+ words) stands in the target."""
    pool = [x for x in _POOL[link.source[0].lang] if x != link.source[0].text]
    if not pool:
        return None
    s = rng.choice(pool)
    return Injection("untranslated (other)", "UT01", _with(link, target=s), "target", 0, len(s))


INJECTORS: tuple[Callable[[Link, random.Random], Injection | None], ...] = (
    inject_typo, inject_name_dropped, inject_name_misspelled, inject_acronym, inject_url, inject_copy, inject_other)


# The kinds whose checks read the whole version for evidence (TY01: the same spelling elsewhere, an unknown stem
# inflected elsewhere; TY02: each version's usual spelling). Their injections are checked against a copy of the
# document that carries them in place of the original sentences: a misspelled word must not find its correct
# spelling in the very sentence it replaced. A copy carries one injection per DAMAGE_RATE lines, not one in all
# (a book's vocabulary takes about a second to read) nor all of them: hundreds of slips in a short document repeat
# one another (the same garble of "wanted" twice reads as a deliberate spelling) and look like a house style.
IN_DOCUMENT = frozenset({"word misspelled", "name misspelled"})
DAMAGE_RATE = 100


def _damaged(case: Case, injections: list[Injection]) -> Case:
    """``case`` with both documents carrying the damaged sentences of ``injections`` (all from its documents)."""
    from dataclasses import replace

    def apply(doc: Document, side: str) -> Document:
        new = {}
        for inj in injections:
            seg = (inj.link.source if side == "source" else inj.link.target)[0]
            if seg.text != doc.blocks[seg.block].text:
                new[seg.block] = seg.text
        return replace(doc, blocks=tuple(replace(b, text=new[b.index]) if b.index in new else b for b in doc.blocks))

    return Case(case.set, case.link, apply(case.source, "source"), apply(case.target, "target"))


def _score(inj: Injection, case: Case, new: list[Finding], stats: dict[str, Counter[str]], examples: dict[str, list[str]]) -> None:
    """Count one injection's new findings: recalled or not, and how many of them are the expected report."""
    st = stats[inj.kind]
    st["links"] += 1
    st["recalled"] += any(_hits(f, inj) for f in new)
    st["new"] += len(new)
    st["correct"] += sum(_hits(f, inj) for f in new)
    if not any(_hits(f, inj) for f in new):
        examples[f"missed {inj.kind} ({inj.code})"].append(f"{case.set}: {_injected(inj)}\n      {_texts(inj.link)}"
                                                           + "".join(f"\n      got {f.code}: {f.message}" for f in new))
    for f in new:
        if not _hits(f, inj):
            examples[f"wrong on {inj.kind} ({f.code})"].append(f"{case.set}: {f.code}: {f.message}\n      {_texts(inj.link)}")


def _hits(f: Finding, inj: Injection) -> bool:
    if f.code != inj.code:
        return False
    loc = f.target if inj.side == "target" else f.source
    if loc is None:
        return False
    if inj.kind.startswith("untranslated"):
        return True
    seg = (inj.link.target if inj.side == "target" else inj.link.source)[0]
    start = loc.start - seg.span.start  # Location offsets are in the file; the injection's are in the sentence
    return start < inj.end and inj.start < start + len(loc.text)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its tables."""
    ap = argparse.ArgumentParser(prog="python -m paracheck.bench_checks_text", description=__doc__.splitlines()[0])
    ap.add_argument("--eval-dir", default=str(ROOT.parent / "shared" / "eval"))
    ap.add_argument("--per-doc", type=int, default=300, help="one-to-one gold links sampled per document")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--examples", type=int, default=0, metavar="N",
                    help="after the tables, print up to N examples per check and kind: false findings, misses, wrong reports")
    ap.add_argument("--codes", default="", help="comma-separated check codes whose examples are printed (default: all)")
    ap.add_argument("--list-untouched", action="store_true",
                    help="print every finding on the untouched links as a line of the reviewed file (stderr)")
    args = ap.parse_args(argv)
    reviewed = load_reviewed(REVIEWED)
    seen: set[tuple[str, str, str, str, str]] = set()
    genuine: Counter[str] = Counter()
    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    cases = eval_links(Path(args.eval_dir), args.per_doc, rng)
    for case in cases:
        src = case.link.source[0]
        if len(src.text.split()) >= 6:
            _POOL[src.lang].append(src.text)
    codes = sorted(c for c in load_all() if c.startswith(PREFIXES))
    selected = select(codes, options={"TY01": {"suggestions": 0}})
    untouched: Counter[str] = Counter()
    paired: Counter[str] = Counter()
    found_by_set: dict[str, Counter[str]] = defaultdict(Counter)
    links_by_set: Counter[str] = Counter()
    stats: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[str, list[str]] = defaultdict(list)
    deferred: dict[tuple[int, str], list[tuple[Case, Injection, set[tuple[str, str]]]]] = defaultdict(list)  # by document, kind
    for case in cases:
        link = case.link
        base = check(link, selected, case)
        links_by_set[case.set] += 1
        for f in base:
            key = (case.set, link.source[0].id, link.target[0].id, f.code, f.primary.text if f.primary else "")
            why = reviewed.get(key)
            seen.add(key)
            untouched[f.code] += 1
            if why is not None:
                genuine[f.code] += 1
                genuine[f"{case.set}:{f.code}"] += 1
                continue
            found_by_set[case.set][f.code] += 1
            examples[f"false {f.code}"].append(f"{case.set}: {f.message}\n      {_texts(link)}")
            if args.list_untouched:
                print("\t".join(key) + "\tUNREVIEWED\n      M: " + f.message + "\n      " + _texts(link), file=sys.stderr)
        before = {_key(f) for f in base}
        # the pairs the acronym and URL injections add must not themselves be findings
        added = check(with_acronym(link, random.Random(rng.random()))[0], selected, case)
        added += check(with_url(link, random.Random(rng.random()))[0], selected, case)
        paired.update(f.code for f in added if _key(f) not in before)
        for inject in INJECTORS:
            inj = inject(link, rng)
            if inj is None or any(f.code == inj.code for f in base):
                continue
            if inj.kind in IN_DOCUMENT:  # checked below, once the document carries all this kind's damage
                deferred[(id(case.target), inj.kind)].append((case, inj, before))
                continue
            _score(inj, case, [f for f in check(inj.link, selected, case) if _key(f) not in before], stats, examples)
    for group in deferred.values():
        size = max(1, len(group[0][0].target.blocks) // DAMAGE_RATE)
        for at in range(0, len(group), size):
            chunk = group[at:at + size]
            damaged = _damaged(chunk[0][0], [inj for _, inj, _ in chunk])
            for case, inj, before in chunk:
                _score(inj, case, [f for f in check(inj.link, selected, damaged) if _key(f) not in before], stats, examples)
    links = cases
    n = len(links)
    print(f"{n} one-to-one gold links ({', '.join(f'{k} {v}' for k, v in sorted(links_by_set.items()))}), seed {args.seed}, "
          f"{time.perf_counter() - t0:.0f} s\n")
    print(f"{'injected error':<24}{'expected':>9}{'links':>7}{'recall':>8}{'precision':>11}")
    for kind, code in _KIND_CODES:
        st = stats[kind]
        rec = st["recalled"] / st["links"] if st["links"] else 0.0
        prec = st["correct"] / st["new"] if st["new"] else 1.0
        print(f"{kind:<24}{code:>9}{st['links']:>7}{rec:>8.3f}{prec:>11.3f}")
    print(f"\nFindings on untouched links: 'real' = reviewed and listed in {REVIEWED.name} as damage or real differences")
    print("of the gold texts themselves (OCR debris, words split at a line end, misprints, a name one version lacks); the")
    print("per-1000 columns count the others as false, tool errors and unread findings alike.")
    print(f"\n{'check':<7}{'findings':>9}{'real':>6}{'false per 1000 untouched links':>32}{'  opus-books':>13}{'  textberg':>11}"
          f"{'  +pair added':>14}")
    for code in codes:
        per = {k: 1000 * found_by_set[k][code] / links_by_set[k] if links_by_set[k] else 0.0 for k in ("opus-books", "textberg")}
        # the added-pair column only speaks for the checks that read the added text (the pair itself is the test)
        pair = f"{1000 * paired[code] / n / 2:.1f}" if code in ("AC01", "AC02", "TM02") else "-"
        false = untouched[code] - genuine[code]
        print(f"{code:<7}{untouched[code]:>9}{genuine[code]:>6}{1000 * false / n:>32.1f}{per['opus-books']:>13.1f}"
              f"{per['textberg']:>11.1f}{pair:>14}")
    stale = sorted(key for key in reviewed if key not in seen)
    if stale:
        print(f"\n{len(stale)} reviewed entries matched no finding (a finding went or moved): re-read them")
        for key in stale:
            print("  " + "\t".join(key))
    if args.examples:
        _print_examples(examples, args.examples, {c for c in args.codes.split(",") if c})
    return 0


def _texts(link: Link) -> str:
    return f"S: {link.source[0].text}\n      T: {link.target[0].text}"


def _injected(inj: Injection) -> str:
    seg = (inj.link.target if inj.side == "target" else inj.link.source)[0]
    return f"{inj.side} «{seg.text[inj.start:inj.end]}»"


def _print_examples(examples: dict[str, list[str]], n: int, codes: set[str]) -> None:
    """Up to ``n`` examples of each group (false findings on untouched links, misses, wrong reports), for error analysis."""
    for group in sorted(examples):
        if codes and not any(f"{c}" in group for c in codes):
            continue
        items = examples[group]
        print(f"\n== {group}: {len(items)}")
        for item in items[:n]:
            print(f"  - {item}")


_KIND_CODES = (("word misspelled", "TY01"), ("name dropped", "TM03"), ("name misspelled", "TY02"), ("acronym garbled", "AC01"),
               ("URL altered", "TM02"), ("untranslated (copied)", "UT01"), ("untranslated (other)", "UT01"))


if __name__ == "__main__":
    sys.exit(main())
