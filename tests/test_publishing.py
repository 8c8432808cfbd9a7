"""Feeds, sitemaps, robots.txt and redirects, read back by real parsers."""

from __future__ import annotations

import datetime as dt
import json

import feedparser
from lxml import etree
from lxml import html as lxml_html

from conftest import NOW, RawYaml, Site

SM = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
HOSTILE = "</script> <b>\"Q\" & 'A'</b> Zürich \x0b"


def parse_feed(site: Site, rel: str) -> feedparser.FeedParserDict:
    feed = feedparser.parse((site.root / "public" / rel).read_bytes())
    assert not feed.bozo, (rel, feed.get("bozo_exception"))
    return feed


def test_site_feeds_hold_the_newest_articles_in_full(site: Site) -> None:
    for day in range(1, 10):
        site.article(
            f"day-{day}",
            date=RawYaml(f"2026-05-0{day}T09:00:00Z"),
            body=f"Body of day {day} with [a link](/world/day-1/).\n",
        )
    site.article("draft", draft=True)
    site.build()
    rss = parse_feed(site, "feed.xml")
    assert [e.link for e in rss.entries] == [
        f"https://news.example.com/world/day-{d}/" for d in range(9, 0, -1)
    ]
    assert 'href="https://news.example.com/world/day-1/"' in rss.entries[0].content[0].value
    assert rss.entries[0].author == "Ann Writer"
    assert {t.term for t in rss.entries[0].tags} == {"World", "General"}
    atom = parse_feed(site, "atom.xml")
    assert [e.link for e in atom.entries] == [e.link for e in rss.entries]
    assert atom.entries[0].published == "2026-05-09T09:00:00+00:00"
    section = parse_feed(site, "world/feed.xml")
    assert len(section.entries) == 9
    assert len(parse_feed(site, "tags/general/feed.xml").entries) == 9
    assert len(parse_feed(site, "authors/ann/feed.xml").entries) == 9


def test_hostile_text_keeps_feeds_valid(site: Site) -> None:
    site.article("hostile", title=HOSTILE, dek=HOSTILE, tags=[HOSTILE], correction=HOSTILE)
    site.author("ann", HOSTILE)
    site.build()
    rss = parse_feed(site, "feed.xml")
    assert rss.entries[0].title == HOSTILE.replace("\x0b", "").strip()
    atom = parse_feed(site, "atom.xml")
    assert atom.entries[0].title == HOSTILE.replace("\x0b", "").strip()
    assert "Correction" in atom.entries[0].content[0].value


def test_updated_articles_carry_the_date_in_feeds(site: Site) -> None:
    site.article("changed", updated=RawYaml("2026-05-03T10:00:00Z"))
    site.build()
    atom = parse_feed(site, "atom.xml")
    assert atom.entries[0].updated == "2026-05-03T10:00:00+00:00"


def test_sitemap_lists_every_page_with_lastmod(site: Site) -> None:
    site.article("one", date=RawYaml("2026-05-01T09:00:00Z"))
    site.article(
        "two", date=RawYaml("2026-05-02T09:00:00Z"), updated=RawYaml("2026-05-05T09:00:00Z")
    )
    site.page("about", "About")
    site.build()
    tree = etree.fromstring((site.root / "public/sitemap.xml").read_bytes())
    rows = {
        u.findtext("sm:loc", namespaces=SM): u.findtext("sm:lastmod", namespaces=SM)
        for u in tree.findall("sm:url", SM)
    }
    pages = [p for p in site.outputs() if p.endswith("index.html")]
    assert len(rows) == len(pages)
    assert rows["https://news.example.com/world/two/"] == "2026-05-05T09:00:00+00:00"
    assert rows["https://news.example.com/world/"] == "2026-05-05T09:00:00+00:00"
    assert all(rows.values())
    assert "https://news.example.com/404.html" not in rows


def test_news_sitemap_holds_the_last_two_days(site: Site) -> None:
    site.article("fresh", date=RawYaml("2026-11-23T09:00:00Z"), title="Fresh & new")
    site.article("stale", date=RawYaml("2026-11-20T09:00:00Z"))
    site.article("scheduled", date=RawYaml("2026-11-25T09:00:00Z"))
    site.build()
    tree = etree.fromstring((site.root / "public/news-sitemap.xml").read_bytes())
    urls = tree.findall("sm:url", SM)
    assert [u.findtext("sm:loc", namespaces=SM) for u in urls] == [
        "https://news.example.com/world/fresh/"
    ]
    assert urls[0].findtext("news:news/news:title", namespaces=SM) == "Fresh & new"
    assert urls[0].findtext("news:news/news:publication/news:name", namespaces=SM) == "Test Outlet"
    robots = site.read("robots.txt")
    assert "Sitemap: https://news.example.com/sitemap.xml" in robots
    assert "Sitemap: https://news.example.com/news-sitemap.xml" in robots
    assert NOW - dt.timedelta(days=2) < dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC)


def test_aliases_redirect(site: Site) -> None:
    site.article("moved", aliases=["/2025/01/02/old-url/", "/old.html"])
    site.build()
    page = lxml_html.fromstring(site.read("2025/01/02/old-url/index.html"))
    assert page.xpath("//meta[@http-equiv='refresh']/@content") == ["0; url=/world/moved/"]
    assert page.xpath("//link[@rel='canonical']/@href") == ["https://news.example.com/world/moved/"]
    assert page.xpath("//a/@href") == ["/world/moved/"]
    assert (site.root / "public/old.html").is_file()
    assert site.read("_redirects").splitlines() == [
        "/2025/01/02/old-url/ /world/moved/ 301",
        "/old.html /world/moved/ 301",
    ]


def test_pages_link_their_feeds(site: Site) -> None:
    site.article("piece", section="asia")
    site.build()
    head = lxml_html.fromstring(site.read("asia/index.html")).xpath("//head")[0]
    feeds = head.xpath("./link[@rel='alternate']/@href")
    assert "/asia/feed.xml" in feeds and "/feed.xml" in feeds and "/atom.xml" in feeds


def json_ld(site: Site, rel: str) -> list[dict]:
    tree = lxml_html.fromstring(site.read(rel))
    return [json.loads(s.text) for s in tree.xpath("//script[@type='application/ld+json']")]


def test_structured_data_of_articles_and_indexes(site: Site) -> None:
    site.author("bob", "Bob Reporter")
    site.article(
        "take",
        kind="opinion",
        authors=["ann", "bob"],
        tags=["Trade"],
        updated=RawYaml("2026-05-02T09:00:00-04:00"),
        correction="Fixed a date.",
    )
    site.build()
    items = json_ld(site, "world/take/index.html")
    article = next(i for i in items if i["@type"].endswith("NewsArticle"))
    assert article["@type"] == "OpinionNewsArticle"
    assert article["datePublished"] == "2026-05-01T09:00:00-04:00"
    assert article["dateModified"] == "2026-05-02T09:00:00-04:00"
    assert [a["url"] for a in article["author"]] == [
        "https://news.example.com/authors/ann/",
        "https://news.example.com/authors/bob/",
    ]
    assert article["articleSection"] == "World" and article["keywords"] == ["Trade"]
    assert article["correction"]["text"] == "Fixed a date."
    assert article["publisher"]["logo"]["url"].startswith("https://news.example.com/")
    crumbs = next(i for i in items if i["@type"] == "BreadcrumbList")
    assert [c["item"] for c in crumbs["itemListElement"]] == [
        "https://news.example.com/",
        "https://news.example.com/world/",
        "https://news.example.com/world/take/",
    ]
    tag_crumbs = next(
        i for i in json_ld(site, "tags/trade/index.html") if i["@type"] == "BreadcrumbList"
    )
    assert [c["name"] for c in tag_crumbs["itemListElement"]] == ["Test Outlet", "Topics", "Trade"]
    home = json_ld(site, "index.html")[0]
    assert {g["@type"] for g in home["@graph"]} == {"WebSite", "NewsMediaOrganization"}
