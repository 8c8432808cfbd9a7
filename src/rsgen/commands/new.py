"""`rsgen new`: a new draft article with its front matter filled in."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from rsgen.base.errors import Problems, did_you_mean
from rsgen.base.folders import ARTICLES_DIR, AUTHORS_DIR
from rsgen.content import slugify
from rsgen.settings import load_settings


def new_article(
    site: Path, title: str, section: str, authors: list[str], kind: str | None, now: dt.datetime
) -> Path:
    """Write content/articles/YEAR/SLUG.md as a draft and return its path."""
    problems = Problems()
    settings = load_settings(site, problems)
    problems.raise_if_errors()
    assert settings is not None
    _require(section, settings.section_keys, "--section")
    _require(kind or settings.default_kind, [k for k, _ in settings.kinds], "--kind")
    known_authors = sorted(p.stem for p in (site / AUTHORS_DIR).glob("*.md"))
    for author in authors:
        _require(author, known_authors, "--author")
    slug = slugify(title)
    if not slug:
        raise click.BadParameter(
            "the title needs letters or digits to make a URL from", param_hint="TITLE"
        )
    local = now.astimezone(settings.zone).replace(microsecond=0)
    path = site / ARTICLES_DIR / str(local.year) / f"{slug}.md"
    if path.exists():
        raise click.UsageError(f"{path} already exists")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        _front_matter(title, local, section, authors, kind) + "\nWrite the article here.\n",
        encoding="utf-8",
    )
    return path


def _require(value: str, choices: list[str] | tuple[str, ...], option: str) -> None:
    if value not in choices:
        hint = did_you_mean(value, choices) or "choose one of: " + ", ".join(choices)
        raise click.BadParameter(f"unknown key '{value}' ({hint})", param_hint=option)


def _front_matter(
    title: str, date: dt.datetime, section: str, authors: list[str], kind: str | None
) -> str:
    # JSON strings are valid YAML scalars: any title is quoted safely
    lines = [
        "---",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        'dek: ""',
        f"date: {date.isoformat()}",
        f"section: {section}",
        *([f"kind: {kind}"] if kind else []),
        f"authors: [{', '.join(authors)}]",
        "tags: []",
        "draft: true",
        "---",
    ]
    return "\n".join(lines) + "\n"
