"""Untranslated: target text left in the source language, or copied unchanged from the source (UT01).

Language identification is restricted to the pair's two languages (``paracheck.langs.identify``), which is
what makes it reliable on sentences; lines of a few words (bylines, names, titles) are not judged by language,
since every detector is unreliable there. Lines made only of names and numbers are legitimately identical
in both versions and are not reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..langs import identify
from ..model import Link, Severity
from . import Context, Problem, register
from ._spell import masked, sentence_initial, words


@dataclass(frozen=True)
class UntranslatedOptions:
    """Options of the untranslated-text check."""

    min_words: int = 4          # shorter target sentences are not judged by language
    confidence: float = 0.8     # language-identification confidence needed to call a sentence untranslated


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w%]+", " ", text.lower()).split())


def _common_words(text: str) -> list[str]:
    """The words of ``text`` a language identifier should judge: names (capitalised inside the sentence) left out.

    A French sentence about the Mittler Selbsanft, the Tödi and the Bifertenalpli reads as German to any
    detector; without its names it reads as French. German nouns go too, but the articles, verbs and
    prepositions left are still plainly German.
    """
    return [t.text for t in words(masked(text)) if not t.text[:1].isupper() or sentence_initial(text, t)]


def _names_and_numbers(text: str) -> bool:
    """True when every word but short function words is capitalised: a name, a Title Case title, a date line.

    Such lines (a byline, "Belt and Road Initiative", "27.01.2025") are legitimately identical in both versions.
    """
    return all(t.text[:1].isupper() or len(t.text) <= 3 for t in words(text))


@register("UT01", "untranslated.text", ("untranslated", "content"), Severity.ERROR, UntranslatedOptions)
def untranslated(link: Link, ctx: Context, opts: UntranslatedOptions) -> Iterable[Problem]:
    """Target sentence still in the source language, or identical to its source (left untranslated).

    Identical sentences made only of names, numbers and capitalised words (a byline, a date line, a title
    kept in the original language) are not reported.

    Anti-pattern: "La relazione sino-russa è profondamente radicata nella storia." left in the English version.
    Best practice: "The Sino-Russian relationship is deeply rooted in history."
    """
    src_lang, tgt_lang = ctx.source.lang, ctx.target.lang
    source_norm = _normal(" ".join(s.text for s in link.source))
    for seg in link.target:
        norm = _normal(seg.text)
        if not norm or seg.kind == "code" or _names_and_numbers(seg.text):
            continue  # a code block is the same in both versions by design
        if norm == source_norm or (norm and norm in source_norm and len(norm.split()) >= opts.min_words):
            yield Problem(message=f"target sentence is identical to the source ({src_lang}): left untranslated",
                          source=link.source, target=seg, evidence=("identical", seg.text))
            continue
        common = _common_words(seg.text)
        if len(common) < opts.min_words:
            continue
        lang, conf = identify(" ".join(common), (src_lang, tgt_lang))
        if lang == src_lang and conf >= opts.confidence:
            yield Problem(message=f"target sentence is in the source language ({src_lang}, confidence {conf:.2f}), "
                                  f"not in {tgt_lang}: left untranslated",
                          source=link.source, target=seg, evidence=("language", src_lang))
