"""One Jinja environment per build: the site's templates, autoescaped, strict about typos.

Template errors become `templates/NAME:LINE: message` problems.
"""

from __future__ import annotations

import traceback
from pathlib import Path

import jinja2

from .errors import Problem

TEMPLATES_DIR = "templates"
# the built-in theme: used for every template (and static file) the site does not provide
THEME_DIR = Path(__file__).parent / "theme"


def make_environment(site: Path) -> jinja2.Environment:
    """The site's templates (then the theme's), autoescaped, with undefined names as errors."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([site / TEMPLATES_DIR, THEME_DIR / TEMPLATES_DIR]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    return env


def template_problem(err: BaseException, site: Path, fallback: str) -> Problem | None:
    """A Jinja error, or an exception raised inside a template, as `templates/NAME:LINE: message`.

    None when the exception did not come from a template (an internal error, not the site's).
    """
    if isinstance(err, jinja2.TemplateSyntaxError):
        name = err.filename or err.name or fallback
        return Problem(
            _relative(name, site, fallback),
            err.lineno or 0,
            f"template syntax error: {err.message}",
        )
    if isinstance(err, jinja2.TemplateNotFound):
        return Problem(f"{TEMPLATES_DIR}/{fallback}", 0, f"template '{err.name}' not found")
    name, line = _innermost_template_frame(err, site)
    if not name and not isinstance(err, jinja2.TemplateError):
        return None
    message = err.message if isinstance(err, jinja2.UndefinedError) and err.message else str(err)
    return Problem(name or f"{TEMPLATES_DIR}/{fallback}", line, f"template error: {message}")


def _innermost_template_frame(err: BaseException, site: Path) -> tuple[str, int]:
    """Jinja rewrites tracebacks so template frames carry the template's file and line."""
    roots = (str(site / TEMPLATES_DIR), str(THEME_DIR / TEMPLATES_DIR))
    found = ("", 0)
    for frame in traceback.extract_tb(err.__traceback__):
        if frame.filename.startswith(roots):
            found = (_relative(frame.filename, site, ""), frame.lineno or 0)
    return found


def _relative(filename: str, site: Path, fallback: str) -> str:
    path = Path(filename)
    if not path.is_absolute():
        return f"{TEMPLATES_DIR}/{filename}"
    for root, label in ((site, ""), (THEME_DIR, "(theme) ")):
        try:
            return label + path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
    return f"{TEMPLATES_DIR}/{fallback}"
