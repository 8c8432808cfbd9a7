"""Which pages the site has: one small `PageSpec` per output file, planned from the graph.

A spec names its template and the graph keys it shows, so rendering, dependency tracking and
worker processes can all start from the same short description.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from rsgen.graph.curation import RAIL_SIZE, TOP_STORIES
from rsgen.graph.site_graph import SiteGraph

T = TypeVar("T")
SERIES = "series"  # the folder of the series pages and feeds
HOME_LATEST = 10


@dataclass(frozen=True)
class PageSpec:
    """One HTML page to write: its output path (below the output folder) and what it shows."""

    output: str
    template: str
    kind: str
    key: str = ""
    number: int = 1


@dataclass(frozen=True)
class Pagination:
    """Where one page of a paginated index sits among its siblings."""

    number: int
    count: int
    base_url: str

    def url_of(self, number: int) -> str:
        return self.base_url if number == 1 else f"{self.base_url}page/{number}/"

    @property
    def prev_url(self) -> str:
        return self.url_of(self.number - 1) if self.number > 1 else ""

    @property
    def next_url(self) -> str:
        return self.url_of(self.number + 1) if self.number < self.count else ""

    @property
    def pages(self) -> list[tuple[int, str]]:
        return [(n, self.url_of(n)) for n in range(1, self.count + 1)]

    @property
    def window(self) -> list[tuple[int, str]]:
        """The page links a pager shows: the first, the last, and two either side of this
        one; (0, "") stands for a gap. A 170-page archive gets 7 links, not 170."""
        near = range(max(1, self.number - 2), min(self.count, self.number + 2) + 1)
        shown = sorted({1, self.count, *near})
        found: list[tuple[int, str]] = []
        for n in shown:
            if found and n > found[-1][0] + 1:
                found.append((0, ""))
            found.append((n, self.url_of(n)))
        return found


def page_count(total: int, per_page: int) -> int:
    """Pages an index of `total` items needs; an empty index still has its first page."""
    return max(1, math.ceil(total / per_page))


def page_slice(items: Sequence[T], number: int, per_page: int) -> Sequence[T]:
    """The items shown on page `number` (1-based)."""
    return items[(number - 1) * per_page : number * per_page]


def paged_output(path: str, number: int) -> str:
    """`tags/x/` page 3 → `tags/x/page/3/index.html`."""
    return f"{path}index.html" if number == 1 else f"{path}page/{number}/index.html"


def plan_pages(graph: SiteGraph) -> list[PageSpec]:
    """Every HTML page of the site, in a stable order."""
    return list(_plan(graph))


def _plan(graph: SiteGraph) -> Iterator[PageSpec]:
    per_page = graph.settings.per_page
    yield PageSpec("index.html", "home.html", "home")
    for index, article in enumerate(graph.articles):
        yield PageSpec(f"{article.path}index.html", "article.html", "article", str(index))
    for key, members in graph.by_section.items():
        yield from _paged(f"{key}/", "section.html", "section", key, len(members), per_page)
    for kind, members in graph.by_kind.items():
        yield from _paged(f"kinds/{kind}/", "kind.html", "kind", kind, len(members), per_page)
    yield PageSpec("tags/index.html", "tags.html", "tags")
    for slug, tag in graph.tags.items():
        yield from _paged(f"tags/{slug}/", "tag.html", "tag", slug, len(tag.articles), per_page)
    yield PageSpec("authors/index.html", "authors.html", "authors")
    for key, members in graph.by_author.items():
        yield from _paged(f"authors/{key}/", "author.html", "author", key, len(members), per_page)
    for page in graph.pages:
        yield PageSpec(f"{page.slug}/index.html", "page.html", "page", page.slug)
    if graph.series:
        yield PageSpec(f"{SERIES}/index.html", "series_list.html", "series-list")
    for key in graph.series:
        yield PageSpec(f"{SERIES}/{key}/index.html", "series.html", "series", key)
    if graph.settings.search:
        yield PageSpec("search/index.html", "search.html", "search")
    yield PageSpec("404.html", "404.html", "404")


def _paged(
    path: str, template: str, kind: str, key: str, total: int, per_page: int
) -> Iterator[PageSpec]:
    for number in range(1, page_count(total, per_page) + 1):
        yield PageSpec(paged_output(path, number), template, kind, key, number)


@dataclass(frozen=True)
class HomeLayout:
    """The home page's blocks, as site-order indexes."""

    lead: int | None
    top_stories: tuple[int, ...]
    rails: tuple[tuple[str, tuple[int, ...]], ...]
    latest: tuple[int, ...]


def home_layout(graph: SiteGraph) -> HomeLayout:
    """The editors' pins in force (`graph.home`, see curation.py) first; the rest in the
    automatic order: lead = newest featured (else newest); top stories = other featured,
    then newest; a rail per section of its newest not shown above; latest = the newest
    overall. Articles pinned anywhere are left out of the automatic order, so no article
    shows twice among lead, top stories and rails."""
    count = len(graph.articles)
    pins = graph.home
    reserved = pins.pinned
    featured = [i for i, a in enumerate(graph.articles) if a.featured and i not in reserved]
    lead = pins.lead
    top_pins, rail_pins = pins.top, pins.rails
    if lead is None:
        lead = featured[0] if featured else next(_unreserved(count, reserved), None)
    if lead is None and count:  # every article is pinned below the lead: the newest leads
        lead = 0
        top_pins = tuple(i for i in top_pins if i != 0)
        rail_pins = {k: tuple(i for i in v if i != 0) for k, v in rail_pins.items()}
    shown = {*reserved, lead}
    top = list(top_pins)
    for i in [*featured, *range(count)]:
        if len(top) >= TOP_STORIES:
            break
        if i not in shown:
            top.append(i)
            shown.add(i)
    rails = []
    for key, members in graph.by_section.items():
        pinned = rail_pins.get(key, ())
        fill = [i for i in members if i not in shown][: RAIL_SIZE - len(pinned)]
        rails.append((key, (*pinned, *fill)))
    return HomeLayout(lead, tuple(top), tuple(rails), tuple(range(min(HOME_LATEST, count))))


def _unreserved(count: int, reserved: frozenset[int]) -> Iterator[int]:
    return (i for i in range(count) if i not in reserved)
