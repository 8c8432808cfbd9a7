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

from .cache import Cache, output_key
from .config import SETTINGS_FILE, Settings, load_settings
from .content import Content, read_source
from .digests import digest
from .errors import Problem, Problems, SiteError
from .fingerprints import InputKeys, TemplateFingerprints
from .frontmatter import split_front_matter
from .graph import BuildOptions, Ranker, SiteGraph, build_graph
from .images import site_images
from .loading import default_jobs, load_content
from .output import Output, OutputReport
from .pages import PageSpec, plan_pages
from .publish import Generated, publishing_files
from .related import RelatedIndex, keep_reading_for_all
from .render import render_pages
from .search import write_search_index
from .templates import (
    GLOBAL_TEMPLATES,
    THEME_DIR,
    new_environment,
    template_problems,
    theme_static_files,
)
from .unchanged import BuildState, Timeline, input_stamp, outputs_present
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
    rank = remembered_ranking(cache) if cache is not None else keep_reading_for_all
    graph = build_graph(content, settings, options, statics, line_locator(site), problems, rank)
    problems.raise_if_errors(strict)
    timeline = Timeline.of(content.articles)
    return LoadedSite(settings, graph, statics, timeline, content, tuple(problems.warnings))


def remembered_ranking(cache: Cache) -> Ranker:
    """Keep-reading lists from the cache when the tags, sections and order are unchanged."""

    def rank(index: RelatedIndex, k: int) -> list[tuple[int, ...]]:
        key = digest("related", repr((index.tags_of, index.section_of, k)))
        found = cache.load("related", key)
        if found is None:
            found = keep_reading_for_all(index, k)
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


def build(request: BuildRequest, progress: Progress | None = None) -> BuildResult:
    """Build the site into `request.output`, all or nothing, rendering only what changed.

    Raises SiteError listing every problem; the previous output is then left as it was.
    """
    started = time.perf_counter()
    check_output_folder(request.site, request.output)
    cache = Cache(request.site, enabled=not request.clean)
    stamp = input_stamp(
        request.site, THEME_DIR, _settings_text(request.site), repr(_options(request))
    )
    previous = cache.load(state_key(request.output))
    if isinstance(previous, BuildState) and _still_current(previous, stamp, request):
        return _nothing_to_do(previous, request, started)
    jobs = request.jobs or default_jobs()
    env = new_environment(request.site)
    loaded = load_with_templates(request, env, cache, jobs)
    specs = plan_pages(loaded.graph)
    output = Output(request.output, cache.load(output_key(request.output)))
    try:
        images = site_images(request.site, loaded.graph, trust_stat=not request.clean)
        views = Views(loaded.graph, images)
        keys = InputKeys(loaded.graph, images, TemplateFingerprints(env, GLOBAL_TEMPLATES))
        rendered = render_pages(specs, views, env, keys, request.site, output, progress, jobs)
        for generated in publishing_files(specs, views, keys):
            write_generated(output, generated)
        copy_static(request.site, loaded.static_files, output)
        images.stage(output)
        if request.search:
            write_search_index(specs, loaded.settings, output)
        report = output.commit()
    except BaseException:
        output.abort()
        raise
    result = BuildResult(
        output=request.output,
        pages=len(specs),
        rendered=rendered,
        report=report,
        seconds=time.perf_counter() - started,
        warnings=loaded.warnings,
    )
    _remember(request, output, loaded, stamp, result)
    return result


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


def _settings_text(site: Path) -> str:
    try:
        return (site / SETTINGS_FILE).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _options(request: BuildRequest) -> tuple[object, ...]:
    o = request.options
    return (request.base_url, request.strict, o.drafts, o.future)


def state_key(output: Path) -> str:
    return "state-" + output_key(output)


def _still_current(previous: BuildState, stamp: str, request: BuildRequest) -> bool:
    """Same input files and options, no article moved across the clock: the output stands."""
    o = request.options
    return (
        bool(stamp)
        and previous.inputs == stamp
        and previous.clock == previous.timeline.state(o.now, o.drafts, o.future)
        and outputs_present(request.output, previous.outputs)
    )


def _nothing_to_do(previous: BuildState, request: BuildRequest, started: float) -> BuildResult:
    if request.strict and previous.warnings:
        raise SiteError(previous.warnings)
    report = OutputReport(unchanged=list(previous.outputs))
    seconds = time.perf_counter() - started
    return BuildResult(request.output, previous.pages, 0, report, seconds, previous.warnings)


def _remember(
    request: BuildRequest, output: Output, loaded: LoadedSite, stamp: str, result: BuildResult
) -> None:
    """Keep the output's fingerprints and what this build read, for the next build."""
    cache = Cache(request.site)
    cache.save(output_key(request.output), output.fingerprints)
    o = request.options
    state = BuildState(
        inputs=stamp,
        clock=loaded.timeline.state(o.now, o.drafts, o.future),
        timeline=loaded.timeline,
        outputs=tuple(sorted(output.fingerprints)),
        pages=result.pages,
        warnings=result.warnings,
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
