"""WordPress's `wpautop`: classic-editor posts are stored without `<p>` tags.

WordPress adds the paragraphs when it shows a post: a blank line ends a paragraph and a single
newline is a `<br>`, except around block-level elements. This is a port of the PHP function
(wp-includes/formatting.php) step by step, so a post reads as it did on the old site; the
elements the importer itself inserts (`<rsgen-embed>`, `<rsgen-media>`) count as blocks.
`<pre>` keeps its text untouched. Block-editor posts are never passed through it, as in
WordPress.
"""

from __future__ import annotations

import re

ALL_BLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form"
    r"|map|area|blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article|aside"
    r"|hgroup|header|footer|nav|figure|figcaption|details|menu|summary"
    r"|rsgen-embed|rsgen-media|rsgen-pullquote)"
)
PRE = re.compile(r"<pre\b.*?</pre>", re.IGNORECASE | re.DOTALL)
DOUBLE_BR = re.compile(r"<br\s*/?>\s*<br\s*/?>", re.IGNORECASE)
BLOCK_OPEN = re.compile(rf"(<{ALL_BLOCKS}[\s/>])", re.IGNORECASE)
BLOCK_CLOSE = re.compile(rf"(</{ALL_BLOCKS}>)", re.IGNORECASE)
HR = re.compile(r"(<hr\s*?/?>)", re.IGNORECASE)
TAG = re.compile(r"<[^>]*>")
BLOCK_TAG = rf"</?{ALL_BLOCKS}[^>]*>"
PRESERVED = re.compile(r"<(script|style|svg|math)\b.*?</\1>", re.IGNORECASE | re.DOTALL)


def wpautop(text: str) -> str:
    """Paragraphs and line breaks as WordPress adds them to classic-editor content."""
    if not text.strip():
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n") + "\n"
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return f"<pre wp-pre-tag-{len(kept) - 1}></pre>"

    text = PRE.sub(keep, text)
    text = DOUBLE_BR.sub("\n\n", text)
    text = BLOCK_OPEN.sub(r"\n\n\1", text)
    text = BLOCK_CLOSE.sub(r"\1\n\n", text)
    text = HR.sub(r"\1\n\n", text)
    text = TAG.sub(lambda m: m.group(0).replace("\n", " "), text)
    text = re.sub(r"\s*<(source|track|param|embed)\b([^>]*)>\s*", r"<\1\2>", text)
    text = re.sub(r"\n\n+", "\n\n", text)
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p]
    text = "".join(f"<p>{p.strip(chr(10))}</p>\n" for p in paragraphs)
    text = re.sub(r"<p>\s*</p>", "", text)
    text = re.sub(r"<p>([^<]+)</(div|address|form)>", r"<p>\1</p></\2>", text)
    text = re.sub(rf"<p>\s*({BLOCK_TAG})\s*</p>", r"\1", text, flags=re.IGNORECASE)
    text = re.sub(r"<p>(<li.+?)</p>", r"\1", text)
    text = re.sub(r"<p><blockquote([^>]*)>", r"<blockquote\1><p>", text, flags=re.IGNORECASE)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = re.sub(rf"<p>\s*({BLOCK_TAG})", r"\1", text, flags=re.IGNORECASE)
    text = re.sub(rf"({BLOCK_TAG})\s*</p>", r"\1", text, flags=re.IGNORECASE)
    text = PRESERVED.sub(lambda m: m.group(0).replace("\n", "<WPPreserveNewline />"), text)
    text = re.sub(r"<br\s*/?>", "<br />", text)
    text = re.sub(r"(?<!<br />)\s*\n", "<br />\n", text)
    text = text.replace("<WPPreserveNewline />", "\n")
    text = re.sub(rf"({BLOCK_TAG})\s*<br />", r"\1", text, flags=re.IGNORECASE)
    text = re.sub(
        r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", r"\1", text, flags=re.I
    )
    text = re.sub(r"\n</p>$", "</p>", text)
    return re.sub(r"<pre wp-pre-tag-(\d+)></pre>", lambda m: kept[int(m.group(1))], text)
