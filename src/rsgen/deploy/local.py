"""The built output as a deploy sees it: each file's MD5, headers, redirect, and whether it
is an article page.

Everything is read from the output folder itself, so a deploy needs neither the content nor
the build's cache:
- the MD5 is what S3 reports as the ETag of an object uploaded in one piece, so a listing
  can be compared without downloading anything;
- the headers come from the one header policy (`rsgen.publish.headers`) the build's `/_headers` states;
- an alias's redirect comes from the build's `/_redirects` (`/old /new 301` per line);
- an article page is a page whose JSON-LD names a NewsArticle type (`NewsArticle`,
  `AnalysisNewsArticle`, …): every article page carries one and no other page does, whatever
  its template looks like. The removed-URL guard is built on this flag.

Files are read and hashed by a few threads: hashlib releases the GIL on large inputs.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from rsgen.base.outfolder import OUTPUT_MARKER
from rsgen.publish import HeaderPolicy

REDIRECTS_FILE = "_redirects"
READERS = 8
JSON_LD = re.compile(rb'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


@dataclass(frozen=True)
class LocalFile:
    """One file of the built output, with what a target should hold for it."""

    path: str  # relative to the output folder, with forward slashes
    md5: str
    size: int
    content_type: str
    cache_control: str
    redirect: str = ""  # an alias's redirect: the article's URL path
    article: bool = False


@dataclass(frozen=True)
class LocalOutput:
    """The whole built output: its folder and every file in it by path."""

    root: Path
    files: dict[str, LocalFile]

    def read(self, path: str) -> bytes:
        return (self.root / path).read_bytes()


def scan_output(root: Path, root_path: str, policy: HeaderPolicy) -> LocalOutput:
    """Hash and describe every file under `root`; `root_path` is the path part of the site's
    base URL, which the URLs in `_redirects` start with."""
    paths = sorted(_files(root))
    redirects = _redirects(root, root_path)
    with ThreadPoolExecutor(READERS) as pool:
        found = pool.map(lambda rel: _describe(root, rel, policy, redirects), paths)
        files = {entry.path: entry for entry in found}
    return LocalOutput(root, files)


def _files(root: Path) -> Iterator[str]:
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        base = Path(folder).relative_to(root).as_posix()
        for name in names:
            if base == "." and name == OUTPUT_MARKER:
                continue  # rsgen's mark of its output folder, not part of the site
            if os.path.isfile(os.path.join(folder, name)):
                yield name if base == "." else f"{base}/{name}"


def _describe(root: Path, rel: str, policy: HeaderPolicy, redirects: dict[str, str]) -> LocalFile:
    data = (root / rel).read_bytes()
    headers = policy.headers(rel)
    return LocalFile(
        path=rel,
        md5=hashlib.md5(data, usedforsecurity=False).hexdigest(),
        size=len(data),
        content_type=headers.content_type,
        cache_control=headers.cache_control,
        redirect=redirects.get(rel, ""),
        article=rel.endswith(".html") and is_article_page(data),
    )


def is_article_page(html: bytes) -> bool:
    """True when the page's JSON-LD describes a news article (see the module's docstring)."""
    if b"NewsArticle" not in html:
        return False
    for match in JSON_LD.finditer(html):
        try:
            data = json.loads(match.group(1))
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            kind = item.get("@type") if isinstance(item, dict) else None
            kinds = kind if isinstance(kind, list) else [kind]
            if any(isinstance(k, str) and k.endswith("NewsArticle") for k in kinds):
                return True
    return False


def _redirects(root: Path, root_path: str) -> dict[str, str]:
    """Output path of each alias page → the URL path it redirects to, from `_redirects`."""
    try:
        text = (root / REDIRECTS_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    found = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) < 2 or line.startswith("#"):
            continue
        source, target = parts[0], parts[1]
        found[alias_output(source, root_path)] = target
    return found


def alias_output(source: str, root_path: str) -> str:
    """The output file of an alias URL path (`/news/2019/old/` → `2019/old/index.html`)."""
    rel = source[len(root_path) :] if source.startswith(root_path) else source.lstrip("/")
    return rel if rel.endswith(".html") else rel + "index.html"
