"""Screenshots of every block and embed for the writers' guide (docs/writing.md).

    python scripts/guide_screenshots.py [--out docs/screenshots/writing] [--now 2026-11-24T12:00:00Z]

Builds the repository's example site (which uses every block and embed; the guide quotes
its Markdown), serves it on 127.0.0.1 and has Playwright drive Debian's Chromium to
photograph each block as a reader sees it, at 360 (phone) and 1366 (desktop) CSS pixels:
`NAME-phone.png` and `NAME-desktop.png`.

The screenshots are made offline. A frame's content comes from the provider's site when a
reader opens the page; here every request that leaves 127.0.0.1 is answered by a grey
stand-in naming the provider's host, so the pictures show where the frame sits and how big
it is, not the provider's own content.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from urllib.parse import urlsplit

from chromium import CHROMIUM, CHROMIUM_FLAGS  # scripts/chromium.py, beside this file
from playwright.sync_api import Locator, Page, Route, sync_playwright
from screenshots import REPO, SCREENS, clock, served_example

LIVE = "/europe/nato-ministers-brussels-live/"
VIMEO = "/latin-america/darien-crossings-fall-what-next/"
CHARTS = "/global-crises/ceasefire-monitoring-mission/"
AUDIO = "/qiosk/qiosk-podcast-arms-control/"
SERIES = "/series/ukraine-talks/"
# name -> (page, CSS selector, which match)
SHOTS = {
    "pullquote": (CHARTS, ".body .pullquote", 0),
    "aside": (CHARTS, ".body .box", 0),
    "related": (CHARTS, ".body .related-box", 0),
    "figure": (CHARTS, ".body .figure", 0),
    "youtube": (LIVE, ".body .embed-video", 0),
    "vimeo": (VIMEO, ".body .embed-video", 0),
    "x": (LIVE, ".body .embed-post", 1),  # updates are newest first: Bluesky's is first
    "bluesky": (LIVE, ".body .embed-post", 0),
    "spotify": (AUDIO, ".body .embed-audio", 0),
    "apple-podcasts": (AUDIO, ".body .embed-audio", 1),
    "soundcloud": (AUDIO, ".body .embed-audio", 2),
    "flourish": (CHARTS, ".body .embed-chart", 0),
    "documentcloud": (CHARTS, ".body .embed-document", 0),
    "datawrapper": (CHARTS, ".body .embed-chart", 1),
    "live-header": (LIVE, ".story-header", 0),
    "live-updates": (LIVE, ".body .live-updates", 0),
    "series-label": (CHARTS, ".story-header", 0),
    "series-nav": (CHARTS, ".series-nav", 0),
    "series-page": (SERIES, "main", 0),
}
MAX_HEIGHT = {"live-updates": 900, "series-page": 1100}  # CSS pixels: the top of long ones


def stand_in(route: Route, base: str) -> None:
    """The site's own files as they are; anything else a grey box naming its host."""
    url = route.request.url
    if url.startswith(base):
        route.continue_()
        return
    host = urlsplit(url).hostname
    route.fulfill(
        status=200,
        content_type="text/html",
        body=(
            '<!DOCTYPE html><html lang="en"><title>Stand-in</title><body style="margin:0;'
            "height:100vh;display:grid;place-items:center;background:#e4e1da;color:#4a4f56;"
            f"font:14px system-ui,sans-serif\">{host}: the provider's content loads here</body>"
            "</html>"
        ),
    )


def shoot(page: Page, found: Locator, target: Path, limit: int | None) -> None:
    found.scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    # every picture drawn before the shot (lazy ones too: they may be below the fold)
    found.evaluate(
        "e => Promise.all([...e.querySelectorAll('img')].map(i => {"
        " i.loading = 'eager'; return i.decode().catch(() => 0); }))"
    )
    box = found.bounding_box()
    assert box is not None, target
    if limit is None or box["height"] <= limit:
        found.screenshot(path=str(target))
        return
    top = page.evaluate("window.scrollY") + box["y"]
    clip = {"x": box["x"], "y": top, "width": box["width"], "height": limit}
    page.screenshot(path=str(target), clip=clip, full_page=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs/screenshots/writing")
    parser.add_argument("--now", default="2026-11-24T12:00:00+00:00", help="the build clock")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with served_example(clock(args.now)) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        for screen, (width, height) in SCREENS.items():
            context = browser.new_context(
                viewport={"width": width, "height": height}, color_scheme="light"
            )
            context.route("**/*", lambda route: stand_in(route, base))
            page = context.new_page()
            for name, (path, selector, nth) in SHOTS.items():
                page.goto(base + path, wait_until="networkidle")
                target = args.out / f"{name}-{screen}.png"
                shoot(page, page.locator(selector).nth(nth), target, MAX_HEIGHT.get(name))
                print(target.relative_to(REPO) if target.is_relative_to(REPO) else target)
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
