"""Keep-reading ranking: shared tags (rarer weigh more), then section, then newer; exact pruning."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rsgen.graph import RelatedIndex, keep_reading_for_all, rank_after_insert


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


def all_lists(tags_of: list[tuple[str, ...]], sections: list[str], k: int) -> list[tuple[int, ...]]:
    index = RelatedIndex(tags_of, sections)
    return [tuple(c.index for c in index.ranked(i, k)) for i in range(len(tags_of))]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from("abcdefghijklmnop"), max_size=5, unique=True),
            st.sampled_from("xyz"),
        ),
        min_size=2,
        max_size=60,
    ),
    st.tuples(
        st.lists(st.sampled_from("abcdefghijklmnopq"), max_size=5, unique=True),
        st.sampled_from("xyz"),
    ),
    st.integers(min_value=0),
    st.integers(min_value=1, max_value=4),
)
def test_one_new_article_ranks_again_only_what_it_may_change(
    records: list[tuple[list[str], str]],
    added: tuple[list[str], str],
    where: int,
    k: int,
) -> None:
    """After one inserted article, the lists kept and those ranked again are exactly the
    lists a whole ranking gives (ties, fills, weights that move with N)."""
    tags_of = [tuple(tags) for tags, _ in records]
    sections = [section for _, section in records]
    at = where % (len(records) + 1)
    new_tags = [*tags_of[:at], tuple(added[0]), *tags_of[at:]]
    new_sections = [*sections[:at], added[1], *sections[at:]]
    if len(records) < k:
        return
    found = rank_after_insert(
        RelatedIndex(tags_of, sections),
        all_lists(tags_of, sections, k),
        RelatedIndex(new_tags, new_sections),
        k,
    )
    assert found == all_lists(new_tags, new_sections, k)


def test_a_change_that_is_not_one_insertion_is_ranked_whole() -> None:
    tags_of = [("a",), ("b",), ("a", "b")]
    old = RelatedIndex(tags_of, ["x", "x", "y"])
    lists = all_lists(tags_of, ["x", "x", "y"], 1)
    assert rank_after_insert(old, lists, RelatedIndex(tags_of, ["x", "x", "y"]), 1) is None
    edited = RelatedIndex([("c",), ("a",), ("b",), ("b",)], ["x", "x", "x", "y"])
    assert rank_after_insert(old, lists, edited, 1) is None


def test_a_new_article_that_ties_wins_as_the_newer() -> None:
    """Weights that do not move (11 before and after) and a tie the new article wins."""
    tags_of = [("a",)] * 10 + [("z",)] * 10
    sections = ["y"] * 20
    sections[5] = "x"  # no other article in its section: the newest "a" article is its pick
    old = RelatedIndex(tags_of, sections)
    new = RelatedIndex([("a",), *tags_of], ["w", *sections])
    assert old.weight == new.weight == {"a": 11, "z": 11}
    found = rank_after_insert(old, all_lists(tags_of, sections, 1), new, 1)
    assert found == all_lists([("a",), *tags_of], ["w", *sections], 1)
    assert found is not None and found[6] == (0,)  # old article 5 now shows the new one
    assert found[15] == (11,)  # a "z" article keeps its list, moved by one
