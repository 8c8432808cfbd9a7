"""The repository's own example site: every page type of the spec, valid HTML, content rules."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from lxml import html as lxml_html

from conftest import REPO, VNU_JAR, require


def page(out: Path, rel: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring((out / rel).read_text(encoding="utf-8"))


def front_matters() -> list[dict]:
    found = []
    for path in sorted((REPO / "content/articles").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        found.append(yaml.safe_load(text.split("---", 2)[1]) | {"_file": path.stem})
    return found


def test_the_example_site_has_what_an_outlet_has() -> None:
    articles = front_matters()
    settings = yaml.safe_load((REPO / "site.yaml").read_text())
    assert len(articles) >= 30
    assert {a["section"] for a in articles} == {s["key"] for s in settings["sections"]}
    assert {a.get("kind", settings["default_kind"]) for a in articles} == set(settings["kinds"])
    assert len(list((REPO / "content/authors").glob("*.md"))) >= 8
    assert sum(1 for a in articles if "photo" in a) >= 20
    for key in ("aliases", "correction", "updated", "draft", "featured", "summary", "canonical"):
        assert any(key in a for a in articles), key
    assert {"about.md", "newsletter.md"} <= {p.name for p in (REPO / "content/pages").glob("*.md")}


def test_every_page_type_is_built(example_build: Path) -> None:
    settings = yaml.safe_load((REPO / "site.yaml").read_text())
    for rel in (
        "index.html",
        "404.html",
        "tags/index.html",
        "authors/index.html",
        "about/index.html",
        "newsletter/index.html",
    ):
        assert (example_build / rel).is_file(), rel
    for section in settings["sections"]:
        assert (example_build / section["key"] / "index.html").is_file()
    articles = [a for a in front_matters() if not a.get("draft")]
    published = [a for a in articles if str(a["date"]) < "2026-11-24"]
    for a in published:
        slug = a.get("slug", a["_file"])
        assert (example_build / a["section"] / slug / "index.html").is_file(), slug
    future = [a for a in articles if str(a["date"]) > "2026-11-25"]
    assert future, "the example site has a scheduled article"
    for a in future:
        assert not (example_build / a["section"] / a.get("slug", a["_file"])).exists()


def test_article_pages_carry_the_spec_parts(example_build: Path) -> None:
    settings = yaml.safe_load((REPO / "site.yaml").read_text())
    keep = settings["keep_reading"]
    articles = sorted(example_build.glob("*/*/index.html"))
    articles = [
        p
        for p in articles
        if p.parent.parent.name in {s["key"] for s in settings["sections"]}
        and p.parent.name != "page"
    ]
    assert len(articles) >= 30
    for path in articles:
        tree = lxml_html.fromstring(path.read_text(encoding="utf-8"))
        assert len(tree.xpath("//h1")) == 1, path
        block = tree.xpath("//*[contains(@class,'keep-reading')]")
        assert len(block) == 1 and "Keep reading" in block[0].text_content(), path
        assert len(block[0].xpath(".//article")) == keep, path
        canonical = tree.xpath("//link[@rel='canonical']/@href")[0]
        assert canonical.startswith(settings["base_url"]) or "syndication" in canonical
        ld = [json.loads(s.text) for s in tree.xpath("//script[@type='application/ld+json']")]
        types = {item.get("@type", "") for item in ld}
        assert any("NewsArticle" in t or t == "LiveBlogPosting" for t in types), path


@pytest.mark.vnu
def test_nu_html_checker_finds_no_errors(example_build: Path) -> None:
    jar = require(VNU_JAR, "the Nu Html Checker")
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(jar),
            "--errors-only",
            "--stdout",
            "--format",
            "json",
            "--skip-non-html",
            str(example_build),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    messages = json.loads(result.stdout)["messages"]
    assert messages == [], "\n".join(
        f"{m.get('url')}:{m.get('lastLine')}: {m.get('message')}" for m in messages[:30]
    )


def test_the_site_overrides_a_theme_template(example_build: Path) -> None:
    for rel in ("index.html", "about/index.html", "404.html"):
        colophon = page(example_build, rel).xpath("//footer//p[@class='colophon']")
        assert colophon and "original reporting" in colophon[0].text_content(), rel


def bodies() -> str:
    """The Markdown of every article, as one text."""
    return "\n".join(
        p.read_text(encoding="utf-8").split("---", 2)[2]
        for p in sorted((REPO / "content/articles").rglob("*.md"))
    )


def test_the_example_site_uses_every_block_a_live_blog_and_a_series(
    example_build: Path,
) -> None:
    text = bodies()
    for block in ("pullquote", "aside", "related", "embed", "update"):
        assert re.search(rf"^:{{3,}} {block}\b", text, re.MULTILINE), block
    assert re.search(r'^!\[[^\]]+\]\(/images/[^ )]+ "[^"]+"\)$', text, re.MULTILINE), "a figure"
    for provider, url in PROVIDER_URLS.items():
        assert url in text, provider
    assert [a["_file"] for a in front_matters() if "live" in a] == ["nato-ministers-brussels-live"]
    parts = [a["_file"] for a in front_matters() if a.get("series") == "ukraine-talks"]
    assert len(parts) == 3
    assert (example_build / "series/ukraine-talks/index.html").is_file()
    assert (example_build / "series/ukraine-talks/feed.xml").is_file()


PROVIDER_URLS = {
    "YouTube": "youtube.com/watch",
    "Vimeo": "vimeo.com/",
    "X": "x.com/",
    "Bluesky": "bsky.app/profile/",
    "Spotify": "open.spotify.com/",
    "Apple Podcasts": "podcasts.apple.com/",
    "SoundCloud": "soundcloud.com/",
    "Datawrapper": "datawrapper.dwcdn.net/",
    "Flourish": "public.flourish.studio/",
    "DocumentCloud": "documentcloud.org/documents/",
}


def test_no_page_loads_a_script_of_another_site(example_build: Path) -> None:
    """Only the theme's own scripts, and the embed script only where a body needs it."""
    with_embed_script = set()
    for path in sorted(example_build.rglob("*.html")):
        tree = lxml_html.fromstring(path.read_text(encoding="utf-8"))
        for src in tree.xpath("//script/@src"):
            assert src.startswith("/") and not src.startswith("//"), (path, src)
            if src == "/js/embeds.js":
                with_embed_script.add(path.relative_to(example_build).parent.as_posix())
        for frame in tree.xpath("//iframe"):
            assert frame.get("title") and frame.get("loading") == "lazy", path
    assert with_embed_script == {
        "europe/nato-ministers-brussels-live",
        "latin-america/darien-crossings-fall-what-next",
        "global-crises/ceasefire-monitoring-mission",
    }


def test_the_writers_guide_shows_the_example_sites_own_markdown() -> None:
    """docs/writing.md: each example shown beside a screenshot is the example site's own
    Markdown (an elided passage is "…"), and every screenshot it shows exists."""
    guide = (REPO / "docs/writing.md").read_text(encoding="utf-8")
    site = " ".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "content").rglob("*.md")))
    site = " ".join(site.split())
    shown = re.findall(
        r"```markdown\n((?:(?!```).)*)```\n\n\| phone \| desktop \|", guide, re.DOTALL
    )
    assert len(shown) >= 15
    for snippet in shown:
        for piece in snippet.split("…"):
            words = " ".join(piece.split())
            assert words in site, words
    pictures = re.findall(r"\]\((screenshots/writing/[^)]+\.png)\)", guide)
    assert len(pictures) >= 38
    for picture in pictures:
        assert (REPO / "docs" / picture).is_file(), picture
