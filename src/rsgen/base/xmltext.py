"""Text made safe for XML documents (feeds, sitemaps): escaped, without forbidden characters.

Escaping is the standard library's; what it leaves to the caller is removing the characters
XML 1.0 forbids (a pasted control character would make a feed unreadable).
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

# XML 1.0 allows tab, newline, carriage return and everything from U+0020 except surrogates
# and U+FFFE/U+FFFF; anything else in a writer's text would make a feed unreadable
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
ROOT_RELATIVE = re.compile(r'(\s(?:href|src)=")/(?!/)')


def xml_escape(text: str) -> str:
    """Text for an XML element or a double-quoted attribute."""
    return escape(FORBIDDEN.sub("", text), {'"': "&quot;"})


def absolute_links(html: str, origin: str) -> str:
    """Root-relative `href="/…"` and `src="/…"` made absolute, for HTML read outside the site."""
    return ROOT_RELATIVE.sub(lambda m: f"{m.group(1)}{origin}/", html)
