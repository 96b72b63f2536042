"""JUnit XML report: one test case per pair, one ``<failure>`` per finding.

CI systems that read JUnit (GitLab, Jenkins, Azure, CircleCI) then list each document pair as a test and
each discrepancy under it. Several ``<failure>`` elements in one test case are accepted by these readers
and keep one finding per element, rather than one concatenated blob. Baselined findings are not failures;
their count is a property of the suite.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..model import Finding, Result

# Characters XML 1.0 cannot hold at all (escaping does not help): dropped from document text.
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _x(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _failure_text(f: Finding) -> str:
    lines = [f"{f.code} {f.name} [{f.severity.label}]", f.message]
    for side, loc in (("target", f.target), ("source", f.source)):
        if loc is not None:
            lines.append(f"{side}: {loc.path}:{loc.line}:{loc.column}: {loc.text}")
    if f.suggestion:
        lines.append(f"suggestion: {f.suggestion}")
    lines.append(f"fingerprint: {f.fingerprint}")
    return _x("\n".join(lines))


def render(result: Result) -> str:
    """The JUnit XML document."""
    failures = len(result.findings)
    suites = ET.Element("testsuites", name="paracheck", tests=str(len(result.pairs)), failures=str(failures), errors="0")
    suite = ET.SubElement(suites, "testsuite", name="paracheck", tests=str(len(result.pairs)),
                          failures=str(failures), errors="0", skipped="0")
    props = ET.SubElement(suite, "properties")
    ET.SubElement(props, "property", name="signature", value=result.signature)
    ET.SubElement(props, "property", name="baselined", value=str(result.baselined))
    for p in result.pairs:
        name = p.source.path if p.source.path == p.target.path else f"{p.source.path} -> {p.target.path}"
        case = ET.SubElement(suite, "testcase", classname=f"paracheck.{p.source.lang}-{p.target.lang}", name=_x(name),
                             file=_x(p.target.path))
        for f in p.findings:
            loc = f.primary
            where = f"{loc.path}:{loc.line}:{loc.column}: " if loc else ""
            fail = ET.SubElement(case, "failure", type=f.code, message=_x(f"{where}{f.code} [{f.severity.label}] {f.message}"))
            fail.text = _failure_text(f)
        out = ET.SubElement(case, "system-out")
        out.text = f"coverage {p.alignment.coverage:.1%}, {len(p.alignment.links)} links"
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
