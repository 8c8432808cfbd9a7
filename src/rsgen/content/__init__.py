"""Content: each file of `content/` read on its own into a frozen record.

Front matter is checked against a declared schema, the body rendered from Markdown once, and
every problem recorded with its file and line. Nothing here looks at a second file: checks
across files belong to the graph.
"""

from rsgen.content.blocks import PROVIDERS, match_embed
from rsgen.content.files import check_source_folders, line_locator, read_source, static_files
from rsgen.content.home import Banner, HomeFile, Pin, load_home
from rsgen.content.loading import Source, default_jobs, load_content, parse_all, parse_key
from rsgen.content.model import (
    Article,
    Author,
    Body,
    Content,
    Embed,
    Figure,
    LiveCoverage,
    Page,
    Photo,
    RelatedRef,
    Series,
    Slot,
    Update,
    UpdatesHere,
)
from rsgen.content.slugs import slugify

__all__ = [
    "PROVIDERS",
    "Article",
    "Author",
    "Banner",
    "Body",
    "Content",
    "Embed",
    "Figure",
    "HomeFile",
    "LiveCoverage",
    "Page",
    "Photo",
    "Pin",
    "RelatedRef",
    "Series",
    "Slot",
    "Source",
    "Update",
    "UpdatesHere",
    "check_source_folders",
    "default_jobs",
    "line_locator",
    "load_content",
    "load_home",
    "match_embed",
    "parse_all",
    "parse_key",
    "read_source",
    "slugify",
    "static_files",
]
