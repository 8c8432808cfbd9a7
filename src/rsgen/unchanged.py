"""Knowing, before reading anything, that a build would write exactly what is already there.

The output is a function of the site's files, rsgen's own theme and version, the build options,
and the clock. The clock only matters through the day (dates in sitemaps and empty feeds, the
year in the footer), which articles are published and which are in the news sitemap's
two-day window. So when every input file has the size and mtime it had last time, the options
are the same, and the clock moves no article across either line, the previous output stands.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .digests import digest
from .errors import Problem
from .model import Article

NEWS_WINDOW = dt.timedelta(days=2)  # the news sitemap's window (sitemaps.py)
RACY_NS = 2_000_000_000  # coarser file systems keep mtimes to 2 s
INPUT_FOLDERS = ("content", "templates", "static")


@dataclass(frozen=True)
class Timeline:
    """When each article (date, draft) sits in time, to see what a new clock would change."""

    dates: tuple[tuple[float, bool], ...]

    @classmethod
    def of(cls, articles: Iterable[Article]) -> Timeline:
        return cls(tuple(sorted((a.date.timestamp(), a.draft) for a in articles)))

    def state(self, now: dt.datetime, drafts: bool, future: bool) -> str:
        """What of the output depends on `now`: the day, the published and the recent articles."""
        moment = now.timestamp()
        since = (now - NEWS_WINDOW).timestamp()
        published = [
            (drafts or not draft) and (future or when <= moment) for when, draft in self.dates
        ]
        recent = [since <= when <= moment for when, _ in self.dates]
        return digest(now.date().isoformat(), repr(published), repr(recent))


@dataclass(frozen=True)
class BuildState:
    """What the last build into one output folder read and wrote."""

    inputs: str
    clock: str
    timeline: Timeline
    outputs: tuple[str, ...]
    pages: int
    warnings: tuple[Problem, ...]


def input_stamp(site: Path, theme: Path, settings_text: str, options: str) -> str:
    """Size and mtime of every file a build reads, with the options and rsgen's version.

    Empty when a file changed within the last RACY_NS: an edit in the same clock tick could
    keep its mtime, so such a stamp cannot vouch for anything (git's "racily clean" rule).
    """
    rows = []
    recent = time.time_ns() - RACY_NS
    for rel, size, mtime in _stamps(site, theme):
        if mtime >= recent:
            return ""
        rows.append(f"{rel}\0{size}\0{mtime}")
    return digest(__version__, settings_text, options, *rows)


def _stamps(site: Path, theme: Path) -> Iterator[tuple[str, int, int]]:
    roots = [(site / folder, folder) for folder in INPUT_FOLDERS]
    roots += [(theme / folder, f"(theme)/{folder}") for folder in ("templates", "static")]
    for root, label in roots:
        for path, stat in sorted(_walk(root)):
            yield f"{label}/{path}", stat.st_size, stat.st_mtime_ns


def _walk(root: Path) -> Iterator[tuple[str, os.stat_result]]:
    if not root.is_dir():
        return
    stack = [root]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
                elif entry.is_file(follow_symlinks=False):
                    yield os.path.relpath(entry.path, root), entry.stat(follow_symlinks=False)


def outputs_present(output: Path, outputs: Iterable[str]) -> bool:
    """Every file the last build wrote is still in the output folder."""
    return all(os.path.isfile(output / rel) for rel in outputs)
