"""Rendering pages: a PageSpec, its context and its template → HTML in the staged output."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .context import Context, context_for
from .errors import InternalError, SiteError
from .fingerprints import Fingerprints
from .output import Output
from .pages import PageSpec
from .templates import template_problem
from .views import Views


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
    prints: Fingerprints,
    site: Path,
    output: Output,
    progress: Progress | None = None,
    jobs: int = 1,
) -> int:
    """Render and stage every page whose inputs changed; return how many were rendered.

    Many pages are shared out to `jobs` worker processes (forked, so they start with the
    graph and views already built). A template error stops the build, naming template and line.
    """
    job = RenderJob(views, env, prints, site, output)
    if (
        jobs <= 1
        or len(specs) < PARALLEL_FROM
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return _render_chunk(job, specs, progress)
    chunks = [specs[i : i + CHUNK] for i in range(0, len(specs), CHUNK)]
    rendered = done = 0
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, initializer=_start_worker, initargs=(job,)) as pool:
        for count, records in pool.imap(_render_in_worker, chunks):
            for rel, fingerprint, written in records:
                output.record(rel, fingerprint, written)
            rendered += count
            done += len(records)
            if progress is not None:
                progress(done, len(specs))
    return rendered


PARALLEL_FROM = 500  # fewer pages render faster than worker processes start
CHUNK = 200
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RenderJob:
    """Everything rendering needs, handed whole to each worker process."""

    views: Views
    env: jinja2.Environment
    prints: Fingerprints
    site: Path
    output: Output


def _render_chunk(
    job: RenderJob, specs: Sequence[PageSpec], progress: Progress | None = None
) -> int:
    total = len(specs)
    rendered = 0
    for done, spec in enumerate(specs, start=1):
        if progress is not None and (done % 200 == 0 or done == total):
            progress(done, total)
        rendered += _render_one(job, spec)
    return rendered


def _render_one(job: RenderJob, spec: PageSpec) -> int:
    """Render one page unless it is unchanged; 1 when it was rendered."""
    try:
        context = context_for(spec, job.views)
        fingerprint = job.prints.page(spec.template, context)
        if job.output.unchanged(spec.output, fingerprint):
            return 0
        html = render_page(spec, job.views, job.env, context)
    except Exception as err:
        problem = template_problem(err, job.site, spec.template)
        if problem is None:
            raise InternalError(spec.output, err) from err
        raise SiteError([problem]) from err
    job.output.write_text(spec.output, html, fingerprint)
    return 1


# the render job of a worker process, set once when it starts (never in the main process)
_worker: list[RenderJob] = []


def _start_worker(job: RenderJob) -> None:
    _worker.append(job)


def _render_in_worker(specs: Sequence[PageSpec]) -> tuple[int, list[tuple[str, str, bool]]]:
    job = _worker[0]
    before = len(job.output.fingerprints)
    count = _render_chunk(job, specs)
    written = set(job.output.report.written)
    records = [
        (rel, fp, rel in written) for rel, fp in list(job.output.fingerprints.items())[before:]
    ]
    return count, records
