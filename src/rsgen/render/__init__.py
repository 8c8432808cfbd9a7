"""Render: the graph seen through read-only views, pages rendered to HTML with Jinja.

Templates get views (URLs resolved, dates formatted, only rendered Markdown marked safe);
local photos get responsive sizes; each page is rendered unless its key says it is unchanged.
"""

from rsgen.render.images import ResponsiveImages, site_images
from rsgen.render.pages import render_in_memory, render_pages
from rsgen.render.records import ArticleView
from rsgen.render.templates import (
    GLOBAL_TEMPLATES,
    new_environment,
    template_problems,
    template_sources,
)
from rsgen.render.views import LATEST_COUNT, Views

__all__ = [
    "GLOBAL_TEMPLATES",
    "LATEST_COUNT",
    "ArticleView",
    "ResponsiveImages",
    "Views",
    "new_environment",
    "render_in_memory",
    "render_pages",
    "site_images",
    "template_problems",
    "template_sources",
]
