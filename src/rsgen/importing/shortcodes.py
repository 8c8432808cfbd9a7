"""WordPress shortcodes → HTML the Markdown converter understands, or nothing (and a note).

The pattern is WordPress's own `get_shortcode_regex()` (self-closing `[name a="b"]`, enclosing
`[name]…[/name]`, and `[[name]]` escaped as text), but for any name: an export does not say
which shortcodes its site had registered. A bracketed word counts as a shortcode when its name
is one WordPress or a common plugin registers, or when it carries `key=value` attributes or a
closing tag; `[sic]`, `[1]` or `[Updated: …]` in prose are left alone.

Converted: `[caption]` (a figure), `[embed]`, `[video]`, `[audio]`, Jetpack's `[youtube]`,
`[vimeo]` and `[tweet]` (embeds, or a media element for self-hosted files). Everything else is
removed; an enclosing shortcode keeps the text it wraps. Embeds become `<rsgen-embed>` and media
`<rsgen-media>` elements, which `html_to_markdown` writes in the body syntax.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from rsgen.importing.embeds import embed_url
from rsgen.importing.notes import Notes

SHORTCODE = re.compile(
    r"\[(\[?)([a-z][a-z0-9_-]*)(?![\w-])"
    r"([^\]/]*+(?:/(?!\])[^\]/]*+)*+)"
    r"(?:(/)\]|\](?:([^\[]*+(?:\[(?!/\2\])[^\[]*+)*+)\[/\2\])?)"
    r"(\]?)",
    re.IGNORECASE,
)
ATTRIBUTE = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|"""
    r"""([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)"""
)
# shortcodes of WordPress, Jetpack and widespread plugins: removed even without attributes
KNOWN = frozenset(
    [
        "caption",
        "wp_caption",
        "embed",
        "video",
        "audio",
        "playlist",
        "gallery",
        "youtube",
        "vimeo",
        "tweet",
        "twitter",
        "instagram",
        "soundcloud",
        "spotify",
        "dailymotion",
        "googlemaps",
        "googleapps",
        "scribd",
        "slideshare",
        "ted",
        "polldaddy",
        "crowdsignal",
        "contact-form",
        "contact-field",
        "contact-form-7",
        "gravityform",
        "wpforms",
        "ninja_form",
        "mailchimp",
        "recipe",
        "archives",
        "sitemap",
        "related-posts",
        "jetpack_subscription_form",
        "subscribe",
        "ad",
        "adsense",
        "dfp",
        "button",
        "toc",
        "table_of_contents",
        "pullquote",
        "blockquote",
        "column",
        "one_half",
        "one_third",
        "two_third",
        "one_fourth",
        "three_fourth",
        "vc_row",
        "vc_column",
        "vc_column_text",
        "et_pb_section",
        "et_pb_row",
        "et_pb_column",
        "et_pb_text",
        "fusion_builder_container",
    ]
)
IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
LINKED_IMG = re.compile(r"<a\b[^>]*>\s*(<img\b[^>]*>)\s*</a>", re.IGNORECASE)
MEDIA_SOURCES = {
    "video": ("src", "mp4", "m4v", "webm", "ogv", "wmv", "flv"),
    "audio": ("src", "mp3", "ogg", "oga", "m4a", "wav", "flac"),
}


def parse_attributes(text: str) -> tuple[dict[str, str], list[str]]:
    """WordPress's `shortcode_parse_atts`: named attributes (lowercased) and positional ones."""
    named: dict[str, str] = {}
    positional: list[str] = []
    text = re.sub(r"[\u00a0\u200b]", " ", text)
    for match in ATTRIBUTE.finditer(text):
        g = match.groups()
        if g[0]:
            named[g[0].lower()] = g[1]
        elif g[2]:
            named[g[2].lower()] = g[3]
        elif g[4]:
            named[g[4].lower()] = g[5]
        else:
            value = next((v for v in g[6:] if v is not None), "")
            positional.append(value)
    return named, positional


def convert_shortcodes(text: str, notes: Notes) -> str:
    """Replace every shortcode in `text` (HTML) by the HTML it stands for, or by nothing."""

    def replace(match: re.Match[str]) -> str:
        opening, name, attributes, self_closing, inner, closing = match.groups()
        if opening == "[" and closing == "]":
            return match.group(0)[1:-1]  # [[name]] is WordPress's way to write [name] as text
        name = name.lower()
        inner = inner or ""
        is_shortcode = (
            name in KNOWN
            or "=" in attributes
            or self_closing
            or match.group(0).endswith(f"[/{name}]")
        )
        if not is_shortcode:
            return match.group(0)
        named, positional = parse_attributes(attributes)
        converter = CONVERTERS.get(name)
        if converter is not None:
            return opening + converter(named, positional, inner, notes) + closing
        notes.add(f"removed shortcode [{name}]")
        return opening + (convert_shortcodes(inner, notes) if inner else "") + closing

    return SHORTCODE.sub(replace, text)


def _caption(named: dict[str, str], positional: list[str], inner: str, notes: Notes) -> str:
    linked = LINKED_IMG.search(inner)
    found = linked or IMG.search(inner)
    if found is None:
        notes.add("[caption] without an image: kept its text")
        return inner
    image = linked.group(1) if linked else found.group(0)
    caption = named.get("caption") or (inner[: found.start()] + inner[found.end() :]).strip()
    return f"\n\n<figure>{image}<figcaption>{caption}</figcaption></figure>\n\n"


def embed_element(url: str, caption_html: str = "") -> str:
    """An embed of a known provider, or a paragraph with a plain link to any other URL."""
    known = embed_url(html.unescape(url))
    if known:
        return f'\n\n<rsgen-embed data-url="{html.escape(known)}">{caption_html}</rsgen-embed>\n\n'
    safe = html.escape(html.unescape(url).strip())
    return f'\n\n<p><a href="{safe}">{safe}</a></p>\n\n' if safe else ""


def _embed(named: dict[str, str], positional: list[str], inner: str, notes: Notes) -> str:
    url = inner.strip() or named.get("url", "") or named.get("src", "")
    return embed_element(url)


def _media(kind: str) -> Callable[[dict[str, str], list[str], str, Notes], str]:
    def convert(named: dict[str, str], positional: list[str], inner: str, notes: Notes) -> str:
        src = next((named[k] for k in MEDIA_SOURCES[kind] if named.get(k)), "") or next(
            (p for p in positional if p.startswith(("http://", "https://", "//"))), ""
        )
        if not src:
            notes.add(f"removed [{kind}] without a source")
            return ""
        if embed_url(src):
            return embed_element(src)
        poster = named.get("poster", "")
        return (
            f'\n\n<rsgen-media data-kind="{kind}" data-src="{html.escape(src)}" '
            f'data-poster="{html.escape(poster)}"></rsgen-media>\n\n'
        )

    return convert


def _jetpack(named: dict[str, str], positional: list[str], inner: str, notes: Notes) -> str:
    """`[youtube URL]`, `[youtube=URL]`, `[vimeo 123]`, `[tweet URL]`: the URL is positional."""
    candidates = [p.lstrip("=") for p in positional] + [
        named.get(k, "") for k in ("url", "id", "tweet", "src")
    ]
    for value in candidates:
        value = value.strip()
        if value.isdigit():
            value = f"https://vimeo.com/{value}"
        if embed_url(value):
            return embed_element(value)
    notes.add("removed an embed shortcode whose URL is not a known provider")
    return ""


def _removed(kind: str) -> Callable[[dict[str, str], list[str], str, Notes], str]:
    def convert(named: dict[str, str], positional: list[str], inner: str, notes: Notes) -> str:
        ids = named.get("ids", "")
        notes.add(f"removed shortcode [{kind}]" + (f" (attachments {ids})" if ids else ""))
        return ""

    return convert


CONVERTERS: dict[str, Callable[[dict[str, str], list[str], str, Notes], str]] = {
    "caption": _caption,
    "wp_caption": _caption,
    "embed": _embed,
    "video": _media("video"),
    "audio": _media("audio"),
    "youtube": _jetpack,
    "vimeo": _jetpack,
    "tweet": _jetpack,
    "gallery": _removed("gallery"),
    "playlist": _removed("playlist"),
}
