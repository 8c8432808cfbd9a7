"""Whole builds of small sites written inline: URLs, ordering, pagination, keep reading, escaping."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from conftest import NOW, RawYaml, Site
from rsgen.base.errors import SiteError


def doc(site: Site, rel: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(site.read(rel))


def teaser_links(site: Site, rel: str, scope: str = "//main") -> list[str]:
    """The article URLs of the teasers on a page, in order (from their title links)."""
    tree = doc(site, rel)
    return [
        a.get("href")
        for a in tree.xpath(
            f"{scope}//*[contains(@class,'teaser')]//*[self::h2 or self::h3 or self::h4]//a"
        )
    ]


def digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def seven_articles(site: Site) -> None:
    for day in range(1, 8):
        site.article(
            f"story-{day}",
            date=RawYaml(f"2026-05-0{day}T09:00:00-04:00"),
            tags=["Trade", f"T{day % 2}"],
        )


def test_every_url_of_the_spec(site: Site) -> None:
    site.article("2026/05/deep-folder-piece", section="asia", tags=["Track II diplomacy", "Zürich"])
    site.page("about", "About us")
    site.write("static/images/x.png", "png")
    site.build()
    out = site.outputs()
    for rel in [
        "index.html",
        "404.html",
        "asia/deep-folder-piece/index.html",
        "asia/index.html",
        "world/index.html",
        "qiosk/index.html",
        "tags/index.html",
        "tags/track-ii-diplomacy/index.html",
        "tags/zurich/index.html",
        "authors/index.html",
        "authors/ann/index.html",
        "about/index.html",
        "images/x.png",
        "css/site.css",
    ]:
        assert rel in out, rel


def test_sections_paginate_newest_first(site: Site) -> None:
    seven_articles(site)  # per_page 3: the front page holds 3 to 5, archive pages 3 each
    site.build()
    assert "world/page/1/index.html" in site.outputs()
    assert "world/page/2/index.html" not in site.outputs()
    assert teaser_links(site, "world/index.html") == [
        "/world/story-7/",
        "/world/story-6/",
        "/world/story-5/",
        "/world/story-4/",
    ]
    assert teaser_links(site, "world/page/1/index.html") == [
        "/world/story-3/",
        "/world/story-2/",
        "/world/story-1/",
    ]
    page1 = doc(site, "world/page/1/index.html")
    assert page1.xpath("//a[@rel='prev']/@href") == ["/world/"]
    assert page1.xpath("//a[@rel='next']/@href") == []
    front = doc(site, "world/index.html")
    assert front.xpath("//a[@rel='next']/@href") == ["/world/page/1/"]
    assert front.xpath("//nav[@class='pagination']//a[@aria-current='page']/text()") == ["Newest"]
    # tags paginate the same way; T1 (days 1, 3, 5, 7) fits on its front page
    assert teaser_links(site, "tags/trade/page/1/index.html") == teaser_links(
        site, "world/page/1/index.html"
    )
    assert len(teaser_links(site, "tags/t1/index.html")) == 4
    assert "tags/t1/page/1/index.html" not in site.outputs()


def archive_pages(site: Site) -> dict[str, bytes]:
    public = site.root / "public"
    return {p.relative_to(public).as_posix(): p.read_bytes() for p in public.glob("world/page/*/*")}


def test_new_articles_leave_archive_pages_as_they_were(site: Site) -> None:
    """Archive pages are blocks counted from the oldest: a new article changes the front
    page; a full block makes one new archive page and changes the two newest before it
    (their "Newer" link and pager). Every article is on exactly one page, newest first."""
    pages: dict[str, bytes] = {}
    for day in range(1, 21):
        site.article(f"story-{day:02d}", date=RawYaml(f"2026-05-{day:02d}T09:00:00-04:00"))
        site.build()
        now = archive_pages(site)
        changed = {rel for rel in pages if now.get(rel) != pages[rel]}
        assert set(pages) <= set(now)  # no archive page goes away
        assert len(set(now) - set(pages)) <= 1
        if day % 3:  # no new block: not one archive page changes
            assert changed == set(), day
        else:
            assert len(changed) <= 2, (day, changed)
        pages = now
        archived = sorted(int(rel.split("/")[2]) for rel in now)
        assert archived == list(range(1, len(archived) + 1))
        shown = teaser_links(site, "world/index.html")
        for number in reversed(archived):
            shown += teaser_links(site, f"world/page/{number}/index.html")
        assert shown == [f"/world/story-{d:02d}/" for d in range(day, 0, -1)]
        assert 3 <= len(teaser_links(site, "world/index.html")) <= 5 or day < 3
    # the pager of an old page names neither the number of pages nor the newest page
    old = doc(site, "world/page/1/index.html")
    labels = old.xpath("//nav[@class='pagination']//li[not(@class)]/a/text()")
    assert labels == ["Newest", "3", "2", "1"]
    assert "/world/page/5/" not in site.read("world/page/1/index.html")


def test_ties_are_broken_by_url(site: Site) -> None:
    for name in ("b-piece", "a-piece", "c-piece"):
        site.article(name, date=RawYaml("2026-05-01T09:00:00Z"))
    site.build()
    assert teaser_links(site, "world/index.html") == [
        "/world/a-piece/",
        "/world/b-piece/",
        "/world/c-piece/",
    ]


def test_keep_reading_counts_and_excludes(site: Site) -> None:
    seven_articles(site)
    site.article("secret", draft=True, tags=["Trade", "T1"], date=RawYaml("2026-05-08T09:00:00Z"))
    site.build()
    for day in range(1, 8):
        page = doc(site, f"world/story-{day}/index.html")
        block = page.xpath("//*[contains(@class,'keep-reading')]")
        assert len(block) == 1
        assert "Keep reading" in block[0].text_content()
        links = [
            a.get("href")
            for a in block[0].xpath(".//*[contains(@class,'teaser')]//*[self::h2 or self::h3]//a")
        ]
        assert len(links) == 2
        assert f"/world/story-{day}/" not in links
        assert "/world/secret/" not in links
    # story-7 shares the rarer tag T1 with 5, 3, 1: the newest of those first
    assert teaser_links(
        site, "world/story-7/index.html", "//*[contains(@class,'keep-reading')]"
    ) == [
        "/world/story-5/",
        "/world/story-3/",
    ]


def test_drafts_and_future_are_left_out_everywhere(site: Site) -> None:
    site.article("published", tags=["Shared"])
    site.article("draft-one", draft=True, tags=["Shared", "Draft only"])
    site.article("scheduled", date=RawYaml("2027-01-01T09:00:00Z"), tags=["Shared", "Future only"])
    site.build()
    out = site.outputs()
    assert "world/published/index.html" in out
    for rel in (
        "world/draft-one/index.html",
        "world/scheduled/index.html",
        "tags/draft-only/index.html",
        "tags/future-only/index.html",
    ):
        assert rel not in out
    everything = "".join(
        (site.root / "public" / rel).read_text() for rel in out if rel.endswith(".html")
    )
    assert "Draft One" not in everything and "Scheduled" not in everything
    site.build(drafts=True, future=True)
    assert {"world/draft-one/index.html", "world/scheduled/index.html"} <= set(site.outputs())


def test_the_clock_decides_what_is_published(site: Site) -> None:
    site.article("scheduled", date=RawYaml("2026-12-01T09:00:00Z"))
    site.article("old")
    site.build()
    assert "world/scheduled/index.html" not in site.outputs()
    site.build(now=dt.datetime(2026, 12, 2, tzinfo=dt.UTC))
    assert "world/scheduled/index.html" in site.outputs()


def test_dates_with_and_without_offsets(site: Site) -> None:
    site.article("with-offset", date=RawYaml("2026-07-06T23:30:00-04:00"))
    site.article("date-only", date=RawYaml("2026-07-06"))
    site.article("naive", date=RawYaml("2026-07-06T08:00:00"))
    site.build()
    offset = doc(site, "world/with-offset/index.html").xpath("//main//time/@datetime")
    assert "2026-07-06T23:30:00-04:00" in offset
    assert "2026-07-06" in doc(site, "world/date-only/index.html").xpath("//main//time/@datetime")
    # a datetime without offset is in the site's timezone (New York, UTC-4 in July)
    assert "2026-07-06T08:00:00-04:00" in doc(site, "world/naive/index.html").xpath(
        "//main//time/@datetime"
    )
    # newest first: 23:30 EDT, 08:00 EDT, then the date alone (midnight)
    assert teaser_links(site, "world/index.html") == [
        "/world/with-offset/",
        "/world/naive/",
        "/world/date-only/",
    ]


HOSTILE = "</script><script>alert(1)</script> \"quoted\" & 'single' <b>bold</b> Ünïcode"


def test_front_matter_is_escaped_everywhere(site: Site) -> None:
    site.article(
        "hostile",
        title=HOSTILE,
        dek=HOSTILE,
        summary=HOSTILE,
        tags=[HOSTILE, "Plain"],
        photo={
            "src": "https://img.example.com/x.jpg",
            "alt": HOSTILE,
            "caption": HOSTILE,
            "credit": HOSTILE,
        },
        correction=HOSTILE,
    )
    site.author("ann", HOSTILE, role=HOSTILE)
    site.build()
    for rel in site.outputs():
        if not rel.endswith(".html"):
            continue
        text = site.read(rel)
        assert "<script>alert(1)" not in text, rel
        assert "<b>bold</b>" not in text, rel
        for block in re.findall(
            r"<script type=\"application/ld\+json\">(.*?)</script>", text, re.S
        ):
            data = json.loads(block)
            assert "<" not in block
            assert data
    page = site.read("world/hostile/index.html")
    tree = lxml_html.fromstring(page)
    assert tree.xpath("//h1")[0].text_content().strip() == HOSTILE
    assert tree.xpath("//figure//img/@alt") == [HOSTILE]
    assert HOSTILE in tree.xpath("//meta[@property='og:title']/@content")
    ld = [json.loads(s.text) for s in tree.xpath("//script[@type='application/ld+json']")]
    assert any(item.get("headline") == HOSTILE for item in ld)


def test_unicode_titles_and_ampersands(site: Site) -> None:
    site.article("unicode", title="Brasília & Zürich: “talks” résumé <ok>")
    site.build()
    tree = doc(site, "world/unicode/index.html")
    assert tree.xpath("//h1")[0].text_content().strip() == "Brasília & Zürich: “talks” résumé <ok>"
    assert "Brasília &amp; Zürich" in site.read("world/unicode/index.html")


def test_same_input_same_bytes(site: Site, tmp_path: Path) -> None:
    seven_articles(site)
    site.page("about", "About")
    site.build("out-a")
    site.build("out-b")
    assert digest(site.root / "out-a") == digest(site.root / "out-b")


def test_a_failed_build_leaves_the_previous_output(site: Site) -> None:
    seven_articles(site)
    site.build()
    before = digest(site.root / "public")
    site.article("broken", section="nowhere")
    with pytest.raises(SiteError) as err:
        site.build()
    assert [p.format() for p in err.value.problems] == [
        "content/articles/broken.md:4: unknown section 'nowhere'"
    ]
    assert digest(site.root / "public") == before
    assert not [p for p in site.root.iterdir() if "rsgen-tmp" in p.name]


def test_home_leads_with_the_newest_featured(site: Site) -> None:
    seven_articles(site)
    site.article("older-featured", featured=True, date=RawYaml("2026-04-01T09:00:00Z"))
    site.article("newer-featured", featured=True, date=RawYaml("2026-04-02T09:00:00Z"))
    site.build()
    home = site.read("index.html")
    assert home.index("/world/newer-featured/") < home.index("/world/older-featured/")
    assert home.index("/world/newer-featured/") < home.index("/world/story-7/")


def test_stand_alone_pages_and_author_pages(site: Site) -> None:
    site.author("bob", "Bob Reporter", bio="Bob covers **Asia**.\n", role="Correspondent")
    site.article("joint", authors=["ann", "bob"])
    site.page("newsletter", "Newsletter", description="Sign up")
    site.build()
    author = doc(site, "authors/bob/index.html")
    assert "Bob covers" in author.text_content()
    assert teaser_links(site, "authors/bob/index.html") == ["/world/joint/"]
    article = doc(site, "world/joint/index.html")
    assert {"/authors/ann/", "/authors/bob/"} <= set(article.xpath("//a/@href"))
    assert (
        doc(site, "newsletter/index.html").xpath("//h1")[0].text_content().strip() == "Newsletter"
    )


def test_index_teasers_open_more_without_javascript(site: Site) -> None:
    site.article("long", body="First paragraph.\n\nSecond paragraph.\n\nThird.\n")
    site.build()
    tree = doc(site, "world/index.html")
    details = tree.xpath("//details")
    assert details, "index teasers carry a <details> keep-reading control"
    assert "Second paragraph." in details[0].text_content()
    assert "Keep reading" in details[0].xpath("./summary")[0].text_content()
    assert "Show less" in details[0].xpath("./summary")[0].text_content()


def test_base_url_with_a_path(site: Site) -> None:
    site.write(
        "site.yaml",
        site.root.joinpath("site.yaml")
        .read_text()
        .replace("https://news.example.com/", "https://example.org/outlet/"),
    )
    site.article("piece")
    site.build()
    tree = doc(site, "world/piece/index.html")
    assert tree.xpath("//link[@rel='canonical']/@href") == [
        "https://example.org/outlet/world/piece/"
    ]
    assert "/outlet/world/" in tree.xpath("//nav//a/@href")


def test_build_clock_default_comes_from_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    from rsgen.base.clock import clock

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert clock() == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)
    assert clock(NOW) == NOW


def test_a_site_teaser_replaces_the_themes_everywhere(site: Site) -> None:
    seven_articles(site)
    site.write(
        "templates/_teaser.html",
        '{% macro teaser(article, more=false, level=2, lead=false, eager=false, sizes="") %}'
        '<p class="my-teaser">{{ article.title }}</p>{% endmacro %}\n',
    )
    site.build()
    for rel in ("index.html", "world/index.html", "world/story-3/index.html"):
        assert "my-teaser" in site.read(rel), rel
    # each teaser is rendered once per build and reused, but its place on each page is right
    assert doc(site, "world/index.html").xpath("//p[@class='my-teaser']/text()") == [
        "Story 7",
        "Story 6",
        "Story 5",
        "Story 4",
    ]
