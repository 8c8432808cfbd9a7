""" "Keep reading": the articles most related to each article.

The ranking, in order of precedence:
1. shared tags, each weighted by its rarity: weight(tag) = round(10 * ln(1 + N / df)), where
   N is the number of published articles and df the number carrying the tag (integers, so
   equal scores are exactly equal). Tenths, not finer: a new article moves N (and the df of
   its tags) by one, which moves a finer weight a little for every tag, and lists whose
   choice hung on such a hair would change on pages the new article is not on. In tenths a
   weight moves only when the rarity crosses a step (at 10,000 articles, one new article
   changed 7 lists with thousandths, 2 with tenths: the ones it joins);
2. then the same section;
3. then the newer article; then the URL (the article's place in the site order breaks ties).

Articles are given by their place in the site order (0 = newest), so "newer" is "smaller
index". Candidates come from an inverted index of tags, rarest tag first; once the best
`k` found so far beat anything the remaining (common) tags could add, the long posting lists
of common tags are not walked: an article costs about the size of its rare tags' lists, not N.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass

from rsgen.base.workers import can_fork, worker_pool

WEIGHT_STEPS = 10  # a tag's weight is ln(1 + N / df) in tenths (see the module's docstring)


@dataclass(frozen=True)
class Candidate:
    """One ranked teaser and why it was chosen."""

    index: int
    score: int
    same_section: bool
    shared_tags: tuple[str, ...]


class RelatedIndex:
    """An inverted index of tags over the published articles, for ranking keep-reading."""

    def __init__(self, tags_of: Sequence[Sequence[str]], section_of: Sequence[str]) -> None:
        self.tags_of = tags_of
        self.section_of = section_of
        self.postings: dict[str, list[int]] = {}
        for index, tags in enumerate(tags_of):
            for tag in tags:
                self.postings.setdefault(tag, []).append(index)
        count = len(tags_of)
        self.weight = {
            tag: round(WEIGHT_STEPS * math.log(1 + count / len(p)))
            for tag, p in self.postings.items()
        }
        self.by_section: dict[str, list[int]] = {}
        for index, section in enumerate(section_of):
            self.by_section.setdefault(section, []).append(index)

    def ranked(self, article: int, k: int) -> list[Candidate]:
        """The `k` articles most related to `article`, best first, with their scores."""
        if k <= 0:
            return []
        scores = self._tag_scores(article, k)
        section = self.section_of[article]
        count = len(self.section_of)
        # one integer per candidate orders like (score, same section, newer): heapq compares
        # plain ints in C, several times faster than a key function on large candidate sets
        packed = [
            (score * 2 + (self.section_of[i] == section)) * count + (count - 1 - i)
            for i, score in scores.items()
        ]
        best = [count - 1 - p % count for p in heapq.nlargest(k, packed)]
        chosen = [self._candidate(article, i, scores[i]) for i in best]
        if len(chosen) < k:
            chosen.extend(self._fill(article, k - len(chosen), set(best)))
        return chosen

    def _tag_scores(self, article: int, k: int) -> dict[int, int]:
        """Exact tag scores of every candidate that can still make the top `k`."""
        tags = sorted(self.tags_of[article], key=lambda t: (-self.weight[t], t))
        remaining = sum(self.weight[t] for t in tags)
        scores: dict[int, int] = {}
        for position, tag in enumerate(tags):
            if len(scores) >= k and _kth_score(scores, k) > remaining:
                # no article outside `scores` can catch up: finish the known ones by lookup
                for later in tags[position:]:
                    weight = self.weight[later]
                    for candidate in scores:
                        if later in self.tags_of[candidate]:
                            scores[candidate] += weight
                break
            weight = self.weight[tag]
            for candidate in self.postings[tag]:
                if candidate != article:
                    scores[candidate] = scores.get(candidate, 0) + weight
            remaining -= weight
        return scores

    def _fill(self, article: int, missing: int, taken: set[int]) -> list[Candidate]:
        """Articles sharing no tag: the same section's newest first, then the newest overall."""
        section = self.section_of[article]
        found: list[Candidate] = []
        for pool in (self.by_section[section], range(len(self.section_of))):
            for i in pool:
                if len(found) == missing:
                    return found
                if i != article and i not in taken:
                    taken.add(i)
                    found.append(Candidate(i, 0, self.section_of[i] == section, ()))
        return found

    def _candidate(self, article: int, other: int, score: int) -> Candidate:
        shared = tuple(sorted(set(self.tags_of[article]) & set(self.tags_of[other])))
        same = self.section_of[article] == self.section_of[other]
        return Candidate(other, score, same, shared)


def _kth_score(scores: dict[int, int], k: int) -> int:
    return heapq.nlargest(k, scores.values())[-1]


def keep_reading_for_all(index: RelatedIndex, k: int, jobs: int = 1) -> list[tuple[int, ...]]:
    """The keep-reading list (as site-order indexes) of every article; on a large site, in
    `jobs` worker processes, each ranking a share of the articles."""
    count = len(index.tags_of)
    if jobs <= 1 or count < PARALLEL_FROM or not can_fork():
        return _rank_range(index, k, 0, count)
    step = -(-count // (jobs * 4))  # a few shares per worker evens out uneven ones
    shares = [(start, min(start + step, count)) for start in range(0, count, step)]
    with worker_pool(jobs, _start_worker, (index, k)) as pool:
        found = pool.starmap(_rank_in_worker, shares)
    return [ranked for share in found for ranked in share]


PARALLEL_FROM = 2000  # below this, ranking takes less than starting workers


def rank_after_insert(
    old: RelatedIndex, old_lists: Sequence[tuple[int, ...]], new: RelatedIndex, k: int
) -> list[tuple[int, ...]] | None:
    """Every keep-reading list of `new`, when it is `old` with one article inserted (a new
    article): the lists that article cannot change are `old_lists`, their indexes moved past
    it; only the others are ranked again. None when `new` is not `old` plus one article.

    An article A keeps its list unless (1) one of its tags changed weight (N grew by one, and
    the new article's tags' df), (2) the new article shares a tag with it and scores at least
    A's last chosen article (it wins ties as the newer), or (3) A's list holds an article that
    shares no tag with it (the fill, which takes the newest of a section or of the site).
    Otherwise every score A compares is made of A's own tags' unchanged weights, and the new
    article is not among its candidates: the ranking of the rest keeps its order.
    """
    count = len(old.tags_of)
    if len(new.tags_of) != count + 1 or len(old_lists) != count or count < k:
        return None
    at = next((i for i in range(count) if _record(old, i) != _record(new, i)), count)
    if any(_record(old, i) != _record(new, i + 1) for i in range(at, count)):
        return None
    moved = {tag for tag, weight in new.weight.items() if old.weight.get(tag) != weight}
    added = set(new.tags_of[at])
    redo = [at]
    kept: dict[int, tuple[int, ...]] = {}
    for i, chosen in enumerate(old_lists):
        mine = set(old.tags_of[i])
        if (
            len(chosen) < k
            or mine & moved
            or any(not mine & set(old.tags_of[j]) for j in chosen)
            or (
                mine & added
                and sum(new.weight[t] for t in mine & added)
                >= sum(old.weight[t] for t in mine & set(old.tags_of[chosen[-1]]))
            )
        ):
            redo.append(i if i < at else i + 1)
        else:
            kept[i if i < at else i + 1] = tuple(j if j < at else j + 1 for j in chosen)
    for i in redo:
        kept[i] = tuple(c.index for c in new.ranked(i, k))
    return [kept[i] for i in range(count + 1)]


def _record(index: RelatedIndex, i: int) -> tuple[Sequence[str], str]:
    return index.tags_of[i], index.section_of[i]


def _rank_range(index: RelatedIndex, k: int, start: int, stop: int) -> list[tuple[int, ...]]:
    return [tuple(c.index for c in index.ranked(i, k)) for i in range(start, stop)]


# the index a worker ranks from, set once when it starts (never in the main process)
_worker: list[tuple[RelatedIndex, int]] = []


def _start_worker(index: RelatedIndex, k: int) -> None:
    _worker.append((index, k))


def _rank_in_worker(start: int, stop: int) -> list[tuple[int, ...]]:
    index, k = _worker[0]
    return _rank_range(index, k, start, stop)
