"""`rsgen import wordpress`: real WXR files imported into real folders, then built with rsgen.

Fixtures (tests/fixtures/wordpress/): `edge-cases.xml`, written for these tests with one item
per edge case the issue names, and `theme-unit-test-data.xml`, WordPress's own Theme Unit Test
export (see the README there). Each imported site is built and checked the way an editor would
after a migration: every published post at its page, every old permalink redirecting to it,
nothing private anywhere, no shortcode debris, and a second import changing nothing.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path
from typing import Any

import feedparser
import pytest
import yaml
from click.testing import CliRunner, Result

from conftest import NOW, Site
from rsgen.cli import main
from rsgen.content.frontmatter import split_front_matter
from rsgen.importing.wxr import Item, read_export

FIXTURES = Path(__file__).parent / "fixtures" / "wordpress"
EDGE = FIXTURES / "edge-cases.xml"
REAL = FIXTURES / "theme-unit-test-data.xml"
UPLOADS = FIXTURES / "uploads"
BUILD_NOW = "2026-11-24T12:00:00+00:00"
DEBRIS = re.compile(r"\[/?(?:caption|gallery|embed|video|audio|contact-form-7)\b|<!--\s*/?wp:")


def rsgen(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def front_matter(path: Path) -> tuple[dict[str, Any], str]:
    split = split_front_matter(path.read_text(encoding="utf-8"))
    return yaml.safe_load(split.front_matter), split.body


def tree_hashes(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
        and "public" not in p.relative_to(root).parts
        and ".rsgen-cache" not in p.relative_to(root).parts
    }


def visible_text(html: str) -> str:
    """A page's HTML without its <pre>/<code> (code may show markup on purpose)."""
    return re.sub(r"<(pre|code)\b.*?</\1>", "", html, flags=re.DOTALL)


@pytest.fixture(scope="module")
def edge_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    site = tmp_path_factory.mktemp("edge") / "site"
    result = rsgen("import", "wordpress", EDGE, site, "--media", UPLOADS)
    return site, result


@pytest.fixture(scope="module")
def edge_build(edge_site: tuple[Path, Result]) -> Path:
    site, _ = edge_site
    result = rsgen("build", site, "--now", BUILD_NOW, "--no-search", "--quiet")
    assert result.exit_code == 0, result.output
    return site / "public"


# --- the import itself --------------------------------------------------------------------


def test_report_names_every_skipped_or_partly_converted_item_by_line(
    edge_site: tuple[Path, Result],
) -> None:
    _, result = edge_site
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    text = EDGE.read_text(encoding="utf-8").splitlines()

    def line_of(title: str) -> int:
        """The line of the <item> whose <title> holds `title`."""
        at = next(i for i, t in enumerate(text) if title in t and "<title>" in t)
        return max(i for i in range(at) if text[i].strip() == "<item>") + 1

    expected = {
        "Private memo": "post is private: not imported",
        "Members only": "post is password-protected: not imported",
        "Empty post": "post has no content: not imported",
        "Only a gallery": "nothing is left of the body once converted",
        "Trashed": "post is trash: not imported",
        "Draft page": "page is draft: not imported",
        "World News landing page": "page /world-news/ has the URL of a section",
        "Plain permalink post": "old URL /?p=102 has a query string",
        "Our team": "old URL /about/team/ is not kept: pages take no aliases",
        "Block post": "removed dynamic block wp:latest-posts",
    }
    for title, message in expected.items():
        prefix = f"{EDGE}:{line_of(title)}: "
        assert any(line.startswith(prefix) and message in line for line in lines), (title, lines)
    untitled = next(line for line in lines if "had no title" in line)
    assert "Untitled dispatch about the summit" in untitled
    former = next(line for line in lines if f":{line_of('Former officials')}:" in line)
    assert "removed shortcode [gallery] (attachments 10,11)" in former
    assert "removed shortcode [contact-form-7]" in former
    assert "tag '---' has no letter or digit" in former
    assert "imported 8 posts (2 drafts, 1 scheduled), 2 pages, 3 authors, 5 aliases" in lines
    assert any(
        line.startswith("skipped:") and "1 private" in line and "1 password-protected" in line
        for line in lines
    )


def test_post_becomes_article_with_every_field(edge_site: tuple[Path, Result]) -> None:
    site, _ = edge_site
    data, body = front_matter(site / "content/articles/2019/track-ii-moscow.md")
    assert data["title"] == "Former officials quietly open a channel & talk"
    assert data["date"].isoformat() == "2019-05-06T10:30:00-04:00"
    assert data["section"] == "world-news"  # the first of its two categories
    assert data["authors"] == ["jdoe", "guest-writer"]  # the post's author first
    assert data["tags"] == ["Track II diplomacy", "Russia"]
    assert data["featured"] is True  # sticky
    assert data["summary"] == "Why Track II talks matter – before any ceasefire"
    assert data["photo"] == {
        "src": "/images/2019/05/talks.jpg",
        "alt": "Delegates at a table",
        "caption": "Talks in New York, May 2019.",
        "credit": "Jane Roe/Agency",
    }
    assert data["aliases"] == [
        "/2019/05/06/track-ii-moscow/",
        "/2019/05/06/officials-open-channel/",
    ]
    assert data["id"] == "http://news.example.org/?p=100"
    assert (site / "static/images/2019/05/talks.jpg").read_bytes() == (
        UPLOADS / "2019/05/talks.jpg"
    ).read_bytes()
    # classic content: wpautop paragraphs, [caption] → figure, own-line URL and [embed] → embeds
    assert "Diplomats met for **three days** in New York.\\\nA second line" in body
    assert (
        '![Delegates at a table](/images/2019/05/talks.jpg "Talks in New York, May 2019")' in body
    )
    assert "\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n" in body
    assert "\n\nhttps://vimeo.com/123456789\n\n" in body
    # links to other posts, by permalink and by ?p=, to a category and to an upload
    assert "[earlier analysis](/opinion/block-post/)" in body
    assert "[same by id](/opinion/block-post/)" in body
    assert "[opinion section](/opinion/)" in body
    assert "[full photo](/images/2019/05/talks.jpg)" in body
    assert "Writers type \\<script> and AT&T and \\*stars\\* in prose; 1. is not a list." in body
    assert not DEBRIS.search(body)


def test_block_editor_post(edge_site: tuple[Path, Result]) -> None:
    site, _ = edge_site
    data, body = front_matter(site / "content/articles/2019/block-post.md")
    assert data["section"] == "opinion"
    # the featured image has no alt text: its title stands in
    assert data["photo"] == {"src": "/images/2019/05/harbour.jpg", "alt": "Harbour at dawn"}
    assert '![Delegates at a table](/images/2019/05/talks.jpg "The delegates, day one")' in body
    assert "::: embed https://twitter.com/jack/status/20\nThe first tweet\n:::" in body
    assert "\n\nhttps://www.youtube.com/watch?v=M7lc1UVf-VE\n\n" in body
    assert "::: pullquote\nNegotiations are not the beginning of a cease-fire.\n:::" in body
    assert "> Diplomacy is the art" in body and "## What comes next" in body
    assert "- More talks\n- A ceasefire" in body
    assert "[Venue map](https://www.google.com/maps/embed?pb=abc)" in body
    assert "<iframe" not in body and not DEBRIS.search(body)


def test_statuses_titles_and_safety(edge_site: tuple[Path, Result]) -> None:
    site, _ = edge_site
    articles = site / "content/articles"
    assert front_matter(articles / "2019/draft-piece.md")[0]["draft"] is True
    assert front_matter(articles / "2019/pending-review-piece.md")[0]["draft"] is True
    scheduled = front_matter(articles / "2031/scheduled-piece.md")[0]
    assert scheduled["date"].isoformat() == "2031-01-01T09:00:00-05:00" and "draft" not in scheduled
    untitled = front_matter(articles / "2019/post-108.md")[0]
    assert untitled["title"].startswith("Untitled dispatch about the summit")
    marked = front_matter(articles / "2019/etc-markup-title.md")[0]  # post_name had ../../../
    assert marked["title"] == 'Markup <script>alert("title")</script> & Pyongyang’s reply'
    assert "photo" not in marked  # its featured image's path leaves the uploads folder
    everything = "\n".join(p.read_text(encoding="utf-8") for p in site.rglob("*.md"))
    for secret in (
        "PRIVATE-MEMO-TEXT",
        "PASSWORD-PROTECTED-TEXT",
        "TRASHED-TEXT",
        "DRAFT-PAGE-TEXT",
    ):
        assert secret not in everything
    assert "@example.org" not in everything  # e-mail addresses are never written
    assert not any("secret" in p.name for p in site.rglob("*"))
    written = {p.relative_to(site).parts[0] for p in site.rglob("*") if p.is_file()}
    assert written == {".rsgen-import.json", "content", "site.yaml", "static"}


def test_authors_pages_and_site_yaml(edge_site: tuple[Path, Result]) -> None:
    site, _ = edge_site
    authors = sorted(p.stem for p in (site / "content/authors").glob("*.md"))
    assert authors == ["guest-writer", "jdoe", "rroe"]  # admin wrote nothing imported
    guest, bio = front_matter(site / "content/authors/guest-writer.md")
    assert guest == {"name": "Grace Guest", "links": {"website": "https://grace.example.com/"}}
    assert bio.strip() == "Grace writes about Asia & the Pacific."
    assert front_matter(site / "content/authors/jdoe.md")[0] == {"name": "Jane Doe"}
    assert sorted(p.stem for p in (site / "content/pages").glob("*.md")) == ["about", "team"]
    about, body = front_matter(site / "content/pages/about.md")
    assert about == {"title": "About us", "description": "Who we are"}
    assert "[diplomacy](/world-news/track-ii-moscow/)" in body
    settings = yaml.safe_load((site / "site.yaml").read_text(encoding="utf-8"))
    assert settings["title"] == "The Statecraft Desk & Co"
    assert settings["base_url"] == "https://news.example.org/"
    assert [s["key"] for s in settings["sections"]] == [
        "world-news",
        "asia",
        "opinion",
        "uncategorized",
    ]
    assert settings["sections"][1]["title"] == "Asia & Pacific"


# --- the imported site, built -------------------------------------------------------------


def test_imported_site_builds_and_keeps_its_old_urls(
    edge_site: tuple[Path, Result], edge_build: Path
) -> None:
    site, _ = edge_site
    assert rsgen("check", site, "--now", BUILD_NOW).exit_code == 0
    for url in (
        "world-news/track-ii-moscow",
        "opinion/block-post",
        "asia/plain-permalink-post",
        "uncategorized/post-108",
        "asia/etc-markup-title",
        "about",
        "team",
    ):
        assert (edge_build / url / "index.html").is_file(), url
    redirects = {
        "2019/05/06/track-ii-moscow": "/world-news/track-ii-moscow/",
        "2019/05/06/officials-open-channel": "/world-news/track-ii-moscow/",
        "2019/05/07/block-post": "/opinion/block-post/",
        "2019/05/12/markup-title": "/asia/etc-markup-title/",
    }
    for old, new in redirects.items():
        page = (edge_build / old / "index.html").read_text(encoding="utf-8")
        assert f'content="0; url={new}"' in page, old
        assert f"/{old}/ {new} 301" in (edge_build / "_redirects").read_text(encoding="utf-8")
    html = {p: p.read_text(encoding="utf-8") for p in edge_build.rglob("*.html")}
    for page, text in html.items():
        assert not DEBRIS.search(visible_text(text)), page
        for hidden in (
            "Draft piece",
            "Pending review",
            "Scheduled piece",
            "Private memo",
            "PRIVATE-MEMO",
            "Members only",
            "DRAFT-PAGE",
        ):
            assert hidden not in text, (page, hidden)
    title_page = html[edge_build / "asia/etc-markup-title/index.html"]
    assert "<script>alert(" not in title_page
    assert (
        "Markup &lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; &amp; Pyongyang’s reply"
        in title_page
    )


def test_imported_guids_are_the_feed_ids(edge_build: Path) -> None:
    rss = feedparser.parse((edge_build / "feed.xml").read_bytes())
    atom = feedparser.parse((edge_build / "atom.xml").read_bytes())
    assert not rss.bozo and not atom.bozo
    for feed in (rss, atom):
        entry = next(e for e in feed.entries if e.link.endswith("/world-news/track-ii-moscow/"))
        assert entry.id == "http://news.example.org/?p=100"
    rss_entry = next(e for e in rss.entries if e.link.endswith("/opinion/block-post/"))
    assert rss_entry.guidislink is False


def test_second_import_changes_nothing_and_keeps_edits(
    tmp_path: Path, edge_site: tuple[Path, Result]
) -> None:
    site = shutil.copytree(edge_site[0], tmp_path / "site", ignore=shutil.ignore_patterns("public"))
    before = tree_hashes(site)
    again = rsgen("import", "wordpress", EDGE, site, "--media", UPLOADS)
    assert again.exit_code == 0
    assert tree_hashes(site) == before
    assert (
        "files: 0 written, 15 unchanged, 0 kept (edited since the last import), 0 removed"
        in again.output
    )
    edited = site / "content/articles/2019/block-post.md"
    edited.write_text(
        edited.read_text(encoding="utf-8") + "\nAn editor's addition.\n", encoding="utf-8"
    )
    kept = rsgen("import", "wordpress", EDGE, site, "--media", UPLOADS)
    assert "An editor's addition." in edited.read_text(encoding="utf-8")
    assert (
        "content/articles/2019/block-post.md was edited since the last import: kept" in kept.output
    )
    forced = rsgen("import", "wordpress", EDGE, site, "--media", UPLOADS, "--force")
    assert "An editor's addition." not in edited.read_text(encoding="utf-8")
    assert tree_hashes(site) == before and "1 written" in forced.output
    # a post made private since: its file goes (nobody edited it), the report says so
    private = tmp_path / "now-private.xml"
    private.write_text(
        EDGE.read_text(encoding="utf-8").replace(
            "<wp:post_name><![CDATA[block-post]]></wp:post_name>\n\t\t<wp:status><![CDATA[publish]]>",
            "<wp:post_name><![CDATA[block-post]]></wp:post_name>\n\t\t<wp:status><![CDATA[private]]>",
        ),
        encoding="utf-8",
    )
    removed = rsgen("import", "wordpress", private, site, "--media", UPLOADS)
    assert not edited.exists()
    assert "removed content/articles/2019/block-post.md" in removed.output


# --- bad input ----------------------------------------------------------------------------


BAD_EXPORTS = {
    "not-xml.xml": ("<rss><channel><title>x</channel></rss>", 1, "not well-formed XML"),
    "not-wxr.xml": (
        '<?xml version="1.0"?>\n<rss version="2.0">\n<channel>\n<title>A feed</title>\n'
        "<item><title>x</title></item>\n</channel>\n</rss>\n",
        3,
        "not a WordPress export: the channel has no <wp:wxr_version>",
    ),
    "atom.xml": ('<feed xmlns="http://www.w3.org/2005/Atom"/>', 1, "the root element is <"),
    "bomb.xml": (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n'
        "<rss><channel><title>&lol2;</title></channel></rss>",
        3,
        "declares a DTD",
    ),
    "xxe.xml": (
        '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2'
        "</wp:wxr_version><item><title>&xxe;</title></item></channel></rss>",
        3,
        "declares a DTD",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_EXPORTS))
def test_unreadable_exports_exit_1_and_write_nothing(tmp_path: Path, name: str) -> None:
    text, line, message = BAD_EXPORTS[name]
    export = tmp_path / name
    export.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    result = CliRunner().invoke(main, ["import", "wordpress", str(export), str(site)])
    assert result.exit_code == 1
    assert f"{export}:{line}: " in result.output and message in result.output
    assert not site.exists()


def test_missing_export(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["import", "wordpress", str(tmp_path / "nope.xml"), str(tmp_path / "s")]
    )
    assert result.exit_code == 1 and "cannot read the export" in result.output


# --- sections ------------------------------------------------------------------------------


def test_section_map(tmp_path: Path) -> None:
    sections = tmp_path / "sections.yaml"
    sections.write_text(
        "world-news: world\nasia: ~\nopinion: opinion\n'*': world\n", encoding="utf-8"
    )
    site = tmp_path / "site"
    result = rsgen("import", "wordpress", EDGE, site, "--sections", sections)
    assert result.exit_code == 0, result.output
    keys = [s["key"] for s in yaml.safe_load((site / "site.yaml").read_text())["sections"]]
    assert keys == ["world", "opinion"]
    # "asia: ~" never decides: a post in world-news and asia goes to world, one only in asia
    # and one without a category to the "*" section
    assert front_matter(site / "content/articles/2019/track-ii-moscow.md")[0]["section"] == "world"
    assert (
        front_matter(site / "content/articles/2019/plain-permalink-post.md")[0]["section"]
        == "world"
    )
    assert front_matter(site / "content/articles/2019/post-108.md")[0]["section"] == "world"
    assert rsgen("build", site, "--now", BUILD_NOW, "--no-search", "--quiet").exit_code == 0


def test_bad_section_map_is_reported_with_its_line(tmp_path: Path) -> None:
    sections = tmp_path / "sections.yaml"
    sections.write_text("world-news: world\nasia: Asia Pacific\n", encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["import", "wordpress", str(EDGE), str(tmp_path / "site"), "--sections", str(sections)],
    )
    assert result.exit_code == 1
    assert f"{sections}:2: 'asia' must map to a section key" in result.output
    assert not (tmp_path / "site").exists()


def test_import_into_an_existing_site(site: Site) -> None:
    result = rsgen("import", "wordpress", EDGE, site.root)
    assert result.exit_code == 0, result.output
    data = front_matter(site.root / "content/articles/2019/track-ii-moscow.md")[0]
    assert data["section"] == "world"  # world-news is not a section here: the first one
    assert (
        "category 'world-news' is not a section of site.yaml: filed under 'world'" in result.output
    )
    assert data["photo"]["src"] == "https://news.example.org/wp-content/uploads/2019/05/talks.jpg"
    # the existing author file was not written by the import: it stays as it is
    assert site.build(drafts=False).pages > 0


# --- a real export: WordPress's Theme Unit Test data ---------------------------------------


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    site = tmp_path_factory.mktemp("real") / "site"
    return site, rsgen("import", "wordpress", REAL, site)


def test_real_export_imports_builds_and_keeps_its_urls(real_site: tuple[Path, Result]) -> None:
    site, result = real_site
    assert result.exit_code == 0, result.output
    published = [
        r
        for r in read_export(REAL)
        if isinstance(r, Item)
        and r.post_type == "post"
        and r.status == "publish"
        and not r.password
        and r.content.strip()
    ]
    build = rsgen("build", site, "--now", BUILD_NOW, "--no-search", "--quiet")
    assert build.exit_code == 0, build.output
    public = site / "public"
    articles = [(front_matter(p)[0], p.stem) for p in (site / "content/articles").rglob("*.md")]
    by_guid = {data["id"]: (data, slug) for data, slug in articles if "id" in data}
    by_slug = {slug: (data, slug) for data, slug in articles}
    # two posts of this export share a GUID: the second keeps its URL as feed id
    assert "GUID https://wpthemetestdata.wordpress.com/?p=582 is also the post's" in result.output
    for item in published:  # every published post, found by its GUID or slug, is at its page
        found = by_guid.get(item.guid)
        data, slug = found if found and found[1] == item.post_name else by_slug[item.post_name]
        assert not data.get("draft")
        assert (public / data["section"] / slug / "index.html").is_file()
    aliases = [(a, d, slug) for d, slug in articles for a in d.get("aliases", ())]
    assert len(aliases) >= 50
    for alias, data, slug in aliases:  # every old permalink answers with a redirect to it
        page = (public / alias.strip("/") / "index.html").read_text(encoding="utf-8")
        assert f"url=/{data['section']}/{slug}/" in page
    for page in public.rglob("*.html"):
        assert not DEBRIS.search(visible_text(page.read_text(encoding="utf-8"))), page
    assert "Protected: Test" not in (public / "feed.xml").read_text(encoding="utf-8")
    # the only link `rsgen check` finds broken was already broken in the export: it points
    # to a post the export does not contain
    check = CliRunner().invoke(main, ["check", str(site), "--now", BUILD_NOW])
    broken = [line for line in check.output.splitlines() if "leads to no page" in line]
    assert broken and all("/2018/11/03/block-button/" in line for line in broken)


def test_real_export_second_import_is_byte_identical(
    tmp_path: Path, real_site: tuple[Path, Result]
) -> None:
    site = shutil.copytree(
        real_site[0], tmp_path / "site", ignore=shutil.ignore_patterns("public", ".rsgen-cache")
    )
    before = tree_hashes(site)
    again = rsgen("import", "wordpress", REAL, site)
    assert tree_hashes(site) == before
    assert re.search(r"files: 0 written, \d+ unchanged, 0 kept", again.output)


# --- feed ids on any site ------------------------------------------------------------------


def test_id_is_the_rss_guid_and_atom_id(site: Site) -> None:
    site.article("kept-id", id="https://old.example.org/?p=4711")
    site.article("no-id")
    site.build()
    rss = feedparser.parse(site.read("feed.xml").encode())
    atom = feedparser.parse(site.read("atom.xml").encode())
    assert not rss.bozo and not atom.bozo
    by_link = {e.link: e for e in rss.entries}
    kept = by_link["https://news.example.com/world/kept-id/"]
    assert kept.id == "https://old.example.org/?p=4711" and kept.guidislink is False
    plain = by_link["https://news.example.com/world/no-id/"]
    assert plain.id == "https://news.example.com/world/no-id/"
    assert '<guid isPermaLink="true">https://news.example.com/world/no-id/</guid>' in site.read(
        "feed.xml"
    )
    atom_ids = {e.link: e.id for e in atom.entries}
    assert atom_ids["https://news.example.com/world/kept-id/"] == "https://old.example.org/?p=4711"
    assert (
        atom_ids["https://news.example.com/world/no-id/"] == "https://news.example.com/world/no-id/"
    )
    assert '<guid isPermaLink="false">https://old.example.org/?p=4711</guid>' in site.read(
        "feed.xml"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('""', "'id' is empty"),
        ('"a\\tb"', "'id' must not contain control characters"),
        ("42", "'id' must be text"),
    ],
)
def test_bad_ids_are_errors_with_their_line(site: Site, value: str, message: str) -> None:
    from conftest import RawYaml

    site.article("bad-id", id=RawYaml(value))
    result = CliRunner().invoke(main, ["build", str(site.root), "--now", NOW.isoformat()])
    assert result.exit_code == 1
    assert f"content/articles/bad-id.md:7: {message}" in result.output  # after title…tags
