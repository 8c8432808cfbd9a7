"""Text made safe for XML documents (feeds, sitemaps): escaped, without forbidden characters."""

from __future__ import annotations

import re

# XML 1.0 allows tab, newline, carriage return and everything from U+0020 except surrogates
# and U+FFFE/U+FFFF; anything else in a writer's text would make a feed unreadable
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})
ROOT_RELATIVE = re.compile(r'(\s(?:href|src)=")/(?!/)')


def xml_escape(text: str) -> str:
    """Text for an XML element or a double-quoted attribute."""
    return FORBIDDEN.sub("", text).translate(ESCAPES)


def absolute_links(html: str, origin: str) -> str:
    """Root-relative `href="/…"` and `src="/…"` made absolute, for HTML read outside the site."""
    return ROOT_RELATIVE.sub(lambda m: f"{m.group(1)}{origin}/", html)
