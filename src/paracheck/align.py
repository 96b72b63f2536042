"""Sentence alignment: a monotone dynamic program over overlap embeddings, coarse to fine.

Why this shape:

- **Overlap embeddings.** A group of consecutive sentences is compared as one unit (its texts joined and
  embedded), so 1-2, 2-1 and up to n-m links are scored on what they say together, not on an average.
- **Omission is a first-class outcome.** A sentence may stay unaligned (1-0, 0-1) at zero gain; an aligned
  group earns ``size * (score - skip)``. The skip threshold lives on a *calibrated* score: raw cosines are
  rescaled per document so that 0 is what random sentence pairs of this document score and 1 is what a
  typical best match scores. The same threshold therefore means the same thing for every embedder and
  language pair, and nothing is tuned to one document.
- **The weakest member counts.** A merged group also pays for its least related member, so an untranslated
  or inserted sentence cannot hide inside a 2-1 link (the failure Bertalign's users report).
- **Linear time and memory.** Following Vecalign's recursive downsampling, the DP first runs on blocks of
  averaged sentence vectors small enough for a full matrix, then refines in a narrow band around the
  projected path, halving the block size each time. Each level costs O((n + m) * band).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

NEG = -1e18


@dataclass(frozen=True)
class AlignOptions:
    """Tunable settings; defaults are the ones measured by ``paracheck eval align`` (see README)."""

    max_side: int = 3          # most sentences on one side of a link
    max_group: int = 4         # most sentences in a link, both sides together
    skip: float = 0.25         # calibrated score below which leaving a sentence unaligned is preferred
    merge_penalty: float = 0.3  # per extra sentence in a group, against spurious merges
    member_floor: float = 0.2  # a member of a group scoring below this (calibrated) is penalised
    member_weight: float = 1.0
    length_weight: float = 0.15  # weight of the squared log length-ratio deviation
    band: int = 8              # half-width of the search band around the projected coarse path
    coarse_cells: int = 250    # the coarsest level has at most this many blocks per side
    window_embeddings: bool = True  # embed joined texts (True) or average sentence vectors (False)


@dataclass(frozen=True)
class RawLink:
    """A link as index ranges into the two sentence lists, with its calibrated scores."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float
    weakest: float | None


@dataclass(frozen=True)
class Calibration:
    """Affine map from cosine to calibrated score: (cos - low) / (high - low)."""

    low: float
    high: float

    def __call__(self, cos: np.ndarray) -> np.ndarray:
        return (cos - self.low) / max(self.high - self.low, 1e-6)


def calibrate(src: np.ndarray, tgt: np.ndarray, seed: int = 0) -> Calibration:
    """Measure this document's score scale: random pairs (low) against typical best matches (high)."""
    n, m = len(src), len(tgt)
    rng = np.random.default_rng(seed)
    k = min(4000, n * m)
    rand = np.einsum("ij,ij->i", src[rng.integers(0, n, k)], tgt[rng.integers(0, m, k)])
    low = float(np.mean(rand))
    rows = rng.choice(n, size=min(n, 300), replace=False)
    best = []
    for chunk in np.array_split(rows, max(1, len(rows) // 50)):
        best.extend(np.max(src[chunk] @ tgt.T, axis=1).tolist())
    high = float(np.median(best))
    if high - low < 0.05:
        high = low + 0.05
    return Calibration(low, high)


def _normalise(v: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (v / norms).astype(np.float32)


def _block_means(vecs: np.ndarray, f: int) -> np.ndarray:
    n = len(vecs)
    blocks = math.ceil(n / f)
    pad = blocks * f - n
    v = np.vstack([vecs, np.zeros((pad, vecs.shape[1]), dtype=vecs.dtype)]) if pad else vecs
    return _normalise(v.reshape(blocks, f, -1).sum(axis=1))


def window_texts(texts: Sequence[str], size: int) -> list[str]:
    """Joined texts of every run of ``size`` consecutive sentences."""
    return [" ".join(texts[i:i + size]) for i in range(len(texts) - size + 1)]


def _windows(vecs: np.ndarray, texts: Sequence[str], max_side: int, embed: Callable[[Sequence[str]], np.ndarray] | None) -> list[np.ndarray]:
    """``out[a][i]``: vector of sentences i..i+a-1 (out[0] unused, out[1] = sentences)."""
    out: list[np.ndarray] = [np.zeros((0, vecs.shape[1]), dtype=np.float32), vecs]
    cums = np.vstack([np.zeros((1, vecs.shape[1]), dtype=np.float64), np.cumsum(vecs, axis=0, dtype=np.float64)])
    for a in range(2, max_side + 1):
        if len(texts) < a:
            out.append(np.zeros((0, vecs.shape[1]), dtype=np.float32))
        elif embed is not None:
            out.append(embed(window_texts(texts, a)))
        else:
            out.append(_normalise((cums[a:] - cums[:-a]).astype(np.float32)))
    return out


def _band_dp(
    n: int, m: int, lo: np.ndarray, hi: np.ndarray, moves: list[tuple[int, int]],
    gain: Callable[[int, int, int, int, int], np.ndarray],
) -> list[tuple[int, int]]:
    """Best monotone path from (0,0) to (n,m) inside the band; returns the list of moves (a, b).

    ``gain(a, b, i0, j0, j1)`` returns the gains of the moves from node (i0, j) for j in [j0, j1).
    Row ``i`` of the DP covers target positions ``lo[i]..hi[i]`` inclusive. 0-1 moves (skip a target
    sentence) are free, so within a row they reduce to a running maximum.
    """
    rows: list[np.ndarray] = []
    back: list[np.ndarray] = []
    skip_t = moves.index((0, 1))
    for i in range(n + 1):
        width = int(hi[i] - lo[i] + 1)
        best = np.full(width, NEG)
        arg = np.full(width, -1, dtype=np.int8)
        if i == 0 and lo[0] == 0:
            best[0] = 0.0
        for mi, (a, b) in enumerate(moves):
            if a == 0 or a > i:
                continue
            p = i - a
            # target node j has predecessor j - b in row p
            j_start = max(lo[i], lo[p] + b)
            j_end = min(hi[i], hi[p] + b)
            if j_end < j_start:
                continue
            prev = rows[p][j_start - b - lo[p]: j_end - b - lo[p] + 1]
            if b == 0:
                cand = prev
            else:
                cand = prev + gain(a, b, p, j_start - b, j_end - b + 1)
            sl = slice(j_start - lo[i], j_end - lo[i] + 1)
            better = cand > best[sl]
            best[sl] = np.where(better, cand, best[sl])
            arg[sl] = np.where(better, mi, arg[sl])
        # free 0-1 moves: running maximum along the row
        run = np.maximum.accumulate(best)
        from_left = np.zeros(width, dtype=bool)
        from_left[1:] = run[:-1] > best[1:]
        best = np.where(from_left, np.concatenate(([NEG], run[:-1])), best)
        arg = np.where(from_left, skip_t, arg)
        rows.append(best)
        back.append(arg)
    path: list[tuple[int, int]] = []
    i, j = n, m
    while i > 0 or j > 0:
        mi = int(back[i][j - lo[i]])
        if mi < 0:
            raise RuntimeError(f"alignment band does not reach node ({i}, {j})")
        a, b = moves[mi]
        path.append((a, b))
        i, j = i - a, j - b
    path.reverse()
    return path


def _band_from_path(path: list[tuple[int, int]], factor: int, n: int, m: int, width: int) -> tuple[np.ndarray, np.ndarray]:
    """Project a coarse path onto a finer grid (``factor`` x) and widen it by ``width``."""
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    i = j = 0
    for a, b in path:
        r0, r1 = i * factor, min((i + a) * factor, n)
        c0, c1 = j * factor, min((j + b) * factor, m)
        lo[r0:r1 + 1] = np.minimum(lo[r0:r1 + 1], c0)
        hi[r0:r1 + 1] = np.maximum(hi[r0:r1 + 1], c1)
        i, j = i + a, j + b
    lo = np.maximum(lo - width, 0)
    hi = np.minimum(hi + width, m)
    # monotone envelopes so every node in the band can be reached and left
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    lo[0], hi[n] = 0, m
    return lo, hi


def _moves(opts: AlignOptions) -> list[tuple[int, int]]:
    out = [(1, 0), (0, 1)]
    for a in range(1, opts.max_side + 1):
        for b in range(1, opts.max_side + 1):
            if a + b <= opts.max_group:
                out.append((a, b))
    return out


def align_vectors(
    src_vecs: np.ndarray, tgt_vecs: np.ndarray, src_texts: Sequence[str], tgt_texts: Sequence[str],
    opts: AlignOptions = AlignOptions(), embed: Callable[[Sequence[str]], np.ndarray] | None = None,
) -> tuple[list[RawLink], Calibration]:
    """Align two sentence lists given their (normalised) vectors; ``embed`` embeds window texts."""
    n, m = len(src_vecs), len(tgt_vecs)
    if n == 0 or m == 0:
        links = [RawLink((i,), (), 0.0, None) for i in range(n)] + [RawLink((), (j,), 0.0, None) for j in range(m)]
        return links, Calibration(0.0, 1.0)
    cal = calibrate(src_vecs, tgt_vecs)
    # coarse levels
    factor = 1
    while math.ceil(n / factor) > opts.coarse_cells or math.ceil(m / factor) > opts.coarse_cells:
        factor *= 2
    coarse_moves = [(1, 0), (0, 1), (1, 1), (1, 2), (2, 1)]
    path: list[tuple[int, int]] | None = None
    f = factor
    while f > 1:
        sv, tv = _block_means(src_vecs, f), _block_means(tgt_vecs, f)
        cn, cm = len(sv), len(tv)
        if path is None:
            lo, hi = np.zeros(cn + 1, dtype=np.int64), np.full(cn + 1, cm, dtype=np.int64)
        else:
            lo, hi = _band_from_path(path, 2, cn, cm, opts.band)
        c_cal = calibrate(sv, tv)
        c_wins = [np.zeros((0,)), sv, _normalise(sv[:-1] + sv[1:]) if cn > 1 else sv[:0]]
        t_wins = [np.zeros((0,)), tv, _normalise(tv[:-1] + tv[1:]) if cm > 1 else tv[:0]]

        def coarse_gain(a: int, b: int, i0: int, j0: int, j1: int,
                        c_wins: list[np.ndarray] = c_wins, t_wins: list[np.ndarray] = t_wins, c_cal: Calibration = c_cal) -> np.ndarray:
            z = c_cal(t_wins[b][j0:j1] @ c_wins[a][i0])
            return (a + b) / 2 * (z - opts.skip)

        path = _band_dp(cn, cm, lo, hi, coarse_moves, coarse_gain)
        f //= 2
    if path is None:
        lo, hi = np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64)
    else:
        lo, hi = _band_from_path(path, 2, n, m, opts.band)

    sw = _windows(src_vecs, src_texts, opts.max_side, embed if opts.window_embeddings else None)
    tw = _windows(tgt_vecs, tgt_texts, opts.max_side, embed if opts.window_embeddings else None)
    s_len = np.concatenate(([0.0], np.cumsum([max(len(t), 1) for t in src_texts])))
    t_len = np.concatenate(([0.0], np.cumsum([max(len(t), 1) for t in tgt_texts])))
    ratio = (t_len[-1] / s_len[-1]) if s_len[-1] else 1.0

    def fine_gain(a: int, b: int, i0: int, j0: int, j1: int) -> np.ndarray:
        z = cal(tw[b][j0:j1] @ sw[a][i0])
        g = (a + b) / 2 * (z - opts.skip) - opts.merge_penalty * (a + b - 2)
        if opts.length_weight:
            sl = s_len[i0 + a] - s_len[i0]
            tl = t_len[j0 + b:j1 + b] - t_len[j0:j1]
            g = g - opts.length_weight * np.log(tl / (ratio * sl)) ** 2
        if a > 1 or b > 1:
            weakest = _weakest(a, b, i0, j0, j1)
            g = g - opts.member_weight * (a + b) / 2 * np.maximum(0.0, opts.member_floor - weakest)
        return g

    def _weakest(a: int, b: int, i0: int, j0: int, j1: int) -> np.ndarray:
        worst = np.full(j1 - j0, np.inf)
        if b > 1:  # each target member against the source group
            singles = cal(tw[1][j0:j1 + b - 1] @ sw[a][i0])
            for k in range(b):
                worst = np.minimum(worst, singles[k:k + j1 - j0])
        if a > 1:  # each source member against the target group
            members = cal(tw[b][j0:j1] @ sw[1][i0:i0 + a].T)
            worst = np.minimum(worst, members.min(axis=1))
        return worst

    final = _band_dp(n, m, lo, hi, _moves(opts), fine_gain)
    links: list[RawLink] = []
    i = j = 0
    for a, b in final:
        if a and b:
            score = float(cal(np.array([tw[b][j] @ sw[a][i]]))[0])
            weak = float(_weakest(a, b, i, j, j + 1)[0]) if a > 1 or b > 1 else score
            links.append(RawLink(tuple(range(i, i + a)), tuple(range(j, j + b)), score, weak))
        else:
            links.append(RawLink(tuple(range(i, i + a)), tuple(range(j, j + b)), 0.0, None))
        i, j = i + a, j + b
    return links, cal
