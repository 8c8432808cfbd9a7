"""Knowing, before reading anything, that a build would write exactly what is already there.

The output is a function of the site's files, rsgen's own theme and version, the build options,
and the clock. The clock only matters through the day (dates in sitemaps and empty feeds, the
year in the footer), which articles are published, which are in the news sitemap's two-day
window, which live-blog updates are due, and which of the editors' pins and banner
(content/home.yaml) have passed their `until`. So when every input file has the size and mtime
it had last time, the options are the same, and the clock moves no article across either
line, no update across its time and passes no `until`, the previous output stands.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from zoneinfo import ZoneInfo

from rsgen.base.cache import RACY_NS
from rsgen.base.digests import digest
from rsgen.base.errors import Problem
from rsgen.base.folders import INPUT_FOLDERS, SETTINGS_FILE, STATIC_DIR, TEMPLATES_DIR
from rsgen.content import Article
from rsgen.publish import NEWS_WINDOW


@dataclass(frozen=True)
class Timeline:
    """When each article (date, draft) and each live update (article, time) sits in time,
    and when the editors' pins and banner end (content/home.yaml's `until`s), to see what a
    new clock would change; `zone` is the site's timezone, to say when the next change comes."""

    dates: tuple[tuple[float, bool], ...]
    untils: tuple[float, ...] = ()
    zone: str = "UTC"
    updates: tuple[tuple[str, float], ...] = ()

    @classmethod
    def of(
        cls, articles: Iterable[Article], untils: Iterable[dt.datetime] = (), zone: str = "UTC"
    ) -> Timeline:
        articles = list(articles)
        dates = tuple(sorted((a.date.timestamp(), a.draft) for a in articles))
        updates = tuple(sorted(_update_times(articles)))
        return cls(dates, tuple(sorted(u.timestamp() for u in untils)), zone, updates)

    def with_updates(self, articles: Iterable[Article]) -> Timeline:
        """The same timeline with these (edited) articles' updates as they are now."""
        articles = list(articles)
        edited = {a.source for a in articles}
        kept = [(source, when) for source, when in self.updates if source not in edited]
        return replace(self, updates=tuple(sorted([*kept, *_update_times(articles)])))

    def state(self, now: dt.datetime, drafts: bool, future: bool) -> str:
        """What of the output depends on `now`: the day, the published and the recent
        articles, the live updates due, and which pins and banner have expired (the home
        page and, for the banner, every page change when one does)."""
        moment = now.timestamp()
        since = (now - NEWS_WINDOW).timestamp()
        published = [
            (drafts or not draft) and (future or when <= moment) for when, draft in self.dates
        ]
        recent = [since <= when <= moment for when, _ in self.dates]
        expired = [until <= moment for until in self.untils]
        due = [future or when <= moment for _, when in self.updates]
        return digest(
            now.date().isoformat(), repr(published), repr(recent), repr(expired), repr(due)
        )

    def next_scheduled(self, now: dt.datetime, drafts: bool, future: bool) -> dt.datetime | None:
        """When the next article this build leaves out for its date comes due (None: none)."""
        moment = now.timestamp()
        due = [when for when, draft in self.dates if when > moment and (drafts or not draft)]
        return self._local(min(due)) if due and not future else None

    def next_expiry(self, now: dt.datetime) -> dt.datetime | None:
        """When the next pin or banner of content/home.yaml ends (None: none to come)."""
        moment = now.timestamp()
        return next((self._local(u) for u in self.untils if u > moment), None)

    def _local(self, timestamp: float) -> dt.datetime:
        return dt.datetime.fromtimestamp(timestamp, ZoneInfo(self.zone))


def _update_times(articles: Iterable[Article]) -> Iterator[tuple[str, float]]:
    for article in articles:
        for update in article.body.updates:
            yield article.source, update.time.timestamp()


Stamps = dict[str, tuple[int, int]]  # input file → (size, mtime in ns)


@dataclass(frozen=True)
class Inputs:
    """The stamps of every file a build reads, and which of them are too recent to vouch for
    their content: an edit in the same clock tick could keep the mtime (git's "racily clean"
    rule), so such a file must be read again next time."""

    stamps: Stamps
    racy: frozenset[str]

    @classmethod
    def scan(cls, site: Path, theme: Path) -> Inputs:
        stamps = dict(_stamps(site, theme))
        recent = time.time_ns() - RACY_NS
        return cls(stamps, frozenset(rel for rel, (_, mtime) in stamps.items() if mtime >= recent))

    def changed_since(self, before: Inputs) -> set[str]:
        """Files added, removed or touched since `before`, and those it could not vouch for."""
        names = self.stamps.keys() | before.stamps.keys()
        moved = {rel for rel in names if self.stamps.get(rel) != before.stamps.get(rel)}
        return moved | before.racy | self.racy


@dataclass(frozen=True)
class BuildState:
    """What the last build into one output folder read and wrote."""

    inputs: Inputs
    options: str
    clock: str
    timeline: Timeline
    outputs: tuple[str, ...]
    pages: int
    warnings: tuple[Problem, ...]
    snapshot: str = ""  # the generation of the snapshot saved with it (patch.py)


def _stamps(site: Path, theme: Path) -> Iterator[tuple[str, tuple[int, int]]]:
    roots = [(site / folder, folder) for folder in INPUT_FOLDERS]
    roots += [(theme / folder, f"(theme)/{folder}") for folder in (TEMPLATES_DIR, STATIC_DIR)]
    for root, label in roots:
        for path, stat in _walk(root):
            yield f"{label}/{path}", (stat.st_size, stat.st_mtime_ns)
    with contextlib.suppress(OSError):
        stat = os.stat(site / SETTINGS_FILE)
        yield SETTINGS_FILE, (stat.st_size, stat.st_mtime_ns)


def _walk(root: Path) -> Iterator[tuple[str, os.stat_result]]:
    if not root.is_dir():
        return
    prefix = len(str(root)) + 1
    stack = [str(root)]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                elif entry.is_file(follow_symlinks=False) or entry.is_symlink():
                    # a link made or removed is a change too (it may lead out of the site)
                    yield entry.path[prefix:], entry.stat(follow_symlinks=False)


def outputs_present(output: Path, outputs: Iterable[str]) -> bool:
    """Every file the last build wrote is still in the output folder."""
    root = f"{output}/"
    return all(os.path.isfile(root + rel) for rel in outputs)
