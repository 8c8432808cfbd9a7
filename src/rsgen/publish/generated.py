"""The files besides the HTML pages: feeds, sitemaps, robots.txt, alias redirects, `_headers`,
and `/latest.json` (the "Latest" list, for the pages that fill it in the browser).

Feeds are keyed by a function the build hands in (`FeedKey`): a feed is made only when its
key moved. This layer never learns how keys are made or what the build remembers.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Protocol

from rsgen.base.digests import digest
from rsgen.base.errors import Problem
from rsgen.base.output import Output
from rsgen.graph import PageSpec
from rsgen.publish.feeds import Feed, atom, plan_feeds, rss
from rsgen.publish.headers import HEADERS_FILE, header_rules, headers_file, host_limit_warnings
from rsgen.publish.sitemaps import (
    news_articles,
    news_sitemap,
    redirect_page,
    redirects,
    redirects_file,
    robots_txt,
    sitemap_entries,
    sitemap_files,
)
from rsgen.render import Views


class FeedKey(Protocol):
    """What a feed is made from, as a short key (written to `output`, else where it says)."""

    def __call__(self, feed: Feed, output: str = "") -> str: ...


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
    feed_key: FeedKey,
    only: Collection[str] | None = None,
) -> Iterator[Generated]:
    """Every feed, sitemap, robots.txt, redirect page, `_redirects` and `/latest.json`; with
    `only` (a patched build), just the feeds and news sitemap in it, and `/latest.json`
    (a title edit may change it): the rest depend on placement."""
    feeds = plan_feeds(views)
    for feed in feeds:
        if only is None or feed.output in only:
            yield Generated(feed.output, partial(rss, feed, views), feed_key(feed))
    if only is None or "atom.xml" in only:
        yield Generated("atom.xml", partial(atom, feeds[0], views), feed_key(feeds[0], "atom.xml"))
    yield Generated(LATEST_FILE, partial(latest_json, views))  # small: made every build
    if only is None or "news-sitemap.xml" in only:
        yield Generated(
            "news-sitemap.xml", partial(news_sitemap, views, news_articles(views.graph))
        )
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


LATEST_FILE = "latest.json"


def latest_json(views: Views) -> str:
    """The "Latest" list as `/latest.json`: each article's title, URL and date, as the list in
    the pages shows them; `js/latest.js` inserts them as text."""
    entries = [
        {"title": a.title, "url": a.url, "date": a.date_iso, "date_text": a.date_text}
        for a in views.site.latest
    ]
    return json.dumps({"latest": entries}, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_generated(output: Output, generated: Generated) -> None:
    """Write a feed, sitemap or redirect unless its key, or else its text, is last build's."""
    if generated.key and output.unchanged(generated.output, generated.key):
        return
    text = generated.make()
    fingerprint = generated.key or digest(text)
    if generated.key or not output.unchanged(generated.output, fingerprint):
        output.write_text(generated.output, text, fingerprint)


def cache_policy(paths: Collection[str], redirects: int) -> tuple[Generated, list[Problem]]:
    """`/_headers` for an output holding `paths`, and a warning for each limit of a static
    host that the output passes (`redirects`: the lines of `_redirects`)."""
    rules = header_rules({*paths, HEADERS_FILE})
    warnings = [
        Problem(file, 0, message, warning=True)
        for file, message in host_limit_warnings(redirects, len(rules))
    ]
    return Generated(HEADERS_FILE, partial(headers_file, rules)), warnings
