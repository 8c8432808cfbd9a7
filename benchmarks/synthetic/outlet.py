"""The synthetic outlet as frozen records: its authors, tags and N articles, a function of (N, seed).

The statistics are those of the peer benchmark the published figures were first taken with,
so that figures stay comparable: 8 sections (weighted, the largest about 1.8 times the
smallest), 60 authors whose popularity falls off as Zipf(0.6), 1–3 authors an article
(75 / 20 / 5 %), 300 tags whose frequency falls off as Zipf(1.0), 2–6 tags an article, dates
uniform over 2020–2025 at a mix of UTC offsets, four kinds (analysis and news 35 % each,
opinion and reporting 15 %), photos as remote https URLs (nothing to ship or resize).

Every random stream is keyed by its purpose and index (`seed/article/17`), not drawn one after
another from a single stream, so article 17's title, date, section, authors and tags are the
same in a corpus of 50 and of 50,000 articles. Bodies are made in a second pass because their
links point at other articles of the same corpus (so a body does depend on N). The last day
of 2025 (UTC) is left without articles: a benchmark's "new article" dated then is the newest.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from .bodies import Body, write_body
from .prose import ADJECTIVES, AGENCIES, NOUNS, PREPOSITIONS, ROLES, Cast, Writer, plural, slugify

SITE_TITLE = "The Harbor Dispatch"
BASE_URL = "https://example.org/"
PER_PAGE = 20
KEEP_READING = 4
SECTIONS = (
    ("global-crises", "Global Crises"),
    ("asia-pacific", "Asia-Pacific"),
    ("latin-america", "Latin America"),
    ("europe", "Europe"),
    ("middle-east", "Middle East"),
    ("africa", "Africa"),
    ("military-industrial-complex", "Military Industrial Complex"),
    ("washington-politics", "Washington Politics"),
)
SECTION_WEIGHTS = (16, 14, 10, 14, 13, 9, 10, 14)
KINDS = (
    ("analysis", "Analysis"),
    ("news", "News"),
    ("opinion", "Opinion"),
    ("reporting", "Reporting"),
)
KIND_WEIGHTS = (35, 35, 15, 15)
AUTHOR_COUNT = 60
TAG_COUNT = 300
FIRST_INSTANT = datetime(2020, 1, 1, tzinfo=UTC)
LAST_INSTANT = datetime(2025, 12, 31, tzinfo=UTC)  # exclusive: 31 December is kept free
UTC_OFFSETS = (-5.0, -4.0, -3.0, 0.0, 1.0, 2.0, 3.0, 5.5, 8.0, 9.0)  # hours


@dataclass(frozen=True)
class Author:
    key: str  # the slug of the name, which is also what Pelican makes of it
    name: str
    role: str
    bio: str


@dataclass(frozen=True)
class Photo:
    src: str
    alt: str
    caption: str
    credit: str


@dataclass(frozen=True)
class Meta:
    """Everything about an article but its body."""

    index: int
    title: str
    slug: str
    date: datetime
    section: str
    kind: str
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    dek: str
    photo: Photo

    @property
    def url(self) -> str:
        return f"/{self.section}/{self.slug}/"


@dataclass(frozen=True)
class Article:
    meta: Meta
    body: Body


@dataclass(frozen=True)
class Outlet:
    seed: int
    authors: tuple[Author, ...]
    tags: tuple[str, ...]
    articles: tuple[Article, ...]


def zipf_cumulative(count: int, exponent: float) -> list[float]:
    """Cumulative weights of ranks 1..count under Zipf(exponent), for `Random.choices`."""
    return list(itertools.accumulate(1.0 / rank**exponent for rank in range(1, count + 1)))


def draw_authors(seed: int, cast: Cast) -> tuple[Author, ...]:
    rng = random.Random(f"{seed}/authors")
    writer = Writer(rng, cast)
    authors: dict[str, Author] = {}
    while len(authors) < AUTHOR_COUNT:
        name = writer.person()
        key = slugify(name)
        if key in authors:
            continue
        beat = f"{rng.choice(ADJECTIVES)} {plural(rng.choice(NOUNS))}"
        bio = f"{name} reports on {beat} from {writer.place()}. {writer.sentences(30)}"
        authors[key] = Author(key=key, name=name, role=rng.choice(ROLES), bio=bio)
    return tuple(authors.values())


def draw_tags(seed: int, cast: Cast) -> tuple[str, ...]:
    """Lower-case phrases with distinct slugs, most frequent first."""
    rng = random.Random(f"{seed}/tags")
    tags: dict[str, str] = {}
    while len(tags) < TAG_COUNT:
        roll = rng.random()
        if roll < 0.4:
            tag = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"
        elif roll < 0.7:
            tag = f"{rng.choice(NOUNS)} {plural(rng.choice(NOUNS))}"
        else:
            tag = rng.choice(cast.countries).lower()
        tags.setdefault(slugify(tag), tag)
    return tuple(tags.values())


class _Placer:
    """Draws each article's metadata; remembers slugs and instants so that both stay unique."""

    def __init__(
        self, seed: int, cast: Cast, authors: Sequence[Author], tags: Sequence[str]
    ) -> None:
        self.seed, self.cast, self.authors, self.tags = seed, cast, authors, tags
        self.slugs: set[str] = set()
        self.instants: set[int] = set()
        self.author_keys = [author.key for author in authors]
        self.author_weights = zipf_cumulative(len(authors), 0.6)
        self.tag_weights = zipf_cumulative(len(tags), 1.0)
        self.span = int((LAST_INSTANT - FIRST_INSTANT).total_seconds())

    def place(self, index: int) -> Meta:
        rng = random.Random(f"{self.seed}/article/{index}")
        writer = Writer(rng, self.cast)
        title = writer.title()
        slug = self._unique_slug(slugify(" ".join(title.split()[:8])))
        date = self._unique_date(rng)
        section = rng.choices(SECTIONS, weights=SECTION_WEIGHTS)[0][0]
        kind = rng.choices(KINDS, weights=KIND_WEIGHTS)[0][0]
        bylines = rng.choices((1, 2, 3), weights=(75, 20, 5))[0]
        authors = self._distinct(rng, self.author_keys, self.author_weights, bylines)
        tags = self._distinct(rng, list(self.tags), self.tag_weights, rng.randint(2, 6))
        dek = writer.sentence()
        while not 8 <= len(dek.split()) <= 30:
            dek = writer.sentence()
        photo = Photo(
            src=f"https://images.example.org/{date.year}/{slug}.jpg",
            alt=f"{writer.noun_phrase().capitalize()} {rng.choice(PREPOSITIONS)} {writer.place()}",
            caption=writer.sentence(),
            credit=f"{writer.person()}/{rng.choice(AGENCIES)}",
        )
        return Meta(index, title, slug, date, section, kind, authors, tags, dek, photo)

    def _unique_slug(self, base: str) -> str:
        slug = base
        for suffix in itertools.count(2):
            if slug not in self.slugs:
                break
            slug = f"{base}-{suffix}"
        self.slugs.add(slug)
        return slug

    def _unique_date(self, rng: random.Random) -> datetime:
        while (second := rng.randrange(self.span)) in self.instants:
            pass
        self.instants.add(second)
        hours = rng.choice(UTC_OFFSETS)
        zone = timezone(timedelta(hours=hours))
        return (FIRST_INSTANT + timedelta(seconds=second)).astimezone(zone)

    @staticmethod
    def _distinct(
        rng: random.Random, items: list[str], weights: list[float], count: int
    ) -> tuple[str, ...]:
        chosen: list[str] = []
        while len(chosen) < count:
            item = rng.choices(items, cum_weights=weights)[0]
            if item not in chosen:
                chosen.append(item)
        return tuple(chosen)


def make_outlet(count: int, seed: int) -> Outlet:
    """The outlet of `count` articles for `seed`: the same records on every call."""
    cast = Cast.draw(seed)
    authors = draw_authors(seed, cast)
    tags = draw_tags(seed, cast)
    placer = _Placer(seed, cast, authors, tags)
    metas = [placer.place(index) for index in range(count)]
    targets = [meta.url for meta in metas]
    articles = []
    for meta in metas:
        rng = random.Random(f"{seed}/body/{meta.index}")
        body = write_body(Writer(rng, cast), targets, meta.index)
        articles.append(Article(meta, body))
    return Outlet(seed=seed, authors=authors, tags=tags, articles=tuple(articles))
