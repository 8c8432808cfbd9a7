"""The HTTP headers of every output file: its Content-Type and its Cache-Control.

One policy, read by two writers: the build states it in `/_headers` (the file Netlify and
Cloudflare Pages read) and `rsgen deploy` sets it on every object it uploads, so a site
served from either kind of host caches the same way.

The policy follows from what rsgen knows about its own file names:
- a name that carries a hash of the content (the responsive image sizes
  `images/_r/<name>-<hash8>-<width>.<ext>`, Pagefind's index parts) never changes its bytes:
  `public, max-age=31536000, immutable`;
- every other file keeps its name when its content changes (pages, feeds, sitemaps, styles,
  `pagefind.js`, `wasm.<language>.pagefind`): a short `max-age`, so readers see an edit soon.

`_headers` rules are written so that no two of them match one URL: Cloudflare Pages joins
the values of every matching rule with a comma (two Cache-Controls would make one invalid
header) and Netlify keeps the last one. A folder whose files all share a policy is one rule
(`/europe/*`); a folder that mixes them gets `/folder/:name` for its own files when they
agree, or one rule per file, and a rule for each sub-folder.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

HEADERS_FILE = "_headers"
IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=60"
# Cloudflare Pages reads at most this many rules from `_headers`
CLOUDFLARE_HEADER_RULES = 100
# Cloudflare Pages reads at most 2,000 static redirects; Netlify asks sites with 10,000 or more
# to use wildcards instead (both in their documentation of `_redirects`)
CLOUDFLARE_STATIC_REDIRECTS = 2_000
NETLIFY_REDIRECTS = 10_000

# names that carry a hash of their content, relative to the output folder
HASHED_NAMES = (
    re.compile(r"images/_r/[^/]+-[0-9a-f]{8}-[0-9]+\.[a-z0-9]+"),  # images.py: derivatives
    re.compile(r"pagefind/(?:fragment|index|filter)/[^/]+\.pf_(?:fragment|index|filter)"),
    re.compile(r"pagefind/pagefind\.[^/]+\.pf_meta"),
)
TEXT = "; charset=utf-8"
# a fixed table rather than the `mimetypes` module, which reads the machine's own lists
CONTENT_TYPES = {
    ".html": "text/html" + TEXT,
    ".htm": "text/html" + TEXT,
    ".css": "text/css" + TEXT,
    ".js": "text/javascript" + TEXT,
    ".mjs": "text/javascript" + TEXT,
    ".json": "application/json" + TEXT,
    ".map": "application/json" + TEXT,
    ".webmanifest": "application/manifest+json" + TEXT,
    ".xml": "application/xml" + TEXT,
    ".xsl": "application/xslt+xml" + TEXT,
    ".txt": "text/plain" + TEXT,
    ".csv": "text/csv" + TEXT,
    ".md": "text/markdown" + TEXT,
    ".svg": "image/svg+xml" + TEXT,
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".pdf": "application/pdf",
    ".mp3": "audio/mpeg",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".wasm": "application/wasm",
    ".zip": "application/zip",
    ".gz": "application/gzip",
}
# files rsgen writes without a suffix: `_redirects`, `_headers`
NO_SUFFIX = "text/plain" + TEXT
BINARY = "application/octet-stream"  # Pagefind's .pf_* and .pagefind files, and anything unknown


@dataclass(frozen=True)
class FileHeaders:
    """The headers one output file is served with."""

    content_type: str
    cache_control: str


@dataclass(frozen=True)
class HeaderPolicy:
    """How long each kind of file may be cached; the defaults are rsgen's policy."""

    short: str = SHORT
    immutable: str = IMMUTABLE

    def cache_control(self, path: str) -> str:
        """The Cache-Control of the output file `path` (relative to the output folder)."""
        return self.immutable if is_hashed(path) else self.short

    def headers(self, path: str) -> FileHeaders:
        """Content-Type and Cache-Control of the output file `path`."""
        return FileHeaders(content_type(path), self.cache_control(path))


def is_hashed(path: str) -> bool:
    """True when the file's name changes whenever its content does."""
    return any(pattern.fullmatch(path) for pattern in HASHED_NAMES)


def content_type(path: str) -> str:
    """The Content-Type of an output file, with `; charset=utf-8` for text (all rsgen writes)."""
    name = path.rsplit("/", 1)[-1]
    if "." not in name.lstrip("."):
        return NO_SUFFIX
    suffix = "." + name.rsplit(".", 1)[-1].lower()
    return CONTENT_TYPES.get(suffix, BINARY)


@dataclass(frozen=True)
class HeaderRule:
    """One block of `_headers`: a URL pattern and the Cache-Control of what it matches."""

    pattern: str
    cache_control: str


@dataclass
class _Folder:
    files: dict[str, str] = field(default_factory=dict)  # name -> Cache-Control
    folders: dict[str, _Folder] = field(default_factory=dict)

    def values(self) -> set[str]:
        found = set(self.files.values())
        for sub in self.folders.values():
            found |= sub.values()
        return found


def header_rules(paths: Iterable[str], policy: HeaderPolicy | None = None) -> list[HeaderRule]:
    """Rules covering every output file in `paths` with its Cache-Control, no two overlapping."""
    policy = policy or HeaderPolicy()
    root = _Folder()
    for path in paths:
        *folders, name = path.split("/")
        node = root
        for part in folders:
            node = node.folders.setdefault(part, _Folder())
        node.files[name] = policy.cache_control(path)
    return _rules("/", root)


def _rules(prefix: str, folder: _Folder) -> list[HeaderRule]:
    values = folder.values()
    if len(values) == 1:  # one rule for the whole folder (and its URL, `/europe/`)
        return [HeaderRule(prefix + "*", values.pop())]
    rules: list[HeaderRule] = []
    own = set(folder.files.values())
    if "index.html" in folder.files:  # the folder's own URL is not matched by `:name`
        rules.append(HeaderRule(prefix, folder.files["index.html"]))
    if len(own) == 1:
        rules.append(HeaderRule(prefix + ":name", own.pop()))
    else:
        rules += [HeaderRule(prefix + name, value) for name, value in sorted(folder.files.items())]
    for name, sub in sorted(folder.folders.items()):
        rules += _rules(f"{prefix}{name}/", sub)
    return rules


def headers_file(rules: Iterable[HeaderRule]) -> str:
    """The text of `/_headers` stating `rules` (see `header_rules`)."""
    blocks = [f"{rule.pattern}\n  Cache-Control: {rule.cache_control}\n" for rule in rules]
    intro = (
        "# The cache policy of this site's files, written by rsgen: Netlify and Cloudflare\n"
        "# Pages read it; `rsgen deploy` sets the same headers on every object it uploads.\n"
    )
    return intro + "".join(blocks)


def host_limit_warnings(redirects: int, rules: int) -> list[tuple[str, str]]:
    """What static hosts will not read of `_redirects` and `_headers`: (file, message) pairs."""
    found = []
    if redirects > CLOUDFLARE_STATIC_REDIRECTS:
        found.append(
            (
                "_redirects",
                f"{redirects:,} redirects: Cloudflare Pages reads only the first "
                f"{CLOUDFLARE_STATIC_REDIRECTS:,} static ones (the redirect pages still work)",
            )
        )
    if redirects >= NETLIFY_REDIRECTS:
        found.append(
            (
                "_redirects",
                f"{redirects:,} redirects: Netlify advises wildcards from "
                f"{NETLIFY_REDIRECTS:,} on, and may refuse a deploy whose rules are too large",
            )
        )
    if rules > CLOUDFLARE_HEADER_RULES:
        found.append(
            (
                HEADERS_FILE,
                f"{rules:,} rules: Cloudflare Pages reads at most {CLOUDFLARE_HEADER_RULES} "
                "(each top-level folder that mixes hashed and other files adds rules)",
            )
        )
    return found
