"""Time the two Markdown paths over a site's bodies, in one process, and say which path each
body took.

    python benchmarks/markdown_paths.py SITE [--repeat N]

renders every body under SITE/content (bios as the build does, without blocks) with
markdown-it-py alone (`BodyRenderer`) and with the fast path (`FastBodyRenderer`), checks
that both give the same bodies, and prints the CPU seconds of each (best of N runs; CPU time,
so that a shared machine disturbs it less than wall time) and the share of bodies that took
markdown-it-pyrs. Reading the files and splitting front matter are outside the timing.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from rsgen.content.fast_markdown import FastBodyRenderer
from rsgen.content.frontmatter import split_front_matter
from rsgen.content.markdown import BodyRenderer
from rsgen.content.model import Body

Case = tuple[str, int, bool]  # body, its first line, blocks allowed


def bodies(site: Path) -> list[Case]:
    found: list[Case] = []
    for path in sorted((site / "content").rglob("*.md")):
        split = split_front_matter(path.read_text("utf-8"))
        found.append((split.body, split.body_line, path.parent.name != "authors"))
    return found


def timed(renderer: BodyRenderer, cases: list[Case], repeat: int) -> tuple[float, list[Body]]:
    best = float("inf")
    made: list[Body] = []
    for _ in range(repeat):
        start = time.process_time()
        made = [renderer.render(body, line, blocks=blocks) for body, line, blocks in cases]
        best = min(best, time.process_time() - start)
    return best, made


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    cases = bodies(args.site)
    slow_s, slow = timed(BodyRenderer(), cases, args.repeat)
    fast = FastBodyRenderer()
    fast_s, quick = timed(fast, cases, args.repeat)
    if quick != slow:
        sys.exit("the two paths gave different bodies")
    taken = fast.taken // args.repeat
    print(f"{len(cases)} bodies; fast path took {taken} ({100 * taken / len(cases):.1f} %)")
    print(f"markdown-it-py alone: {slow_s:.2f} s CPU ({1000 * slow_s / len(cases):.2f} ms a body)")
    print(f"with the fast path:   {fast_s:.2f} s CPU ({1000 * fast_s / len(cases):.2f} ms a body)")
    print(f"speed-up: {slow_s / fast_s:.1f}x")


if __name__ == "__main__":
    main()
