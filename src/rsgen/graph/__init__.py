"""The graph: the parsed content linked into the published site.

What is published and in what order (`SiteGraph`), what relates to what (keep reading), which
pages the site has (`plan_pages`), and who may write which URL (`check_url_claims`).
"""

from rsgen.graph.claims import check_url_claims, planned_outputs
from rsgen.graph.curation import Curation
from rsgen.graph.plan import (
    SERIES,
    PageSpec,
    Pagination,
    home_layout,
    page_count,
    page_slice,
    plan_pages,
)
from rsgen.graph.related import RelatedIndex, keep_reading_for_all
from rsgen.graph.series import SeriesEntry
from rsgen.graph.site_graph import BuildOptions, Ranker, SiteGraph, Tag, build_graph

__all__ = [
    "SERIES",
    "BuildOptions",
    "Curation",
    "PageSpec",
    "Pagination",
    "Ranker",
    "RelatedIndex",
    "SeriesEntry",
    "SiteGraph",
    "Tag",
    "build_graph",
    "check_url_claims",
    "home_layout",
    "keep_reading_for_all",
    "page_count",
    "page_slice",
    "plan_pages",
    "planned_outputs",
]
