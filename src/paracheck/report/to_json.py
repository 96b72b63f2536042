"""JSON report: the whole result, versioned, with every segment and link (schema: ``schema/report.schema.json``)."""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..model import Finding, Location, PairResult, Result

SCHEMA_VERSION = 1


def _loc(loc: Location | None) -> dict[str, Any] | None:
    return loc.to_dict() if loc else None


def finding_dict(f: Finding) -> dict[str, Any]:
    """Plain form of one finding."""
    return {
        "code": f.code, "name": f.name, "severity": f.severity.label, "message": f.message,
        "source": _loc(f.source), "target": _loc(f.target),
        "suggestion": f.suggestion, "fingerprint": f.fingerprint,
    }


def pair_dict(p: PairResult) -> dict[str, Any]:
    """Plain form of one pair."""
    return {
        "source": {"path": p.source.path, "lang": p.source.lang},
        "target": {"path": p.target.path, "lang": p.target.lang},
        "coverage": round(p.alignment.coverage, 4),
        "links": [{"source": [s.id for s in k.source], "target": [t.id for t in k.target], "score": k.score,
                   "weakest": k.weakest, "moved": k.moved} for k in p.alignment.links],
        "segments": {s.id: {"text": s.text, "path": s.path, "line": s.span.line, "column": s.span.column, "kind": s.kind}
                     for s in p.segments},
        "shared": [{"role": role, "path": p.source.path, "line": b.span.line, "column": b.span.column, "text": b.text}
                   for role, b in p.shared_blocks],
        "findings": [finding_dict(f) for f in p.findings],
        "notices": list(p.notices),
    }


def summary(result: Result) -> dict[str, Any]:
    """Counts by severity and check over all pairs."""
    by_sev: dict[str, int] = {"error": 0, "warning": 0, "info": 0}
    by_code: dict[str, int] = {}
    for f in result.findings:
        by_sev[f.severity.label] += 1
        by_code[f.code] = by_code.get(f.code, 0) + 1
    return {"pairs": len(result.pairs), "findings": len(result.findings), "by_severity": by_sev,
            "by_check": dict(sorted(by_code.items())), "baselined": result.baselined,
            "suppressed": sum(len(p.suppressed) for p in result.pairs)}


def render(result: Result) -> str:
    """The JSON document (deterministic: sorted keys, stable order)."""
    data = {
        "version": __version__,
        "schema": SCHEMA_VERSION,
        "signature": result.signature,
        "checks": [{"code": c, "name": n, "severity": s, "description": d} for c, n, s, d in result.checks],
        "pairs": [pair_dict(p) for p in result.pairs],
        "summary": summary(result),
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
