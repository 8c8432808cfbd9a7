"""Build times and peak memory of rsgen on the shared synthetic outlet, case by case.

    python benchmarks/build_times.py 1000 10000 [--runs 3] [--work DIR] [--json OUT]

For each size N it generates the corpus with ../shared/bench/gen_corpus.py (the same articles
Hugo, Pelican and Eleventy build there) and times whole `rsgen build` processes:

- cold: `--clean` into a new empty folder (no cache, nothing to reuse);
- no change: the same build again;
- one body edit, one title edit, one new article: one file changed, then a build.

Each case is run `--runs` times (the edit cases edit a fresh line each run); the table gives
the median wall time and the largest peak RSS. Compare with Hugo and Pelican by running
../shared/bench/run_peers.sh in the same session (see docs/performance.md).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
GEN_CORPUS = HERE.parent.parent / "shared" / "bench" / "gen_corpus.py"
NOW = "2026-01-01T00:00:00+00:00"  # after every corpus date: all articles published


EXTRA_ARGS: list[str] = []  # --rsgen-args, given to every build


def run_build(site: Path, out: Path, *extra: str) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one `rsgen build` process."""
    command = [
        sys.executable,
        "-m",
        "rsgen",
        "build",
        str(site),
        "-o",
        str(out),
        "--quiet",
        "--now",
        NOW,
        *EXTRA_ARGS,
        *extra,
    ]
    started = time.perf_counter()
    process = subprocess.Popen(command, env={**os.environ, "CI": "1"})
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed: {' '.join(command)}")
    return wall, usage.ru_maxrss / 1024


def corpus(n: int, work: Path) -> Path:
    folder = work / f"corpus-{n}"
    if not (folder / "rsgen" / "site.yaml").exists():
        subprocess.run(
            [sys.executable, str(GEN_CORPUS), str(n), str(folder), "--layouts", "rsgen"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    site = folder / "rsgen"
    shutil.rmtree(site / ".rsgen-cache", ignore_errors=True)
    return site


def first_article(site: Path) -> Path:
    return sorted((site / "content" / "articles").rglob("*.md"))[0]


def edit_body(site: Path, run: int) -> None:
    path = first_article(site)
    path.write_text(
        path.read_text(encoding="utf-8") + f"\nA closing line added by run {run}.\n",
        encoding="utf-8",
    )


def edit_title(site: Path, run: int) -> None:
    path = first_article(site)
    text = path.read_text(encoding="utf-8")
    start = text.index("title: ") + len("title: ")
    end = text.index("\n", start)
    path.write_text(
        text[:start] + json.dumps(f"Retitled in run {run}") + text[end:], encoding="utf-8"
    )


def new_article(site: Path, run: int) -> None:
    source = first_article(site).read_text(encoding="utf-8")
    (site / "content" / "articles" / f"zz-bench-new-{run}.md").write_text(source, encoding="utf-8")


def measure(n: int, runs: int, work: Path) -> dict[str, dict[str, float]]:
    site = corpus(n, work)
    out = work / f"out-{n}"
    results: dict[str, dict[str, float]] = {}

    def case(
        name: str, before: Callable[[Path, int], None] | None, *extra: str, fresh: bool = False
    ) -> None:
        walls, peaks = [], []
        for run in range(runs):
            if fresh:
                shutil.rmtree(out, ignore_errors=True)
            if before is not None:
                before(site, run)
                time.sleep(
                    2.1
                )  # let the edit settle past the racy-mtime window, as a real save would
            wall, peak = run_build(site, out, *extra)
            walls.append(wall)
            peaks.append(peak)
        results[name] = {
            "median_s": statistics.median(walls),
            "min_s": min(walls),
            "max_s": max(walls),
            "peak_mib": max(peaks),
        }
        print(
            f"N={n} {name}: median {statistics.median(walls):.2f} s (min {min(walls):.2f}, max {max(walls):.2f}), peak {max(peaks):.0f} MiB",
            flush=True,
        )

    case("cold", None, "--clean", fresh=True)
    time.sleep(2.1)
    run_build(site, out)  # leave a build whose inputs have settled, as between two real builds
    case("no change", None)
    case("one body edit", edit_body)
    case("one title edit", edit_title)
    case("one new article", new_article)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "rsgen-bench")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--rsgen-args", default="", help="extra build options, e.g. --no-search")
    args = parser.parse_args()
    EXTRA_ARGS.extend(args.rsgen_args.split())
    args.work.mkdir(parents=True, exist_ok=True)
    results = {str(n): measure(n, args.runs, args.work) for n in args.sizes}
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
