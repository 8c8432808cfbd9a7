"""Build times and peak memory of rsgen's default build beside Hugo, Hugo + Pagefind and Pelican.

From a fresh clone (under two minutes: half a minute of installing, then about 70 s of timing):

    python3 -m venv .venv && .venv/bin/pip install -c constraints.txt -e '.[bench]'     # rsgen, matplotlib
    .venv/bin/python benchmarks/peers.py --install                    # Hugo, Pelican, Pagefind
    .venv/bin/python benchmarks/build_times.py 1000 --runs 1

The published figures (docs/performance.md) come from one run of, for example:

    python benchmarks/build_times.py 1000 10000 30000 --runs 3 --no-search-too \\
        --peers-max 10000 --json benchmarks/build-times-DATE.json \\
        --markdown benchmarks/build-times-DATE.md --chart docs/performance-chart.svg

which takes the best part of an hour on 2 cores; run nothing else heavy meanwhile.

For each size N it writes the corpus with benchmarks/corpus.py (seed 20261124; the same
articles in rsgen's, Hugo's and Pelican's layouts, kept in WORK/corpus-N and reused while
the generator is unchanged), then times whole processes (timing.py):

- rsgen's default build, search on, in the cases of rsgen_cases.py: cold (`--clean`, new
  output folder), no change, one body edit, one title edit, one new article that is the
  newest of the site; each with its peak RSS and the share of HTML files it rewrote;
- with `--no-search-too`, the same cases again with `--no-search`, labelled so;
- the peers of peer_cases.py: Hugo cold, Hugo second build, Hugo + Pagefind cold (Hugo,
  then Pagefind over its output: what a Hugo site with search runs), Pelican cold, Pelican
  with one article touched.

Each case runs `--runs` times: the median wall time (with min and max) and the largest peak.
Ratios are to Hugo's cold build and, for search-on cases, to Hugo + Pagefind, of the same
size in the same run (results.py).

Options:

  sizes                 article counts (default 1000 10000)
  --runs R              timed runs per case (default 3)
  --work DIR            corpora and outputs (default $TMPDIR/rsgen-bench)
  --rsgen-args=ARGS     extra `rsgen build` options for every rsgen build (needs the `=`
                        when the value starts with `-`), e.g. --rsgen-args=--jobs=1
  --no-search-too       also time every rsgen case with --no-search
  --peers VENV          venv holding the peers (default $TMPDIR/rsgen-peers/venv, made by
                        `benchmarks/peers.py --install`); a peer missing there is left out
  --no-peers            time rsgen only
  --peers-max N         sizes above N time rsgen only (default 10000)
  --json OUT            every figure, the machine, versions and the command
  --markdown OUT.md     the results table, to paste into docs/performance.md
  --chart OUT.svg       build time and peak memory against article count (needs matplotlib)
  --from-json IN        rewrite --markdown/--chart/--json from a saved run, timing nothing
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import platform
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import rsgen_cases
from peer_cases import measure_hugo, measure_pelican
from peers import DEFAULT_VENV, Peers, find_peers
from results import DEFAULT, NO_SEARCH, Results, chart, markdown, ratio_rows, table
from timing import Figures

HERE = Path(__file__).resolve().parent
SEED = 20261124
GENERATOR = [HERE / "corpus.py", *sorted((HERE / "synthetic").glob("*.py"))]


def generator_digest() -> str:
    whole = hashlib.sha256()
    for path in GENERATOR:
        whole.update(path.name.encode() + b"\0" + path.read_bytes())
    return whole.hexdigest()


def corpus(n: int, work: Path, layouts: list[str]) -> Path:
    """WORK/corpus-N with every layout asked for, written anew unless it is up to date."""
    folder = work / f"corpus-{n}"
    stamp = folder / "generator.sha256"
    current = generator_digest()
    fresh = stamp.exists() and stamp.read_text().strip() == current
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    if not (
        fresh and manifest.get("seed") == SEED and set(layouts) <= set(manifest.get("layouts", []))
    ):
        print(
            f"writing the corpus of {n:,} articles ({', '.join(layouts)}) in {folder}", flush=True
        )
        stamp.unlink(missing_ok=True)
        command = [sys.executable, str(HERE / "corpus.py"), str(n), str(folder)]
        subprocess.run([*command, "--seed", str(SEED), "--layouts", *layouts], check=True)
        stamp.write_text(current + "\n")
    return folder


def machine() -> dict[str, Any]:
    facts: dict[str, Any] = {"cores": os.cpu_count(), "python": platform.python_version()}
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        facts["cpu"] = next(
            line.split(":", 1)[1].strip()
            for line in cpuinfo.splitlines()
            if line.startswith("model name")
        )
        meminfo = Path("/proc/meminfo").read_text().split()
        facts["memory_gib"] = round(int(meminfo[meminfo.index("MemTotal:") + 1]) / 1048576, 1)
    except (OSError, StopIteration, ValueError):
        facts["cpu"] = platform.processor() or platform.machine()
    return facts


def write_outputs(results: Results, args: argparse.Namespace) -> None:
    print("\n" + table(results), flush=True)
    if args.json:
        text = json.dumps(results.to_json(), indent=1, ensure_ascii=False) + "\n"
        args.json.write_text(text, encoding="utf-8")
        print(f"wrote {args.json}")
    if args.markdown:
        args.markdown.write_text(markdown(results), encoding="utf-8")
        print(f"wrote {args.markdown}")
    if args.chart:
        chart(results, args.chart)
        print(f"wrote {args.chart}")


def measure_size(
    n: int, args: argparse.Namespace, env: dict[str, str], peers: Peers | None
) -> dict[str, dict[str, Figures]]:
    with_peers = peers if peers and peers.any() and n <= args.peers_max else None
    layouts = ["rsgen"] + (["hugo", "pelican"] if with_peers else [])
    folder = corpus(n, args.work, layouts)
    size: dict[str, dict[str, Figures]] = {}
    series = [(DEFAULT, ())] + ([(NO_SEARCH, ("--no-search",))] if args.no_search_too else [])
    for tool, flags in series:
        out = args.work / f"out-{n}{'-no-search' if flags else ''}"
        options = (*args.rsgen_args.split(), *flags)
        builder = rsgen_cases.Builder(folder / "rsgen", out, env, options)
        size[tool] = rsgen_cases.measure(n, args.runs, builder, tool)
    if with_peers:
        peer_work = args.work / "peers"
        peer_work.mkdir(parents=True, exist_ok=True)
        size.update(measure_hugo(n, args.runs, folder, peer_work, with_peers))
        size.update(measure_pelican(n, args.runs, folder, peer_work, with_peers))
    return size


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "rsgen-bench")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--markdown", type=Path, default=None)
    parser.add_argument("--chart", type=Path, default=None)
    parser.add_argument("--rsgen-args", default="", help="extra build options for every build")
    parser.add_argument("--no-search-too", action="store_true", help="also time --no-search")
    parser.add_argument("--peers", type=Path, default=DEFAULT_VENV)
    parser.add_argument("--no-peers", dest="peers", action="store_const", const=None)
    parser.add_argument("--peers-max", type=int, default=10000)
    parser.add_argument("--from-json", type=Path, default=None)
    args = parser.parse_args()

    if args.from_json:
        saved = json.loads(args.from_json.read_text(encoding="utf-8"))
        write_outputs(Results.from_json(saved), args)
        return
    if "--no-search" in args.rsgen_args.split():
        parser.error(
            "the rsgen rows are the default build (search on): time --no-search with"
            " --no-search-too, beside them, instead of --rsgen-args"
        )
    if args.chart and importlib.util.find_spec("matplotlib") is None:
        # checked without importing it: a child process's peak RSS counts this one's
        raise SystemExit("--chart needs matplotlib: pip install -e '.[bench]'")

    args.work = args.work.resolve()
    args.work.mkdir(parents=True, exist_ok=True)
    peers = find_peers(args.peers) if args.peers else None
    if peers:
        for name in ("hugo", "pelican", "pagefind"):
            if getattr(peers, name) is None:
                print(
                    f"{name} is not installed in {peers.venv}: its cases are left out", flush=True
                )
    env, source = rsgen_cases.snapshot_source(args.work)
    facts: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d", time.gmtime()),
        "started_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "command": shlex.join(["python", *sys.argv]),
        "machine": machine(),
        "source": source,
        "peers": peers.versions() if peers else {},
        "peers_max": args.peers_max if peers else None,
        "runs": args.runs,
        "rsgen_args": args.rsgen_args,
        "seed": SEED,
        "now": rsgen_cases.NOW,
    }
    sizes: dict[int, dict[str, dict[str, Figures]]] = {}
    for n in args.sizes:
        sizes[n] = measure_size(n, args, env, peers)
        for label, _, ratios in ratio_rows(Results(facts, sizes), n):
            if label.startswith("rsgen") and ratios:
                shown = ", ".join(f"{r:.2f}× {base}" for base, r in ratios.items())
                print(f"N={n} {label}: {shown}", flush=True)
    facts["finished_utc"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    write_outputs(Results(facts, sizes), args)


if __name__ == "__main__":
    main()
