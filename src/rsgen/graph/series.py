"""Series: which published articles are the parts of each, in what order.

Parts are ordered by date, oldest first (part 1), ties by URL. A series is on the site
(`/series/KEY/`, its feed, the series list) once one of its parts is published; its file
alone publishes nothing, so a series can be prepared before its first part runs. In an
article's "keep reading" block the other parts of its series come first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rsgen.base.errors import Problems, did_you_mean
from rsgen.content import Article, Series

Locator = Callable[..., int]  # (source path, front-matter keys) -> line


@dataclass(frozen=True)
class SeriesEntry:
    """A series on the site: its record and its parts (site-order indexes, part 1 first)."""

    series: Series
    parts: tuple[int, ...]

    def number_of(self, index: int) -> int:
        """The part number (1-based) of the article at `index`."""
        return self.parts.index(index) + 1


def link_series(records: Iterable[Series], articles: Sequence[Article]) -> dict[str, SeriesEntry]:
    """The series with a published part, the newest part's series first (then by key)."""
    parts: dict[str, list[int]] = {}
    for index, article in enumerate(articles):
        if article.series:
            parts.setdefault(article.series, []).append(index)
    found = []
    for series in records:
        members = parts.get(series.key)
        if not members:
            continue
        ordered = sorted(members, key=lambda i: (articles[i].date.timestamp(), articles[i].path))
        found.append(SeriesEntry(series, tuple(ordered)))
    # site order is newest first, so the smallest index is the newest part
    found.sort(key=lambda entry: (min(entry.parts), entry.series.key))
    return {entry.series.key: entry for entry in found}


def check_series_keys(
    articles: Iterable[Article], records: Iterable[Series], locate: Locator, problems: Problems
) -> None:
    """Every `series:` must name a file of content/series/ (drafts' included)."""
    known = {s.key for s in records}
    for article in articles:
        if article.series and article.series not in known:
            line = locate(article.source, "series")
            hint = did_you_mean(article.series, known) or f"add content/series/{article.series}.md"
            problems.error(article.source, line, f"unknown series '{article.series}'", hint)


def series_first(
    ranked: Sequence[tuple[int, ...]],
    articles: Sequence[Article],
    series: dict[str, SeriesEntry],
    size: int,
) -> tuple[tuple[int, ...], ...]:
    """Keep-reading lists with the other parts of an article's series first, in part order."""
    lists = []
    for index, chosen in enumerate(ranked):
        entry = series.get(articles[index].series) if articles[index].series else None
        if entry is None:
            lists.append(tuple(chosen))
            continue
        others = [i for i in entry.parts if i != index]
        merged = list(dict.fromkeys([*others, *chosen]))
        lists.append(tuple(merged[:size]))
    return tuple(lists)
