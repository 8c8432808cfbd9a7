"""Sitemaps, the Google News sitemap, robots.txt, and the redirects of article aliases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from rsgen.base.xmltext import xml_escape
from rsgen.graph import PageSpec, SiteGraph, page_slice
from rsgen.render import Views

SITEMAP_LIMIT = 50_000
NEWS_WINDOW = dt.timedelta(days=2)
NEWS_LIMIT = 1_000
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    lastmod: str


def sitemap_entries(specs: Iterable[PageSpec], views: Views) -> Iterator[SitemapEntry]:
    """Every page but the 404 page, with when it last changed."""
    graph = views.graph
    fallback = graph.now.date().isoformat()
    for spec in specs:
        if spec.kind == "404":
            continue
        url = views.abs_url(views.url(spec.output.removesuffix("index.html")))
        if spec.kind == "article":
            lastmod = graph.articles[int(spec.key)].modified.isoformat()
        else:
            lastmod = _listing_lastmod(spec, views) or fallback
        yield SitemapEntry(url, lastmod)


def _listing_lastmod(spec: PageSpec, views: Views) -> str:
    """An index page changes when its newest article does (a series page, its newest part)."""
    graph = views.graph
    shown: Sequence[int]
    if spec.kind == "home":
        shown = range(len(graph.articles))
    elif spec.kind == "series-list":
        shown = [i for entry in graph.series.values() for i in entry.parts]
    elif spec.kind == "series":
        shown = graph.series[spec.key].parts
    else:
        shown = page_slice(_members(spec, graph), spec.number, graph.settings.per_page)
    dates = [graph.articles[i].modified for i in shown]
    return max(dates).isoformat() if dates else ""


def _members(spec: PageSpec, graph: SiteGraph) -> tuple[int, ...]:
    if spec.kind == "section":
        return graph.by_section.get(spec.key, ())
    if spec.kind == "kind":
        return graph.by_kind.get(spec.key, ())
    if spec.kind == "author":
        return graph.by_author.get(spec.key, ())
    if spec.kind == "tag" and spec.key in graph.tags:
        return graph.tags[spec.key].articles

    return ()


def sitemap_files(entries: list[SitemapEntry], views: Views) -> dict[str, str]:
    """`sitemap.xml`, or, past 50,000 URLs, an index of `sitemap-N.xml` files."""
    if len(entries) <= SITEMAP_LIMIT:
        return {"sitemap.xml": _urlset(entries)}
    chunks = [entries[i : i + SITEMAP_LIMIT] for i in range(0, len(entries), SITEMAP_LIMIT)]
    files = {f"sitemap-{n}.xml": _urlset(chunk) for n, chunk in enumerate(chunks, start=1)}
    items = "".join(
        f"<sitemap><loc>{xml_escape(views.abs_url(views.url(name)))}</loc></sitemap>\n"
        for name in files
    )
    files["sitemap.xml"] = (
        f'<?xml version="1.0" encoding="utf-8"?>\n<sitemapindex xmlns="{SITEMAP_NS}">\n{items}</sitemapindex>\n'
    )
    return files


def _urlset(entries: list[SitemapEntry]) -> str:
    rows = "".join(
        f"<url><loc>{xml_escape(e.url)}</loc><lastmod>{e.lastmod}</lastmod></url>\n"
        for e in entries
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="{SITEMAP_NS}">\n{rows}</urlset>\n'
    )


def news_sitemap(views: Views, recent: Sequence[int]) -> str:
    """Google News sitemap of `recent` (`news_articles`: the articles published in the two
    days before the build clock)."""
    name = xml_escape(views.settings.title)
    language = xml_escape(views.settings.language)
    rows = []
    for index in recent:
        article = views.teaser(index)
        rows.append(
            f"<url><loc>{xml_escape(article.abs_url)}</loc><news:news>"
            f"<news:publication><news:name>{name}</news:name><news:language>{language}</news:language></news:publication>"
            f"<news:publication_date>{article.date.isoformat()}</news:publication_date>"
            f"<news:title>{xml_escape(article.title)}</news:title>"
            "</news:news></url>\n"
        )
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="{SITEMAP_NS}" xmlns:news="{NEWS_NS}">\n'
        f"{''.join(rows)}</urlset>\n"
    )


def news_articles(graph: SiteGraph) -> tuple[int, ...]:
    """The articles in the news sitemap: published in the two days before the build clock."""
    since = graph.now - NEWS_WINDOW
    recent = [i for i, a in enumerate(graph.articles) if since <= a.date <= graph.now]
    return tuple(recent[:NEWS_LIMIT])


def robots_txt(views: Views) -> str:
    sitemap = views.abs_url(views.url("sitemap.xml"))
    news = views.abs_url(views.url("news-sitemap.xml"))
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\nSitemap: {news}\n"


@dataclass(frozen=True)
class Redirect:
    """An old URL of an article: a page at `output` that sends readers to `target`."""

    source: str
    output: str
    target: str


def redirects(views: Views) -> list[Redirect]:
    """One redirect per alias of every published article."""
    found = []
    for article in views.graph.articles:
        target = views.url(article.path)
        for alias in article.aliases:
            output = (
                alias.lstrip("/") if alias.endswith(".html") else alias.lstrip("/") + "index.html"
            )
            found.append(Redirect(views.url(alias.lstrip("/")), output, target))
    return found


def redirect_page(redirect: Redirect, views: Views) -> str:
    """A page that forwards at once (meta refresh), names the new URL as canonical, and links it."""
    target = xml_escape(redirect.target)
    canonical = xml_escape(views.abs_url(redirect.target))
    return (
        f'<!DOCTYPE html>\n<html lang="{xml_escape(views.settings.language)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Moved: {xml_escape(views.settings.title)}</title>\n"
        f'<meta name="robots" content="noindex">\n<link rel="canonical" href="{canonical}">\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n</head>\n'
        f'<body>\n<p>This article has moved to <a href="{target}">{canonical}</a>.</p>\n</body>\n</html>\n'
    )


def redirects_file(found: list[Redirect]) -> str:
    """Netlify / Cloudflare Pages style `_redirects`: `/old /new 301` per line."""
    return "".join(f"{r.source} {r.target} 301\n" for r in found)
