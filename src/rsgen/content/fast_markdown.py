"""A faster way to the same `Body`: markdown-it-pyrs (Rust) for the bodies it renders alike.

markdown-it-py's inline parsing is most of a cold build's Markdown time. markdown-it-pyrs
parses the same CommonMark several times faster, but it is another implementation: it
follows an older spec in a few corners, knows nothing of rsgen's blocks, and panics on some
input. So it is used per body, only where it is known to agree, and markdown-it-py
(`BodyRenderer`, the one definition of a body) does everything else. A body goes to
markdown-it-py when

- a look at its text finds what the fast path leaves alone (`_plain_enough`): `:::` blocks,
  footnotes, any image (a lone one is a figure), a line that is a lone URL (an embed), HTML
  comments and declarations, a table's delimiter row, a line after a quotation's without a
  blank line (the parsers end quotations differently), double backticks or `~~~`, a code
  span and a link in one body (where the Rust parser panics), whitespace other than spaces,
  tabs and newlines, emphasis beside a non-ASCII symbol (spec 0.31 counts symbols as
  punctuation, the Rust parser does not), or no newline at the end;
- the walk over the Rust parser's tree finds an empty quotation, a table, a link to a
  non-ASCII address (markdown-it-py writes its host in punycode), a link with an empty title,
  a code span of spaces or over two lines, a fence whose info string has an escape or
  entity, or any node it does not know;
- markdown-it-pyrs raises anything, its panics (`PanicException`, a BaseException) included;
- the site turns raw HTML off, the body is an author's bio (no blocks), or the installed
  markdown-it-py is not the major version the proof ran against.

A body it takes is rendered by markdown-it-pyrs in one piece (the page's HTML); the excerpt
and the "keep reading" blocks, a few top-level blocks, become markdown-it-py tokens for
markdown-it-py's renderer (`fast_tokens`), and the links are counted line by line as
`markdown._links` counts them. Each rule above comes from a difference seen; the proof that
what is left is equal, field by field, is tests/test_fast_markdown.py: every CommonMark spec
example, the example site, a generated corpus and a fuzzer.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator, Sequence

import markdown_it
import markdown_it_pyrs

from rsgen.base.errors import Problems
from rsgen.content.fast_tokens import INLINE_NODES, PAIRED, Declined, plain_text, tokens_of
from rsgen.content.markdown import PREVIEW_BLOCK_LIMIT, BodyRenderer
from rsgen.content.model import Body

PROVEN_WITH = "4."  # the markdown-it-py the tests compare with (constraints.txt pins it)
# what markdown-it-py does with these differs, or only markdown-it-py knows them (see above)
DECLINED_TEXT = re.compile(r":::|\[\^|\^\[|!\[|<!|~~~|``")
# a quotation's line (a list item's too): followed by a line that is neither one nor blank
# (a lazy line), it ends where the two parsers disagree
QUOTE_LINE = re.compile(r"[ \t\-+*\d.)]*>")
# a line that is a URL alone (an embed, or a link to itself)
LONE_URL = re.compile(r"<?https?://[^\s<>\"'`]+>?")
# a line a table could take for its delimiter row (where tables start and end, the two
# parsers disagree; with a "|" anywhere, such a line sends the body to markdown-it-py)
DELIMITER_ROW = re.compile(r"^[ \t|:]*-[ \t|:\-]*$", re.MULTILINE)
# a percent-escape of a non-ASCII byte: the writer's address had a character only
# markdown-it-py's normalisation (punycode for hosts) knows how to write
NON_ASCII_ESCAPE = re.compile(r"%[89a-fA-F][0-9a-fA-F]")
PREVIEW_NODES = frozenset({"paragraph", "blockquote", "bullet_list", "ordered_list"})


def panicked(err: BaseException) -> bool:
    """A Rust panic, which pyo3 raises as `PanicException` (a BaseException, so that Python
    code does not catch it by accident; it is not importable by name)."""
    return type(err).__name__ == "PanicException"


class FastBodyRenderer(BodyRenderer):
    """`BodyRenderer` that takes markdown-it-pyrs for the bodies it renders alike.

    `taken` and `declined` count the bodies each way went (for benchmarks and tests).
    """

    def __init__(self, html: bool = True, zone: dt.tzinfo = dt.UTC) -> None:
        super().__init__(html, zone)
        # raw HTML is always on in markdown-it-pyrs; the proof is against markdown-it-py 4
        proven = markdown_it.__version__.startswith(PROVEN_WITH)
        self.fast = (
            markdown_it_pyrs.MarkdownIt("commonmark").enable_many(["table", "strikethrough"])
            if html and proven
            else None
        )
        self.taken = 0
        self.declined = 0

    def render(
        self,
        text: str,
        first_line: int = 0,
        source: str = "",
        problems: Problems | None = None,
        blocks: bool = True,
    ) -> Body:
        if blocks and self.fast is not None:
            body = self.fast_body(text, first_line)
            if body is not None:
                self.taken += 1
                return body
        self.declined += 1
        return super().render(text, first_line, source, problems, blocks)

    def fast_body(self, text: str, first_line: int = 0) -> Body | None:
        """The body by markdown-it-pyrs, or None when it must be markdown-it-py's."""
        if self.fast is None or not _plain_enough(text):
            return None
        return self.rust_body(text, first_line)

    def rust_body(self, text: str, first_line: int = 0) -> Body | None:
        """The body by markdown-it-pyrs without the look at the text (None if it declines,
        raises or panics); `fast_body` is the one to call."""
        if self.fast is None:
            return None
        try:
            html = self.fast.render(text)
            tree = self.fast.tree(text)
            return _Walk(self, text, first_line).body(html, tree)
        except Declined:
            return None
        except BaseException as err:  # a panic is a BaseException; nothing else is swallowed
            if isinstance(err, Exception) or panicked(err):
                return None
            raise


def _plain_enough(text: str) -> bool:
    """Whether the text may go to the fast path at all (see the module's docstring)."""
    if not text.endswith("\n") or DECLINED_TEXT.search(text):
        return False  # a last line without its newline ends an HTML block or fence differently
    # control characters (\r, NUL, form feed…) and whitespace other than spaces, tabs and
    # newlines (a no-break space, say), which markdown-it-py strips where Python's str.strip
    # does and pyrs keeps: only these, and some format characters, are not printable
    if not text.replace("\n", "").replace("\t", "").isprintable():
        return False
    if "`" in text and "[" in text:
        return False  # a code span in a link's text is where the Rust parser panics
    # from here on, "\n" is the only line break; the lines looked at are found with str.find,
    # several times faster than a regular expression over the whole body
    if "|" in text and DELIMITER_ROW.search(text):
        return False
    if any(
        QUOTE_LINE.match(text, *_line(text, i)) and _lazy_next(text, i) for i in _all(text, ">")
    ):
        return False
    if any(
        LONE_URL.fullmatch(text[slice(*_line(text, i))].strip(" \t")) for i in _all(text, "http")
    ):
        return False
    if not text.isascii() and any(c in text for c in "*_~"):
        for char in set(text):
            if ord(char) > 127 and unicodedata.category(char).startswith("S"):
                return False
    return True


def _all(text: str, part: str) -> Iterator[int]:
    """Where `part` occurs in `text`."""
    at = text.find(part)
    while at >= 0:
        yield at
        at = text.find(part, at + 1)


def _line(text: str, at: int) -> tuple[int, int]:
    """Start and end of the line holding `text[at]`."""
    end = text.find("\n", at)
    return text.rfind("\n", 0, at) + 1, len(text) if end < 0 else end


def _lazy_next(text: str, at: int) -> bool:
    """Whether the line after the one holding `text[at]` (a quotation's line) is neither
    blank nor a quotation's line: a lazy line, where the two parsers end quotations apart."""
    end = _line(text, at)[1]
    if end >= len(text) - 1:
        return False
    after, after_end = _line(text, end + 1)
    return bool(text[after:after_end].strip()) and not QUOTE_LINE.match(text, after, after_end)


class _Walk:
    """One accepted body's walk over the Rust parser's tree."""

    def __init__(self, renderer: BodyRenderer, text: str, first_line: int) -> None:
        self.md = renderer.md
        self.text = text
        self.first_line = first_line
        self.links: list[tuple[str, int]] = []
        self._data: bytes | None = None

    def body(self, html: str, tree: markdown_it_pyrs.Node) -> Body:
        top = list(tree.children)
        first: markdown_it_pyrs.Node | None = None
        first_text = ""
        for node in top:
            self.check(node)
        for node in top:
            if node.name == "paragraph":
                first_text = plain_text(node).strip()
                if first_text:
                    first = node
                    break
        excerpt_html = self.render([first]) if first is not None else ""
        preview: list[markdown_it_pyrs.Node] = []
        seen_first = first is None
        for node in top:
            if not seen_first:
                seen_first = node.name == "paragraph" and plain_text(node).strip() != ""
                continue
            if node.name not in PREVIEW_NODES:
                continue
            preview.append(node)
            if len(preview) == PREVIEW_BLOCK_LIMIT:
                break
        return Body(
            html,
            excerpt_html.strip(),
            first_text,
            self.render(preview).strip(),
            len(self.text.split()),
            tuple(self.links),
        )

    # -- the checks, and the links with their lines -----------------------------------------

    def check(self, node: markdown_it_pyrs.Node) -> None:
        """Refuse what the Rust parser renders differently; gather the links on the way."""
        name = node.name
        children = node.children
        if name == "blockquote" and all(c.name == "definition" for c in children):
            raise Declined("an empty quotation")  # markdown-it-py writes it on one line
        if name == "table":  # where a table ends, the two parsers disagree
            raise Declined("a table")
        if name == "fence":
            info = str(node.meta.get("info", ""))
            if "\\" in info or "&" in info:
                raise Declined("a fence's info string with an escape or entity")
        if name in ("paragraph", "heading", "lheading"):
            if children:
                self.inline_links(children, self.line_at(node))
            return
        if name == "list_item":  # a tight list's paragraph is its inline nodes, directly
            run: list[markdown_it_pyrs.Node] = []
            for i, child in enumerate(children):
                if child.name in INLINE_NODES:
                    run.append(child)
                    continue
                if run:
                    self.inline_links(run, self.item_line(node, i - len(run)))
                    run = []
                self.check(child)
            if run:
                self.inline_links(run, self.item_line(node, len(children) - len(run)))
            return
        if name in INLINE_NODES:
            raise Declined(f"an inline node outside a block: {name}")
        for child in children:
            self.check(child)

    def inline_links(self, nodes: Sequence[markdown_it_pyrs.Node], line: int) -> int:
        """Record the links among inline nodes, counting lines as markdown-it-py's flat
        token stream does (breaks and raw HTML's newlines; never inside an image)."""
        for node in nodes:
            name = node.name
            if name in ("softbreak", "hardbreak"):
                line += 1
            elif name == "html_inline":
                line += str(node.meta.get("content", "")).count("\n")
            elif name in ("link", "autolink", "image"):
                meta = node.meta
                url = str(meta.get("url", ""))
                if NON_ASCII_ESCAPE.search(url):
                    raise Declined("a link to a non-ASCII address")
                if meta.get("title") == "":
                    raise Declined("an empty title (markdown-it-py leaves it out)")
                if url:  # markdown-it-py's `_links` skips an empty target
                    self.links.append((url, self.first_line + line))
                if name == "image":
                    continue  # its alt text is one token's children in markdown-it-py
                line = self.inline_links(node.children, line)
            elif name == "code_inline":
                if not plain_text(node).strip(" "):  # pyrs trims one of only spaces
                    raise Declined("a code span of spaces alone")
                if "\n" in self.source_of(node):  # pyrs drops the next line's indentation
                    raise Declined("a code span over two lines")
            elif name in PAIRED:
                line = self.inline_links(node.children, line)
            elif name not in INLINE_NODES:
                raise Declined(f"an unknown inline node: {name}")
        return line

    def source_of(self, node: markdown_it_pyrs.Node) -> str:
        where = node.srcmap
        if where is None:
            raise Declined("a node without a source position")
        return self.data[where[0] : where[1]].decode()

    @property
    def data(self) -> bytes:
        """The body as UTF-8: markdown-it-pyrs's source positions count its bytes."""
        if self._data is None:
            self._data = self.text.encode()
        return self._data

    def item_line(self, item: markdown_it_pyrs.Node, start: int) -> int:
        """The line of a tight list item's paragraph (its inline nodes from `start` on): the
        item's own first line. (An inline node's source position can be wrong: pyrs gives
        what a split `**` opens the span of another node.)"""
        if start != 0:
            raise Declined("a tight item whose paragraph follows another block")
        where = item.srcmap
        if where is None:
            raise Declined("a node without a source position")
        end = self.data.find(b"\n", where[0])
        marker_line = self.data[where[0] : end if end >= 0 else len(self.data)]
        if not marker_line.lstrip(b" \t-+*0123456789.)").strip():
            raise Declined("a list item whose text starts on its second line")
        return self.line_at(item)

    def line_at(self, node: markdown_it_pyrs.Node) -> int:
        """The body line (from 0) a node starts on, from its byte offset."""
        where = node.srcmap
        if where is None:
            raise Declined("a node without a source position")
        return self.data.count(b"\n", 0, where[0])

    def render(self, nodes: Sequence[markdown_it_pyrs.Node]) -> str:
        """HTML of a few top-level blocks, by markdown-it-py's renderer."""
        return str(self.md.renderer.render(tokens_of(nodes), self.md.options, {}))
