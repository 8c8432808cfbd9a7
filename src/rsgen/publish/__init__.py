"""Publish: everything a build writes besides the HTML pages.

Feeds, sitemaps, robots.txt, alias redirects, the static files and the search index.
"""

from rsgen.publish.feeds import Feed
from rsgen.publish.generated import publishing_files, write_generated
from rsgen.publish.search import SEARCH_DIR, write_search_index
from rsgen.publish.sitemaps import NEWS_WINDOW, news_articles
from rsgen.publish.static import copy_static

__all__ = [
    "NEWS_WINDOW",
    "SEARCH_DIR",
    "Feed",
    "copy_static",
    "news_articles",
    "publishing_files",
    "write_generated",
    "write_search_index",
]
