"""Read-only views of the graph for templates: URLs resolved, dates formatted, HTML marked safe.

Each view is built once per build and shared by every page that shows it. Only rendered
Markdown is `Markup`; every other string is plain text that Jinja escapes where it lands.
The view records themselves are in `records.py`; bodies are filled in by `body.py`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import cached_property

from markupsafe import Markup

from rsgen.content import Article, Author, Page, Photo, Update
from rsgen.graph import SERIES, SeriesEntry, SiteGraph, Tag
from rsgen.render.body import SlotFiller, datetime_text
from rsgen.render.images import ResponsiveImages, srcset
from rsgen.render.records import (
    ArticleView,
    AuthorView,
    BannerView,
    KindView,
    Link,
    LiveView,
    PageView,
    PhotoView,
    SectionView,
    SeriesPartView,
    SeriesView,
    SiteView,
    TagView,
    TeaserView,
    UpdateView,
    date_iso,
    date_text,
)
from rsgen.settings import Section

LATEST_COUNT = 5
HEADLINE_LIMIT = 110  # schema.org headlines: Google shows up to 110 characters


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
    def linked_tags(self) -> dict[str, TagView]:
        """The tags as teasers and articles show them: without their counts."""
        return {slug: replace(view, count=None) for slug, view in self.tags.items()}

    @cached_property
    def linked_authors(self) -> dict[str, AuthorView]:
        """The authors as bylines show them: without their counts."""
        return {key: replace(view, count=None) for key, view in self.authors.items()}

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

    @cached_property
    def filler(self) -> SlotFiller:
        """Fills in bodies' slots for this graph, its photos and its clock."""
        return SlotFiller(
            photo=self.photo,
            article=self.related_article,
            shows_update=self.graph.shows_update,
            zone=self.settings.zone,
            absolute=self.abs_url,
        )

    def related_article(self, target: str) -> TeaserView | None:
        """The teaser of the article a related box names (`section/slug` or `slug`)."""
        index = self.graph.targets.get(target)
        return self.teaser(index) if index is not None else None

    def article(self, index: int) -> ArticleView:
        """The full view of the article at `index` in the site order, for its page and feeds."""
        view = self._articles.get(index)
        if view is None:
            article = self.graph.articles[index]
            filled = self.filler.page(article.body)
            teaser = self.teaser(index)
            view = self._articles[index] = ArticleView(
                **vars(teaser),
                body_html=filled.html,
                correction=article.correction,
                canonical=article.canonical,
                feed_id=article.id,
                feed_html=self.filler.feed(article.body),
                needs_script=filled.needs_script,
                live=self._live(article, teaser, filled.updates),
                series=self._part(index),
            )
        return view

    def _live(
        self, article: Article, teaser: TeaserView, updates: tuple[Update, ...]
    ) -> LiveView | None:
        live = article.live
        if live is None:
            return None
        zone = self.settings.zone
        newest = updates[0].time if updates else article.date
        return LiveView(
            start_iso=live.start.isoformat(),
            end_iso=live.end.isoformat() if live.end else "",
            last_updated_iso=newest.isoformat(),
            last_updated_text=datetime_text(newest, zone),
            updates=tuple(
                UpdateView(
                    anchor=u.anchor,
                    url=f"{teaser.abs_url}#{u.anchor}",
                    time_iso=u.time.isoformat(),
                    time_text=datetime_text(u.time, zone),
                    headline=_headline(u.text) or f"Update, {datetime_text(u.time, zone)}",
                    text=u.text,
                )
                for u in updates
            ),
        )

    def _part(self, index: int) -> SeriesPartView | None:
        key = self.graph.articles[index].series
        entry = self.graph.series.get(key) if key else None
        if entry is None:
            return None
        number = entry.number_of(index)
        parts = entry.parts

        def neighbour(position: int) -> Link | None:
            if not 0 <= position < len(parts):
                return None
            other = self.teaser(parts[position])
            return Link(other.title, other.url)

        url = self.url(f"{SERIES}/{key}/")
        return SeriesPartView(
            key=key,
            title=entry.series.title,
            url=url,
            abs_url=self.abs_url(url),
            number=number,
            count=len(parts),
            previous=neighbour(number - 2),
            next=neighbour(number),
        )

    @cached_property
    def series(self) -> dict[str, SeriesView]:
        """Every series with a published part, the one with the newest part first."""
        return {key: self._series(entry) for key, entry in self.graph.series.items()}

    def _series(self, entry: SeriesEntry) -> SeriesView:
        series = entry.series
        url = self.url(f"{SERIES}/{series.key}/")
        filled = self.filler.page(series.intro)
        return SeriesView(
            key=series.key,
            title=series.title,
            description=series.description,
            url=url,
            abs_url=self.abs_url(url),
            feed_url=url + "feed.xml",
            photo=self.photo(series.photo),
            intro_html=filled.html,
            needs_script=filled.needs_script,
            parts=tuple(self.teasers(entry.parts)),
        )

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
            authors=tuple(self.linked_authors[k] for k in a.authors),
            tags=tuple(self.linked_tags[slug] for slug in self.graph.tags_of[index]),
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
        filled = self.filler.page(page.body)
        return PageView(
            page.slug,
            page.title,
            page.description,
            self.url(f"{page.slug}/"),
            filled.html,
            filled.needs_script,
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
            series_url=self.url(f"{SERIES}/") if self.graph.series else "",
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


def _headline(text: str) -> str:
    """An update's first sentence, cut to a headline's length."""
    text = " ".join(text.split())
    for end in (". ", "? ", "! "):
        if end in text:
            text = text[: text.index(end) + 1]
            break
    if len(text) <= HEADLINE_LIMIT:
        return text
    return text[: HEADLINE_LIMIT - 1].rsplit(" ", 1)[0].rstrip(",;:.") + "…"
