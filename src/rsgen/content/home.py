"""`content/home.yaml`: the editors' front page — pins that expire by themselves, a banner.

The file is optional. It is checked like front matter, against declared shapes, and every
problem is reported as `content/home.yaml:LINE`. A pin here is the article's name as the
editor wrote it, its expiry and its line: which article it names is worked out in the graph,
which knows every article (`graph/home.py`). Times follow the article dates' rules: a date is
midnight at the start of that day, and a time without an offset is in the site's timezone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from rsgen.base.dates import moment_of, year_hint, year_problem
from rsgen.base.errors import Problems, did_you_mean
from rsgen.base.folders import HOME_FILE
from rsgen.base.located import DocumentSyntaxError, Key
from rsgen.base.schema import Field, check_mapping, has_type, type_name
from rsgen.base.urls import is_local_path, is_web_url
from rsgen.base.yamlsource import YamlDoc, parse_yaml
from rsgen.content.files import read_source
from rsgen.settings import Settings

WHEN_TYPES = (dt.date, str)
HOME_FIELDS = {
    "lead": Field((dict, str)),
    "top": Field((list,)),
    "banner": Field((dict,)),
    "rails": Field((dict,)),
}
PIN_FIELDS = {"article": Field((str,), required=True), "until": Field(WHEN_TYPES)}
BANNER_FIELDS = {
    "text": Field((str,), required=True),
    "url": Field((str,)),
    "until": Field(WHEN_TYPES),
}
# a year outside these is a typing mistake (0226 for 2026), as for article dates


@dataclass(frozen=True)
class Pin:
    """One pinned article: its name as written, when the pin ends (None: never), its line."""

    article: str
    until: dt.datetime | None
    line: int

    def holds_at(self, now: dt.datetime) -> bool:
        """A pin holds until its `until`; from that moment on it is ignored."""
        return self.until is None or now < self.until


@dataclass(frozen=True)
class Banner:
    """The line shown above every page: its text, its link ("" for none) and its expiry."""

    text: str
    url: str
    until: dt.datetime | None
    line: int

    def holds_at(self, now: dt.datetime) -> bool:
        return self.until is None or now < self.until


@dataclass(frozen=True)
class HomeFile:
    """What content/home.yaml asks for; empty when the site has no such file."""

    lead: Pin | None = None
    top: tuple[Pin, ...] = ()
    rails: tuple[tuple[str, tuple[Pin, ...]], ...] = ()  # (section key, pins), in file order
    banner: Banner | None = None

    @property
    def untils(self) -> tuple[dt.datetime, ...]:
        """Every expiry the file names: the moments at which the site changes by itself."""
        pins = [self.lead, *self.top, *(p for _, rail in self.rails for p in rail), self.banner]
        return tuple(sorted(p.until for p in pins if p is not None and p.until is not None))


def load_home(site: Path, settings: Settings, problems: Problems) -> HomeFile:
    """Read and check content/home.yaml; an empty HomeFile when there is none (or it is bad)."""
    path = site / HOME_FILE
    if not path.is_file():
        return HomeFile()
    text = read_source(site, path, problems)
    if text is None:
        return HomeFile()
    try:
        doc = parse_yaml(text)
    except DocumentSyntaxError as err:
        problems.error(HOME_FILE, err.line, err.message, err.hint)
        return HomeFile()
    return home_from(doc, settings, problems)


def home_from(doc: YamlDoc, settings: Settings, problems: Problems) -> HomeFile:
    """Check a parsed home.yaml; what is well-formed is kept so that one run reports all."""
    if doc.data is None:  # an empty file, or one of comments only
        return HomeFile()
    reader = _Reader(doc, settings.zone, problems)
    check_mapping(doc.data, HOME_FIELDS, doc, HOME_FILE, problems, what="home.yaml")
    if not isinstance(doc.data, dict):
        return HomeFile()
    # what check_mapping reported is left out, so that nothing is reported twice
    data = {
        k: v for k, v in doc.data.items() if k in HOME_FIELDS and has_type(v, HOME_FIELDS[k].types)
    }
    lead = reader.pin(data["lead"], ("lead",)) if "lead" in data else None
    top = reader.pins(data.get("top"), ("top",))
    rails = []
    rail_data = data.get("rails")
    for key, value in (rail_data if isinstance(rail_data, dict) else {}).items():
        if key not in settings.section_keys:
            hint = did_you_mean(key, settings.section_keys) or "rails are named by section key"
            problems.error(HOME_FILE, doc.line_of("rails", key), f"unknown section '{key}'", hint)
            continue
        if value is None:  # `europe:` with its pins taken out
            continue
        if not isinstance(value, list):
            reader.wrong_type(("rails", key), value, "a list of pins")
            continue
        rails.append((str(key), reader.pins(value, ("rails", key))))
    banner = reader.banner(data.get("banner"))
    return HomeFile(lead, top, tuple(rails), banner)


class _Reader:
    """Turns the parts of one home.yaml into records, recording problems with their lines."""

    def __init__(self, doc: YamlDoc, zone: ZoneInfo, problems: Problems) -> None:
        self.doc = doc
        self.zone = zone
        self.problems = problems

    def error(self, keys: tuple[Key, ...], message: str, hint: str = "") -> None:
        self.problems.error(HOME_FILE, self.doc.line_of(*keys), message, hint)

    def wrong_type(self, keys: tuple[Key, ...], value: object, wanted: str) -> None:
        where = ".".join(str(k) for k in keys)
        self.error(keys, f"'{where}' must be {wanted}, not {type_name(value)}")

    def pins(self, raw: Any, keys: tuple[Key, ...]) -> tuple[Pin, ...]:
        if not isinstance(raw, list):  # a wrong type is reported by check_mapping
            return ()
        found = (self.pin(item, (*keys, i)) for i, item in enumerate(raw))
        return tuple(pin for pin in found if pin is not None)

    def pin(self, raw: Any, keys: tuple[Key, ...]) -> Pin | None:
        """`{article: NAME, until: TIME}`, or the name alone for a pin without an end."""
        if isinstance(raw, str):
            return self._pin_name(raw, keys)
        if not isinstance(raw, dict):
            self.wrong_type(keys, raw, "a pin: {article: section/slug, until: time}")
            return None
        if not check_mapping(raw, PIN_FIELDS, self.doc, HOME_FILE, self.problems, keys, "a pin"):
            return None
        before = len(self.problems.errors)
        until = self.when(raw.get("until"), (*keys, "until"))
        pin = self._pin_name(raw["article"], (*keys, "article"))
        if pin is None or len(self.problems.errors) > before:
            return None
        return Pin(pin.article, until, pin.line)

    def _pin_name(self, name: str, keys: tuple[Key, ...]) -> Pin | None:
        name = name.strip()
        if not name.strip("/"):
            self.error(keys, "a pin must name an article", "write section/slug or slug")
            return None
        return Pin(name, None, self.doc.line_of(*keys))

    def banner(self, raw: Any) -> Banner | None:
        keys: tuple[Key, ...] = ("banner",)
        if raw is None or not check_mapping(
            raw, BANNER_FIELDS, self.doc, HOME_FILE, self.problems, keys, "the banner"
        ):
            return None
        before = len(self.problems.errors)
        url = (raw.get("url") or "").strip()
        if url and not _is_banner_url(url):
            self.error(
                (*keys, "url"),
                f"the banner's url '{url}' is neither a path of the site nor an http(s) URL",
                "write a path such as /europe/nato-summit-live/ or an https:// address",
            )
        until = self.when(raw.get("until"), (*keys, "until"))
        if len(self.problems.errors) > before:
            return None
        return Banner(" ".join(raw["text"].split()), url, until, self.doc.line_of(*keys))

    def when(self, value: Any, keys: tuple[Key, ...]) -> dt.datetime | None:
        """An `until`, or None when absent or (reported) not a time."""
        if value is None:
            return None
        moment = moment_of(value, self.zone)
        if moment is None:
            self.error(
                keys,
                f"'until' is not a date or time: '{value}'",
                "write 2026-07-07 or 2026-07-07T09:00:00-04:00",
            )
            return None
        wrong_year = year_problem(moment.when)
        if wrong_year:
            self.error(keys, f"'until' {wrong_year}", year_hint())
            return None
        return moment.when


def _is_banner_url(url: str) -> bool:
    """A path of the site (with an optional query or anchor) or an absolute http(s) URL."""
    if is_web_url(url):
        return True
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return not parts.scheme and not parts.netloc and is_local_path(parts.path)
