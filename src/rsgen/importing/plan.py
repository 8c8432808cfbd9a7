"""Where each imported item goes: its slug, file, URL and aliases, decided before any writing.

Deciding every URL first lets the second pass rewrite a link to any other post, whatever their
order in the file, and keeps every URL unique: a slug another article already has gets the post's
id appended; a page whose URL is a section's, or one rsgen uses itself, is not imported; an
alias that is another page's URL, or rsgen's, or already taken, is dropped. Each such decision is
reported. The order of the export decides ties, so the same export always gives the same plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import unquote

from rsgen.importing.permalinks import as_alias, same_path
from rsgen.importing.report import Report
from rsgen.importing.sections import TAKEN_SEGMENTS
from rsgen.importing.survey import Candidate


@dataclass(frozen=True)
class Placement:
    """Where one item goes."""

    post_id: int
    kind: str
    status: str
    slug: str
    section: str
    file: str  # relative to the site
    url: str  # relative to the site root: "world/slug/" or "about/"
    aliases: tuple[str, ...]
    section_note: str = ""


@dataclass
class Plan:
    """Every placement, and every old path that leads to one."""

    placements: dict[int, Placement] = field(default_factory=dict)
    by_old_path: dict[str, str] = field(default_factory=dict)

    def url_of_id(self, post_id: int) -> str | None:
        placed = self.placements.get(post_id)
        return placed.url if placed is not None and placed.status != "draft" else None


def make_plan(candidates: list[Candidate], section_keys: set[str], report: Report) -> Plan:
    """Slugs, files, URLs and aliases of every candidate; clashes resolved and reported."""
    plan = Plan()
    taken_roots = set(section_keys) | TAKEN_SEGMENTS
    page_slugs: set[str] = set()
    for item in (c for c in candidates if c.kind == "page"):
        slug = item.slug or f"page-{item.post_id}"
        if slug in taken_roots:
            report.skip(
                item.line,
                "pages clashing with a section",
                f"page /{slug}/ has the URL of a section or of rsgen's own pages: not imported",
            )
            continue
        if slug in page_slugs:
            slug = f"{slug}-{item.post_id}"
        page_slugs.add(slug)
        plan.placements[item.post_id] = Placement(
            item.post_id, "page", item.status, slug, "", f"content/pages/{slug}.md", f"{slug}/", ()
        )
    article_slugs: set[str] = set()
    urls = {f"{s}/" for s in page_slugs} | {f"{k}/" for k in section_keys}
    for item in (c for c in candidates if c.kind == "article"):
        slug = item.slug or f"post-{item.post_id}"
        if slug in article_slugs:
            slug = f"{slug}-{item.post_id}"
            report.note(item.line, f"slug taken by another post: this one is '{slug}'")
        article_slugs.add(slug)
        url = f"{item.section}/{slug}/"
        urls.add(url)
        plan.placements[item.post_id] = Placement(
            item.post_id,
            "article",
            item.status,
            slug,
            item.section,
            f"content/articles/{item.year}/{slug}.md",
            url,
            (),
            item.section_note,
        )
    for item in candidates:
        placed = plan.placements.get(item.post_id)
        if placed is None:
            continue
        aliases = _aliases(item, placed, urls, section_keys, report)
        for path in item.old_paths:
            plan.by_old_path.setdefault(_key(path), placed.url)
        if aliases:
            plan.placements[item.post_id] = replace(placed, aliases=tuple(aliases))
    return plan


def _aliases(
    item: Candidate, placed: Placement, urls: set[str], section_keys: set[str], report: Report
) -> list[str]:
    aliases: list[str] = []
    for path in item.old_paths:
        if same_path(path, "/" + placed.url):
            continue
        alias, problem = as_alias(path)
        if problem:
            report.note(item.line, f"old URL {path} {problem}: not kept as an alias")
            continue
        relative = alias.lstrip("/")
        segments = relative.split("/")
        if placed.kind == "page":
            report.note(
                item.line,
                f"old URL {path} is not kept: pages take no aliases (new URL /{placed.url})",
            )
            continue
        is_pager = segments[0] in section_keys and len(segments) > 1 and segments[1] == "page"
        if relative in urls or segments[0] in TAKEN_SEGMENTS or is_pager:
            report.note(
                item.line, f"old URL {path} is the URL of another page: not kept as an alias"
            )
            continue
        urls.add(relative)
        aliases.append(alias)
    return aliases


def _key(path: str) -> str:
    """An old path as the link rewriter looks it up: decoded, with its trailing slash."""
    if "?" in path:
        return path
    decoded = unquote(path)
    return decoded if decoded.endswith(("/", ".html")) else decoded + "/"
