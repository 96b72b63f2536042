"""Errors the user can act on.

Every one of them becomes a single line on stderr and exit code 2 in ``cli.main``; none should ever surface
as a traceback. The message names the file (and line, where there is one) and says what to do.
"""

from __future__ import annotations


class ParacheckError(Exception):
    """Base of every error that is the user's to fix (exit code 2)."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class InputError(ParacheckError):
    """A document cannot be read as text in a known language."""


class ConfigError(ParacheckError):
    """The configuration (file or command line) is not valid."""


class BackendError(ParacheckError):
    """An optional backend (embedder, dictionary) is missing or cannot load its model."""
