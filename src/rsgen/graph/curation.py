"""The editors' pins and banner (content/home.yaml) as they stand at the build clock.

A pin names an article by its URL path, `section/slug` (slashes around it are allowed, so a
path copied from the address bar works), or by its `slug` alone when no other article has
that slug. Names are looked up among every article, drafts and scheduled ones included, so
that a typo (an error) is told apart from a pin to a piece that is not out yet (a warning:
the pin waits, and holds from the build that publishes the article until its `until`).

Only what holds at the build clock is kept: a pin or banner whose `until` has passed is
dropped, and the home page falls back to its automatic order (`plan.home_layout`). Higher
on the page wins: an article pinned as lead is skipped among the top stories and rails while
that pin holds, so an editor can pin a story as lead until 9:00 and as a top story until the
evening. The lead and top stories are decided first, then the rails in navigation order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from rsgen.base.errors import Problems, did_you_mean
from rsgen.base.folders import ARTICLES_DIR, HOME_FILE
from rsgen.content import Article, Banner, HomeFile, Pin

TOP_STORIES = 4
RAIL_SIZE = 4


@dataclass(frozen=True)
class Curation:
    """The pins and banner in force, pins as site-order indexes of published articles.

    Pins are already told apart: no index appears twice, and each block holds at most as
    many as it shows (a longer list waits its turn: the next pin moves up when one expires).
    """

    lead: int | None = None
    top: tuple[int, ...] = ()
    rails: dict[str, tuple[int, ...]] = field(default_factory=dict)
    banner: Banner | None = None

    @property
    def pinned(self) -> frozenset[int]:
        """Every pinned article on the home page, which the automatic order then leaves out."""
        lead = () if self.lead is None else (self.lead,)
        return frozenset([*lead, *self.top, *(i for rail in self.rails.values() for i in rail)])


def curate(
    home: HomeFile,
    everything: Sequence[Article],
    published: Sequence[Article],
    sections: Sequence[str],
    now: dt.datetime,
    problems: Problems,
) -> Curation:
    """Resolve the pins of `home` against the articles, reporting missing, ambiguous and
    unpublished ones; keep the pins and banner that hold at `now`."""
    finder = _Finder(everything, published, problems)
    taken: set[int] = set()

    def holding(pins: Iterable[Pin], limit: int) -> tuple[int, ...]:
        found: list[int] = []
        for pin in pins:
            index = finder.index_of(pin, now)
            if index is not None and index not in taken and len(found) < limit:
                found.append(index)
                taken.add(index)
        return tuple(found)

    lead = holding([home.lead] if home.lead else [], 1)
    top = holding(home.top, TOP_STORIES)
    pinned_rails = dict(home.rails)
    rails = {key: holding(pinned_rails[key], RAIL_SIZE) for key in sections if key in pinned_rails}
    banner = home.banner if home.banner is not None and home.banner.holds_at(now) else None
    return Curation(lead[0] if lead else None, top, {k: v for k, v in rails.items() if v}, banner)


class _Finder:
    """Looks pins up by name among every article; reports what cannot be pinned."""

    def __init__(
        self, everything: Sequence[Article], published: Sequence[Article], problems: Problems
    ) -> None:
        self.by_path = {a.path.rstrip("/"): a for a in everything}
        self.by_slug: dict[str, list[Article]] = {}
        for article in everything:
            self.by_slug.setdefault(article.slug, []).append(article)
        self.index = {a.source: i for i, a in enumerate(published)}
        self.problems = problems
        # articles whose file has errors are reported there; a pin to one is not a typo
        self.broken = {
            PurePosixPath(p.path).stem
            for p in problems.errors
            if p.path.startswith(f"{ARTICLES_DIR}/")
        }

    def index_of(self, pin: Pin, now: dt.datetime) -> int | None:
        """The site-order index of the pinned article while the pin holds, else None."""
        article = self._find(pin)
        if article is None:
            return None
        index = self.index.get(article.source)
        if index is None and pin.holds_at(now):
            self._unpublished(pin, article)
        return index if pin.holds_at(now) else None

    def _find(self, pin: Pin) -> Article | None:
        name = pin.article.strip("/")
        if "/" in name:
            found = [self.by_path[name]] if name in self.by_path else []
            choices: Iterable[str] = self.by_path
        else:
            found = self.by_slug.get(name, [])
            choices = self.by_slug
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            paths = ", ".join(sorted(a.path.rstrip("/") for a in found))
            self.problems.error(
                HOME_FILE,
                pin.line,
                f"'{name}' names {len(found)} articles: {paths}",
                "write section/slug to say which",
            )
        elif PurePosixPath(name).name not in self.broken:
            hint = did_you_mean(name, choices) or "name an article as section/slug or slug"
            self.problems.error(HOME_FILE, pin.line, f"no article '{name}' to pin", hint)
        return None

    def _unpublished(self, pin: Pin, article: Article) -> None:
        name = pin.article.strip("/")
        if article.draft:
            self.problems.warn(
                HOME_FILE,
                pin.line,
                f"'{name}' is a draft: the pin is ignored",
                "remove draft: true from the article to publish it",
            )
            return
        self.problems.warn(
            HOME_FILE,
            pin.line,
            f"'{name}' is dated after the build clock ({article.date.isoformat()}): "
            "the pin is ignored until it is published",
        )
