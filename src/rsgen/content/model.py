"""The content model: frozen records read from the site's files.

Records refer to each other by key (an article names its section and authors by key); the
relationships between them are worked out in one place, the graph (`rsgen.graph`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

WORDS_PER_MINUTE = 230


@dataclass(frozen=True)
class Photo:
    """A picture with the words that must travel with it."""

    src: str
    alt: str
    caption: str = ""
    credit: str = ""

    @property
    def is_remote(self) -> bool:
        return self.src.startswith("https://")


@dataclass(frozen=True)
class Body:
    """Markdown rendered once: the full HTML, the excerpt and the teaser's "keep reading" part."""

    html: str
    excerpt_html: str
    excerpt_text: str
    more_html: str
    words: int
    links: tuple[tuple[str, int], ...] = ()  # (href, file line) of every link, for `rsgen check`

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.words / WORDS_PER_MINUTE))


@dataclass(frozen=True)
class Article:
    """One article as its file describes it; `source` (path in the site) is its identity."""

    source: str
    slug: str
    title: str
    date: dt.datetime
    section: str
    kind: str
    authors: tuple[str, ...]
    body: Body
    dek: str = ""
    updated: dt.datetime | None = None
    date_only: bool = False
    tags: tuple[str, ...] = ()
    photo: Photo | None = None
    summary: str = ""
    draft: bool = False
    featured: bool = False
    aliases: tuple[str, ...] = ()
    correction: str = ""
    canonical: str = ""
    id: str = ""  # the permanent id in feeds (RSS guid, Atom id); "" means the URL
    # set by the loader: a hash of the whole file, and one of what its teaser shows (no body)
    digest: str = field(default="", repr=False)
    teaser_digest: str = field(default="", repr=False)

    @property
    def path(self) -> str:
        """The article's path below the site root: `section/slug/`."""
        return f"{self.section}/{self.slug}/"

    @property
    def modified(self) -> dt.datetime:
        return self.updated or self.date


@dataclass(frozen=True)
class Author:
    """A writer; `key` is the file name under content/authors/."""

    source: str
    key: str
    name: str
    bio: Body
    role: str = ""
    photo: Photo | None = None
    links: tuple[tuple[str, str], ...] = ()
    digest: str = field(default="", repr=False)  # of the file, set by the loader


@dataclass(frozen=True)
class Page:
    """A stand-alone page such as About or Newsletter, at `/{slug}/`."""

    source: str
    slug: str
    title: str
    body: Body
    description: str = ""
    digest: str = field(default="", repr=False)  # of the file, set by the loader


@dataclass(frozen=True)
class Content:
    """Everything under content/, parsed; drafts and future articles are still here."""

    articles: tuple[Article, ...]
    authors: tuple[Author, ...]
    pages: tuple[Page, ...]
