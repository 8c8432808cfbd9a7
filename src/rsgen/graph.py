"""The content graph: what is published, in what order, under which URL, and what relates.

Every relationship (section, tag and author listings, keep reading) is computed here, once.
Articles are referred to by their place in the site order (0 = newest); the checks that need
more than one file (unknown authors, clashing URLs, missing photos) live here too.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .config import RESERVED_SEGMENTS, Settings
from .content import Content, slugify
from .errors import Problems, did_you_mean
from .model import Article, Author, Page, Photo
from .related import RelatedIndex, keep_reading_for_all
from .templates import theme_static_files

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
) -> SiteGraph:
    """Link the parsed content into the published site, recording cross-file problems.

    `rank` computes every article's keep-reading list (a build passes one that remembers).
    """
    authors = _unique_authors(content.authors, problems)
    _check_authors(content.articles, authors, locate, problems)
    _check_photos(content, static_files, locate, problems)
    articles = tuple(
        sorted((a for a in content.articles if is_published(a, options)), key=order_key)
    )
    tags_of = tuple(tuple(slugify(t) for t in a.tags) for a in articles)
    related = RelatedIndex(tags_of, [a.section for a in articles])
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
        keep_reading=tuple(rank(related, settings.keep_reading)),
        related=related,
    )
    _check_outputs(graph, static_files, locate, problems)
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
    for source, photo in items:
        if photo is not None and not photo.is_remote and photo.src.lstrip("/") not in static_files:
            problems.error(
                source,
                locate(source, "photo", "src"),
                f"photo '{photo.src}' is not a file under static/",
                did_you_mean(photo.src.lstrip("/"), static_files),
            )


# files rsgen writes at the output root besides pages and feeds
OWN_FILES = {
    "sitemap.xml": "the sitemap",
    "news-sitemap.xml": "the news sitemap",
    "robots.txt": "robots.txt",
    "_redirects": "the redirects file",
}
# what rsgen's own outputs are, for messages ("… is a URL rsgen uses for the tag list")
OWN_PAGES = {
    "home": "the home page",
    "section": "a section index",
    "kind": "a kind index",
    "tags": "the tag list",
    "tag": "a tag page",
    "authors": "the author list",
    "author": "an author page",
    "404": "the 404 page",
}


@dataclass(frozen=True)
class Claim:
    """Who wants to write one output file: a content file (with the keys that say so) or rsgen."""

    what: str
    url: str
    source: str = ""
    keys: tuple[str | int, ...] = ()

    def where(self, locate: Locator) -> str:
        """`content/articles/x.md:7` (the line looked up only now), or a static file's path."""
        if not self.source.endswith(".md"):
            return self.source
        return f"{self.source}:{locate(self.source, *self.keys)}"


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


def _check_outputs(
    graph: SiteGraph, static_files: frozenset[str], locate: Locator, problems: Problems
) -> None:
    """No two things may write one output file, nor need a folder where the other is a file.

    rsgen's own pages, feeds and files are placed first; then pages, articles, static files
    and aliases claim theirs, each clash reported at the claim that came later.
    """
    files: dict[str, Claim] = {}
    folders: dict[str, Claim] = {}
    for output, claim in _own_outputs(graph, static_files):
        _place(output, claim, files, folders)
    for output, claim in _site_outputs(graph, static_files):
        other = _clash(output, files, folders)
        if other is None:
            _place(output, claim, files, folders)
            continue
        line = locate(claim.source, *claim.keys) if claim.source.endswith(".md") else 0
        if other.source:
            message = f"{claim.what} /{claim.url} is also the URL of {other.where(locate)}"
        else:
            message = f"{claim.what} /{claim.url} is a URL rsgen uses for {other.what}"
        problems.error(claim.source, line, message)


def _place(output: str, claim: Claim, files: dict[str, Claim], folders: dict[str, Claim]) -> None:
    files.setdefault(output, claim)
    parts = output.split("/")
    for end in range(1, len(parts)):
        folders.setdefault("/".join(parts[:end]), claim)


def _clash(output: str, files: dict[str, Claim], folders: dict[str, Claim]) -> Claim | None:
    """Who already has `output`, needs it as a folder, or has a file where it needs a folder."""
    if output in files:
        return files[output]
    if output in folders:
        return folders[output]
    parts = output.split("/")
    for end in range(1, len(parts)):
        prefix = "/".join(parts[:end])
        if prefix in files:
            return files[prefix]
    return None


def _own_outputs(graph: SiteGraph, static_files: frozenset[str]) -> Iterator[tuple[str, Claim]]:
    """Every file rsgen writes by itself: index pages, feeds, sitemaps, the theme's files."""
    from .pages import plan_pages  # pages.py plans from the graph, so it imports this module

    for spec in plan_pages(graph):
        if spec.kind in OWN_PAGES:
            yield spec.output, Claim(OWN_PAGES[spec.kind], spec.output)
    for reserved in sorted(r for r in RESERVED_SEGMENTS if "." not in r):
        yield f"{reserved}/index.html", Claim("its own pages", f"{reserved}/")
    feeds = ["feed.xml", *(f"{key}/feed.xml" for key in graph.by_section)]
    feeds += [f"authors/{key}/feed.xml" for key in graph.authors]
    feeds += [f"tags/{slug}/feed.xml" for slug in graph.tags]
    for output in [*feeds, "atom.xml"]:
        yield output, Claim("a feed", output)
    for output, label in OWN_FILES.items():
        yield output, Claim(label, output)
    for rel in sorted(theme_static_files() - static_files):
        yield rel, Claim("the theme's files", rel)


def planned_outputs(graph: SiteGraph, static_files: frozenset[str]) -> Iterator[str]:
    """Every output path a build of this graph writes (some twice, when they clash)."""
    for output, _ in (*_own_outputs(graph, static_files), *_site_outputs(graph, static_files)):
        yield output


def _site_outputs(graph: SiteGraph, static_files: frozenset[str]) -> Iterator[tuple[str, Claim]]:
    """Every file the site asks for, in order: a clash is blamed on the later one."""
    for page in graph.pages:
        yield f"{page.slug}/index.html", Claim("page URL", f"{page.slug}/", page.source)
    oldest_first = graph.articles[::-1]  # the article published first keeps its URL
    for article in oldest_first:
        yield (
            f"{article.path}index.html",
            Claim("article URL", article.path, article.source, ("slug",)),
        )
    for rel in sorted(static_files):
        yield rel, Claim("static file", rel, f"static/{rel}")
    for article in oldest_first:
        for i, alias in enumerate(article.aliases):
            path = alias.lstrip("/")
            output = path if path.endswith(".html") else f"{path}index.html"
            yield output, Claim("alias", path, article.source, ("aliases", i))
