"""The files besides the HTML pages: feeds, sitemaps, robots.txt and alias redirects."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from functools import partial

from .feeds import atom, plan_feeds, rss
from .fingerprints import InputKeys
from .pages import PageSpec
from .sitemaps import (
    news_articles,
    news_sitemap,
    redirect_page,
    redirects,
    redirects_file,
    robots_txt,
    sitemap_entries,
    sitemap_files,
)
from .views import Views


@dataclass(frozen=True)
class Generated:
    """One such file: where it goes, how to make it, and its key when one is known up front.

    A keyed file is made only when its key moved; the others (sitemaps, robots.txt, redirect
    pages: cheap) are made every build and kept when their text is the same.
    """

    output: str
    make: Callable[[], str]
    key: str = ""


def publishing_files(
    specs: Sequence[PageSpec],
    views: Views,
    keys: InputKeys,
    only: Collection[str] | None = None,
) -> Iterator[Generated]:
    """Every feed, sitemap, robots.txt, redirect page and `_redirects`; with `only` (a
    patched build), just the feeds and news sitemap in it: the rest depend on placement."""
    feeds = plan_feeds(views)
    for feed in feeds:
        if only is None or feed.output in only:
            yield Generated(feed.output, partial(rss, feed, views), keys.feed(feed))
    if only is None or "atom.xml" in only:
        yield Generated("atom.xml", partial(atom, feeds[0], views), keys.feed(feeds[0], "atom.xml"))
    recent = keys.reads["news-sitemap.xml"] = news_articles(views.graph)  # it shows titles
    if only is None or "news-sitemap.xml" in only:
        yield Generated("news-sitemap.xml", partial(news_sitemap, views, recent))
    if only is not None:
        return
    sitemaps = sitemap_files(list(sitemap_entries(specs, views)), views)
    for rel, text in sitemaps.items():
        yield Generated(rel, partial(str, text))
    yield Generated("robots.txt", partial(robots_txt, views))
    moved = redirects(views)
    for redirect in moved:
        yield Generated(redirect.output, partial(redirect_page, redirect, views))
    yield Generated("_redirects", partial(redirects_file, moved))
