"""Read-only views of the graph for templates: URLs resolved, dates formatted, HTML marked safe.

Each view is built once per build and shared by every page that shows it. Only rendered
Markdown is `Markup`; every other string is plain text that Jinja escapes where it lands.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property

from markupsafe import Markup

from rsgen.content import Article, Author, Page, Photo
from rsgen.graph import SiteGraph, Tag
from rsgen.render.images import ResponsiveImages, srcset
from rsgen.settings import Section

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
LATEST_COUNT = 5


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
    slug: str
    name: str
    url: str
    feed_url: str
    count: int


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
    count: int


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
    """An article as its own page (and its feed entry) sees it: the teaser plus the body."""

    body_html: Markup
    correction: str
    canonical: str
    feed_id: str  # the RSS guid and Atom id; "" for the URL


@dataclass(frozen=True)
class PageView:
    slug: str
    title: str
    description: str
    url: str
    body_html: Markup


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
    banner: BannerView | None = None  # shown on every page while it holds


class Views:
    """Builds and memoises the views of one graph."""

    def __init__(self, graph: SiteGraph, images: ResponsiveImages | None = None) -> None:
        self.graph = graph
        self.images = images
        self.settings = graph.settings
        self.root = graph.settings.root_path
        self._articles: dict[int, ArticleView] = {}
        self._teasers: dict[int, TeaserView] = {}

    # URLs -------------------------------------------------------------------------------
    def url(self, path: str) -> str:
        """A site path (`section/slug/`) as a root-relative URL, honouring base_url's path."""
        return self.root + path

    def abs_url(self, url: str) -> str:
        """A root-relative URL as an absolute one, for canonical links, feeds and sitemaps."""
        base = self.settings.base_url
        return base[: len(base) - len(self.root)] + url

    def asset_url(self, src: str) -> str:
        """A photo or static file: remote URLs as they are, local ones under the site root."""
        return src if src.startswith("https://") else self.url(src.lstrip("/"))

    # views ------------------------------------------------------------------------------
    @cached_property
    def sections(self) -> dict[str, SectionView]:
        return {s.key: self._section(s) for s in self.settings.sections}

    def _section(self, section: Section) -> SectionView:
        url = self.url(f"{section.key}/")
        return SectionView(section.key, section.title, section.description, url, url + "feed.xml")

    @cached_property
    def kinds(self) -> dict[str, KindView]:
        return {k: KindView(k, label, self.url(f"kinds/{k}/")) for k, label in self.settings.kinds}

    @cached_property
    def tags(self) -> dict[str, TagView]:
        return {slug: self._tag(tag) for slug, tag in self.graph.tags.items()}

    def _tag(self, tag: Tag) -> TagView:
        url = self.url(f"tags/{tag.slug}/")
        return TagView(tag.slug, tag.name, url, url + "feed.xml", len(tag.articles))

    @cached_property
    def authors(self) -> dict[str, AuthorView]:
        return {key: self._author(a) for key, a in self.graph.authors.items()}

    def _author(self, author: Author) -> AuthorView:
        url = self.url(f"authors/{author.key}/")
        return AuthorView(
            key=author.key,
            name=author.name,
            url=url,
            feed_url=url + "feed.xml",
            role=author.role,
            photo=self.photo(author.photo),
            links=tuple(Link(name, href) for name, href in author.links),
            bio_html=Markup(author.bio.html),
            bio_text=author.bio.excerpt_text,
            count=len(self.graph.by_author.get(author.key, ())),
        )

    def photo(self, photo: Photo | None) -> PhotoView | None:
        if photo is None:
            return None
        view = PhotoView(
            self.asset_url(photo.src), photo.alt, photo.caption, photo.credit, photo.is_remote
        )
        found = self.images.get(photo.src) if self.images and not photo.is_remote else None
        if found is None:
            return view
        own, webp = found.of_format(found.format), found.of_format("webp")
        return replace(
            view,
            width=found.width,
            height=found.height,
            srcset=srcset((self.url(d.rel), d.width) for d in own),
            webp_srcset=srcset((self.url(d.rel), d.width) for d in webp),
            small=self.url(own[0].rel),
        )

    def article(self, index: int) -> ArticleView:
        """The full view of the article at `index` in the site order, for its page and feeds."""
        view = self._articles.get(index)
        if view is None:
            article = self.graph.articles[index]
            view = self._articles[index] = ArticleView(
                **vars(self.teaser(index)),
                body_html=Markup(article.body.html),
                correction=article.correction,
                canonical=article.canonical,
                feed_id=article.id,
            )
        return view

    def articles(self, indexes: Iterable[int]) -> list[ArticleView]:
        return [self.article(i) for i in indexes]

    def teaser(self, index: int) -> TeaserView:
        """The teaser view of the article at `index` (built once per build)."""
        view = self._teasers.get(index)
        if view is None:
            view = self._teasers[index] = self._teaser(self.graph.articles[index], index)
        return view

    def teasers(self, indexes: Iterable[int]) -> list[TeaserView]:
        return [self.teaser(i) for i in indexes]

    def _teaser(self, a: Article, index: int) -> TeaserView:
        url = self.url(a.path)
        return TeaserView(
            url=url,
            abs_url=self.abs_url(url),
            title=a.title,
            dek=a.dek,
            section=self.sections[a.section],
            kind=self.kinds[a.kind],
            authors=tuple(self.authors[k] for k in a.authors),
            tags=tuple(self.tags[slug] for slug in self.graph.tags_of[index]),
            date=a.date,
            date_iso=date_iso(a.date, a.date_only),
            date_text=date_text(a.date),
            updated_iso=date_iso(a.updated) if a.updated else "",
            updated_text=date_text(a.updated) if a.updated else "",
            photo=self.photo(a.photo),
            excerpt_html=Markup(a.body.excerpt_html) if not a.summary else Markup.escape(a.summary),
            excerpt_text=a.summary or a.body.excerpt_text,
            more_html=Markup(a.body.more_html),
            featured=a.featured,
            reading_minutes=a.body.reading_minutes,
            source=a.source,
        )

    def page(self, page: Page) -> PageView:
        return PageView(
            page.slug,
            page.title,
            page.description,
            self.url(f"{page.slug}/"),
            Markup(page.body.html),
        )

    @cached_property
    def site(self) -> SiteView:
        s = self.settings
        return SiteView(
            title=s.title,
            tagline=s.tagline,
            base_url=s.base_url,
            root=self.root,
            language=s.language,
            sections=tuple(self.sections.values()),
            kinds=tuple(self.kinds.values()),
            newsletter=s.newsletter,
            social=tuple(Link(name, url) for name, url in s.social),
            google_preferred_source=s.google_preferred_source,
            latest=tuple(self.teasers(range(min(LATEST_COUNT, len(self.graph.articles))))),
            pages=tuple(self.page(p) for p in self.graph.pages),
            year=self.graph.now.year,
            feed_url=self.url("feed.xml"),
            atom_url=self.url("atom.xml"),
            search_url=self.url("search/") if s.search else "",
            banner=self.banner,
        )

    @cached_property
    def banner(self) -> BannerView | None:
        banner = self.graph.home.banner
        if banner is None:
            return None
        url = banner.url
        if url.startswith("/"):  # a path of the site, under base_url's path like every link
            url = self.url(url.lstrip("/"))
        return BannerView(banner.text, url)
