"""Rendering pages: a PageSpec, its context and its template → HTML in the staged output."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2

from rsgen.base.errors import InternalError, Problems, SiteError
from rsgen.base.output import Output
from rsgen.base.workers import can_fork, worker_pool
from rsgen.graph import PageSpec
from rsgen.render.context import Context, context_for
from rsgen.render.templates import template_problem
from rsgen.render.views import Views


def render_page(
    spec: PageSpec, views: Views, env: jinja2.Environment, context: Context | None = None
) -> str:
    """The HTML of one page (from its context, when that is already built)."""
    return env.get_template(spec.template).render(
        context if context is not None else context_for(spec, views)
    )


def render_pages(
    specs: Sequence[PageSpec],
    views: Views,
    env: jinja2.Environment,
    page_key: Callable[[PageSpec], str],
    site: Path,
    output: Output,
    progress: Progress | None = None,
    jobs: int = 1,
    only: Collection[str] | None = None,
) -> int:
    """Render and stage every page whose inputs changed; return how many were rendered.

    A page whose key is the one it had last build is kept without building its context;
    with `only` (a patched build), every page not in it is left alone, its key not even made.
    Many pages are shared out to `jobs` worker processes (forked, so they start with the
    graph and views already built). A template error stops the build, naming template and line.
    """
    job = RenderJob(views, env, site, output)
    todo: list[Keyed] = []
    for spec in specs:
        if only is not None and spec.output not in only:
            continue  # kept with the build's other untouched files (Output.keep_unclaimed)
        if not output.unchanged(spec.output, key := page_key(spec)):
            todo.append((spec, key))
    kept = len(specs) - len(todo)
    if jobs <= 1 or len(todo) < PARALLEL_FROM or not can_fork():
        return _render_chunk(job, todo, progress, kept, len(specs))
    chunks = [todo[i : i + CHUNK] for i in range(0, len(todo), CHUNK)]
    done = kept
    with worker_pool(jobs, _start_worker, (job,)) as pool:
        for records in pool.imap(_render_in_worker, chunks):
            for rel, key, written in records:
                output.record(rel, key, written)
            done += len(records)
            if progress is not None:
                progress(done, len(specs))
    return len(todo)


def render_in_memory(
    specs: Sequence[PageSpec],
    views: Views,
    env: jinja2.Environment,
    site: Path,
    problems: Problems,
) -> list[tuple[PageSpec, str]]:
    """Render pages without writing them (for `rsgen check`), each template error recorded
    once as the build would report it; the pages that rendered, with their HTML."""
    rendered: list[tuple[PageSpec, str]] = []
    seen: set[tuple[str, int, str]] = set()
    for spec in specs:
        try:
            rendered.append((spec, render_page(spec, views, env)))
        except Exception as err:
            problem = template_problem(err, site, spec.template)
            if problem is None:
                raise InternalError(spec.output, err) from err
            if (problem.path, problem.line, problem.message) not in seen:
                seen.add((problem.path, problem.line, problem.message))
                problems.extend([problem])
    return rendered


PARALLEL_FROM = 500  # fewer pages render faster than worker processes start
CHUNK = 200
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RenderJob:
    """Everything rendering needs, handed whole to each worker process."""

    views: Views
    env: jinja2.Environment
    site: Path
    output: Output


Keyed = tuple[PageSpec, str]


def _render_chunk(
    job: RenderJob,
    todo: Sequence[Keyed],
    progress: Progress | None = None,
    before: int = 0,
    total: int = 0,
) -> int:
    for done, (spec, key) in enumerate(todo, start=before + 1):
        if progress is not None and (done % 200 == 0 or done == total):
            progress(done, total)
        _render_one(job, spec, key)
    if progress is not None and not todo:
        progress(total, total)
    return len(todo)


def _render_one(job: RenderJob, spec: PageSpec, key: str) -> None:
    """Render one page and stage it (unless it came out as the file already there)."""
    try:
        html = render_page(spec, job.views, job.env)
    except Exception as err:
        problem = template_problem(err, job.site, spec.template)
        if problem is None:
            raise InternalError(spec.output, err) from err
        raise SiteError([problem]) from err
    job.output.write_text(spec.output, html, key)


# the render job of a worker process, set once when it starts (never in the main process)
_worker: list[RenderJob] = []


def _start_worker(job: RenderJob) -> None:
    _worker.append(job)


def _render_in_worker(todo: Sequence[Keyed]) -> list[tuple[str, str, bool]]:
    job = _worker[0]
    before = len(job.output.fingerprints)
    _render_chunk(job, todo)
    written = set(job.output.report.written)
    return [
        (rel, key, rel in written) for rel, key in list(job.output.fingerprints.items())[before:]
    ]
