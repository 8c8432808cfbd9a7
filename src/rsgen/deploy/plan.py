"""What a deploy does, worked out before it touches anything: the diff, its order, its guards.

Pure functions of the built output and of what the target holds, so the whole plan, and
every reason to refuse it, is known before the first request that changes the target.

Order: a reader who loads a page between two uploads must find every file it uses, so files
go up in stages, each finished before the next begins: hashed assets (new names, nothing
refers to them yet), the other assets, article and redirect pages, the other pages (indexes,
tag and author pages), the files that list pages (feeds, sitemaps, `_redirects`, the search
index's entry), and the home page last. Deletions come after every upload.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from rsgen.deploy.local import LocalFile, LocalOutput
from rsgen.deploy.record import RemoteFile
from rsgen.publish import is_hashed

HOME = "index.html"
LISTS = ("robots.txt", "_redirects", "_headers", "pagefind/pagefind-entry.json")
STAGES = ("hashed assets", "assets", "articles", "pages", "feeds and lists", "home")


@dataclass(frozen=True)
class RemoteState:
    """What the target holds: from rsgen's record, or (when that is missing or does not
    match the target) from a listing, which does not know which pages are articles."""

    files: Mapping[str, RemoteFile]
    from_record: bool
    note: str = ""  # why the record was not used


@dataclass(frozen=True)
class Plan:
    """The uploads in order, which of them are new, the deletions, and how many files stay."""

    uploads: tuple[str, ...]
    new: frozenset[str]
    deletes: tuple[str, ...]
    unchanged: int

    def lines(self) -> list[str]:
        """`+ path` (new), `~ path` (changed bytes or headers), `- path` (deleted), in order."""
        shown = [f"{'+' if path in self.new else '~'} {path}" for path in self.uploads]
        return shown + [f"- {path}" for path in self.deletes]

    @property
    def changes(self) -> bool:
        return bool(self.uploads or self.deletes)


def make_plan(local: LocalOutput, remote: RemoteState, compare_headers: bool = True) -> Plan:
    """Upload what the target lacks or holds differently; delete what the output no longer
    has. `compare_headers` is False for targets that keep no headers (folders)."""
    changed = [
        f
        for path, f in local.files.items()
        if path not in remote.files or differs(f, remote.files[path], compare_headers)
    ]
    deletes = tuple(sorted(set(remote.files) - set(local.files)))
    return Plan(
        uploads=tuple(f.path for f in ordered(changed)),
        new=frozenset(f.path for f in changed if f.path not in remote.files),
        deletes=deletes,
        unchanged=len(local.files) - len(changed),
    )


def differs(local: LocalFile, remote: RemoteFile, compare_headers: bool) -> bool:
    """True when the target's copy has other bytes (or unknown ones) or other headers."""
    if local.md5 != remote.md5:
        return True
    if not compare_headers:
        return False
    return (local.content_type, local.cache_control, local.redirect) != (
        remote.content_type,
        remote.cache_control,
        remote.redirect,
    )


def stage(f: LocalFile) -> int:
    """The upload stage of a file (an index into STAGES)."""
    if f.path == HOME:
        return 5
    if f.path.endswith(".xml") or f.path in LISTS:
        return 4
    if f.path.endswith(".html"):
        return 2 if f.article or f.redirect else 3
    return 0 if is_hashed(f.path) else 1


def ordered(files: list[LocalFile]) -> list[LocalFile]:
    """Files in upload order: by stage, then by path."""
    return sorted(files, key=lambda f: (stage(f), f.path))


def stages(plan: Plan, local: LocalOutput) -> list[list[str]]:
    """The plan's uploads cut into stages (each finished before the next starts)."""
    found: list[list[str]] = []
    last = -1
    for path in plan.uploads:
        current = stage(local.files[path])
        if current != last:
            found.append([])
            last = current
        found[-1].append(path)
    return found


def too_many_deletes(plan: Plan, max_deletes: int) -> str:
    """The reason to refuse a plan that deletes more than `max_deletes` files ("" if not)."""
    if len(plan.deletes) <= max_deletes:
        return ""
    return (
        f"{len(plan.deletes)} files would be deleted, more than max_deletes ({max_deletes}); "
        "run with --dry-run to see them, and if they should go, raise deploy.max_deletes "
        "in site.yaml or pass --max-deletes"
    )


def removed_articles(
    plan: Plan,
    remote: RemoteState,
    local: LocalOutput,
    is_article: Callable[[str], bool],
) -> list[str]:
    """Why each article page the target serves would vanish without a redirect ([] if none).

    `is_article` answers for a path the record does not describe (after a listing).
    """
    redirected = {f.path for f in local.files.values() if f.redirect}
    reasons = []
    for path in plan.deletes:
        if not path.endswith("/index.html") or path in redirected:
            continue
        known = remote.files[path].article
        if not (known if known is not None else is_article(path)):
            continue
        url = "/" + path.removesuffix("index.html")
        reasons.append(
            f"{url} is an article the new output neither has nor redirects; {_fix(url, local)}"
        )
    return reasons


def _fix(url: str, local: LocalOutput) -> str:
    """What to do about a removed article URL, naming the article that may have replaced it."""
    slug = url.rstrip("/").rsplit("/", 1)[-1]
    twins = sorted(
        "/" + f.path.removesuffix("index.html")
        for f in local.files.values()
        if f.article and f.path.endswith(f"/{slug}/index.html")
    )
    where = f"the article now at {twins[0]}" if twins else "the article that replaces it"
    return (
        f"add `aliases: [{url}]` to the front matter of {where}, "
        "or pass --allow-removed if it was taken down"
    )
