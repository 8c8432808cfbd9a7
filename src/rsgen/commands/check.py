"""`rsgen check`: what a build would reject, plus dead links and references; writes nothing.

It runs the build's own stages up to the graph (settings, content, cross-file checks, URL
claims) and compiles every template, as a build does. Then, where a build renders every page,
check renders a sample in memory: one page of each kind and template, and of each *shape*
(which optional fields are filled: an article with a photo, a correction, no keep-reading
teasers; an index's second page; an empty section). A template that names an undefined
variable, or fails on some front-matter combination, fails the check as it would fail the
build, with the same `templates/NAME:LINE` path. A template error that shows only for one
particular value (not a shape) can still escape the sample; `rsgen build` reports it then.

The rendered sample is also read for references to local files the output will not hold
(commands/references.py), and every body's links, and the editors' banner link
(content/home.yaml), are checked against the planned outputs.
"""

from __future__ import annotations

import dataclasses
import functools
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jinja2

from rsgen.base.cache import Cache
from rsgen.base.errors import Problem, Problems, SiteError, relative
from rsgen.base.folders import HOME_FILE, STATIC_DIR, THEME_DIR, theme_static_files
from rsgen.build import LoadedSite, load_site
from rsgen.commands.references import (
    ReferenceCheck,
    internal_target,
    manifest_icons,
    references_in,
    report_missing,
)
from rsgen.content import Article, Author, Body, Content, Page, default_jobs
from rsgen.graph import FRONT, BuildOptions, PageSpec, SiteGraph, plan_pages, planned_outputs
from rsgen.publish import SEARCH_DIR
from rsgen.render import (
    Views,
    new_environment,
    render_in_memory,
    template_problems,
    template_sources,
)
from rsgen.settings import Settings, deploy_problems

DERIVATIVES = "images/_r/"  # responsive images: made by the build, never by check


@dataclass(frozen=True)
class CheckResult:
    articles: int
    pages: int
    rendered: int  # pages rendered in memory (the sample)
    links: int
    seconds: float
    warnings: tuple[Problem, ...]


def check_site(
    site: Path, options: BuildOptions, base_url: str = "", strict: bool = False
) -> CheckResult:
    """Validate the whole site; raise SiteError listing every problem."""
    started = time.perf_counter()
    env = new_environment(site)
    templates = template_problems(env, site)
    # and the deploy settings, which a build does not read
    unbuilt = [*templates, *deploy_problems(site)]
    try:
        # what earlier builds parsed is read back, and nothing is written
        cache = Cache(site, read_only=True)
        loaded = load_site(site, options, base_url, strict, cache, jobs=default_jobs())
    except SiteError as err:  # report content and template problems in one go
        raise SiteError([*err.problems, *unbuilt]) from None
    problems = Problems()
    problems.extend(unbuilt)
    graph = loaded.graph
    known = known_paths(graph, loaded.static_files)
    links = check_links(loaded.content, loaded.settings, known, problems)
    check_banner_link(graph, known, problems)
    specs = plan_pages(graph)
    rendered = 0
    if not templates:  # a template that does not compile cannot run
        rendered = check_rendering(site, loaded, env, specs, known, problems)
    problems.raise_if_errors(strict)
    return CheckResult(
        len(graph.articles),
        len(specs),
        rendered,
        links,
        time.perf_counter() - started,
        loaded.warnings,
    )


def check_rendering(
    site: Path,
    loaded: LoadedSite,
    env: jinja2.Environment,
    specs: list[PageSpec],
    known: frozenset[str],
    problems: Problems,
) -> int:
    """Render the sample in memory; report template errors and references to missing files.

    Returns how many pages were rendered.
    """
    graph = loaded.graph
    sample = sample_pages(specs, graph)
    rendered = render_in_memory(sample, Views(graph), env, site, problems)
    settings = loaded.settings
    prefixes = [DERIVATIVES]
    if settings.search and graph.articles:
        prefixes.append(f"{SEARCH_DIR}/")
    content = loaded.content
    items: list[Article | Author | Page] = [*content.articles, *content.authors, *content.pages]
    check = ReferenceCheck(
        known=known,
        known_prefixes=tuple(prefixes),
        root=settings.root_path,
        host=urlsplit(settings.base_url).netloc,
        already_checked=frozenset(
            [href for item in items for href, _ in _body(item).links]
            + ([graph.home.banner.url] if graph.home.banner else [])
        ),
    )
    reported: set[tuple[str, str]] = set()
    for item in items:  # every body, drafts too: raw HTML in any of them may name a file
        where = _url_of(item)
        sources = functools.partial(_content_source, site, item.source)
        report_missing(check, references_in(_body(item).html), where, sources, reported, problems)
    for spec, html in rendered:

        def page_sources(spec: PageSpec = spec) -> list[tuple[str, str]]:
            shown = _content_source(site, _source_of(graph, spec))
            return [*shown, *template_sources(env, spec.template, site)]

        shown = "/" + spec.output.removesuffix("index.html")
        report_missing(check, references_in(html), shown, page_sources, reported, problems)
    _check_manifests(site, loaded.static_files, check, reported, problems)
    return len(rendered)


def _check_manifests(
    site: Path,
    static_files: frozenset[str],
    check: ReferenceCheck,
    reported: set[tuple[str, str]],
    problems: Problems,
) -> None:
    """The icons named by each web manifest the output will hold (the site's or the theme's)."""
    for rel in sorted(static_files | theme_static_files()):
        if not rel.endswith(".webmanifest"):
            continue
        own = rel in static_files
        path = (site if own else THEME_DIR) / STATIC_DIR / rel
        shown = f"{STATIC_DIR}/{rel}" if own else f"(theme) {STATIC_DIR}/{rel}"
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        icons = manifest_icons(text, check.root + rel)
        report_missing(
            check, icons, f"/{rel}", functools.partial(list, [(shown, text)]), reported, problems
        )


def sample_pages(specs: list[PageSpec], graph: SiteGraph) -> list[PageSpec]:
    """One page of each kind, template and shape, first come first chosen (see the docstring)."""
    chosen: dict[tuple[object, ...], PageSpec] = {}
    for spec in specs:
        shape = (spec.kind, spec.template, spec.number != FRONT, *_shape(spec, graph))
        chosen.setdefault(shape, spec)
    return list(chosen.values())


def _shape(spec: PageSpec, graph: SiteGraph) -> tuple[bool, ...]:
    """Which of a page's optional parts are there: the fields its record fills, an empty list."""
    if spec.kind == "article":
        index = int(spec.key)
        article = graph.articles[index]
        remote = article.photo is not None and article.photo.is_remote
        return (*_filled(article), bool(graph.keep_reading[index]), remote)
    if spec.kind == "author":
        return (*_filled(graph.authors[spec.key]), bool(graph.by_author[spec.key]))
    if spec.kind == "page":
        return _filled(next(p for p in graph.pages if p.slug == spec.key))
    if spec.kind == "section":
        return (bool(graph.by_section[spec.key]),)
    if spec.kind == "kind":
        return (bool(graph.by_kind[spec.key]),)
    return ()


def _filled(record: Article | Author | Page) -> tuple[bool, ...]:
    return tuple(bool(getattr(record, f.name)) for f in dataclasses.fields(record))


def _source_of(graph: SiteGraph, spec: PageSpec) -> str:
    """The content file a page shows ("" for index pages)."""
    if spec.kind == "article":
        return graph.articles[int(spec.key)].source
    if spec.kind == "author":
        return graph.authors[spec.key].source
    if spec.kind == "page":
        return next(p.source for p in graph.pages if p.slug == spec.key)
    return ""


def _content_source(site: Path, source: str) -> list[tuple[str, str]]:
    """A content file as (path, text), to look for a reference's line in; [] for none."""
    if not source:
        return []
    try:
        return [(relative(site / source, site), (site / source).read_text(encoding="utf-8"))]
    except (OSError, UnicodeDecodeError):
        return []


def _url_of(item: Article | Author | Page) -> str:
    """Where an item is (or will be, for a draft) published, below the site root."""
    if isinstance(item, Article):
        return f"/{item.path}"
    if isinstance(item, Author):
        return f"/authors/{item.key}/"
    return f"/{item.slug}/"


def _body(item: Article | Author | Page) -> Body:
    return item.bio if isinstance(item, Author) else item.body


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
        for href, line in _body(item).links:
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
