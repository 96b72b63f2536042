"""The standard sentence-alignment metric, plus omission figures the standard one leaves out.

A link is a pair of sets of sentence ids. Strict: a predicted link counts if it is exactly a gold link.
Lax: it also counts if some gold link shares at least one id on each side with it. Predicted null links count
only when the same null link is gold. Recall ignores null links on both sides (micro-averaged over
documents). Because that hides omissions, ``null_source``/``null_target`` compare the sentences left without
counterpart by the gold and by the aligner, as sets.
"""

from __future__ import annotations

import ast
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

LinkIds = tuple[frozenset[int], frozenset[int]]


@dataclass(frozen=True)
class EvalDoc:
    """One pre-segmented gold-aligned document."""

    name: str
    src: list[str]
    tgt: list[str]
    src_lang: str
    tgt_lang: str
    gold: list[LinkIds]


def _read_lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    return lines[:-1] if text.endswith("\n") else lines


def parse_links(text: str, path: str = "") -> list[LinkIds]:
    """Parse ``[i, j]:[k]`` lines."""
    out: list[LinkIds] = []
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        try:
            left, right = line.split(":")
            s = ast.literal_eval(left)
            t = ast.literal_eval(right)
        except (ValueError, SyntaxError):
            raise InputError(f"malformed gold link {line!r}; expected e.g. [0, 1]:[2]", path, n) from None
        out.append((frozenset(s), frozenset(t)))
    return out


def load_dir(directory: str | Path) -> list[EvalDoc]:
    """Every document (``NAME.src/.tgt/.langs/.gold``) under ``directory``, sorted by name."""
    root = Path(directory)
    if not root.is_dir():
        raise InputError("is not a directory of .src/.tgt/.langs/.gold files", str(directory))
    docs = []
    for gold in sorted(root.rglob("*.gold")):
        stem = gold.with_suffix("")
        parts = {}
        for ext in ("src", "tgt", "langs"):
            p = stem.with_suffix(f".{ext}")
            if not p.exists():
                raise InputError(f"has no matching .{ext} file", str(gold))
            parts[ext] = p
        langs = dict(line.split("=", 1) for line in parts["langs"].read_text(encoding="utf-8").split() if "=" in line)
        docs.append(EvalDoc(
            name=str(stem.relative_to(root)), src=_read_lines(parts["src"]), tgt=_read_lines(parts["tgt"]),
            src_lang=langs.get("src", ""), tgt_lang=langs.get("tgt", ""),
            gold=parse_links(gold.read_text(encoding="utf-8"), str(gold)),
        ))
    if not docs:
        raise InputError("holds no .gold files", str(directory))
    return docs


@dataclass
class Counts:
    """Running totals for precision/recall/F1."""

    correct: int = 0
    predicted: int = 0
    recalled: int = 0
    gold: int = 0

    def prf(self) -> dict[str, float]:
        """Precision, recall and F1, rounded."""
        p = self.correct / self.predicted if self.predicted else 0.0
        r = self.recalled / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


@dataclass
class SetCounts:
    """Set agreement of sentences left without counterpart."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self) -> dict[str, float]:
        """Precision, recall, F1 and the two set sizes."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0 if not self.fn else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "gold": self.tp + self.fn, "predicted": self.tp + self.fp}


@dataclass
class Score:
    """All counts of a run."""

    strict: Counts = field(default_factory=Counts)
    lax: Counts = field(default_factory=Counts)
    null_source: SetCounts = field(default_factory=SetCounts)
    null_target: SetCounts = field(default_factory=SetCounts)

    def add(self, gold: list[LinkIds], pred: list[LinkIds]) -> None:
        """Score one document."""
        gold_set = {g for g in gold if g[0] or g[1]}
        pred_set = {p for p in pred if p[0] or p[1]}
        gold_full = [g for g in gold_set if g[0] and g[1]]
        pred_full = [p for p in pred_set if p[0] and p[1]]
        for p in pred_set:
            self.strict.predicted += 1
            self.lax.predicted += 1
            if p in gold_set:
                self.strict.correct += 1
                self.lax.correct += 1
            elif p[0] and p[1] and any(p[0] & g[0] and p[1] & g[1] for g in gold_full):
                self.lax.correct += 1
        pred_full_set = set(pred_full)
        for g in gold_full:
            self.strict.gold += 1
            self.lax.gold += 1
            if g in pred_full_set:
                self.strict.recalled += 1
                self.lax.recalled += 1
            elif any(g[0] & p[0] and g[1] & p[1] for p in pred_full):
                self.lax.recalled += 1
        for side, counts in ((0, self.null_source), (1, self.null_target)):
            other = 1 - side
            covered = {i for g in gold_set for i in g[side]}
            g_null = {i for g in gold_set if not g[other] for i in g[side]}
            p_null = {i for p in pred_set if not p[other] for i in p[side]} & covered
            counts.tp += len(g_null & p_null)
            counts.fp += len(p_null - g_null)
            counts.fn += len(g_null - p_null)

    def to_dict(self) -> dict[str, object]:
        """The figures as plain data (JSON output of ``eval align``)."""
        return {"strict": self.strict.prf(), "lax": self.lax.prf(),
                "null_source": self.null_source.prf(), "null_target": self.null_target.prf()}


Aligner = Callable[[EvalDoc], list[LinkIds]]


def reachable(gold: list[LinkIds], max_side: int, max_group: int) -> tuple[int, int]:
    """(gold links a monotone aligner with these group limits can produce, gold links with both sides).

    Why: some gold links are contiguous on neither side, cross another link, or are larger than any group the
    aligner builds; no setting recovers them, so they bound strict recall from above.
    """
    import bisect

    full = [(sorted(a), sorted(b)) for a, b in gold if a and b]
    # another link lies after this one on the source side but before it on the target side (or the reverse):
    # suffix minimum of target ends by source start, prefix maximum of target starts by source end
    by_start = sorted((a[0], b[-1]) for a, b in full)
    starts = [x for x, _ in by_start]
    suffix_min = [0] * (len(by_start) + 1)
    suffix_min[-1] = 1 << 60
    for k in range(len(by_start) - 1, -1, -1):
        suffix_min[k] = min(suffix_min[k + 1], by_start[k][1])
    by_end = sorted((a[-1], b[0]) for a, b in full)
    ends = [x for x, _ in by_end]
    prefix_max = [-1] * (len(by_end) + 1)
    for k, (_, t0) in enumerate(by_end):
        prefix_max[k + 1] = max(prefix_max[k], t0)
    ok = 0
    for a, b in full:
        contiguous = a[-1] - a[0] + 1 == len(a) and b[-1] - b[0] + 1 == len(b)
        small = len(a) <= max_side and len(b) <= max_side and len(a) + len(b) <= max_group
        later = suffix_min[bisect.bisect_right(starts, a[-1])] < b[0]
        earlier = prefix_max[bisect.bisect_left(ends, a[0])] > b[-1]
        ok += contiguous and small and not (later or earlier)
    return ok, len(full)


def evaluate(docs: list[EvalDoc], aligner: Aligner, on_doc: Callable[[EvalDoc, Score], None] | None = None) -> dict[str, object]:
    """Run ``aligner`` on every document and return the metric as a plain dict."""
    total = Score()
    start = time.perf_counter()
    for doc in docs:
        pred = aligner(doc)
        one = Score()
        one.add(doc.gold, pred)
        total.add(doc.gold, pred)
        if on_doc:
            on_doc(doc, one)
    out: dict[str, object] = {"documents": len(docs)}
    out.update(total.to_dict())
    out["seconds"] = round(time.perf_counter() - start, 2)
    return out
