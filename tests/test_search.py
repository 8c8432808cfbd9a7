"""The search page and its Pagefind index: what is indexed, when it is remade, and switching it off."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from lxml import html as lxml_html

from conftest import NOW, RawYaml, Site
from rsgen.base.errors import SiteError
from rsgen.build import BuildRequest, build
from rsgen.commands import compare_trees
from rsgen.graph import BuildOptions
from rsgen.publish.pagefind_bundle import read, write


def fragments(out: Path) -> list[dict]:
    """Every page Pagefind indexed (its fragment files: URL, text, filters, meta)."""
    found = []
    for path in sorted((out / "pagefind/fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        found.append(json.loads(raw.removeprefix(b"pagefind_dcd")))
    return found


def entry(out: Path) -> dict:
    return json.loads((out / "pagefind/pagefind-entry.json").read_text())


def search_site(site: Site) -> Site:
    site.author("bob", "Bob Reporter")
    site.article(
        "harbour",
        body="The harbour pilots struck on Tuesday.\n\nMore about quays.\n",
        kind="news",
        authors=["ann", "bob"],
        photo={"src": "https://cdn.example.net/harbour.jpg", "alt": "Cranes"},
    )
    site.article("plain", section="asia", body="Nothing about boats here.\n")
    site.article("secret", draft=True, body="A zeppelinword in a draft.\n")
    site.article("later", date=RawYaml("2026-12-01T09:00:00Z"), body="A futureword piece.\n")
    return site


def test_article_bodies_are_indexed_with_filters_and_meta(site: Site) -> None:
    search_site(site)
    site.build()
    out = site.root / "public"
    pages = {f["url"]: f for f in fragments(out)}
    assert set(pages) == {"/world/harbour/", "/asia/plain/"}
    harbour = pages["/world/harbour/"]
    assert "harbour pilots struck" in harbour["content"]
    assert "Keep reading" not in harbour["content"]  # only the body (data-pagefind-body)
    assert harbour["filters"] == {
        "author": ["Ann Writer", "Bob Reporter"],
        "kind": ["News"],
        "section": ["World"],
    }
    assert harbour["meta"]["title"] == "Harbour"
    assert harbour["meta"]["date"].startswith("2026-05-01")
    assert harbour["meta"]["image"] == "https://cdn.example.net/harbour.jpg"
    assert entry(out)["languages"]["en"]["page_count"] == 2


def test_drafts_and_future_articles_never_reach_the_index(site: Site) -> None:
    search_site(site)
    site.build()
    out = site.root / "public"
    everything = b"".join(
        gzip.decompress(p.read_bytes()) for p in (out / "pagefind").rglob("*.pf_*")
    )
    assert b"zeppelinword" not in everything and b"futureword" not in everything
    assert b"harbour" in everything


def test_the_search_page_and_the_header_link(site: Site) -> None:
    search_site(site)
    site.build()
    tree = lxml_html.fromstring(site.read("search/index.html"))
    assert tree.xpath("//h1")[0].text_content() == "Search"
    assert tree.xpath("//script[@src='/pagefind/pagefind-ui.js']")
    assert tree.xpath("//link[@rel='stylesheet'][@href='/pagefind/pagefind-ui.css']")
    assert tree.xpath("//*[@id='search']") and tree.xpath("//noscript")
    home = lxml_html.fromstring(site.read("index.html"))
    link = home.xpath("//header//a[contains(@class,'search-link')]")[0]
    assert link.get("href") == "/search/" and "Search" in link.text_content()
    for rel in ("pagefind-ui.js", "pagefind-ui.css", "pagefind.js", "pagefind-entry.json"):
        assert (site.root / "public/pagefind" / rel).is_file(), rel


def test_search_can_be_switched_off(site: Site) -> None:
    search_site(site)
    site.build()
    site.write("site.yaml", site.root.joinpath("site.yaml").read_text() + "search: false\n")
    site.build()
    out = site.root / "public"
    assert not (out / "pagefind").exists() and not (out / "search").exists()
    assert "search-link" not in site.read("index.html")
    assert "/search/" not in site.read("sitemap.xml")


def test_the_setting_must_be_true_or_false(site: Site) -> None:
    site.write("site.yaml", site.root.joinpath("site.yaml").read_text() + "search: sometimes\n")
    with pytest.raises(SiteError) as err:
        site.build()
    assert any("search" in p.format() for p in err.value.problems)


def test_a_base_url_path_reaches_the_results(site: Site) -> None:
    search_site(site)
    request = BuildRequest(
        site.root, site.root / "public", BuildOptions(now=NOW), base_url="https://x.org/news/"
    )
    build(request)
    out = site.root / "public"
    assert {f["url"] for f in fragments(out)} == {"/news/world/harbour/", "/news/asia/plain/"}
    page = site.read("search/index.html")
    assert 'src="/news/pagefind/pagefind-ui.js"' in page and '"/news/pagefind/"' in page


def test_the_index_is_kept_when_no_article_changed(site: Site) -> None:
    search_site(site)
    site.write("static/css/extra.css", "body{}")
    site.build()
    site.write("static/css/extra.css", "body{color:red}")
    result = site.build()
    assert result.report.written == ["css/extra.css"]
    assert any(rel.startswith("pagefind/") for rel in result.report.unchanged)


def test_an_article_edit_rewrites_only_the_index_files_that_changed(site: Site) -> None:
    search_site(site)
    site.build()
    site.article("plain", section="asia", body="Now about sailing boats.\n")
    result = site.build()
    index_files = [rel for rel in result.report.written if rel.startswith("pagefind/")]
    assert "pagefind/pagefind-entry.json" in index_files
    assert "pagefind/pagefind-ui.js" not in index_files  # the same bytes: left in place
    assert "sailing" in {w for f in fragments(site.root / "public") for w in f["content"].split()}
    build(BuildRequest(site.root, site.root / "clean", BuildOptions(now=NOW), clean=True))
    assert compare_trees(site.root / "public", site.root / "clean") == []


def test_the_bundle_is_the_same_bytes_every_time(site: Site) -> None:
    search_site(site)
    for n in range(6):  # several filter values, which Pagefind writes in a random order
        site.author(f"writer-{n}", f"Writer {n}")
        site.article(f"piece-{n}", authors=[f"writer-{n}"], kind=["news", "opinion"][n % 2])
    for out in ("a", "b", "c"):
        site.build(out)
    assert compare_trees(site.root / "a", site.root / "b") == []
    assert compare_trees(site.root / "a", site.root / "c") == []
    lang = entry(site.root / "a")["languages"]["en"]
    meta = read((site.root / "a/pagefind" / f"pagefind.{lang['hash']}.pf_meta").read_bytes())
    assert [name for name, _ in meta[3]] == ["author", "kind", "section"]


def test_no_pagefind_is_a_clear_error(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    search_site(site)
    site.build()
    before = sorted(p.name for p in (site.root / "public").iterdir())
    monkeypatch.setattr("pagefind.service.get_executable", lambda: None)
    site.article("plain", section="asia", body="Edited.\n")
    with pytest.raises(SiteError) as err:
        site.build()
    [problem] = err.value.problems
    assert problem.format().startswith("site.yaml: search needs Pagefind")
    assert "search: false" in problem.format()
    assert sorted(p.name for p in (site.root / "public").iterdir()) == before


def test_index_files_decode_and_encode_back_to_pagefinds_own_bytes(site: Site) -> None:
    """The bundle is rewritten with cbor2: for the files left as Pagefind wrote them (the
    word index), decoding and encoding again must give the very same bytes."""
    search_site(site)
    site.build()
    index_files = sorted((site.root / "public/pagefind/index").glob("*.pf_index"))
    assert index_files
    for path in index_files:
        data = path.read_bytes()
        assert gzip.decompress(write(read(data))) == gzip.decompress(data)


def test_the_index_leaves_embed_chrome_out(site: Site) -> None:
    """Players, post links, frames and related boxes are the page's chrome: search finds
    an embed by its caption, never by "Watch on YouTube" or another article's title."""
    site.article("other", title="Quayside cranes idle", date=RawYaml("2026-04-01T09:00:00Z"))
    site.article(
        "embeds",
        body="Opening words.\n\n"
        "::: embed https://youtu.be/dQw4w9WgXcQ\nThe harbourmaster's briefing.\n:::\n\n"
        "https://x.com/port_authority/status/1862534176540938654\n\n"
        "https://datawrapper.dwcdn.net/Qm7Rt/2/\n\n"
        "::: related other\n:::\n",
    )
    site.build()
    content = {f["url"]: f["content"] for f in fragments(site.root / "public")}["/world/embeds/"]
    assert "harbourmaster's briefing" in content
    for chrome in ("Watch on YouTube", "Play", "port_authority", "Datawrapper", "Quayside"):
        assert chrome not in content, chrome


def test_the_title_is_indexed_with_the_body(site: Site) -> None:
    """A reader who types a title finds the article: the <h1> is indexed, not only the body."""
    site.article("dispatch", title="Zephyrine Dispatch", body="Nothing but the text.\n")
    site.build()
    [page] = fragments(site.root / "public")
    assert "Zephyrine Dispatch" in page["content"] and "Nothing but the text" in page["content"]
