"""Publish: everything a build writes besides the HTML pages.

Feeds, sitemaps, robots.txt, alias redirects, `_headers`, the static files and the search
index. `headers` is the cache policy of every output file, which `rsgen deploy` applies too.
"""

from rsgen.publish.feeds import Feed
from rsgen.publish.generated import cache_policy, publishing_files, write_generated
from rsgen.publish.headers import HEADERS_FILE, HeaderPolicy, content_type, is_hashed
from rsgen.publish.search import SEARCH_DIR, write_search_index
from rsgen.publish.sitemaps import NEWS_WINDOW, news_articles
from rsgen.publish.static import copy_static

__all__ = [
    "HEADERS_FILE",
    "NEWS_WINDOW",
    "SEARCH_DIR",
    "Feed",
    "HeaderPolicy",
    "cache_policy",
    "content_type",
    "copy_static",
    "is_hashed",
    "news_articles",
    "publishing_files",
    "write_generated",
    "write_search_index",
]
