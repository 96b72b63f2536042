"""Load a file into a Document of blocks, each with its span in the raw text.

Three formats: plain text (blocks are runs of non-blank lines), Markdown (headings, list items, quotes,
paragraphs; code fences kept as ``code`` blocks so URLs and identifiers in them still count) and HTML
(article content only: script, style and navigation are dropped). Whatever the format, each character of a
block's text maps back to an offset of the raw file, so a finding can always name the line and column the
user has to edit.
"""

from __future__ import annotations

import codecs
import html
import re
from html.parser import HTMLParser
from pathlib import Path

from .errors import InputError
from .model import Block, Document, Span, line_col

FORMATS = ("text", "markdown", "html")
_EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".xhtml": "html"}
# Whitespace-only lines, including the no-break spaces that blog editors leave between paragraphs.
_BLANK = re.compile(r"^[\s\u00a0\u2007\u202f\u200b\ufeff]*$")


def detect_format(path: str) -> str:
    """Format from the file name; anything unknown is plain text."""
    return _EXTENSIONS.get(Path(path).suffix.lower(), "text")


def decode(data: bytes, path: str, encoding: str | None = None) -> str:
    """Bytes to text: UTF-8 (BOM or not), UTF-16/32 with BOM, or the encoding the user named.

    Binary data and undecodable bytes are refused with the reason and the fix, never guessed at: a silently
    mis-decoded file would produce findings about characters that are not in the document.
    """
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}; use a Python codec name such as latin-1 or cp1252", path) from None
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(f"cannot be decoded as {encoding} (byte 0x{data[exc.start]:02x} at offset {exc.start})", path) from None
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                raise InputError(f"starts with a {codec} byte-order mark but is not valid {codec}", path) from None
    head = data[:8192]
    if b"\x00" in head:
        raise InputError("looks like a binary file (it contains NUL bytes), not text; pass a text, Markdown or HTML file", path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "if it is a legacy encoding, name it with --encoding (e.g. --encoding latin-1)",
            path,
        ) from None


def load(path: str | Path, lang: str = "", fmt: str | None = None, encoding: str | None = None) -> Document:
    """Read ``path`` and return its Document; the file is only ever opened for reading."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError("no such file; check the path", name)
    if p.is_dir():
        raise InputError("is a directory; pass a file (or run `paracheck check` with no path to check pairs/)", name)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", name) from None
    raw = decode(data, name, encoding)
    return parse(raw, name, lang, fmt or detect_format(name))


def parse(raw: str, path: str, lang: str = "", fmt: str = "text") -> Document:
    """Split already-decoded text into blocks according to its format."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r} (valid: {', '.join(FORMATS)})", path)
    if not raw.strip():
        raise InputError("is empty (no text to check); pass the file that holds the document", path)
    if fmt == "html":
        blocks = _html_blocks(raw)
    elif fmt == "markdown":
        blocks = _markdown_blocks(raw)
    else:
        blocks = _text_blocks(raw)
    if not blocks:
        raise InputError("has no readable text blocks; is it the right file?", path)
    return Document(path=path, lang=lang, format=fmt, raw=raw, blocks=tuple(blocks))


def _make_block(raw: str, index: int, kind: str, pieces: list[tuple[int, str]]) -> Block | None:
    """Build a block from (raw offset, text) pieces, collapsing whitespace but keeping the offset map."""
    chars: list[str] = []
    offs: list[int] = []
    for start, text in pieces:
        for k, ch in enumerate(text):
            if ch.isspace() or ch in "\u00a0\u200b\ufeff":
                if chars and chars[-1] != " ":
                    chars.append(" ")
                    offs.append(start + k)
                continue
            chars.append(ch)
            offs.append(start + k)
    while chars and chars[-1] == " ":
        chars.pop()
        offs.pop()
    if not chars:
        return None
    start, end = offs[0], offs[-1] + 1
    line, col = line_col(raw, start)
    return Block(index=index, kind=kind, text="".join(chars), span=Span(start, end, line, col), offsets=tuple(offs))


def _line_runs(raw: str) -> list[list[tuple[int, str]]]:
    """Runs of consecutive non-blank lines as lists of (offset, line)."""
    runs: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    pos = 0
    for line in raw.splitlines(keepends=True):
        if _BLANK.match(line):
            if current:
                runs.append(current)
                current = []
        else:
            current.append((pos, line))
        pos += len(line)
    if current:
        runs.append(current)
    return runs


_IMAGE_LINE = re.compile(r"^\S+\.(?:jpe?g|png|gif|svg|webp|avif|bmp|tiff?)$", re.IGNORECASE)


def _text_blocks(raw: str) -> list[Block]:
    blocks: list[Block] = []
    for run in _line_runs(raw):
        block = _make_block(raw, len(blocks), "paragraph", run)
        if block is None:
            continue
        if _IMAGE_LINE.match(block.text):
            block = Block(block.index, "image", block.text, block.span, block.offsets)
        blocks.append(block)
    return blocks


_MD_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+")
_MD_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
_MD_QUOTE = re.compile(r"^\s*>\s?")
_MD_FENCE = re.compile(r"^\s*(```|~~~)")
_MD_IMAGE = re.compile(r"^\s*!\[[^\]]*\]\([^)]*\)\s*$")
_MD_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_MD_COMMENT = re.compile(r"^\s*<!--.*-->\s*$")
# Inline markup removed from the visible text (the offsets still point into the raw line): image and link
# syntax (the text stays), emphasis, HTML comments and inline HTML tags (<kbd>, <br>, <abbr title=...>). Code spans
# stay whole, backticks included: code is copied, never translated, and the checks need to see it as code (TM02
# compares it verbatim; spelling, numbers and language identification leave it alone); "_" inside a word
# (snake_case) is no emphasis.
_MD_INLINE = re.compile(
    r"(?P<img>!\[(?P<alt>[^\]]*)\]\([^)]*\))"
    r"|\[(?P<ltext>[^\]]*)\]\((?P<lurl>[^)\s]*)[^)]*\)"
    r"|(?P<code>(?P<ticks>`+)[^`\n]+?(?P=ticks))"
    r"|<a\s[^<>]*?href=[\"'](?P<aurl>[^\"']*)[\"'][^<>]*>(?P<atext>.*?)</a\s*>"
    r"|<!--.*?-->|</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>"
    r"|\*\*|\*|(?<!\w)__?|__?(?!\w)"
)
# A link to another site keeps its address in the visible text, "page (https://...)": an address changed in one
# version is a finding (TM02). Relative links are left out; translated sites often localise them.
_ABSOLUTE_URL = re.compile(r"(?:https?://|www\.|mailto:)\S+", re.I)


def _address(url: str, shown: str) -> str | None:
    """The address a link adds to its visible text: None for a relative link or one its text already shows.

    A mailto: link shows its address without the scheme; the text often is that address already.
    """
    if not _ABSOLUTE_URL.fullmatch(url):
        return None
    address = url[7:] if url.lower().startswith("mailto:") else url
    return None if address in shown else address


def _strip_inline(start: int, text: str) -> list[tuple[int, str]]:
    """Drop inline Markdown markup, keeping link text (and absolute link addresses) and code, as (offset, text) pieces."""
    pieces: list[tuple[int, str]] = []
    pos = 0
    for m in _MD_INLINE.finditer(text):
        if m.start() > pos:
            pieces.append((start + pos, text[pos:m.start()]))
        pos = m.end()
        if m.group("code") is not None:  # a code span, as written
            pieces.append((start + m.start(), m.group(0)))
            continue
        if m.group("alt"):
            pieces.append((start + m.start("alt"), m.group("alt")))
            continue
        name = "ltext" if m.group("ltext") is not None else "atext" if m.group("atext") is not None else None
        if name is None:  # emphasis, a comment, a tag
            continue
        inner = m.group(name)
        pieces += _strip_inline(start + m.start(name), inner)  # an HTML link's text may hold markup of its own
        url = m.group("lurl") if name == "ltext" else m.group("aurl")
        address = _address(url or "", inner)
        if address:
            at = m.end("lurl" if name == "ltext" else "aurl") - len(address)  # past a mailto: scheme
            pieces += [(start + m.end(name), " ("), (start + at, address), (start + m.end() - 1, ")")]
    if pos < len(text):
        pieces.append((start + pos, text[pos:]))
    return pieces


# Front matter of static site generators (Hugo, Jekyll, MkDocs): YAML between "---" lines or TOML between "+++".
# Only the keys a reader sees are text; the rest (weight, draft, slug, dates as data) is configuration.
_FRONT_OPEN = re.compile(r"^\ufeff?(---|\+\+\+)\s*$")
_FRONT_TEXT = re.compile(r"^\s*(title|linktitle|subtitle|description|summary|excerpt)\s*[:=]\s*(['\"]?)(.*?)\2\s*$", re.I)
# What a front matter line looks like: a key (YAML or TOML), a list item, an indented continuation, a comment.
_FRONT_LINE = re.compile(r"^(?:\s*[\w.\-\"']+\s*[:=]|\s+\S|\s*-\s|\s*#|\s*\[)")
# A table row (| a | b |) is a block of its own; the row under the header (|---|:--:|) is layout.
_MD_TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")


def _front_matter(raw: str) -> tuple[int, list[tuple[int, str, str]]]:
    """(where the body starts, [(raw offset, kind, text)] of the front matter's visible values); (0, []) without one."""
    lines = raw.splitlines(keepends=True)
    m = _FRONT_OPEN.match(lines[0].rstrip("\r\n")) if lines else None
    if m is None:
        return 0, []
    close = {"---": ("---", "..."), "+++": ("+++",)}[m.group(1)]
    pos = len(lines[0])
    found: list[tuple[int, str, str]] = []
    for line in lines[1:200]:
        body = line.rstrip("\r\n")
        if body.strip() in close:
            return pos + len(line), found
        if body.strip() and not _FRONT_LINE.match(body):
            return 0, []  # prose between two rules at the top of the file, not front matter
        t = _FRONT_TEXT.match(body)
        if t and t.group(3).strip():
            found.append((pos + t.start(3), "heading" if t.group(1).lower() in ("title", "linktitle") else "paragraph", t.group(3)))
        pos += len(line)
    return 0, []  # no closing line: an ordinary rule at the top, not front matter


def _markdown_blocks(raw: str) -> list[Block]:
    blocks: list[Block] = []
    pending: list[tuple[int, str]] = []
    kind = "paragraph"
    body_start, front = _front_matter(raw)
    for at, front_kind, text in front:
        block = _make_block(raw, len(blocks), front_kind, [(at, text)])
        if block is not None:
            blocks.append(block)

    def flush() -> None:
        nonlocal pending, kind
        if pending:
            block = _make_block(raw, len(blocks), kind, pending)
            if block is not None:
                blocks.append(block)
        pending, kind = [], "paragraph"

    pos = 0
    fence: str | None = None
    comment = False
    for line in raw.splitlines(keepends=True):
        start = pos
        pos += len(line)
        if start < body_start:
            continue
        body = line.rstrip("\r\n")
        if comment:  # inside an HTML comment that spans lines: what follows its end on the closing line is text
            if "-->" not in body:
                continue
            cut = body.index("-->") + 3
            comment, start, body = False, start + cut, body[cut:]
            if not body.strip():
                continue
        if fence is None and "<!--" in body and "-->" not in body[body.index("<!--"):]:
            body = body[:body.index("<!--")]
            comment = True
            if not body.strip():
                flush()
                continue
        if fence is not None:
            if body.strip().startswith(fence):
                fence = None
                flush()
            else:
                pending.append((start, body))
            continue
        m = _MD_FENCE.match(body)
        if m:
            flush()
            fence, kind = m.group(1), "code"
            continue
        if _BLANK.match(body) or _MD_RULE.match(body):
            flush()
            continue
        if _MD_COMMENT.match(body):
            flush()
            continue
        if _MD_IMAGE.match(body):
            flush()
            pending, kind = [(start, body)], "image"
            flush()
            continue
        row = _MD_TABLE_ROW.match(body)
        if row:
            flush()
            if not _MD_TABLE_RULE.match(body):
                pending, kind = _strip_inline(start + row.start(1), row.group(1)), "table_row"
                flush()
            continue
        h = _MD_HEADING.match(body)
        if h:
            flush()
            pending, kind = _strip_inline(start + h.end(), body[h.end():].rstrip("# ")), "heading"
            flush()
            continue
        li = _MD_LIST.match(body)
        if li:
            flush()
            kind = "list_item"
            pending = _strip_inline(start + li.end(), body[li.end():])
            continue
        q = _MD_QUOTE.match(body)
        if q:
            if kind != "quote":
                flush()
                kind = "quote"
            pending.extend(_strip_inline(start + q.end(), body[q.end():] + " "))
            continue
        pending.extend(_strip_inline(start, body + " "))
    flush()
    return blocks


_HTML_BLOCK_TAGS = {
    "p": "paragraph", "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
    "h6": "heading", "li": "list_item", "figcaption": "caption", "caption": "caption", "blockquote": "quote",
    "td": "paragraph", "th": "paragraph", "dt": "paragraph", "dd": "paragraph", "pre": "code", "title": "heading",
    "div": "paragraph", "section": "paragraph", "article": "paragraph", "main": "paragraph", "body": "paragraph",
    "tr": "paragraph", "table": "paragraph", "ul": "paragraph", "ol": "paragraph", "figure": "paragraph",
}
_HTML_SKIP = {"script", "style", "nav", "noscript", "template", "svg", "head", "iframe", "form", "button", "select"}
_HTML_VOID = {"br", "img", "hr", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed", "track"}


class _HtmlBlocks(HTMLParser):
    """Collect visible text of block elements, with the raw offset of every character."""

    def __init__(self, raw: str) -> None:
        super().__init__(convert_charrefs=False)
        self.raw = raw
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", raw)]
        self.skip_depth = 0
        self.kinds: list[str] = []
        self.pending: list[tuple[int, str]] = []
        self.blocks: list[Block] = []
        self.chrome_stack: list[str] = []
        self.links: list[tuple[str, int] | None] = []  # open <a> elements: (absolute address, its raw offset) or None
        self.link_text_from = 0  # where the innermost open link's text starts in ``pending``

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def flush(self) -> None:
        if self.pending:
            kind = self.kinds[-1] if self.kinds else "paragraph"
            block = _make_block(self.raw, len(self.blocks), kind, self.pending)
            if block is not None:
                self.blocks.append(block)
        self.pending = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HTML_SKIP:
            if tag not in _HTML_VOID:
                self.skip_depth += 1
            return
        if self.skip_depth:
            if self.chrome_stack and tag == self.chrome_stack[-1]:  # nested same tag: its end tag must not end the chrome
                self.chrome_stack.append(tag)
                self.skip_depth += 1
            return
        role = dict(attrs).get("role") or ""
        if tag in ("footer", "aside") or role in ("navigation", "banner", "contentinfo", "complementary", "search"):
            # site chrome around the article: menus, sidebars, footers (not translated content)
            self.chrome_stack.append(tag)
            self.skip_depth += 1
            return
        if tag in _HTML_BLOCK_TAGS:
            self.flush()
            self.kinds.append(_HTML_BLOCK_TAGS[tag])
        elif tag == "a":
            href = (dict(attrs).get("href") or "").strip()
            start = self._offset()
            at = (self.get_starttag_text() or "").find(href) if href else -1
            self.links.append((href, start + max(at, 0)) if _ABSOLUTE_URL.fullmatch(href) else None)
            self.link_text_from = len(self.pending)
        elif tag == "br":
            self.pending.append((self._offset(), " "))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and not self.skip_depth:
            self.pending.append((self._offset(), " "))

    def handle_endtag(self, tag: str) -> None:
        if (tag in _HTML_SKIP and tag not in _HTML_VOID) or (self.chrome_stack and tag == self.chrome_stack[-1]):
            if self.chrome_stack and tag == self.chrome_stack[-1]:
                self.chrome_stack.pop()
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if self.skip_depth:
            return
        if tag == "a" and self.links:
            link = self.links.pop()
            shown = "".join(text for _, text in self.pending[self.link_text_from:])
            address = _address(link[0], shown) if link is not None else None
            if link is not None and address:  # the address after the link text, as in Markdown
                at = self._offset()
                self.pending += [(at, " ("), (link[1] + len(link[0]) - len(address), address), (at, ")")]
        if tag in _HTML_BLOCK_TAGS:
            self.flush()
            if self.kinds:
                self.kinds.pop()

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.pending.append((self._offset(), data))

    def handle_entityref(self, name: str) -> None:
        if not self.skip_depth:
            self.pending.append((self._offset(), html.unescape(f"&{name};")))

    def handle_charref(self, name: str) -> None:
        if not self.skip_depth:
            self.pending.append((self._offset(), html.unescape(f"&#{name};")))


def _html_blocks(raw: str) -> list[Block]:
    parser = _HtmlBlocks(raw)
    parser.feed(raw)
    parser.close()
    parser.flush()
    # An entity expands to one character mapped to the entity's offset; several characters share it.
    return parser.blocks
