"""References from rendered pages (and web manifests) to files the output will not have.

`rsgen check` renders a sample of pages in memory (commands/check.py) and reads every
`href`, `src`, `srcset` and `poster` in them, and the image URLs of `og:image` and
`twitter:image`. A URL into the site (root-relative, or absolute on base_url's host) must
name a page or file the build writes: a template that links `/favicon.ico` when neither the
site's `static/` nor the theme has one is an error, as is raw HTML in a body pointing at a
missing image. A web manifest's icons are read the same way.

The HTML says which URL is missing, not who wrote it, so the problem is placed by looking
for the URL's text: first in the content file the page shows, then in the page's templates
(the template, all it extends, includes or imports, and the teaser). Links written in
Markdown are not reported again here: `check_links` has already read them with their lines.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

from rsgen.base.errors import Problems

URL_ATTRIBUTES = ("href", "src", "poster")
IMAGE_META = ("og:image", "twitter:image")
Sources = Callable[[], list[tuple[str, str]]]  # (path shown, text) to look for a URL in


@dataclass(frozen=True)
class Reference:
    """One URL in a page: the attribute that holds it and its value as written."""

    attribute: str
    url: str


class _ReferenceParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Reference] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value}
        for name in URL_ATTRIBUTES:
            if name in values:
                self.found.append(Reference(name, values[name].strip()))
        for candidate in values.get("srcset", "").split(","):
            url = candidate.strip().split(" ")[0]
            if url:
                self.found.append(Reference("srcset", url))
        if tag == "meta" and values.get("property", values.get("name", "")) in IMAGE_META:
            self.found.append(Reference("content", values.get("content", "").strip()))


def references_in(html: str) -> list[Reference]:
    """Every URL an HTML page links to or loads, in order."""
    parser = _ReferenceParser()
    parser.feed(html)
    parser.close()
    return parser.found


def manifest_icons(text: str, manifest_url: str) -> Iterator[Reference]:
    """The icons a web manifest names, as root-relative URLs (relative to the manifest)."""
    try:
        data = json.loads(text)
    except ValueError:
        return
    icons = data.get("icons") if isinstance(data, dict) else None
    for icon in icons if isinstance(icons, list) else []:
        if isinstance(icon, dict) and isinstance(icon.get("src"), str):
            yield Reference("src", urljoin(manifest_url, icon["src"]))


@dataclass(frozen=True)
class ReferenceCheck:
    """What is known of the output: the paths it will hold and the URLs that address it."""

    known: frozenset[str]  # output paths, pages without their index.html
    known_prefixes: tuple[str, ...]  # folders filled later (e.g. the search index)
    root: str  # base_url's path
    host: str  # base_url's host
    already_checked: frozenset[str]  # links in bodies, which `check_links` reports

    def missing(self, references: Iterable[Reference]) -> Iterator[Reference]:
        """The references into the site that lead to no file of the output."""
        for ref in references:
            if ref.url in self.already_checked:
                continue
            target = internal_target(ref.url, self.root, self.host)
            if target is None or target in self.known or target.startswith(self.known_prefixes):
                continue
            yield ref


def internal_target(href: str, root: str, host: str) -> str | None:
    """The site path a URL points to (a page without its index.html), or None for other
    sites, anchors, mail and relative URLs."""
    try:
        parts = urlsplit(href)
    except ValueError:  # a malformed host ("http://[x"): not a link into the site
        return None
    if parts.scheme in ("http", "https") and parts.netloc != host:
        return None
    if not parts.scheme and parts.netloc:  # //host/x: another site, as far as check knows
        return None
    if parts.scheme not in ("", "http", "https") or not parts.path.startswith(root):
        return None
    return unquote(parts.path)[len(root) :].removesuffix("index.html")


def report_missing(
    check: ReferenceCheck,
    references: Iterable[Reference],
    where_shown: str,
    sources: Sources,
    reported: set[tuple[str, str]],
    problems: Problems,
) -> None:
    """One error per missing URL and place, at the file and line that seem to have written it."""
    for ref in check.missing(references):
        path, line = locate(ref.url, sources())
        if (path, ref.url) in reported:
            continue
        reported.add((path, ref.url))
        problems.error(
            path,
            line,
            f'{ref.attribute}="{ref.url}" leads to no page or file of the site (on {where_shown})',
            "add the file under static/, or change the address",
        )


def locate(url: str, sources: Collection[tuple[str, str]]) -> tuple[str, int]:
    """The first file (and line) whose text holds the URL, or the end of its path; else the
    first file at line 0."""
    path = urlsplit(url).path
    needles = [url, path.lstrip("/"), path.rstrip("/").rsplit("/", 1)[-1]]
    for needle in (n for n in needles if n):
        for shown, text in sources:
            at = text.find(needle)
            if at >= 0:
                return shown, text.count("\n", 0, at) + 1
    first = next(iter(sources), ("", ""))
    return first[0], 0
