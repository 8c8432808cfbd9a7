"""What Pagefind is given of a page: the parts of it that its index is made from.

A rendered article page is mostly what search ignores (navigation, teasers, keep-reading,
the footer), and Pagefind spends a fifth of its time reading it. When a page marks what is
searched (`data-pagefind-body`), Pagefind's index of it depends only on the elements that
carry a `data-pagefind-*` attribute, the page's `<html>` and `<body>` tags, its `<title>`, its
first heading and the first image after it (Pagefind's default title and image, used where the
page sets none); `search_document` keeps those, in the page's order and byte for byte, and
drops the rest. The search index made from these documents is the one made from the whole
pages (tests/test_search_documents.py checks it file by file on the example site and a
generated corpus), Pagefind reads about a third as much, and a page whose teasers changed but
not its searched text keeps its part of the index.

The reader is a tag scanner, not an HTML parser: it follows the page only while every end tag
closes the element opened last. A page it cannot follow that way (an end tag left out, a
`<div/>`, a marker inside a script) is given whole, as Pagefind would read it anyway.
"""

from __future__ import annotations

import re

MARK = "data-pagefind-"
VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
FOREIGN = frozenset(("svg", "math"))  # where `<x/>` closes itself
_TAGS = re.compile(r"<[^>]*>")

_MARKUP = re.compile(
    r"<!--.*?-->"
    r"|<(script|style|textarea|title)\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>.*?</\1\s*>"
    r"|<(/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"
    r"|<!",
    re.S | re.I,
)


def search_document(html: str) -> str | None:
    """The part of `html` that Pagefind's index of it depends on, as a page of its own; None
    when the page marks no searched part or cannot be followed (then give Pagefind all of it)."""
    if MARK + "body" not in html:
        return None
    head: list[str] = []
    body: list[str] = []
    html_tag = body_tag = ""
    stack: list[str] = []
    start = depth = -1  # the element being kept whole, while one is
    # Pagefind's default title is the first h1 with text; its default image the first img
    # (with a src) after that: h1s are kept until then, imgs until the one after it
    heading_from = -1
    titled = imaged = False
    for m in _MARKUP.finditer(html):
        raw, raw_attrs, closing, name, attrs = m.groups()
        if raw is not None:
            if start < 0 and MARK in raw_attrs:
                return None  # a marked script or style: rarer than worth following
            if start < 0 and not body_tag and raw.lower() == "title":
                head.append(m.group(0))
            continue
        if name is None:
            continue  # a comment or a doctype
        tag = name.lower()
        if closing:
            if not stack or stack[-1] != tag:
                return None
            stack.pop()
            if tag == "h1" and heading_from >= 0 and "h1" not in stack:
                titled = titled or bool(_TAGS.sub("", html[heading_from : m.start()]).strip())
                heading_from = -1
            if start >= 0 and len(stack) == depth:
                (body if body_tag else head).append(html[start : m.end()])
                start = -1
            continue
        closes_itself = tag in VOID or (attrs.endswith("/") and not FOREIGN.isdisjoint(stack))
        if attrs.endswith("/") and not closes_itself:
            return None  # `<div/>` opens a div in HTML: leave such pages to Pagefind
        default = (tag == "h1" and not titled) or (tag == "img" and not imaged)
        if tag == "h1" and heading_from < 0:
            heading_from = m.end()
        elif tag == "img" and titled and "src" in attrs:
            imaged = True
        if tag == "html":
            html_tag = m.group(0)
        elif tag == "body":
            if MARK in attrs:
                return None  # the whole body is searched: nothing to leave out
            body_tag = m.group(0)
        elif start < 0 and (MARK in attrs or default):
            if closes_itself:
                (body if body_tag else head).append(m.group(0))
            else:
                start, depth = m.start(), len(stack)
        if not closes_itself:
            stack.append(tag)
    if stack or start >= 0 or not body_tag or not any(MARK + "body" in part for part in body):
        return None
    return "".join(
        [
            "<!DOCTYPE html>",
            html_tag or "<html>",
            "<head>",
            *head,
            "</head>",
            body_tag,
            *body,
            "</body></html>",
        ]
    )
