"""The rsgen layout of the outlet, the pages every peer is expected to write, and the file writer.

rsgen's site is what its users write (SPEC "A site"): `site.yaml` with the title, base URL,
the 8 sections and 4 kinds, `content/authors/KEY.md` and `content/articles/SLUG.md`, no
templates of its own (the built-in theme renders it). Front matter strings are written as
JSON strings, which YAML reads as double-quoted scalars, so no title can break the YAML.

`Files` writes every file of one layout and keeps a fingerprint of what it wrote (a digest of
each path and its bytes, in path order), which `manifest.json` records: two runs that print
the same fingerprints wrote the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .outlet import BASE_URL, KEEP_READING, KINDS, PER_PAGE, SECTIONS, SITE_TITLE, Meta, Outlet


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def yaml_list(items: Iterable[str]) -> str:
    return "[" + ", ".join(quoted(item) for item in items) + "]"


class Files:
    """Writes the files of one layout under `root` and digests what it wrote."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.digests: dict[str, str] = {}
        self.folders: set[Path] = set()

    def write(self, relative: str, text: str) -> None:
        data = text.encode("utf-8")
        path = self.root / relative
        if path.parent not in self.folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(path.parent)
        path.write_bytes(data)
        self.digests[relative] = hashlib.sha256(data).hexdigest()

    def fingerprint(self) -> str:
        whole = hashlib.sha256()
        for relative in sorted(self.digests):
            whole.update(f"{relative}\0{self.digests[relative]}\n".encode())
        return whole.hexdigest()


def photo_yaml(meta: Meta, indent: str) -> str:
    photo = meta.photo
    return (
        f"{indent}photo:\n{indent}  src: {quoted(photo.src)}\n{indent}  alt: {quoted(photo.alt)}\n"
        f"{indent}  caption: {quoted(photo.caption)}\n{indent}  credit: {quoted(photo.credit)}\n"
    )


def write_rsgen(outlet: Outlet, files: Files) -> None:
    """The outlet as an rsgen site (rendered by rsgen's own theme)."""
    sections = "".join(f"  - key: {key}\n    title: {quoted(title)}\n" for key, title in SECTIONS)
    kinds = "".join(f"  {key}: {quoted(label)}\n" for key, label in KINDS)
    files.write(
        "site.yaml",
        f"title: {quoted(SITE_TITLE)}\nbase_url: {quoted(BASE_URL)}\nlanguage: en\n"
        f"per_page: {PER_PAGE}\nkeep_reading: {KEEP_READING}\n"
        f"sections:\n{sections}kinds:\n{kinds}",
    )
    for author in outlet.authors:
        files.write(
            f"content/authors/{author.key}.md",
            f"---\nname: {quoted(author.name)}\nrole: {quoted(author.role)}\n---\n{author.bio}\n",
        )
    for article in outlet.articles:
        meta = article.meta
        files.write(
            f"content/articles/{meta.slug}.md",
            f"---\ntitle: {quoted(meta.title)}\ndek: {quoted(meta.dek)}\n"
            f"date: {meta.date.isoformat()}\nsection: {meta.section}\nkind: {meta.kind}\n"
            f"authors: {yaml_list(meta.authors)}\ntags: {yaml_list(meta.tags)}\n"
            f"{photo_yaml(meta, '')}---\n{article.body.markdown}",
        )


@dataclass(frozen=True)
class PageCounts:
    """The pages every generator of the comparison writes for this outlet (rsgen writes more:
    kind indexes, a 404 page, the search page, stand-alone pages)."""

    articles: int
    section_pages: int
    tag_pages: int
    author_pages: int
    home: int
    term_lists: int  # /tags/ and /authors/
    sections_used: int
    tags_used: int
    authors_used: int

    @property
    def html(self) -> int:
        return (
            self.articles
            + self.section_pages
            + self.tag_pages
            + self.author_pages
            + self.home
            + self.term_lists
        )

    @property
    def feeds(self) -> int:
        """RSS for home, each section, each tag and each author."""
        return 1 + self.sections_used + self.tags_used + self.authors_used


def page_counts(outlet: Outlet) -> PageCounts:
    sections = Counter(article.meta.section for article in outlet.articles)
    tags = Counter(tag for article in outlet.articles for tag in article.meta.tags)
    authors = Counter(key for article in outlet.articles for key in article.meta.authors)

    def index_pages(counts: Counter[str]) -> int:
        return sum(math.ceil(count / PER_PAGE) for count in counts.values())

    return PageCounts(
        articles=len(outlet.articles),
        section_pages=index_pages(sections),
        tag_pages=index_pages(tags),
        author_pages=index_pages(authors),
        home=1,
        term_lists=2,
        sections_used=len(sections),
        tags_used=len(tags),
        authors_used=len(authors),
    )
