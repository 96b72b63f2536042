"""Command line: arguments to a Config, the pipeline, a renderer, an exit code. Nothing else lives here.

Exit codes: 0 no finding at or above ``--fail-on``; 1 findings at or above it; 2 usage or input error (and
any unexpected failure, so that CI never mistakes a crash for "findings").
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .errors import ConfigError, ParacheckError

if TYPE_CHECKING:
    from .model import Link

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "json", "html", "sarif", "junit", "github", "markdown")


def write_atomic(path: str, text: str) -> None:
    """Write a whole file or nothing: a temporary file in the same folder, then a rename."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=str(target.parent), prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        # mkstemp creates 0600; a report is an ordinary file, readable as the umask allows
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


@contextmanager
def progress_reporter(enabled: bool) -> Iterator[Callable[[str], None] | None]:
    """A transient status line on stderr when it is a terminal; nothing otherwise (CI logs stay clean)."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console

    console = Console(stderr=True)
    with console.status("paracheck: loading") as status:
        yield lambda msg: status.update(f"paracheck: {msg}")


def _config(config_path: str | None, **overrides: Any) -> Any:
    from .config import load_config
    from .langs import normalize

    cfg = load_config(config_path, must_exist=config_path is not None)
    changes = {k: v for k, v in overrides.items() if v not in (None, (), "")}
    for key in ("source_lang", "target_lang"):
        if key in changes:
            changes[key] = normalize(changes[key], key.replace("_", " "))
    return dataclasses.replace(cfg, **changes) if changes else cfg


def _emit(text: str, output: str | None) -> None:
    if output:
        write_atomic(output, text)
    else:
        click.echo(text, nl=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="paracheck")
def cli() -> None:
    """Check a document against its translation: missing passages, numbers, dates, typos, acronyms, terms.

    \b
    Quick start:
      paracheck check                      every pair under pairs/ with config.yaml
      paracheck check article.md           one file holding both language versions
      paracheck check source.md target.md  two files
    """


def _specs(paths: tuple[str, ...], cfg: Any) -> list[Any]:
    """Which pairs PATHS name: none = every pair under the config's pairs folder; a folder; a file; two files."""
    from . import pipeline

    if len(paths) > 2:
        raise click.UsageError("give at most two paths: SOURCE [TARGET]")
    if not paths:
        return pipeline.discover(Path(cfg.base_dir) / cfg.pairs, cfg.source_lang, cfg.target_lang)
    if len(paths) == 1 and Path(paths[0]).is_dir():
        return pipeline.discover(paths[0], cfg.source_lang, cfg.target_lang)
    return [pipeline.PairSpec(paths[0], paths[1] if len(paths) == 2 else None)]


def _destinations(fmts: tuple[str, ...], outputs: tuple[str, ...], output_dir: str | None) -> list[tuple[str, str | None]]:
    """Pair each format with where it goes (None = stdout); usage errors for ambiguous combinations."""
    from .report import EXTENSIONS

    fmts = tuple(dict.fromkeys(fmts)) or ("text",)
    if outputs and output_dir:
        raise click.UsageError("give --output or --output-dir, not both")
    if output_dir:
        return [(f, str(Path(output_dir) / f"report.{EXTENSIONS[f]}")) for f in fmts]
    if outputs:
        if len(outputs) != len(fmts):
            raise click.UsageError(f"{len(fmts)} --format but {len(outputs)} --output: give one --output per --format, "
                                   "in the same order (or use --output-dir)")
        return [(f, None if o == "-" else o) for f, o in zip(fmts, outputs, strict=True)]
    if len(fmts) > 1:
        raise click.UsageError("several --format need an --output each (same order) or --output-dir DIR")
    return [(fmts[0], None)]


def _write_reports(result: Any, destinations: list[tuple[str, str | None]], output_dir: str | None) -> None:
    from .report import renderer

    for fmt, dest in destinations:
        if fmt == "html" and output_dir and dest and len(result.pairs) > 1:
            # a batch in a folder: report.html is an index linking one page per pair under pairs/
            from .report.to_html import render_files

            for name, page in render_files(result).items():
                write_atomic(str(Path(dest).parent / name), page)
            continue
        text = renderer(fmt)(result)
        if fmt == "text" and dest is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR"):
            from .report.to_text import colourize

            text = colourize(text)
        _emit(text, dest)
    if all(dest is not None for _, dest in destinations):
        # every report went to a file: still tell the person at the terminal (or the CI log) how it went
        from .report.to_text import summary_lines

        click.echo("\n".join(summary_lines(result)), err=True)


@cli.command(epilog="""\b
Several formats in one run: repeat --format, and either repeat --output in the same order
(`--format html --output r.html --format sarif --output r.sarif`; `-` is stdout) or give
--output-dir DIR, which writes DIR/report.<ext> per format (txt json html sarif xml md,
github.txt); for several pairs DIR/report.html is an index linking DIR/pairs/<pair>.html.

\b
Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 usage or input error.
Inline suppression in the documents: <!-- paracheck-disable MP01 --> (next block),
<!-- paracheck-disable-line TY01 --> (this line), <!-- paracheck-disable-start MP01 --> ...
<!-- paracheck-disable-end --> (a section); no code = every check; unused ones are reported as SU01.""")
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=True))
@click.option("--config", "config_path", type=click.Path(), help="Config file (default: ./config.yaml if present).")
@click.option("--source-lang", help="Language of the source (ISO 639-1, e.g. it).")
@click.option("--target-lang", help="Language of the target (ISO 639-1, e.g. en).")
@click.option("--format", "fmts", type=click.Choice(FORMATS), multiple=True,
              help="Report format; repeatable (see below) [default: text].")
@click.option("--output", "-o", "outputs", multiple=True, type=click.Path(dir_okay=False),
              help="Write the report to this file (whole or not at all); one per --format, same order.")
@click.option("--output-dir", type=click.Path(file_okay=False), help="Write report.<ext> per format into this folder.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]),
              help="Lowest severity that makes the exit code 1 [default: error].")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False),
              help="Report only findings not in this baseline file (made by `paracheck baseline`).")
@click.option("--since", metavar="GIT_REV", help="Check only the pairs whose files changed since this git revision.")
@click.option("--encoding", help="Read input in this legacy encoding (e.g. latin-1) instead of UTF-8/UTF-16.")
@click.option("--presegmented", is_flag=True, default=None, help="Input has one sentence per line; do not re-segment.")
@click.option("--select", "select", multiple=True, help="Run only these checks (code, name, group or glob; repeatable).")
@click.option("--exclude", "exclude", multiple=True, help="Skip these checks (code, name, group or glob; repeatable).")
@click.option("--no-progress", is_flag=True, help="Never show the progress line.")
def check(paths: tuple[str, ...], config_path: str | None, source_lang: str | None, target_lang: str | None,
          fmts: tuple[str, ...], outputs: tuple[str, ...], output_dir: str | None, fail_on: str | None,
          baseline_path: str | None, since: str | None, encoding: str | None, presegmented: bool | None,
          select: tuple[str, ...], exclude: tuple[str, ...], no_progress: bool) -> None:
    """Check PATHS: none = every pair under pairs/; one = a bilingual file or a folder; two = SOURCE TARGET."""
    from . import pipeline
    from .baseline import load as load_baseline

    destinations = _destinations(fmts, outputs, output_dir)
    cfg = _config(config_path, source_lang=source_lang, target_lang=target_lang, fail_on=fail_on, encoding=encoding,
                  presegmented=presegmented, select=select, exclude=exclude)
    specs = _specs(paths, cfg)
    baseline = load_baseline(baseline_path) if baseline_path else None
    if since:
        specs = pipeline.changed_since(specs, since)
        if not specs:
            click.echo(f"paracheck: no pair changed since {since}; nothing to check", err=True)
    with progress_reporter(not no_progress) as progress:
        result = pipeline.run(cfg, specs, progress, baseline=baseline) if specs else pipeline.empty_result(cfg)
    _write_reports(result, destinations, output_dir)
    raise SystemExit(result.exit_code(cfg.fail_level()))


@cli.command("baseline")
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=True))
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False), help="Baseline file to write.")
@click.option("--config", "config_path", type=click.Path(), help="Config file (default: ./config.yaml if present).")
@click.option("--source-lang", help="Language of the source (ISO 639-1).")
@click.option("--target-lang", help="Language of the target (ISO 639-1).")
@click.option("--select", "select", multiple=True, help="Run only these checks (repeatable).")
@click.option("--exclude", "exclude", multiple=True, help="Skip these checks (repeatable).")
@click.option("--no-progress", is_flag=True, help="Never show the progress line.")
def baseline_cmd(paths: tuple[str, ...], output: str, config_path: str | None, source_lang: str | None,
                 target_lang: str | None, select: tuple[str, ...], exclude: tuple[str, ...], no_progress: bool) -> None:
    """Accept every current finding of PATHS: write their fingerprints to --output for `check --baseline`.

    Fingerprints hash the check and the text involved, not line numbers: a baselined finding stays silenced
    when lines move, and comes back only if its text changes.
    """
    from . import pipeline
    from .baseline import dumps

    cfg = _config(config_path, source_lang=source_lang, target_lang=target_lang, select=select, exclude=exclude)
    specs = _specs(paths, cfg)
    with progress_reporter(not no_progress) as progress:
        result = pipeline.run(cfg, specs, progress)
    write_atomic(output, dumps(result))
    click.echo(f"paracheck: baseline of {len(result.findings)} findings in {len(result.pairs)} pair(s) written to {output}", err=True)


@cli.command()
@click.argument("source", type=click.Path())
@click.argument("target", type=click.Path())
@click.option("--config", "config_path", type=click.Path(), help="Config file (default: ./config.yaml if present).")
@click.option("--source-lang", help="Language of the source (ISO 639-1).")
@click.option("--target-lang", help="Language of the target (ISO 639-1).")
@click.option("--presegmented", is_flag=True, default=None, help="One sentence per line; do not re-segment.")
@click.option("--format", "fmt", type=click.Choice(["tsv", "json"]), default="tsv", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
def align(source: str, target: str, config_path: str | None, source_lang: str | None, target_lang: str | None,
          presegmented: bool | None, fmt: str, output: str | None) -> None:
    """Print the sentence alignment of SOURCE and TARGET with scores (no checks)."""
    from . import pipeline
    from .load import load
    from .segment import from_lines, segment

    cfg = _config(config_path, source_lang=source_lang, target_lang=target_lang, presegmented=presegmented)
    src_lang, tgt_lang = pipeline._langs(cfg, source, target)
    src_doc, tgt_doc = load(source, src_lang, encoding=cfg.encoding or None), load(target, tgt_lang, encoding=cfg.encoding or None)
    if cfg.presegmented:
        src = from_lines(src_doc.raw.splitlines(), "source", src_lang, source)
        tgt = from_lines(tgt_doc.raw.splitlines(), "target", tgt_lang, target)
    else:
        src, tgt = segment(src_doc, "source"), segment(tgt_doc, "target")
    alignment = pipeline.align_segments(src, tgt, pipeline.embedder_for(cfg), cfg)
    if fmt == "json":
        data = [_link_json(k) for k in alignment.links]
        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    else:
        rows = ["score\tsource_ids\ttarget_ids\tsource\ttarget\tmoved"]
        for k in alignment.links:
            rows.append("\t".join([f"{k.score:.3f}", ",".join(s.id for s in k.source), ",".join(t.id for t in k.target),
                                   " ".join(s.text for s in k.source), " ".join(t.text for t in k.target),
                                   "moved" if k.moved else ""]))
        text = "\n".join(rows) + "\n"
    _emit(text, output)


def _link_json(k: Link) -> dict[str, object]:
    """One link of ``paracheck align --format json``: ids, texts, scores and, for a short target, its clause coverage."""
    src = " ".join(s.text for s in k.source)
    out: dict[str, object] = {"source": [s.id for s in k.source], "target": [t.id for t in k.target], "score": k.score,
                              "weakest": k.weakest, "moved": k.moved, "source_text": src, "target_text": " ".join(t.text for t in k.target)}
    if k.clause is not None:
        matched, left_out = k.clause.split(src)
        out["clause"] = {"gain": k.clause.gain, "matched": matched, "left_out": left_out}
    return out


@cli.group("eval")
def eval_group() -> None:
    """Measure paracheck on gold-aligned data."""


@eval_group.command("align")
@click.argument("directory", type=click.Path())
@click.option("--config", "config_path", type=click.Path(), help="Config file (its embedder and align settings are used).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def eval_align(directory: str, config_path: str | None, fmt: str) -> None:
    """Alignment precision/recall/F1 (strict and lax) and null-link figures over DIRECTORY."""
    from . import pipeline
    from .align import align_vectors
    from .evaluate import EvalDoc, evaluate, load_dir, reachable

    cfg = _config(config_path)
    docs = load_dir(directory)
    embedder = pipeline.embedder_for(cfg)

    def aligner(doc: EvalDoc) -> list[tuple[frozenset[int], frozenset[int]]]:
        vecs = embedder.embed([*doc.src, *doc.tgt])
        links, _ = align_vectors(vecs[: len(doc.src)], vecs[len(doc.src):], doc.src, doc.tgt, cfg.align, embedder.embed)
        return [(frozenset(k.src), frozenset(k.tgt)) for k in links]

    rows: list[tuple[str, dict[str, Any]]] = []
    result = evaluate(docs, aligner, lambda d, s: rows.append((d.name, s.to_dict())))
    if fmt == "json":
        click.echo(json.dumps(result, indent=2))
        return
    click.echo(f"{'document':38} {'strict P':>8} {'R':>6} {'F1':>6} {'lax F1':>7} {'null src F1':>11} {'null tgt F1':>11}")
    for name, s in rows:
        st, lx = s["strict"], s["lax"]
        click.echo(f"{name[:38]:38} {st['precision']:8.3f} {st['recall']:6.3f} {st['f1']:6.3f} {lx['f1']:7.3f} "
                   f"{s['null_source']['f1']:11.3f} {s['null_target']['f1']:11.3f}")
    total: Any = result  # nested dicts of figures (evaluate()'s JSON shape)
    st, lx = total["strict"], total["lax"]
    click.echo(f"{'ALL (micro)':38} {st['precision']:8.3f} {st['recall']:6.3f} {st['f1']:6.3f} {lx['f1']:7.3f} "
               f"{total['null_source']['f1']:11.3f} {total['null_target']['f1']:11.3f}")
    ok, full = map(sum, zip(*(reachable(d.gold, cfg.align.max_side, cfg.align.max_group) for d in docs), strict=True))
    click.echo(f"{result['documents']} documents, {result['seconds']} s, embedder {embedder.name}; {ok} of {full} gold links "
               f"({ok / max(full, 1):.3f}) are within reach of a monotone aligner with groups up to "
               f"{cfg.align.max_side}-1 and {cfg.align.max_group} sentences (the ceiling of strict recall)")


@cli.command("checks")
@click.option("--config", "config_path", type=click.Path(), help="Show severities as this config sets them.")
@click.option("--doc", is_flag=True, help="Print each check's full documentation.")
def list_checks(config_path: str | None, doc: bool) -> None:
    """List every check with its code, name, groups, severity and description."""
    from . import checks

    cfg = _config(config_path)
    selected = {s.spec.code: s for s in checks.select(("all",), (), cfg.severity, cfg.options, cfg.where)}
    active = checks.resolve(cfg.select) - (checks.resolve(cfg.exclude) if cfg.exclude else set())
    for code, spec in sorted(checks.load_all().items()):
        sev = selected[code].severity.label
        mark = " " if code in active else "-"
        click.echo(f"{mark}{code}  {spec.name:34} {sev:8} {spec.description}")
        if doc:
            body = spec.documentation.split("\n", 1)[1].strip() if "\n" in spec.documentation else ""
            if body:
                click.echo("\n".join("      " + ln for ln in body.splitlines()))
            opts = dataclasses.fields(spec.options)
            if opts:
                click.echo("      options: " + ", ".join(f"{o.name}={getattr(spec.options(), o.name)!r}" for o in opts))
            click.echo()


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the CLI and map every outcome to 0, 1 or 2."""
    try:
        cli.main(args=argv, prog_name="paracheck", standalone_mode=False)
    except SystemExit as exc:
        return int(exc.code or 0) if isinstance(exc.code, int) else EXIT_ERROR
    except click.exceptions.Abort:
        click.echo("paracheck: aborted", err=True)
        return EXIT_ERROR
    except click.ClickException as exc:
        exc.show()
        return EXIT_ERROR
    except (ParacheckError, ConfigError) as exc:
        click.echo(f"paracheck: error: {exc}", err=True)
        return EXIT_ERROR
    except KeyboardInterrupt:
        click.echo("paracheck: interrupted", err=True)
        return EXIT_ERROR
    except Exception as exc:  # a bug: still one line and exit 2, so CI never reads a crash as findings
        if os.environ.get("PARACHECK_DEBUG"):
            raise
        click.echo(f"paracheck: internal error: {type(exc).__name__}: {exc} (set PARACHECK_DEBUG=1 for the traceback)", err=True)
        return EXIT_ERROR
    return EXIT_CLEAN


def entry() -> None:
    """Console-script wrapper."""
    sys.exit(main())
