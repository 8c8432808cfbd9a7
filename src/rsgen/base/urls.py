"""What makes a URL or a URL path acceptable, for settings and content alike."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

# a slug, a section key or an author key: lowercase letters and digits, single hyphens
SAFE_SEGMENT = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# an alias: segments of lowercase letters (of any script: WordPress permalinks such as
# /2019/05/été/ keep working), digits and hyphens between single slashes, ending in `/` or
# `.html` (or neither: `/` is added); nothing a host reads as a pattern (`*`, `:name`, `!`,
# `?`, `#`, `%`, quotes, spaces), and no capitals (a case-insensitive disk would merge them)
ALIAS_PATH = re.compile(r"^/(?:[^/]+/)*[^/]+/?$")
MAX_SEGMENT_BYTES = 255  # the longest file name most file systems allow
MAX_ALIAS_DEPTH = 32
# names Windows keeps for devices, with or without an extension: such a file cannot be made
# there, and a checkout or copy of the output would fail
WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
)


def segment_problem(segment: str, what: str) -> str:
    """Why one URL segment cannot be a file or folder name ("" when it can)."""
    size = len(segment.encode("utf-8"))
    if size > MAX_SEGMENT_BYTES:
        return (
            f"{what} '{segment[:40]}…' is {size:,} bytes long; "
            f"a URL segment may have at most {MAX_SEGMENT_BYTES}"
        )
    if segment.split(".", 1)[0].lower() in WINDOWS_DEVICES:
        return f"{what} '{segment}' is a name Windows keeps for a device"
    return ""


def _alias_segment(segment: str) -> bool:
    return bool(segment) and all(
        c == "-" or (unicodedata.category(c)[0] in "LN" and not c.isupper()) for c in segment
    )


def alias_problem(path: str) -> str:
    """Why `path` cannot be an alias ("" when it can; "pattern" when its characters or
    shape are wrong)."""
    if not ALIAS_PATH.match(path):
        return "pattern"
    segments = path.strip("/").split("/")
    last = segments[-1].removesuffix(".html") if not path.endswith("/") else segments[-1]
    if not all(_alias_segment(s) for s in [*segments[:-1], last]):
        return "pattern"
    if len(segments) > MAX_ALIAS_DEPTH:
        return f"it has {len(segments):,} segments; an alias may have at most {MAX_ALIAS_DEPTH}"
    for segment in segments:
        problem = segment_problem(segment, "the segment")
        if problem:
            return problem
    return ""


def is_web_url(url: str) -> bool:
    """True for an absolute http(s) URL (never `javascript:` or other schemes)."""
    try:
        parts = urlsplit(url)
    except ValueError:  # a malformed host such as "https://[x"
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def is_local_path(path: str) -> bool:
    """A root-relative path that stays inside the site: no '..', '.', '//', backslash or query."""
    if not path.startswith("/") or path.startswith("//") or any(c in path for c in "\\?#\0"):
        return False
    return all(part not in (".", "..") for part in path.split("/"))
