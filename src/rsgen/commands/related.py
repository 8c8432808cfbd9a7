"""`rsgen related SLUG`: the keep-reading teasers of one article, with the reasons for each."""

from __future__ import annotations

from collections.abc import Iterable

from rsgen.content import Article
from rsgen.graph import WEIGHT_STEPS, SiteGraph


def explain_related(graph: SiteGraph, slug: str) -> str | None:
    """A table of the chosen teasers: rank, score, shared tags (with weights), section, date.

    None when no published article has the slug (or the path `section/slug`).
    """
    matches = [
        i
        for i, a in enumerate(graph.articles)
        if a.slug == slug or a.path.rstrip("/") == slug.strip("/")
    ]
    if not matches:
        return None
    lines: list[str] = []
    for index in matches:
        article = graph.articles[index]
        lines.append(f"Keep reading for /{article.path} ({article.source})")
        weights = ", ".join(
            f"{t} {graph.related.weight[t] / WEIGHT_STEPS:.1f}" for t in graph.tags_of[index]
        )
        lines.append(f"  its tags (weight = ln(1 + N/df), in tenths): {weights or 'none'}")
        for rank, candidate in enumerate(
            graph.related.ranked(index, graph.settings.keep_reading), start=1
        ):
            other = graph.articles[candidate.index]
            reason = ", ".join(candidate.shared_tags) or "no shared tags"
            section = "same section" if candidate.same_section else f"section {other.section}"
            lines.append(
                f"  {rank}. /{other.path}  score {candidate.score / WEIGHT_STEPS:.1f} ({reason}; {section}; {other.date.date().isoformat()})"
            )
    return "\n".join(lines)


def unpublished_hint(articles: Iterable[Article], slug: str) -> str:
    """Why an article with this slug is not published, as a hint for the message ("" if none
    exists): it is a draft, or it is dated after the build clock."""
    wanted = slug.strip("/")
    found = [a for a in articles if wanted in (a.slug, a.path.rstrip("/"))]
    if any(a.draft for a in found):
        return " (it is a draft: add --drafts)"
    return " (it is dated after the build clock: add --future)" if found else ""
