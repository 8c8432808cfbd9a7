"""Write the synthetic outlet the build benchmarks time: N articles in rsgen's, Hugo's and Pelican's layouts.

    python benchmarks/corpus.py N OUTDIR [--seed S] [--layouts rsgen hugo pelican]

writes

    OUTDIR/rsgen/      site.yaml, content/authors/KEY.md, content/articles/SLUG.md
    OUTDIR/hugo/       hugo.toml, layouts/, static/, content/SECTION/SLUG.md, authors, tags
    OUTDIR/pelican/    pelicanconf.py, theme/, content/SLUG.md
    OUTDIR/manifest.json   N, seed, word counts, the pages every generator writes, and a
                           fingerprint of each layout's files

The same N and seed (default 20261124) give the same bytes on every run and machine: each
article is drawn from its own seeded streams (benchmarks/synthetic/outlet.py says how), and
nothing depends on the clock or on hash order. A layout folder is replaced when it holds a
corpus already (its marker file) or is empty; any other existing folder is left alone and
reported. 10,000 articles in all three layouts take about half a minute.

The statistics, the peers' templates and why they are a fair comparison are in
benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from synthetic.hugo import write_hugo
from synthetic.layouts import Files, page_counts, write_rsgen
from synthetic.outlet import Outlet, make_outlet
from synthetic.pelican import write_pelican

SEED = 20261124
WRITERS: dict[str, Callable[[Outlet, Files], None]] = {
    "rsgen": write_rsgen,
    "hugo": write_hugo,
    "pelican": write_pelican,
}
MARKERS = {"rsgen": "site.yaml", "hugo": "hugo.toml", "pelican": "pelicanconf.py"}


def replaceable(folder: Path, layout: str) -> bool:
    """A folder this script may delete: missing, empty, or a corpus layout it wrote."""
    return not folder.exists() or not any(folder.iterdir()) or (folder / MARKERS[layout]).is_file()


def manifest(outlet: Outlet, layouts: list[str], fingerprints: dict[str, str]) -> dict[str, object]:
    words = [article.body.words for article in outlet.articles]
    counts = page_counts(outlet)
    return {
        "generator": "benchmarks/corpus.py",
        "articles": len(outlet.articles),
        "seed": outlet.seed,
        "layouts": layouts,
        "words": {
            "min": min(words, default=0),
            "median": statistics.median_low(words) if words else 0,
            "max": max(words, default=0),
            "total": sum(words),
        },
        "pages": {
            "articles": counts.articles,
            "section_pages": counts.section_pages,
            "tag_pages": counts.tag_pages,
            "author_pages": counts.author_pages,
            "home": counts.home,
            "term_lists": counts.term_lists,
            "html": counts.html,
            "feeds": counts.feeds,
        },
        "used": {
            "sections": counts.sections_used,
            "tags": counts.tags_used,
            "authors": counts.authors_used,
        },
        "fingerprints": fingerprints,
    }


def write_corpus(count: int, out: Path, seed: int, layouts: list[str]) -> dict[str, object]:
    """Write the layouts asked for under `out` and its manifest.json; return the manifest."""
    blocked = [out / name for name in layouts if not replaceable(out / name, name)]
    if blocked:
        raise SystemExit(
            "not replaced (not a corpus this script wrote): " + ", ".join(map(str, blocked))
        )
    outlet = make_outlet(count, seed)
    fingerprints = {}
    for name in layouts:
        shutil.rmtree(out / name, ignore_errors=True)
        files = Files(out / name)
        WRITERS[name](outlet, files)
        fingerprints[name] = files.fingerprint()
    data = manifest(outlet, layouts, fingerprints)
    (out / "manifest.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return data


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("articles", type=int, help="number of articles (N)")
    parser.add_argument("out", type=Path, help="the folder to write the layouts into")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--layouts",
        nargs="+",
        default=list(WRITERS),
        metavar="LAYOUT",
        help="any of rsgen hugo pelican (default: all three; commas also separate)",
    )
    args = parser.parse_args(argv)
    layouts = list(dict.fromkeys(x for item in args.layouts for x in item.split(",") if x))
    unknown = [x for x in layouts if x not in WRITERS]
    if unknown or args.articles < 1:
        parser.error(f"unknown layout {', '.join(unknown)}" if unknown else "N must be at least 1")
    started = time.perf_counter()
    args.out.mkdir(parents=True, exist_ok=True)
    data = write_corpus(args.articles, args.out, args.seed, layouts)
    pages = data["pages"]
    assert isinstance(pages, dict)
    print(
        f"{args.articles:,} articles in {', '.join(layouts)} under {args.out}"
        f" ({pages['html']:,} HTML pages for the peers) in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
