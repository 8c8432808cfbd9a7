"""What goes in each page's `<head>`: title, description, canonical, Open Graph, feeds, JSON-LD.

Pure functions of the views; JSON-LD is serialised so that no value can close its `<script>`.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from rsgen.render.records import ArticleView, Link, SeriesView
from rsgen.render.views import Views

DESCRIPTION_LIMIT = 160
# schema.org's subtypes of NewsArticle for the kinds a newsroom uses
ARTICLE_TYPES = {
    "analysis": "AnalysisNewsArticle",
    "opinion": "OpinionNewsArticle",
    "reporting": "ReportageNewsArticle",
}
JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class PageMeta:
    """Head metadata of one page; `title` is the `<title>`, `headline` the og:title."""

    title: str
    headline: str
    description: str
    url: str
    canonical: str
    og_type: str = "website"
    image: str = ""
    image_alt: str = ""
    published: str = ""
    modified: str = ""
    section: str = ""
    tags: tuple[str, ...] = ()
    feeds: tuple[Link, ...] = ()
    jsonld: tuple[Markup, ...] = field(default=())
    noindex: bool = False


def shorten(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """Text cut at a word boundary to fit a meta description."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


def json_for_script(data: Any) -> Markup:
    """JSON safe inside `<script>`: `<`, `>` and `&` as \\u escapes, so nothing can close it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return Markup(text.translate(JSON_ESCAPES))


def site_feeds(views: Views) -> tuple[Link, ...]:
    title = views.settings.title
    return (
        Link(f"{title} (RSS)", views.site.feed_url),
        Link(f"{title} (Atom)", views.site.atom_url),
    )


def page_meta(
    views: Views,
    title: str,
    description: str,
    url: str,
    feeds: tuple[Link, ...] = (),
    trail: tuple[Link, ...] = (),
    **extra: Any,
) -> PageMeta:
    """Metadata for an index or stand-alone page; `trail` (below home) becomes its breadcrumbs."""
    if trail:
        extra["jsonld"] = (*extra.get("jsonld", ()), json_for_script(breadcrumbs(views, trail)))
    site_title = views.settings.title
    full_title = site_title if title == site_title else f"{title} | {site_title}"
    return PageMeta(
        title=full_title,
        headline=title,
        description=shorten(description or views.settings.tagline or site_title),
        url=url,
        canonical=views.abs_url(url),
        feeds=(*feeds, *site_feeds(views)),
        **extra,
    )


def article_meta(views: Views, article: ArticleView) -> PageMeta:
    """Metadata for an article page, with its NewsArticle and breadcrumbs in JSON-LD."""
    image = _abs_image(views, article)
    return PageMeta(
        title=f"{article.title} | {views.settings.title}",
        headline=article.title,
        description=shorten(article.dek or article.excerpt_text),
        url=article.url,
        canonical=article.canonical or article.abs_url,
        og_type="article",
        image=image,
        image_alt=article.photo.alt if article.photo else "",
        published=article.date.isoformat(),
        modified=modified_iso(article),
        section=article.section.title,
        tags=tuple(t.name for t in article.tags),
        feeds=(
            Link(f"{article.section.title} (RSS)", article.section.feed_url),
            *site_feeds(views),
        ),
        jsonld=(
            json_for_script(news_article(views, article, image)),
            json_for_script(
                breadcrumbs(
                    views,
                    (
                        Link(article.section.title, article.section.url),
                        Link(article.title, article.url),
                    ),
                )
            ),
        ),
    )


def _abs_image(views: Views, article: ArticleView) -> str:
    if article.photo is None:
        return ""
    return article.photo.src if article.photo.is_remote else views.abs_url(article.photo.src)


def publisher(views: Views) -> dict[str, Any]:
    return {
        "@type": "NewsMediaOrganization",
        "name": views.settings.title,
        "url": views.settings.base_url,
        "logo": {"@type": "ImageObject", "url": views.abs_url(views.url("images/logo.png"))},
    }


def news_article(views: Views, article: ArticleView, image: str) -> dict[str, Any]:
    """schema.org NewsArticle (or the subtype matching the kind)."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": ARTICLE_TYPES.get(article.kind.key, "NewsArticle"),
        "headline": article.title,
        "description": shorten(article.dek or article.excerpt_text, 300),
        "datePublished": article.date.isoformat(),
        "dateModified": modified_iso(article),
        "mainEntityOfPage": article.canonical or article.abs_url,
        "url": article.abs_url,
        "author": [
            {"@type": "Person", "name": a.name, "url": views.abs_url(a.url)}
            for a in article.authors
        ],
        "publisher": publisher(views),
        "articleSection": article.section.title,
        "keywords": [t.name for t in article.tags],
        "inLanguage": views.settings.language,
    }
    if image:
        data["image"] = [image]
    if article.correction:
        data["correction"] = {"@type": "CorrectionComment", "text": article.correction}
    if article.series is not None:
        data["isPartOf"] = {
            "@type": "CreativeWorkSeries",
            "name": article.series.title,
            "url": article.series.abs_url,
        }
        data["position"] = article.series.number
    if article.live is not None:
        live = article.live
        data["@type"] = "LiveBlogPosting"
        data["coverageStartTime"] = live.start_iso
        if live.end_iso:
            data["coverageEndTime"] = live.end_iso
        data["liveBlogUpdate"] = [
            {
                "@type": "BlogPosting",
                "headline": update.headline,
                "datePublished": update.time_iso,
                "url": update.url,
                "articleBody": update.text,
            }
            for update in live.updates
        ]
    return data


def modified_iso(article: ArticleView) -> str:
    """When the article last changed: `updated`, or a live blog's newest update if later."""
    modified = article.updated_iso or article.date.isoformat()
    if article.live is not None and article.live.updates:
        newest = article.live.last_updated_iso
        if dt.datetime.fromisoformat(newest) > dt.datetime.fromisoformat(modified):
            return newest
    return modified


def series_page(views: Views, series: SeriesView) -> dict[str, Any]:
    """schema.org CreativeWorkSeries: the series and its parts in order."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "CreativeWorkSeries",
        "name": series.title,
        "url": series.abs_url,
        "publisher": publisher(views),
        "inLanguage": views.settings.language,
        "hasPart": [
            {
                "@type": ARTICLE_TYPES.get(part.kind.key, "NewsArticle"),
                "headline": part.title,
                "url": part.abs_url,
                "datePublished": part.date.isoformat(),
                "position": number,
            }
            for number, part in enumerate(series.parts, start=1)
        ],
    }
    if series.description:
        data["description"] = series.description
    if series.photo is not None:
        photo = series.photo
        data["image"] = [photo.src if photo.is_remote else views.abs_url(photo.src)]
    return data


def breadcrumbs(views: Views, trail: tuple[Link, ...]) -> dict[str, Any]:
    """BreadcrumbList from the home page down `trail` (root-relative URLs made absolute)."""
    steps = [Link(views.settings.title, views.url("")), *trail]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": n,
                "name": step.title,
                "item": views.abs_url(step.url),
            }
            for n, step in enumerate(steps, start=1)
        ],
    }


def website(views: Views) -> dict[str, Any]:
    """WebSite and publisher for the home page."""
    return {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": views.settings.title, "url": views.settings.base_url},
            publisher(views),
        ],
    }
