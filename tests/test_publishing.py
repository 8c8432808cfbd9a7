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


def writers_site(site: Site) -> Site:
    """A series of two parts (one of them a live blog with an embed and a related box)."""
    site.write(
        "content/series/talks.md",
        '---\ntitle: "The talks"\ndescription: "Talks in parts"\n---\nWhy we follow them.\n',
    )
    site.article("earlier", title="Earlier story", date=RawYaml("2026-04-01T09:00:00Z"))
    site.article("talks-1", date=RawYaml("2026-05-01T09:00:00Z"), series="talks")
    site.article(
        "talks-2",
        date=RawYaml("2026-05-08T09:00:00-04:00"),
        series="talks",
        live={"start": "2026-05-08T08:00:00-04:00", "end": "2026-05-08T20:00:00-04:00"},
        body="Opening.\n\n"
        "::: update 2026-05-08T10:00:00-04:00\n**Doors open.** The talks begin.\n\n"
        "https://youtu.be/dQw4w9WgXcQ\n:::\n\n"
        ":::: update 2026-05-08T12:30:00-04:00\nA statement.\n\n"
        "::: related earlier\n:::\n::::\n\n"
        "::: update 2026-12-01T12:00:00-05:00\nNot yet.\n:::\n",
    )
    return site


def test_full_text_feeds_carry_embeds_as_plain_links(site: Site) -> None:
    writers_site(site)
    site.build()
    entry = next(e for e in parse_feed(site, "feed.xml").entries if e.link.endswith("/talks-2/"))
    html = entry.content[0].value
    assert '<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">YouTube video</a>' in html
    assert "<iframe" not in html and "<script" not in html and "<button" not in html
    assert (
        '<p>Related: <a href="https://news.example.com/world/earlier/">Earlier story</a></p>'
        in html
    )
    # an update's anchor leads to the article, not to the feed
    assert 'href="https://news.example.com/world/talks-2/#update-2026-05-08t1230"' in html
    assert "Not yet." not in html
    atom = feedparser.parse((site.root / "public/atom.xml").read_bytes())
    assert not atom.bozo and "<iframe" not in atom.entries[0].content[0].value


def test_a_series_has_its_pages_feed_and_sitemap_entries(site: Site) -> None:
    writers_site(site)
    site.build()
    feed = parse_feed(site, "series/talks/feed.xml")
    assert feed.feed.title == "The talks | Test Outlet"
    assert [e.link for e in feed.entries] == [
        "https://news.example.com/world/talks-2/",
        "https://news.example.com/world/talks-1/",
    ]
    urls = etree.fromstring((site.root / "public/sitemap.xml").read_bytes()).xpath(
        "//sm:loc/text()", namespaces=SM
    )
    assert {"https://news.example.com/series/", "https://news.example.com/series/talks/"} <= set(
        urls
    )
    series = next(d for d in json_ld(site, "series/talks/index.html") if "hasPart" in d)
    assert series["@type"] == "CreativeWorkSeries"
    assert [(p["position"], p["url"]) for p in series["hasPart"]] == [
        (1, "https://news.example.com/world/talks-1/"),
        (2, "https://news.example.com/world/talks-2/"),
    ]
    listing = lxml_html.fromstring(site.read("series/index.html"))
    assert listing.xpath("//h2/a/@href") == ["/series/talks/"]
    footer = lxml_html.fromstring(site.read("index.html")).xpath("//footer//a/@href")
    assert "/series/" in footer


def test_parts_and_live_blogs_in_json_ld(site: Site) -> None:
    writers_site(site)
    site.build()
    first = next(d for d in json_ld(site, "world/talks-1/index.html") if "headline" in d)
    assert first["isPartOf"] == {
        "@type": "CreativeWorkSeries",
        "name": "The talks",
        "url": "https://news.example.com/series/talks/",
    }
    live = next(d for d in json_ld(site, "world/talks-2/index.html") if "headline" in d)
    assert live["@type"] == "LiveBlogPosting"
    assert live["coverageStartTime"] == "2026-05-08T08:00:00-04:00"
    assert live["coverageEndTime"] == "2026-05-08T20:00:00-04:00"
    assert live["dateModified"] == "2026-05-08T12:30:00-04:00"
    assert [
        (u["@type"], u["headline"], u["datePublished"], u["url"]) for u in live["liveBlogUpdate"]
    ] == [
        (
            "BlogPosting",
            "A statement.",
            "2026-05-08T12:30:00-04:00",
            "https://news.example.com/world/talks-2/#update-2026-05-08t1230",
        ),
        (
            "BlogPosting",
            "Doors open.",
            "2026-05-08T10:00:00-04:00",
            "https://news.example.com/world/talks-2/#update-2026-05-08t1000",
        ),
    ]
    page = lxml_html.fromstring(site.read("world/talks-2/index.html"))
    assert page.xpath("string(//p[@class='live-status'])").startswith("Last updated May 8, 2026")
    assert page.xpath("//article[@class='update']/@id") == [
        "update-2026-05-08t1230",
        "update-2026-05-08t1000",
    ]
    nav = page.xpath("string(//nav[@class='series-nav'])")
    assert "Part 2 of 2 in the series The talks" in " ".join(nav.split())
    assert page.xpath("//nav[@class='series-nav']//a[@rel='prev']/@href") == ["/world/talks-1/"]
    keep = page.xpath("//section[@class='keep-reading']//h3/a/@href")
    assert keep[0] == "/world/talks-1/"  # the other part leads the block
