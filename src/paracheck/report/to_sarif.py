"""SARIF 2.1.0 report, for code scanning (GitHub, GitLab, Azure DevOps) and any SARIF viewer.

- ``tool.driver.rules``: every check that ran, its first docstring line as ``shortDescription`` and its
  configured severity as ``defaultConfiguration.level``;
- ``results``: one per finding, located on the target file (the file being translated, where the fix goes)
  with the source passage as a ``relatedLocation``; a finding about the source alone is located there;
- ``partialFingerprints["paracheck/v1"]``: the finding's content fingerprint, so a code-scanning service
  tracks the same alert across commits that only move it;
- ``run.properties.signature``: the reproducibility signature; ``baselined``: how many findings a baseline hid.

Columns count Unicode code points (``columnKind``), as every paracheck location does.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any

from .. import __version__
from ..model import Document, Finding, Location, Result, Severity, line_col

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/paracheck/paracheck"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def level(severity: str | Severity) -> str:
    """SARIF level of a paracheck severity (info is SARIF's ``note``)."""
    sev = severity if isinstance(severity, Severity) else Severity.parse(severity)
    return LEVELS[sev]


def uri(path: str) -> str:
    """A relative, forward-slash URI for a path as paracheck reports it (code scanning wants repo-relative)."""
    p = PurePath(path).as_posix()
    while p.startswith("./"):
        p = p[2:]
    return p.replace("%", "%25").replace(" ", "%20")


def _physical(loc: Location, doc: Document | None) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": loc.line, "startColumn": loc.column}
    if doc is not None and loc.end > loc.start:
        end_line, end_col = line_col(doc.raw, loc.end)
        region.update(endLine=end_line, endColumn=end_col)
    if loc.text:
        region["snippet"] = {"text": loc.text}
    return {"artifactLocation": {"uri": uri(loc.path), "uriBaseId": "%SRCROOT%"}, "region": region}


def _result(f: Finding, rule_index: dict[str, int], src: Document, tgt: Document) -> dict[str, Any]:
    primary_doc = tgt if f.target is not None else src
    loc = f.primary
    out: dict[str, Any] = {
        "ruleId": f.code,
        "level": level(f.severity),
        "message": {"text": f.message + (f" (suggestion: {f.suggestion})" if f.suggestion else "")},
        "partialFingerprints": {"paracheck/v1": f.fingerprint},
        "properties": {"name": f.name, "severity": f.severity.label},
    }
    if f.code in rule_index:
        out["ruleIndex"] = rule_index[f.code]
    if loc is not None:
        out["locations"] = [{"physicalLocation": _physical(loc, primary_doc)}]
    if f.target is not None and f.source is not None:
        out["relatedLocations"] = [{"id": 1, "physicalLocation": _physical(f.source, src),
                                    "message": {"text": f"source ({src.lang})"}}]
    return out


def sarif(result: Result) -> dict[str, Any]:
    """The SARIF log as a dict."""
    rules: list[dict[str, Any]] = []
    rule_index: dict[str, int] = {}
    for code, name, severity, description in result.checks:
        rule_index[code] = len(rules)
        rules.append({"id": code, "name": name, "shortDescription": {"text": description or name},
                      "defaultConfiguration": {"level": level(severity)}, "properties": {"tags": ["translation"]}})
    # A finding whose check is not in ``checks`` (e.g. from a plugin) still gets a rule, so ruleIndex is valid.
    for f in result.findings:
        if f.code not in rule_index:
            rule_index[f.code] = len(rules)
            rules.append({"id": f.code, "name": f.name, "shortDescription": {"text": f.name},
                          "defaultConfiguration": {"level": level(f.severity)}})
    results = [_result(f, rule_index, p.source, p.target) for p in result.pairs for f in p.findings]
    run = {
        "tool": {"driver": {"name": "paracheck", "version": __version__, "semanticVersion": __version__,
                            "informationUri": INFORMATION_URI, "rules": rules}},
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "the folder paracheck ran in"}}},
        "results": results,
        "properties": {"signature": result.signature, "baselined": result.baselined},
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(result: Result) -> str:
    """The SARIF document as JSON text."""
    return json.dumps(sarif(result), ensure_ascii=False, indent=2) + "\n"
