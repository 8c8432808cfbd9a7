"""The body parser's blocks, embeds, figures and live updates: Markdown in, HTML out.

Cases are data, as in markdown-it-py's own tests: each file of tests/fixtures/ holds cases
of a title line, `.`, the Markdown, `.`, the expected HTML, `.`. A body is parsed the way a
build parses it, and its slots are filled by the views of a real (small) site's graph,
built with the test clock, so the related box `world/peace-talks` finds a real article.
`feeds.md` holds the HTML feeds carry instead of the page's.

After a deliberate change of the output, `RSGEN_REGENERATE=1 pytest tests/test_blocks.py`
writes the new HTML into the files; read the diff before committing it.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

from conftest import NOW, RawYaml, Site
from rsgen.base.errors import Problems
from rsgen.build import BuildRequest, build, load_site
from rsgen.content.markdown import BodyRenderer
from rsgen.graph import BuildOptions
from rsgen.render import Views

FIXTURES = Path(__file__).parent / "fixtures"
PAGE_FILES = ("blocks.md", "embeds.md", "live.md")
REGENERATE = os.environ.get("RSGEN_REGENERATE") == "1"


@pytest.fixture(scope="module")
def views(tmp_path_factory: pytest.TempPathFactory) -> Views:
    """The views of a small site: a related box's target, the clock of every test."""
    site = Site(tmp_path_factory.mktemp("blocks") / "site")
    site.article(
        "peace-talks",
        title="Peace talks resume in Geneva",
        kind="news",
        date=RawYaml("2026-06-01T09:00:00-04:00"),
    )
    return Views(load_site(site.root, BuildOptions(now=NOW)).graph)


def cases(*names: str) -> list[tuple[str, int, str, str, str]]:
    found = []
    for name in names:
        for line, title, markdown, html in read_fixture_file(FIXTURES / name):
            found.append((name, line + 1, title, markdown, html))
    return found


def render(views: Views, markdown: str, feed: bool = False) -> str:
    problems = Problems()
    body = BodyRenderer(True, views.settings.zone).render(markdown, 1, "case.md", problems)
    assert problems.items == [], [p.format() for p in problems.items]
    return str(views.filler.feed(body) if feed else views.filler.page(body).html)


def fixture_text(found: list[tuple[str, str, str]]) -> str:
    """A fixture file made of (title, Markdown, HTML) cases."""
    return "\n".join(f"{title}\n.\n{markdown}.\n{html}.\n" for title, markdown, html in found)


def regenerate(views: Views) -> None:
    """Write every case's actual output into its fixture file."""
    for name in (*PAGE_FILES, "feeds.md"):
        found = read_fixture_file(FIXTURES / name)
        feed = name == "feeds.md"
        made = [(title, md, render(views, md, feed)) for _, title, md, _ in found]
        (FIXTURES / name).write_text(fixture_text(made), encoding="utf-8")


def ids(found: list[tuple[str, int, str, str, str]]) -> list[str]:
    return [f"{name}:{line}: {title}" for name, line, title, _, _ in found]


PAGE_CASES = cases(*PAGE_FILES)
FEED_CASES = cases("feeds.md")


@pytest.mark.skipif(not REGENERATE, reason="set RSGEN_REGENERATE=1 to rewrite the fixtures")
def test_regenerate_the_fixtures(views: Views) -> None:
    regenerate(views)


@pytest.mark.skipif(REGENERATE, reason="rewriting the fixtures")
@pytest.mark.parametrize(
    ("name", "line", "title", "markdown", "html"), PAGE_CASES, ids=ids(PAGE_CASES)
)
def test_page_html(
    views: Views, name: str, line: int, title: str, markdown: str, html: str
) -> None:
    assert render(views, markdown) == html


@pytest.mark.skipif(REGENERATE, reason="rewriting the fixtures")
@pytest.mark.parametrize(
    ("name", "line", "title", "markdown", "html"), FEED_CASES, ids=ids(FEED_CASES)
)
def test_feed_html(
    views: Views, name: str, line: int, title: str, markdown: str, html: str
) -> None:
    assert render(views, markdown, feed=True) == html


def test_the_fixture_files_keep_their_shape() -> None:
    """Each file is exactly its cases (so regenerating it changes only outputs)."""
    for name in (*PAGE_FILES, "feeds.md"):
        text = (FIXTURES / name).read_text(encoding="utf-8")
        found = [(title, md, html) for _, title, md, html in read_fixture_file(FIXTURES / name)]
        assert fixture_text(found) == text, name


def test_a_teasers_preview_leaves_blocks_and_slots_out(views: Views) -> None:
    body = BodyRenderer(True, views.settings.zone).render(
        "First.\n\n::: pullquote\nQuoted.\n:::\n\n::: aside Box\nBoxed.\n:::\n\n"
        "> ![a map](/images/map.jpg)\n\nhttps://youtu.be/dQw4w9WgXcQ\n\nSecond.\n"
    )
    assert body.excerpt_html == "<p>First.</p>"
    assert (
        body.more_html
        == '<blockquote>\n<p><img src="/images/map.jpg" alt="a map" /></p>\n</blockquote>\n<p>Second.</p>'
    )


EVERY_EMBED = "\n\n".join(
    [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://vimeo.com/912437581",
        "https://x.com/nato_spokes/status/1862534176540938654",
        "https://bsky.app/profile/brusselsdesk.bsky.social/post/3lbq2xkr4hc2f",
        "https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk",
        "https://podcasts.apple.com/us/podcast/the-meridian-briefing/id1628914521",
        "https://soundcloud.com/armscontrolarchive/inf-negotiator-seminar-1998",
        "https://datawrapper.dwcdn.net/Qm7Rt/2/",
        "https://public.flourish.studio/visualisation/18274930/",
        "https://www.documentcloud.org/documents/24810392-osce-smm-ukraine-final-report",
    ]
)


def test_embeds_build_offline_to_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing is fetched while building (any connection attempt fails the build), and two
    clean builds of a body with every provider's embed are byte for byte the same."""

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the build tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    site = Site(tmp_path / "site")
    site.article("embeds", body=f"Opening.\n\n{EVERY_EMBED}\n")
    for out in ("a", "b"):
        build(BuildRequest(site.root, site.root / out, BuildOptions(now=NOW), clean=True))
    first, second = site.root / "a", site.root / "b"
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    page = site.read("world/embeds/index.html", "a")
    assert page.count('class="embed ') == 10
