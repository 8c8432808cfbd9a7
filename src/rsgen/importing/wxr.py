"""Stream a WordPress export (WXR): channel facts and items, each with its line in the file.

lxml's iterparse reads the file once, in constant memory: every `<item>` (and every other child
of `<channel>`) is turned into a frozen record when its end tag is read and then cleared from
the tree, so a 200 MB export never sits in memory whole. Safety: a document that declares a DTD
is refused before anything else is read (a WXR file never has one; DTDs are how XML bombs and
external entities get in), entities are never resolved and the parser never touches the
network. WXR 1.0–1.2 and the `https://` namespace variants WordPress.com writes are all read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

WP_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/1\.\d+/$")
EXCERPT_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/1\.\d+/excerpt/$")
CHANNEL_FACTS = ("title", "link", "description", "language", "wp:base_blog_url", "wp:wxr_version")
PREFIXES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
}


class ExportError(Exception):
    """The export cannot be read: not XML, not a WXR file, or a refused construct."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Term:
    """A taxonomy term on an item: `category`, `post_tag`, `author` (Co-Authors Plus)..."""

    domain: str
    nicename: str
    name: str


@dataclass(frozen=True)
class Item:
    """One `<item>`: a post, page, attachment, menu item, guest author..."""

    line: int
    post_id: int
    post_type: str
    status: str
    title: str
    link: str
    guid: str
    creator: str
    content: str
    excerpt: str
    post_name: str
    post_date: str
    post_date_gmt: str
    pub_date: str
    post_parent: int
    password: str
    sticky: bool
    attachment_url: str
    terms: tuple[Term, ...]
    meta: tuple[tuple[str, str], ...]

    def meta_value(self, key: str) -> str:
        """The first value of a postmeta key ("" when absent)."""
        return next((value for k, value in self.meta if k == key), "")

    def terms_of(self, domain: str) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.domain == domain)


@dataclass(frozen=True)
class User:
    """A `<wp:author>`: a WordPress user."""

    line: int
    login: str
    display_name: str
    first_name: str
    last_name: str


@dataclass(frozen=True)
class Category:
    """A `<wp:category>` of the channel."""

    line: int
    nicename: str
    name: str
    description: str


@dataclass(frozen=True)
class ChannelInfo:
    """The channel's own facts, yielded just before its first item."""

    line: int
    title: str
    link: str
    description: str
    language: str
    base_blog_url: str
    wxr_version: str


Record = Item | User | Category | ChannelInfo


def read_export(path: Path) -> Iterator[Record]:
    """The channel's users and categories, its facts (a ChannelInfo, before the first item),
    then every item, in file order.

    Raises ExportError (with the line) when the file is not XML or not a WordPress export.
    """
    try:
        yield from _records(path)
    except etree.XMLSyntaxError as err:
        line = err.lineno or (err.position[0] if err.position else 0)
        raise ExportError(line, f"not well-formed XML: {_reason(err)}") from None
    except OSError as err:
        raise ExportError(0, f"cannot read the export ({err.strerror or err})") from None


def _reason(err: etree.XMLSyntaxError) -> str:
    text = str(err.msg or err)
    return re.sub(r",? line \d+, column \d+$", "", text).strip()


def _records(path: Path) -> Iterator[Record]:
    events = etree.iterparse(
        str(path),
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )
    root: Any = None
    channel: Any = None
    facts: dict[str, str] = {}
    announced = False
    for event, elem in events:
        if root is None:
            root = elem
            _check_root(elem)
            continue
        if event == "start":
            if channel is None and _name(elem) == "channel" and elem.getparent() is root:
                channel = elem
            elif not announced and elem.getparent() is channel and _name(elem) == "item":
                announced = True  # the channel's own facts all come before its items
                yield _channel_info(channel, facts)
            continue
        if channel is None or elem.getparent() is not channel:
            continue
        name = _name(elem)
        if name == "item":
            yield _item(elem)
        elif name == "wp:author":
            yield _user(elem)
        elif name == "wp:category":
            yield _category(elem)
        elif name in CHANNEL_FACTS:
            facts[name] = _text(elem)
        elem.clear()
        while elem.getprevious() is not None:
            del channel[0]
    if channel is None:
        raise ExportError(
            getattr(root, "sourceline", 1) or 1, "not a WordPress export: no <channel>"
        )
    if not announced:
        yield _channel_info(channel, facts)


def _channel_info(channel: Any, facts: dict[str, str]) -> ChannelInfo:
    if "wp:wxr_version" not in facts:
        raise ExportError(
            channel.sourceline or 1,
            "not a WordPress export: the channel has no <wp:wxr_version> before its items",
        )
    return ChannelInfo(
        line=channel.sourceline or 1,
        title=facts.get("title", ""),
        link=facts.get("link", ""),
        description=facts.get("description", ""),
        language=facts.get("language", ""),
        base_blog_url=facts.get("wp:base_blog_url", ""),
        wxr_version=facts["wp:wxr_version"],
    )


def _check_root(root: Any) -> None:
    info = root.getroottree().docinfo
    if info.internalDTD is not None or info.externalDTD is not None or info.doctype:
        raise ExportError(
            root.sourceline or 1,
            "the export declares a DTD (<!DOCTYPE>); WordPress exports have none, "
            "and DTDs can hide entity bombs: refused",
        )
    if _name(root) != "rss":
        raise ExportError(
            root.sourceline or 1,
            f"not a WordPress export: the root element is <{_name(root)}>, not <rss>",
        )


def _name(elem: Any) -> str:
    """`{namespace}local` → `prefix:local` with WordPress's prefixes; plain names as they are."""
    tag = elem.tag
    if not isinstance(tag, str):  # a comment or processing instruction
        return ""
    if not tag.startswith("{"):
        return tag
    namespace, _, local = tag[1:].partition("}")
    if namespace in PREFIXES:
        return f"{PREFIXES[namespace]}:{local}"
    if WP_NAMESPACE.match(namespace):
        return f"wp:{local}"
    if EXCERPT_NAMESPACE.match(namespace):
        return f"excerpt:{local}"
    return tag


def _text(elem: Any) -> str:
    """All the text of an element (CDATA included); entity references, never resolved, drop."""
    return "".join(t for t in elem.itertext() if isinstance(t, str))


def _int(text: str) -> int:
    text = text.strip()
    return int(text) if text.isdigit() else 0


def _item(elem: Any) -> Item:
    fields: dict[str, str] = {}
    terms: list[Term] = []
    meta: list[tuple[str, str]] = []
    for child in elem:
        name = _name(child)
        if name == "category":
            terms.append(
                Term(child.get("domain") or "", child.get("nicename") or "", _text(child).strip())
            )
        elif name == "wp:postmeta":
            parts = {_name(c): _text(c) for c in child}
            meta.append((parts.get("wp:meta_key", "").strip(), parts.get("wp:meta_value", "")))
        elif name and name not in fields:
            fields[name] = _text(child)
    return Item(
        line=elem.sourceline or 0,
        post_id=_int(fields.get("wp:post_id", "")),
        post_type=fields.get("wp:post_type", "").strip(),
        status=fields.get("wp:status", "").strip(),
        title=fields.get("title", ""),
        link=fields.get("link", "").strip(),
        guid=fields.get("guid", "").strip(),
        creator=fields.get("dc:creator", "").strip(),
        content=fields.get("content:encoded", ""),
        excerpt=fields.get("excerpt:encoded", ""),
        post_name=fields.get("wp:post_name", "").strip(),
        post_date=fields.get("wp:post_date", "").strip(),
        post_date_gmt=fields.get("wp:post_date_gmt", "").strip(),
        pub_date=fields.get("pubDate", "").strip(),
        post_parent=_int(fields.get("wp:post_parent", "")),
        password=fields.get("wp:post_password", ""),
        sticky=fields.get("wp:is_sticky", "").strip() == "1",
        attachment_url=fields.get("wp:attachment_url", "").strip(),
        terms=tuple(terms),
        meta=tuple(meta),
    )


def _user(elem: Any) -> User:
    parts = {_name(c): _text(c).strip() for c in elem}
    return User(
        line=elem.sourceline or 0,
        login=parts.get("wp:author_login", ""),
        display_name=parts.get("wp:author_display_name", ""),
        first_name=parts.get("wp:author_first_name", ""),
        last_name=parts.get("wp:author_last_name", ""),
    )


def _category(elem: Any) -> Category:
    parts = {_name(c): _text(c).strip() for c in elem}
    return Category(
        line=elem.sourceline or 0,
        nicename=parts.get("wp:category_nicename", ""),
        name=parts.get("wp:cat_name", ""),
        description=parts.get("wp:category_description", ""),
    )
