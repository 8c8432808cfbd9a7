"""Reading content/ into `Content`: each file parsed once per change, on every core.

The parse of a file (front matter, checks, rendered Markdown) is kept in the cache with the
file's size, mtime and hash; an unchanged file is not read again, a touched but unchanged
one is read but not parsed. Files that do need parsing are spread over worker processes on a
large site. The results, and every problem they carry, come back in the same order as in a
serial run, so the output does not depend on the number of workers.
"""

from __future__ import annotations

import dataclasses
import os
import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from rsgen.base.cache import RACY_NS, Cache
from rsgen.base.digests import digest
from rsgen.base.errors import InternalError, Problem, Problems, capped
from rsgen.base.folders import ARTICLES_DIR, AUTHORS_DIR, PAGES_DIR, SERIES_DIR
from rsgen.base.store import ParseStore, Row
from rsgen.base.workers import can_fork, worker_pool
from rsgen.content.fast_markdown import FastBodyRenderer
from rsgen.content.files import content_files, read_source
from rsgen.content.markdown import BodyRenderer
from rsgen.content.model import Article, Author, Content, Page, Series
from rsgen.content.parse import parse_article
from rsgen.content.parse_pages import parse_author, parse_page, parse_series
from rsgen.settings import Settings

FOLDERS = (ARTICLES_DIR, AUTHORS_DIR, PAGES_DIR, SERIES_DIR)
PARALLEL_FROM = 300  # below this many files, starting workers costs more than it saves
CHUNK = 64
Item = Article | Author | Page | Series


@dataclass(frozen=True)
class Parsed:
    """What parsing one file gave: the item (None when it had errors) and its problems."""

    item: Item | None
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Source:
    """A content file waiting to be parsed."""

    folder: str
    rel: str
    text: str
    stamp: tuple[int, int]
    text_hash: str  # digest(text), worked out once where the file is read


def parse_source(source: Source, settings: Settings, renderer: BodyRenderer) -> Parsed:
    """Parse one content file, whatever its folder."""
    problems = Problems()
    try:
        if source.folder == ARTICLES_DIR:
            item: Item | None = parse_article(source.rel, source.text, settings, renderer, problems)
        elif source.folder == AUTHORS_DIR:
            item = parse_author(source.rel, source.text, renderer, problems)
        elif source.folder == SERIES_DIR:
            item = parse_series(source.rel, source.text, renderer, problems)
        else:
            item = parse_page(source.rel, source.text, renderer, problems)
    except Exception as err:  # a bug, not the writer's mistake: name the file, keep the cause
        raise InternalError(source.rel, err) from err
    return Parsed(with_digests(item, source.text_hash), tuple(capped(problems.items)))


def with_digests(item: Item | None, text_hash: str) -> Item | None:
    """The item stamped with hashes of its file and, for an article, of what its teaser shows.

    Incremental builds compare these instead of the records themselves (incremental/keys.py).
    """
    if item is None:
        return None
    if isinstance(item, Article):
        return replace(item, digest=text_hash, teaser_digest=teaser_digest(item))
    return replace(item, digest=text_hash)


def teaser_digest(article: Article) -> str:
    """A hash of what teasers can show: every field of an article but its body, of which
    only the excerpt, the "keep reading" part and the reading time."""
    body = article.body
    fields = [
        repr(getattr(article, f.name))
        for f in dataclasses.fields(article)
        if f.name not in ("body", "digest", "teaser_digest")
    ]
    minutes = str(body.reading_minutes)
    return digest(*fields, body.excerpt_html, body.excerpt_text, body.more_html, minutes)


def parse_key(settings: Settings) -> str:
    """What a parse depends on besides the file: the settings it reads."""
    return digest(
        "parsed",
        repr(
            (
                settings.timezone,
                settings.default_kind,
                settings.kinds,
                settings.section_keys,
                settings.markdown_html,
            )
        ),
    )


def load_content(
    site: Path, settings: Settings, problems: Problems, cache: Cache | None = None, jobs: int = 1
) -> Content:
    """Parse every article, author and page (reusing the cache), recording every problem."""
    store = (
        ParseStore(cache.root, parse_key(settings), cache.enabled, cache.read_only)
        if cache
        else None
    )
    stored = store.all() if store else {}
    kept: dict[str, Row] = {}
    changed: dict[str, Row] = {}
    order: list[tuple[str, str]] = []
    todo: list[Source] = []
    # a file changed in the last two seconds may change again without its mtime moving: read it
    settled = time.time_ns() - RACY_NS
    for folder in FOLDERS:
        for path in content_files(site, folder):
            rel = path.relative_to(site).as_posix()
            stat = path.stat()
            stamp = (stat.st_size, stat.st_mtime_ns)
            hit = stored.get(rel)
            if hit is not None and hit[0] == stamp and stamp[1] < settled:
                kept[rel] = hit
                order.append((folder, rel))
                continue
            text = read_source(site, path, problems)
            if text is None:
                continue
            order.append((folder, rel))
            text_hash = digest(text)
            if hit is not None and hit[1] == text_hash:  # touched, not changed
                kept[rel] = changed[rel] = (stamp, hit[1], hit[2])
            else:
                todo.append(Source(folder, rel, text, stamp, text_hash))
    for source, parsed in zip(todo, parse_all(todo, settings, jobs), strict=True):
        kept[source.rel] = changed[source.rel] = (source.stamp, source.text_hash, parsed)
    if store is not None:
        store.update(changed, stored.keys() - kept.keys(), everything=not store.enabled)
        store.close()
    return _content(order, kept, problems)


def _content(
    order: list[tuple[str, str]], kept: dict[str, tuple[Any, str, Parsed]], problems: Problems
) -> Content:
    found: dict[str, list[Any]] = {folder: [] for folder in FOLDERS}
    for folder, rel in order:
        parsed = kept[rel][2]
        problems.extend(parsed.problems)
        if parsed.item is not None:
            found[folder].append(parsed.item)
    return Content(
        tuple(found[ARTICLES_DIR]),
        tuple(found[AUTHORS_DIR]),
        tuple(found[PAGES_DIR]),
        tuple(found[SERIES_DIR]),
    )


def parse_all(sources: Sequence[Source], settings: Settings, jobs: int) -> list[Parsed]:
    """Parse files in order: in this process for a few, in `jobs` worker processes for many."""
    if jobs <= 1 or len(sources) < PARALLEL_FROM or not can_fork():
        renderer = FastBodyRenderer(settings.markdown_html, settings.zone)
        return [parse_source(s, settings, renderer) for s in sources]
    with worker_pool(jobs, _start_worker, (settings,)) as pool:
        results = pool.map(_parse_in_worker, sources, chunksize=CHUNK)
    parsed: list[Parsed] = []
    for source, result in zip(sources, results, strict=True):
        if isinstance(result, str):
            raise InternalError(source.rel, RuntimeError(result))
        parsed.append(result)
    return parsed


# One parser per worker process, made once when the worker starts (never in the main process).
_worker: dict[str, Any] = {}


def _start_worker(settings: Settings) -> None:
    _worker["settings"] = settings
    _worker["renderer"] = FastBodyRenderer(settings.markdown_html, settings.zone)


def _parse_in_worker(source: Source) -> Parsed | str:
    try:
        return parse_source(source, _worker["settings"], _worker["renderer"])
    except InternalError as err:  # exceptions with causes do not always pickle: send the text
        return "".join(traceback.format_exception(err.cause)).strip()


def default_jobs() -> int:
    """Worker processes for a build: one per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
