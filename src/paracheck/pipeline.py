"""The one place that wires the stages: load, split, segment, embed, align, check.

Each stage returns new immutable values; nothing here formats output or decides exit codes (that is the
CLI's job), so the same pipeline serves the command line, the benchmarks and library users.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import __version__, checks, suppress
from .align import RawLink, align_vectors
from .baseline import Baseline
from .clauses import Coverage, link_coverage
from .config import Config
from .embed import Embedder, make_embedder
from .errors import ConfigError, InputError
from .langs import language_name, normalize, written_in
from .load import detect_format, load
from .model import Alignment, Block, Document, Finding, Link, PairResult, Result, Segment
from .segment import segment
from .split import compile_markers, split

Progress = Callable[[str], None]
_LANG_SUFFIX = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2}(?:[-_][A-Za-z]{2})?)$")
_IGNORED = {"readme", "readme.md", "license", ".gitkeep"}
# What a folder of pairs is read for: text, Markdown and HTML documents. A docs site keeps its images, styles and
# configuration beside them, and those are no documents.
DOCUMENT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml"})


@dataclass(frozen=True)
class PairSpec:
    """Which files make one pair: one bilingual file, or a source and a target file.

    ``missing`` names the side ("source" or "target") whose file does not exist yet: a page of a docs folder
    not translated so far is a pair whose every sentence has no counterpart, not a broken input.
    """

    source: str
    target: str | None = None
    missing: str = ""


def discover(directory: str | Path, source_lang: str = "", target_lang: str = "") -> list[PairSpec]:
    """Pairs under a folder: ``name.it.md`` + ``name.en.md``, or ``it/name.md`` + ``en/name.md``; any other file is bilingual.

    The folder layout (a directory named after the language, as Hugo, MkDocs and most docs sites keep their
    translations) is read when both languages are configured. In a pair, the file in ``source_lang`` is the
    source (otherwise the first by name). A file in one of the pair's languages whose partner is not there
    (``name.en.md`` alone) is a pair with that side missing: its whole text is reported without counterpart.
    """
    root = Path(directory)
    if not root.is_dir():
        raise InputError("pairs folder not found; create it or name files on the command line", str(directory))
    files = sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".") and p.name.lower() not in _IGNORED
                   and p.suffix.lower() in DOCUMENT_SUFFIXES)
    langs = {source_lang, target_lang} if source_lang and target_lang else set()
    grouped: dict[tuple[str, ...], list[tuple[Path, str]]] = {}
    partner: dict[tuple[str, ...], Callable[[str], Path]] = {}
    singles: list[PairSpec] = []
    for f in files:
        m = _LANG_SUFFIX.match(f.with_suffix("").name)
        parts = f.relative_to(root).parts[:-1]
        at = next((k for k, part in enumerate(parts) if part.replace("_", "-") in langs), None)
        if m:
            key: tuple[str, ...] = (str(f.parent / m.group("stem")) + f.suffix,)
            lang = m.group("lang").replace("_", "-")
            partner[key] = functools.partial(_suffix_partner, f, m.group("stem"))
        elif at is not None:
            key = ("dir", *parts[:at], *parts[at + 1:], f.name)
            lang = parts[at].replace("_", "-")
            partner[key] = functools.partial(_folder_partner, root, f, at)
        else:
            singles.append(PairSpec(str(f)))
            continue
        grouped.setdefault(key, []).append((f, lang))
    out = list(singles)
    for key, group in sorted(grouped.items()):
        if len(group) == 2:
            (a, la), (b, lb) = group
            if source_lang and la != source_lang and lb == source_lang:
                a, b = b, a
            out.append(PairSpec(str(a), str(b)))
        elif len(group) == 1 and group[0][1] in langs:
            alone, lang = group[0]
            if lang == source_lang:
                out.append(PairSpec(str(alone), str(partner[key](target_lang)), "target"))
            else:
                out.append(PairSpec(str(partner[key](source_lang)), str(alone), "source"))
        else:
            out.extend(PairSpec(str(g)) for g, _ in group)
    if not out:
        raise InputError("holds no document pairs", str(directory))
    return sorted(out, key=lambda p: p.source)


def _suffix_partner(f: Path, stem: str, lang: str) -> Path:
    """Where ``f``'s version in ``lang`` lives when languages are named in the file name (guide.it.md)."""
    return f.with_name(f"{stem}.{lang}{f.suffix}")


def _folder_partner(root: Path, f: Path, at: int, lang: str) -> Path:
    """Where ``f``'s version in ``lang`` lives when languages are folders (it/guide.md): folder ``at`` swapped."""
    parts = f.relative_to(root).parts
    return root.joinpath(*parts[:at], lang, *parts[at + 1:])


def _file_lang(path: str) -> str | None:
    m = _LANG_SUFFIX.match(Path(path).with_suffix("").name)
    return m.group("lang").replace("_", "-") if m else None


def signature(cfg: Config, embedder_name: str) -> str:
    """Reproducibility signature, in the style of sacrebleu's: every setting that changes results."""
    a = cfg.align
    seg = "lines" if cfg.presegmented else "pysbd"  # presegmented input is cut at its line ends, never re-split
    return (f"paracheck:{__version__}|seg:{seg}|emb:{embedder_name}|align:dp-overlap{a.max_side}-band{a.band}"
            f"|skip:{a.skip}|min_score:{cfg.min_score}|cfg:{cfg.hash()}")


def embedder_for(cfg: Config) -> Embedder:
    """The configured embedder (cache directory resolved against the config file's folder)."""
    cache_dir = Path(cfg.base_dir) / cfg.cache_dir if cfg.cache_dir else None
    return make_embedder(cfg.embedder, cfg.model, cfg.cache, cache_dir)


def _langs(cfg: Config, source_path: str, target_path: str | None) -> tuple[str, str]:
    src = cfg.source_lang or (_file_lang(source_path) or "")
    tgt = cfg.target_lang or (_file_lang(target_path) if target_path else None) or ""
    if target_path:
        src = _file_lang(source_path) or src
        tgt = _file_lang(target_path) or tgt
    if not src or not tgt:
        raise ConfigError("source and target languages are unknown: set source_lang and target_lang in config.yaml, "
                          "pass --source-lang/--target-lang, or name files like article.it.md / article.en.md")
    src, tgt = normalize(src, "source language"), normalize(tgt, "target language")
    if src == tgt:
        raise ConfigError(f"source and target language are both {src!r}")
    return src, tgt


def align_segments(src: Sequence[Segment], tgt: Sequence[Segment], embedder: Embedder, cfg: Config) -> Alignment:
    """Embed both sides and align them into Links."""
    s_texts = [s.text for s in src]
    t_texts = [t.text for t in tgt]
    vecs = embedder.embed([*s_texts, *t_texts])
    raw, cal = align_vectors(vecs[: len(s_texts)], vecs[len(s_texts):], s_texts, t_texts, cfg.align, embedder.embed)
    lang = src[0].lang if src else ""
    covs = link_coverage(raw, s_texts, t_texts, lang, embedder.embed, cal, cfg.align.clause_share,
                         target_lang=tgt[0].lang if tgt else "")
    return Alignment(tuple(_to_link(r, c, src, tgt) for r, c in zip(raw, covs)), cfg.align.skip, embedder.name)


def _to_link(r: RawLink, cov: Coverage | None, src: Sequence[Segment], tgt: Sequence[Segment]) -> Link:
    return Link(tuple(src[i] for i in r.src), tuple(tgt[j] for j in r.tgt), round(r.score, 4),
                None if r.weakest is None else round(r.weakest, 4), cov, r.moved)


def check_documents(source: Document, target: Document, cfg: Config, embedder: Embedder,
                    selected: list[checks.Selected], shared: tuple[tuple[str, Block], ...] = (),
                    progress: Progress | None = None) -> PairResult:
    """Segment, align and check one pair of Documents."""
    for doc in (source, target):
        langs = getattr(embedder, "languages", None)
        if langs is not None and doc.lang not in langs and doc.lang.split("-")[0] not in langs:
            raise ConfigError(f"language {doc.lang!r} of {doc.path} is not supported by embedder {embedder.name} "
                              f"(supported: {' '.join(sorted(langs))}); configure a sentence-transformers model that covers it")
    src = segment(source, "source", cfg.presegmented)
    tgt = segment(target, "target", cfg.presegmented)
    if progress:
        progress(f"aligning {len(src)} + {len(tgt)} segments")
    alignment = align_segments(src, tgt, embedder, cfg)
    ctx = checks.Context(source=source, target=target, alignment=alignment, min_score=cfg.min_score)
    findings = checks.run(selected, ctx)
    return PairResult(source=source, target=target, segments=(*src, *tgt), alignment=alignment,
                      findings=tuple(findings), shared_blocks=shared)


def load_pair(spec: PairSpec, cfg: Config) -> tuple[Document, Document, tuple[tuple[str, Block], ...]]:
    """Load the files of a pair and, for one bilingual file, split it into its two versions."""
    src_lang, tgt_lang = _langs(cfg, spec.source, spec.target)
    enc = cfg.encoding or None
    if spec.target is None:
        doc = load(spec.source, "", encoding=enc)
        parts = split(doc, (src_lang, tgt_lang), compile_markers(cfg.markers))
        for part, lang in ((parts.source, src_lang), (parts.target, tgt_lang)):
            if not part.blocks:
                raise InputError(f"found no {lang} text; is this a bilingual file? Otherwise pass the source and target files "
                                 "separately, or set source_lang/target_lang to the languages it holds", spec.source)
        return parts.source, parts.target, parts.shared
    docs = tuple(Document(path, lang, detect_format(path), "", ()) if spec.missing == side else load(path, lang, encoding=enc)
                 for path, lang, side in ((spec.source, src_lang, "source"), (spec.target, tgt_lang, "target")))
    for doc, lang, flag in zip(docs, (src_lang, tgt_lang), ("source", "target"), strict=True):
        if spec.missing == flag:
            continue
        other = written_in([b.text for b in doc.blocks if b.kind != "code"], lang)
        if other is None:
            continue
        named = _LANG_SUFFIX.match(Path(doc.path).with_suffix("").name)
        fix = (f"rename it to {named.group('stem')}.{other}{Path(doc.path).suffix}" if named else
               f"pass --{flag}-lang {other} (or {flag}_lang: {other} in the config)")
        raise InputError(f"reads as {language_name(other)} ({other}), not {language_name(lang)} ({lang})"
                         f"{' as its name says' if named else ' as given'}; {fix}, or pass the {language_name(lang)} file", doc.path)
    return docs[0], docs[1], ()


def run(cfg: Config, pairs: Sequence[PairSpec], progress: Progress | None = None,
        embedder: Embedder | None = None, baseline: Baseline | None = None) -> Result:
    """Check every pair and return one Result.

    Inline suppression directives are always honoured (and unused ones reported as SU01); a ``baseline``
    then drops the findings it accepted, and ``Result.baselined`` says how many.
    """
    selected = checks.select(cfg.select, cfg.exclude, cfg.severity, cfg.options, cfg.where)
    loaded = [load_pair(p, cfg) for p in pairs]  # read every input first: a bad file fails fast
    # Directive comments are not document text: remove them from the blocks before segmentation.
    loaded = [(suppress.strip_directives(src), suppress.strip_directives(tgt), shared) for src, tgt, shared in loaded]
    embedder = embedder or embedder_for(cfg)
    results = []
    for n, (src, tgt, shared) in enumerate(loaded, 1):
        if progress:
            progress(f"[{n}/{len(loaded)}] {src.path}")
        results.append(check_documents(src, tgt, cfg, embedder, selected, shared, progress))
    specs = _check_table(selected)
    results = [_suppress(p, [(c, n) for c, n, _, _ in specs]) for p in results]
    baselined = 0
    if baseline is not None:
        remaining = Counter(baseline.counts)
        filtered = []
        for p in results:
            kept, dropped = baseline.filter(p.findings, remaining)
            baselined += dropped
            filtered.append(dataclasses.replace(p, findings=tuple(kept)))
        results = filtered
    return Result(pairs=tuple(results), signature=signature(cfg, embedder.name), checks=(*specs, suppress.RULE),
                  baselined=baselined)


def _suppress(p: PairResult, ran: list[tuple[str, str]]) -> PairResult:
    """Apply the pair's inline suppression directives (see :mod:`paracheck.suppress`)."""
    out = suppress.apply(p.findings, p.source, p.target, ran)
    if not out.suppressed and not out.unused:
        return p
    findings = tuple(sorted((*out.kept, *out.unused), key=Finding.sort_key))
    return dataclasses.replace(p, findings=findings, suppressed=(*p.suppressed, *out.suppressed))


def changed_since(specs: Sequence[PairSpec], rev: str, cwd: str | Path = ".") -> list[PairSpec]:
    """The pairs of which a file changed since git revision ``rev`` (committed, staged or not; new files too).

    Used by ``--since`` so a pull-request job checks only what the pull request touched.
    """
    import subprocess

    def git(*args: str) -> str:
        try:
            proc = subprocess.run(["git", *args], cwd=str(cwd), capture_output=True, text=True, check=False)
        except FileNotFoundError:
            raise ConfigError("--since needs git, which is not installed") from None
        if proc.returncode != 0:
            msg = (proc.stderr.strip().splitlines() or ["git failed"])[-1]
            raise ConfigError(f"--since {rev}: {msg}; give a revision git knows (e.g. origin/main or HEAD~1)")
        return proc.stdout

    top = Path(git("rev-parse", "--show-toplevel").strip())
    # diff prints paths relative to the top level, ls-files (untracked files) relative to cwd
    changed = {(top / n).resolve() for n in git("diff", "--name-only", rev, "--").splitlines() if n}
    changed |= {(Path(cwd) / n).resolve() for n in git("ls-files", "--others", "--exclude-standard").splitlines() if n}
    return [s for s in specs if Path(s.source).resolve() in changed or (s.target and Path(s.target).resolve() in changed)]


def empty_result(cfg: Config) -> Result:
    """The Result of checking no pair (``--since`` found nothing changed): no findings, exit 0."""
    selected = checks.select(cfg.select, cfg.exclude, cfg.severity, cfg.options, cfg.where)
    return Result(pairs=(), signature=signature(cfg, cfg.embedder), checks=(*_check_table(selected), suppress.RULE))


def _check_table(selected: list[checks.Selected]) -> tuple[tuple[str, str, str, str], ...]:
    """(code, name, severity in force, description) of each selected check, as every report lists them."""
    return tuple((s.spec.code, s.spec.name, s.severity.label, s.spec.description) for s in selected)
