"""A WordPress post's stored HTML → the Markdown body of an rsgen file.

Classic-editor content goes the way WordPress shows it: provider URLs alone on a line become
embeds (WordPress's auto-embed), then shortcodes, then `wpautop` adds the paragraphs.
Block-editor content has its paragraphs already: its block comments are resolved instead
(`blocks`), and shortcodes inside it converted. Both end in `html_to_markdown`. Whatever could
not be converted is noted; a shortcode or block comment that somehow survives all of this is
removed from the Markdown and noted too, so no page ever shows `[caption` or `<!-- wp:`.
"""

from __future__ import annotations

import re

from rsgen.importing.blocks import has_blocks, render_blocks
from rsgen.importing.embeds import embed_url
from rsgen.importing.html_to_markdown import Rewriter, html_to_markdown
from rsgen.importing.notes import Notes
from rsgen.importing.shortcodes import convert_shortcodes, embed_element
from rsgen.importing.wpautop import wpautop

OWN_LINE_URL = re.compile(r"^(\s*)(https?://[^\s<>\"]+)(\s*)$", re.MULTILINE)
LEFTOVER = re.compile(
    r"<!--\s*/?wp:[^>]*-->|(?<!\\)\[/?(?:caption|wp_caption|gallery|embed|video|audio|playlist)\b[^\]]*\]"
)

CODE = re.compile(r"(^```.*?^```$|`[^`\n]+`)", re.MULTILINE | re.DOTALL)


def convert_body(content: str, rewriter: Rewriter, notes: Notes) -> str:
    """The Markdown of a post's `content:encoded`."""
    text = content.replace("\r\n", "\n").replace("\r", "\n")
    if has_blocks(text):
        html = convert_shortcodes(render_blocks(text, notes), notes)
    else:
        html = wpautop(convert_shortcodes(_auto_embed(text), notes))
    return _without_leftovers(html_to_markdown(html, rewriter, notes), notes)


def _without_leftovers(markdown: str, notes: Notes) -> str:
    """Remove shortcode and block-comment text outside code (code may show it on purpose)."""
    parts = CODE.split(markdown)
    for i in range(0, len(parts), 2):
        if LEFTOVER.search(parts[i]):
            notes.add("removed unconverted shortcode or block markup")
            parts[i] = LEFTOVER.sub("", parts[i])
    return "".join(parts)


def _auto_embed(text: str) -> str:
    """WordPress embeds a provider URL that stands alone on its line; so do we."""

    def replace(match: re.Match[str]) -> str:
        url = match.group(2)
        return embed_element(url) if embed_url(url) else match.group(0)

    return OWN_LINE_URL.sub(replace, text)
