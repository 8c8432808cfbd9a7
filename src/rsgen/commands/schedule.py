"""`rsgen schedule`: the articles dated after the build clock, soonest first.

One line per article — its time in the site's timezone, its URL, its title — so an editor
sees what goes out when, and a CI job can read the first line to time its next build. A
draft is never published, whatever its date, so it is not scheduled: it is counted apart.
The site is read and checked as a build reads it; a site with errors lists no schedule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from rsgen.base.cache import Cache
from rsgen.build import load_site
from rsgen.content import default_jobs
from rsgen.graph import BuildOptions


@dataclass(frozen=True)
class Scheduled:
    """One article waiting for its date."""

    when: dt.datetime  # in the site's timezone
    url: str
    title: str


@dataclass(frozen=True)
class Schedule:
    """What the build clock leaves out for its date, soonest first."""

    now: dt.datetime  # the build clock, in the site's timezone
    articles: tuple[Scheduled, ...]
    drafts: int  # drafts dated after the clock: not scheduled until draft: true goes

    def lines(self) -> list[str]:
        """What `rsgen schedule` prints: an article a line, or one line saying there is none."""
        if not self.articles:
            return [f"Nothing is scheduled after {clock_text(self.now)}."]
        return [f"{clock_text(a.when)}  {a.url}  {a.title}" for a in self.articles]


def schedule(site: Path, options: BuildOptions, base_url: str = "") -> Schedule:
    """The articles dated after `options.now`; raise SiteError when the site has errors."""
    published_only = replace(options, drafts=False, future=False)
    cache = Cache(site, read_only=True)  # what builds parsed; nothing written
    loaded = load_site(site, published_only, base_url, cache=cache, jobs=default_jobs())
    settings = loaded.settings
    later = [a for a in loaded.content.articles if a.date > options.now]
    due = sorted((a for a in later if not a.draft), key=lambda a: (a.date, a.path))
    articles = tuple(
        Scheduled(a.date.astimezone(settings.zone), settings.base_url + a.path, a.title)
        for a in due
    )
    drafts = sum(1 for a in later if a.draft)
    return Schedule(options.now.astimezone(settings.zone), articles, drafts)


def clock_text(when: dt.datetime) -> str:
    """`2026-07-07 09:00 EDT`: a moment as editors read it, in the timezone it carries."""
    return when.strftime("%Y-%m-%d %H:%M %Z").rstrip()
