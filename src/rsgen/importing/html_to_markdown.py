"""HTML → the Markdown of an rsgen body, with markdownify (and BeautifulSoup) doing the walking.

markdownify keeps the structure (headings, lists, quotes, tables, code, emphasis, links); this
subclass adds what an rsgen body needs:

- figures and image-only paragraphs as `![alt](src "caption")`, which rsgen shows as a figure;
- `<rsgen-embed>` as a paragraph holding only the provider URL, or as `::: embed URL` with the
  caption inside; `<rsgen-pullquote>` as `::: pullquote`; provider iframes and embedded tweets
  (`blockquote.twitter-tweet`) as embeds; other iframes as a plain link (and a note);
- `<video>` and `<audio>` kept as raw HTML (Markdown has no way to say them), nothing else;
  scripts, styles, forms and objects are dropped;
- text escaped so that nothing a writer typed can turn into markup: `<tag`, `&entity;`, `*`,
  `_` at word edges, backticks, link brackets, and a `#`, `>`, list marker, `---` or `:::` that
  would start a line;
- every link and media URL passed through the caller's `Rewriter` (old permalinks → new URLs,
  uploads → the copied files).
"""

from __future__ import annotations

import html
import re
from typing import Any, Protocol
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from bs4.element import NavigableString, Tag
from markdownify import MarkdownConverter

from rsgen.importing.embeds import embed_url
from rsgen.importing.notes import Notes

INLINE_ESCAPES = [
    (re.compile(r"\\"), r"\\\\"),
    (re.compile(r"([*`])"), r"\\\1"),
    (re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])"), r"\\_"),
    (re.compile(r"<(?=[A-Za-z/!?])"), r"\\<"),
    (re.compile(r"&(?=#?[A-Za-z0-9]+;)"), r"\\&"),
    (re.compile(r"\](?=[(\[:])"), r"\\]"),
    (re.compile(r"\[(?=\^|/?(?:caption|wp_caption|gallery|embed|video|audio|playlist)\b)"), r"\\["),
    (re.compile(r"~(?=~)"), r"\\~"),
]
LINE_START = re.compile(
    r"^(\s*)(?:(#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|=+\s*$|-+\s*$|:::|```|~~~)|(\d{1,9})(?=[.)](?:\s|$)))"
)
DROPPED = (
    "script",
    "style",
    "noscript",
    "form",
    "input",
    "button",
    "select",
    "textarea",
    "object",
    "embed",
    "param",
    "svg",
    "canvas",
    "map",
)
BLOCK_PARENTS = {
    "p",
    "li",
    "td",
    "th",
    "blockquote",
    "div",
    "figcaption",
    "dd",
    "dt",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "rsgen-embed",
    "rsgen-pullquote",
    "[document]",
}
STATUS_LINK = re.compile(r"https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/\w+/status/\d+")


class Rewriter(Protocol):
    """Where links and media of a body point once imported."""

    def link(self, href: str) -> str:
        """The URL a link should have in the new site."""

    def media(self, src: str) -> str:
        """The URL an image, video or audio file should have in the new site."""


class BodyConverter(MarkdownConverter):
    """markdownify with rsgen's figures, embeds, blocks, escaping and URL rewriting."""

    def __init__(self, rewriter: Rewriter, notes: Notes) -> None:
        super().__init__(
            heading_style="atx",
            bullets="-",
            strong_em_symbol="*",
            newline_style="backslash",
            sup_symbol="<sup>",
            sub_symbol="<sub>",
            escape_asterisks=False,
            escape_underscores=False,
            escape_misc=False,
            table_infer_header=True,
            bs4_options="html.parser",
        )
        self.rewriter = rewriter
        self.notes = notes

    def _base(self) -> Any:
        """markdownify's own conversions (untyped there)."""
        return super()

    # text ----------------------------------------------------------------------------------
    def escape(self, text: str, parent_tags: set[str]) -> str:
        for pattern, replacement in INLINE_ESCAPES:
            text = pattern.sub(replacement, text)
        if "td" in parent_tags or "th" in parent_tags:
            text = text.replace("|", r"\|")
        return text

    def process_text(self, el: Any, parent_tags: set[str] | None = None) -> str:
        parent_tags = parent_tags or set()
        if "pre" not in parent_tags and "\n" in el:
            # a newline inside a paragraph is a space; as a space it cannot start a line
            el.replace_with(one_line := NavigableString(re.sub(r"\s*\n\s*", " ", str(el))))
            el = one_line
        text: str = self._base().process_text(el, parent_tags)
        if "_noformat" not in parent_tags and _starts_line(el):
            if _after_break(el):
                text = text.lstrip(" ")
            text = LINE_START.sub(_escape_line_start, text, count=1)
        return text

    def convert_br(self, el: Any, text: str, parent_tags: set[str]) -> str:
        if "pre" in parent_tags:
            return "\n"
        # a break with nothing after it in its block would show as a stray backslash
        following = el.next_sibling
        while following is not None and (
            (isinstance(following, NavigableString) and not str(following).strip())
            or (isinstance(following, Tag) and following.name == "br")
        ):
            following = following.next_sibling
        if following is None:
            return ""
        result: str = self._base().convert_br(el, text, parent_tags)
        return result

    # media ---------------------------------------------------------------------------------
    def convert_img(self, el: Any, text: str, parent_tags: set[str]) -> str:
        src = self.rewriter.media(el.get("src") or "")
        if not src:
            return ""
        alt = _plain(el.get("alt") or "")
        if "_inline" in parent_tags:
            return _escape_label(alt)
        return f"![{_escape_label(alt)}]({_destination(src)})"

    def convert_figure(self, el: Any, text: str, parent_tags: set[str]) -> str:
        img = el.find("img")
        others = el.find(["video", "audio", "iframe", "table", "rsgen-embed", "blockquote"])
        if img is None or others is not None:
            return f"\n\n{text.strip()}\n\n"
        src = self.rewriter.media(img.get("src") or "")
        if not src:
            return ""
        caption_el = el.find("figcaption")
        caption = _plain(caption_el.get_text()) if caption_el else ""
        alt = _plain(img.get("alt") or "")
        title = ' "' + caption.replace("\\", "\\\\").replace('"', '\\"') + '"' if caption else ""
        return f"\n\n![{_escape_label(alt)}]({_destination(src)}{title})\n\n"

    def convert_video(self, el: Any, text: str, parent_tags: set[str]) -> str:
        return self._media_element("video", el)

    def convert_audio(self, el: Any, text: str, parent_tags: set[str]) -> str:
        return self._media_element("audio", el)

    def convert_rsgen_media(self, el: Any, text: str, parent_tags: set[str]) -> str:
        return self._media_element(el.get("data-kind") or "video", el)

    def _media_element(self, kind: str, el: Any) -> str:
        src = el.get("src") or el.get("data-src") or ""
        if not src:
            source = el.find("source", src=True)
            src = source.get("src") if source else ""
        if embed_url(src):
            return f"\n\n{embed_url(src)}\n\n"
        src = self.rewriter.media(src)
        if not src:
            return ""
        poster = self.rewriter.media(el.get("poster") or el.get("data-poster") or "")
        attributes = f' src="{html.escape(src)}"'
        if poster and kind == "video":
            attributes += f' poster="{html.escape(poster)}"'
        link = f'<a href="{html.escape(src)}">{"Watch" if kind == "video" else "Listen"}</a>'
        return f'\n\n<{kind} controls preload="none"{attributes}>{link}</{kind}>\n\n'

    def convert_iframe(self, el: Any, text: str, parent_tags: set[str]) -> str:
        src = html.unescape(el.get("src") or el.get("data-src") or "")
        known = embed_url(src)
        if known:
            return f"\n\n{known}\n\n"
        if not src.startswith(("http://", "https://", "//")):
            return ""
        src = "https:" + src if src.startswith("//") else src
        host = urlsplit(src).netloc or src
        self.notes.add(f"an iframe from {host} became a link")
        label = _plain(el.get("title") or "") or host
        return f"\n\n[{_escape_label(label)}]({_destination(src)})\n\n"

    # rsgen blocks --------------------------------------------------------------------------
    def convert_rsgen_embed(self, el: Any, text: str, parent_tags: set[str]) -> str:
        url = el.get("data-url") or ""
        caption = text.strip()
        if not caption:
            return f"\n\n{url}\n\n"
        return f"\n\n::: embed {url}\n{caption}\n:::\n\n"

    def convert_rsgen_pullquote(self, el: Any, text: str, parent_tags: set[str]) -> str:
        inner = text.strip()
        return f"\n\n::: pullquote\n{inner}\n:::\n\n" if inner else ""

    def convert_cite(self, el: Any, text: str, parent_tags: set[str]) -> str:
        if el.parent is not None and el.parent.name in ("rsgen-pullquote", "blockquote"):
            return f"\n\n— {text.strip()}\n\n" if text.strip() else ""
        return text

    def convert_blockquote(self, el: Any, text: str, parent_tags: set[str]) -> str:
        classes = el.get("class") or []
        if "twitter-tweet" in classes:
            found = STATUS_LINK.findall(" ".join(a.get("href", "") for a in el.find_all("a")))
            if found and embed_url(found[-1]):
                return f"\n\n{embed_url(found[-1])}\n\n"
        result: str = self._base().convert_blockquote(el, text, parent_tags)
        return result

    # links ---------------------------------------------------------------------------------
    def convert_a(self, el: Any, text: str, parent_tags: set[str]) -> str:
        href = (el.get("href") or "").strip()
        if href and urlsplit(href).scheme.lower() not in ("", "http", "https", "mailto", "tel"):
            return text  # javascript: and the like lose their link, keep their words
        if href:
            el["href"] = self.rewriter.link(href)
        if el.get("title"):
            del el["title"]
        result: str = self._base().convert_a(el, text, parent_tags)
        return result

    # definition lists as paragraphs: CommonMark has no definition lists
    def convert_dt(self, el: Any, text: str, parent_tags: set[str]) -> str:
        return f"\n\n**{text.strip()}**\n\n" if text.strip() else ""

    def convert_dd(self, el: Any, text: str, parent_tags: set[str]) -> str:
        return f"\n\n{text.strip()}\n\n" if text.strip() else ""


def _drop(self: BodyConverter, el: Any, text: str, parent_tags: set[str]) -> str:
    if el.name in ("form", "object", "embed", "svg", "canvas"):
        self.notes.add(f"removed a <{el.name}>")
    return ""


for _name in DROPPED:
    setattr(BodyConverter, f"convert_{_name}", _drop)


def _starts_line(el: Any) -> bool:
    """True when this text may begin a Markdown line: first in its block, or after a <br>."""
    previous = el.previous_sibling
    while isinstance(previous, NavigableString) and not str(previous).strip():
        previous = previous.previous_sibling
    if previous is None:
        parent = el.parent
        return parent is None or parent.name in BLOCK_PARENTS or _starts_line(parent)
    return isinstance(previous, Tag) and previous.name in (
        "br",
        "p",
        "div",
        "ul",
        "ol",
        "table",
        "figure",
        "blockquote",
        "hr",
        "pre",
    )


def _escape_line_start(match: re.Match[str]) -> str:
    """`# x` → `\\# x`; `1. x` → `1\\. x` (a backslash before a digit would show)."""
    if match.group(3):
        return match.group(1) + match.group(3) + "\\"
    return match.group(1) + "\\" + match.group(2)


def _after_break(el: Any) -> bool:
    previous = el.previous_sibling
    return isinstance(previous, Tag) and previous.name == "br"


def _plain(text: str) -> str:
    return " ".join(text.split())


def _escape_label(text: str) -> str:
    return re.sub(r"([\\\[\]])", r"\\\1", text)


def _destination(url: str) -> str:
    """A link destination, in <…> when it has spaces or parentheses."""
    if re.search(r"[\s()<>]", url):
        return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"
    return url


def html_to_markdown(source: str, rewriter: Rewriter, notes: Notes) -> str:
    """Convert HTML to Markdown: blank lines between blocks, one newline at the end."""
    soup = BeautifulSoup(source, "html.parser")
    text: str = BodyConverter(rewriter, notes).convert_soup(soup)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return text + "\n" if text else ""
