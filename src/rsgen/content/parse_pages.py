"""The files beside the articles, each read into its record: authors, stand-alone pages and
series. Like articles, each is a pure function of its text (and the settings)."""

from __future__ import annotations

from pathlib import PurePosixPath

from rsgen.base.errors import Problems
from rsgen.base.schema import Field
from rsgen.base.urls import SAFE_SEGMENT, is_web_url, segment_problem
from rsgen.content.fields import parse_file, read_photo
from rsgen.content.markdown import BodyRenderer
from rsgen.content.model import Author, Page, Series
from rsgen.content.parse import updates_need_live
from rsgen.content.slugs import slugify

AUTHOR_FIELDS = {
    "name": Field((str,), required=True),
    "role": Field((str,)),
    "photo": Field((dict,)),
    "links": Field((dict,)),
}
PAGE_FIELDS = {"title": Field((str,), required=True), "description": Field((str,))}
SERIES_FIELDS = {
    "title": Field((str,), required=True),
    "description": Field((str,)),
    "photo": Field((dict,)),
}


def parse_author(rel: str, text: str, renderer: BodyRenderer, problems: Problems) -> Author | None:
    """One author file → Author; the file name is the author's key. A bio is plain Markdown."""
    parsed = parse_file(rel, text, AUTHOR_FIELDS, problems)
    if parsed is None:
        return None
    data, doc = parsed.doc.data, parsed.doc
    key = PurePosixPath(rel).stem
    before = len(problems.errors)
    _check_file_name(rel, key, "author", problems)
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
        bio=renderer.render(parsed.body, parsed.body_line, rel, problems, blocks=False),
        role=(data.get("role") or "").strip(),
        photo=read_photo(data.get("photo"), doc, rel, problems, ("photo",)),
        links=tuple(links),
    )
    return author if len(problems.errors) == before else None


def parse_page(rel: str, text: str, renderer: BodyRenderer, problems: Problems) -> Page | None:
    """One stand-alone page → Page at `/{file name}/`."""
    parsed = parse_file(rel, text, PAGE_FIELDS, problems)
    if parsed is None:
        return None
    slug = PurePosixPath(rel).stem
    if not _check_file_name(rel, slug, "page", problems):
        return None
    if not parsed.body.strip():
        problems.error(rel, parsed.body_line, "the page has no body text")
        return None
    before = len(problems.errors)
    body = renderer.render(parsed.body, parsed.body_line, rel, problems)
    updates_need_live(body, rel, problems)
    data = parsed.doc.data
    page = Page(rel, slug, data["title"].strip(), body, (data.get("description") or "").strip())
    return page if len(problems.errors) == before else None


def parse_series(rel: str, text: str, renderer: BodyRenderer, problems: Problems) -> Series | None:
    """One series file → Series at `/series/{file name}/`; the body is its introduction."""
    parsed = parse_file(rel, text, SERIES_FIELDS, problems)
    if parsed is None:
        return None
    key = PurePosixPath(rel).stem
    before = len(problems.errors)
    _check_file_name(rel, key, "series", problems)
    data, doc = parsed.doc.data, parsed.doc
    intro = renderer.render(parsed.body, parsed.body_line, rel, problems)
    updates_need_live(intro, rel, problems)
    series = Series(
        source=rel,
        key=key,
        title=data["title"].strip(),
        intro=intro,
        description=(data.get("description") or "").strip(),
        photo=read_photo(data.get("photo"), doc, rel, problems, ("photo",)),
    )
    return series if len(problems.errors) == before else None


def _check_file_name(rel: str, name: str, what: str, problems: Problems) -> bool:
    """The file name is the URL segment of an author, page or series: it must be a safe one."""
    if not SAFE_SEGMENT.match(name):
        problems.error(
            rel,
            1,
            f"{what} file name '{name}' is not a safe URL segment",
            f"rename it to '{slugify(name)}.md'",
        )
        return False
    problem = segment_problem(name, "author key" if what == "author" else f"{what} file name")
    if problem:
        problems.error(rel, 1, problem, "rename the file")
        return False
    return True
