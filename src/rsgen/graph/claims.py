"""URL claims: no two things may write one output file, nor need a folder where another is a file.

Run right after the graph is linked: rsgen's own pages, feeds and files are placed first;
then stand-alone pages, articles, static files and aliases claim theirs, each clash reported
at the claim that came later (the article published first keeps its URL).

Paths are compared without letter case: on the disks of macOS and Windows, and on hosts that
serve from them, `About/index.html` and `about/index.html` are one file, so an alias or a
static file differing only in case would overwrite a page there.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rsgen.base.errors import Problems
from rsgen.base.folders import theme_static_files
from rsgen.graph.plan import SERIES, plan_pages
from rsgen.graph.site_graph import Locator, SiteGraph
from rsgen.settings import RESERVED_SEGMENTS

# files rsgen writes at the output root besides pages and feeds
OWN_FILES = {
    "sitemap.xml": "the sitemap",
    "news-sitemap.xml": "the news sitemap",
    "robots.txt": "robots.txt",
    "latest.json": "the list of the latest articles",
    "_redirects": "the redirects file",
    "_headers": "the headers file",
    ".rsgen-output": "the mark of its output folders",
}
# folders whose every file is rsgen's (the search index; responsive images, render/images.py)
OWN_FOLDERS = {"pagefind": "the search index", "images/_r": "the responsive images"}
# what rsgen's own outputs are, for messages ("… is a URL rsgen uses for the tag list")
OWN_PAGES = {
    "home": "the home page",
    "section": "a section index",
    "kind": "a kind index",
    "tags": "the tag list",
    "tag": "a tag page",
    "authors": "the author list",
    "author": "an author page",
    "series-list": "the series list",
    "series": "a series page",
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


def check_url_claims(
    graph: SiteGraph, static_files: frozenset[str], locate: Locator, problems: Problems
) -> None:
    """No two things may write one output file, nor need a folder where the other is a file.

    rsgen's own pages, feeds and files are placed first; then pages, articles, static files
    and aliases claim theirs, each clash reported at the claim that came later.
    """
    files: dict[str, tuple[str, Claim]] = {}
    folders: dict[str, tuple[str, Claim]] = {}
    for output, claim in _own_outputs(graph, static_files):
        _place(output, claim, files, folders)
    for output, claim in _site_outputs(graph, static_files):
        found = _clash(output, files, folders)
        if found is None:
            _place(output, claim, files, folders)
            continue
        theirs, other = found
        line = locate(claim.source, *claim.keys) if claim.source.endswith(".md") else 0
        if other.source:
            message = f"{claim.what} /{claim.url} is also the URL of {other.where(locate)}"
        else:
            message = f"{claim.what} /{claim.url} is a URL rsgen uses for {other.what}"
        hint = ""
        if theirs != output and theirs.casefold() == output.casefold():
            hint = f"/{theirs} differs only in letter case: one file on macOS and Windows disks"
        problems.error(claim.source, line, message, hint)


Placed = dict[str, tuple[str, Claim]]  # case-folded path → the path as claimed, and by whom


def _place(output: str, claim: Claim, files: Placed, folders: Placed) -> None:
    files.setdefault(output.casefold(), (output, claim))
    parts = output.split("/")
    for end in range(1, len(parts)):
        prefix = "/".join(parts[:end])
        folders.setdefault(prefix.casefold(), (prefix, claim))


def _clash(output: str, files: Placed, folders: Placed) -> tuple[str, Claim] | None:
    """Who already has `output`, needs it as a folder, or has a file where it needs a folder
    (each path as it was claimed, beside the claim)."""
    key = output.casefold()
    for folder, what in OWN_FOLDERS.items():
        if key.startswith(f"{folder}/"):
            return folder, Claim(what, f"{folder}/")
    if key in files:
        return files[key]
    if key in folders:
        return folders[key]
    parts = key.split("/")
    for end in range(1, len(parts)):
        prefix = "/".join(parts[:end])
        if prefix in files:
            return files[prefix]
    return None


def _own_outputs(graph: SiteGraph, static_files: frozenset[str]) -> Iterator[tuple[str, Claim]]:
    """Every file rsgen writes by itself: index pages, feeds, sitemaps, the theme's files."""

    for spec in plan_pages(graph):
        if spec.kind in OWN_PAGES:
            yield spec.output, Claim(OWN_PAGES[spec.kind], spec.output)
    for reserved in sorted(r for r in RESERVED_SEGMENTS if "." not in r):
        yield f"{reserved}/index.html", Claim("its own pages", f"{reserved}/")
    feeds = ["feed.xml", *(f"{key}/feed.xml" for key in graph.by_section)]
    feeds += [f"authors/{key}/feed.xml" for key in graph.authors]
    feeds += [f"tags/{slug}/feed.xml" for slug in graph.tags]
    feeds += [f"{SERIES}/{key}/feed.xml" for key in graph.series]
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
