"""The names of a site's files and folders, and where rsgen's built-in theme lives: one place.

Every stage that reads or watches a site spells these names from here, so a site's layout
is defined once (README.md, "A site").
"""

from __future__ import annotations

import functools
from pathlib import Path

SETTINGS_FILE = "site.yaml"
CONTENT_DIR = "content"
ARTICLES_DIR = f"{CONTENT_DIR}/articles"
AUTHORS_DIR = f"{CONTENT_DIR}/authors"
PAGES_DIR = f"{CONTENT_DIR}/pages"
HOME_FILE = f"{CONTENT_DIR}/home.yaml"  # the editors' front page: pins and a banner
SERIES_DIR = f"{CONTENT_DIR}/series"
TEMPLATES_DIR = "templates"
STATIC_DIR = "static"
# the folders a build reads besides site.yaml (a change anywhere below them may change output)
INPUT_FOLDERS = (CONTENT_DIR, TEMPLATES_DIR, STATIC_DIR)
# folders that must be real folders of the site, never symbolic links (docs/safety.md)
SOURCE_FOLDERS = (
    CONTENT_DIR,
    ARTICLES_DIR,
    AUTHORS_DIR,
    PAGES_DIR,
    f"{CONTENT_DIR}/series",
    TEMPLATES_DIR,
    STATIC_DIR,
)
CACHE_DIR = ".rsgen-cache"
DEFAULT_OUTPUT = "public"

# the built-in theme: used for every template (and static file) the site does not provide
THEME_DIR = Path(__file__).resolve().parent.parent / "theme"


@functools.cache
def theme_static_files() -> frozenset[str]:
    """The built-in theme's static files (its CSS, icons), as paths below the output root."""
    root = THEME_DIR / STATIC_DIR
    return frozenset(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def leaves_site(site: Path, path: Path) -> bool:
    """Whether `path`, its symbolic links followed, is outside the site folder."""
    return not path.resolve().is_relative_to(site.resolve())
