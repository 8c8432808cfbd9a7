"""One Jinja environment per build: the site's templates, autoescaped, strict about typos.

Template errors become `templates/NAME:LINE: message` problems. Every template is compiled
when the environment is made, so a syntax error in any of them stops a build before it writes.
"""

from __future__ import annotations

import contextlib
import os
import re
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta, nodes

from rsgen.base.cache import ignore_in_git
from rsgen.base.errors import Problem
from rsgen.base.folders import CACHE_DIR, TEMPLATES_DIR, THEME_DIR, leaves_site
from rsgen.render.records import TeaserView

# templates reached through globals rather than import lines (fingerprints must count them)
TEASER_TEMPLATE = "_teaser.html"
GLOBAL_TEMPLATES = (TEASER_TEMPLATE,)
PLAIN = (str, int, float, bool, type(None))
PYTHON_OBJECT = re.compile(r"'(?:\w+\.)+(\w+) object'")


def new_environment(site: Path, keep_compiled: bool = False) -> jinja2.Environment:
    """The site's templates (then the theme's), autoescaped, with undefined names as errors.

    With `keep_compiled` (builds; `check` writes nothing), compiled templates are kept in the
    site's cache, where Jinja checks each against its source: a small build then spends
    little time compiling.
    """
    site = site.resolve()  # template file names then name the site, whatever path was typed
    compiled = site / CACHE_DIR / "templates"
    if keep_compiled:
        with contextlib.suppress(OSError):
            compiled.mkdir(parents=True, exist_ok=True)
            ignore_in_git(compiled.parent)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([site / TEMPLATES_DIR, THEME_DIR / TEMPLATES_DIR]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        bytecode_cache=(
            jinja2.FileSystemBytecodeCache(str(compiled))
            if keep_compiled and compiled.is_dir()
            else None
        ),
    )
    env.globals["teaser"] = RememberedMacro(env, TEASER_TEMPLATE, "teaser")
    return env


class RememberedMacro:
    """A template macro called as a global, its output kept per teaser and arguments.

    One article's teaser appears on many pages (indexes, home, every keep-reading block that
    picks it); rendering it once per build and reusing the HTML removes most of the template
    work of a large site. Views live for the whole build, so a view's identity is a safe key;
    calls with anything else are passed straight through.
    """

    def __init__(self, env: jinja2.Environment, template: str, name: str) -> None:
        self.env = env
        self.template = template
        self.name = name
        self._macro: Any = None
        self._made: dict[tuple[Any, ...], Any] = {}

    def __call__(self, view: Any, *args: Any, **kwargs: Any) -> Any:
        if self._macro is None:
            self._macro = getattr(self.env.get_template(self.template).module, self.name)
        if not isinstance(view, TeaserView) or not all(
            isinstance(v, PLAIN) for v in (*args, *kwargs.values())
        ):
            return self._macro(view, *args, **kwargs)
        key = (id(view), args, tuple(sorted(kwargs.items())))
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = self._macro(view, *args, **kwargs)
        return made


def template_names(env: jinja2.Environment) -> list[str]:
    """Every template the environment can load, leaving out editors' backup and swap files."""
    return env.list_templates(
        filter_func=lambda name: (
            not any(part.startswith((".", "#")) or part.endswith("~") for part in name.split("/"))
        )
    )


def template_sources(env: jinja2.Environment, name: str, site: Path) -> list[tuple[str, str]]:
    """A template and every template it extends, includes or imports (and the teaser), as
    (path as the user knows it, source text): where a page's markup can have come from."""
    found: list[tuple[str, str]] = []
    todo, seen = [name, *GLOBAL_TEMPLATES], set()
    while todo:
        current = todo.pop(0)
        if current in seen:
            continue
        seen.add(current)
        try:
            source, filename, _ = env.loader.get_source(env, current)  # type: ignore[union-attr]
            referenced = meta.find_referenced_templates(env.parse(source))
        except (jinja2.TemplateError, UnicodeDecodeError, OSError):
            continue
        found.append((_relative(filename or current, site, current), source))
        todo.extend(r for r in referenced if r is not None)
    return found


def template_problems(env: jinja2.Environment, site: Path) -> list[Problem]:
    """Compile every template; report syntax errors, bad bytes and missing templates named,
    and templates that lead out of the site (a symbolic link, or one in a linked folder)."""
    names = set(template_names(env))
    found: list[Problem] = []
    own = site / TEMPLATES_DIR
    for name in sorted(names):
        path = own / name
        if os.path.lexists(path) and leaves_site(site, path):
            found.append(
                Problem(
                    f"{TEMPLATES_DIR}/{name}",
                    0,
                    "the template is a symbolic link to a file outside the site",
                    "move or copy the file into templates/",
                )
            )
            continue
        try:
            source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
            env.get_template(name)
        except UnicodeDecodeError as err:
            found.append(_not_utf8(err, site, name))
            continue
        except jinja2.TemplateError as err:
            problem = template_problem(err, site, name)
            if problem is not None:
                found.append(problem)
            continue
        where = _relative(filename or name, site, name)
        found.extend(_missing_references(env.parse(source), names, where))
    return found


def _missing_references(tree: nodes.Template, names: set[str], where: str) -> Iterator[Problem]:
    """`{% extends/include/import 'x.html' %}` naming a template that is not there."""
    for node in tree.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
        target = getattr(node, "template", None)
        if getattr(node, "ignore_missing", False) or not isinstance(target, nodes.Const):
            continue
        if isinstance(target.value, str) and target.value not in names:
            yield Problem(where, node.lineno, f"template '{target.value}' not found")


def _not_utf8(err: UnicodeDecodeError, site: Path, name: str) -> Problem:
    """A template file that is not UTF-8, at the line of its first bad byte."""
    for root, label in ((site / TEMPLATES_DIR, TEMPLATES_DIR), (THEME_DIR / TEMPLATES_DIR, "")):
        path = root / name
        if path.is_file():
            data = path.read_bytes()
            line = data[: err.start].count(b"\n") + 1
            rel = f"{label}/{name}" if label else f"(theme) {TEMPLATES_DIR}/{name}"
            return Problem(rel, line, f"not UTF-8 text (byte 0x{data[err.start]:02x})")
    return Problem(f"{TEMPLATES_DIR}/{name}", 0, "not UTF-8 text")


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
    name, line = _innermost_template_frame(err, site)
    if isinstance(err, jinja2.TemplateNotFound):
        where = name or f"{TEMPLATES_DIR}/{fallback}"
        return Problem(where, line, f"template '{err.name}' not found")
    if not name and not isinstance(err, jinja2.TemplateError):
        return None
    message = err.message if isinstance(err, jinja2.UndefinedError) and err.message else str(err)
    message = PYTHON_OBJECT.sub(r"'\1'", message)  # 'rsgen.views.PageView object' → 'PageView'
    return Problem(name or f"{TEMPLATES_DIR}/{fallback}", line, f"template error: {message}")


def _innermost_template_frame(err: BaseException, site: Path) -> tuple[str, int]:
    """Jinja rewrites tracebacks so template frames carry the template's file and line."""
    roots = (str(site.resolve() / TEMPLATES_DIR), str(THEME_DIR / TEMPLATES_DIR))
    found = ("", 0)
    for frame in traceback.extract_tb(err.__traceback__):
        if frame.filename.startswith(roots):
            found = (_relative(frame.filename, site, ""), frame.lineno or 0)
    return found


def _relative(filename: str, site: Path, fallback: str) -> str:
    """A template's file as the user knows it: `templates/x.html` or `(theme) templates/x.html`."""
    path = Path(filename)
    if not path.is_absolute():  # a template's name (the loader's file names are absolute)
        return f"{TEMPLATES_DIR}/{filename}"
    for root, label in ((site, ""), (THEME_DIR, "(theme) ")):
        try:
            return label + path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
    return f"{TEMPLATES_DIR}/{fallback}"
