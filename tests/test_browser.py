"""The example site in a real browser (Playwright driving Debian's Chromium), served over HTTP.

Keep reading / Show less by mouse, keyboard and without JavaScript; the "Latest" list filled
from /latest.json (as text, moving nothing) and its link without JavaScript; phone-size
navigation without sideways scrolling; search; no console errors; axe-core finds nothing;
responsive images. Needs /usr/bin/chromium and .tools/ (scripts/test.sh installs both).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from conftest import AXE_JS, REPO, require

pytestmark = pytest.mark.browser

ARTICLE = "/europe/baltic-undersea-cables-patrols/"
ARTICLE_SOURCE = REPO / "content/articles/2026/baltic-undersea-cables-patrols.md"
SEARCH_WORD = "seaworthiness"  # in that article's body, and in no other article
PAGES = {
    "home": "/",
    "section": "/europe/",
    "article": ARTICLE,
    "tag": "/tags/ukraine/",
    "author": "/authors/helena-brandt/",
    "search": "/search/",
    "404": "/404.html",
}
MORE_PAGES = {
    "kind": "/kinds/analysis/",
    "tags": "/tags/",
    "authors": "/authors/",
    "page": "/about/",
}
SUMMARY = "details.more > summary"


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    yield context.new_page()
    context.close()


def watch_errors(page: Page) -> list[str]:
    """Console errors, uncaught exceptions and failed requests of a page, as they happen."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"exception: {e}"))
    page.on("requestfailed", lambda r: errors.append(f"failed: {r.url}"))
    page.on(
        "response", lambda r: errors.append(f"{r.status}: {r.url}") if r.status >= 400 else None
    )
    return errors


# every result shown has loaded (Pagefind draws the list first and fills each result in as
# its fragment arrives); `before` is a results message that must have gone first
RESULTS_DRAWN = """before => {
  const message = document.querySelector(".pagefind-ui__message");
  const items = [...document.querySelectorAll(".pagefind-ui__results > li")];
  return message && message.textContent !== before && items.length > 0
    && items.every(li => li.querySelector(".pagefind-ui__result-link"));
}"""


def drawn_results(page: Page, before: str = "") -> list[str]:
    """Wait until every result shown has loaded; the result links' paths."""
    page.wait_for_function(RESULTS_DRAWN, arg=before, timeout=15_000)
    links = page.eval_on_selector_all(
        ".pagefind-ui__result-link", "links => links.map(a => new URL(a.href).pathname)"
    )
    return list(links)


def every_filter_shown(page: Page) -> None:
    """Wait until every part's filter files have loaded (search.html runs a first search made
    before them again, redrawing the filters)."""
    page.wait_for_function(
        "() => document.querySelectorAll('.pagefind-ui__filter-name').length >= 3",
        timeout=15_000,
    )


def search(page: Page, base: str, words: str) -> list[str]:
    """Search for `words` on the search page; the result links' paths."""
    page.goto(base + "/search/")
    page.fill(".pagefind-ui__search-input", words)
    return drawn_results(page)


def open_state(page: Page) -> list[bool]:
    return page.eval_on_selector_all("details.more", "ds => ds.map(d => d.open)")


# ------------------------------------------------------------------------------ keep reading
def test_keep_reading_opens_and_closes_with_the_mouse(page: Page, example_url: str) -> None:
    page.goto(example_url + "/europe/")
    summary = page.locator(SUMMARY).first
    details = page.locator("details.more").first
    assert summary.inner_text().strip().lower() == "keep reading"
    assert not details.locator(".more-body").is_visible()
    summary.click()
    assert details.evaluate("d => d.open")
    assert details.locator(".more-body").is_visible()
    assert summary.inner_text().strip().lower() == "show less"
    assert details.locator(".continue a").is_visible()
    summary.click()
    assert not details.evaluate("d => d.open")
    assert not details.locator(".more-body").is_visible()


def test_keep_reading_works_from_the_keyboard(page: Page, example_url: str) -> None:
    page.goto(example_url + "/europe/")
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('details.more > summary')"):
            break
    else:
        pytest.fail("Tab never reached a Keep reading control")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused control shows where focus is"
    page.keyboard.press("Enter")
    assert open_state(page)[0] is True
    page.keyboard.press("Space")
    assert open_state(page)[0] is False
    page.keyboard.press("Space")
    assert open_state(page)[0] is True


def test_keep_reading_works_without_javascript(browser: Browser, example_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(example_url + "/europe/")
        assert page.evaluate is not None
        summary = page.locator(SUMMARY).first
        body = page.locator("details.more .more-body").first
        assert not body.is_visible()
        summary.click()
        assert body.is_visible()
        summary.click()
        assert not body.is_visible()
        summary.focus()
        page.keyboard.press("Enter")
        assert body.is_visible()
    finally:
        context.close()


# ------------------------------------------------------------------------------ "Latest"
DEFERRED = "ol.latest-list--deferred"
# layout shifts of the page so far, as the browser counts them for CLS
LAYOUT_SHIFTS = """
window.__shifts = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) window.__shifts.push(entry.value);
}).observe({type: "layout-shift", buffered: true});
"""


def test_latest_is_filled_from_the_file_without_moving_anything(
    page: Page, example_url: str
) -> None:
    """An article page does not render the list: the theme's script fills it from
    /latest.json, in its order and as its text, in room kept for it beforehand."""
    latest = json.loads(page.request.get(example_url + "/latest.json").text())["latest"]
    assert len(latest) == 5
    page.add_init_script(LAYOUT_SHIFTS)
    errors = watch_errors(page)
    page.goto(example_url + ARTICLE)
    items = page.locator(f"{DEFERRED} li")
    items.nth(4).wait_for()
    assert items.locator("a").all_inner_texts() == [entry["title"] for entry in latest]
    hrefs = items.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs == [entry["url"] for entry in latest]
    assert items.locator("time").all_inner_texts() == [entry["date_text"] for entry in latest]
    assert page.locator(".sidebar .newsletter").is_visible()  # below the list, on screen
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__shifts") == []
    assert errors == []
    # the home page renders its own list: no script, no file
    page.goto(example_url + "/")
    assert page.locator(DEFERRED).count() == 0
    assert page.locator("#latest .latest-list li").count() == 10
    assert page.locator("script[src$='latest.js']").count() == 0


def test_latest_entries_go_in_as_text(page: Page, example_url: str) -> None:
    """Whatever the file holds, an entry is text, and only a URL of the site is a link."""
    entries = [
        {
            "title": "<img src=x onerror=alert(1)>",
            "url": "/a/",
            "date": "2026-01-01",
            "date_text": "<b>",
        },
        {"title": "Elsewhere", "url": "javascript:alert(1)", "date": "", "date_text": ""},
        {"title": "Other site", "url": "//example.com/", "date": "", "date_text": ""},
    ]
    page.route(
        "**/latest.json",
        lambda route: route.fulfill(
            content_type="application/json", body=json.dumps({"latest": entries})
        ),
    )
    page.goto(example_url + ARTICLE)
    page.locator(f"{DEFERRED} li").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert page.locator(f"{DEFERRED} li").count() == 1
    assert page.locator(f"{DEFERRED} a").inner_text() == "<img src=x onerror=alert(1)>"
    assert page.locator(f"{DEFERRED} time").inner_text() == "<b>"
    assert page.locator(".sidebar img, .sidebar b").count() == 0


def test_latest_links_to_the_home_pages_list_without_javascript(
    browser: Browser, example_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(example_url + ARTICLE)
        assert not page.locator(DEFERRED).is_visible()  # no empty room either
        link = page.locator(".latest-more a")
        assert link.is_visible()
        link.click()
        page.wait_for_url(example_url + "/#latest")
        items = page.locator("#latest .latest-list li a")
        assert items.count() == 10
        assert items.first.is_visible()
    finally:
        context.close()


# ------------------------------------------------------------------------------ phones
def test_navigation_works_on_a_phone(phone: Page, example_url: str) -> None:
    phone.goto(example_url + "/")
    last = phone.locator(".site-nav a").last
    href = last.get_attribute("href")
    last.click()  # off-screen at first: the section list scrolls sideways to it
    phone.wait_for_url(example_url + href)
    assert phone.locator(".site-nav a[aria-current='page']").get_attribute("href") == href
    phone.locator(".search-link").click()
    phone.wait_for_url(example_url + "/search/")
    phone.locator(".site-title a").click()
    phone.wait_for_url(example_url + "/")


@pytest.mark.parametrize("kind", [*PAGES, *MORE_PAGES])
def test_nothing_scrolls_sideways_at_360px(phone: Page, example_url: str, kind: str) -> None:
    phone.goto(example_url + {**PAGES, **MORE_PAGES}[kind])
    width = phone.evaluate("document.scrollingElement.scrollWidth")
    assert width <= 360, f"{kind} is {width}px wide"


# ------------------------------------------------------------------------------ search
def test_search_finds_an_article_by_a_word_of_its_body(page: Page, example_url: str) -> None:
    assert SEARCH_WORD in ARTICLE_SOURCE.read_text(encoding="utf-8").split("---", 2)[2]
    errors = watch_errors(page)
    results = search(page, example_url, SEARCH_WORD)
    assert results[0] == ARTICLE
    # the filters are complete once every filter file has loaded (search.html runs the first
    # search again if it came before them)
    every_filter_shown(page)
    filters = page.locator(".pagefind-ui__filter-name").all_inner_texts()
    assert {"Author", "Kind", "Section"} <= {f.strip() for f in filters}
    page.locator(".pagefind-ui__result-link").first.click()
    page.wait_for_url(example_url + ARTICLE)
    assert errors == []


def test_a_search_from_the_address(page: Page, example_url: str) -> None:
    page.goto(f"{example_url}/search/?q={SEARCH_WORD}")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15_000)
    first = page.locator(".pagefind-ui__result-link").first.get_attribute("href")
    assert first == ARTICLE
    assert page.locator(".pagefind-ui__search-input").input_value() == SEARCH_WORD
    # a search started at once, before the filter files load, still ends with every filter
    every_filter_shown(page)


def result_count(message: str) -> int:
    """The number in Pagefind's "7 results for …" message."""
    return int(re.sub(r"\D", "", message.split(" result")[0]))


def test_a_search_narrowed_by_a_filter(page: Page, example_url: str) -> None:
    everything = search(page, example_url, "sanctions")
    every_filter_shown(page)  # a search run again for them would close the open filter
    before = page.locator(".pagefind-ui__message").inner_text()
    assert any(not path.startswith("/europe/") for path in everything)
    page.locator(".pagefind-ui__filter-name", has_text="Section").click()
    page.locator("label", has_text=re.compile(r"^\s*Europe")).first.click()
    narrowed = drawn_results(page, before)  # the new count, every result of it loaded
    assert narrowed and all(path.startswith("/europe/") for path in narrowed)
    after = page.locator(".pagefind-ui__message").inner_text()
    assert 0 < result_count(after) < result_count(before)


# ------------------------------------------------------------------------------ every page type
@pytest.mark.parametrize("kind", list(PAGES))
def test_no_console_errors(page: Page, example_url: str, kind: str) -> None:
    errors = watch_errors(page)
    page.goto(example_url + PAGES[kind], wait_until="networkidle")
    if kind == "search":
        search(page, example_url, "ceasefire")
        page.wait_for_load_state("networkidle")
    else:
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # lazy images load too
        page.wait_for_load_state("networkidle")
    assert errors == []


def axe_violations(page: Page, iframes: bool = True) -> list[str]:
    """axe-core's violations on the page (and in its frames, unless `iframes` is false)."""
    page.add_script_tag(path=str(require(AXE_JS, "axe-core")))
    result = page.evaluate("async (iframes) => await axe.run(document, {iframes})", iframes)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


@pytest.mark.parametrize("kind", list(PAGES))
def test_axe_finds_no_violations(page: Page, example_url: str, kind: str) -> None:
    page.goto(example_url + PAGES[kind], wait_until="networkidle")
    if kind == "search":  # with results, filters and images on screen
        search(page, example_url, "ceasefire")
    assert axe_violations(page) == []


@pytest.mark.parametrize("kind", ["home", "article", "search"])
def test_axe_finds_no_violations_in_dark_mode(
    browser: Browser, example_url: str, kind: str
) -> None:
    context = browser.new_context(color_scheme="dark", viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.goto(example_url + PAGES[kind], wait_until="networkidle")
        if kind == "search":
            search(page, example_url, "ceasefire")
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(19, 21, 24)"
        assert axe_violations(page) == []
    finally:
        context.close()


def test_a_missing_page_gets_the_404_page(page: Page, example_url: str) -> None:
    response = page.goto(example_url + "/no/such/page/")
    assert response.status == 404
    assert "can’t find that page" in page.locator("h1").inner_text()


# ------------------------------------------------------------------------------ images
def test_images_have_sizes_and_srcsets(phone: Page, example_url: str) -> None:
    for path in ("/", ARTICLE, "/europe/"):
        phone.goto(example_url + path, wait_until="networkidle")
        images = phone.eval_on_selector_all(
            "main img",
            """imgs => imgs.map(i => ({src: i.getAttribute('src'), width: i.getAttribute('width'),
                height: i.getAttribute('height'), srcset: i.srcset, sizes: i.sizes,
                loading: i.loading, inPicture: i.parentElement.tagName === 'PICTURE'}))""",
        )
        assert images, path
        for image in images:
            assert image["width"] and image["height"], image
            assert "/images/_r/" in image["srcset"] and image["sizes"], image
            assert image["inPicture"], image
    figure = phone.locator(".story-photo img")
    phone.goto(example_url + ARTICLE, wait_until="networkidle")
    current = figure.evaluate("i => i.currentSrc")
    # 328 CSS px drawn at 2x: the 960-wide WebP, not the 1600-wide original
    assert re.search(r"/images/_r/baltic-undersea-cables-patrols-\w{8}-960\.webp$", current)
    assert figure.evaluate("i => i.complete && i.naturalWidth > 0")
    box = figure.bounding_box()
    assert box and abs(box["width"] / box["height"] - 16 / 9) < 0.02
    assert phone.locator(".story-photo .credit").is_visible()


def test_the_favicon_and_manifest_are_served(page: Page, example_url: str) -> None:
    page.goto(example_url + "/")
    for selector in ("link[rel=icon]", "link[rel=manifest]"):
        href = page.locator(selector).get_attribute("href")
        response = page.request.get(example_url + href)
        assert response.ok, href
    manifest = page.request.get(example_url + "/site.webmanifest").json()
    for icon in manifest["icons"]:
        assert page.request.get(example_url + "/" + icon["src"]).ok


def test_print_styles_hide_the_chrome(page: Page, example_url: str) -> None:
    page.goto(example_url + ARTICLE)
    page.emulate_media(media="print")
    for selector in (".site-nav", ".sidebar", ".keep-reading", ".search-link", ".site-footer"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator(".story .body").is_visible()
