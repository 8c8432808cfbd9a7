"""The build, top to bottom: settings → content → graph → pages → render → write.

`load_site` stops after the graph (what `check` and `related` need); `build` goes on to write.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2

from .cache import Cache, Memory, output_key
from .config import Settings, load_settings
from .content import Content, read_source
from .digests import digest
from .errors import Problem, Problems, SiteError
from .fingerprints import InputKeys, TemplateFingerprints
from .frontmatter import split_front_matter
from .graph import BuildOptions, Ranker, SiteGraph, build_graph
from .images import ResponsiveImages, site_images
from .incremental import Patch, load_snapshot, patch, save_snapshot, snapshot_of
from .loading import default_jobs, load_content, parse_key
from .output import Output, OutputReport
from .pages import PageSpec, plan_pages
from .publish import Generated, publishing_files
from .related import RelatedIndex, keep_reading_for_all
from .render import render_pages
from .search import SEARCH_DIR, write_search_index
from .store import ParseStore
from .templates import (
    GLOBAL_TEMPLATES,
    THEME_DIR,
    new_environment,
    template_problems,
    theme_static_files,
)
from .unchanged import BuildState, Inputs, Timeline, outputs_present
from .views import Views
from .yamlsource import parse_yaml

STATIC_DIR = "static"
Progress = Callable[[int, int], None]


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


@dataclass(frozen=True)
class LoadedSite:
    """The site read and linked: settings, the graph, static files, and any warnings."""

    settings: Settings
    graph: SiteGraph
    static_files: frozenset[str]
    timeline: Timeline
    content: Content
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


def clock(now: dt.datetime | None = None) -> dt.datetime:
    """The build clock: an explicit time, else SOURCE_DATE_EPOCH, else the system clock."""
    if now is not None:
        return now if now.tzinfo else now.replace(tzinfo=dt.UTC)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def static_files(site: Path) -> frozenset[str]:
    """Paths of every file under static/, relative to it (these are copied to the output root)."""
    root = site / STATIC_DIR
    if not root.is_dir():
        return frozenset()
    return frozenset(
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and not p.is_symlink()
    )


def line_locator(site: Path) -> Callable[..., int]:
    """Finds the front-matter line of a key path in a content file, reading it only when asked."""

    def locate(source: str, *keys: str | int) -> int:
        problems = Problems()
        text = read_source(site, site / source, problems)
        if text is None:
            return 1
        split = split_front_matter(text)
        return parse_yaml(split.front_matter, split.front_matter_line).line_of(*keys)

    return locate


def load_site(
    site: Path,
    options: BuildOptions,
    base_url: str = "",
    strict: bool = False,
    cache: Cache | None = None,
    jobs: int = 1,
) -> LoadedSite:
    """Read and link the whole site; raise SiteError with every problem found.

    With a cache, files parsed by an earlier build are not parsed again; `jobs` worker
    processes parse the rest.
    """
    problems = Problems()
    settings = load_settings(site, problems)
    problems.raise_if_errors()
    assert settings is not None
    if base_url:
        settings = settings.with_base_url(base_url)
    content = load_content(site, settings, problems, cache, jobs)
    statics = static_files(site)
    rank = remembered_ranking(cache, jobs) if cache is not None else keep_reading_for_all
    graph = build_graph(content, settings, options, statics, line_locator(site), problems, rank)
    problems.raise_if_errors(strict)
    timeline = Timeline.of(content.articles)
    return LoadedSite(settings, graph, statics, timeline, content, tuple(sorted(problems.warnings)))


def remembered_ranking(cache: Cache, jobs: int = 1) -> Ranker:
    """Keep-reading lists from the cache when the tags, sections and order are unchanged."""

    def rank(index: RelatedIndex, k: int) -> list[tuple[int, ...]]:
        key = digest("related", repr((index.tags_of, index.section_of, k)))
        found = cache.load("related", key)
        if found is None:
            found = keep_reading_for_all(index, k, jobs)
            cache.save("related", found, key)
        return found

    return rank


def check_output_folder(site: Path, output: Path) -> None:
    """Refuse an output folder that would replace the site itself or part of its sources."""
    site, output = site.resolve(), output.resolve()
    sources = [site / d for d in ("content", "templates", "static")]
    if (
        output == site
        or site.is_relative_to(output)
        or any(output.is_relative_to(s) for s in sources)
    ):
        raise SiteError(
            [
                Problem(
                    str(output),
                    0,
                    "the output folder must not be the site folder or hold its sources",
                    "use -o public",
                )
            ]
        )
    if output.exists() and not output.is_dir():
        raise SiteError([Problem(str(output), 0, "the output folder is a file", "use -o public")])


def build(
    request: BuildRequest, progress: Progress | None = None, memory: Memory | None = None
) -> BuildResult:
    """Build the site into `request.output`, all or nothing, rendering only what changed.

    Three ways, fastest first: nothing changed (the output stands); a few articles were
    edited in place (the last build's graph, patched: incremental.py); anything else (the
    whole site loaded, every page's key compared). Raises SiteError listing every problem;
    the previous output is then left as it was. `memory` lets a long-lived caller (serve)
    keep what one build saves for the next in memory as well as on disk.
    """
    started = time.perf_counter()
    check_output_folder(request.site, request.output)
    cache = Cache(request.site, enabled=not request.clean, memory=memory)
    inputs = Inputs.scan(request.site, THEME_DIR)
    previous = cache.load(state_key(request.output))
    # a long-lived process (serve) owns its output folder: what it wrote is still there
    written_here = cache.in_memory(state_key(request.output))
    if isinstance(previous, BuildState) and _same_outputs(previous, request, written_here):
        changed = inputs.changed_since(previous.inputs)
        if not changed:
            return _nothing_to_do(previous, request, started)
        patched = _patched(request, cache, changed, previous)
        if patched is not None:
            return _write(request, cache, inputs, patched, progress, started)
    jobs = request.jobs or default_jobs()
    env = new_environment(request.site, keep_compiled=True)
    loaded = load_with_templates(request, env, cache, jobs)
    images = site_images(request.site, loaded.graph, trust_stat=not request.clean)
    specs = plan_pages(loaded.graph)
    plan = Plan(loaded.graph, specs, images, loaded.static_files, env, jobs, loaded.timeline)
    return _write(request, cache, inputs, plan, progress, started, loaded.warnings)


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
    patch: Patch | None = None


def _patched(
    request: BuildRequest, cache: Cache, changed: set[str], previous: BuildState
) -> Plan | None:
    """The plan of a build that patches the last one, when the changes allow it."""
    snapshot = load_snapshot(cache, request.output, previous.snapshot)
    if snapshot is None:
        return None
    problems = Problems()

    def read_text(rel: str) -> tuple[str, tuple[int, int]] | None:
        path = request.site / rel
        text = read_source(request.site, path, problems)
        if text is None or not path.is_file():
            return None
        stat = path.stat()
        return text, (stat.st_size, stat.st_mtime_ns)

    store = ParseStore(cache.root, parse_key(snapshot.graph.settings))
    try:
        found = patch(snapshot, changed, request.options.now, store, read_text)
    finally:
        store.close()
    if found is None:
        return None
    if request.strict and found.warnings:
        raise SiteError(found.warnings)
    env = new_environment(request.site, keep_compiled=True)
    specs = list(snapshot.specs)
    jobs = request.jobs or default_jobs()  # an edit in the latest block redoes every page
    statics = snapshot.static_files
    timeline = previous.timeline
    return Plan(found.graph, specs, snapshot.images, statics, env, jobs, timeline, found)


def _write(
    request: BuildRequest,
    cache: Cache,
    inputs: Inputs,
    plan: Plan,
    progress: Progress | None,
    started: float,
    warnings: tuple[Problem, ...] = (),
) -> BuildResult:
    """Render and write what the plan says, then remember it for the next build."""
    patched = plan.patch
    only = patched.outputs if patched else None
    output = Output(request.output, cache.load(output_key(request.output)))
    known = patched.snapshot.templates if patched else None
    templates = TemplateFingerprints(plan.env, GLOBAL_TEMPLATES, known)
    keys = InputKeys(plan.graph, plan.images, templates)
    views = Views(plan.graph, plan.images)
    try:
        rendered = render_pages(
            plan.specs, views, plan.env, keys, request.site, output, progress, plan.jobs, only
        )
        for generated in publishing_files(plan.specs, views, keys, only):
            write_generated(output, generated)
        if patched is None:
            copy_static(request.site, plan.static_files, output)
            plan.images.stage(output)
        else:  # the rest is as it was, but the search index is made anew
            output.keep_unclaimed(but=SEARCH_DIR if request.search else "")
        if request.search:
            write_search_index(plan.specs, plan.graph.settings, output)
        report = output.commit()
    except BaseException:
        output.abort()
        raise
    result = BuildResult(
        output=request.output,
        pages=len(plan.specs),
        rendered=rendered,
        report=report,
        seconds=time.perf_counter() - started,
        warnings=patched.warnings if patched else warnings,
    )
    if patched is not None:
        snapshot = patched.snapshot
    else:
        snapshot = snapshot_of(
            plan.graph, plan.specs, plan.images, plan.static_files, keys, result.warnings
        )
    # the snapshot first: the state names it, so a build stopped in between leaves no match
    saved = save_snapshot(cache, request.output, snapshot, patched.overlay if patched else None)
    _remember(request, cache, output, inputs, saved, plan.timeline, result)
    return replace(result, seconds=time.perf_counter() - started)  # remembering included


def load_with_templates(
    request: BuildRequest, env: jinja2.Environment, cache: Cache, jobs: int
) -> LoadedSite:
    """Load the site and compile every template, reporting the problems of both at once."""
    template_errors = template_problems(env, request.site)
    try:
        loaded = load_site(
            request.site, request.options, request.base_url, request.strict, cache, jobs
        )
    except SiteError as err:
        raise SiteError([*template_errors, *err.problems]) from None
    if template_errors:
        raise SiteError(template_errors)
    return loaded


def _options(request: BuildRequest) -> str:
    o = request.options
    return repr((request.base_url, request.strict, request.search, o.drafts, o.future))


def state_key(output: Path) -> str:
    return "state-" + output_key(output)


def _same_outputs(previous: BuildState, request: BuildRequest, written_here: bool) -> bool:
    """Same options, no article moved across the clock, and every output still there:
    only changed files matter."""
    o = request.options
    return (
        previous.options == _options(request)
        and previous.clock == previous.timeline.state(o.now, o.drafts, o.future)
        and (written_here or outputs_present(request.output, previous.outputs))
    )


def _nothing_to_do(previous: BuildState, request: BuildRequest, started: float) -> BuildResult:
    if request.strict and previous.warnings:
        raise SiteError(previous.warnings)
    report = OutputReport(unchanged=list(previous.outputs))
    seconds = time.perf_counter() - started
    return BuildResult(request.output, previous.pages, 0, report, seconds, previous.warnings)


def _remember(
    request: BuildRequest,
    cache: Cache,
    output: Output,
    inputs: Inputs,
    snapshot: str,
    timeline: Timeline,
    result: BuildResult,
) -> None:
    """Keep the output's keys and what this build read, for the next build."""
    cache.save(output_key(request.output), output.fingerprints)
    o = request.options
    state = BuildState(
        inputs=inputs,
        options=_options(request),
        clock=timeline.state(o.now, o.drafts, o.future),
        timeline=timeline,
        outputs=tuple(sorted(output.fingerprints)),
        pages=result.pages,
        warnings=result.warnings,
        snapshot=snapshot,
    )
    cache.save(state_key(request.output), state)


def verify_build(request: BuildRequest) -> list[str]:
    """Build from scratch into a temporary folder and list how `request.output` differs."""
    with tempfile.TemporaryDirectory(prefix="rsgen-verify-") as folder:
        clean = replace(request, output=Path(folder) / "public", clean=True)
        build(clean)
        return compare_trees(request.output, clean.output)


def compare_trees(actual: Path, expected: Path) -> list[str]:
    """Files missing, extra or different between two output folders."""

    def files(root: Path) -> dict[str, Path]:
        return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}

    mine, theirs = files(actual), files(expected)
    found = [f"missing {rel}" for rel in sorted(theirs.keys() - mine.keys())]
    found += [f"extra {rel}" for rel in sorted(mine.keys() - theirs.keys())]
    found += [
        f"differs {rel}"
        for rel in sorted(mine.keys() & theirs.keys())
        if mine[rel].read_bytes() != theirs[rel].read_bytes()
    ]
    return found


def write_manifest(path: Path, result: BuildResult) -> None:
    """The paths written, unchanged and deleted, for CI to upload and purge only those."""
    report = result.report
    data = {
        "output": str(result.output),
        "written": report.written,
        "unchanged": report.unchanged,
        "deleted": report.deleted,
    }
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def write_generated(output: Output, generated: Generated) -> None:
    """Write a feed, sitemap or redirect unless its key, or else its text, is last build's."""
    if generated.key and output.unchanged(generated.output, generated.key):
        return
    text = generated.make()
    fingerprint = generated.key or digest(text)
    if generated.key or not output.unchanged(generated.output, fingerprint):
        output.write_text(generated.output, text, fingerprint)


def copy_static(site: Path, files: frozenset[str], output: Output) -> None:
    """Copy static/ to the output root, then the theme's files the site does not override."""
    sources = [(rel, site / STATIC_DIR / rel) for rel in sorted(files)]
    sources += [(rel, THEME_DIR / STATIC_DIR / rel) for rel in sorted(theme_static_files() - files)]
    for rel, source in sources:
        stat = source.stat()
        fingerprint = f"{stat.st_size}:{stat.st_mtime_ns}"
        if not output.unchanged(rel, fingerprint):
            output.copy_file(rel, source, fingerprint)


__all__ = ["BuildRequest", "BuildResult", "LoadedSite", "PageSpec", "build", "clock", "load_site"]
