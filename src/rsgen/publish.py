"""The files besides the HTML pages: feeds, sitemaps, robots.txt and alias redirects."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial

from .feeds import atom, plan_feeds, rss
from .fingerprints import InputKeys
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
    specs: Sequence[PageSpec], views: Views, keys: InputKeys
) -> Iterator[Generated]:
    """Every feed, sitemap, robots.txt, redirect page and `_redirects`."""
    feeds = plan_feeds(views)
    for feed in feeds:
        yield Generated(feed.output, partial(rss, feed, views), keys.feed(feed))
    yield Generated("atom.xml", partial(atom, feeds[0], views), keys.feed(feeds[0]))
    sitemaps = sitemap_files(list(sitemap_entries(specs, views)), views)
    for rel, text in sitemaps.items():
        yield Generated(rel, partial(str, text))
    yield Generated("news-sitemap.xml", partial(news_sitemap, views))
    yield Generated("robots.txt", partial(robots_txt, views))
    moved = redirects(views)
    for redirect in moved:
        yield Generated(redirect.output, partial(redirect_page, redirect, views))
    yield Generated("_redirects", partial(redirects_file, moved))
