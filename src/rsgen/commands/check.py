"""`rsgen check`: everything a build checks, plus templates and internal links (in bodies and
the editors' banner); writes nothing."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from rsgen.base.errors import Problem, Problems, SiteError
from rsgen.base.folders import HOME_FILE
from rsgen.build import load_site
from rsgen.content import Article, Author, Content, Page, default_jobs
from rsgen.graph import BuildOptions, SiteGraph, plan_pages, planned_outputs
from rsgen.render import new_environment, template_problems
from rsgen.settings import Settings, deploy_problems


@dataclass(frozen=True)
class CheckResult:
    articles: int
    pages: int
    links: int
    seconds: float
    warnings: tuple[Problem, ...]


def check_site(
    site: Path, options: BuildOptions, base_url: str = "", strict: bool = False
) -> CheckResult:
    """Validate the whole site; raise SiteError listing every problem."""
    started = time.perf_counter()
    # templates and the deploy settings, which a build does not read
    unbuilt = [*check_templates(site), *deploy_problems(site)]
    try:
        loaded = load_site(site, options, base_url, strict, jobs=default_jobs())
    except SiteError as err:  # report content and template problems in one go
        raise SiteError([*err.problems, *unbuilt]) from None
    problems = Problems()
    problems.extend(unbuilt)
    known = known_paths(loaded.graph, loaded.static_files)
    links = check_links(loaded.content, loaded.settings, known, problems)
    check_banner_link(loaded.graph, known, problems)
    problems.raise_if_errors(strict)
    graph = loaded.graph
    return CheckResult(
        len(graph.articles),
        len(plan_pages(graph)),
        links,
        time.perf_counter() - started,
        loaded.warnings,
    )


def check_templates(site: Path) -> list[Problem]:
    """Compile every template, reporting syntax errors with their line."""
    return template_problems(new_environment(site), site)


def known_paths(graph: SiteGraph, static_files: frozenset[str]) -> frozenset[str]:
    """Every path below the site root that the build will write (pages without index.html)."""
    return frozenset(
        path.removesuffix("index.html") for path in planned_outputs(graph, static_files)
    )


def check_links(
    content: Content, settings: Settings, known: frozenset[str], problems: Problems
) -> int:
    """Report every internal link in a body that leads nowhere; return how many links were read.

    Drafts and future articles are checked too: their links will go live with them.
    """
    root = settings.root_path
    host = urlsplit(settings.base_url).netloc
    count = 0
    items: list[Article | Author | Page] = [*content.articles, *content.authors, *content.pages]
    for item in items:
        body = item.bio if isinstance(item, Author) else item.body
        for href, line in body.links:
            count += 1
            target = internal_target(href, root, host)
            if target is not None and target not in known:
                problems.error(
                    item.source, line, f"link to {href} leads to no page or file of the site"
                )
    return count


def check_banner_link(graph: SiteGraph, known: frozenset[str], problems: Problems) -> None:
    """Report a banner in force whose link is a path of the site that leads nowhere."""
    banner = graph.home.banner
    if banner is None or not banner.url.startswith("/"):
        return
    path = unquote(urlsplit(banner.url).path).lstrip("/").removesuffix("index.html")
    if path not in known:
        problems.error(
            HOME_FILE,
            banner.line,
            f"the banner links to {banner.url}, which is no page or file of the site",
        )


def internal_target(href: str, root: str, host: str) -> str | None:
    """The site path a link points to, or None for external links, anchors and mail."""
    try:
        parts = urlsplit(href)
    except ValueError:  # a malformed host ("http://[x"): not a link into the site
        return None
    if parts.scheme in ("http", "https") and parts.netloc != host:
        return None
    if parts.scheme not in ("", "http", "https") or not parts.path.startswith(root):
        return None
    path = unquote(parts.path)[len(root) :]
    return path.removesuffix("index.html")
