"""Which section an imported post lands in: its categories, `--sections MAP.yaml`, site.yaml.

The map is a YAML mapping from a WordPress category's slug (its "nicename", as in the
category's URL) to a section key:

```yaml
world-news: world        # posts in "World News" go to the section "world"
asia: asia-pacific
uncategorized: ~         # never decides: the post's next category does
"*": world               # optional: any post none of whose categories is listed
```

A post takes the first of its categories (in the export's order) that the map sends somewhere;
then the `"*"` entry; then its first category as it is. Into a new site every section reached
becomes a section of the written site.yaml (titled after its category). Into an existing site
the sections are site.yaml's: a category that is not one of them goes to the first section,
and the report says so. A post without a category is treated as WordPress's "uncategorized".
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from rsgen.base.errors import Problems, did_you_mean
from rsgen.base.located import DocumentSyntaxError
from rsgen.base.urls import SAFE_SEGMENT
from rsgen.base.yamlsource import parse_yaml
from rsgen.content import slugify
from rsgen.importing.text import plain_text
from rsgen.importing.wxr import Category
from rsgen.settings import RESERVED_SEGMENTS, Section

# URL segments a section cannot take: rsgen's own, and the static folders the importer fills
TAKEN_SEGMENTS = RESERVED_SEGMENTS | {"images", "files", "series", "404.html", "sitemap.xml"}
DEFAULT_CATEGORY = "uncategorized"


@dataclass(frozen=True)
class SectionMap:
    """`--sections MAP.yaml`: category slug → section key (None: "look at the next one")."""

    entries: tuple[tuple[str, str | None], ...] = ()
    default: str = ""

    def target(self, nicename: str) -> tuple[bool, str | None]:
        """(listed?, section key or None) for one category slug."""
        for key, value in self.entries:
            if key == nicename:
                return True, value
        return False, None


def load_section_map(
    path: Path, shown: str, known: tuple[str, ...] | None, problems: Problems
) -> SectionMap:
    """Read and check a map; every problem is reported as `shown:LINE`."""
    try:
        text = path.read_text(encoding="utf-8")
        doc = parse_yaml(text)
    except OSError as err:
        problems.error(shown, 0, f"cannot read the section map ({err.strerror or err})")
        return SectionMap()
    except UnicodeDecodeError:
        problems.error(shown, 0, "not UTF-8 text")
        return SectionMap()
    except DocumentSyntaxError as err:
        problems.error(shown, err.line, err.message, err.hint)
        return SectionMap()
    data: Any = doc.data
    if not isinstance(data, dict):
        problems.error(
            shown, 1, "the section map must be a mapping of category slugs to section keys"
        )
        return SectionMap()
    entries: list[tuple[str, str | None]] = []
    default = ""
    for key, value in data.items():
        line = doc.line_of(key)
        if value is not None and (not isinstance(value, str) or not SAFE_SEGMENT.match(value)):
            problems.error(
                shown,
                line,
                f"'{key}' must map to a section key (lowercase letters, digits, hyphens) or ~",
            )
            continue
        if known is not None and value is not None and value not in known:
            problems.error(
                shown, line, f"'{value}' is not a section of site.yaml", did_you_mean(value, known)
            )
            continue
        if value in TAKEN_SEGMENTS:
            problems.error(shown, line, f"'{value}' is a URL rsgen uses itself")
            continue
        if str(key) == "*":
            default = value or ""
        else:
            entries.append((str(key), value))
    return SectionMap(tuple(entries), default)


def section_key(nicename: str) -> str:
    """A category slug as a section key: a safe URL segment none of rsgen's own."""
    key = slugify(unquote(nicename))
    if not key:
        key = "section-" + hashlib.sha1(nicename.encode()).hexdigest()[:6]
    return f"{key}-section" if key in TAKEN_SEGMENTS else key


class SectionChooser:
    """Chooses each post's section and remembers which sections were used, and how often."""

    def __init__(
        self,
        section_map: SectionMap,
        existing: tuple[Section, ...] | None,
        categories: dict[str, Category],
    ) -> None:
        self.map = section_map
        self.existing = existing
        self.categories = categories
        self.used: Counter[str] = Counter()
        self.titles: dict[str, str] = {}
        self.descriptions: dict[str, str] = {}

    def choose(self, nicenames: list[tuple[str, str]]) -> tuple[str, str]:
        """(section key, note) for a post with these (slug, name) categories."""
        nicenames = nicenames or [(DEFAULT_CATEGORY, "Uncategorized")]
        key = ""
        for nicename, _ in nicenames:
            listed, value = self.map.target(nicename)
            if listed and value is not None:
                key = value
                break
        if not key and self.map.default:
            key = self.map.default
        note = ""
        if not key:
            listed_names = [(n, t) for n, t in nicenames if not self.map.target(n)[0]]
            nicename, name = (listed_names or nicenames)[0]
            key = section_key(nicename)
            self.titles.setdefault(key, plain_text(name) or key)
            category = self.categories.get(nicename)
            if category is not None and category.description:
                self.descriptions.setdefault(key, plain_text(category.description))
        if self.existing is not None and key not in {s.key for s in self.existing}:
            fallback = self.existing[0].key
            note = f"category '{key}' is not a section of site.yaml: filed under '{fallback}'"
            key = fallback
        self.used[key] += 1
        return key, note

    def new_sections(self) -> list[Section]:
        """The sections of a new site.yaml: every section used, the most used first."""
        ordered = sorted(self.used.items(), key=lambda kv: (-kv[1], kv[0]))
        return [
            Section(
                key,
                self.titles.get(key) or key.replace("-", " ").title(),
                self.descriptions.get(key, ""),
            )
            for key, _ in ordered
        ]
