"""`rsgen init`: a new outlet's site, ready to build, serve and publish, in a new folder.

The files come from the `starter/` folder beside this module, mirrored into the new site:
a file whose name ends in `.j2` is a Jinja template filled with the outlet's name, address,
sections, the date and rsgen's version (`| yaml` writes a value as a quoted YAML scalar, so
any title is safe in front matter; `| markdown` escapes what Markdown would read as markup
or raw HTML); every other file is copied byte for byte (the welcome
photo). A leading `dot-` in a name stands for `.` (`dot-gitignore` → `.gitignore`), because
packaging tools leave dot-files out of a package.

What the outlet is called, where it is published and which sections it has are asked for on
a terminal, taken from the options, or, without a terminal (CI, a script, a test), given
sensible defaults: `rsgen init` never waits for an answer nobody can type.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import click
import jinja2

from rsgen import __version__
from rsgen.base.urls import is_web_url
from rsgen.content import slugify
from rsgen.settings import RESERVED_SEGMENTS, Section

STARTER = Path(__file__).resolve().parent / "starter"
TEMPLATE_SUFFIX = ".j2"
DOT_PREFIX = "dot-"
DEFAULT_BASE_URL = "https://example.org/"
DEFAULT_SECTIONS = ("World", "Politics", "Economy")
# what could start markup, a link or raw HTML in Markdown text: backslash-escaped (CommonMark)
MARKDOWN_SPECIAL = re.compile(r"[\\`*_\[\]<>&~|]")
IGNORED = frozenset({".git"})  # a folder holding only a fresh `git init` counts as empty


@dataclass(frozen=True)
class Outlet:
    """What a new site is told about its outlet."""

    title: str
    base_url: str
    sections: tuple[Section, ...]


def outlet(title: str, base_url: str, section_titles: Iterable[str]) -> Outlet:
    """Check the answers; raise click.BadParameter naming the option that is wrong."""
    title = " ".join(title.split())
    if not title:
        raise click.BadParameter("the outlet needs a name", param_hint="--title")
    return Outlet(title, base_url_of(base_url), sections_of(section_titles))


def ask(
    folder: Path,
    title: str | None,
    base_url: str | None,
    section_titles: tuple[str, ...],
    interactive: bool,
) -> Outlet:
    """The outlet from the options; what they leave out is asked for on a terminal, and
    otherwise taken from the defaults."""
    if title is None:
        title = default_title(folder)
        if interactive:
            title = click.prompt("Name of the outlet", default=title)
    if base_url is None:
        base_url = DEFAULT_BASE_URL
        if interactive:
            base_url = click.prompt(
                "Address it will be published at", default=base_url, value_proc=base_url_of
            )
    titles = list(section_titles) or list(DEFAULT_SECTIONS)
    if interactive and not section_titles:
        answer = click.prompt(
            "Sections, separated by commas",
            default=", ".join(titles),
            value_proc=lambda text: ", ".join(s.title for s in sections_of(split_titles(text))),
        )
        titles = split_titles(answer)
    return outlet(title, base_url, titles)


def base_url_of(text: str) -> str:
    """An absolute http(s) address without query or fragment, ending in '/'."""
    url = text.strip()
    if not is_web_url(url) or "?" in url or "#" in url:
        raise click.BadParameter(
            f"'{url}' is not an absolute http(s) address such as {DEFAULT_BASE_URL}",
            param_hint="--base-url",
        )
    return url if url.endswith("/") else url + "/"


def sections_of(titles: Iterable[str]) -> tuple[Section, ...]:
    """Sections from their titles; each key (its URL) is the title's slug."""
    sections: list[Section] = []
    for raw in titles:
        title = " ".join(raw.split())
        key = slugify(title)
        if not key:
            raise click.BadParameter(
                f"the section '{raw}' needs letters or digits to make a URL from",
                param_hint="--section",
            )
        if key in RESERVED_SEGMENTS:
            raise click.BadParameter(
                f"the section '{title}' would have the URL /{key}/, which rsgen uses itself",
                param_hint="--section",
            )
        if key in (s.key for s in sections):
            raise click.BadParameter(
                f"the section '{title}' is given twice", param_hint="--section"
            )
        sections.append(Section(key, title))
    if not sections:
        raise click.BadParameter("give at least one section", param_hint="--section")
    return tuple(sections)


def split_titles(text: str) -> list[str]:
    """`World, Politics` → the titles, for the prompt's answer."""
    return [part for part in (p.strip() for p in text.split(",")) if part]


def default_title(folder: Path) -> str:
    """The folder's name as a title: `my-outlet` → `My Outlet`."""
    name = folder.resolve().name.replace("-", " ").replace("_", " ").strip()
    return name.title() if name else "My Outlet"


def occupied(folder: Path) -> list[str]:
    """What a folder already holds (besides a fresh .git), sorted; [] when empty or absent."""
    if not folder.exists():
        return []
    if not folder.is_dir():
        raise click.UsageError(f"{folder} is a file, not a folder")
    return sorted(p.name for p in folder.iterdir() if p.name not in IGNORED)


def create_site(folder: Path, site: Outlet, now: dt.datetime) -> list[Path]:
    """Write the starter site into `folder` (made if needed); the files written, in order."""
    values = {
        "title": site.title,
        "base_url": site.base_url,
        "sections": site.sections,
        "date": now.astimezone(dt.UTC).replace(microsecond=0).isoformat(),
        "version": __version__,
    }
    env = jinja2.Environment(
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # YAML and Markdown, not HTML; values are quoted with `| yaml`
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)
    env.filters["markdown"] = lambda value: MARKDOWN_SPECIAL.sub(r"\\\g<0>", value)
    # a GitHub Actions expression, `${{ … }}`, which Jinja would otherwise read as its own
    env.globals["actions"] = lambda expression: "${{ " + expression + " }}"
    written: list[Path] = []
    for source in sorted(p for p in STARTER.rglob("*") if p.is_file()):
        rel = source.relative_to(STARTER)
        target = folder.joinpath(*(_name(part) for part in rel.parts))
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.name.endswith(TEMPLATE_SUFFIX):
            text = env.from_string(source.read_text(encoding="utf-8")).render(values)
            target.write_text(text, encoding="utf-8")
        else:
            target.write_bytes(source.read_bytes())
        written.append(target)
    return written


def _name(part: str) -> str:
    if part.startswith(DOT_PREFIX):
        part = "." + part[len(DOT_PREFIX) :]
    return part.removesuffix(TEMPLATE_SUFFIX)
