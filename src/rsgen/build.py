"""The build, top to bottom: settings → content → graph → pages → render → publish → write.

`load_site` stops after the graph (what `check` and `related` need); `build` goes on to write.
What earlier builds left behind (`incremental.History`) decides how much of the way a build
must go; the stages themselves only receive key functions.

A build holds its output folder's lock from before it reads the last build's state until it
has remembered its own (`base/outfolder.py`). Putting the output in place, writing the
manifest and remembering the state are one unit that no signal splits (`base/interrupts.py`):
a signal before it leaves the previous output as it was; one during it waits until the unit
is done. The state is forgotten at the start of the unit, so even a build killed outright
inside it leaves the next build nothing to trust but a clean start.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from rsgen.base.cache import Cache, Memory, output_key
from rsgen.base.errors import Problem, Problems, SiteError
from rsgen.base.folders import CACHE_DIR, SOURCE_FOLDERS
from rsgen.base.interrupts import BuildSignals
from rsgen.base.outfolder import check_owned, clear_leftovers, output_lock
from rsgen.base.output import Output, OutputReport, check_output_folder, write_manifest
from rsgen.content import (
    Content,
    HomeFile,
    check_source_folders,
    default_jobs,
    line_locator,
    load_content,
    load_home,
    static_files,
)
from rsgen.graph import (
    BuildOptions,
    PageSpec,
    SiteGraph,
    build_graph,
    check_url_claims,
    keep_reading_for_all,
    plan_pages,
)
from rsgen.incremental import (
    History,
    InputKeys,
    Patch,
    Remembered,
    TemplateFingerprints,
    Timeline,
    snapshot_of,
)
from rsgen.publish import (
    HEADERS_FILE,
    SEARCH_DIR,
    cache_policy,
    copy_static,
    publishing_files,
    write_generated,
    write_search_index,
)
from rsgen.render import (
    GLOBAL_TEMPLATES,
    ResponsiveImages,
    Views,
    new_environment,
    render_pages,
    site_images,
    template_problems,
)
from rsgen.settings import Settings, base_url_problem, load_settings

# what a build is doing, for a progress bar: the phase ("reading", "images", "rendering",
# "search"), how far it is, and of how much (None when not known in advance)
Progress = Callable[[str, int, int | None], None]
Notice = Callable[[str], None]


@dataclass(frozen=True)
class BuildRequest:
    """Everything a build needs to know, as the CLI (or a test, or the server) gives it."""

    site: Path
    output: Path
    options: BuildOptions
    base_url: str = ""
    strict: bool = False
    clean: bool = False
    jobs: int = 0  # worker processes; 0: one per core
    search: bool = True  # index for search (when site.yaml allows); `serve` skips it for speed
    manifest: Path | None = None  # where to write what the build did, for CI
    force: bool = False  # replace a non-empty output folder rsgen did not make

    @property
    def fingerprint(self) -> str:
        """What of the request changes the output besides the files and the clock."""
        o = self.options
        return repr((self.base_url, self.strict, self.search, o.drafts, o.future))


@dataclass(frozen=True)
class LoadedSite:
    """The site read and linked: settings, the graph, static files, and any warnings."""

    settings: Settings
    graph: SiteGraph
    static_files: frozenset[str]
    timeline: Timeline
    content: Content
    home: HomeFile
    warnings: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class BuildResult:
    """What a build did, for the summary line and `--manifest`."""

    output: Path
    pages: int
    rendered: int
    report: OutputReport
    seconds: float
    warnings: tuple[Problem, ...] = field(default=())
    next_scheduled: dt.datetime | None = None  # when the next article comes due (site time)
    next_expiry: dt.datetime | None = None  # when the next pin or banner ends (site time)
    notes: tuple[str, ...] = ()  # worth saying, never a problem (e.g. no search index yet)


@dataclass(frozen=True)
class Plan:
    """What a build writes: the graph, its pages and photos, and (patched) what to redo."""

    graph: SiteGraph
    specs: list[PageSpec]
    images: ResponsiveImages
    static_files: frozenset[str]
    env: jinja2.Environment
    jobs: int
    timeline: Timeline  # of every article, published or not, to see what the clock changes
    warnings: tuple[Problem, ...] = ()
    patch: Patch | None = None


def load_site(
    site: Path,
    options: BuildOptions,
    base_url: str = "",
    strict: bool = False,
    cache: Cache | None = None,
    jobs: int = 1,
    history: History | None = None,
) -> LoadedSite:
    """Read and link the whole site; raise SiteError with every problem found.

    With a cache, files parsed by an earlier build are not parsed again; `jobs` worker
    processes parse the rest. With a history, keep-reading lists are remembered too.
    """
    problems = Problems()
    settings = load_settings(site, problems, salvage=True)
    if settings is None:  # no site.yaml: perhaps not a site at all, so nothing more to read
        problems.raise_if_errors()
    assert settings is not None
    if base_url and base_url_problem(base_url):
        problems.error("--base-url", 0, base_url_problem(base_url))
    check_source_folders(site, problems)
    if any(p.path in SOURCE_FOLDERS for p in problems.errors):
        problems.raise_if_errors()  # a linked source folder: read nothing through it
    # a broken site.yaml still lets every file be checked (against what it does say), but
    # neither the cache nor the history may learn from settings that will not be built with
    if problems.errors:
        cache, history = None, None
    if base_url:
        settings = settings.with_base_url(base_url)
    content = load_content(site, settings, problems, cache, jobs)
    home = load_home(site, settings, problems)
    statics = static_files(site, problems)
    rank = history.ranking(jobs) if history is not None else keep_reading_for_all
    locate = line_locator(site)
    graph = build_graph(content, settings, options, statics, locate, problems, rank, home)
    check_url_claims(graph, statics, locate, problems)
    problems.raise_if_errors(strict)
    timeline = Timeline.of(content.articles, home.untils, settings.timezone)
    warnings = tuple(sorted(problems.warnings))
    return LoadedSite(settings, graph, statics, timeline, content, home, warnings)


def build(
    request: BuildRequest,
    progress: Progress | None = None,
    memory: Memory | None = None,
    signals: BuildSignals | None = None,
    notice: Notice | None = None,
) -> BuildResult:
    """Build the site into `request.output`, all or nothing, rendering only what changed.

    Three ways, fastest first: nothing changed (the output stands); a few articles were
    edited in place (the last build's graph, patched: incremental/patch.py); anything else
    (the whole site loaded, every page's key compared). Raises SiteError listing every
    problem; the previous output is then left as it was. `memory` lets a long-lived caller
    (serve) keep what one build saves for the next in memory as well as on disk.

    SIGINT, SIGTERM and SIGHUP raise `Interrupted` (main thread only); pass the caller's
    `signals` to learn whether the output was already in place. `notice` hears about waits
    for another build of the same folder.
    """
    started = time.perf_counter()
    check_output_folder(request.site, request.output)
    signals = signals or BuildSignals()
    output = request.output.resolve()
    lock = request.site / CACHE_DIR / f"build-{output_key(output)}.lock"
    with signals.active(), output_lock(lock, output, notice):
        clear_leftovers(output)
        history = History(
            request.site,
            request.output,
            request.options,
            request.fingerprint,
            clean=request.clean,
            memory=memory,
        )
        check_owned(output, history.remembered, request.force)
        changed = history.changed_files()
        if history.previous is not None and not changed:
            return _unchanged(request, history, started, signals)
        if progress is not None:
            progress("reading", 0, None)
        patched = history.patch(changed, request.options.now) if changed else None
        plan = (
            _patched_plan(request, history, patched)
            if patched
            else _full_plan(request, history, progress)
        )
        return _write(request, history, plan, progress, started, signals)


def _unchanged(
    request: BuildRequest, history: History, started: float, signals: BuildSignals
) -> BuildResult:
    """Nothing changed since the last build: its output stands as it is."""
    previous = history.previous
    assert previous is not None
    if request.strict and previous.warnings:
        raise SiteError(previous.warnings)
    report = OutputReport(unchanged=list(previous.outputs))
    result = BuildResult(
        request.output,
        previous.pages,
        0,
        report,
        _since(started),
        previous.warnings,
        *_next_changes(previous.timeline, request.options),
    )
    with signals.held():
        if request.manifest is not None:
            write_manifest(request.manifest, request.output, report)
    return result


def _full_plan(request: BuildRequest, history: History, progress: Progress | None = None) -> Plan:
    """Load the whole site and plan every page."""
    jobs = request.jobs or default_jobs()
    env = new_environment(request.site, keep_compiled=True)
    loaded = load_with_templates(request, env, history, jobs)
    made = (lambda done, total: progress("images", done, total)) if progress else None
    images = site_images(request.site, loaded.graph, trust_stat=not request.clean, progress=made)
    specs = plan_pages(loaded.graph)
    return Plan(
        loaded.graph,
        specs,
        images,
        loaded.static_files,
        env,
        jobs,
        loaded.timeline,
        loaded.warnings,
    )


def _patched_plan(request: BuildRequest, history: History, patched: Patch) -> Plan:
    """The plan of a build that patches the last one: its pages, redoing only some."""
    if request.strict and patched.warnings:
        raise SiteError(patched.warnings)
    assert history.previous is not None
    snapshot = patched.snapshot
    return Plan(
        patched.graph,
        list(snapshot.specs),
        snapshot.images,
        snapshot.static_files,
        new_environment(request.site, keep_compiled=True),
        request.jobs or default_jobs(),  # an edit in the latest block redoes every page
        history.previous.timeline.with_updates(patched.edited),
        patched.warnings,
        patched,
    )


def load_with_templates(
    request: BuildRequest, env: jinja2.Environment, history: History, jobs: int
) -> LoadedSite:
    """Load the site and compile every template, reporting the problems of both at once."""
    template_errors = template_problems(env, request.site)
    try:
        loaded = load_site(
            request.site,
            request.options,
            request.base_url,
            request.strict,
            history.cache,
            jobs,
            history,
        )
    except SiteError as err:
        raise SiteError([*template_errors, *err.problems]) from None
    if template_errors:
        raise SiteError(template_errors)
    return loaded


def _write(
    request: BuildRequest,
    history: History,
    plan: Plan,
    progress: Progress | None,
    started: float,
    signals: BuildSignals,
) -> BuildResult:
    """Render and write what the plan says, then put it in place, write the manifest and
    remember it for the next build: one unit that signals wait for."""
    patched = plan.patch
    only = patched.outputs if patched else None
    known = patched.snapshot.templates if patched else None
    keys = InputKeys(
        plan.graph, plan.images, TemplateFingerprints(plan.env, GLOBAL_TEMPLATES, known)
    )
    views = Views(plan.graph, plan.images)
    remarks: list[str] = []  # notes for the summary, not problems
    rendering = (lambda done, total: progress("rendering", done, total)) if progress else None
    output: Output | None = None
    try:
        with signals.deferred():  # a staging folder made is a staging folder known
            output = Output(request.output, history.output_keys())
        rendered = render_pages(
            plan.specs, views, plan.env, keys.page, request.site, output, rendering, plan.jobs, only
        )
        for generated in publishing_files(plan.specs, views, keys.feed, only):
            write_generated(output, generated)
        if patched is None:
            copy_static(request.site, plan.static_files, output)
            plan.images.stage(output)
        else:  # the rest is as it was, but the search index is made anew
            output.keep_unclaimed(
                but=(HEADERS_FILE, SEARCH_DIR) if request.search else (HEADERS_FILE,)
            )
        if request.search:
            if progress is not None:
                progress("search", 0, None)
            remarks.append(write_search_index(plan.specs, plan.graph.settings, output))
        # last: `_headers` states the policy of every file this build leaves in the output
        aliases = sum(len(article.aliases) for article in plan.graph.articles)
        headers, notes = cache_policy(output.fingerprints.keys(), aliases)
        write_generated(output, headers)
        if request.strict and notes:
            raise SiteError(notes)
        snapshot = (
            patched.snapshot
            if patched
            else snapshot_of(
                plan.graph, plan.specs, plan.images, plan.static_files, keys, plan.warnings
            )
        )
        warnings = (*plan.warnings, *notes)  # the snapshot keeps the content's, not `notes`
        remembered = Remembered(len(plan.specs), warnings, plan.timeline)
        with signals.held():
            history.forget()
            report = output.commit()
            if request.manifest is not None:
                write_manifest(request.manifest, request.output, report)
            history.remember(output, snapshot, patched, remembered)
    except BaseException:
        if output is not None:
            output.abort()  # nothing left to remove once the output is in place
        raise
    return BuildResult(
        request.output,
        len(plan.specs),
        rendered,
        report,
        _since(started),
        warnings,
        *_next_changes(plan.timeline, request.options),
        notes=tuple(note for note in remarks if note),
    )


def _next_changes(
    timeline: Timeline, options: BuildOptions
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """When the clock next changes the site: an article comes due, a pin or banner ends."""
    o = options
    return timeline.next_scheduled(o.now, o.drafts, o.future), timeline.next_expiry(o.now)


def _since(started: float) -> float:
    return time.perf_counter() - started


__all__ = [
    "BuildRequest",
    "BuildResult",
    "LoadedSite",
    "PageSpec",
    "Progress",
    "build",
    "load_site",
]
