"""The results of one benchmark run: JSON in and out, the Markdown table, the chart.

The JSON holds every figure of the run (each case's runs, medians, peaks, files rewritten),
the machine, the versions and the command; the table and the chart are drawn from it alone,
so `build_times.py --from-json` redraws them without timing anything.

Rows, in order for each size: rsgen's default build (search on), then rsgen with
`--no-search` when it was timed, then Hugo, Hugo + Pagefind and Pelican. Two ratio columns,
both against figures of the same run and size: every case over Hugo's cold build, and the
search-on cases over Hugo + Pagefind (Hugo cold then Pagefind over its output: what a Hugo
site with search runs). The "HTML rewritten" column is the largest share of HTML files one
run of the case wrote, from rsgen's `--manifest`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peer_cases import LABELS as PEER_LABELS
from rsgen_cases import CASES as RSGEN_CASES
from timing import Figures

DEFAULT = "rsgen"  # the default build: search on
NO_SEARCH = "rsgen --no-search"
FORMAT = 2  # format 1 (before search was timed) had only "rsgen", with its flags in rsgen_args


@dataclass(frozen=True)
class Results:
    facts: dict[str, Any]  # date, command, machine, source, peers, runs, rsgen_args, seed, now
    sizes: dict[int, dict[str, dict[str, Figures]]]  # N -> tool -> case -> figures

    def case(self, n: int, tool: str, name: str) -> Figures | None:
        return self.sizes.get(n, {}).get(tool, {}).get(name)

    def to_json(self) -> dict[str, Any]:
        sizes = {
            str(n): {
                tool: {name: figures.to_json() for name, figures in cases.items()}
                for tool, cases in tools.items()
            }
            for n, tools in sorted(self.sizes.items())
        }
        ratios = {str(n): {label: r for label, _, r in ratio_rows(self, n)} for n in self.sizes}
        return {**self.facts, "format": FORMAT, "sizes": sizes, "ratios": ratios}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Results:
        facts = {k: v for k, v in data.items() if k not in {"format", "sizes", "ratios"}}
        facts["peers"] = {  # format 1 kept {"path", "version"} for each peer
            name: peer["version"] if isinstance(peer, dict) else peer
            for name, peer in data.get("peers", {}).items()
        }
        old_flags = data.get("rsgen_args", "") if data.get("format", 1) == 1 else ""
        sizes: dict[int, dict[str, dict[str, Figures]]] = {}
        for n, tools in data["sizes"].items():
            size = sizes.setdefault(int(n), {})
            for tool, cases in tools.items():
                if tool == DEFAULT and "--no-search" in old_flags:
                    tool = NO_SEARCH
                size[tool] = {name: Figures.from_json(f) for name, f in cases.items()}
        return cls(facts, sizes)


def rows(results: Results, n: int) -> list[tuple[str, str, str, Figures]]:
    """(label, tool, case, figures) for every case measured at size n, in table order."""
    found = []
    for tool, prefix in ((DEFAULT, "rsgen"), (NO_SEARCH, "rsgen `--no-search`")):
        for name in RSGEN_CASES:
            figures = results.case(n, tool, name)
            if figures:
                suffix = " (`--clean`)" if name == "cold" else ""
                found.append((f"{prefix} {name}{suffix}", tool, name, figures))
    for (tool, name), label in PEER_LABELS.items():
        figures = results.case(n, tool, name)
        if figures:
            found.append((label, tool, name, figures))
    return found


def ratio_rows(results: Results, n: int) -> list[tuple[str, str, dict[str, float]]]:
    """(label, tool, {baseline: ratio}) for each row: ÷ Hugo cold, and ÷ Hugo + Pagefind."""
    hugo = results.case(n, "hugo", "cold")
    searching = results.case(n, "hugo + pagefind", "cold")
    out = []
    for label, tool, _, figures in rows(results, n):
        ratios = {}
        if hugo:
            ratios["hugo cold"] = figures.median_s / hugo.median_s
        if searching and tool in {DEFAULT, "hugo + pagefind"}:
            ratios["hugo + pagefind cold"] = figures.median_s / searching.median_s
        out.append((label, tool, ratios))
    return out


def rewritten(figures: Figures) -> str:
    shares = [
        (w / t, w, t) for w, t in zip(figures.html_written, figures.html_total, strict=True) if t
    ]
    if not shares:
        return "–"
    share, written, total = max(shares)
    return f"{share:.1%} ({written:,} of {total:,})"


def table(results: Results) -> str:
    lines = [
        "| case | N | wall s, median (min–max) | ÷ Hugo cold | ÷ Hugo + Pagefind"
        " | peak RSS MiB | HTML rewritten |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for n in sorted(results.sizes):
        ratios = {label: r for label, _, r in ratio_rows(results, n)}
        for label, _, _, f in rows(results, n):
            plain = ratios[label].get("hugo cold")
            search = ratios[label].get("hugo + pagefind cold")
            lines.append(
                f"| {label} | {n:,} | {f.median_s:.2f} ({f.min_s:.2f}–{f.max_s:.2f})"
                f" | {f'{plain:.2f}×' if plain is not None else '–'}"
                f" | {f'{search:.2f}×' if search is not None else '–'}"
                f" | {f.peak_mib:,.0f} | {rewritten(f)} |"
            )
    return "\n".join(lines) + "\n"


def short_version(line: str) -> str:
    found = re.search(r"\d+\.\d+(?:\.\d+)?", line)
    return found.group() if found else line


def versions_line(results: Results) -> str:
    facts = results.facts
    machine = facts["machine"]
    where = [f"{machine['cores']} cores"]
    if machine.get("cpu"):
        where.append(str(machine["cpu"]))
    if machine.get("memory_gib"):
        where.append(f"{machine['memory_gib']} GiB")
    tools = [f"Python {machine['python']}", f"rsgen {facts['source']['commit'][:10]}"]
    tools += [
        f"{name.capitalize()} {short_version(line)}"
        for name, line in facts.get("peers", {}).items()
    ]
    return f"{facts['date']}, {', '.join(where)}; {'; '.join(tools)}"


def markdown(results: Results) -> str:
    facts = results.facts
    flags = facts.get("rsgen_args") or ""
    extra = f" Every rsgen build also had `{flags}`." if flags else ""
    note = (
        f"Median of {facts['runs']} runs (min–max); peak RSS is the largest of the runs, whole"
        " process and its children (os.wait4). rsgen rows are the default build, search on;"
        f" rows marked `--no-search` leave the search index out.{extra} ÷ Hugo cold: the case"
        " over Hugo's cold build of the same size; ÷ Hugo + Pagefind: a search-on case over"
        " Hugo cold then Pagefind over Hugo's output. HTML rewritten: the largest share of the"
        " output's HTML files one run wrote (`--manifest`). – where not measured."
    )
    return (
        f"<!-- written by benchmarks/build_times.py; {versions_line(results)} -->\n\n"
        f"```sh\n{facts['command']}\n```\n\n{table(results)}\n{note}\n"
    )


def chart(results: Results, path: Path) -> None:
    """Build time and peak memory against article count, the default build the headline."""
    import matplotlib  # imported here: its memory would count in every child's peak RSS

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FixedLocator, FuncFormatter, LogLocator, NullLocator

    matplotlib.rcParams["svg.hashsalt"] = "rsgen-build-times"  # same data, same file
    versions = {name: short_version(line) for name, line in results.facts.get("peers", {}).items()}
    hugo = f"Hugo {versions.get('hugo', '')}".strip()
    pelican = f"Pelican {versions.get('pelican', '')}".strip()
    series: list[tuple[str, str, str, dict[str, Any]]] = [
        (
            "rsgen cold (search on)",
            DEFAULT,
            "cold",
            {"color": "#1f5fa8", "marker": "o", "linewidth": 2.5},
        ),
        (
            "rsgen, one body edit (search on)",
            DEFAULT,
            "one body edit",
            {"color": "#2ca02c", "marker": "s"},
        ),
        (
            "rsgen, one new article (search on)",
            DEFAULT,
            "one new article",
            {"color": "#ff7f0e", "marker": "P"},
        ),
        (
            "rsgen cold, --no-search",
            NO_SEARCH,
            "cold",
            {"color": "#7fa8d8", "marker": "o", "linestyle": "--"},
        ),
        (f"{hugo} cold", "hugo", "cold", {"color": "#d62728", "marker": "D", "linestyle": "--"}),
        (
            "Hugo + Pagefind cold",
            "hugo + pagefind",
            "cold",
            {"color": "#8c1d1d", "marker": "X", "linestyle": "-."},
        ),
        (
            f"{pelican} cold",
            "pelican",
            "cold",
            {"color": "#9467bd", "marker": "v", "linestyle": ":"},
        ),
    ]
    sizes = sorted(results.sizes)
    fig, (ax_time, ax_memory) = plt.subplots(1, 2, figsize=(11, 5.2), layout="constrained")
    for label, tool, name, style in series:
        points = [(n, f) for n in sizes if (f := results.case(n, tool, name))]
        if points:
            xs = [n for n, _ in points]
            ax_time.plot(xs, [f.median_s for _, f in points], label=label, **style)
            ax_memory.plot(xs, [f.peak_mib for _, f in points], label=label, **style)
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
    ax_time.set_ylabel(f"wall time, s (median of {results.facts['runs']} runs, log scale)")
    ax_memory.set_title("Peak memory")
    ax_memory.set_ylabel("peak RSS, MiB (log scale)")
    handles, labels = ax_time.get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=4, frameon=False)
    cores = results.facts["machine"]["cores"]
    fig.suptitle(
        f"rsgen's default build (search on) beside Hugo and Pelican: {cores} cores,"
        f" {results.facts['date']}"
    )
    fig.savefig(path, format="svg", metadata={"Date": None})
    plt.close(fig)
