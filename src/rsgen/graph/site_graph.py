"""The content graph: what is published, in what order, under which URL, and what relates.

Every relationship (section, tag and author listings, keep reading) is computed here, once.
Articles are referred to by their place in the site order (0 = newest); the checks that need
more than one file (unknown authors, clashing URLs, missing photos) live here too.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rsgen.base.errors import Problems, did_you_mean
from rsgen.content import Article, Author, Content, HomeFile, Page, Photo, slugify
from rsgen.graph.curation import Curation, curate
from rsgen.graph.references import check_related, targets_of
from rsgen.graph.related import RelatedIndex, keep_reading_for_all
from rsgen.graph.series import SeriesEntry, check_series_keys, link_series, series_first
from rsgen.settings import Settings

Ranker = Callable[[RelatedIndex, int], list[tuple[int, ...]]]
# (source path, front-matter keys) -> line; lets the graph point at a line without reading files
Locator = Callable[..., int]


@dataclass(frozen=True)
class BuildOptions:
    """What a build includes and when it thinks it is."""

    now: dt.datetime
    drafts: bool = False
    future: bool = False


@dataclass(frozen=True)
class Tag:
    """A tag: its URL slug, the name shown, and its articles (site-order indexes)."""

    slug: str
    name: str
    articles: tuple[int, ...]


@dataclass(frozen=True)
class SiteGraph:
    """The published site as one value; templates see it through `render/views.py`."""

    settings: Settings
    now: dt.datetime
    articles: tuple[Article, ...]
    authors: dict[str, Author]
    pages: tuple[Page, ...]
    tags: dict[str, Tag]
    tags_of: tuple[tuple[str, ...], ...]
    by_section: dict[str, tuple[int, ...]]
    by_author: dict[str, tuple[int, ...]]
    by_kind: dict[str, tuple[int, ...]]
    keep_reading: tuple[tuple[int, ...], ...]
    related: RelatedIndex = field(repr=False, compare=False)
    home: Curation = field(default_factory=Curation)  # the editors' pins and banner in force
    series: dict[str, SeriesEntry] = field(default_factory=dict)  # with a published part
    targets: dict[str, int] = field(default_factory=dict)  # `section/slug` and `slug` → index
    future: bool = False  # --future: live updates dated after the clock are shown too

    def shows_update(self, when: dt.datetime) -> bool:
        """A live update is shown once the build clock reaches its time (or with --future)."""
        return self.future or when <= self.now


def order_key(article: Article) -> tuple[float, str]:
    """Newest first; ties by URL path, so every run agrees."""
    return (-article.date.timestamp(), article.path)


def is_published(article: Article, options: BuildOptions) -> bool:
    """Drafts need --drafts; articles dated after the build clock need --future."""
    if article.draft and not options.drafts:
        return False
    return options.future or article.date <= options.now


def build_graph(
    content: Content,
    settings: Settings,
    options: BuildOptions,
    static_files: frozenset[str],
    locate: Locator,
    problems: Problems,
    rank: Ranker = keep_reading_for_all,
    home: HomeFile | None = None,
) -> SiteGraph:
    """Link the parsed content into the published site, recording cross-file problems.

    `rank` computes every article's keep-reading list (a build passes one that remembers);
    `home` is content/home.yaml, whose pins are looked up among every article.
    """
    authors = _unique_authors(content.authors, problems)
    _check_authors(content.articles, authors, locate, problems)
    _check_photos(content, static_files, locate, problems)
    check_series_keys(content.articles, content.series, locate, problems)
    articles = tuple(
        sorted((a for a in content.articles if is_published(a, options)), key=order_key)
    )
    targets = targets_of(articles)
    bodies = [(a.source, a.body, is_published(a, options)) for a in content.articles]
    bodies += [(p.source, p.body, True) for p in content.pages]
    bodies += [(s.source, s.intro, True) for s in content.series]
    check_related(bodies, content.articles, targets, problems)
    tags_of = tuple(tuple(slugify(t) for t in a.tags) for a in articles)
    related = RelatedIndex(tags_of, [a.section for a in articles])
    series = link_series(content.series, articles)
    ranked = rank(related, settings.keep_reading)
    graph = SiteGraph(
        settings=settings,
        now=options.now,
        articles=articles,
        authors=dict(sorted(authors.items(), key=lambda kv: (kv[1].name.casefold(), kv[0]))),
        pages=tuple(sorted(content.pages, key=lambda p: p.slug)),
        tags=_tags(articles, tags_of),
        tags_of=tags_of,
        by_section=_group(articles, settings.section_keys, lambda a: (a.section,)),
        by_author=_group(articles, authors, lambda a: a.authors),
        by_kind=_group(articles, [kind for kind, _ in settings.kinds], lambda a: (a.kind,)),
        keep_reading=series_first(ranked, articles, series, settings.keep_reading),
        related=related,
        home=curate(
            home or HomeFile(),
            content.articles,
            articles,
            settings.section_keys,
            options.now,
            problems,
        ),
        series=series,
        targets=targets,
        future=options.future,
    )
    return graph


def _group(
    articles: tuple[Article, ...],
    keys: Iterable[str],
    keys_of: Callable[[Article], Iterable[str]],
) -> dict[str, tuple[int, ...]]:
    """The site-order indexes of the articles under each key, in the order of `keys`."""
    found: dict[str, list[int]] = {key: [] for key in keys}
    for index, article in enumerate(articles):
        for key in keys_of(article):
            if key in found:
                found[key].append(index)
    return {key: tuple(members) for key, members in found.items()}


def _tags(articles: tuple[Article, ...], tags_of: tuple[tuple[str, ...], ...]) -> dict[str, Tag]:
    """Tags by slug, alphabetical; the name shown is the spelling used most (then the first)."""
    spellings: dict[str, Counter[str]] = {}
    members: dict[str, list[int]] = {}
    for index, (article, slugs) in enumerate(zip(articles, tags_of, strict=True)):
        for name, slug in zip(article.tags, slugs, strict=True):
            spellings.setdefault(slug, Counter())[name] += 1
            members.setdefault(slug, []).append(index)
    return {
        slug: Tag(
            slug,
            min(spellings[slug].items(), key=lambda kv: (-kv[1], kv[0]))[0],
            tuple(members[slug]),
        )
        for slug in sorted(members)
    }


def _check_authors(
    articles: Iterable[Article], authors: dict[str, Author], locate: Locator, problems: Problems
) -> None:
    for article in articles:
        for position, key in enumerate(article.authors):
            if key not in authors:
                # the article wrote either `authors: [...]` or `author: key`; the one present wins
                line = max(
                    locate(article.source, "authors", position), locate(article.source, "author")
                )
                hint = did_you_mean(key, authors) or f"add content/authors/{key}.md"
                problems.error(article.source, line, f"unknown author '{key}'", hint)


def _check_photos(
    content: Content, static_files: frozenset[str], locate: Locator, problems: Problems
) -> None:
    items: list[tuple[str, Photo | None]] = [(a.source, a.photo) for a in content.articles]
    items += [(a.source, a.photo) for a in content.authors]
    items += [(s.source, s.photo) for s in content.series]
    for source, photo in items:
        if photo is not None and not photo.is_remote and photo.src.lstrip("/") not in static_files:
            problems.error(
                source,
                locate(source, "photo", "src"),
                f"photo '{photo.src}' is not a file under static/",
                did_you_mean(photo.src.lstrip("/"), static_files),
            )


def _unique_authors(authors: Iterable[Author], problems: Problems) -> dict[str, Author]:
    """Authors by key; two files with one key (in different folders) are an error."""
    found: dict[str, Author] = {}
    for author in authors:
        if author.key in found:
            problems.error(
                author.source,
                1,
                f"author key '{author.key}' is also the file name of {found[author.key].source}",
                "author keys are file names, so they must differ",
            )
            continue
        found[author.key] = author
    return found
