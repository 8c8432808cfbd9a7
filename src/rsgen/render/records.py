"""The records templates see: read-only views of articles, authors, sections, tags, pages
and the site, with URLs resolved, dates formatted and only rendered Markdown marked safe.

`views.Views` builds them from the graph; they are plain frozen dataclasses, so the same view
can be shared by every page that shows it (and pickled to worker processes with the rest).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def date_text(when: dt.datetime) -> str:
    """ "July 6, 2026", the same on every machine whatever its locale."""
    return f"{MONTHS[when.month - 1]} {when.day}, {when.year}"


def date_iso(when: dt.datetime, date_only: bool = False) -> str:
    """ISO 8601 with the offset as written, for `<time datetime>`, feeds and JSON-LD."""
    return when.date().isoformat() if date_only else when.isoformat()


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class PhotoView:
    """A photo. `src` is the original; a local photo also has its size (`width`, `height`)
    and responsive derivatives (`srcset` in its own format, `webp_srcset`, `small` = the
    narrowest); a remote one, or one Pillow cannot read, has none of these."""

    src: str
    alt: str
    caption: str
    credit: str
    is_remote: bool
    width: int = 0
    height: int = 0
    srcset: str = ""
    webp_srcset: str = ""
    small: str = ""


@dataclass(frozen=True)
class SectionView:
    key: str
    title: str
    description: str
    url: str
    feed_url: str


@dataclass(frozen=True)
class KindView:
    key: str
    label: str
    url: str


@dataclass(frozen=True)
class TagView:
    """A tag. `count` (its articles) is given on the tag list and the tag's own pages; the
    tags of a teaser or article have None there, so that a new article, which counts in its
    tags, changes no page that only links them."""

    slug: str
    name: str
    url: str
    feed_url: str
    count: int | None


@dataclass(frozen=True)
class AuthorView:
    key: str
    name: str
    url: str
    feed_url: str
    role: str
    photo: PhotoView | None
    links: tuple[Link, ...]
    bio_html: Markup
    bio_text: str
    count: int | None  # on the author list and author pages; None in bylines (see TagView)


@dataclass(frozen=True)
class TeaserView:
    """An article as teasers, lists and the "Latest" block see it: everything but the body.

    Keeping the body out is what lets an incremental build know exactly which pages a change
    touches: a page showing a teaser cannot depend on text the teaser cannot reach.
    """

    url: str
    abs_url: str
    title: str
    dek: str
    section: SectionView
    kind: KindView
    authors: tuple[AuthorView, ...]
    tags: tuple[TagView, ...]
    date: dt.datetime
    date_iso: str
    date_text: str
    updated_iso: str
    updated_text: str
    photo: PhotoView | None
    excerpt_html: Markup
    excerpt_text: str
    more_html: Markup
    featured: bool
    reading_minutes: int
    source: str


@dataclass(frozen=True)
class ArticleView(TeaserView):
    """An article as its own page (and its feed entry) sees it: the teaser plus the body.

    `body_html` is the body as the page shows it (embeds, figures, related boxes and the
    live updates due filled in); `feed_html` the same for feed readers (embeds as plain
    links); `needs_script` says whether the body holds an embed the theme's script drives.
    """

    body_html: Markup
    correction: str
    canonical: str
    feed_id: str  # the RSS guid and Atom id; "" for the URL
    feed_html: Markup
    needs_script: bool
    live: LiveView | None
    series: SeriesPartView | None


@dataclass(frozen=True)
class PageView:
    slug: str
    title: str
    description: str
    url: str
    body_html: Markup
    needs_script: bool = False


@dataclass(frozen=True)
class BannerView:
    """The editors' banner (content/home.yaml): its text, and its link ("" for none)."""

    text: str
    url: str


@dataclass(frozen=True)
class SiteView:
    """Site-wide values every template gets as `site`."""

    title: str
    tagline: str
    base_url: str
    root: str
    language: str
    sections: tuple[SectionView, ...]
    kinds: tuple[KindView, ...]
    newsletter: object | None
    social: tuple[Link, ...]
    google_preferred_source: str
    latest: tuple[TeaserView, ...]
    pages: tuple[PageView, ...]
    year: int
    feed_url: str
    atom_url: str
    search_url: str  # "" when site.yaml says `search: false`
    series_url: str = ""  # "" when no series has a published part
    banner: BannerView | None = None  # shown on every page while it holds


@dataclass(frozen=True)
class UpdateView:
    """One live update as the page's structured data and "Last updated" line see it."""

    anchor: str
    url: str  # absolute, with the anchor
    time_iso: str
    time_text: str
    headline: str
    text: str


@dataclass(frozen=True)
class LiveView:
    """A live blog's coverage and the updates shown (those the build clock has reached),
    newest first."""

    start_iso: str
    end_iso: str
    last_updated_iso: str
    last_updated_text: str
    updates: tuple[UpdateView, ...]


@dataclass(frozen=True)
class SeriesPartView:
    """Where an article sits in its series: "Part N of M", its neighbours, the series page."""

    key: str
    title: str
    url: str
    abs_url: str
    number: int
    count: int
    previous: Link | None
    next: Link | None


@dataclass(frozen=True)
class SeriesView:
    """A series page: the introduction and the parts, part 1 first."""

    key: str
    title: str
    description: str
    url: str
    abs_url: str
    feed_url: str
    photo: PhotoView | None
    intro_html: Markup
    needs_script: bool
    parts: tuple[TeaserView, ...]
