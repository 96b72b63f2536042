"""Baselines: accept today's findings once, and report only new ones from then on.

``paracheck baseline --output paracheck-baseline.json`` writes the content fingerprint of every current
finding (``Finding.fingerprint``: check code, evidence and the text involved, never line numbers), so the
file survives edits elsewhere and line shifts. ``paracheck check --baseline FILE`` drops findings whose
fingerprint is in the file and reports how many it dropped. Fingerprints are counted, so a second identical
finding beyond those baselined is still new.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .model import Finding, Result

FORMAT_KEY = "paracheck_baseline"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Baseline:
    """Accepted fingerprints with how many findings of each were accepted."""

    counts: dict[str, int] = field(default_factory=dict)
    path: str = ""

    def filter(self, findings: Iterable[Finding], remaining: Counter[str]) -> tuple[list[Finding], int]:
        """Findings not covered by the baseline, and how many were; ``remaining`` is consumed across pairs."""
        kept: list[Finding] = []
        dropped = 0
        for f in findings:
            if remaining[f.fingerprint] > 0:
                remaining[f.fingerprint] -= 1
                dropped += 1
            else:
                kept.append(f)
        return kept, dropped


def dumps(result: Result) -> str:
    """The baseline file of a result (sorted, so regenerating it gives a minimal diff)."""
    entries = sorted(({"fingerprint": f.fingerprint, "code": f.code, "path": f.primary.path if f.primary else "",
                       "message": f.message} for f in result.findings),
                     key=lambda e: (e["path"], e["code"], e["fingerprint"], e["message"]))
    data = {FORMAT_KEY: FORMAT_VERSION, "signature": result.signature, "findings": entries}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def load(path: str | Path) -> Baseline:
    """Read a baseline file; anything else is an InputError that says how to make one."""
    name = str(path)
    hint = "make one with `paracheck baseline --output FILE`"
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"baseline file not found; {hint}", name) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"is not a paracheck baseline ({exc}); {hint}", name) from None
    if not isinstance(data, dict) or data.get(FORMAT_KEY) != FORMAT_VERSION or not isinstance(data.get("findings"), list):
        raise InputError(f"is not a paracheck baseline (version {FORMAT_VERSION}); {hint}", name)
    counts: Counter[str] = Counter()
    for n, entry in enumerate(data["findings"]):
        fp = entry.get("fingerprint") if isinstance(entry, dict) else None
        if not isinstance(fp, str) or not fp:
            raise InputError(f"entry {n} has no fingerprint; {hint}", name)
        counts[fp] += 1
    return Baseline(dict(counts), name)
