"""Renderers: each format is a pure function ``Result -> str`` in its own module, imported on demand."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from ..model import Result

FORMATS: dict[str, str] = {
    "text": "to_text",
    "json": "to_json",
    "html": "to_html",
    "sarif": "to_sarif",
    "junit": "to_junit",
    "github": "to_github",
    "markdown": "to_markdown",
}

# File extension of each format, for ``--output-dir`` (``report.<ext>``).
EXTENSIONS: dict[str, str] = {"text": "txt", "json": "json", "html": "html", "sarif": "sarif", "junit": "xml",
                              "github": "github.txt", "markdown": "md"}


def renderer(fmt: str) -> Callable[[Result], str]:
    """The ``render`` function of a format (KeyError for an unknown one)."""
    module = importlib.import_module(f"{__name__}.{FORMATS[fmt]}")
    return module.render  # type: ignore[no-any-return]
