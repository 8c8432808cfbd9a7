"""The files besides the HTML pages: feeds, sitemaps, robots.txt and alias redirects."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .feeds import atom, plan_feeds, rss
from .pages import PageSpec
from .sitemaps import (
    news_sitemap,
    redirect_page,
    redirects,
    redirects_file,
    robots_txt,
    sitemap_entries,
    sitemap_files,
)
from .views import Views


def publishing_files(specs: Sequence[PageSpec], views: Views) -> Iterator[tuple[str, str]]:
    """(output path, text) of every feed, sitemap, robots.txt, redirect page and `_redirects`."""
    feeds = plan_feeds(views)
    for feed in feeds:
        yield feed.output, rss(feed, views)
    yield "atom.xml", atom(feeds[0], views)
    yield from sitemap_files(list(sitemap_entries(specs, views)), views).items()
    yield "news-sitemap.xml", news_sitemap(views)
    yield "robots.txt", robots_txt(views)
    moved = redirects(views)
    for redirect in moved:
        yield redirect.output, redirect_page(redirect, views)
    yield "_redirects", redirects_file(moved)
