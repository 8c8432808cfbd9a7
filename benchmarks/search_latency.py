"""Search in Chromium over a built site: query-to-results latency and top-result hits.

    python benchmarks/search_latency.py --site SITE --out OUT            # build, then measure
    python benchmarks/search_latency.py --site SITE --out OUT --part-size 250 --edit
    python benchmarks/search_latency.py --site SITE --out OUT --no-build --queries 60

SITE is an rsgen site, such as a corpus from `benchmarks/corpus.py N DIR` (DIR/rsgen). The
build (unless `--no-build`) is `rsgen build SITE -o OUT --clean`, search on, timed as a whole process
(wall clock, peak RSS of it and its children); `--part-size K` sets how many articles the
search index puts in a part on average (rsgen.publish.search.ARTICLES_PER_PART) for the
trade-off below, and `--edit` then times one body edit of the alphabetically first article
(a line appended, 2.1 s pause, build; the file is put back afterwards) and counts the search
parts it re-indexed.

Then OUT is served by a `ThreadingHTTPServer` on 127.0.0.1 and `/search/` is opened in
Chromium (Playwright, /usr/bin/chromium). For each of `--queries` article titles (a fixed,
seeded sample), the page's own clock measures from the moment the title is typed into the
search box (the text set, an `input` event) until the result list for it is shown with the
first result's title in place; the first result is a hit when it is the article with that
title. Every query runs in the page as loaded once (its search box focused, the parts'
metadata loaded), as a reader searches; the first query is reported apart. Then `--fresh`
titles are each searched as a reader's first search: a new browser profile (empty cache)
opens /search/, focuses the box, waits for the page to settle, and types the title. Prints and optionally writes as JSON:
the median and p95, the first query's time, the hits, the index's requests and bytes, and the
resident memory of the page's renderer process.

Smaller parts make an edit cheaper but every query fetch more files: this measures both ends.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import random
import re
import statistics
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from playwright.sync_api import Page, sync_playwright

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "benchmarks"))
from chromium import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402  (scripts/chromium.py)
from timing import timed  # noqa: E402

NOW = "2026-01-01T00:00:00+00:00"  # after every corpus date: every article is published
BUILD = """import sys
import rsgen.publish.search as search
from rsgen.cli import main
if sys.argv[1] != "-":
    search.ARTICLES_PER_PART = int(sys.argv[1])
sys.argv = ["rsgen", *sys.argv[2:]]
main()
"""
# in the page: type `query`, wait for its results with a first title; milliseconds and links
TYPE_AND_WAIT = """async (query) => {
  const input = document.querySelector(".pagefind-ui__search-input");
  const started = performance.now();
  input.value = query;
  input.dispatchEvent(new Event("input", {bubbles: true}));
  const shown = () => {
    const message = document.querySelector(".pagefind-ui__message");
    // results load one by one: the first in the list, not the first loaded
    const first = document.querySelector(
      ".pagefind-ui__results > li:first-child .pagefind-ui__result-link");
    return message && message.textContent.includes(query) && first && first.textContent.trim();
  };
  while (!shown()) {
    if (performance.now() - started > 30000) return {ms: -1, links: []};
    await new Promise(requestAnimationFrame);
  }
  const ms = performance.now() - started;
  const links = [...document.querySelectorAll(".pagefind-ui__results > li")].map(li => {
    const a = li.querySelector(".pagefind-ui__result-link");
    return a ? new URL(a.href).pathname : "";
  });
  return {ms, links};
}"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(root: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def build(
    site: Path, out: Path, part_size: int | None, log: Path, clean: bool = False
) -> dict[str, float]:
    size = "-" if part_size is None else str(part_size)
    command = [sys.executable, "-c", BUILD, size, "build", str(site), "-o", str(out)]
    if clean:  # another part size must not meet the last build's parts (nor its shortcut)
        command.append("--clean")
    run = timed([*command, "--now", NOW, "--manifest", str(log.with_suffix(".json"))], log=log)
    return {"wall_s": round(run.wall_s, 2), "peak_mib": round(run.peak_mib)}


def edit_case(site: Path, out: Path, part_size: int | None, log: Path) -> dict[str, Any]:
    """One body edit of the alphabetically first article, built and timed; put back after."""
    path = min((site / "content/articles").rglob("*.md"))
    original = path.read_bytes()
    try:
        path.write_bytes(original + b"\nA closing line added for the search benchmark.\n")
        time.sleep(2.1)
        figures: dict[str, Any] = build(site, out, part_size, log)
        written = json.loads(log.with_suffix(".json").read_text())["written"]
        parts = {
            "/".join(rel.split("/")[:3]) if rel.startswith("pagefind/parts/") else "pagefind"
            for rel in written
            if rel.startswith("pagefind/") and rel != "pagefind/parts.js"
        }
        figures["parts_reindexed"] = len(parts)
        return figures
    finally:
        path.write_bytes(original)
        time.sleep(2.1)
        build(site, out, part_size, log)  # the output as it was, for the queries


def title_queries(site: Path, count: int, seed: int) -> list[tuple[str, str]]:
    """(title, URL path) of `count` articles, a seeded sample, one per distinct title."""
    sections = {s["key"] for s in yaml.safe_load((site / "site.yaml").read_text())["sections"]}
    found: dict[str, str] = {}
    for path in sorted((site / "content/articles").rglob("*.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])
        if meta.get("draft") or meta.get("section") not in sections:
            continue
        title = str(meta["title"])
        found[title] = "" if title in found else f"/{meta['section']}/{path.stem}/"
    titles = sorted(t for t, url in found.items() if url)
    picked = random.Random(seed).sample(titles, min(count, len(titles)))
    return [(title, found[title]) for title in picked]


def renderer_rss_mib() -> tuple[float, float]:
    """Resident and peak resident memory (MiB) of the largest Chromium renderer this
    process started (found by walking each renderer's parents up to this process)."""
    me = os.getpid()
    best = (0.0, 0.0)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if b"--type=renderer" not in (entry / "cmdline").read_bytes():
                continue
            if not _descends_from(int(entry.name), me):
                continue
            status = (entry / "status").read_text()
        except OSError:
            continue
        rss = float(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024  # type: ignore[union-attr]
        hwm = float(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024  # type: ignore[union-attr]
        best = max(best, (rss, hwm))
    return best


def _descends_from(pid: int, ancestor: int) -> bool:
    while pid > 1:
        if pid == ancestor:
            return True
        stat = Path(f"/proc/{pid}/stat").read_text()
        pid = int(stat.rsplit(")", 1)[1].split()[1])
    return False


def measure(out: Path, queries: list[tuple[str, str]], fresh: int) -> dict[str, Any]:
    with serve(out) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        page: Page = browser.new_page()
        fetched: list[int] = []
        page.on(
            "requestfinished",
            lambda r: (
                fetched.append(r.sizes()["responseBodySize"]) if "/pagefind/" in r.url else None
            ),
        )
        page.goto(f"{base}/search/")
        page.wait_for_selector(".pagefind-ui__search-input")
        # a reader's box has the focus (autofocus, or a click), which loads every part's
        # metadata: wait for that, as a reader reading the page would
        page.focus(".pagefind-ui__search-input")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        loaded = (len(fetched), sum(fetched))
        times: list[float] = []
        hits: list[bool] = []
        misses: list[dict[str, Any]] = []
        for title, url in queries:
            got = page.evaluate(TYPE_AND_WAIT, title)
            times.append(got["ms"])
            hits.append(bool(got["links"]) and got["links"][0] == url)
            if not hits[-1]:
                misses.append({"query": title, "expected": url, "got": got["links"][:3]})
            page.evaluate(
                "() => { const i = document.querySelector('.pagefind-ui__search-input');"
                " i.value = ''; i.dispatchEvent(new Event('input', {bubbles: true})); }"
            )
            page.wait_for_timeout(150)
        rss, hwm = renderer_rss_mib()
        fresh_times: list[float] = []
        fresh_hits = 0
        for title, url in queries[:fresh]:  # a reader's first search: a new browser profile
            context = browser.new_context()
            reader = context.new_page()
            reader.goto(f"{base}/search/")
            reader.wait_for_selector(".pagefind-ui__search-input")
            reader.focus(".pagefind-ui__search-input")
            reader.wait_for_load_state("networkidle")
            got = reader.evaluate(TYPE_AND_WAIT, title)
            fresh_times.append(got["ms"])
            fresh_hits += bool(got["links"]) and got["links"][0] == url
            context.close()
        browser.close()
    later = sorted(times[1:]) or times
    return {
        "queries": len(queries),
        "first_query_ms": round(times[0]),
        "median_ms": round(statistics.median(later)),
        "p95_ms": round(later[max(0, int(0.95 * len(later) + 0.5) - 1)]),
        "max_ms": round(max(later)),
        "top_hits": sum(hits),
        "misses": misses[:10],
        "requests_on_load": loaded[0],
        "requests_total": len(fetched),
        "index_mib_fetched": round(sum(fetched) / 2**20, 1),
        "renderer_rss_mib": round(rss),
        "renderer_peak_mib": round(hwm),
        "fresh_queries": len(fresh_times),
        "fresh_median_ms": round(statistics.median(fresh_times)) if fresh_times else None,
        "fresh_max_ms": round(max(fresh_times)) if fresh_times else None,
        "fresh_top_hits": fresh_hits,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True, help="the rsgen site (e.g. a corpus)")
    parser.add_argument("--out", type=Path, required=True, help="the output folder to serve")
    parser.add_argument("--no-build", action="store_true", help="serve OUT as it is")
    parser.add_argument("--part-size", type=int, help="articles per search part (on average)")
    parser.add_argument("--edit", action="store_true", help="also time one body edit")
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument("--fresh", type=int, default=10, help="first searches in new profiles")
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()
    log = args.out.parent / f"{args.out.name}.search-latency.log"
    result: dict[str, Any] = {"site": str(args.site), "part_size": args.part_size}
    if not args.no_build:
        result["cold_build"] = build(args.site, args.out, args.part_size, log, clean=True)
        if args.edit:
            result["one_body_edit"] = edit_case(args.site, args.out, args.part_size, log)
    parts = len(list((args.out / "pagefind/parts").glob("*"))) + 1
    result["search_parts"] = parts
    queries = title_queries(args.site, args.queries, args.seed)
    result.update(measure(args.out, queries, args.fresh))
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
