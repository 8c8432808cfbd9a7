"""Telling a CDN what changed: CloudFront invalidations and the `--purge-list` file.

Exactly the files a deploy uploaded or deleted are purged, as the URL paths readers request:
a page `europe/x/index.html` as `/europe/x/` and `/europe/x/index.html`, under the path of
the site's base URL. CloudFront charges per path (a wildcard counts as one) and allows 15
wildcard paths in progress at once, so past `MAX_PATHS` paths the top-level folders with the
most paths are replaced by `/folder/*`, at most `MAX_WILDCARDS` of them; when that is still
too many, the whole site (`/*`) is invalidated. `--purge-list` writes the exact paths, never
grouped, since each CDN has its own wildcard rules.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

from rsgen.deploy.aws import aws_errors, cloudfront_client

MAX_PATHS = 100
MAX_WILDCARDS = 10
SAFE = "/-._~!$&'()+,;=:@"  # characters CloudFront takes as they are in a path


def purge_paths(paths: Iterable[str], root_path: str) -> list[str]:
    """The URL paths of output files, sorted; a page's folder URL comes with its index.html."""
    found: set[str] = set()
    for path in paths:
        url = quote(root_path + path, safe=SAFE)
        found.add(url)
        if path == "index.html" or path.endswith("/index.html"):
            found.add(url.removesuffix("index.html"))
    return sorted(found)


def grouped(
    paths: list[str], root_path: str, max_paths: int = MAX_PATHS, max_wildcards: int = MAX_WILDCARDS
) -> list[str]:
    """`paths`, or as few wildcards over the busiest top-level folders as bring the count
    within `max_paths`, or the whole site."""
    if len(paths) <= max_paths:
        return paths
    folder_of = {p: _top_folder(p, root_path) for p in paths}
    counts = Counter(f for f in folder_of.values() if f)
    wildcards: set[str] = set()
    remaining = len(paths)
    for folder, count in counts.most_common():
        if remaining + len(wildcards) <= max_paths or len(wildcards) == max_wildcards:
            break
        wildcards.add(folder)
        remaining -= count
    if remaining + len(wildcards) > max_paths:
        return [root_path + "*"]
    kept = [p for p in paths if folder_of[p] not in wildcards]
    return sorted([*kept, *(f"{root_path}{folder}/*" for folder in wildcards)])


def _top_folder(path: str, root_path: str) -> str:
    """The first folder of a URL path below the site's root ("" for a file at the root)."""
    rest = path[len(root_path) :] if path.startswith(root_path) else path.lstrip("/")
    return rest.split("/", 1)[0] if "/" in rest else ""


def invalidate(distribution: str, paths: list[str], reference: str) -> str:
    """Ask CloudFront to invalidate `paths`; return the invalidation's id."""
    client = cloudfront_client()
    with aws_errors("CloudFront", f"invalidating distribution {distribution}"):
        answer = client.create_invalidation(
            DistributionId=distribution,
            InvalidationBatch={
                "Paths": {"Quantity": len(paths), "Items": paths},
                "CallerReference": reference,
            },
        )
    return str(answer["Invalidation"]["Id"])


def write_purge_list(file: Path, paths: list[str]) -> None:
    """The URL paths to purge as a JSON array, for CDNs other than CloudFront."""
    file.write_text(json.dumps(paths, indent=1) + "\n", encoding="utf-8")
