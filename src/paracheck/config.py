"""Configuration: ``config.yaml`` read into a frozen Config, validated before any document is read.

Every key is known in advance. An unknown or mistyped key is a :class:`ConfigError` that names the file, the
line and the valid keys, because a silently ignored ``fail_onn: warning`` would let CI pass what it should
fail. Command-line options override the file.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .align import AlignOptions
from .errors import ConfigError
from .model import Severity
from .split import DEFAULT_MARKERS

DEFAULT_CONFIG_NAME = "config.yaml"


@dataclass(frozen=True)
class Config:
    """Everything a run needs to know, with defaults that work with no config file at all."""

    pairs: str = "pairs"
    source_lang: str = ""
    target_lang: str = ""
    encoding: str = ""
    markers: tuple[str, ...] = DEFAULT_MARKERS
    presegmented: bool = False
    embedder: str = "use"
    model: str = ""
    cache: bool = True
    cache_dir: str = ""
    align: AlignOptions = AlignOptions()
    min_score: float = 0.3
    select: tuple[str, ...] = ("all",)
    exclude: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    fail_on: str = "error"
    path: str = ""
    base_dir: str = "."
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)

    def fail_level(self) -> Severity | None:
        """The ``fail_on`` threshold (None for ``never``)."""
        return None if self.fail_on == "never" else Severity.parse(self.fail_on)

    def where(self, section: str, key: str | None = None) -> tuple[str | None, int | None]:
        """File and line of a config key, for error messages."""
        dotted = f"checks.{section}" + (f".{key}" if key else "")
        line = self.lines.get(dotted) or self.lines.get(f"checks.{section}")
        return (self.path or None, line)

    def hash(self) -> str:
        """Short hash of everything that changes results (for the reproducibility signature)."""
        data = dataclasses.asdict(self)
        for k in ("path", "base_dir", "lines", "pairs", "encoding", "cache", "cache_dir"):
            data.pop(k, None)
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()[:8]


# key -> (field name, expected type); sections map to nested dicts
_TOP: dict[str, tuple[str, type | tuple[type, ...]]] = {
    "pairs": ("pairs", str),
    "source_lang": ("source_lang", str),
    "target_lang": ("target_lang", str),
    "encoding": ("encoding", str),
    "min_score": ("min_score", (int, float)),
    "fail_on": ("fail_on", str),
}
_SECTIONS: dict[str, dict[str, tuple[str, type | tuple[type, ...]]]] = {
    "split": {"markers": ("markers", list)},
    "segment": {"presegmented": ("presegmented", bool)},
    "embedder": {"backend": ("embedder", str), "model": ("model", str), "cache": ("cache", bool), "cache_dir": ("cache_dir", str)},
    "checks": {"select": ("select", list), "exclude": ("exclude", list), "severity": ("severity", dict), "options": ("options", dict)},
}
_ALIGN_FIELDS = {f.name: f for f in dataclasses.fields(AlignOptions)}


def _lines(node: yaml.Node, prefix: str = "", out: dict[str, int] | None = None) -> dict[str, int]:
    """Map dotted key paths to 1-based line numbers."""
    out = {} if out is None else out
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = f"{prefix}.{key_node.value}" if prefix else str(key_node.value)
            out[key] = key_node.start_mark.line + 1
            _lines(value_node, key, out)
    return out


def _type_name(t: type | tuple[type, ...]) -> str:
    names = {str: "a string", bool: "true or false", list: "a list", dict: "a mapping", int: "a number", float: "a number"}
    if isinstance(t, tuple):
        return names.get(t[-1], "a number")
    return names.get(t, t.__name__)


def load_config(path: str | Path | None, must_exist: bool = False) -> Config:
    """Read a config file; no file (and ``must_exist`` false) gives the defaults."""
    if path is None:
        candidate = Path(DEFAULT_CONFIG_NAME)
        if not candidate.exists():
            return Config()
        path = candidate
    p = Path(path)
    name = str(path)
    if not p.exists():
        if must_exist:
            raise ConfigError("config file not found; check the path given to --config", name)
        return Config()
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ConfigError("is not UTF-8 text", name) from None
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"is not valid YAML: {problem}", name, line) from None
    lines = _lines(node) if node is not None else {}
    return from_mapping(data or {}, name, lines, base_dir=str(p.parent))


def from_mapping(data: Any, path: str = "", lines: Mapping[str, int] | None = None, base_dir: str = ".") -> Config:
    """Validate a parsed mapping into a Config."""
    lines = dict(lines or {})
    if not isinstance(data, dict):
        raise ConfigError("must be a mapping of keys (pairs, source_lang, target_lang, embedder, align, checks, ...)", path or None, 1)
    values: dict[str, Any] = {}
    valid_top = sorted([*_TOP, *_SECTIONS, "align"])

    def fail(key: str, msg: str) -> None:
        raise ConfigError(msg, path or None, lines.get(key))

    def check_type(dotted: str, value: Any, t: type | tuple[type, ...]) -> None:
        ok = isinstance(value, t) and not (isinstance(value, bool) and t in ((int, float), int, float))
        if not ok:
            fail(dotted, f"{dotted} must be {_type_name(t)}, got {value!r}")

    for key, value in data.items():
        if key in _TOP:
            fname, t = _TOP[key]
            check_type(key, value, t)
            values[fname] = float(value) if t == (int, float) else value
        elif key in _SECTIONS:
            if value is None:
                continue
            if not isinstance(value, dict):
                fail(key, f"{key} must be a mapping")
            schema = _SECTIONS[key]
            for sub, subval in value.items():
                dotted = f"{key}.{sub}"
                if sub not in schema:
                    fail(dotted, f"unknown key {dotted!r}; valid keys in {key}: {', '.join(schema)}")
                fname, t = schema[sub]
                check_type(dotted, subval, t)
                values[fname] = tuple(str(x) for x in subval) if t is list else subval
        elif key == "align":
            if value is None:
                continue
            if not isinstance(value, dict):
                fail(key, "align must be a mapping")
            kw = {}
            for sub, subval in value.items():
                dotted = f"align.{sub}"
                if sub not in _ALIGN_FIELDS:
                    fail(dotted, f"unknown key {dotted!r}; valid keys in align: {', '.join(_ALIGN_FIELDS)}")
                default = getattr(AlignOptions(), sub)
                t = bool if isinstance(default, bool) else int if isinstance(default, int) else (int, float)
                check_type(dotted, subval, t)
                kw[sub] = subval
            values["align"] = AlignOptions(**kw)
        else:
            fail(key, f"unknown key {key!r}; valid keys: {', '.join(valid_top)}")
    cfg = Config(path=path, base_dir=base_dir, lines=lines, **values)
    if cfg.fail_on != "never":
        try:
            Severity.parse(cfg.fail_on)
        except ValueError as exc:
            fail("fail_on", f"fail_on: {exc} or never")
    from .embed import BACKENDS

    if cfg.embedder not in BACKENDS:
        fail("embedder.backend", f"embedder.backend {cfg.embedder!r} is not one of: {', '.join(BACKENDS)}")
    for mk in cfg.markers:
        import re

        try:
            re.compile(mk)
        except re.error as exc:
            fail("split.markers", f"split.markers: bad regular expression {mk!r}: {exc}")
    for ref, opt in cfg.options.items():
        if not isinstance(opt, dict):
            fail(f"checks.options.{ref}", f"checks.options.{ref} must be a mapping of option: value")
    return cfg
