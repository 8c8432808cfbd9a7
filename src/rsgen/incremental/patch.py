"""Builds that follow a few article edits: the last build's graph, patched.

Most builds in a newsroom follow a handful of edits to published articles: a typo, a new
paragraph, a better headline. When the only files that changed are such articles, and
nothing that places an article in the site changed (`placement`: its URL, dates, section,
kind, authors, tags, photo file, flags and aliases), the content graph is the last build's
with those records swapped. Such a build starts from the last build's graph (kept without
body HTML, which is fetched from the parse store for the few pages that need it) and renders
only the outputs whose key read a changed article: the dependency index `InputKeys.reads`
recorded when the keys were made. Every other output is kept.

Anything else (a new, deleted or renamed file, an error, a template, settings, static or
author change, a placement change, the clock moving an article) takes the whole way, so a
patched build is byte-for-byte the build a clean one would make (tests/test_incremental.py).
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from rsgen.base.cache import Cache, output_key
from rsgen.base.digests import digest
from rsgen.base.errors import Problem
from rsgen.base.folders import ARTICLES_DIR
from rsgen.base.store import ParseStore, Row
from rsgen.content import Article, Body, Figure, RelatedRef, Source, parse_all
from rsgen.graph import PageSpec, RelatedIndex, SiteGraph
from rsgen.incremental.keys import InputKeys
from rsgen.publish import news_articles
from rsgen.render import ResponsiveImages

# a content file's text and stamp, or None when it cannot be read
ReadText = Callable[[str], tuple[str, tuple[int, int]] | None]


@dataclass(frozen=True)
class Snapshot:
    """What the last full or patched build made its outputs from."""

    graph: SiteGraph  # articles as skeletons: no body text (it stays in the parse store)
    specs: tuple[PageSpec, ...]
    images: ResponsiveImages
    static_files: frozenset[str]
    reads: dict[str, tuple[int, ...]]  # output → the articles its key reads
    readers: dict[int, tuple[str, ...]]  # article → the outputs whose key reads it
    everywhere: frozenset[int]  # articles every page shows
    full_text: dict[str, tuple[int, ...]]  # feeds that carry whole articles → those articles
    templates: dict[str, str]  # template fingerprints, valid while no template changes
    warnings: tuple[Problem, ...]
    token: str = ""  # names this snapshot, for the overlays of the builds that patch it
    overlay: Overlay | None = None  # set when loaded: the patches applied to it


@dataclass(frozen=True)
class Overlay:
    """What patched builds changed in a snapshot: skeletons of edited articles, warnings.

    A patched build writes this small file instead of the whole snapshot again.
    """

    base: str  # the token of the snapshot it applies to
    articles: dict[int, Article]
    warnings: tuple[Problem, ...]
    generation: str = ""  # names this save; the build state names the one it goes with


OVERLAY_LIMIT = 500  # past this many edited articles, a patched build saves a new snapshot


@dataclass(frozen=True)
class Patch:
    """The last build's graph with the edited articles swapped in."""

    graph: SiteGraph  # whole records for every article the outputs to redo show
    snapshot: Snapshot  # the same, to keep for the next build
    overlay: Overlay  # what changed in it since it was last saved whole
    outputs: frozenset[str]  # outputs whose key may have moved
    warnings: tuple[Problem, ...]
    edited: tuple[Article, ...] = ()  # whole records of the edited articles (their updates)


def load_snapshot(cache: Cache, output: Path, generation: str) -> Snapshot | None:
    """The last build's snapshot for this output folder, with its overlay applied; None
    unless both are the ones the last build state names (a build stopped while saving them
    leaves them out of step)."""
    snapshot = cache.load(_name("snapshot", output))
    overlay = cache.load(_name("overlay", output))
    if not isinstance(snapshot, Snapshot) or not isinstance(overlay, Overlay):
        return None
    if overlay.base != snapshot.token or overlay.generation != generation or not generation:
        return None
    articles = list(snapshot.graph.articles)
    for index, article in overlay.articles.items():
        articles[index] = article
    graph = replace(snapshot.graph, articles=tuple(articles))
    return replace(snapshot, graph=graph, warnings=overlay.warnings, overlay=overlay)


def save_snapshot(cache: Cache, output: Path, snapshot: Snapshot, overlay: Overlay | None) -> str:
    """Keep the snapshot for the next build: whole after a full build (or a long run of
    patched ones), else only the overlay of the edits since. Returns the generation saved."""
    generation = digest("snapshot", str(time.time_ns()), str(os.getpid()))
    if overlay is not None and len(overlay.articles) <= OVERLAY_LIMIT:
        cache.save(_name("overlay", output), replace(overlay, generation=generation))
        return generation
    cache.save(_name("snapshot", output), replace(snapshot, token=generation, overlay=None))
    cache.save(_name("overlay", output), Overlay(generation, {}, snapshot.warnings, generation))
    return generation


def _name(kind: str, output: Path) -> str:
    return f"{kind}-{output_key(output)}"


def placement(article: Article) -> tuple[object, ...]:
    """What puts an article in the graph: where and when it is listed, linked and ranked,
    its series, and what its body takes from the graph and the photos (the articles its
    related boxes name, checked by the graph; the images its figures size). A live update
    is not placement: adding one is an edit in place."""
    photo = article.photo.src if article.photo else None
    body = article.body
    return (
        article.series,
        tuple(ref.target for ref in body.related),
        body.local_images,
        article.source,
        article.slug,
        article.date,
        article.updated,
        article.date_only,
        article.section,
        article.kind,
        article.authors,
        article.tags,
        photo,
        article.draft,
        article.featured,
        article.aliases,
    )


def snapshot_of(
    graph: SiteGraph,
    specs: list[PageSpec],
    images: ResponsiveImages,
    static_files: frozenset[str],
    keys: InputKeys,
    warnings: tuple[Problem, ...],
) -> Snapshot:
    """The snapshot of a full build, from the reads its keys recorded."""
    reads = dict(keys.reads)
    reads[NEWS_SITEMAP] = news_articles(graph)  # it shows their titles
    readers: dict[int, list[str]] = {}
    for output, indexes in reads.items():
        for index in dict.fromkeys(indexes):
            readers.setdefault(index, []).append(output)
    return Snapshot(
        # the keep-reading index is not kept: a patch never changes what it ranks
        graph=replace(
            graph,
            articles=tuple(_skeleton(a) for a in graph.articles),
            related=RelatedIndex((), ()),
        ),
        specs=tuple(specs),
        images=images,
        static_files=static_files,
        reads=reads,
        readers={index: tuple(outputs) for index, outputs in readers.items()},
        everywhere=frozenset(keys.everywhere),
        full_text={f: reads.get(f, ()) for f in FULL_TEXT_FEEDS},
        templates=keys.templates.known(),
        warnings=warnings,
    )


FULL_TEXT_FEEDS = ("feed.xml", "atom.xml")
NEWS_SITEMAP = "news-sitemap.xml"
EMPTY_BODY = Body("", "", "", "", 0)


def _skeleton(article: Article) -> Article:
    """An article without its text: what the graph needs to place it and key its pages
    (its related boxes and figures stay: they are part of its placement)."""
    kept = tuple(s for s in article.body.slots if isinstance(s, RelatedRef | Figure))
    return replace(article, body=replace(EMPTY_BODY, slots=kept))


def patch(
    snapshot: Snapshot,
    changed_files: set[str],
    now: dt.datetime,
    store: ParseStore,
    read_text: ReadText,
) -> Patch | None:
    """The patched graph, or None when these changes need the whole build."""
    graph = snapshot.graph
    if graph.now.date() != now.date():
        return None
    where = {a.source: i for i, a in enumerate(graph.articles)}
    sources: list[Source] = []
    for rel in sorted(changed_files):
        if not rel.startswith(f"{ARTICLES_DIR}/") or rel not in where:
            return None
        found = read_text(rel)
        if found is None:
            return None
        text, stamp = found
        text_hash = digest(text)
        if text_hash != graph.articles[where[rel]].digest:
            sources.append(Source(ARTICLES_DIR, rel, text, stamp, text_hash))
    parsed = parse_all(sources, graph.settings, 1)
    articles = list(graph.articles)
    warnings = [w for w in snapshot.warnings if w.path not in changed_files]
    outputs: set[str] = set()
    for source, result in zip(sources, parsed, strict=True):
        new, index = result.item, where[source.rel]
        old = articles[index]
        if not isinstance(new, Article) or placement(new) != placement(old):
            return None
        if any(not p.warning for p in result.problems):
            return None
        warnings.extend(result.problems)
        articles[index] = new
        outputs |= _outputs_showing(snapshot, index, new.teaser_digest != old.teaser_digest)
    store.update({s.rel: (s.stamp, s.text_hash, r) for s, r in zip(sources, parsed, strict=True)})
    shown = set(snapshot.everywhere).union(*(snapshot.reads.get(o, ()) for o in outputs))
    whole = _whole_records(shown - {where[s.rel] for s in sources}, articles, store)
    if whole is None:
        return None
    warnings.sort()
    edited = {where[s.rel]: _skeleton(articles[where[s.rel]]) for s in sources}
    skeletons = list(graph.articles)
    for index, skeleton in edited.items():
        skeletons[index] = skeleton
    before = snapshot.overlay or Overlay(snapshot.token, {}, snapshot.warnings)
    overlay = Overlay(before.base, {**before.articles, **edited}, tuple(warnings))
    articles = [whole.get(i, a) for i, a in enumerate(articles)]
    return Patch(
        graph=replace(graph, articles=tuple(articles), now=now),
        snapshot=replace(
            snapshot, graph=replace(graph, articles=tuple(skeletons)), warnings=tuple(warnings)
        ),
        overlay=overlay,
        outputs=frozenset(outputs),
        warnings=tuple(warnings),
        edited=tuple(articles[where[s.rel]] for s in sources),
    )


def _outputs_showing(snapshot: Snapshot, index: int, teaser_changed: bool) -> set[str]:
    """The outputs an edit of one article may change: its page and the full-text feeds
    carrying it; when its teaser changed, every output showing it (for an article of the
    "Latest" list, the pages that render it in HTML read it: the rest fill it in the browser
    from `/latest.json`, which every build makes)."""
    article = snapshot.graph.articles[index]
    found = {f"{article.path}index.html"}
    found.update(feed for feed, members in snapshot.full_text.items() if index in members)
    if teaser_changed:
        found.update(snapshot.readers.get(index, ()))
    return found


def _whole_records(
    wanted: set[int], articles: list[Article], store: ParseStore
) -> dict[int, Article] | None:
    """The whole records of these articles, from the parse store.

    None when the store does not hold exactly the parse the snapshot was made from.
    """
    rows: dict[str, Row] = store.some(articles[i].source for i in wanted)
    found: dict[int, Article] = {}
    for index in wanted:
        row = rows.get(articles[index].source)
        item = row[2].item if row else None
        if not isinstance(item, Article) or item.digest != articles[index].digest:
            return None
        found[index] = item
    return found
