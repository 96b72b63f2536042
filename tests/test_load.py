"""Loading: encodings, refusals with clear messages, and block spans that point into the raw file."""

from __future__ import annotations

from pathlib import Path

import pytest

from paracheck.errors import InputError
from paracheck.load import decode, load, parse


def test_utf8_bom_and_utf16_are_decoded() -> None:
    text = "Città è già qui.\n"
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8"), "f") == text
    assert decode(text.encode("utf-16"), "f") == text


def test_latin1_is_refused_with_the_fix_and_read_on_request() -> None:
    data = "Città".encode("latin-1")
    with pytest.raises(InputError) as exc:
        decode(data, "old.txt")
    msg = str(exc.value)
    assert msg.startswith("old.txt: ") and "not valid UTF-8" in msg and "--encoding latin-1" in msg
    assert decode(data, "old.txt", "latin-1") == "Città"


def test_binary_and_empty_files_are_refused(tmp_path: Path) -> None:
    binary = tmp_path / "img.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="binary"):
        load(binary)
    empty = tmp_path / "empty.md"
    empty.write_text("  \n\n", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        load(empty)


def test_text_blocks_keep_line_and_column() -> None:
    raw = "Title line\n\n\u00a0\nFirst para\ncontinues here.\n\nSecond."
    doc = parse(raw, "a.txt")
    assert [b.text for b in doc.blocks] == ["Title line", "First para continues here.", "Second."]
    second = doc.blocks[1]
    assert (second.span.line, second.span.column) == (4, 1)
    # a character inside the block maps back to its exact raw offset
    i = second.text.index("continues")
    assert raw[second.raw_offset(i):].startswith("continues")


def test_markdown_blocks_strip_markup_but_keep_offsets() -> None:
    raw = ("# Heading\n\nSome **bold** and [a link](http://x.y) here, [a page](../page.md) there.\n\n- item one\n"
           "- item _two_\n\n![alt](img.png)\n")
    doc = parse(raw, "a.md", fmt="markdown")
    kinds = [(b.kind, b.text) for b in doc.blocks]
    # an absolute link keeps its address (TM02 compares it); a relative one, often localised, does not
    assert kinds == [("heading", "Heading"), ("paragraph", "Some bold and a link (http://x.y) here, a page there."),
                     ("list_item", "item one"), ("list_item", "item two"), ("image", "![alt](img.png)")]
    para = doc.blocks[1]
    assert raw[para.raw_offset(para.text.index("link"))] == "l"
    assert raw[para.raw_offset(para.text.index("http")):].startswith("http://x.y)")


def test_markdown_code_spans_stay_whole_and_snake_case_is_no_emphasis() -> None:
    """Code is copied, never translated: TM02, spelling and language identification need its backticks."""
    raw = "Set `max_retries = 3.5` in my_config_file, not *here*.\n"
    (block,) = parse(raw, "a.md", fmt="markdown").blocks
    assert block.text == "Set `max_retries = 3.5` in my_config_file, not here."
    assert raw[block.raw_offset(block.text.index("`max"))] == "`"


def test_html_drops_script_style_nav_and_keeps_article_text() -> None:
    raw = ("<html><head><title>T</title><style>p{}</style></head><body><nav>Menu</nav><div role=\"navigation\"><div>Home</div></div>"
           "<aside><p>Related posts</p></aside>"
           "<h1>Headline</h1><p>One &amp; two.</p><script>alert(1)</script><figure><figcaption>Cap</figcaption></figure>"
           "<footer><p>© Site</p></footer></body></html>")
    doc = parse(raw, "a.html", fmt="html")
    assert [(b.kind, b.text) for b in doc.blocks] == [("heading", "Headline"), ("paragraph", "One & two."), ("caption", "Cap")]
    amp = doc.blocks[1]
    assert raw[amp.raw_offset(amp.text.index("two"))] == "t"


def test_html_links_to_other_sites_keep_their_address() -> None:
    """As in Markdown: an absolute href follows the link text, so that TM02 sees a changed address."""
    raw = ('<p>Open the <a href="https://example.com/download">download page</a>, the <a href="/it/guide">guide</a> '
           'and <a href="https://x.org">https://x.org</a>; write to <a href="mailto:a@b.example">a@b.example</a> '
           'or <a href="mailto:c@d.example">us</a>.</p>')
    (block,) = parse(raw, "a.html", fmt="html").blocks
    assert block.text == ("Open the download page (https://example.com/download), the guide and https://x.org; "
                          "write to a@b.example or us (c@d.example).")
    at = block.text.index("https://example")
    assert raw[block.raw_offset(at):].startswith("https://example.com/download")


def test_markdown_front_matter_tables_and_comments_as_a_docs_site_writes_them() -> None:
    """Front matter is configuration except the title and description; a table row is a block; comments go."""
    raw = ('---\ntitle: "Getting started"\nweight: 10\ndescription: First steps.\n---\n\n'
           "| Option | Default |\n|---|:--:|\n| `timeout` | 30 |\n\n"
           "The cache lives in `~/.cache`. <!-- TODO: Windows -->\n\n<!-- a note\nthat spans lines --> Still text.\nLast line.\n")
    blocks = parse(raw, "a.md", fmt="markdown").blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Getting started"), ("paragraph", "First steps."), ("table_row", "Option | Default"),
        ("table_row", "`timeout` | 30"), ("paragraph", "The cache lives in `~/.cache`."),
        ("paragraph", "Still text. Last line.")]
    assert raw[blocks[0].raw_offset(0):].startswith("Getting started")
    # a rule at the top with no closing one, or prose between two rules, is no front matter
    assert [b.text for b in parse("---\n\nText.\n", "b.md", fmt="markdown").blocks] == ["Text."]
    assert [b.text for b in parse("---\nSome text here.\n---\nMore.\n", "c.md", fmt="markdown").blocks] == [
        "Some text here.", "More."]
    toml = '+++\ntitle = "Guida"\ntags = ["a", "b"]\n[params]\n  x = 1\n+++\nTesto.\n'
    assert [b.text for b in parse(toml, "d.md", fmt="markdown").blocks] == ["Guida", "Testo."]


def test_markdown_inline_html_is_markup_and_its_links_keep_their_address() -> None:
    raw = ('Press <kbd>Ctrl</kbd>+<kbd>C</kbd>.<br> The <abbr title="Application Programming Interface">API</abbr> is '
           'documented <a href="https://example.com/api">here</a>; see <https://example.com> too.\n')
    (block,) = parse(raw, "a.md", fmt="markdown").blocks
    assert block.text == "Press Ctrl+C. The API is documented here (https://example.com/api); see <https://example.com> too."
    at = block.text.index("https://example.com/api")
    assert raw[block.raw_offset(at):].startswith("https://example.com/api")
