"""Save-to-reloaded-page latency of `rsgen serve`, measured in real Chromium.

    python benchmarks/serve_latency.py                    # the example site (a copy of it)
    python benchmarks/serve_latency.py --corpus DIR       # a corpus from benchmarks/corpus.py N DIR
    python benchmarks/serve_latency.py --edits 20 --json out.json

Starts `rsgen serve` on a temporary copy of the site, opens an article in Chromium (Playwright
with /usr/bin/chromium), then, `--edits` times: appends a paragraph with a new marker to the
article's Markdown and measures from just before the write to the moment the reloaded page has
the marker (its DOMContentLoaded, read from the page's own clock, and when Playwright saw it).
Prints the median and p95 of each, and the server's own rebuild times.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
from chromium import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402  (scripts/chromium.py)

URL_LINE = re.compile(r"Serving .* at (http://\S+/)")
REBUILT = re.compile(r"rebuilt (?:([\d,]+) of )?([\d,]+) pages in ([\d.]+) s")
BUILT = re.compile(r"Built (?:[\d,]+ of )?([\d,]+) pages in ([\d.]+) s")
LOADED_AT = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  return performance.timeOrigin + (nav ? nav.domContentLoadedEventEnd : performance.now());
}"""


def copy_site(source: Path, dst: Path) -> Path:
    dst.mkdir(parents=True)
    shutil.copy(source / "site.yaml", dst / "site.yaml")
    for name in ("content", "static", "templates"):
        if (source / name).is_dir():
            shutil.copytree(source / name, dst / name)
    return dst


def pick_article(site: Path) -> tuple[Path, str]:
    """A published article with an explicit section, and its URL path."""
    for path in sorted((site / "content/articles").rglob("*.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])
        if not meta.get("draft"):
            return path, f"{meta['section']}/{meta.get('slug') or path.stem}/"
    raise SystemExit(f"no article in {site}")


class Server:
    """`rsgen serve SITE --port 0`, its output lines kept."""

    def __init__(self, site: Path, timeout: float) -> None:
        command = [sys.executable, "-c", "from rsgen.cli import main; main()", "serve"]
        self.process = subprocess.Popen(
            [*command, str(site), "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: list[str] = []
        self._ready = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()
        if not self._ready.wait(timeout):
            self.stop()
            raise SystemExit("rsgen serve did not start:\n" + "".join(self.lines))
        self.url = next(m[1] for line in self.lines if (m := URL_LINE.search(line)))

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)
            if URL_LINE.search(line):
                self._ready.set()

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def measure(
    site: Path, edits: int, pause: float, start_timeout: float, timeout: float = 60
) -> dict[str, object]:
    article, url_path = pick_article(site)
    original = article.read_text(encoding="utf-8")
    started = time.perf_counter()
    server = Server(site, start_timeout)
    startup = time.perf_counter() - started
    loaded, seen = [], []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
            page = browser.new_page()
            page.goto(server.url + url_path)
            for i in range(edits):
                marker = f"latency-marker-{i}-{secrets.token_hex(3)}"
                time.sleep(pause)
                saved = time.time()
                article.write_text(f"{original.rstrip()}\n\nA new paragraph, {marker}.\n")
                try:
                    page.get_by_text(marker).wait_for(state="attached", timeout=timeout * 1000)
                except PlaywrightTimeout:
                    tail = "".join(server.lines[-15:])
                    raise SystemExit(
                        f"edit {i}: {marker} not shown after {timeout} s\n{tail}"
                    ) from None
                seen.append((time.time() - saved) * 1000)
                loaded.append(page.evaluate(LOADED_AT) - saved * 1000)
            browser.close()
    finally:
        server.stop()
        article.write_text(original, encoding="utf-8")
    found = [m for line in server.lines if (m := REBUILT.search(line))]
    rebuilds = [float(m[3]) for m in found]
    rendered = [int((m[1] or m[2]).replace(",", "")) for m in found]
    first = next((m for line in server.lines if (m := BUILT.search(line))), None)
    return {
        "site": str(site),
        "articles": sum(1 for _ in (site / "content/articles").rglob("*.md")),
        "pages": int(first[1].replace(",", "")) if first else None,
        "startup_s": round(startup, 2),
        "edits": edits,
        "reloaded_ms": {"median": statistics.median(loaded), "p95": p95(loaded)},
        "seen_ms": {"median": statistics.median(seen), "p95": p95(seen)},
        "rebuild_s": {"median": statistics.median(rebuilds), "p95": p95(rebuilds)}
        if rebuilds
        else None,
        "rendered_per_rebuild": statistics.median(rendered) if rendered else None,
        "server_lines": server.lines,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus", type=Path, help="a benchmarks/corpus.py output folder (or its rsgen/)"
    )
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--pause", type=float, default=0.4, help="seconds between edits")
    parser.add_argument("--start-timeout", type=float, default=600)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    source = REPO
    if args.corpus:
        source = args.corpus / "rsgen" if (args.corpus / "rsgen").is_dir() else args.corpus
    with tempfile.TemporaryDirectory(prefix="rsgen-latency-") as work:
        figures = measure(
            copy_site(source, Path(work) / "site"), args.edits, args.pause, args.start_timeout
        )
    # recorded as the reader of the results knows it: relative to the repository when inside it
    figures["site"] = (
        source.resolve().relative_to(REPO).as_posix() or "."
        if source.resolve().is_relative_to(REPO)
        else source.name
    )
    reloaded, seen, rebuild = figures["reloaded_ms"], figures["seen_ms"], figures["rebuild_s"]
    print(f"site: {source} ({figures['articles']} articles, {figures['pages']} pages)")
    print(f"serve start-up (first full build): {figures['startup_s']} s")
    if rebuild:
        print(
            f"rebuild per save: median {rebuild['median']:.2f} s, p95 {rebuild['p95']:.2f} s, "
            f"{figures['rendered_per_rebuild']:.0f} pages rendered (median)"
        )
    print(
        f"save -> reloaded page (DOMContentLoaded), {args.edits} edits: "
        f"median {reloaded['median']:.0f} ms, p95 {reloaded['p95']:.0f} ms"
    )
    print(
        f"save -> marker seen by Playwright: median {seen['median']:.0f} ms, p95 {seen['p95']:.0f} ms"
    )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
