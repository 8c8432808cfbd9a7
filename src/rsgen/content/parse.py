"""Walks `content/` and turns each file into an Article, Author or Page, collecting every problem.

Parsing a file is a pure function of its text and the settings, so its result can be cached
and computed in worker processes; checks that need other files live in the graph (`rsgen.graph`).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any, TypeVar

from rsgen.base.errors import Problems, did_you_mean
from rsgen.base.located import DocumentSyntaxError, LocatedDoc
from rsgen.base.schema import Field, check_mapping
from rsgen.base.urls import (
    SAFE_SEGMENT,
    alias_problem,
    is_local_path,
    is_web_url,
    segment_problem,
)
from rsgen.content.frontmatter import FrontMatterMissing, parse_front_matter, split_front_matter
from rsgen.content.markdown import BodyRenderer
from rsgen.content.model import Article, Author, Page, Photo
from rsgen.content.slugs import slugify
from rsgen.settings import Settings

DATE_TYPES = (dt.date, str)
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
}
PHOTO_FIELDS = {
    "src": Field((str,), required=True),
    "alt": Field((str,), required=True),
    "caption": Field((str,)),
    "credit": Field((str,)),
}
AUTHOR_FIELDS = {
    "name": Field((str,), required=True),
    "role": Field((str,)),
    "photo": Field((dict,)),
    "links": Field((dict,)),
}
PAGE_FIELDS = {"title": Field((str,), required=True), "description": Field((str,))}
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
# dates outside these years are typing mistakes (0226 for 2026), and would not convert to UTC
YEARS = range(1800, 3000)
# each tag is a page and a feed that lists the article's tags: thousands of tags on one
# article would write gigabytes; no newsroom tags a piece with more than a few dozen
MAX_TAGS = 50

T = TypeVar("T")


@dataclass
class _Parsed:
    doc: LocatedDoc
    body: str
    body_line: int


def _parse_file(
    rel: str, text: str, fields: dict[str, Field], problems: Problems
) -> _Parsed | None:
    try:
        split = split_front_matter(text)
        doc = parse_front_matter(split)
    except FrontMatterMissing as err:
        problems.error(rel, err.line, err.message)
        return None
    except DocumentSyntaxError as err:
        problems.error(rel, err.line, err.message, err.hint)
        return None
    if doc.data is None:
        doc.data = {}
    if not check_mapping(doc.data, fields, doc, rel, problems):
        return None
    return _Parsed(doc, split.body, split.body_line)


def parse_article(
    rel: str, text: str, settings: Settings, renderer: BodyRenderer, problems: Problems
) -> Article | None:
    """One article file → Article, or None with every problem recorded."""
    parsed = _parse_file(rel, text, ARTICLE_FIELDS, problems)
    if parsed is None:
        return None
    data, doc = parsed.doc.data, parsed.doc
    before = len(problems.errors)
    date, date_only = _datetime(data["date"], "date", doc, rel, settings, problems)
    updated = (
        _datetime(data["updated"], "updated", doc, rel, settings, problems)[0]
        if data.get("updated")
        else None
    )
    article = Article(
        source=rel,
        slug=_slug(data, rel, doc, problems),
        title=data["title"].strip(),
        date=date,
        date_only=date_only,
        section=_choice(data["section"], "section", settings.section_keys, doc, rel, problems),
        kind=_choice(
            data.get("kind") or settings.default_kind,
            "kind",
            [k for k, _ in settings.kinds],
            doc,
            rel,
            problems,
        ),
        authors=_author_keys(data, doc, rel, problems),
        body=renderer.render(parsed.body, parsed.body_line),
        dek=(data.get("dek") or "").strip(),
        updated=updated,
        tags=_tags(data.get("tags") or [], doc, rel, problems),
        photo=_photo(data.get("photo"), doc, rel, problems, ("photo",)),
        summary=(data.get("summary") or "").strip(),
        draft=bool(data.get("draft", False)),
        featured=bool(data.get("featured", False)),
        aliases=_aliases(data.get("aliases") or [], doc, rel, problems),
        correction=(data.get("correction") or "").strip(),
        canonical=_web_url(data.get("canonical"), "canonical", doc, rel, problems),
        id=_feed_id(data, doc, rel, problems),
    )
    if not parsed.body.strip():
        problems.error(rel, parsed.body_line, "the article has no body text")
    if not article.tags and not article.draft:  # a draft gets its tags before it goes out
        problems.warn(
            rel,
            doc.line_of("tags"),
            "the article has no tags",
            "tags help readers find related pieces",
        )
    return article if len(problems.errors) == before else None


def parse_author(rel: str, text: str, renderer: BodyRenderer, problems: Problems) -> Author | None:
    """One author file → Author; the file name is the author's key."""
    parsed = _parse_file(rel, text, AUTHOR_FIELDS, problems)
    if parsed is None:
        return None
    data, doc = parsed.doc.data, parsed.doc
    key = PurePosixPath(rel).stem
    before = len(problems.errors)
    if not SAFE_SEGMENT.match(key):
        problems.error(
            rel,
            1,
            f"author file name '{key}' is not a safe URL segment",
            f"rename it to '{slugify(key)}.md'",
        )
    elif segment_problem(key, "author key"):
        problems.error(rel, 1, segment_problem(key, "author key"), "rename the file")
    links = []
    for name, url in (data.get("links") or {}).items():
        if isinstance(url, str) and is_web_url(url):
            links.append((str(name), url))
        else:
            problems.error(rel, doc.line_of("links", name), f"link '{name}' must be an http(s) URL")
    author = Author(
        source=rel,
        key=key,
        name=data["name"].strip(),
        bio=renderer.render(parsed.body, parsed.body_line),
        role=(data.get("role") or "").strip(),
        photo=_photo(data.get("photo"), doc, rel, problems, ("photo",)),
        links=tuple(links),
    )
    return author if len(problems.errors) == before else None


def parse_page(rel: str, text: str, renderer: BodyRenderer, problems: Problems) -> Page | None:
    """One stand-alone page → Page at `/{file name}/`."""
    parsed = _parse_file(rel, text, PAGE_FIELDS, problems)
    if parsed is None:
        return None
    slug = PurePosixPath(rel).stem
    if not SAFE_SEGMENT.match(slug):
        problems.error(
            rel,
            1,
            f"page file name '{slug}' is not a safe URL segment",
            f"rename it to '{slugify(slug)}.md'",
        )
        return None
    if segment_problem(slug, "page file name"):
        problems.error(rel, 1, segment_problem(slug, "page file name"), "rename the file")
        return None
    if not parsed.body.strip():
        problems.error(rel, parsed.body_line, "the page has no body text")
        return None
    data = parsed.doc.data
    return Page(
        rel,
        slug,
        data["title"].strip(),
        renderer.render(parsed.body, parsed.body_line),
        (data.get("description") or "").strip(),
    )


def _datetime(
    value: Any, key: str, doc: LocatedDoc, rel: str, settings: Settings, problems: Problems
) -> tuple[dt.datetime, bool]:
    """A date or datetime → an aware datetime (site timezone when no offset is written)."""
    if isinstance(value, str):
        value = _parse_date_text(value.strip())
        if value is None:
            problems.error(
                rel,
                doc.line_of(key),
                f"'{key}' is not a date: '{_short(doc.data[key])}'",
                "write 2026-07-06 or 2026-07-06T10:30:00-04:00",
            )
            return EPOCH, False
    if value.year not in YEARS:
        problems.error(
            rel,
            doc.line_of(key),
            f"'{key}' is in the year {value.year}",
            f"write a year from {YEARS.start} to {YEARS.stop - 1}",
        )
        return EPOCH, False
    if not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day, tzinfo=settings.zone), True
    if value.tzinfo is None:
        return value.replace(tzinfo=settings.zone), False
    return value, False


def _parse_date_text(text: str) -> dt.date | dt.datetime | None:
    """A quoted ISO date ("2026-07-06") or datetime, as YAML would have read it unquoted."""
    try:
        if len(text) <= len("2026-07-06"):
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def _short(value: object, limit: int = 60) -> str:
    """A value cut to a readable length for a message."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _slug(data: dict[str, Any], rel: str, doc: LocatedDoc, problems: Problems) -> str:
    slug = data.get("slug") or PurePosixPath(rel).stem
    where = doc.line_of("slug") if "slug" in data else 1
    what = "slug" if "slug" in data else "file name"
    if not SAFE_SEGMENT.match(slug):
        problems.error(
            rel,
            where,
            f"{what} '{_short(slug)}' is not a safe URL segment",
            f"use '{_short(slugify(slug))}'",
        )
    elif segment_problem(slug, what):
        problems.error(rel, where, segment_problem(slug, what), "choose a shorter or other slug")
    return slug


def _choice(
    value: str, key: str, choices: Any, doc: LocatedDoc, rel: str, problems: Problems
) -> str:
    if choices and value not in choices:  # none known: site.yaml is broken, see load_settings
        problems.error(
            rel, doc.line_of(key), f"unknown {key} '{value}'", did_you_mean(value, choices)
        )
    return value


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
                f"tag '{_short(tag)}' has no letters or digits to make a URL from",
            )
        elif segment_problem(slug, "the URL of tag"):
            problems.error(rel, doc.line_of("tags", i), segment_problem(slug, "the URL of tag"))
        elif slug not in slugs:
            slugs.add(slug)
            tags.append(tag)
    return tuple(tags)


def _photo(
    raw: Any, doc: LocatedDoc, rel: str, problems: Problems, keys: tuple[str, ...]
) -> Photo | None:
    if raw is None or not check_mapping(raw, PHOTO_FIELDS, doc, rel, problems, keys, "photo"):
        return None
    src = raw["src"].strip()
    if not (is_local_path(src) or (src.startswith("https://") and is_web_url(src))):
        problems.error(
            rel,
            doc.line_of(*keys, "src"),
            f"photo src '{_short(src)}' must be a path under static/ starting with '/' "
            "or an https URL",
        )
    return Photo(
        src,
        raw["alt"].strip(),
        (raw.get("caption") or "").strip(),
        (raw.get("credit") or "").strip(),
    )


def _aliases(raw: list[Any], doc: LocatedDoc, rel: str, problems: Problems) -> tuple[str, ...]:
    aliases = []
    for i, item in enumerate(raw):
        problem = alias_problem(item) if isinstance(item, str) else "pattern"
        if problem == "pattern":
            shown = f"alias '{_short(item)}'" if isinstance(item, str) else "each alias"
            problems.error(
                rel,
                doc.line_of("aliases", i),
                f"{shown} must be a path such as /2026/07/06/old-url/",
                "lowercase letters, digits and hyphens between single slashes, ending in / "
                "or .html; hosts read other characters (*, :, !, ?, #, quotes, spaces) as patterns",
            )
            continue
        if problem:
            problems.error(rel, doc.line_of("aliases", i), f"alias '{_short(item)}': {problem}")
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


def _web_url(value: Any, key: str, doc: LocatedDoc, rel: str, problems: Problems) -> str:
    """An optional absolute http(s) URL; "" when absent or wrong (and then reported)."""
    if value and not is_web_url(value):
        problems.error(rel, doc.line_of(key), f"'{key}' must be an http(s) URL")
        return ""
    return value or ""
