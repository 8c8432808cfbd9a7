"""`site.yaml` → a frozen, validated `Settings`; every problem reported as `site.yaml:LINE`.

A broken site.yaml should not hide the site's other errors, so `load_settings` can also
*salvage*: return the settings its valid parts describe, with the defaults for the rest, and
no sections or kinds at all when those are broken (content is then not checked against them,
rather than against a guess). The caller knows the settings are salvaged because errors were
recorded, and must not build with them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import langcodes

from rsgen.base.errors import Problems, did_you_mean
from rsgen.base.folders import SETTINGS_FILE
from rsgen.base.located import DocumentSyntaxError
from rsgen.base.schema import Field, check_mapping, has_type
from rsgen.base.urls import SAFE_SEGMENT, is_web_url, segment_problem
from rsgen.base.yamlsource import YamlDoc, parse_yaml

SITE_FIELDS = {
    "title": Field((str,), required=True),
    "tagline": Field((str,)),
    "base_url": Field((str,), required=True),
    "language": Field((str,)),
    "timezone": Field((str,)),
    "per_page": Field((int,)),
    "keep_reading": Field((int,)),
    "default_kind": Field((str,)),
    "sections": Field((list,), required=True),
    "kinds": Field((dict,)),
    "newsletter": Field((dict,)),
    "social": Field((dict,)),
    "google_preferred_source": Field((str,)),
    "markdown": Field((dict,)),
    "search": Field((bool,)),
    "deploy": Field((dict,)),  # read by `rsgen deploy` and `rsgen check` (settings/deploy.py)
}
SECTION_FIELDS = {
    "key": Field((str,), required=True),
    "title": Field((str,), required=True),
    "description": Field((str,)),
}
NEWSLETTER_FIELDS = {
    "title": Field((str,), required=True),
    "text": Field((str,)),
    "action": Field((str,), required=True),
}
MARKDOWN_FIELDS = {"html": Field((bool,))}
DEFAULT_KINDS = {
    "analysis": "Analysis",
    "news": "News",
    "opinion": "Opinion",
    "reporting": "Reporting",
}
# URL segments the generator itself uses at the site root (its pages, feeds and files, the
# search index, the theme's and responsive images' folders), and names hosts and readers
# expect to be the site's own: a section, page or alias may not take them
RESERVED_SEGMENTS = frozenset(
    {
        "tags",
        "authors",
        "kinds",
        "page",
        "search",
        "series",
        "pagefind",
        "css",
        "images",
        "js",
        "rss",
        "static",
        "feed.xml",
        "atom.xml",
        "sitemap.xml",
        "news-sitemap.xml",
        "robots.txt",
        "_redirects",
        "_headers",
        "404.html",
    }
)
LANGUAGE_HINT = "write a BCP 47 language tag such as en, en-US or pt-BR"


@dataclass(frozen=True)
class Section:
    """A section of the outlet, in navigation order."""

    key: str
    title: str
    description: str = ""


@dataclass(frozen=True)
class Newsletter:
    title: str
    action: str
    text: str = ""


@dataclass(frozen=True)
class Settings:
    """Everything site.yaml says, validated, with defaults filled in."""

    title: str
    base_url: str
    sections: tuple[Section, ...]
    tagline: str = ""
    language: str = "en"
    timezone: str = "UTC"
    per_page: int = 20
    keep_reading: int = 4
    default_kind: str = "analysis"
    kinds: tuple[tuple[str, str], ...] = tuple(DEFAULT_KINDS.items())
    newsletter: Newsletter | None = None
    social: tuple[tuple[str, str], ...] = ()
    google_preferred_source: str = ""
    markdown_html: bool = True
    search: bool = True  # a /search/ page and its Pagefind index
    zone: ZoneInfo = field(default=ZoneInfo("UTC"), compare=False)

    @property
    def root_path(self) -> str:
        """The path part of base_url, always ending in '/': every site URL starts with it."""
        return urlsplit(self.base_url).path or "/"

    @property
    def kind_labels(self) -> dict[str, str]:
        return dict(self.kinds)

    @property
    def section_keys(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.sections)

    def with_base_url(self, base_url: str) -> Settings:
        """The same settings published at another address (`--base-url`)."""
        return replace(self, base_url=normalise_base_url(base_url))


def base_url_problem(url: str) -> str:
    """What is wrong with a base URL ("" when nothing is): site.yaml's and `--base-url`."""
    if not is_web_url(url):
        return f"base_url must be an absolute http(s) URL, not '{url}'"
    if "?" in url or "#" in url:
        return f"base_url must be an absolute http(s) URL without a '?' or '#' part, not '{url}'"
    if any(c.isspace() or c in "\"'<>\\" for c in url):
        return f"base_url must not hold spaces, quotes, '<', '>' or backslashes: '{url}'"
    return ""


def is_language_tag(tag: str) -> bool:
    """A well-formed, registered BCP 47 tag (`en`, `en-US`), as `<html lang>` and search need."""
    return "_" not in tag and langcodes.tag_is_valid(tag)


def normalise_base_url(url: str) -> str:
    return url if url.endswith("/") else url + "/"


# what is known of a site whose site.yaml cannot be read at all: nothing to check content against
UNKNOWN = Settings(title="", base_url="https://site.invalid/", sections=(), kinds=())


def load_settings(site: Path, problems: Problems, salvage: bool = False) -> Settings | None:
    """Read and validate `site.yaml`; None (with problems recorded) when it is unusable.

    With `salvage`, a site.yaml that exists but has errors still gives settings (see the
    module's docstring); None then means there is no site.yaml at all.
    """
    found = _load_settings(site, problems, salvage)
    if found is None and salvage and (site / SETTINGS_FILE).exists():
        return UNKNOWN
    return found


def _load_settings(site: Path, problems: Problems, salvage: bool) -> Settings | None:
    path = site / SETTINGS_FILE
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        problems.error(SETTINGS_FILE, 0, "no site.yaml here", f"is {site} a site folder?")
        return None
    except OSError as err:
        problems.error(SETTINGS_FILE, 0, f"cannot read the file ({err.strerror or err})")
        return None
    try:
        text = data.decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        problems.error(
            SETTINGS_FILE,
            line,
            f"not UTF-8 text (byte 0x{data[err.start]:02x})",
            "save the file as UTF-8",
        )
        return None
    try:
        doc = parse_yaml(text)
    except DocumentSyntaxError as err:
        problems.error(SETTINGS_FILE, err.line, err.message, err.hint)
        return None
    return settings_from(doc, problems, salvage)


def settings_from(doc: YamlDoc, problems: Problems, salvage: bool = False) -> Settings | None:
    """Validate a parsed site.yaml into Settings (with `salvage`, even when it has errors)."""
    before = len(problems.errors)
    check_mapping(doc.data, SITE_FIELDS, doc, SETTINGS_FILE, problems, what="site.yaml")
    if not isinstance(doc.data, dict):
        return None
    # keep checking what is well-typed, so one run reports every problem
    data = {
        k: v for k, v in doc.data.items() if k in SITE_FIELDS and has_type(v, SITE_FIELDS[k].types)
    }
    mistyped = doc.data.keys() - data.keys()
    # a missing or mistyped `sections` is reported by check_mapping: nothing more to say
    counted = len(problems.errors)
    sections = _sections(data["sections"], doc, problems) if "sections" in data else ()
    sections_known = "sections" in data and len(problems.errors) == counted
    counted = len(problems.errors)
    kinds = _kinds(data.get("kinds"), doc, problems)
    default_kind = _default_kind(data, kinds, doc, problems)
    kinds_known = len(problems.errors) == counted and not {"kinds", "default_kind"} & mistyped
    settings = Settings(
        title=str(data.get("title", "")),
        base_url=_base_url(data.get("base_url"), doc, problems),
        sections=sections,
        tagline=data.get("tagline") or "",
        language=_language(data.get("language"), doc, problems),
        timezone=data.get("timezone") or "UTC",
        per_page=_positive(data, "per_page", 20, doc, problems),
        keep_reading=_positive(data, "keep_reading", 4, doc, problems, allow_zero=True),
        default_kind=default_kind,
        kinds=kinds,
        newsletter=_newsletter(data.get("newsletter"), doc, problems),
        social=_links(data.get("social"), "social", doc, problems),
        google_preferred_source=_url_or_empty(data, "google_preferred_source", doc, problems),
        markdown_html=_markdown_html(data.get("markdown"), doc, problems),
        search=data.get("search", True),
        zone=_zone(data.get("timezone"), doc, problems),
    )
    if len(problems.errors) == before:
        return settings
    if not salvage:
        return None
    return replace(
        settings,
        sections=sections if sections_known else (),
        kinds=kinds if kinds_known else (),
    )


def _sections(raw: list[Any], doc: YamlDoc, problems: Problems) -> tuple[Section, ...]:
    sections: list[Section] = []
    seen: set[str] = set()
    if not raw:
        problems.error(
            SETTINGS_FILE, doc.line_of("sections"), "'sections' must list at least one section"
        )
    for i, item in enumerate(raw):
        if not check_mapping(
            item, SECTION_FIELDS, doc, SETTINGS_FILE, problems, ("sections", i), "a section"
        ):
            continue
        key = item["key"]
        if not SAFE_SEGMENT.match(key):
            problems.error(
                SETTINGS_FILE,
                doc.line_of("sections", i, "key"),
                f"section key '{key}' must be lowercase letters, digits and single hyphens",
            )
        elif key in seen:
            problems.error(
                SETTINGS_FILE, doc.line_of("sections", i, "key"), f"section '{key}' is listed twice"
            )
        elif key in RESERVED_SEGMENTS:
            problems.error(
                SETTINGS_FILE,
                doc.line_of("sections", i, "key"),
                f"'{key}' is a URL rsgen uses itself",
            )
        elif segment_problem(key, "section key"):
            problems.error(
                SETTINGS_FILE,
                doc.line_of("sections", i, "key"),
                segment_problem(key, "section key"),
            )
        seen.add(key)
        sections.append(Section(key, item["title"], item.get("description") or ""))
    return tuple(sections)


def _kinds(
    raw: dict[str, Any] | None, doc: YamlDoc, problems: Problems
) -> tuple[tuple[str, str], ...]:
    if raw is None:
        return tuple(DEFAULT_KINDS.items())
    if not raw:
        problems.error(SETTINGS_FILE, doc.line_of("kinds"), "'kinds' must list at least one kind")
    kinds = []
    for key, label in raw.items():
        if not isinstance(key, str) or not SAFE_SEGMENT.match(key) or not isinstance(label, str):
            problems.error(
                SETTINGS_FILE,
                doc.line_of("kinds", key),
                f"kind '{key}' needs a lowercase key and a text label",
            )
            continue
        kinds.append((key, label))
    return tuple(kinds)


def _base_url(value: Any, doc: YamlDoc, problems: Problems) -> str:
    url = str(value or "")
    problem = base_url_problem(url)
    if problem:
        problems.error(SETTINGS_FILE, doc.line_of("base_url"), problem)
    return normalise_base_url(url)


def _language(value: str | None, doc: YamlDoc, problems: Problems) -> str:
    if value is None:
        return "en"
    if not is_language_tag(value):
        hint = (
            f"write '{value.replace('_', '-')}'"
            if is_language_tag(value.replace("_", "-"))
            else LANGUAGE_HINT
        )
        problems.error(
            SETTINGS_FILE,
            doc.line_of("language"),
            f"language '{value}' is not a language tag",
            hint,
        )
        return "en"
    return value


def _positive(
    data: dict[str, Any],
    key: str,
    default: int,
    doc: YamlDoc,
    problems: Problems,
    allow_zero: bool = False,
) -> int:
    value = data.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool):
        return default  # the type is reported by check_mapping
    if value < (0 if allow_zero else 1):
        problems.error(
            SETTINGS_FILE,
            doc.line_of(key),
            f"'{key}' must be {'0 or more' if allow_zero else '1 or more'}",
        )
        return default  # salvaged settings must still paginate
    return value


def _default_kind(
    data: dict[str, Any], kinds: tuple[tuple[str, str], ...], doc: YamlDoc, problems: Problems
) -> str:
    keys = [k for k, _ in kinds]
    value = data.get("default_kind") or (
        "analysis" if "analysis" in keys else (keys[0] if keys else "")
    )
    if keys and value not in keys:
        problems.error(
            SETTINGS_FILE,
            doc.line_of("default_kind"),
            f"default_kind '{value}' is not one of the kinds",
            did_you_mean(value, keys),
        )
    return str(value)


def _newsletter(raw: dict[str, Any] | None, doc: YamlDoc, problems: Problems) -> Newsletter | None:
    if raw is None or not check_mapping(
        raw, NEWSLETTER_FIELDS, doc, SETTINGS_FILE, problems, ("newsletter",), "newsletter"
    ):
        return None
    if not is_web_url(raw["action"]):
        problems.error(
            SETTINGS_FILE,
            doc.line_of("newsletter", "action"),
            "'newsletter.action' must be an http(s) URL",
            "the address the signup form posts to",
        )
    return Newsletter(raw["title"], raw["action"], raw.get("text") or "")


def _links(
    raw: dict[str, Any] | None, key: str, doc: YamlDoc, problems: Problems
) -> tuple[tuple[str, str], ...]:
    links = []
    for name, url in (raw or {}).items():
        if not isinstance(url, str) or not is_web_url(url):
            problems.error(
                SETTINGS_FILE, doc.line_of(key, name), f"'{key}.{name}' must be an http(s) URL"
            )
            continue
        links.append((str(name), url))
    return tuple(links)


def _url_or_empty(data: dict[str, Any], key: str, doc: YamlDoc, problems: Problems) -> str:
    url = data.get(key) or ""
    if url and (not isinstance(url, str) or not is_web_url(url)):
        problems.error(SETTINGS_FILE, doc.line_of(key), f"'{key}' must be an http(s) URL")
        return ""
    return url


def _markdown_html(raw: dict[str, Any] | None, doc: YamlDoc, problems: Problems) -> bool:
    if raw is None:
        return True
    check_mapping(raw, MARKDOWN_FIELDS, doc, SETTINGS_FILE, problems, ("markdown",), "markdown")
    return bool(raw.get("html", True))


def _zone(name: Any, doc: YamlDoc, problems: Problems) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError, TypeError, OSError):
        problems.error(
            SETTINGS_FILE,
            doc.line_of("timezone"),
            f"unknown timezone '{name}'",
            did_you_mean(name, available_timezones())
            or "use an IANA name such as America/New_York",
        )
        return ZoneInfo("UTC")
