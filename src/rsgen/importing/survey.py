"""The first pass over the export: what will be imported, and what the second pass must know.

It reads every item once, converting nothing: the channel's facts, users and categories, every
attachment (for featured images) and guest author (for bylines), and for each post and page
whether it is imported (its status, password, content) and the facts that decide its URL
(slug, section, date, old permalinks). Only these small records stay in memory.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote

from rsgen.content import slugify
from rsgen.importing.authors import AuthorDirectory, guest_author
from rsgen.importing.media import uploads_path
from rsgen.importing.permalinks import OldSite, old_paths
from rsgen.importing.report import Report
from rsgen.importing.sections import SectionChooser
from rsgen.importing.text import plain_text
from rsgen.importing.wxr import Category, ChannelInfo, Item, User, read_export

WP_DATE = "%Y-%m-%d %H:%M:%S"
IMPORTED_TYPES = {"post": "article", "page": "page"}
EMPTY_MARKUP = re.compile(r"<!--.*?-->|<(?!img|iframe|video|audio)[^>]*>|&nbsp;|\s", re.DOTALL)
CREDIT_IN_METADATA = re.compile(r's:6:"credit";s:\d+:"(.*?)";')


@dataclass(frozen=True)
class Attachment:
    """An uploaded file, as a featured image needs it."""

    post_id: int
    url: str
    file: str  # relative to the uploads folder
    alt: str
    caption: str
    title: str
    credit: str


@dataclass(frozen=True)
class Candidate:
    """A post or page that will be imported, and what decides its URL."""

    post_id: int
    line: int
    kind: str  # "article" or "page"
    status: str  # "published", "draft" or "scheduled"
    slug: str  # wanted: from post_name, else the title ("" when neither gives one)
    section: str
    section_note: str
    year: int
    old_paths: tuple[str, ...]


@dataclass
class Survey:
    """What the first pass learnt."""

    channel: ChannelInfo | None = None
    users: list[User] = field(default_factory=list)
    categories: dict[str, Category] = field(default_factory=dict)
    attachments: dict[int, Attachment] = field(default_factory=dict)
    candidates: list[Candidate] = field(default_factory=list)


def post_date(item: Item) -> tuple[dt.datetime, bool] | None:
    """(date, carries an offset?): local time with the offset WordPress's GMT copy implies."""
    try:
        local = dt.datetime.strptime(item.post_date, WP_DATE)
    except ValueError:
        local = None
    try:
        gmt = dt.datetime.strptime(item.post_date_gmt, WP_DATE)
    except ValueError:
        gmt = None
    if local is not None and gmt is not None:
        offset = round((local - gmt).total_seconds() / 60) * 60
        if abs(offset) <= 14 * 3600:
            return local.replace(tzinfo=dt.timezone(dt.timedelta(seconds=offset))), True
    if local is not None:
        return local, False
    if item.pub_date:
        try:
            return parsedate_to_datetime(item.pub_date), True
        except (TypeError, ValueError):
            return None
    return None


def disposition(item: Item, kind: str) -> tuple[str, str, str]:
    """(status, skip reason, message): status "" means the item is not imported."""
    what = "page" if kind == "page" else "post"
    if item.password.strip():
        return "", "password-protected", f"{what} is password-protected: not imported"
    status = item.status
    if status == "private":
        return "", "private", f"{what} is private: not imported"
    if status == "publish":
        return "published", "", ""
    if kind == "page":
        return (
            "",
            "unpublished pages",
            f"page is {status or 'unpublished'}: not imported (pages have no drafts)",
        )
    if status in ("draft", "pending"):
        return "draft", "", ""
    if status == "future":
        return "scheduled", "", ""
    reason = {"trash": "in the trash", "auto-draft": "auto-drafts"}.get(
        status, f"status {status!r}"
    )
    return "", reason, f"post is {status or 'without a status'}: not imported"


def has_content(item: Item) -> bool:
    """True when the stored body holds text or media, once markup and comments are set aside."""
    return bool(EMPTY_MARKUP.sub("", item.content))


def survey(
    export: Path,
    report: Report,
    authors: AuthorDirectory,
    chooser: SectionChooser,
    fallback_address: str = "",
) -> Survey:
    """Read the export once (raises ExportError when it is not a readable WXR file)."""
    found = Survey()
    site = OldSite.from_url(fallback_address)
    for record in read_export(export):
        if isinstance(record, User):
            found.users.append(record)
            authors.add_user(record)
        elif isinstance(record, Category):
            found.categories[record.nicename] = record
            chooser.categories[record.nicename] = record
        elif isinstance(record, ChannelInfo):
            found.channel = record
            site = OldSite.from_url(record.link or record.base_blog_url or fallback_address)
        elif record.post_type == "attachment":
            found.attachments[record.post_id] = _attachment(record)
        elif record.post_type == "guest-author":
            authors.add_guest(guest_author(record))
        elif record.post_type in IMPORTED_TYPES:
            _consider(record, IMPORTED_TYPES[record.post_type], chooser, site, report, found)
        else:
            report.other_types[record.post_type or "no type"] += 1
    return found


def _consider(
    item: Item, kind: str, chooser: SectionChooser, site: OldSite, report: Report, found: Survey
) -> None:
    status, reason, message = disposition(item, kind)
    if not status:
        report.skip(item.line, reason, message)
        return
    if not has_content(item) and not plain_text(item.excerpt):
        report.skip(
            item.line,
            "no content",
            f"{'page' if kind == 'page' else 'post'} has no content: not imported",
        )
        return
    placed = candidate(item, kind, status, chooser, site)
    if placed is None:
        report.skip(item.line, "no date", "post has no usable date: not imported")
        return
    found.candidates.append(placed)


def _attachment(item: Item) -> Attachment:
    metadata = item.meta_value("_wp_attachment_metadata")
    credit_match = CREDIT_IN_METADATA.search(metadata)
    credit = item.meta_value("_media_credit") or (credit_match.group(1) if credit_match else "")
    return Attachment(
        post_id=item.post_id,
        url=item.attachment_url or item.guid,
        file=item.meta_value("_wp_attached_file") or uploads_path(item.attachment_url or item.guid),
        alt=plain_text(item.meta_value("_wp_attachment_image_alt")),
        caption=plain_text(item.excerpt),
        title=plain_text(item.title),
        credit=plain_text(credit),
    )


def candidate(
    item: Item, kind: str, status: str, chooser: SectionChooser, site: OldSite
) -> Candidate | None:
    """The URL facts of an imported post or page (None when it has no usable date)."""
    when = post_date(item)
    if when is None:
        return None
    if kind == "article":
        categories = [(t.nicename, t.name) for t in item.terms_of("category")]
        section, note = chooser.choose(categories)
    else:
        section, note = "", ""
    slug = slugify(unquote(item.post_name)) or slugify(plain_text(item.title))
    if slug.isdigit():  # WordPress names an untitled post after its id
        slug = f"post-{slug}"
    old_slugs = [unquote(v) for k, v in item.meta if k == "_wp_old_slug"]
    paths = (
        old_paths(item.link, unquote(item.post_name), old_slugs, site)
        if status == "published"
        else []
    )
    return Candidate(
        post_id=item.post_id,
        line=item.line,
        kind=kind,
        status=status,
        slug=slug,
        section=section,
        section_note=note,
        year=when[0].year,
        old_paths=tuple(paths),
    )
