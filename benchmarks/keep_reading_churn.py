"""How many keep-reading lists one new article changes, and why.

    python benchmarks/keep_reading_churn.py CORPUS/rsgen [--steps 1000 10]

Reads the corpus site (`corpus.py` makes one) with rsgen, then ranks every article's
keep-reading list twice: as the site is, and with one new article added as the newest, a
copy of the tags and section of the article whose file name sorts first (the article
`rsgen_cases.py` copies for its "one new article" case). For each tag-weight resolution
(`--steps`: weight = round(STEPS × ln(1 + N / df)); rsgen uses 10, it used 1000 before) it
prints how many lists changed, how many of those the new article joined, and how many of
those it joined only by winning a tie as the newer article; then how many lists each
resolution orders differently from the first one on the site as it is (what it costs in
relevance). Nothing is written; no timing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
from collections.abc import Sequence
from pathlib import Path

from rsgen.build import load_site
from rsgen.graph import BuildOptions, RelatedIndex

NOW = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)  # after every corpus date, as rsgen_cases.py


def index(tags_of: Sequence[tuple[str, ...]], sections: Sequence[str], steps: int) -> RelatedIndex:
    """rsgen's ranking, its tag weights taken at `steps` per unit of ln(1 + N / df)."""
    found = RelatedIndex(tags_of, sections)
    n = len(tags_of)
    found.weight = {t: round(steps * math.log(1 + n / len(p))) for t, p in found.postings.items()}
    return found


def lists(ranking: RelatedIndex, k: int) -> list[tuple[int, ...]]:
    return [tuple(c.index for c in ranking.ranked(i, k)) for i in range(len(ranking.tags_of))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--steps", type=int, nargs="+", default=[1000, 10])
    args = parser.parse_args()
    graph = load_site(args.site, BuildOptions(now=NOW)).graph
    tags_of = [tuple(t) for t in graph.related.tags_of]
    sections = list(graph.related.section_of)
    k, n = graph.settings.keep_reading, len(tags_of)
    first = min(a.source for a in graph.articles)
    copied = next(i for i, a in enumerate(graph.articles) if a.source == first)
    print(f"{n:,} articles, keep_reading {k}; the new article has the tags of {first}")
    baseline: list[tuple[int, ...]] = []
    for steps in args.steps:
        before = index(tags_of, sections, steps)
        after = index([tags_of[copied], *tags_of], [sections[copied], *sections], steps)
        old, new = lists(before, k), lists(after, k)
        changed = joined = ties = 0
        for i in range(n):
            now = new[i + 1]  # the new article is 0 in the new order: everyone else moves by 1
            if now != tuple(j + 1 for j in old[i]):
                changed += 1
            if 0 not in now:
                continue
            joined += 1
            left = [j + 1 for j in old[i] if j + 1 not in now]
            if left and _key(after, i + 1, left[0]) == _key(after, i + 1, 0):
                ties += 1
        print(
            f"steps {steps}: {changed} lists changed ({changed / n:.2%}); the new article "
            f"joined {joined}, {ties} of them by a tie it won as the newer"
        )
        if not baseline:
            baseline = old
        else:
            other = sum(1 for a, b in zip(baseline, old, strict=True) if set(a) != set(b))
            print(f"  against steps {args.steps[0]}: {other} lists hold another article")


def _key(ranking: RelatedIndex, article: int, other: int) -> tuple[int, bool]:
    """What ranks `other` for `article` before the age tie-break: its score, same section."""
    shared = set(ranking.tags_of[article]) & set(ranking.tags_of[other])
    score = sum(ranking.weight[t] for t in shared)
    return score, ranking.section_of[article] == ranking.section_of[other]


if __name__ == "__main__":
    main()
