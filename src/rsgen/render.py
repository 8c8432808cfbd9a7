"""Rendering pages: a PageSpec, its context and its template → HTML in the staged output."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import jinja2

from .context import context_for
from .errors import InternalError, SiteError
from .output import StagedOutput
from .pages import PageSpec
from .templates import template_problem
from .views import Views


def render_page(spec: PageSpec, views: Views, env: jinja2.Environment) -> str:
    """The HTML of one page."""
    return env.get_template(spec.template).render(context_for(spec, views))


def render_pages(
    specs: Sequence[PageSpec],
    views: Views,
    env: jinja2.Environment,
    site: Path,
    output: StagedOutput,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Render and stage every page; a template error stops the build naming template and line."""
    total = len(specs)
    for done, spec in enumerate(specs, start=1):
        try:
            html = render_page(spec, views, env)
        except Exception as err:
            problem = template_problem(err, site, spec.template)
            if problem is None:
                raise InternalError(spec.output, err) from err
            raise SiteError([problem]) from err
        output.write_text(spec.output, html)
        if progress is not None and (done % 200 == 0 or done == total):
            progress(done, total)
