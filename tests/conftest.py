"""Shared fixtures: paths to the seed and eval data, and a CLI runner that returns (exit code, stdout, stderr)."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = ROOT / "pairs" / "000_56dda6c6fdfb386a.txt"
EVAL = SHARED / "eval"


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never touch the user's vector cache."""
    os.environ["PARACHECK_CACHE"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture
def seed() -> Path:
    return SEED


@pytest.fixture
def eval_dir() -> Path:
    if not EVAL.is_dir():
        pytest.skip("../shared/eval is not beside the checkout")
    return EVAL


Runner = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run_cli() -> Runner:
    """Run ``paracheck`` in-process through ``cli.main`` (the real entry point's exit-code mapping)."""
    from paracheck.cli import main

    def run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        old = Path.cwd()
        if cwd:
            os.chdir(cwd)
        try:
            with redirect_stdout(out), redirect_stderr(err):
                code = main(list(args))
        finally:
            os.chdir(old)
        return code, out.getvalue(), err.getvalue()

    return run
