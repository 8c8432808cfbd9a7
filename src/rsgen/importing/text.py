"""Plain text out of WordPress's stored HTML: titles, excerpts, captions, names.

WordPress stores a title as HTML (`<em>`, `&amp;`, `&#8217;`), sometimes escaped twice by a
plugin on save; rsgen's front matter holds plain text that the templates escape. So: tags
dropped (their text kept), entities resolved, a second level of escaping resolved too, control
characters removed, whitespace collapsed.
"""

from __future__ import annotations

import html
import re

from bs4 import BeautifulSoup

ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
TITLE_WORDS = 10
TITLE_LIMIT = 80


def plain_text(markup: str) -> str:
    """The text a reader saw: tags gone, entities resolved, one line, trimmed."""
    if "<" in markup or "&" in markup:
        markup = BeautifulSoup(markup, "html.parser").get_text()
        if ENTITY.search(markup):
            markup = html.unescape(markup)
    return " ".join(CONTROL.sub("", markup).split())


def first_words(text: str) -> str:
    """A title made from the start of a text: its first words, cut at a word, with "…"."""
    words = text.split()
    title = ""
    for word in words[:TITLE_WORDS]:
        if len(title) + len(word) + 1 > TITLE_LIMIT:
            break
        title = f"{title} {word}".strip()
    if not title and words:
        title = words[0][:TITLE_LIMIT]
    return title + ("…" if len(title) < len(" ".join(words)) else "")


def clean(text: str) -> str:
    """A raw export value with control characters removed and ends trimmed."""
    return CONTROL.sub("", text).strip()
