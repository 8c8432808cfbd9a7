"""Rendering pages: a PageSpec, its context and its template → HTML in the staged output."""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Render and stage every page whose inputs changed; return how many were rendered.

    A template error stops the build, naming the template and line.
    """
    total = len(specs)
    rendered = 0
    for done, spec in enumerate(specs, start=1):
        if progress is not None and (done % 200 == 0 or done == total):
            progress(done, total)
        try:
            context = context_for(spec, views)
            fingerprint = prints.page(spec.template, context)
            if output.unchanged(spec.output, fingerprint):
                continue
            html = render_page(spec, views, env, context)
        except Exception as err:
            problem = template_problem(err, site, spec.template)
            if problem is None:
                raise InternalError(spec.output, err) from err
            raise SiteError([problem]) from err
        output.write_text(spec.output, html, fingerprint)
        rendered += 1
    return rendered
