"""An article file → an `Article`, every problem recorded with its file and line.

Parsing a file is a pure function of its text and the settings, so its result can be cached
and computed in worker processes; checks that need other files live in the graph (`rsgen.graph`).
Authors, pages and series are read in `parse_pages.py`; what all of them share in `fields.py`.
"""

from __future__ import annotations

import unicodedata
from pathlib import PurePosixPath
from typing import Any

from rsgen.base.errors import Problems
from rsgen.base.located import LocatedDoc
from rsgen.base.schema import Field, check_mapping
from rsgen.base.urls import SAFE_SEGMENT, alias_problem, segment_problem
from rsgen.content.fields import (
    DATE_TYPES,
    choice,
    parse_file,
    read_datetime,
    read_photo,
    short,
    web_url,
)
from rsgen.content.markdown import BodyRenderer
from rsgen.content.model import Article, Body, LiveCoverage
from rsgen.content.slugs import slugify
from rsgen.settings import Settings

ARTICLE_FIELDS = {
    "title": Field((str,), required=True),
    "dek": Field((str,)),
    "date": Field(DATE_TYPES, required=True),
    "updated": Field(DATE_TYPES),
    "section": Field((str,), required=True),
    "kind": Field((str,)),
    "authors": Field((list, str)),
    "author": Field((str,)),
    "tags": Field((list,)),
    "photo": Field((dict,)),
    "summary": Field((str,)),
    "slug": Field((str,)),
    "draft": Field((bool,)),
    "featured": Field((bool,)),
    "aliases": Field((list,)),
    "correction": Field((str,)),
    "canonical": Field((str,)),
    "id": Field((str,)),
    "series": Field((str,)),
    "live": Field((dict,)),
}
LIVE_FIELDS = {"start": Field(DATE_TYPES, required=True), "end": Field(DATE_TYPES)}
# each tag is a page and a feed that lists the article's tags: thousands of tags on one
# article would write gigabytes; no newsroom tags a piece with more than a few dozen
MAX_TAGS = 50


def parse_article(
    rel: str, text: str, settings: Settings, renderer: BodyRenderer, problems: Problems
) -> Article | None:
    """One article file → Article, or None with every problem recorded."""
    parsed = parse_file(rel, text, ARTICLE_FIELDS, problems)
    if parsed is None:
        return None
    data, doc = parsed.doc.data, parsed.doc
    before = len(problems.errors)
    date, date_only = read_datetime(data["date"], ("date",), doc, rel, settings, problems)
    updated = (
        read_datetime(data["updated"], ("updated",), doc, rel, settings, problems)[0]
        if data.get("updated")
        else None
    )
    live = _live(data.get("live"), doc, rel, settings, problems)
    body = renderer.render(parsed.body, parsed.body_line, rel, problems)
    article = Article(
        source=rel,
        slug=_slug(data, rel, doc, problems),
        title=data["title"].strip(),
        date=date,
        date_only=date_only,
        section=choice(data["section"], "section", settings.section_keys, doc, rel, problems),
        kind=choice(
            data.get("kind") or settings.default_kind,
            "kind",
            [k for k, _ in settings.kinds],
            doc,
            rel,
            problems,
        ),
        authors=_author_keys(data, doc, rel, problems),
        body=body,
        dek=(data.get("dek") or "").strip(),
        updated=updated,
        tags=_tags(data.get("tags") or [], doc, rel, problems),
        photo=read_photo(data.get("photo"), doc, rel, problems, ("photo",)),
        summary=(data.get("summary") or "").strip(),
        draft=bool(data.get("draft", False)),
        featured=bool(data.get("featured", False)),
        aliases=_aliases(data.get("aliases") or [], doc, rel, problems),
        correction=(data.get("correction") or "").strip(),
        canonical=web_url(data.get("canonical"), "canonical", doc, rel, problems),
        id=_feed_id(data, doc, rel, problems),
        series=_series_key(data.get("series"), doc, rel, problems),
        live=live,
    )
    if not parsed.body.strip():
        problems.error(rel, parsed.body_line, "the article has no body text")
    if live is None:
        updates_need_live(body, rel, problems, "add live: {start: …} to the front matter")
    if not article.tags and not article.draft:  # a draft gets its tags before it goes out
        problems.warn(
            rel,
            doc.line_of("tags"),
            "the article has no tags",
            "tags help readers find related pieces",
        )
    return article if len(problems.errors) == before else None


def updates_need_live(body: Body, rel: str, problems: Problems, hint: str = "") -> None:
    """`::: update` blocks belong to live blogs: report them in any other body."""
    for update in body.updates:
        problems.error(rel, update.line, "an update block belongs in a live blog", hint)


def _live(
    raw: Any, doc: LocatedDoc, rel: str, settings: Settings, problems: Problems
) -> LiveCoverage | None:
    """`live: {start, end}`: when the coverage starts and (when known) ends."""
    if raw is None or not check_mapping(raw, LIVE_FIELDS, doc, rel, problems, ("live",), "live"):
        return None
    start = read_datetime(raw["start"], ("live", "start"), doc, rel, settings, problems)[0]
    end = None
    if raw.get("end") is not None:
        end = read_datetime(raw["end"], ("live", "end"), doc, rel, settings, problems)[0]
        if end < start:
            problems.error(rel, doc.line_of("live", "end"), "live coverage ends before it starts")
    return LiveCoverage(start, end)


def _series_key(value: Any, doc: LocatedDoc, rel: str, problems: Problems) -> str:
    """`series: KEY` (the graph checks that content/series/KEY.md exists)."""
    key = (value or "").strip()
    if key and not SAFE_SEGMENT.match(key):
        problems.error(
            rel,
            doc.line_of("series"),
            f"series '{short(key)}' is not a series key",
            "a key is the file name of content/series/KEY.md",
        )
    return key


def _slug(data: dict[str, Any], rel: str, doc: LocatedDoc, problems: Problems) -> str:
    slug = data.get("slug") or PurePosixPath(rel).stem
    where = doc.line_of("slug") if "slug" in data else 1
    what = "slug" if "slug" in data else "file name"
    if not SAFE_SEGMENT.match(slug):
        problems.error(
            rel,
            where,
            f"{what} '{short(slug)}' is not a safe URL segment",
            f"use '{short(slugify(slug))}'",
        )
    elif segment_problem(slug, what):
        problems.error(rel, where, segment_problem(slug, what), "choose a shorter or other slug")
    return slug


def _author_keys(
    data: dict[str, Any], doc: LocatedDoc, rel: str, problems: Problems
) -> tuple[str, ...]:
    raw = data.get("authors", data.get("author"))
    key = "authors" if "authors" in data else "author"
    if raw is None:
        problems.error(
            rel, doc.line_of(), "missing required key 'authors'", "add authors: [author-key]"
        )
        return ()
    if "authors" in data and "author" in data:
        problems.error(rel, doc.line_of("author"), "give either 'author' or 'authors', not both")
    keys = [raw] if isinstance(raw, str) else raw
    if not keys:
        problems.error(rel, doc.line_of(key), "'authors' must name at least one author")
    for i, item in enumerate(keys):
        if not isinstance(item, str):
            problems.error(rel, doc.line_of(key, i), "each author must be an author key (text)")
    return tuple(k for k in keys if isinstance(k, str))


def _tags(raw: list[Any], doc: LocatedDoc, rel: str, problems: Problems) -> tuple[str, ...]:
    if len(raw) > MAX_TAGS:
        problems.error(
            rel,
            doc.line_of("tags"),
            f"the article has {len(raw):,} tags; at most {MAX_TAGS} are allowed",
            "keep the tags readers would follow",
        )
        return ()
    tags: list[str] = []
    slugs: set[str] = set()
    for i, item in enumerate(raw):
        if isinstance(item, bool) or not isinstance(item, (str, int, float)):
            problems.error(rel, doc.line_of("tags", i), "each tag must be text")
            continue
        tag = " ".join(str(item).split())
        slug = slugify(tag)
        if not slug:
            problems.error(
                rel,
                doc.line_of("tags", i),
                f"tag '{short(tag)}' has no letters or digits to make a URL from",
            )
        elif segment_problem(slug, "the URL of tag"):
            problems.error(rel, doc.line_of("tags", i), segment_problem(slug, "the URL of tag"))
        elif slug not in slugs:
            slugs.add(slug)
            tags.append(tag)
    return tuple(tags)


def _aliases(raw: list[Any], doc: LocatedDoc, rel: str, problems: Problems) -> tuple[str, ...]:
    aliases = []
    for i, item in enumerate(raw):
        problem = alias_problem(item) if isinstance(item, str) else "pattern"
        if problem == "pattern":
            shown = f"alias '{short(item)}'" if isinstance(item, str) else "each alias"
            problems.error(
                rel,
                doc.line_of("aliases", i),
                f"{shown} must be a path such as /2026/07/06/old-url/",
                "lowercase letters, digits and hyphens between single slashes, ending in / "
                "or .html; hosts read other characters (*, :, !, ?, #, quotes, spaces) as patterns",
            )
            continue
        if problem:
            problems.error(rel, doc.line_of("aliases", i), f"alias '{short(item)}': {problem}")
            continue
        aliases.append(item if item.endswith(("/", ".html")) else item + "/")
    return tuple(aliases)


def _feed_id(data: dict[str, Any], doc: LocatedDoc, rel: str, problems: Problems) -> str:
    """The optional `id`: text without control characters (a feed must stay well-formed)."""
    if "id" not in data or not isinstance(data["id"], str):
        return ""  # absent, or a wrong type check_mapping has reported
    value = data["id"].strip()
    if not value:
        problems.error(rel, doc.line_of("id"), "'id' is empty", "remove it to use the URL")
    elif any(unicodedata.category(c) == "Cc" for c in value):
        problems.error(rel, doc.line_of("id"), "'id' must not contain control characters")
    return value
