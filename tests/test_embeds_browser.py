"""Embeds, blocks, live blogs and series of the example site in a real browser (Playwright
driving Debian's Chromium), served from 127.0.0.1.

The machine is offline, and a test must not depend on other sites: every request that
leaves 127.0.0.1 is intercepted. Where a test expects one (a player after the reader asked
for it, a chart's frame), it is answered by a small page standing in for the provider's;
where it expects none, any such request fails the test. The stand-in charts send the height
messages their providers document, so the theme's listener is tested on real messages.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Route
from test_browser import axe_violations, watch_errors

pytestmark = pytest.mark.browser

LIVE_BLOG = "/europe/nato-ministers-brussels-live/"  # YouTube (facade), X, Bluesky: no frames
VIMEO = "/latin-america/darien-crossings-fall-what-next/"  # one Vimeo facade
CHARTS = "/global-crises/ceasefire-monitoring-mission/"  # Flourish, DocumentCloud, Datawrapper
AUDIO = "/qiosk/qiosk-podcast-arms-control/"  # Spotify, Apple Podcasts, SoundCloud
SERIES = "/series/ukraine-talks/"
SERIES_LIST = "/series/"
PAGES = [LIVE_BLOG, VIMEO, CHARTS, AUDIO, SERIES, SERIES_LIST]
YOUTUBE_PLAYER = "https://www.youtube-nocookie.com/embed/Xk4TQ9mVz2E?autoplay=1"
VIMEO_PLAYER = "https://player.vimeo.com/video/912437581?autoplay=1&dnt=1"


@dataclass
class Outside:
    """Every request that left 127.0.0.1, answered by a stand-in page; `script` is what the
    stand-in of a host runs (a chart reporting its height)."""

    requests: list[str] = field(default_factory=list)
    script: dict[str, str] = field(default_factory=dict)

    def handle(self, route: Route) -> None:
        url = route.request.url
        if urlsplit(url).hostname == "127.0.0.1":
            route.continue_()
            return
        self.requests.append(url)
        host = urlsplit(url).hostname or ""
        body = (
            f'<!DOCTYPE html><html lang="en"><title>{host}</title>'
            f"<p>{host}</p><script>{self.script.get(host, '')}</script></html>"
        )
        route.fulfill(status=200, content_type="text/html", body=body)


@pytest.fixture
def outside() -> Outside:
    return Outside()


@pytest.fixture
def page(browser: Browser, outside: Outside) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", outside.handle)
    yield context.new_page()
    context.close()


def scroll_through(page: Page) -> None:
    """Scroll to the end, so lazy images and frames would load if they were going to."""
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)


# ------------------------------------------------------------------------------ facades
def test_a_video_facade_asks_nothing_of_the_provider_until_played(
    page: Page, outside: Outside, example_url: str
) -> None:
    errors = watch_errors(page)
    page.goto(example_url + LIVE_BLOG, wait_until="networkidle")
    scroll_through(page)
    assert outside.requests == [], "the page reached another site before the reader asked"
    video = page.locator(".video").first
    button = video.locator("button.video-play")
    assert button.is_visible()
    assert button.get_attribute("aria-label") == "Play: YouTube video"
    assert video.locator("iframe").count() == 0
    with page.expect_request(YOUTUBE_PLAYER):
        button.click()
    frame = page.locator(".video iframe").first
    assert frame.get_attribute("src") == YOUTUBE_PLAYER
    assert frame.get_attribute("title") == "YouTube video"
    assert page.evaluate("document.activeElement.tagName") == "IFRAME"
    assert outside.requests == [YOUTUBE_PLAYER]
    assert errors == []


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_a_video_plays_from_the_keyboard(
    page: Page, outside: Outside, example_url: str, key: str
) -> None:
    page.goto(example_url + VIMEO, wait_until="networkidle")
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('button.video-play')"):
            break
    else:
        pytest.fail("Tab never reached the play button")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    assert outside.requests == []
    with page.expect_request(VIMEO_PLAYER):
        page.keyboard.press(key)
    frame = page.locator(".video iframe")
    assert frame.get_attribute("src") == VIMEO_PLAYER
    assert (frame.get_attribute("title") or "").startswith("Vimeo video: The Last Boat")
    assert outside.requests == [VIMEO_PLAYER]


def test_without_javascript_a_video_is_a_link(browser: Browser, example_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    outside = Outside()
    context.route("**/*", outside.handle)
    try:
        page = context.new_page()
        page.goto(example_url + LIVE_BLOG, wait_until="networkidle")
        video = page.locator(".video").first
        assert not video.locator("button").is_visible()
        link = video.locator("a.video-link")
        assert link.is_visible() and link.inner_text() == "Watch on YouTube"
        assert link.get_attribute("href") == "https://www.youtube.com/watch?v=Xk4TQ9mVz2E"
        assert outside.requests == []
    finally:
        context.close()


def test_posts_are_quotations_without_a_third_party_script(
    page: Page, outside: Outside, example_url: str
) -> None:
    page.goto(example_url + LIVE_BLOG, wait_until="networkidle")
    scroll_through(page)
    posts = page.locator("blockquote.post")
    assert posts.count() == 2
    cites = [posts.nth(i).get_attribute("cite") or "" for i in range(2)]
    assert {urlsplit(c).hostname for c in cites} == {"x.com", "bsky.app"}
    scripts = page.eval_on_selector_all("script[src]", "s => s.map(e => e.src)")
    assert scripts and all(urlsplit(s).hostname == "127.0.0.1" for s in scripts)
    assert outside.requests == []


# ------------------------------------------------------------------------------ frames
DATAWRAPPER_HEIGHT = 'parent.postMessage({"datawrapper-height": {"Qm7Rt": 612}}, "*");'
FLOURISH_HEIGHT = (
    'parent.postMessage(JSON.stringify({sender: "Flourish", context: "iframe.resize", '
    'method: "resize", height: 733, src: location.href}), "*");'
)


def frame_heights(page: Page) -> dict[str, str]:
    return page.eval_on_selector_all(
        "iframe.embed-frame",
        "fs => Object.fromEntries(fs.map(f => [new URL(f.src).hostname, f.getAttribute('height')]))",
    )


def test_charts_set_their_height_from_their_own_messages(
    page: Page, outside: Outside, example_url: str
) -> None:
    outside.script["datawrapper.dwcdn.net"] = DATAWRAPPER_HEIGHT
    outside.script["flo.uri.sh"] = FLOURISH_HEIGHT
    page.goto(example_url + CHARTS, wait_until="networkidle")
    scroll_through(page)
    page.wait_for_function(
        "() => [...document.querySelectorAll('iframe.embed-frame')]"
        ".filter(f => ['612', '733'].includes(f.getAttribute('height'))).length === 2"
    )
    assert frame_heights(page) == {
        "flo.uri.sh": "733",
        "embed.documentcloud.org": "600",
        "datawrapper.dwcdn.net": "612",
    }
    hosts = {urlsplit(url).hostname for url in outside.requests}
    assert hosts == {"flo.uri.sh", "embed.documentcloud.org", "datawrapper.dwcdn.net"}


def test_height_messages_from_anywhere_else_are_ignored(
    page: Page, outside: Outside, example_url: str
) -> None:
    """A frame may only size itself: a Datawrapper message sent by another provider's frame,
    or by the page itself, changes nothing."""
    outside.script["embed.documentcloud.org"] = DATAWRAPPER_HEIGHT  # the wrong origin
    outside.script["flo.uri.sh"] = (
        'parent.postMessage({"datawrapper-height": {"Qm7Rt": 999}}, "*");' + FLOURISH_HEIGHT
    )
    page.goto(example_url + CHARTS, wait_until="networkidle")
    scroll_through(page)
    page.wait_for_function(
        "() => document.querySelector('iframe[src*=\"flo.uri.sh\"]').getAttribute('height') === '733'"
    )
    page.evaluate(
        "window.postMessage({'datawrapper-height': {'Qm7Rt': 1234}}, '*');"
        "window.postMessage(JSON.stringify({sender: 'Flourish', method: 'resize', height: 5}), '*')"
    )
    page.wait_for_timeout(300)
    assert frame_heights(page) == {
        "flo.uri.sh": "733",
        "embed.documentcloud.org": "600",
        "datawrapper.dwcdn.net": "400",
    }


def test_every_frame_is_titled_and_lazy(page: Page, example_url: str) -> None:
    for path in (CHARTS, AUDIO):
        page.goto(example_url + path)
        frames = page.eval_on_selector_all(
            "iframe",
            "fs => fs.map(f => ({title: f.title, loading: f.getAttribute('loading'), "
            "link: f.nextElementSibling.querySelector('a').href, src: f.src}))",
        )
        assert frames, path
        titles = [f["title"] for f in frames]
        assert all(titles) and len(set(titles)) == len(titles), titles
        assert all(f["loading"] == "lazy" for f in frames)
        for f in frames:  # the link beside the frame leads to the same item on the same site
            assert urlsplit(f["link"]).hostname.split(".")[-2:] != ["127", "0"]


# ------------------------------------------------------------------------------ every page
@pytest.mark.parametrize("path", PAGES)
def test_new_pages_have_no_console_errors_and_no_axe_violations(
    page: Page, example_url: str, path: str
) -> None:
    errors = watch_errors(page)
    page.goto(example_url + path, wait_until="networkidle")
    scroll_through(page)
    assert errors == []
    # the frames hold the providers' pages (here their stand-ins): axe checks this page
    assert axe_violations(page, iframes=False) == []


@pytest.mark.parametrize("path", [LIVE_BLOG, CHARTS, SERIES])
def test_new_pages_have_no_axe_violations_in_dark_mode(
    browser: Browser, outside: Outside, example_url: str, path: str
) -> None:
    context = browser.new_context(color_scheme="dark", viewport={"width": 360, "height": 740})
    context.route("**/*", outside.handle)
    try:
        page = context.new_page()
        page.goto(example_url + path, wait_until="networkidle")
        assert axe_violations(page, iframes=False) == []
    finally:
        context.close()


@pytest.mark.parametrize("path", PAGES)
def test_nothing_scrolls_sideways_at_360px(browser: Browser, example_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    context.route("**/*", Outside().handle)
    try:
        page = context.new_page()
        page.goto(example_url + path, wait_until="networkidle")
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= 360, f"{path} is {width}px wide"
    finally:
        context.close()


# ------------------------------------------------------------------------------ live and series
def test_a_live_update_link_leads_to_its_update(page: Page, example_url: str) -> None:
    page.goto(example_url + LIVE_BLOG)
    times = [
        dt.datetime.fromisoformat(t)
        for t in page.eval_on_selector_all(
            ".update time", "ts => ts.map(t => t.getAttribute('datetime'))"
        )
    ]
    assert len(times) == 5 and times == sorted(times, reverse=True)  # the sixth is not due
    status = page.locator(".live-status").inner_text()
    assert status.startswith("Last updated ")
    anchor = page.locator(".update-time a").nth(2)
    target = (anchor.get_attribute("href") or "").lstrip("#")
    anchor.click()
    assert page.evaluate("location.hash") == f"#{target}"
    assert page.evaluate(f"document.getElementById('{target}').matches(':target')")
    ld = [
        json.loads(s)
        for s in page.eval_on_selector_all(
            "script[type='application/ld+json']", "ss => ss.map(s => s.textContent)"
        )
    ]
    posting = next(item for item in ld if item["@type"] == "LiveBlogPosting")
    assert [u["url"].rsplit("#", 1)[1] for u in posting["liveBlogUpdate"]] == [
        a.lstrip("#")
        for a in page.eval_on_selector_all(
            ".update-time a", "as => as.map(a => a.getAttribute('href'))"
        )
    ]


def test_a_part_links_the_parts_around_it_and_the_series(page: Page, example_url: str) -> None:
    page.goto(example_url + "/global-crises/ceasefire-monitoring-mission/")
    nav = page.locator("nav.series-nav")
    assert "Part 2 of 3 in the series Talking to Moscow" in nav.inner_text()
    nav.locator("a[rel=next]").click()
    page.wait_for_url(example_url + "/global-crises/zurich-talks-second-round/")
    assert "Part 3 of 3" in page.locator("nav.series-nav").inner_text()
    page.locator("nav.series-nav a[rel=prev]").click()
    page.wait_for_url(example_url + "/global-crises/ceasefire-monitoring-mission/")
    page.locator(".series-label a").click()
    page.wait_for_url(example_url + SERIES)
    parts = page.locator(".series-list .teaser-title a").all_inner_texts()
    assert parts == [
        "Retired diplomats test a quiet channel to Moscow",
        "Who would watch a ceasefire in Ukraine?",
        "What the second round of the Zürich talks did and did not settle",
    ]
