"""Screenshots of the example site for the README: home and an article, on a phone and a desktop.

    python scripts/screenshots.py [--out docs/screenshots] [--now 2026-11-24T12:00:00Z]

Builds the repository's example site into a temporary folder (with a fixed clock, so the same
articles show every time), serves it on 127.0.0.1 and has Playwright drive Debian's Chromium
(/usr/bin/chromium) to write {home,article}-{phone,desktop}.png: 360 and 1366 CSS pixels
wide, what a reader sees before scrolling.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import http.server
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from chromium import CHROMIUM, CHROMIUM_FLAGS  # scripts/chromium.py, beside this file
from playwright.sync_api import sync_playwright

from rsgen.build import BuildRequest, build
from rsgen.graph import BuildOptions

REPO = Path(__file__).resolve().parent.parent
PAGES = {"home": "/", "article": "/europe/baltic-undersea-cables-patrols/"}
SCREENS = {"phone": (360, 740), "desktop": (1366, 900)}


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def served_example(now: dt.datetime) -> Iterator[str]:
    """The example site built into a temporary folder with the clock `now`, served on
    127.0.0.1; yields its base URL."""
    with tempfile.TemporaryDirectory(prefix="rsgen-screenshots-") as folder:
        public = Path(folder) / "public"
        build(BuildRequest(site=REPO, output=public, options=BuildOptions(now=now)))
        handler = functools.partial(Quiet, directory=str(public))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_port}"
        finally:
            server.shutdown()
            server.server_close()


def clock(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs/screenshots")
    parser.add_argument("--now", default="2026-11-24T12:00:00+00:00", help="the build clock")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with served_example(clock(args.now)) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        for screen, (width, height) in SCREENS.items():
            context = browser.new_context(
                viewport={"width": width, "height": height}, color_scheme="light"
            )
            page = context.new_page()
            for name, path in PAGES.items():
                page.goto(base + path, wait_until="networkidle")
                page.evaluate("document.fonts.ready")
                target = args.out / f"{name}-{screen}.png"
                page.screenshot(path=str(target))
                print(target.relative_to(REPO) if target.is_relative_to(REPO) else target)
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
