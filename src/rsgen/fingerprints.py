"""Fingerprints of what each output is made from, so a build renders only what changed.

A page's fingerprint covers its template (and every template that one includes, imports or
extends), the rsgen version, and every value its context holds. Views are shared objects
whose fingerprints are worked out once per build; a teaser view has no body, so a page that
shows a teaser does not change when only the body behind it does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import Any

import jinja2
from jinja2 import meta
from markupsafe import Markup

from . import __version__
from .digests import digest
from .views import (
    ArticleView,
    AuthorView,
    KindView,
    PageView,
    SectionView,
    SiteView,
    TagView,
    TeaserView,
)

# view objects live for the whole build, so their fingerprints can be remembered by identity
SHARED_VIEWS = (
    TeaserView,
    ArticleView,
    AuthorView,
    SectionView,
    TagView,
    KindView,
    PageView,
    SiteView,
)


class Fingerprints:
    """Fingerprints of template sets and of the values templates receive, for one build."""

    def __init__(self, env: jinja2.Environment, always: Iterable[str] = ()) -> None:
        self.env = env
        self.always = tuple(always)  # templates reached through globals, not import lines
        self._views: dict[int, str] = {}
        self._templates: dict[str, str] = {}

    def template(self, name: str) -> str:
        """The fingerprint of a template and everything it pulls in."""
        found = self._templates.get(name)
        if found is None:
            names = sorted(self._closure([name, *self.always]))
            sources = [self._source(n) for n in names]
            found = self._templates[name] = digest(__version__, *names, *sources)
        return found

    def _closure(self, names: list[str]) -> set[str]:
        seen: set[str] = set()
        while names:
            name = names.pop()
            if name in seen:
                continue
            seen.add(name)
            for ref in meta.find_referenced_templates(self.env.parse(self._source(name))):
                if ref is None:  # a template chosen at run time: any template may be used
                    return set(self.env.list_templates())
                names.append(ref)
        return seen

    def _source(self, name: str) -> str:
        assert self.env.loader is not None
        return self.env.loader.get_source(self.env, name)[0]

    def page(self, template: str, context: dict[str, Any]) -> str:
        """The fingerprint of one page: its templates and its whole context."""
        return digest(self.template(template), self.of(context))

    def of(self, value: Any) -> str:
        """A text that changes whenever `value` changes (remembered for shared views)."""
        if isinstance(value, SHARED_VIEWS):
            key = id(value)
            found = self._views.get(key)
            if found is None:
                found = self._views[key] = digest(self._fields(value))
            return found
        if isinstance(value, (str, Markup)):
            return repr(str(value))
        if isinstance(value, (int, float, bool, type(None), dt.date)):
            return repr(value)
        if isinstance(value, dict):
            return "{" + ",".join(f"{k!r}:{self.of(v)}" for k, v in value.items()) + "}"
        if isinstance(value, (list, tuple)):
            return "[" + ",".join(self.of(v) for v in value) + "]"
        # other values (page metadata, pagination) hold only plain data: their repr says it all
        return repr(value)

    def _fields(self, value: Any) -> str:
        name = type(value).__name__
        return (
            name
            + "("
            + ",".join(self.of(getattr(value, f.name)) for f in dataclasses.fields(value))
            + ")"
        )
