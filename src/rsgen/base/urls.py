"""What makes a URL or a URL path acceptable, for settings and content alike."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# a slug, a section key or an author key: lowercase letters and digits, single hyphens
SAFE_SEGMENT = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


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
