"""The files the import writes: articles, pages and authors with their front matter, site.yaml.

Every text value is written as a YAML double-quoted scalar by PyYAML itself, so no title,
however it is punctuated (`: `, `#`, quotes, `---`, line separators, `<script>`), can change the
structure of the front matter; rsgen's templates escape the text where it lands in HTML. Keys
come in a fixed order and nothing depends on the clock, so the same export gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import yaml

from rsgen.settings import Section


def quoted(value: str) -> str:
    """A YAML double-quoted scalar holding exactly `value`."""
    dumped: str = yaml.safe_dump(value, default_style='"', allow_unicode=True, width=1 << 30)
    return dumped.strip().removesuffix("...").strip()


def _flow(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(quoted(v) for v in values) + "]"


@dataclass(frozen=True)
class PhotoFields:
    src: str
    alt: str
    caption: str = ""
    credit: str = ""


@dataclass(frozen=True)
class ArticleFile:
    """Everything an imported article's file says."""

    title: str
    date: dt.datetime
    date_has_offset: bool
    section: str
    authors: tuple[str, ...]
    body: str
    tags: tuple[str, ...] = ()
    photo: PhotoFields | None = None
    summary: str = ""
    draft: bool = False
    featured: bool = False
    aliases: tuple[str, ...] = ()
    id: str = ""

    def text(self) -> str:
        when = (
            self.date.isoformat()
            if self.date_has_offset
            else self.date.replace(tzinfo=None).isoformat()
        )
        lines = [
            "---",
            f"title: {quoted(self.title)}",
            f"date: {when}",
            f"section: {self.section}",
            f"authors: [{', '.join(self.authors)}]",
        ]
        if self.tags:
            lines.append(f"tags: {_flow(self.tags)}")
        if self.photo is not None:
            lines += [
                "photo:",
                f"  src: {quoted(self.photo.src)}",
                f"  alt: {quoted(self.photo.alt)}",
            ]
            if self.photo.caption:
                lines.append(f"  caption: {quoted(self.photo.caption)}")
            if self.photo.credit:
                lines.append(f"  credit: {quoted(self.photo.credit)}")
        if self.summary:
            lines.append(f"summary: {quoted(self.summary)}")
        if self.draft:
            lines.append("draft: true")
        if self.featured:
            lines.append("featured: true")
        if self.aliases:
            lines.append("aliases:")
            lines += [f"  - {quoted(a)}" for a in self.aliases]
        if self.id:
            lines.append(f"id: {quoted(self.id)}")
        return "\n".join([*lines, "---", self.body.rstrip("\n"), ""])


def page_text(title: str, description: str, body: str) -> str:
    """A stand-alone page's file."""
    lines = ["---", f"title: {quoted(title)}"]
    if description:
        lines.append(f"description: {quoted(description)}")
    return "\n".join([*lines, "---", body.rstrip("\n"), ""])


def author_text(name: str, website: str, bio: str) -> str:
    """An author's file; the bio is the body."""
    lines = ["---", f"name: {quoted(name)}"]
    if website:
        lines += ["links:", f"  website: {quoted(website)}"]
    return (
        "\n".join([*lines, "---", bio.rstrip("\n"), ""]) if bio else "\n".join([*lines, "---", ""])
    )


def site_yaml(
    title: str, tagline: str, base_url: str, language: str, sections: list[Section]
) -> str:
    """A new site's settings: what the export says about the site, a section per category."""
    lines = [
        "# written by `rsgen import wordpress`: edit freely, the import never rewrites it",
        f"title: {quoted(title)}",
    ]
    if tagline:
        lines.append(f"tagline: {quoted(tagline)}")
    lines += [f"base_url: {quoted(base_url)}", f"language: {quoted(language or 'en')}", "sections:"]
    for section in sections:
        entry = f"  - {{key: {section.key}, title: {quoted(section.title)}"
        if section.description:
            entry += f", description: {quoted(section.description)}"
        lines.append(entry + "}")
    return "\n".join(lines) + "\n"
