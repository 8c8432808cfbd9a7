"""The graph: the parsed content linked into the published site.

What is published and in what order (`SiteGraph`), what relates to what (keep reading), which
pages the site has (`plan_pages`), and who may write which URL (`check_url_claims`).
"""

from rsgen.graph.claims import check_url_claims, planned_outputs
from rsgen.graph.curation import Curation
from rsgen.graph.plan import (
    FRONT,
    SERIES,
    PageSpec,
    Pagination,
    archive_count,
    home_layout,
    page_count,
    page_slice,
    plan_pages,
    shows_latest,
)
from rsgen.graph.related import (
    WEIGHT_STEPS,
    RelatedIndex,
    keep_reading_for_all,
    rank_after_insert,
)
from rsgen.graph.series import SeriesEntry
from rsgen.graph.site_graph import BuildOptions, Ranker, SiteGraph, Tag, build_graph

__all__ = [
    "FRONT",
    "SERIES",
    "WEIGHT_STEPS",
    "BuildOptions",
    "Curation",
    "PageSpec",
    "Pagination",
    "Ranker",
    "RelatedIndex",
    "SeriesEntry",
    "SiteGraph",
    "Tag",
    "archive_count",
    "build_graph",
    "check_url_claims",
    "home_layout",
    "keep_reading_for_all",
    "page_count",
    "page_slice",
    "plan_pages",
    "planned_outputs",
    "rank_after_insert",
    "shows_latest",
]
