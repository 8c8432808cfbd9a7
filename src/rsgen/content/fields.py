"""Reading a content file's front matter: the file split and checked against its schema,
and the values several kinds of file share (dates, photos, URLs, choices), each problem
recorded with its line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from rsgen.base.dates import moment_of, year_hint, year_problem
from rsgen.base.errors import Problems, did_you_mean
from rsgen.base.located import DocumentSyntaxError, LocatedDoc
from rsgen.base.schema import Field, check_mapping
from rsgen.base.urls import is_local_path, is_web_url
from rsgen.content.frontmatter import FrontMatterMissing, parse_front_matter, split_front_matter
from rsgen.content.model import Photo
from rsgen.settings import Settings

DATE_TYPES = (dt.date, str)
PHOTO_FIELDS = {
    "src": Field((str,), required=True),
    "alt": Field((str,), required=True),
    "caption": Field((str,)),
    "credit": Field((str,)),
}
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@dataclass
class ParsedFile:
    """A content file's front matter (with the line of every key) and its Markdown body."""

    doc: LocatedDoc
    body: str
    body_line: int


def parse_file(
    rel: str, text: str, fields: dict[str, Field], problems: Problems
) -> ParsedFile | None:
    """Split a file and check its front matter; None (problems recorded) when unusable."""
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
    return ParsedFile(doc, split.body, split.body_line)


def read_datetime(
    value: Any,
    keys: tuple[str, ...],
    doc: LocatedDoc,
    rel: str,
    settings: Settings,
    problems: Problems,
) -> tuple[dt.datetime, bool]:
    """A date or datetime at `keys` → an aware datetime (site timezone when no offset is
    written) and whether only a date was written."""
    name = keys[-1]
    moment = moment_of(value, settings.zone)
    if moment is None:
        written = doc.data
        for key in keys:
            written = written[key]
        problems.error(
            rel,
            doc.line_of(*keys),
            f"'{name}' is not a date: '{short(written)}'",
            "write 2026-07-06 or 2026-07-06T10:30:00-04:00",
        )
        return EPOCH, False
    wrong_year = year_problem(moment.when)
    if wrong_year:
        problems.error(rel, doc.line_of(*keys), f"'{name}' {wrong_year}", year_hint())
        return EPOCH, False
    return moment.when, moment.date_only


def short(value: object, limit: int = 60) -> str:
    """A value cut to a readable length for a message."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def choice(
    value: str, key: str, choices: Any, doc: LocatedDoc, rel: str, problems: Problems
) -> str:
    """A value that must be one of `choices` (a section or kind key)."""
    if choices and value not in choices:  # none known: site.yaml is broken, see load_settings
        problems.error(
            rel, doc.line_of(key), f"unknown {key} '{value}'", did_you_mean(value, choices)
        )
    return value


def read_photo(
    raw: Any, doc: LocatedDoc, rel: str, problems: Problems, keys: tuple[str, ...]
) -> Photo | None:
    """A `photo:` mapping; its src a path under static/ or an https URL."""
    if raw is None or not check_mapping(raw, PHOTO_FIELDS, doc, rel, problems, keys, "photo"):
        return None
    src = raw["src"].strip()
    if not (is_local_path(src) or (src.startswith("https://") and is_web_url(src))):
        problems.error(
            rel,
            doc.line_of(*keys, "src"),
            f"photo src '{short(src)}' must be a path under static/ starting with '/' "
            "or an https URL",
        )
    return Photo(
        src,
        raw["alt"].strip(),
        (raw.get("caption") or "").strip(),
        (raw.get("credit") or "").strip(),
    )


def web_url(value: Any, key: str, doc: LocatedDoc, rel: str, problems: Problems) -> str:
    """An optional absolute http(s) URL; "" when absent or wrong (and then reported)."""
    if value and not is_web_url(value):
        problems.error(rel, doc.line_of(key), f"'{key}' must be an http(s) URL")
        return ""
    return value or ""
