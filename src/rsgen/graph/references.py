"""What bodies refer to: the articles of `::: related` boxes, found and checked.

A box names an article as `section/slug` or as its `slug` alone (when no other article has
that slug). The article must exist; when the body's own article is published, the one it
names must be published too: a box never leads to a draft or to an article not yet due.
The published ones are found again at render time through `targets`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rsgen.base.errors import Problems, did_you_mean
from rsgen.content import Article, Body


def targets_of(articles: Sequence[Article]) -> dict[str, int]:
    """Published articles by `section/slug` and by a slug no other one has → site index."""
    found: dict[str, int] = {}
    slugs: dict[str, list[int]] = {}
    for index, article in enumerate(articles):
        found[article.path.rstrip("/")] = index
        slugs.setdefault(article.slug, []).append(index)
    for slug, indexes in slugs.items():
        if len(indexes) == 1 and slug not in found:
            found[slug] = indexes[0]
    return found


def check_related(
    bodies: Iterable[tuple[str, Body, bool]],
    everything: Sequence[Article],
    published: dict[str, int],
    problems: Problems,
) -> None:
    """Each box's article exists (among drafts and future articles too, for a body that is
    itself unpublished) and, in a published body, is published: `bodies` are (file, body,
    whether that file is published)."""
    paths = {a.path.rstrip("/"): a for a in everything}
    by_slug: dict[str, list[Article]] = {}
    for article in everything:
        by_slug.setdefault(article.slug, []).append(article)
    for source, body, is_published in bodies:
        for ref in body.related:
            found = paths.get(ref.target)
            if found is None and "/" not in ref.target:
                named = by_slug.get(ref.target, [])
                if len(named) > 1:
                    where = ", ".join(sorted(a.path.rstrip("/") for a in named))
                    problems.error(
                        source,
                        ref.line,
                        f"more than one article has the slug '{ref.target}'",
                        f"write section/slug: {where}",
                    )
                    continue
                found = named[0] if named else None
            if found is None:
                hint = did_you_mean(ref.target, [*paths, *by_slug])
                problems.error(
                    source, ref.line, f"related article '{ref.target}' does not exist", hint
                )
            elif is_published and found.path.rstrip("/") not in published:
                why = "is a draft" if found.draft else "is dated after the build clock"
                problems.error(
                    source,
                    ref.line,
                    f"related article '{ref.target}' {why}",
                    "a related box must lead to a published article",
                )
