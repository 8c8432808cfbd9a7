"""The second pass, one item at a time: a post or page of the export → the text of its file.

Titles and excerpts become plain text; a post without a title is titled from its first words,
and one whose body converts to nothing takes its excerpt as body (or is skipped). Tags keep
their names (a tag with no letter or digit cannot have a URL, and is dropped); the featured
image becomes `photo` with the attachment's alt text, caption and credit. Every compromise is a
note on the item's report line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from rsgen.content import slugify
from rsgen.importing.authors import AuthorDirectory
from rsgen.importing.body import convert_body
from rsgen.importing.html_to_markdown import html_to_markdown
from rsgen.importing.links import LinkRewriter
from rsgen.importing.media import https
from rsgen.importing.notes import Notes
from rsgen.importing.plan import Placement
from rsgen.importing.records import ArticleFile, PhotoFields, page_text
from rsgen.importing.survey import Attachment, post_date
from rsgen.importing.text import first_words, plain_text
from rsgen.importing.wxr import Item

MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
MARKDOWN_MARKS = re.compile(r"^:::.*$|^\s*(?:#+|>|-|\d+\.)\s|[*_`\\]", re.MULTILINE)


@dataclass(frozen=True)
class Converted:
    """One item's file text, or why it has none."""

    text: str
    skipped: str = ""  # the reason, when nothing could be made of the item


class ItemConverter:
    """Turns posts and pages into file text for one import."""

    def __init__(
        self,
        rewriter: LinkRewriter,
        attachments: dict[int, Attachment],
        authors: AuthorDirectory,
    ) -> None:
        self.rewriter = rewriter
        self.attachments = attachments
        self.authors = authors
        self.used_authors: set[str] = set()
        self.feed_ids: dict[str, int] = {}  # GUID → the line of the post that has it

    def convert(self, item: Item, placed: Placement, notes: Notes) -> Converted:
        body = convert_body(item.content, self.rewriter, notes)
        excerpt = plain_text(item.excerpt)
        if not body.strip():
            if not excerpt:
                return Converted("", "nothing is left of the body once converted: not imported")
            notes.add("no body text: its excerpt is the body")
            body = html_to_markdown(f"<p>{_escape(excerpt)}</p>", self.rewriter, notes)
        title = plain_text(item.title)
        if not title:
            title = first_words(plain_text(_markdown_text(body))) or f"Untitled {item.post_id}"
            notes.add(f"had no title: titled '{title}'")
        if placed.kind == "page":
            return Converted(page_text(title, excerpt, body))
        when = post_date(item)
        assert when is not None  # the survey skipped posts without a date
        authors = self.authors.byline(item)
        self.used_authors.update(authors)
        article = ArticleFile(
            title=title,
            date=when[0],
            date_has_offset=when[1],
            section=placed.section,
            authors=authors,
            body=body,
            tags=_tags(item, notes),
            photo=self._photo(item, title, notes),
            summary=excerpt,
            draft=placed.status == "draft",
            featured=item.sticky,
            aliases=placed.aliases,
            id=self._feed_id(item, notes),
        )
        if placed.section_note:
            notes.add(placed.section_note)
        return Converted(article.text())

    def _feed_id(self, item: Item, notes: Notes) -> str:
        """The GUID, unless an earlier post has it already (one id, one story, in feeds)."""
        guid = plain_text(item.guid)
        if not guid:
            return ""
        first = self.feed_ids.setdefault(guid, item.line)
        if first != item.line:
            notes.add(f"GUID {guid} is also the post's at line {first}: its URL is its feed id")
            return ""
        return guid

    def _photo(self, item: Item, title: str, notes: Notes) -> PhotoFields | None:
        wanted = item.meta_value("_thumbnail_id").strip()
        if not wanted.isdigit():
            return None
        attachment = self.attachments.get(int(wanted))
        if attachment is None or not attachment.url:
            notes.add(f"featured image {wanted} is not in the export: no photo")
            return None
        if ".." in PurePosixPath(attachment.file).parts or "\\" in attachment.file:
            notes.add(f"featured image path {attachment.file} leaves the uploads folder: no photo")
            return None
        local = self.rewriter.library.local(attachment.file) if attachment.file else ""
        if self.rewriter.library.media_dir is not None and not local:
            notes.add(
                f"featured image {attachment.file or attachment.url} is not in the media folder: its URL is kept"
            )
        src = local or https(attachment.url)
        if not (src.startswith("/") or src.startswith("https://")):
            notes.add("featured image has no usable address: no photo")
            return None
        alt = attachment.alt
        if not alt:
            alt = attachment.title or title
            notes.add("featured image has no alt text: its title stands in")
        return PhotoFields(src, alt, attachment.caption, attachment.credit)


def _tags(item: Item, notes: Notes) -> tuple[str, ...]:
    tags: list[str] = []
    seen: set[str] = set()
    for term in item.terms_of("post_tag"):
        name = plain_text(term.name)
        slug = slugify(name)
        if not slug:
            notes.add(f"tag '{name}' has no letter or digit to make a URL from: dropped")
            continue
        if slug not in seen:
            seen.add(slug)
            tags.append(name)
    return tuple(tags)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _markdown_text(markdown: str) -> str:
    """Rough plain text of Markdown, enough to make a title of its first words."""
    text = MARKDOWN_LINK.sub(r"\1", markdown)
    return MARKDOWN_MARKS.sub("", text)
