"""Term checks (TM01 glossary, TM02 verbatim items, TM03 names): YAML cases plus glossary files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

try:  # tests/checks is a package in the repository; also run as loose files
    from ._text_cases import check_case, load_cases, run_texts, seed_findings
except ImportError:
    from _text_cases import check_case, load_cases, run_texts, seed_findings  # type: ignore[no-redef]
from paracheck import checks
from paracheck.errors import ConfigError

SRC = "Una frase comune descrive la Russia come partner minore della Cina."
TGT = "A common phrase describes Russia as a minor partner of China."


@pytest.mark.parametrize(("prefix", "case"), load_cases("TM"))
def test_term_cases(prefix: str, case: dict[str, Any]) -> None:
    """Every named YAML case gives exactly its expected codes."""
    check_case("TM", case)


def test_csv_glossary_with_language_header(tmp_path: Path) -> None:
    """Csv glossary with language header."""
    path = tmp_path / "glossary.csv"
    path.write_text("en,it\njunior partner,partner minore\n", encoding="utf-8")
    (f,) = run_texts(SRC, TGT, "it", "en", "TM01", {"TM01": {"glossary": str(path)}})
    assert f.suggestion == "junior partner" and f.source is not None and f.source.text == "partner minore"
    assert "«partner minore» in the source" in f.message and "«junior partner»" in f.message


def test_tbx_glossary(tmp_path: Path) -> None:
    """Tbx glossary."""
    path = tmp_path / "terms.tbx"
    path.write_text("""<?xml version="1.0"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="it"><text><body>
<conceptEntry id="c1">
  <langSec xml:lang="it"><termSec><term>partner minore</term></termSec></langSec>
  <langSet xml:lang="it"><tig><term>partner minore</term></tig></langSet>
  <langSet xml:lang="en"><tig><term>junior partner</term></tig></langSet>
</conceptEntry></body></text></tbx>""", encoding="utf-8")
    (f,) = run_texts(SRC, TGT, "it", "en", "TM01", {"TM01": {"glossary": str(path)}})
    assert f.suggestion == "junior partner"
    assert run_texts(SRC, TGT.replace("minor", "junior"), "it", "en", "TM01", {"TM01": {"glossary": str(path)}}) == []


def test_missing_glossary_file_fails_at_config_time(tmp_path: Path) -> None:
    """Missing glossary file fails at config time."""
    with pytest.raises(ConfigError, match="not found"):
        checks.select(["TM01"], options={"TM01": {"glossary": str(tmp_path / "nope.csv")}})


def test_country_message_suggests_the_cldr_name() -> None:
    """Country message suggests the cldr name."""
    (f,) = run_texts("Accordo con la Svizzera.", "Agreement with Sweden.", "it", "en", "TM03")
    assert f.suggestion == "Switzerland" and f.source is not None and f.source.text == "Svizzera"
    assert f.message == "country «Svizzera» in the source is «Sweden» in the target (expected Switzerland)"


def test_seed_country_referred_to_by_a_pronoun_is_not_reported() -> None:
    """«la Cina ha usato» / «it has used»: a country with a pronoun on the other side is no dropped name.

    Every name of the seed is kept or referred back to, so TM03 has nothing to say there.
    """
    assert [f for f in seed_findings() if f["code"] == "TM03"] == []


def test_abbreviated_titles_are_not_names() -> None:
    """French writes Mme without a full stop, and a splitter may cut a segment after Mrs.: both are titles."""
    from paracheck.checks._spell import words
    from paracheck.checks.terms import _title_abbreviation

    def title(text: str, word: str) -> bool:
        return _title_abbreviation(text, next(t for t in words(text) if t.text == word))

    assert title("cette pauvre petite Mme Bonacieux.", "Mme")
    assert title("Een mooi kind, Mrs.", "Mrs")
    assert not title("Then Tom Sawyer came.", "Tom")
    assert not title("Zij kwamen met Lenin.", "Lenin")
