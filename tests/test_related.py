"""Keep-reading ranking: shared tags (rarer weigh more), then section, then newer; exact pruning."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rsgen.graph import RelatedIndex, keep_reading_for_all


def brute_force(
    tags_of: list[tuple[str, ...]], sections: list[str], article: int, k: int
) -> list[int]:
    """The ranking written out directly: score every other article, sort, take k."""
    n = len(tags_of)
    df: dict[str, int] = {}
    for tags in tags_of:
        for t in tags:
            df[t] = df.get(t, 0) + 1
    weight = {t: round(10 * math.log(1 + n / d)) for t, d in df.items()}
    mine = set(tags_of[article])

    def key(other: int) -> tuple[int, bool, int]:
        score = sum(weight[t] for t in mine & set(tags_of[other]))
        return (score, sections[other] == sections[article], -other)

    others = [i for i in range(n) if i != article]
    return sorted(others, key=key, reverse=True)[:k]


def test_shared_tags_beat_section_and_date() -> None:
    tags_of = [("a",), ("b",), ("a", "b"), ("c",)]
    sections = ["x", "x", "y", "x"]
    index = RelatedIndex(tags_of, sections)
    # article 3 shares nothing: same section newest first (0, 1), then the rest (2)
    assert [c.index for c in index.ranked(3, 3)] == [0, 1, 2]
    # article 0 shares tag a with 2 only; then same-section 1 and 3 by date
    assert [c.index for c in index.ranked(0, 3)] == [2, 1, 3]


def test_rarer_tags_weigh_more() -> None:
    # "common" is on every article, "rare" on two: sharing rare beats sharing common
    tags_of = [("common", "rare"), ("common",), ("common",), ("common", "rare")]
    sections = ["x", "x", "x", "y"]
    ranked = RelatedIndex(tags_of, sections).ranked(0, 2)
    assert ranked[0].index == 3
    assert ranked[0].shared_tags == ("common", "rare")
    assert ranked[0].score > ranked[1].score


def test_never_itself_and_exactly_k() -> None:
    tags_of = [("t",)] * 6
    index = RelatedIndex(tags_of, ["s"] * 6)
    for article in range(6):
        chosen = [c.index for c in index.ranked(article, 4)]
        assert article not in chosen
        assert len(chosen) == len(set(chosen)) == 4


def test_fewer_articles_than_slots() -> None:
    index = RelatedIndex([("t",), ("u",)], ["s", "s"])
    assert [c.index for c in index.ranked(0, 4)] == [1]
    assert index.ranked(0, 0) == []


def test_ties_are_broken_by_site_order() -> None:
    tags_of = [("t",), ("t",), ("t",), ("t",)]
    index = RelatedIndex(tags_of, ["s", "s", "s", "s"])
    assert [c.index for c in index.ranked(2, 3)] == [0, 1, 3]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from("abcdefghij"), max_size=4, unique=True), st.sampled_from("xyz")
        ),
        min_size=1,
        max_size=40,
    ),
    st.integers(min_value=0, max_value=6),
)
def test_pruned_ranking_equals_brute_force(rows: list[tuple[list[str], str]], k: int) -> None:
    tags_of = [tuple(tags) for tags, _ in rows]
    sections = [section for _, section in rows]
    index = RelatedIndex(tags_of, sections)
    for article in range(len(rows)):
        assert [c.index for c in index.ranked(article, k)] == brute_force(
            tags_of, sections, article, k
        )


def test_zipf_corpus_matches_brute_force() -> None:
    """A corpus shaped like a newsroom's (a few very common tags) exercises the pruning."""
    rng = random.Random(7)
    tags = [f"t{i}" for i in range(60)]
    zipf = [1 / (i + 1) for i in range(60)]
    tags_of = [tuple(sorted(set(rng.choices(tags, zipf, k=rng.randint(1, 5))))) for _ in range(300)]
    sections = [rng.choice("abcd") for _ in range(300)]
    index = RelatedIndex(tags_of, sections)
    every = keep_reading_for_all(index, 4)
    for article in range(0, 300, 7):
        assert list(every[article]) == brute_force(tags_of, sections, article, 4)


def test_worker_processes_rank_as_one_process_does(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(11)
    tags = [f"t{i}" for i in range(40)]
    tags_of = [tuple(sorted(set(rng.choices(tags, k=rng.randint(1, 4))))) for _ in range(250)]
    sections = [rng.choice("abc") for _ in range(250)]
    index = RelatedIndex(tags_of, sections)
    serial = keep_reading_for_all(index, 4)
    monkeypatch.setattr("rsgen.graph.related.PARALLEL_FROM", 10)
    assert keep_reading_for_all(index, 4, jobs=2) == serial
