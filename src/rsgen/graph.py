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

from .config import RESERVED_SEGMENTS, Settings
from .content import Content, slugify
from .errors import Problems, did_you_mean
from .model import Article, Author, Page, Photo
from .related import RelatedIndex, keep_reading_for_all

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
    """The published site as one value; templates see it through `views.py`."""

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

    def index_of(self, source: str) -> int:
        """An article's place in the site order, by its source path."""
        return next(i for i, a in enumerate(self.articles) if a.source == source)


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
) -> SiteGraph:
    """Link the parsed content into the published site, recording cross-file problems."""
    authors = {a.key: a for a in content.authors}
    _check_authors(content.articles, authors, locate, problems)
    _check_photos(content, static_files, locate, problems)
    articles = tuple(
        sorted((a for a in content.articles if is_published(a, options)), key=order_key)
    )
    _check_urls(articles, content.pages, settings, locate, problems)
    tags_of = tuple(tuple(slugify(t) for t in a.tags) for a in articles)
    related = RelatedIndex(tags_of, [a.section for a in articles])
    return SiteGraph(
        settings=settings,
        now=options.now,
        articles=articles,
        authors=dict(sorted(authors.items(), key=lambda kv: (kv[1].name.casefold(), kv[0]))),
        pages=tuple(sorted(content.pages, key=lambda p: p.slug)),
        tags=_tags(articles, tags_of),
        tags_of=tags_of,
        by_section={
            s.key: _where(articles, lambda a, k=s.key: a.section == k) for s in settings.sections
        },
        by_author={key: _where(articles, lambda a, k=key: k in a.authors) for key in authors},
        by_kind={
            kind: _where(articles, lambda a, k=kind: a.kind == k) for kind, _ in settings.kinds
        },
        keep_reading=tuple(keep_reading_for_all(related, settings.keep_reading)),
        related=related,
    )


def _where(articles: tuple[Article, ...], keep: Callable[[Article], bool]) -> tuple[int, ...]:
    return tuple(i for i, a in enumerate(articles) if keep(a))


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
    for source, photo in items:
        if photo is not None and not photo.is_remote and photo.src.lstrip("/") not in static_files:
            problems.error(
                source,
                locate(source, "photo", "src"),
                f"photo '{photo.src}' is not a file under static/",
                did_you_mean(photo.src.lstrip("/"), static_files),
            )


def _check_urls(
    articles: tuple[Article, ...],
    pages: tuple[Page, ...],
    settings: Settings,
    locate: Locator,
    problems: Problems,
) -> None:
    """No two things may claim one URL: articles, pages, sections, aliases, rsgen's own paths."""
    owners: dict[str, tuple[str, tuple[str | int, ...]]] = {}
    taken = {f"{s.key}/" for s in settings.sections} | {f"{r}/" for r in RESERVED_SEGMENTS}

    def claim(path: str, source: str, keys: tuple[str | int, ...], what: str) -> None:
        # lines are looked up only for a clash: finding one means reading the file again
        if path in owners:
            other, other_keys = owners[path]
            where = f"{other}:{locate(other, *other_keys)}"
            problems.error(
                source, locate(source, *keys), f"{what} /{path} is also the URL of {where}"
            )
        elif path in taken:
            problems.error(
                source,
                locate(source, *keys),
                f"{what} /{path} is a URL rsgen uses for an index page",
            )
        else:
            owners[path] = (source, keys)

    for page in pages:
        claim(f"{page.slug}/", page.source, (), "page URL")
    for article in articles:
        claim(article.path, article.source, ("slug",), "article URL")
    for article in articles:
        for i, alias in enumerate(article.aliases):
            claim(alias.lstrip("/"), article.source, ("aliases", i), "alias")
