"""Old URLs: where a post answered on the WordPress site, and which of those can be aliases.

A post's old permalink is its `<link>`; WordPress also keeps every earlier slug in
`_wp_old_slug`, and answers at the permalink with the old slug in place of the new one, so those
paths are old URLs too. Paths are taken relative to the old site's address (a blog at
`https://example.org/news/` gives `/2019/05/slug/`), percent-escapes decoded (a static host
looks files up by the decoded name). A `?p=123` link (WordPress's "plain" permalinks) cannot be
an alias: static hosting ignores query strings, so it is reported instead; docs/migrating.md
shows the server rule that keeps such links working.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from rsgen.base.urls import alias_problem, is_local_path


@dataclass(frozen=True)
class OldSite:
    """The WordPress site's address: host (without `www.`) and the path it lives under."""

    host: str
    base_path: str

    @classmethod
    def from_url(cls, url: str) -> OldSite:
        parts = urlsplit(url.strip())
        path = parts.path if parts.path.endswith("/") else parts.path + "/"
        return cls(_bare_host(parts.netloc), path)

    def site_path(self, url: str) -> str | None:
        """`url` as a path below the old site (query kept), or None when it is elsewhere."""
        try:
            parts = urlsplit(url.strip())
        except ValueError:
            return None
        if parts.netloc and _bare_host(parts.netloc) != self.host:
            return None
        if parts.scheme not in ("", "http", "https"):
            return None
        path = parts.path or "/"
        if not path.startswith("/"):
            return None
        if not (path + "/").startswith(self.base_path) and path != self.base_path.rstrip("/"):
            return None
        relative = (
            "/" + path[len(self.base_path) :].lstrip("/")
            if path.startswith(self.base_path)
            else "/"
        )
        return relative + (f"?{parts.query}" if parts.query else "")


def _bare_host(netloc: str) -> str:
    host = netloc.lower().rsplit("@", 1)[-1]
    return host.removeprefix("www.")


def old_paths(link: str, post_name: str, old_slugs: list[str], site: OldSite) -> list[str]:
    """The old paths of a post: its permalink, and the permalink with each earlier slug."""
    path = site.site_path(link) if link else None
    if path is None:
        return []
    found = [path]
    if post_name and "?" not in path:
        segments = path.split("/")
        if post_name in segments:
            at = len(segments) - 1 - segments[::-1].index(post_name)
            for slug in old_slugs:
                if slug and slug != post_name:
                    found.append("/".join([*segments[:at], slug, *segments[at + 1 :]]))
    return found


def as_alias(path: str) -> tuple[str, str]:
    """(alias, "") for a path rsgen can redirect, or ("", why not)."""
    if "?" in path:
        return "", "has a query string, which static hosting cannot redirect"
    decoded = unquote(path)
    if not decoded.endswith(("/", ".html")):
        decoded += "/"
    if decoded.strip("/") == "":
        return "", "is the home page"
    if not is_local_path(decoded) or alias_problem(decoded):  # the rule of content/parse.py
        return "", (
            "is not a path an alias can take (only lowercase letters, digits and hyphens "
            "between single slashes: hosts read other characters as patterns)"
        )
    return decoded, ""


def same_path(a: str, b: str) -> bool:
    """True when two site paths are the same URL (trailing slash and escapes aside)."""
    return unquote(a).rstrip("/") == unquote(b).rstrip("/")
