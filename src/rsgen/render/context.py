"""The variables each template receives, built from a PageSpec and the views.

Every template gets `site` (SiteView), `meta` (PageMeta) and `latest_inline` (whether the
page renders the "Latest" list in its HTML, `graph.shows_latest`; otherwise the theme's
script fills it from `/latest.json`); the rest depends on the kind:

| kind | template | variables |
| --- | --- | --- |
| home | home.html | lead, top_stories, rails [(SectionView, [ArticleView])], latest |
| article | article.html | article, keep_reading |
| section | section.html | section, articles, pagination |
| kind | kind.html | kind, articles, pagination |
| tag | tag.html | tag, articles, pagination |
| author | author.html | author, articles, pagination |
| tags / authors | tags.html / authors.html | tags / authors |
| page | page.html | page |
| series-list | series_list.html | series (every series with a published part) |
| series | series.html | series (its introduction and parts, part 1 first) |
| search | search.html | search_index (false while nothing is published: no index to load) |
| 404 | 404.html | (nothing more) |
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rsgen.graph import (
    FRONT,
    PageSpec,
    Pagination,
    archive_count,
    home_layout,
    page_slice,
    shows_latest,
)
from rsgen.render.records import Link
from rsgen.render.seo import article_meta, json_for_script, page_meta, series_page, website
from rsgen.render.views import Views

Context = dict[str, Any]
TAGS_TITLE = "Topics"
SERIES_TITLE = "Series"
AUTHORS_TITLE = "Authors"


def context_for(spec: PageSpec, views: Views) -> Context:
    """The template variables of one page."""
    context = BUILDERS[spec.kind](spec, views)
    context["site"] = views.site
    context["page_kind"] = spec.kind
    context["latest_inline"] = shows_latest(spec)
    return context


def _home(spec: PageSpec, views: Views) -> Context:
    layout = home_layout(views.graph)
    meta = page_meta(
        views,
        views.settings.title,
        views.settings.tagline,
        views.url(""),
        jsonld=(json_for_script(website(views)),),
    )
    return {
        "meta": meta,
        "lead": views.teaser(layout.lead) if layout.lead is not None else None,
        "top_stories": views.teasers(layout.top_stories),
        "rails": [(views.sections[key], views.teasers(members)) for key, members in layout.rails],
        "latest": views.teasers(layout.latest),
    }


def _article(spec: PageSpec, views: Views) -> Context:
    index = int(spec.key)
    article = views.article(index)
    return {
        "meta": article_meta(views, article),
        "article": article,
        "keep_reading": views.teasers(views.graph.keep_reading[index]),
    }


def _listing(
    spec: PageSpec,
    views: Views,
    members: tuple[int, ...],
    heading: Link,
    description: str,
    parent: tuple[Link, ...] = (),
    feed: Link | None = None,
    **extra: Any,
) -> Context:
    """A paginated index of articles (section, kind, tag, author) with its head metadata."""
    per_page = views.settings.per_page
    pagination = Pagination(spec.number, archive_count(len(members), per_page), heading.url)
    url = pagination.url
    title = heading.title if pagination.is_front else f"{heading.title} (page {spec.number})"
    feeds = (feed,) if feed else ()
    meta = page_meta(views, title, description, url, feeds, (*parent, Link(title, url)), **extra)
    return {
        "meta": meta,
        "articles": views.teasers(page_slice(members, spec.number, per_page)),
        "pagination": pagination,
    }


def _section(spec: PageSpec, views: Views) -> Context:
    section = views.sections[spec.key]
    feed = Link(f"{section.title} (RSS)", section.feed_url)
    heading = Link(section.title, section.url)
    members = views.graph.by_section[spec.key]
    return {
        **_listing(spec, views, members, heading, section.description, feed=feed),
        "section": section,
    }


def _kind(spec: PageSpec, views: Views) -> Context:
    kind = views.kinds[spec.key]
    description = f"{kind.label} from {views.settings.title}"
    members = views.graph.by_kind[spec.key]
    return {**_listing(spec, views, members, Link(kind.label, kind.url), description), "kind": kind}


def _tag(spec: PageSpec, views: Views) -> Context:
    # its count on the front page only (TagView): archive pages hold while articles arrive
    tag = (views.tags if spec.number == FRONT else views.linked_tags)[spec.key]
    description = f"Articles tagged {tag.name} in {views.settings.title}"
    parent = (Link(TAGS_TITLE, views.url("tags/")),)
    feed = Link(f"{tag.name} (RSS)", tag.feed_url)
    members = views.graph.tags[spec.key].articles
    return {
        **_listing(spec, views, members, Link(tag.name, tag.url), description, parent, feed),
        "tag": tag,
    }


def _author(spec: PageSpec, views: Views) -> Context:
    author = (views.authors if spec.number == FRONT else views.linked_authors)[spec.key]
    description = author.bio_text or f"Articles by {author.name}"
    parent = (Link(AUTHORS_TITLE, views.url("authors/")),)
    feed = Link(f"{author.name} (RSS)", author.feed_url)
    members = views.graph.by_author[spec.key]
    heading = Link(author.name, author.url)
    context = _listing(spec, views, members, heading, description, parent, feed, og_type="profile")
    return {**context, "author": author}


def _tags(spec: PageSpec, views: Views) -> Context:
    return {
        "meta": page_meta(
            views, "Topics", f"Every topic covered by {views.settings.title}", views.url("tags/")
        ),
        "tags": list(views.tags.values()),
    }


def _authors(spec: PageSpec, views: Views) -> Context:
    return {
        "meta": page_meta(
            views, "Authors", f"The writers of {views.settings.title}", views.url("authors/")
        ),
        "authors": list(views.authors.values()),
    }


def _page(spec: PageSpec, views: Views) -> Context:
    page = next(p for p in views.site.pages if p.slug == spec.key)
    trail = (Link(page.title, page.url),)
    return {
        "meta": page_meta(views, page.title, page.description, page.url, trail=trail),
        "page": page,
    }


def _series_list(spec: PageSpec, views: Views) -> Context:
    title = views.settings.title
    return {
        "meta": page_meta(
            views, SERIES_TITLE, f"Series of articles from {title}", views.site.series_url
        ),
        "series": list(views.series.values()),
    }


def _series(spec: PageSpec, views: Views) -> Context:
    series = views.series[spec.key]
    parent = (Link(SERIES_TITLE, views.site.series_url),)
    feed = Link(f"{series.title} (RSS)", series.feed_url)
    description = series.description or f"A series in {len(series.parts)} parts"
    meta = page_meta(
        views,
        series.title,
        description,
        series.url,
        (feed,),
        (*parent, Link(series.title, series.url)),
        jsonld=(json_for_script(series_page(views, series)),),
    )
    return {"meta": meta, "series": series}


def _search(spec: PageSpec, views: Views) -> Context:
    title = views.settings.title
    return {
        "meta": page_meta(
            views, "Search", f"Search every article of {title}", views.url("search/")
        ),
        # Pagefind cannot index nothing: a site with no published article has no index yet
        "search_index": bool(views.graph.articles),
    }


def _not_found(spec: PageSpec, views: Views) -> Context:
    return {
        "meta": page_meta(
            views,
            "Page not found",
            "The page you asked for is not here.",
            # no noindex: hosts send this page with status 404, which already keeps it out of
            # search engines, and a noindex would cost the page its SEO audit for nothing
            views.url("404.html"),
        )
    }


BUILDERS: dict[str, Callable[[PageSpec, Views], Context]] = {
    "home": _home,
    "article": _article,
    "section": _section,
    "kind": _kind,
    "tag": _tag,
    "author": _author,
    "tags": _tags,
    "authors": _authors,
    "page": _page,
    "series-list": _series_list,
    "series": _series,
    "search": _search,
    "404": _not_found,
}
