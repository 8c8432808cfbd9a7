"""markdown-it-pyrs's tree as markdown-it-py's tokens, so markdown-it-py's renderer writes them.

The fast path (`fast_markdown`) renders a whole body with markdown-it-pyrs, but a teaser's
excerpt and "keep reading" are single top-level blocks, which that library cannot render
alone. Turned into the tokens markdown-it-py would have made for them (same types, tags,
attributes, nesting, levels and hidden paragraphs of tight lists), they come out of
markdown-it-py's own renderer exactly as in the slow path. A node this does not know raises
`Declined`, and the body goes to markdown-it-py whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import markdown_it_pyrs
from markdown_it.token import Token

INLINE_NODES = frozenset(
    {
        "text",
        "text_special",
        "em",
        "strong",
        "strikethrough",
        "code_inline",
        "link",
        "autolink",
        "image",
        "html_inline",
        "softbreak",
        "hardbreak",
    }
)
PAIRED = {"em": "em", "strong": "strong", "strikethrough": "s"}  # node: markdown-it-py's tag


class Declined(Exception):
    """The body needs markdown-it-py: the fast path cannot promise the same result."""


def tokens_of(nodes: Sequence[markdown_it_pyrs.Node]) -> list[Token]:
    """The tokens of some top-level blocks."""
    tokens: list[Token] = []
    for node in nodes:
        _block(node, tokens, 0, hidden=False)
    return tokens


def plain_text(node: markdown_it_pyrs.Node) -> str:
    """`markdown._plain_text` of a block: its text and code, breaks as spaces (an image's
    alt text is not the block's in markdown-it-py's flat token stream)."""
    parts: list[str] = []
    _text_of(node.children, parts)
    return "".join(parts)


def _text_of(nodes: Sequence[markdown_it_pyrs.Node], parts: list[str]) -> None:
    for node in nodes:
        name = node.name
        if name in ("text", "text_special"):
            parts.append(str(node.meta.get("content", "")))
        elif name in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif name != "image" and name != "html_inline":
            _text_of(node.children, parts)


def _block(node: markdown_it_pyrs.Node, out: list[Token], level: int, hidden: bool) -> None:
    name = node.name
    if name == "paragraph":
        _paragraph(node.children, out, level, hidden)
    elif name in ("heading", "lheading"):
        tag = f"h{node.meta['level']}"
        out.append(_token("heading_open", tag, 1, level))
        out.append(_inline_token(node.children, level + 1))
        out.append(_token("heading_close", tag, -1, level))
    elif name == "blockquote":
        out.append(_token("blockquote_open", "blockquote", 1, level))
        for child in node.children:
            _block(child, out, level + 1, hidden=False)
        out.append(_token("blockquote_close", "blockquote", -1, level))
    elif name in ("bullet_list", "ordered_list"):
        _list(node, out, level)
    elif name in ("fence", "code_block", "html_block"):
        token = _token(name, "code" if name != "html_block" else "", 0, level)
        token.content = str(node.meta.get("content", ""))
        token.info = str(node.meta.get("info", ""))
        out.append(token)
    elif name == "hr":
        out.append(_token("hr", "hr", 0, level))
    elif name != "definition":
        raise Declined(f"an unknown block: {name}")


def _paragraph(
    nodes: Sequence[markdown_it_pyrs.Node], out: list[Token], level: int, hidden: bool
) -> None:
    opening = _token("paragraph_open", "p", 1, level)
    closing = _token("paragraph_close", "p", -1, level)
    opening.hidden = closing.hidden = hidden
    out.extend((opening, _inline_token(nodes, level + 1), closing))


def _list(node: markdown_it_pyrs.Node, out: list[Token], level: int) -> None:
    ordered = node.name == "ordered_list"
    tag = "ol" if ordered else "ul"
    opening = _token(f"{node.name}_open", tag, 1, level)
    start = node.meta.get("start", 1) if ordered else 1
    if start != 1:
        opening.attrs = {"start": int(str(start))}
    out.append(opening)
    for item in node.children:
        out.append(_token("list_item_open", "li", 1, level + 1))
        run: list[markdown_it_pyrs.Node] = []
        for child in item.children:
            if child.name in INLINE_NODES:
                run.append(child)
                continue
            if run:
                _paragraph(run, out, level + 2, hidden=True)
                run = []
            _block(child, out, level + 2, hidden=False)
        if run:
            _paragraph(run, out, level + 2, hidden=True)
        out.append(_token("list_item_close", "li", -1, level + 1))
    out.append(_token(f"{node.name}_close", tag, -1, level))


def _inline_token(nodes: Sequence[markdown_it_pyrs.Node], level: int) -> Token:
    token = _token("inline", "", 0, level)
    token.children = []
    _inline(nodes, token.children)
    return token


def _inline(nodes: Sequence[markdown_it_pyrs.Node], out: list[Token]) -> None:
    for node in nodes:
        name = node.name
        if name in ("text", "text_special"):
            token = _token("text", "", 0, 0, block=False)
            token.content = str(node.meta.get("content", ""))
            out.append(token)
        elif name in PAIRED:
            tag = PAIRED[name]
            out.append(_token(f"{tag}_open", tag, 1, 0, block=False))
            _inline(node.children, out)
            out.append(_token(f"{tag}_close", tag, -1, 0, block=False))
        elif name == "code_inline":
            token = _token("code_inline", "code", 0, 0, block=False)
            token.content = plain_text(node)
            out.append(token)
        elif name in ("link", "autolink"):
            opening = _token("link_open", "a", 1, 0, block=False)
            opening.attrs = {"href": str(node.meta.get("url", ""))}
            title = node.meta.get("title")
            if title:
                opening.attrs["title"] = str(title)
            out.append(opening)
            _inline(node.children, out)
            out.append(_token("link_close", "a", -1, 0, block=False))
        elif name == "image":
            token = _token("image", "img", 0, 0, block=False)
            token.attrs = {"src": str(node.meta.get("url", "")), "alt": ""}
            title = node.meta.get("title")
            if title:
                token.attrs["title"] = str(title)
            token.children = []
            _inline(node.children, token.children)
            out.append(token)
        elif name == "html_inline":
            token = _token("html_inline", "", 0, 0, block=False)
            token.content = str(node.meta.get("content", ""))
            out.append(token)
        elif name in ("softbreak", "hardbreak"):
            out.append(_token(name, "br", 0, 0, block=False))
        else:
            raise Declined(f"an unknown inline node: {name}")


def _token(
    kind: str, tag: str, nesting: Literal[-1, 0, 1], level: int, block: bool = True
) -> Token:
    token = Token(kind, tag, nesting)
    token.level = level
    token.block = block
    return token
