"""One configured Markdown parser, and a body rendered into the parts pages need.

The parser is CommonMark with tables, strikethrough and footnotes, plus rsgen's blocks,
embeds and figures (`rsgen.content.blocks`); each body's parse carries its own `BodyState`,
so one parser serves every file of a build.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from rsgen.base.errors import Problems
from rsgen.content.blocks import ENV_KEY, BodyState, use_blocks
from rsgen.content.model import Body

# blocks that may open up in a teaser's "keep reading"; headings, embeds and footnotes stay
# on the article page, where their ids and scripts belong
PREVIEW_BLOCKS = frozenset(
    {"paragraph_open", "blockquote_open", "bullet_list_open", "ordered_list_open"}
)
PREVIEW_BLOCK_LIMIT = 3


@dataclass(frozen=True)
class Link:
    """A link target in a body, with its source line (relative to the body's first line)."""

    href: str
    line: int


def make_parser(html: bool = True) -> MarkdownIt:
    """CommonMark plus tables, strikethrough, footnotes and rsgen's blocks; raw HTML only
    when the site allows it."""
    md = MarkdownIt("commonmark", {"html": html, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    use_blocks(md)
    return md


class BodyRenderer:
    """Renders bodies with one parser; made once per build (or per worker process).

    `zone` is the site's time zone, for live updates written without an offset.
    """

    def __init__(self, html: bool = True, zone: dt.tzinfo = dt.UTC) -> None:
        self.md = make_parser(html)
        self.zone = zone

    def render(
        self,
        text: str,
        first_line: int = 0,
        source: str = "",
        problems: Problems | None = None,
        blocks: bool = True,
    ) -> Body:
        """Full HTML, the first paragraph (HTML and text), the preview blocks, a word count,
        and every link with its file line (`first_line`: the file line the body starts on).

        Problems of its blocks are recorded as `source:LINE`; `blocks=False` (author bios)
        makes every `:::` block an error and leaves lone images and URLs as they are.
        """
        state = BodyState(
            self.md, self.zone, source, first_line, problems or Problems(), blocks=blocks
        )
        env = {ENV_KEY: state}
        tokens = self.md.parse(text, env)
        html = self.md.renderer.render(tokens, self.md.options, env)
        first = _first_paragraph(tokens)
        excerpt_html = self.md.renderer.render(first, self.md.options, {}) if first else ""
        excerpt_text = _plain_text(first).strip()
        more_html = self.md.renderer.render(_preview_tokens(tokens, first), self.md.options, {})
        # token lines count from 0, so the body's first line is `first_line` itself
        links = tuple((link.href, first_line + link.line) for link in _links(tokens))
        words = len(text.split())
        # newest first; of two updates with one time, the one written later
        order = sorted(enumerate(state.updates), key=lambda p: (p[1].time, p[0]), reverse=True)
        updates = [update for _, update in order]
        return Body(
            html,
            excerpt_html.strip(),
            excerpt_text,
            more_html.strip(),
            words,
            links,
            tuple(state.slots),
            tuple(updates),
        )


def _links(tokens: Sequence[Token]) -> list[Link]:
    """Every link and image target in a body with its line (0 = the body's first)."""
    found: list[Link] = []
    for block in tokens:
        line = block.map[0] if block.map else 0
        for token in block.children or ():
            # an inline block spans lines: count the breaks before the link
            if token.type in ("softbreak", "hardbreak"):
                line += 1
            elif token.type == "html_inline":
                line += token.content.count("\n")
            href = token.attrGet("href") or token.attrGet("src")
            if token.type in ("link_open", "image") and isinstance(href, str):
                found.append(Link(href, line))
    return found


def _top_level_blocks(tokens: Sequence[Token]) -> list[list[Token]]:
    """Split a token stream into its top-level blocks (each opening token to its close)."""
    blocks: list[list[Token]] = []
    current: list[Token] = []
    for token in tokens:
        current.append(token)
        if token.level == 0 and token.nesting <= 0:
            blocks.append(current)
            current = []
    return blocks


def _first_paragraph(tokens: Sequence[Token]) -> list[Token]:
    for block in _top_level_blocks(tokens):
        if block[0].type == "paragraph_open" and _plain_text(block).strip():
            return [_without_footnote_refs(t) for t in block]
    return []


def _preview_tokens(tokens: Sequence[Token], first: list[Token]) -> list[Token]:
    """Up to PREVIEW_BLOCK_LIMIT blocks after the first paragraph, footnote marks removed."""
    picked: list[Token] = []
    count = 0
    seen_first = not first
    for block in _top_level_blocks(tokens):
        if not seen_first:
            seen_first = block[0].type == "paragraph_open" and _plain_text(block).strip() != ""
            continue
        if block[0].type not in PREVIEW_BLOCKS or any(t.type == "rsgen_slot" for t in block):
            continue  # slots are for the article page (a figure inside a quotation, say)
        picked.extend(_without_footnote_refs(t) for t in block)
        count += 1
        if count == PREVIEW_BLOCK_LIMIT:
            break
    return picked


def _without_footnote_refs(token: Token) -> Token:
    if not token.children or not any(c.type == "footnote_ref" for c in token.children):
        return token
    return token.copy(children=[c for c in token.children if c.type != "footnote_ref"])


def _plain_text(tokens: Sequence[Token]) -> str:
    parts: list[str] = []
    for token in tokens:
        for child in token.children or ():
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
    return "".join(parts)
