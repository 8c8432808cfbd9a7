"""The content model: frozen records read from the site's files.

Records refer to each other by key (an article names its section and authors by key); the
relationships between them are worked out in one place, the graph (`rsgen.graph`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rsgen.base.urls import is_local_path

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
class Embed:
    """A post, video, recording, chart or document of another site, shown in a body.

    Everything here comes from the URL alone: nothing is fetched, so a build stays a function
    of its files. `frame` is the address the reader's browser loads (an iframe's `src`, or the
    player a video facade turns into); `link` is where a reader without it goes."""

    provider: str  # "YouTube"
    kind: str  # "video", "post", "audio", "chart" or "document"
    url: str  # as written
    link: str  # the provider's page for it
    frame: str  # "" for posts (X, Bluesky): they are quotes, never frames
    title: str  # the iframe's or facade's title, unique within the body
    height: int  # the iframe's height in CSS pixels before the provider reports its own
    what: str = ""  # what it is, from the URL: "video", "post by @user", "episode", "chart"
    caption_html: str = ""
    line: int = 0  # file line

    @property
    def needs_script(self) -> bool:
        """A video facade, or a chart that reports its height, needs the theme's script."""
        return self.kind == "video" or self.provider in ("Datawrapper", "Flourish")


@dataclass(frozen=True)
class Figure:
    """An image alone in its paragraph: a figure, its title the caption."""

    src: str
    alt: str
    caption: str
    line: int = 0

    @property
    def is_local(self) -> bool:
        """A file under static/ (which gets responsive sizes), not another site's image."""
        return is_local_path(self.src)


@dataclass(frozen=True)
class RelatedRef:
    """A `::: related` box: the article it names (`section/slug` or `slug`), resolved by the
    graph, and what the writer put inside (a note shown under the title)."""

    target: str
    note_html: str = ""
    line: int = 0


@dataclass(frozen=True)
class UpdatesHere:
    """Where a live blog's updates are shown: at the first `::: update` block."""


Slot = Embed | Figure | RelatedRef | UpdatesHere


@dataclass(frozen=True)
class Update:
    """One `::: update TIME` block of a live blog."""

    time: dt.datetime
    anchor: str  # "update-2026-07-06t1405"
    html: str  # may hold slot markers, like the body's
    text: str  # plain text, for structured data
    line: int = 0


@dataclass(frozen=True)
class Body:
    """Markdown rendered once: the full HTML, the excerpt and the teaser's "keep reading" part.

    What only the graph, the photos or the clock can finish (a related box, a figure's sizes,
    an embed, which live updates are due) is left in `html` as a marker, `\\x00N\\x00`, naming
    `slots[N]`: `rsgen.render` fills them in per page (and differently in feeds). No content
    file can hold a NUL character, so no marker is ever a writer's text.
    """

    html: str
    excerpt_html: str
    excerpt_text: str
    more_html: str
    words: int
    links: tuple[tuple[str, int], ...] = ()  # (href, file line) of every link, for `rsgen check`
    slots: tuple[Slot, ...] = ()
    updates: tuple[Update, ...] = ()  # a live blog's, newest first

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.words / WORDS_PER_MINUTE))

    @property
    def related(self) -> tuple[RelatedRef, ...]:
        return tuple(s for s in self.slots if isinstance(s, RelatedRef))

    @property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(s for s in self.slots if isinstance(s, Figure))

    @property
    def local_images(self) -> tuple[str, ...]:
        """The files under static/ that figures show (they get responsive sizes)."""
        return tuple(dict.fromkeys(f.src for f in self.figures if f.is_local))

    @property
    def embeds(self) -> tuple[Embed, ...]:
        return tuple(s for s in self.slots if isinstance(s, Embed))


@dataclass(frozen=True)
class LiveCoverage:
    """`live: {start, end}`: an article covering events as they happen, in updates."""

    start: dt.datetime
    end: dt.datetime | None = None


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
    series: str = ""  # the key of content/series/KEY.md
    live: LiveCoverage | None = None
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
class Series:
    """A run of articles published in parts; `key` is the file name under content/series/."""

    source: str
    key: str
    title: str
    intro: Body
    description: str = ""
    photo: Photo | None = None
    digest: str = field(default="", repr=False)  # of the file, set by the loader


@dataclass(frozen=True)
class Content:
    """Everything under content/, parsed; drafts and future articles are still here."""

    articles: tuple[Article, ...]
    authors: tuple[Author, ...]
    pages: tuple[Page, ...]
    series: tuple[Series, ...] = ()
