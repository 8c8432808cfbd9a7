"""What each output is made from, as short keys, so a build renders only what changed.

A page's key is a digest of everything its template context is built from (`render/context.py`
and `render/views.py` read nothing else):

- its template, every template that one includes, imports or extends, and rsgen's version;
- the site-wide part every page gets: the settings, the year, the editors' banner while it
  holds, the stand-alone pages, whether there is a "Latest" list at all; the latest articles
  only on the pages that render that list in HTML (`graph.shows_latest`: the others fill it
  in the browser from `/latest.json`, so a new article does not move their keys);
- the records the page shows: articles (as teasers, or in full on their own page), tags and
  authors (with their article counts where they are shown: the tag and author lists, the tag
  and author pages; a teaser's tags and byline carry none), photos with their derivatives,
  and what its pager shows (not the number of pages: an archive page's key holds while new
  articles arrive); an article page by its path, not its place in the site order;
- what a body shows besides its own text (`body`): the label and title of each article a
  related box names (as that article's teaser), the derivatives of its figures' images, and
  how many of a live blog's updates the clock has reached;
- for a part of a series, the series, the part's number, the number of parts and the
  neighbours it links to; for a series page, the series and its parts.

Records are compared through the digests the loader stamped on them, so a key costs a few
string joins, not a template context. A build renders only the pages whose key moved.

A teaser's key leaves the body out (`Article.teaser_digest`), so a page that shows a teaser
is not rendered again when only the body behind it changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import cached_property

import jinja2
from jinja2 import meta

from rsgen import __version__
from rsgen.base.digests import digest
from rsgen.content import Body, Photo
from rsgen.graph import (
    FRONT,
    PageSpec,
    Pagination,
    SiteGraph,
    archive_count,
    home_layout,
    page_slice,
    shows_latest,
)
from rsgen.publish import Feed
from rsgen.render import LATEST_COUNT, ResponsiveImages


class TemplateFingerprints:
    """Fingerprints of templates together with everything they pull in, for one build."""

    def __init__(
        self,
        env: jinja2.Environment,
        always: tuple[str, ...] = (),
        known: dict[str, str] | None = None,
    ) -> None:
        self.env = env
        self.always = always  # templates reached through globals, not import lines
        # from a build that read the very same template files (a patched build)
        self._found: dict[str, str] = dict(known or {})
        self._references: dict[str, list[str | None]] = {}

    def of(self, name: str) -> str:
        """The fingerprint of a template and everything it pulls in."""
        found = self._found.get(name)
        if found is None:
            names = sorted(self._closure([name, *self.always]))
            sources = [self._source(n) for n in names]
            found = self._found[name] = digest(__version__, *names, *sources)
        return found

    def known(self) -> dict[str, str]:
        """The fingerprints worked out so far, to hand to a build of the same templates."""
        return dict(self._found)

    def _closure(self, names: list[str]) -> set[str]:
        seen: set[str] = set()
        while names:
            name = names.pop()
            if name in seen:
                continue
            seen.add(name)
            for ref in self._referenced(name):
                if ref is None:  # a template chosen at run time: any template may be used
                    return set(self.env.list_templates())
                names.append(ref)
        return seen

    def _referenced(self, name: str) -> list[str | None]:
        found = self._references.get(name)
        if found is None:
            tree = self.env.parse(self._source(name))
            found = self._references[name] = list(meta.find_referenced_templates(tree))
        return found

    def _source(self, name: str) -> str:
        assert self.env.loader is not None
        return self.env.loader.get_source(self.env, name)[0]


class InputKeys:
    """The keys of one build's pages and feeds (see the module's docstring)."""

    def __init__(
        self,
        graph: SiteGraph,
        images: ResponsiveImages | None,
        templates: TemplateFingerprints,
    ) -> None:
        self.graph = graph
        self.images = images
        self.templates = templates
        self._teasers: dict[int, str] = {}
        self._authors: dict[str, str] = {}
        self._photos: dict[str, str] = {}
        # the dependency index: which articles each output's key read (see patch.py)
        self.reads: dict[str, tuple[int, ...]] = {}
        self._reading: list[int] = []

    @cached_property
    def settings(self) -> str:
        return digest(__version__, repr(self.graph.settings))

    @cached_property
    def everywhere(self) -> tuple[int, ...]:
        """The articles of the "Latest" list (the `site` template variable's `latest`)."""
        return tuple(range(min(LATEST_COUNT, len(self.graph.articles))))

    @cached_property
    def site(self) -> str:
        """What every page shows besides its own records (the `site` template variable),
        but the latest articles themselves (`page` adds them where they are rendered)."""
        g = self.graph
        return digest(
            self.settings,
            str(g.now.year),
            self.banner,
            str(bool(g.series)),  # the link to the series list
            str(bool(g.articles)),  # a "Latest" list at all
            *(p.digest for p in g.pages),
        )

    @cached_property
    def banner(self) -> str:
        """The editors' banner, shown on every page while it holds (its words and link only:
        moving it to another line of home.yaml changes no page)."""
        banner = self.graph.home.banner
        return "" if banner is None else repr((banner.text, banner.url))

    def page(self, spec: PageSpec) -> str:
        """The key of one HTML page."""
        site = self.site
        self._reading = []
        shows = SHOWN_BY[spec.kind](self, spec)
        if shows_latest(spec):
            shows += [self.teaser(i) for i in self.everywhere]
        self.reads[spec.output] = tuple(self._reading)
        # an article page is named by its output path, not by its place in the site order,
        # which every newer article moves by one
        named = replace(spec, key="") if spec.kind == "article" else spec
        return digest(self.templates.of(spec.template), site, repr(named), *shows)

    def feed(self, feed: Feed, output: str = "") -> str:
        """The key of a feed (written to `output`, else where the feed says): full-text feeds
        carry bodies, the others teasers only."""
        entry = self.article if feed.full_text else self.teaser
        day = "" if feed.articles else self.graph.now.date().isoformat()  # an empty feed's date
        self._reading = []
        entries = [entry(i) for i in feed.articles]
        # the feed's articles first: patch.py finds a full-text feed's own articles here
        self.reads[output or feed.output] = tuple(dict.fromkeys([*feed.articles, *self._reading]))
        # the entries name their articles, in order: not their places in the site order,
        # which every newer article moves by one
        return digest(self.settings, repr(replace(feed, articles=())), day, *entries)

    def teaser(self, index: int) -> str:
        """An article as teasers show it: no body, but its authors', tags' and photo's keys."""
        self._reading.append(index)
        found = self._teasers.get(index)
        if found is None:
            g = self.graph
            a = g.articles[index]
            found = self._teasers[index] = digest(
                a.teaser_digest,
                *(self.author(k, counted=False) for k in a.authors),
                *(self.tag(slug, counted=False) for slug in g.tags_of[index]),
                self.photo(a.photo),
            )
        return found

    def article(self, index: int) -> str:
        """An article in full: its teaser, its whole file, what its body takes from other
        records and the clock, and its place in a series."""
        article = self.graph.articles[index]
        return digest(
            self.teaser(index), article.digest, *self.body(article.body), *self.part(index)
        )

    def body(self, body: Body) -> list[str]:
        """What a body shows besides its text: related articles (as teasers), its figures'
        images, and how many live updates are due."""
        targets = self.graph.targets
        found = [self.teaser(targets[r.target]) for r in body.related if r.target in targets]
        found += [self.photo(Photo(src, "")) for src in body.local_images]
        due = sum(1 for u in body.updates if self.graph.shows_update(u.time))
        return [*found, f"updates:{due}"]

    def part(self, index: int) -> list[str]:
        """An article's place in its series: the series, number and count, neighbours."""
        key = self.graph.articles[index].series
        entry = self.graph.series.get(key) if key else None
        if entry is None:
            return []
        number = entry.number_of(index)
        neighbours = entry.parts[max(0, number - 2) : number + 1]
        return [
            entry.series.digest,
            f"part {number} of {len(entry.parts)}",
            *(self.teaser(i) for i in neighbours if i != index),
        ]

    def series(self, key: str) -> list[str]:
        """A series page: the series file, its photo, its introduction and its parts."""
        entry = self.graph.series[key]
        record = entry.series
        return [
            record.digest,
            self.photo(record.photo),
            *self.body(record.intro),
            *(self.teaser(i) for i in entry.parts),
        ]

    def series_list(self) -> list[str]:
        """The series list: each series, its photo, its number of parts and newest part."""
        found = []
        for entry in self.graph.series.values():
            newest = min(entry.parts)  # site order is newest first
            found += [entry.series.digest, self.photo(entry.series.photo), str(len(entry.parts))]
            found.append(self.teaser(newest))
        return found

    def author(self, key: str, counted: bool = True) -> str:
        """An author's record and photo, and with `counted` how many articles they have
        (bylines do not show it: `AuthorView.count`)."""
        found = self._authors.get(key)
        if found is None:
            author = self.graph.authors[key]
            found = self._authors[key] = digest(author.digest, self.photo(author.photo))
        return f"{found}\0{len(self.graph.by_author.get(key, ()))}" if counted else found

    def tag(self, slug: str, counted: bool = True) -> str:
        """A tag's name, and with `counted` its count (teasers do not show it: `TagView`)."""
        tag = self.graph.tags[slug]
        named = f"{tag.slug}\0{tag.name}"
        return f"{named}\0{len(tag.articles)}" if counted else named

    def photo(self, photo: Photo | None) -> str:
        """A photo's words and, for a local one, its size and derivatives."""
        if photo is None:
            return ""
        found = self._photos.get(photo.src)
        if found is None:
            images = None if photo.is_remote or self.images is None else self.images.get(photo.src)
            found = self._photos[photo.src] = digest(repr(images))
        return repr(photo) + found

    def home(self) -> list[str]:
        """The home page: its layout (the pins in force, then the automatic order) and the
        teasers it shows."""
        layout = home_layout(self.graph)
        shown = [layout.lead] if layout.lead is not None else []
        shown += [*layout.top_stories, *(i for _, rail in layout.rails for i in rail)]
        shown += layout.latest
        return [repr(layout), *(self.teaser(i) for i in shown)]

    def listing(self, members: tuple[int, ...], number: int) -> list[str]:
        """A paginated index: what its pager shows and the teasers on this page."""
        per_page = self.graph.settings.per_page
        pager = Pagination(number, archive_count(len(members), per_page), "")
        shown = page_slice(members, number, per_page)
        return [repr(pager.shown), *(self.teaser(i) for i in shown)]


def _article_page(keys: InputKeys, spec: PageSpec) -> list[str]:
    index = int(spec.key)
    return [keys.article(index), *(keys.teaser(i) for i in keys.graph.keep_reading[index])]


def _tag_page(keys: InputKeys, spec: PageSpec) -> list[str]:
    # the count on the front page only: archive pages hold while new articles arrive
    tag = keys.tag(spec.key, counted=spec.number == FRONT)
    return [tag, *keys.listing(keys.graph.tags[spec.key].articles, spec.number)]


def _author_page(keys: InputKeys, spec: PageSpec) -> list[str]:
    members = keys.graph.by_author[spec.key]
    author = keys.author(spec.key, counted=spec.number == FRONT)
    return [author, *keys.listing(members, spec.number)]


# what each kind of page shows besides the site-wide part (the builders in render/context.py)
SHOWN_BY: dict[str, Callable[[InputKeys, PageSpec], list[str]]] = {
    "home": lambda keys, spec: keys.home(),
    "article": _article_page,
    "section": lambda keys, spec: keys.listing(keys.graph.by_section[spec.key], spec.number),
    "kind": lambda keys, spec: keys.listing(keys.graph.by_kind[spec.key], spec.number),
    "tag": _tag_page,
    "author": _author_page,
    "tags": lambda keys, spec: [keys.tag(slug) for slug in keys.graph.tags],
    "authors": lambda keys, spec: [keys.author(key) for key in keys.graph.authors],
    # every stand-alone page's file is in the site-wide part; its body may show more
    "page": lambda keys, spec: keys.body(
        next(p for p in keys.graph.pages if p.slug == spec.key).body
    ),
    "series-list": lambda keys, spec: keys.series_list(),
    "series": lambda keys, spec: keys.series(spec.key),
    "search": lambda keys, spec: [str(bool(keys.graph.articles))],  # an index to search?
    "404": lambda keys, spec: [],
}
