"""RSS 2.0 and Atom feeds, as pure functions of the views.

The site feeds (`/feed.xml`, `/atom.xml`) carry the newest 50 articles in full; the section,
author, tag and series feeds carry the newest 20 with their summaries, which keeps a large
archive's hundreds of feeds small. A full-text entry carries the body as feed readers can
show it: embeds as plain links naming the provider (no frames, no scripts), figures as plain
images, related boxes as links, and the live updates already due.

Escaping follows what each element holds. RSS `<description>` (of the channel and of each
item) is HTML to every feed reader, so a writer's plain text (a dek, a summary, the first
paragraph as text) is HTML-escaped first and XML-escaped after: `<img onerror=…>` in a dek
reaches readers as those characters, never as an element. The full text
(`content:encoded`, Atom `<content type="html">`) is the page's own body HTML, which is
exactly as trusted as on the page (site.yaml's `markdown.html`). Titles, names and Atom
`<summary>` (type text) are plain text and are XML-escaped once.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from email.utils import format_datetime

from rsgen.base.xmltext import absolute_links, xml_escape
from rsgen.graph import SERIES
from rsgen.render import ArticleView, Views

SITE_FEED_SIZE = 50
TOPIC_FEED_SIZE = 20


@dataclass(frozen=True)
class Feed:
    """One feed to write: where, what it is called, and its articles (newest first)."""

    output: str
    title: str
    description: str
    page_url: str
    articles: tuple[int, ...]
    full_text: bool


def plan_feeds(views: Views) -> list[Feed]:
    """Every RSS feed of the site (the Atom feed mirrors the first one)."""
    graph, title = views.graph, views.settings.title
    everything = tuple(range(min(SITE_FEED_SIZE, len(graph.articles))))
    feeds = [
        Feed("feed.xml", title, views.settings.tagline or title, views.url(""), everything, True)
    ]
    for key, section in views.sections.items():
        feeds.append(
            _topic(
                f"{key}/feed.xml",
                f"{section.title} | {title}",
                section.description,
                section.url,
                graph.by_section[key],
            )
        )
    for key, author in views.authors.items():
        feeds.append(
            _topic(
                f"authors/{key}/feed.xml",
                f"{author.name} | {title}",
                f"Articles by {author.name}",
                author.url,
                graph.by_author[key],
            )
        )
    for slug, tag in views.tags.items():
        feeds.append(
            _topic(
                f"tags/{slug}/feed.xml",
                f"{tag.name} | {title}",
                f"Articles tagged {tag.name}",
                tag.url,
                graph.tags[slug].articles,
            )
        )
    for key, series in views.series.items():
        newest_first = tuple(sorted(graph.series[key].parts))  # site order is newest first
        feeds.append(
            _topic(
                f"{SERIES}/{key}/feed.xml",
                f"{series.title} | {title}",
                series.description or f"The series {series.title}",
                series.url,
                newest_first,
            )
        )
    return feeds


def _topic(output: str, title: str, description: str, url: str, members: Sequence[int]) -> Feed:
    return Feed(output, title, description or title, url, tuple(members[:TOPIC_FEED_SIZE]), False)


def origin(views: Views) -> str:
    """Scheme and host of the site, to make root-relative links absolute."""
    return views.abs_url("/").rstrip("/")


def newest_change(articles: Iterable[ArticleView], now: dt.datetime) -> dt.datetime:
    """When the newest of these articles last changed (the build day, for an empty feed)."""
    day = dt.datetime.combine(now.date(), dt.time(), tzinfo=dt.UTC)
    return max((_modified(a) for a in articles), default=day)


def _modified(article: ArticleView) -> dt.datetime:
    return dt.datetime.fromisoformat(article.updated_iso) if article.updated_iso else article.date


def rss(feed: Feed, views: Views) -> str:
    """An RSS 2.0 document with Dublin Core creators and, for full-text feeds, content:encoded."""
    articles = views.articles(feed.articles)
    link = views.abs_url(feed.page_url)
    self_url = views.abs_url(views.url(feed.output))
    items = "".join(_rss_item(a, views, feed.full_text) for a in articles)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        "<channel>\n"
        f"<title>{xml_escape(feed.title)}</title>\n"
        f"<link>{xml_escape(link)}</link>\n"
        f"<description>{html_text(feed.description)}</description>\n"
        f"<language>{xml_escape(views.settings.language)}</language>\n"
        f"<lastBuildDate>{format_datetime(newest_change(articles, views.graph.now))}</lastBuildDate>\n"
        f'<atom:link href="{xml_escape(self_url)}" rel="self" type="application/rss+xml"/>\n'
        f"{items}</channel>\n</rss>\n"
    )


def _rss_item(article: ArticleView, views: Views, full_text: bool) -> str:
    creators = "".join(f"<dc:creator>{xml_escape(a.name)}</dc:creator>" for a in article.authors)
    categories = f"<category>{xml_escape(article.section.title)}</category>" + "".join(
        f"<category>{xml_escape(t.name)}</category>" for t in article.tags
    )
    content = ""
    if full_text:
        content = f"<content:encoded>{xml_escape(_full_html(article, views))}</content:encoded>"
    return (
        "<item>"
        f"<title>{xml_escape(article.title)}</title>"
        f"<link>{xml_escape(article.abs_url)}</link>"
        f"{_guid(article)}"
        f"<pubDate>{format_datetime(article.date)}</pubDate>"
        f"{creators}{categories}"
        f"<description>{html_text(article.dek or article.excerpt_text)}</description>"
        f"{content}</item>\n"
    )


def _guid(article: ArticleView) -> str:
    """The item's permanent id: its `id` when set (not a link), else its URL."""
    if article.feed_id:
        return f'<guid isPermaLink="false">{xml_escape(article.feed_id)}</guid>'
    return f'<guid isPermaLink="true">{xml_escape(article.abs_url)}</guid>'


def html_text(text: str) -> str:
    """Plain text for an element that holds HTML: escaped as HTML, then as XML."""
    return xml_escape(html.escape(text, quote=False))


def _full_html(article: ArticleView, views: Views) -> str:
    """The article body for feed readers: links absolute, the correction note on top."""
    parts = []
    if article.correction:
        parts.append(f"<p><strong>Correction:</strong> {xml_escape(article.correction)}</p>")
    if article.photo is not None:
        src = article.photo.src if article.photo.is_remote else views.abs_url(article.photo.src)
        parts.append(f'<p><img src="{xml_escape(src)}" alt="{xml_escape(article.photo.alt)}"></p>')
    body = absolute_links(str(article.feed_html), origin(views))
    # a link within the article (a live update's anchor, a footnote) leads to the article page
    parts.append(body.replace('href="#', f'href="{xml_escape(article.abs_url)}#'))
    return "".join(parts)


def atom(feed: Feed, views: Views) -> str:
    """The Atom version of a full-text feed."""
    articles = views.articles(feed.articles)
    home = views.abs_url(feed.page_url)
    self_url = views.abs_url(views.url("atom.xml"))
    entries = "".join(_atom_entry(a, views) for a in articles)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{xml_escape(views.settings.language)}">\n'
        f"<title>{xml_escape(feed.title)}</title>\n"
        f"<subtitle>{xml_escape(feed.description)}</subtitle>\n"
        f"<id>{xml_escape(home)}</id>\n"
        f'<link rel="alternate" type="text/html" href="{xml_escape(home)}"/>\n'
        f'<link rel="self" type="application/atom+xml" href="{xml_escape(self_url)}"/>\n'
        f"<updated>{newest_change(articles, views.graph.now).isoformat()}</updated>\n"
        f"{entries}</feed>\n"
    )


def _atom_entry(article: ArticleView, views: Views) -> str:
    authors = "".join(
        f"<author><name>{xml_escape(a.name)}</name><uri>{xml_escape(views.abs_url(a.url))}</uri></author>"
        for a in article.authors
    )
    categories = "".join(
        f'<category term="{xml_escape(t.slug)}" label="{xml_escape(t.name)}"/>'
        for t in article.tags
    )
    return (
        "<entry>"
        f"<title>{xml_escape(article.title)}</title>"
        f'<link rel="alternate" type="text/html" href="{xml_escape(article.abs_url)}"/>'
        f"<id>{xml_escape(article.feed_id or article.abs_url)}</id>"
        f"<published>{article.date.isoformat()}</published>"
        f"<updated>{_modified(article).isoformat()}</updated>"
        f"{authors}{categories}"
        f"<summary>{xml_escape(article.dek or article.excerpt_text)}</summary>"
        f'<content type="html">{xml_escape(_full_html(article, views))}</content>'
        "</entry>\n"
    )
