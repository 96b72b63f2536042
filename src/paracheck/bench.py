"""Benchmarks that print tables: omission detection on damaged eval documents, and speed/scale.

Run ``python -m paracheck.bench omissions|partial|speed`` from the checkout (eval data
is read from ``../shared/eval``). Tests assert behaviour; these commands report figures.

Why damage real documents: the gold of the eval sets holds few omissions, so the benchmark makes its own.
Each kind of damage is applied to a fresh copy of every document at random positions (fixed seed), the damage
is recorded, the damaged pair is aligned with the same defaults as ``paracheck check``, and the sentences the
alignment leaves without counterpart are compared with the ones the damage left without counterpart.

- ``sentence``: delete the target sentence of a 1-1 gold link, so its source sentence is untranslated.
- ``paragraph``: delete a run of 3-8 target sentences made of whole gold links (a dropped paragraph).
- ``insertion``: insert 1-5 consecutive sentences of another document in the target language (an addition).
- ``moved``: move the target sentences of a run of 1-3 whole gold links (1-1 or merged) 20 or more target
  sentences away. Nothing is missing: the source sentences must be linked to their moved translations
  (``find_moves``), and a "no counterpart" report on them is a false one.
- ``partial``: cut the target sentence of a 1-1 gold link after a comma or conjunction so that at least 40%
  of its words go; MP03 must then report the link (weak score, weak member, a target far shorter than the
  pair's length ratio predicts, or a short one whose clauses show what is missing).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .align import AlignOptions, RawLink, align_vectors
from .checks.coverage import WeakOptions
from .evaluate import EvalDoc, LinkIds, load_dir
from .model import unmatched_runs

EVAL = Path("../shared/eval") if Path("../shared/eval").is_dir() else Path(__file__).resolve().parents[3] / "shared" / "eval"
KINDS = ("sentence", "paragraph", "insertion")  # reported as "no counterpart"; "moved" is scored apart


@dataclass(frozen=True)
class Damage:
    """One damaged copy of a document and what was done to it."""

    doc: str
    kind: str
    src: list[str]
    tgt: list[str]
    events: list[tuple[str, tuple[int, ...]]]  # (side, sentence ids left without counterpart by the damage)
    gold_null: dict[str, frozenset[int]]        # sentences the gold itself leaves without counterpart
    log: list[str] = field(default_factory=list)
    moved: list[tuple[tuple[int, ...], tuple[int, ...]]] = field(default_factory=list)  # (source ids, moved target ids)
    gold: list[LinkIds] = field(default_factory=list)  # the gold links in the damaged ids (moved kind only)


def _gold_null(gold: Sequence[LinkIds], n: int, m: int) -> dict[str, frozenset[int]]:
    """Sentences the gold leaves without counterpart, or leaves out of every link (both are set aside)."""
    src_in = {i for s, t in gold if t for i in s}
    tgt_in = {j for s, t in gold if s for j in t}
    return {"source": frozenset(set(range(n)) - src_in), "target": frozenset(set(range(m)) - tgt_in)}


def _pick(rng: random.Random, candidates: list[int], count: int, spacing: int) -> list[int]:
    """``count`` positions from ``candidates``, at least ``spacing`` apart (sorted)."""
    rng.shuffle(candidates)
    chosen: list[int] = []
    for c in candidates:
        if all(abs(c - x) >= spacing for x in chosen):
            chosen.append(c)
        if len(chosen) == count:
            break
    return sorted(chosen)


def _delete(doc: EvalDoc, kind: str, rng: random.Random, every: int) -> Damage:
    """Delete whole gold links' target sentences: one sentence (``sentence``) or a run of 3-8 (``paragraph``)."""
    gold = sorted((g for g in doc.gold if g[0] or g[1]), key=lambda g: (min(g[1], default=-1), min(g[0], default=-1)))
    full = [g for g in gold if g[0] and g[1]]
    # runs of consecutive gold links whose target ids are contiguous
    count = max(1, len(doc.tgt) // every)
    starts = list(range(len(full)))
    if kind == "sentence":
        starts = [k for k in starts if len(full[k][0]) == 1 and len(full[k][1]) == 1]
    chosen = _pick(rng, starts, count, spacing=12)
    drop: set[int] = set()
    events: list[tuple[str, tuple[int, ...]]] = []
    log: list[str] = []
    for k in chosen:
        want = 1 if kind == "sentence" else rng.randint(3, 8)
        links: list[LinkIds] = []
        tgt_ids: list[int] = []
        for g in full[k:]:
            ids = sorted(g[1])
            if tgt_ids and ids[0] != tgt_ids[-1] + 1:
                break
            links.append(g)
            tgt_ids.extend(ids)
            if len(tgt_ids) >= want:
                break
        if len(tgt_ids) < want or any(j in drop for j in tgt_ids):
            continue
        drop.update(tgt_ids)
        src_ids = tuple(sorted(i for g in links for i in g[0]))
        events.append(("source", src_ids))
        log.append(f"deleted target {tgt_ids[0]}..{tgt_ids[-1]} ({len(tgt_ids)}); source {list(src_ids)} now untranslated")
    keep = [j for j in range(len(doc.tgt)) if j not in drop]
    null = _gold_null(doc.gold, len(doc.src), len(doc.tgt))
    remap = {old: new for new, old in enumerate(keep)}
    null = {"source": null["source"], "target": frozenset(remap[j] for j in null["target"] if j in remap)}
    return Damage(doc.name, kind, list(doc.src), [doc.tgt[j] for j in keep], events, null, log)


def _insert(doc: EvalDoc, pool: list[str], rng: random.Random, every: int) -> Damage:
    """Insert runs of 1-5 sentences taken from another document in the target language."""
    count = max(1, len(doc.tgt) // every)
    # insert only between gold links (never inside a merged group)
    boundaries = sorted({max(g[1]) + 1 for g in doc.gold if g[1]} | {0})
    chosen = _pick(rng, boundaries, count, spacing=12)
    tgt: list[str] = []
    events: list[tuple[str, tuple[int, ...]]] = []
    log: list[str] = []
    old_to_new: dict[int, int] = {}
    pos = 0
    for j in range(len(doc.tgt) + 1):
        if chosen and pos < len(chosen) and chosen[pos] == j:
            size = rng.randint(1, 5)
            at = rng.randrange(0, max(1, len(pool) - size))
            ids = tuple(range(len(tgt), len(tgt) + size))
            tgt.extend(pool[at:at + size])
            events.append(("target", ids))
            log.append(f"inserted {size} foreign sentences before target {j}")
            pos += 1
        if j < len(doc.tgt):
            old_to_new[j] = len(tgt)
            tgt.append(doc.tgt[j])
    null = _gold_null(doc.gold, len(doc.src), len(doc.tgt))
    null = {"source": null["source"], "target": frozenset(old_to_new[j] for j in null["target"])}
    return Damage(doc.name, "insertion", list(doc.src), tgt, events, null, log)


def _move(doc: EvalDoc, rng: random.Random, every: int) -> Damage:
    """Move the target sentences of 1-3 consecutive whole gold links at least 20 target sentences away.

    The events hold the source ids and the moved target ids (after the move), side ``moved``.
    """
    full = sorted((g for g in doc.gold if g[0] and g[1]), key=lambda g: min(g[1]))
    boundaries = sorted({max(g[1]) + 1 for g in doc.gold if g[1]} | {0})
    count = max(1, len(doc.tgt) // (2 * every))
    chosen = _pick(rng, list(range(len(full))), count, spacing=50)
    runs: list[tuple[list[LinkIds], list[int], int]] = []
    used: set[int] = set()
    for k in chosen:
        size = rng.randint(1, 3)
        links = full[k:k + size]
        ids = [j for g in links for j in sorted(g[1])]
        src_ids = sorted(i for g in links for i in g[0])
        if (len(links) < size or ids != list(range(ids[0], ids[0] + len(ids)))
                or src_ids != list(range(src_ids[0], src_ids[0] + len(src_ids))) or used & set(ids)):
            continue
        far = [b for b in boundaries if abs(b - ids[0]) >= 20 and abs(b - ids[-1] - 1) >= 20 and b not in used]
        if not far:
            continue
        dest = rng.choice(far)
        used.update(ids)
        used.update(range(dest - 1, dest + 1))
        runs.append((links, ids, dest))
    moving = {j for _, ids, _ in runs for j in ids}
    at = {dest: ids for _, ids, dest in runs}
    order: list[int] = []
    for j in range(len(doc.tgt) + 1):
        if j in at:
            order.extend(at[j])
        if j < len(doc.tgt) and j not in moving:
            order.append(j)
    new_of = {old: new for new, old in enumerate(order)}
    events = [("moved", tuple(sorted(i for g in links for i in g[0])), tuple(sorted(new_of[j] for j in ids)))
              for links, ids, _ in runs]
    log = [f"moved target {ids[0]}..{ids[-1]} to before {dest}" for _, ids, dest in runs]
    null = _gold_null(doc.gold, len(doc.src), len(doc.tgt))
    null = {"source": null["source"], "target": frozenset(new_of[j] for j in null["target"])}
    gold = [(s, frozenset(new_of[j] for j in t)) for s, t in doc.gold if s and t]
    return Damage(doc.name, "moved", list(doc.src), [doc.tgt[j] for j in order],
                  [(side, src) for side, src, _ in events], null, log, moved=[(src, tgt) for _, src, tgt in events], gold=gold)


def _passages(links: Sequence[RawLink], side: str) -> list[tuple[int, ...]]:
    """Runs of consecutive sentences of one side that the alignment leaves without counterpart."""
    return unmatched_runs((k.src, k.tgt) if side == "source" else (k.tgt, k.src) for k in links)


@dataclass
class Tally:
    """Event recall and passage precision for one kind of damage."""

    events: int = 0
    found: int = 0
    reports: int = 0
    correct: int = 0
    sentences: int = 0

    def row(self, name: str) -> str:
        """One table row."""
        r = self.found / self.events if self.events else 0.0
        p = self.correct / self.reports if self.reports else 1.0
        return f"{name:11} {self.events:7d} {self.found:6d} {r:7.3f} {self.reports:8d} {self.correct:8d} {p:9.3f}"


def score_moves(d: Damage, links: Sequence[RawLink], tally: Tally) -> int:
    """A move is found if at least half its source sentences are linked inside its moved target sentences.

    Reports are the links marked moved; one is correct if it links a moved source sentence to a moved target
    sentence. A moved link that the gold itself holds (the published versions put that sentence elsewhere: Text+Berg's
    captions) counts neither way. Returns how many moves are still reported as "no counterpart" on either side.
    """
    placed = {i: set(k.tgt) for k in links for i in k.src if k.tgt}
    for src, tgt in d.moved:
        tally.events += 1
        if sum(bool(placed.get(i, set()) & set(tgt)) for i in src) * 2 >= len(src):
            tally.found += 1
    for k in links:
        if not k.moved:
            continue
        hit = any(set(k.src) & set(s) and set(k.tgt) & set(t) for s, t in d.moved)
        if hit or not any(set(k.src) & g[0] and set(k.tgt) & g[1] for g in d.gold):
            tally.reports += 1
            tally.correct += hit
    tally.sentences += len(d.src) + len(d.tgt)
    missing = {i for run in _passages(links, "source") for i in run}
    added = {j for run in _passages(links, "target") for j in run}
    return sum(1 for src, tgt in d.moved if missing & set(src) or added & set(tgt))


def score_damage(d: Damage, links: Sequence[RawLink], tally: Tally) -> None:
    """An event is found if at least half its sentences are reported; a report is correct if it overlaps one.

    Reports made only of sentences the gold itself leaves without counterpart count neither way.
    """
    side = d.events[0][0] if d.events else "source"
    reported = {i for run in _passages(links, side) for i in run}
    for _, ids in d.events:
        tally.events += 1
        if sum(i in reported for i in ids) * 2 >= len(ids):
            tally.found += 1
    damaged = {i for _, ids in d.events for i in ids}
    for run in _passages(links, side):
        if set(run) <= d.gold_null[side]:
            continue
        tally.reports += 1
        if damaged & set(run):
            tally.correct += 1
    tally.sentences += len(d.src) + len(d.tgt)


Embed = Callable[[Sequence[str]], np.ndarray]


def align_texts(src: list[str], tgt: list[str], embed: Embed, opts: AlignOptions, clause_lang: str | None = None) -> list[RawLink]:
    """Embed and align two pre-segmented sentence lists as the pipeline does.

    With ``clause_lang`` (the source language) the clause coverage of short targets is computed too, as the
    pipeline does for MP03: the speed benchmark counts its embedding.
    """
    vecs = embed([*src, *tgt])
    links, cal = align_vectors(vecs[: len(src)], vecs[len(src):], src, tgt, opts, embed)
    if clause_lang is not None:
        from .clauses import link_coverage

        link_coverage(links, src, tgt, clause_lang, embed, cal, opts.clause_share)
    return links


def _language_pools(docs: list[EvalDoc]) -> dict[str, dict[str, list[str]]]:
    pools: dict[str, dict[str, list[str]]] = {}
    for d in docs:
        pools.setdefault(d.src_lang, {})[d.name + ":src"] = d.src
        pools.setdefault(d.tgt_lang, {})[d.name + ":tgt"] = d.tgt
    return pools


def build_damage(docs: list[EvalDoc], seed: int = 0, every: int = 40) -> list[Damage]:
    """Every kind of damage applied to every document (one event per ``every`` target sentences)."""
    rng = random.Random(seed)
    mover = random.Random(seed + 1)  # its own stream: adding the kind left the other kinds' damage as it was
    pools = _language_pools(docs)
    out: list[Damage] = []
    for d in docs:
        out.append(_delete(d, "sentence", rng, every))
        out.append(_delete(d, "paragraph", rng, every))
        others = [t for name, texts in sorted(pools.get(d.tgt_lang, {}).items())
                  if not name.startswith(d.name + ":") for t in texts]
        if others:
            out.append(_insert(d, others, rng, every))
        out.append(_move(d, mover, every))
    return out


def omissions(dirs: list[Path], embed: Embed, opts: AlignOptions, seed: int, every: int, verbose: bool, chunk: int = 0) -> str:
    """The omission benchmark's table; with ``chunk``, on short documents of that many gold links (:func:`short_documents`)."""
    docs = [doc for directory in dirs for doc in load_dir(directory)]
    if chunk:
        docs = [d for d, *_ in short_documents(docs, chunk)]
    tallies = {k: Tally() for k in (*KINDS, "moved")}
    skipped = sorted({d.name for d in docs} - {x.doc for x in build_damage(docs, seed, every) if x.kind == "insertion"})
    still_missing = 0
    for dmg in build_damage(docs, seed, every):
        links = align_texts(dmg.src, dmg.tgt, embed, opts)
        if dmg.kind == "moved":
            still_missing += score_moves(dmg, links, tallies["moved"])
        else:
            score_damage(dmg, links, tallies[dmg.kind])
        if verbose:
            print(dmg.doc, dmg.kind, *dmg.log, sep="\n  ", file=sys.stderr)
    # undamaged documents: every report that is not a gold null is false
    false = sentences = 0
    for d in docs:
        links = align_texts(d.src, d.tgt, embed, opts)
        null = _gold_null(d.gold, len(d.src), len(d.tgt))
        for side in ("source", "target"):
            false += sum(1 for run in _passages(links, side) if not set(run) <= null[side])
        sentences += len(d.src) + len(d.tgt)
    lines = [f"{'kind':11} {'events':>7} {'found':>6} {'recall':>7} {'reports':>8} {'correct':>8} {'precision':>9}"]
    lines += [tallies[k].row(k) for k in (*KINDS, "moved")]
    lines.append(f"moved: found = linked to its moved translation; reports = links marked moved; "
                 f"{still_missing} of {tallies['moved'].events} moves still reported as 'no counterpart' on a side")
    lines.append(f"undamaged: {false} false 'no counterpart' passages in {sentences} sentences = "
                 f"{1000 * false / max(sentences, 1):.2f} per 1000 sentences (gold null links aside)")
    lines.append(f"{len(docs)} documents, seed {seed}, one event per {every} target sentences"
                 + (f"; no insertion pool for {', '.join(skipped)}" if skipped else ""))
    return "\n".join(lines)


# --- partial omissions ----------------------------------------------------------------------------------

CONJUNCTIONS = frozenset("and but or while because und aber oder weil während et mais ou car tandis y pero o porque "
                         "mientras e ma oppure perché en maar of omdat terwijl".split())


def cut_sentence(text: str, rng: random.Random) -> str | None:
    """``text`` cut after a comma/semicolon or before a conjunction so that at least 40% of its words go."""
    words = text.split()
    if len(words) < 8:
        return None
    cuts = [k for k in range(3, int(len(words) * 0.6) + 1)
            if words[k - 1].endswith((",", ";")) or words[k].lower() in CONJUNCTIONS]
    if not cuts:
        return None
    kept = " ".join(words[:rng.choice(cuts)]).rstrip(" ,;")
    return kept + "."


PARTIAL_REVIEWED = Path(__file__).with_name("bench_partial_reviewed.tsv")


def reviewed_omissions(path: Path = PARTIAL_REVIEWED) -> set[tuple[str, tuple[int, ...], tuple[int, ...]]]:
    """(document, source ids, target ids) of links read and judged to be real omissions of the gold translation."""
    from .bench_checks_numdates import reviewed_rows

    return {(c[1], tuple(int(i) for i in c[2].split(",")), tuple(int(j) for j in c[3].split(",")))
            for c in reviewed_rows(path) if c[4] == "omission"}


def short_documents(docs: list[EvalDoc], size: int) -> list[tuple[EvalDoc, str, int, int]]:
    """Each document cut into consecutive documents of ``size`` gold links (an article, a docs page, a post).

    A chunk takes every sentence between its links' first and last ids on each side, renumbered from 0.
    Returned with the whole document's name and the chunk's first source and target ids, so that findings can
    be named in the whole document's ids (the reviewed omissions are listed in those).
    """
    out: list[tuple[EvalDoc, str, int, int]] = []
    for d in docs:
        gold = [g for g in d.gold if g[0] or g[1]]
        for k in range(0, len(gold) - size + 1, size):
            part = gold[k:k + size]
            s_ids = [i for g in part for i in g[0]]
            t_ids = [j for g in part for j in g[1]]
            if not s_ids or not t_ids:
                continue
            s0, s1, t0, t1 = min(s_ids), max(s_ids) + 1, min(t_ids), max(t_ids) + 1
            links = [(frozenset(i - s0 for i in g[0]), frozenset(j - t0 for j in g[1])) for g in part]
            out.append((EvalDoc(f"{d.name}@{k}", d.src[s0:s1], d.tgt[t0:t1], d.src_lang, d.tgt_lang, links), d.name, s0, t0))
    return out


def partial(dirs: list[Path], embed: Embed, opts: AlignOptions, seed: int, every: int, weak: WeakOptions | None = None,
            chunk: int = 0) -> str:
    """Cut the target of random 1-1 gold links; does MP03 then report the link (its defaults, its code)?

    A flag on a link of the published translation that was read and judged a real omission
    (``bench_partial_reviewed.tsv``) is counted apart, neither right nor wrong. With ``chunk`` the documents
    are first cut into short documents of that many gold links (see :func:`short_documents`).
    """
    from collections import Counter

    from .checks.coverage import weakness
    from .clauses import link_coverage
    from .model import length_ratio
    from .reference import typical_ratio

    weak = weak or WeakOptions()
    rng = random.Random(seed)
    cut_n = gapped = links_n = real = 0
    omitted = reviewed_omissions()
    found: Counter[str] = Counter()    # cut targets reported, by the reason MP03 gives
    flagged: Counter[str] = Counter()  # links reported, by reason
    correct: Counter[str] = Counter()  # ... of which hold a cut target
    docs = [doc for directory in dirs for doc in load_dir(directory)]
    for d, whole, s0, t0 in short_documents(docs, chunk) if chunk else [(d, d.name, 0, 0) for d in docs]:
        ones = [g for g in d.gold if len(g[0]) == 1 and len(g[1]) == 1]
        chosen = _pick(rng, list(range(len(ones))), max(1, len(d.tgt) // every), spacing=6)
        tgt = list(d.tgt)
        cut: set[int] = set()
        for k in chosen:
            (j,) = ones[k][1]
            new = cut_sentence(tgt[j], rng)
            if new:
                tgt[j] = new
                cut.add(j)
        vecs = embed([*d.src, *tgt])
        links, cal = align_vectors(vecs[: len(d.src)], vecs[len(d.src):], d.src, tgt, opts, embed)
        covs = link_coverage(links, d.src, tgt, d.src_lang, embed, cal, opts.clause_share, target_lang=d.tgt_lang)
        texts = [(" ".join(d.src[i] for i in k.src), " ".join(tgt[j] for j in k.tgt)) for k in links]
        ratio = length_ratio(((sum(len(d.src[i]) for i in k.src), sum(len(tgt[j]) for j in k.tgt)) for k in links if k.src and k.tgt),
                             typical_ratio(d.src_lang, d.tgt_lang))
        for link, cov, (s_text, t_text) in zip(links, covs, texts):
            hit = bool(cut & set(link.tgt))
            if not (link.src and link.tgt):
                gapped += hit
                continue
            links_n += 1
            why = weakness(link.score, link.weakest, s_text, t_text, ratio, weak, cov)
            if why is not None and not hit and (whole, tuple(i + s0 for i in link.src), tuple(j + t0 for j in link.tgt)) in omitted:
                real += 1
            elif why is not None:
                flagged[why.kind] += 1
                correct[why.kind] += hit
                found[why.kind] += hit
        cut_n += len(cut)
    kinds = ("group", "member", "short-target", "clause")
    lines = [f"{'reason':13} {'cut found':>9} {'flagged':>8} {'of them cut':>11} {'precision':>9}"]
    for kind in kinds:
        lines.append(f"{kind:13} {found[kind]:9d} {flagged[kind]:8d} {correct[kind]:11d} "
                     f"{correct[kind] / max(flagged[kind], 1):9.3f}")
    total_found, total_flagged = sum(found.values()), sum(flagged.values())
    inc = ("short-target", "clause")
    inc_found, inc_flagged, inc_correct = (sum(c[k] for k in inc) for c in (found, flagged, correct))
    lines.append(f"{'incomplete':13} {inc_found:9d} {inc_flagged:8d} {inc_correct:11d} {inc_correct / max(inc_flagged, 1):9.3f}"
                 f"   (short-target + clause: the 'possibly incomplete translation' findings; recall {inc_found / max(cut_n, 1):.3f})")
    lines.append(f"{'MP03 (all)':13} {total_found:9d} {total_flagged:8d} {sum(correct.values()):11d} "
                 f"{sum(correct.values()) / max(total_flagged, 1):9.3f}")
    lines.append(f"cut targets {cut_n}, recall {total_found / max(cut_n, 1):.3f}; {links_n} links; {gapped} cut targets "
                 f"left unaligned (MP01/MP02, not counted as found); {real} flags on omissions of the published "
                 f"translations ({PARTIAL_REVIEWED.name}), not counted")
    lines.append(f"MP03 defaults: score < {weak.threshold}, weakest member < {weak.member_threshold}, target < "
                 f"{weak.short_alone:.0%} of its predicted length, or < {weak.short_share:.0%} with a clause gain >= "
                 f"{weak.clause_gain} (source >= {weak.short_min_words} words); seed {seed}, one cut per {every} target sentences")
    return "\n".join(lines)


# --- speed -------------------------------------------------------------------------------------------------


def _concat(docs: list[EvalDoc], size: int) -> tuple[list[str], list[str]]:
    """Whole documents, in order, until the source side has at least ``size`` sentences (repeating if needed).

    Whole documents only, so both sides still translate each other from start to end.
    """
    src: list[str] = []
    tgt: list[str] = []
    k = 0
    while len(src) < size * 0.95:
        d = docs[k % len(docs)]
        src.extend(d.src)
        tgt.extend(d.tgt)
        k += 1
    return src, tgt


PARAGRAPH = 5  # sentences per block when the speed benchmark times segmentation (a typical paragraph)


def speed_one(size: int, backend: str, segment: bool, dirs: list[Path]) -> dict[str, float]:
    """Measure one size in this process (run it in a subprocess to get its own peak RSS)."""
    import tempfile

    from .embed import make_embedder

    docs = [doc for directory in dirs for doc in load_dir(directory)]
    src, tgt = _concat(docs, size)
    out: dict[str, float] = {"size": size, "src": len(src), "tgt": len(tgt)}
    if segment:
        from .segment import split_sentences

        # The pipeline splits one block (paragraph) at a time; pysbd is superlinear in its input, so the
        # sample is cut into paragraphs of PARAGRAPH sentences, as documents are, not joined into one text.
        sample = src[: min(len(src), 2000)]
        lang = docs[0].src_lang
        t0 = time.perf_counter()
        for k in range(0, len(sample), PARAGRAPH):
            split_sentences(" ".join(sample[k:k + PARAGRAPH]), lang)
        out["segment_s"] = (time.perf_counter() - t0) * len(src) / len(sample) * (1 + len(tgt) / len(src))
    with tempfile.TemporaryDirectory() as cache:
        embedder = make_embedder(backend, cache=True, cache_dir=Path(cache))
        calls: list[float] = []

        def embed(texts: Sequence[str]) -> np.ndarray:
            t = time.perf_counter()
            v = embedder.embed(texts)
            calls.append(time.perf_counter() - t)
            return v

        t0 = time.perf_counter()
        links = align_texts(src, tgt, embed, AlignOptions(), clause_lang=docs[0].src_lang)
        total = time.perf_counter() - t0
    out["embed_s"] = sum(calls)
    out["align_s"] = total - sum(calls)
    out["links"] = len(links)
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def speed(sizes: list[int], backend: str, segment_up_to: int, dirs: list[Path]) -> str:
    """Each size in its own subprocess; the table."""
    lines = [f"{'sentences':>9} {'src/tgt':>13} {'segment s':>9} {'embed s':>8} {'align s':>8} {'total s':>8} "
             f"{'sent/s':>7} {'align us/sent':>13} {'peak RSS MB':>11}"]
    for size in sizes:
        cmd = [sys.executable, "-m", "paracheck.bench", "speed-one", str(size), "--embedder", backend,
               *(["--segment"] if size <= segment_up_to else []), *[f"--eval={d}" for d in dirs]]
        res = subprocess.run(cmd, capture_output=True, text=True, check=True)
        r = json.loads(res.stdout.strip().splitlines()[-1])
        seg = r.get("segment_s")
        total = r["embed_s"] + r["align_s"] + (seg or 0.0)
        n = r["src"] + r["tgt"]
        lines.append(f"{size:9d} {int(r['src']):6d}/{int(r['tgt']):6d} {(f'{seg:.1f}' if seg is not None else 'preseg'):>9} "
                     f"{r['embed_s']:8.1f} {r['align_s']:8.1f} {total:8.1f} {n / total:7.0f} "
                     f"{1e6 * r['align_s'] / n:13.0f} {r['peak_rss_mb']:11.0f}")
    lines.append(f"embedder {backend}; segment s = the pipeline's sentence splitter (pysbd) on paragraphs of {PARAGRAPH} "
                 "sentences, extrapolated from 2000 source sentences to both sides ('preseg': not run, the eval data is "
                 "pre-segmented); each size in a fresh process with a cold vector cache")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m paracheck.bench omissions|speed``."""
    ap = argparse.ArgumentParser(prog="python -m paracheck.bench", description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    om = sub.add_parser("omissions", help="precision/recall of passages without counterpart on damaged documents")
    om.add_argument("--eval", action="append", type=Path, help="eval directory (repeatable); default textberg/dev+test")
    om.add_argument("--embedder", default="use")
    om.add_argument("--seed", type=int, default=0)
    om.add_argument("--every", type=int, default=40, help="one damage event per this many target sentences")
    om.add_argument("-v", "--verbose", action="store_true", help="print what was damaged (stderr)")
    om.add_argument("--chunk", type=int, default=0, help="cut the documents into short ones of this many gold links first")
    pa = sub.add_parser("partial", help="recall/precision of weak links for targets cut by 40%% or more")
    pa.add_argument("--eval", action="append", type=Path)
    pa.add_argument("--embedder", default="use")
    pa.add_argument("--seed", type=int, default=0)
    pa.add_argument("--every", type=int, default=20)
    pa.add_argument("--chunk", type=int, default=0, help="cut the documents into short ones of this many gold links first")
    sp = sub.add_parser("speed", help="time and peak RSS for ~1k, 10k, 50k sentence pairs")
    sp.add_argument("--sizes", default="1000,10000,50000")
    sp.add_argument("--embedder", default="use")
    sp.add_argument("--segment-up-to", type=int, default=10000, help="time pysbd only up to this size")
    sp.add_argument("--eval", action="append", type=Path)
    one = sub.add_parser("speed-one")
    one.add_argument("size", type=int)
    one.add_argument("--embedder", default="use")
    one.add_argument("--segment", action="store_true")
    one.add_argument("--eval", action="append", type=Path)
    args = ap.parse_args(argv)
    if args.cmd == "omissions":
        from .embed import make_embedder

        dirs = args.eval or [EVAL / "textberg" / "dev", EVAL / "textberg" / "test"]
        embedder = make_embedder(args.embedder)
        print(omissions(dirs, embedder.embed, AlignOptions(), args.seed, args.every, args.verbose, chunk=args.chunk))
    elif args.cmd == "partial":
        from .embed import make_embedder

        dirs = args.eval or [EVAL / "textberg" / "dev", EVAL / "textberg" / "test", EVAL / "opus-books"]
        print(partial(dirs, make_embedder(args.embedder).embed, AlignOptions(), args.seed, args.every, chunk=args.chunk))
    elif args.cmd == "speed":
        dirs = args.eval or [EVAL / "textberg" / "test", EVAL / "opus-books"]
        print(speed([int(s) for s in args.sizes.split(",")], args.embedder, args.segment_up_to, dirs))
    else:
        dirs = args.eval or [EVAL / "textberg" / "test", EVAL / "opus-books"]
        print(json.dumps(speed_one(args.size, args.embedder, args.segment, dirs)))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "2")
    raise SystemExit(main())
