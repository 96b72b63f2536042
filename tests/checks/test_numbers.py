"""Number checks (NM*): YAML cases per code, run on links built directly (no embedder), plus parser units."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from paracheck.checks import Context, load_all
from paracheck.model import Alignment, Document, Link, Segment, Span

CASES = Path(__file__).parent / "cases"
FAMILIES = ("numbers", "dates")


def segment(text: str, lang: str, side: str, n: int = 0) -> Segment:
    """A one-line segment of ``text`` as the pipeline would make it."""
    return Segment(f"{side[0]}{n}", side, lang, text, f"{side}.txt", Span(0, len(text), 1, 1), 0)


def make_link(source: str | list[str], target: str | list[str], slang: str, tlang: str) -> Link:
    """A trusted link between the given source and target sentences."""
    src = [source] if isinstance(source, str) else source
    tgt = [target] if isinstance(target, str) else target
    return Link(tuple(segment(t, slang, "source", i) for i, t in enumerate(src)),
                tuple(segment(t, tlang, "target", i) for i, t in enumerate(tgt)), 1.0, 1.0)


def run_family(link: Link, prefixes: tuple[str, ...] = ("NM", "DT")) -> list[tuple[str, Any]]:
    """(code, problem) of every number and date check on ``link``."""
    specs = load_all()
    s, t = link.source[0], link.target[0]
    ctx = Context(Document("s", s.lang, "txt", "", ()), Document("t", t.lang, "txt", "", ()),
                  Alignment((link,), 0.0, "none"), 0.3)
    out = []
    for code, spec in sorted(specs.items()):
        if code.startswith(prefixes):
            for p in spec.func(link, ctx, spec.options()):
                out.append((code, p))
    return out


def load_cases(prefix: str) -> list[Any]:
    """Every named case of the YAML files ``cases/<prefix>*.yml`` as pytest params with readable ids."""
    params = []
    for path in sorted(CASES.glob(f"{prefix}*.yml")):
        for name, case in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            params.append(pytest.param(case, id=f"{path.stem}_{name}"))
    return params


@pytest.mark.parametrize("case", load_cases("NM"))
def test_number_cases(case: dict[str, Any]) -> None:
    """Every named NM YAML case gives exactly its expected codes."""
    link = make_link(case["source"], case["target"], case["source_lang"], case["target_lang"])
    found = sorted(code for code, _ in run_family(link))
    assert found == sorted(case["expect"]), [p.message for _, p in run_family(link)]


def test_mismatch_message_names_both_values_and_points_at_them() -> None:
    """NM01 quotes both numbers and its ranges cover them."""
    src = "Nel 2023 il mercato cinese rappresentava il 36,5% delle importazioni russe."
    tgt = "In 2023 the Chinese market accounted for 35.6% of Russia's imports."
    (code, p), = run_family(make_link(src, tgt, "it", "en"))
    assert code == "NM01"
    assert p.message == "36,5% in source, 35.6% in target"
    assert src[slice(*p.source_range)] == "36,5%" and tgt[slice(*p.target_range)] == "35.6%"


def test_missing_number_is_told_apart_from_a_changed_one() -> None:
    """A number with nothing on the other side is NM02, not NM01."""
    (code, p), = run_family(make_link("Il commercio valeva 240 miliardi di dollari nel 2024.",
                                      "Trade was worth a lot of money in 2024.", "it", "en"))
    assert code == "NM02" and "240 miliardi di dollari"[:12] in p.message and "no counterpart in target" in p.message


def test_wrong_decimal_mark_suggests_the_target_locale_form() -> None:
    """NM03 suggests the number as the target locale writes it."""
    (code, p), = run_family(make_link("Il tasso è salito al 36,5%.", "The rate rose to 36,5%.", "it", "en"))
    assert code == "NM03" and p.suggestion == "36.5"


@pytest.mark.parametrize(("token", "lang", "value", "valid"), [
    ("36,5", "it", Decimal("36.5"), True), ("36.5", "it", Decimal("36.5"), False), ("1.234,5", "it", Decimal("1234.5"), True),
    ("1,234", "en", Decimal("1234"), True), ("1,234", "it", Decimal("1.234"), True), ("2,5", "de", Decimal("2.5"), True),
    ("3,14", "fr", Decimal("3.14"), True), ("3.14", "fr", Decimal("3.14"), False), ("1 000", "fr", Decimal("1000"), True),
    ("1\u202f000", "ru", Decimal("1000"), True),
])
def test_strict_locale_reading(token: str, lang: str, value: Decimal, valid: bool) -> None:
    """Each locale reads only its own marks; the other readings are alternatives."""
    from paracheck.checks._numparse import read

    primary, alts = read(token, lang)
    assert (primary == value) if valid else (primary is None and value in alts)


def test_scale_words_come_from_cldr_for_every_language() -> None:
    """Scale words of every supported language come from CLDR."""
    from paracheck.checks._numparse import scale_words

    for lang, word in [("it", "miliardi"), ("en", "billion"), ("de", "milliarden"), ("fr", "milliards"),
                       ("es", "mil millones"), ("pt", "bilhões"), ("nl", "miljard"), ("ru", "млрд")]:
        assert scale_words(lang)[word] == 9, lang


def test_currency_change_names_both_sums_with_their_currencies() -> None:
    """NM04 quotes each sum with its currency and points at number and currency together."""
    src, tgt = "Trade reached an all-time high of $240 billion.", "Il commercio ha raggiunto 240 miliardi di euro."
    (code, p), = run_family(make_link(src, tgt, "en", "it"))
    assert code == "NM04"
    assert p.message == "currency changed: $240 billion (dollar or peso) in source, 240 miliardi di euro (euro) in target"
    assert src[slice(*p.source_range)] == "$240 billion" and tgt[slice(*p.target_range)] == "240 miliardi di euro"


def test_reviewed_bench_differences_are_well_formed_and_name_known_codes() -> None:
    """Each line of the bench's reviewed list has its five key columns and a reason, with a real check code."""
    from paracheck.bench_checks_numdates import load_reviewed

    reviewed = load_reviewed()
    codes = set(load_all())
    assert reviewed and all(key[3] in codes and why.strip() for key, why in reviewed.items())


def _missing_over(pairs: list[tuple[str, str]], code: str = "NM02", langs: tuple[str, str] = ("de", "fr")) -> list[str]:
    """``code``'s messages over consecutive links, each link run with the whole alignment as context."""
    sl, tl = langs
    links = tuple(Link((segment(s, sl, "source", i),), (segment(t, tl, "target", i),), 1.0, 1.0) for i, (s, t) in enumerate(pairs))
    ctx = Context(Document("s", sl, "txt", "", ()), Document("t", tl, "txt", "", ()), Alignment(links, 0.0, "none"), 0.3)
    spec = load_all()[code]
    return [p.message for link in links for p in spec.func(link, ctx, spec.options())]


def test_a_number_across_a_sentence_boundary_drawn_differently_is_not_missing() -> None:
    """Text+Berg: the German ends a sentence after "8900 m", the French starts its next one with it."""
    first = ("Die Zahl wurde angezweifelt, und die Schätzungen gingen bis über 8900 m hinaus.", "Ce chiffre fut considéré trop bas ;")
    second = "Die neue offizielle Kote ist 8848 m."
    assert _missing_over([first, (second, "des estimations le portaient à 8900 m. La nouvelle cote est de 8848 m.")]) == []
    # without its twin next door the number is missing, and so it is when the twin is paired in its own link
    assert _missing_over([first, (second, "La nouvelle cote est de 8848 m.")]) == ["8900 in source has no counterpart in target"]
    assert _missing_over([first, ("Sie liegt bei 8900 m, sagt die neue Kote von 8848 m.", "des estimations le portaient à 8900 m. "
                                  "La nouvelle cote est de 8848 m.")]) == ["8900 in source has no counterpart in target"]


def test_a_heading_that_opens_with_its_number_is_not_a_decimal() -> None:
    """"1.2 Installation" / "1.2 Installazione": a section number; the same figure inside a sentence is a decimal."""
    from dataclasses import replace

    link = make_link("1.2 Installation", "1.2 Installazione", "en", "it")
    assert [code for code, _ in run_family(link)] == ["NM03"]  # read as sentences: "1.2" is a decimal Italian writes 1,2
    heading = Link(tuple(replace(s, kind="heading") for s in link.source), tuple(replace(t, kind="heading") for t in link.target),
                   1.0, 1.0)
    assert run_family(heading) == []
