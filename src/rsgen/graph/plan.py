"""Which pages the site has: one small `PageSpec` per output file, planned from the graph.

A spec names its template and the graph keys it shows, so rendering, dependency tracking and
worker processes can all start from the same short description.
"""

from __future__ import annotations

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
    number: int = 0  # of a paginated index: FRONT (its own URL), else an archive page


FRONT = 0  # the number of an index's first page, at its own URL (the newest articles)


@dataclass(frozen=True)
class Pagination:
    """Where one page of a paginated index sits among its siblings.

    Archive pages are fixed blocks of `per_page` articles counted from the oldest: page 1
    holds the oldest `per_page`, page 2 the next, and so on; the front page (`FRONT`, at the
    index's own URL) holds the rest, the newest: from `per_page` to `2 * per_page - 1`
    articles once there is an archive. A new article joins the front page and leaves every
    archive page as it was; once every `per_page` articles the front page's oldest block
    becomes archive page `archived + 1`. The pager never shows how many pages there are.
    """

    number: int  # FRONT, or 1 (oldest) … archived (newest archive page)
    archived: int  # how many archive pages the index has
    base_url: str

    @property
    def is_front(self) -> bool:
        return self.number == FRONT

    @property
    def url(self) -> str:
        return self.url_of(self.number)

    def url_of(self, number: int) -> str:
        return self.base_url if number == FRONT else f"{self.base_url}page/{number}/"

    @property
    def prev_url(self) -> str:
        """The newer page ("" on the front page)."""
        if self.is_front:
            return ""
        return self.url_of(FRONT if self.number == self.archived else self.number + 1)

    @property
    def next_url(self) -> str:
        """The older page ("" on the oldest)."""
        if self.is_front:
            return self.url_of(self.archived) if self.archived else ""
        return self.url_of(self.number - 1) if self.number > 1 else ""

    @property
    def window(self) -> list[tuple[str, str]]:
        """The links a pager shows, newest first, as (label, URL): the front page ("Newest"),
        two archive pages either side of this one, and page 1; ("", "") stands for a gap.
        Never the newest archive page's number: that would change every page of the index
        each time a page is added."""
        here = self.archived + 1 if self.is_front else self.number
        near = range(min(self.archived, here + 2), max(1, here - 2) - 1, -1)
        found: list[tuple[str, str]] = [("Newest", self.url_of(FRONT))]
        last = 0  # the archive page listed last (none yet)
        for n in [*near, *([1] if self.archived and 1 not in near else [])]:
            if last and n < last - 1:
                found.append(("", ""))
            found.append((str(n), self.url_of(n)))
            last = n
        return found

    @property
    def shown(self) -> tuple[object, ...]:
        """Everything of the pagination a page shows, whatever its URL (for its key)."""
        return (self.number, self.prev_url, self.next_url, tuple(self.window))


def archive_count(total: int, per_page: int) -> int:
    """Archive pages an index of `total` items has: every whole block of `per_page` counted
    from the oldest, but the newest whole block, which the front page shows."""
    return max(0, total // per_page - 1)


def page_count(total: int, per_page: int) -> int:
    """Pages an index of `total` items has, its front page included."""
    return archive_count(total, per_page) + 1


def page_slice(items: Sequence[T], number: int, per_page: int) -> Sequence[T]:
    """The items (newest first) shown on page `number`: `FRONT` or an archive page."""
    total = len(items)
    archived = archive_count(total, per_page)
    if number == FRONT:
        return items[: total - archived * per_page]
    return items[total - number * per_page : total - (number - 1) * per_page]


def paged_output(path: str, number: int) -> str:
    """`tags/x/` front page → `tags/x/index.html`; archive page 3 → `tags/x/page/3/index.html`."""
    return f"{path}index.html" if number == FRONT else f"{path}page/{number}/index.html"


# kinds of page whose front page renders the "Latest" list in its HTML (besides the home page)
LATEST_INDEXES = ("section", "kind")


def shows_latest(spec: PageSpec) -> bool:
    """Whether a page renders the "Latest" list in its HTML: the home page and the front
    pages of sections and kinds (a dozen pages). Every other page fills the list in the
    browser from `/latest.json` and links to the home page's list without JavaScript, so
    a new article leaves it as it was."""
    return spec.kind == "home" or (spec.kind in LATEST_INDEXES and spec.number == FRONT)


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
    yield PageSpec(paged_output(path, FRONT), template, kind, key, FRONT)
    for number in range(1, archive_count(total, per_page) + 1):
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
