"""The outlet as a Pelican site whose theme does rsgen's work.

Articles are `content/<slug>.md` with Pelican's `Key: value` metadata header; the category
is the section's title (Pelican's slug of it is the section key), authors are named (Pelican's
slug of a name is the author key) and the URLs are set to rsgen's: `/<section>/<slug>/`,
`/tags/<tag>/`, `/authors/<key>/`, `…/page/<n>/`. Category, tag and author pages are
paginated by 20; the home page shows the newest 20; `/tags/` and `/authors/` list the terms;
nothing else is written (no archives, no category list, no static pages). RSS feeds, summary
only, 20 items: everything, each category, tag and author.

The article template shows navigation, label, title, dek, byline with author links, date,
figure, body, tags and "Keep reading": the next four older articles of its category, found by
the article's place in the category's list. Settings turn Pelican's content cache off; the
benchmark turns it on for its "one article touched" case.
"""

from __future__ import annotations

from .layouts import Files
from .outlet import KINDS, PER_PAGE, SECTIONS, SITE_TITLE, Outlet

STYLE = "body{font:18px/1.5 Georgia,serif;max-width:44rem;margin:0 auto}nav a{margin-right:.5rem}.dek{font-size:1.15rem}.credit{color:#555}\n"

SETTINGS = '''"""Pelican settings for the synthetic outlet (written by benchmarks/corpus.py)."""
SITENAME = {title!r}
SITEURL = "https://example.org"
PATH = "content"
THEME = "theme"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
RELATIVE_URLS = False

ARTICLE_URL = "{{category}}/{{slug}}/"
ARTICLE_SAVE_AS = "{{category}}/{{slug}}/index.html"
CATEGORY_URL = "{{slug}}/"
CATEGORY_SAVE_AS = "{{slug}}/index.html"
TAG_URL = "tags/{{slug}}/"
TAG_SAVE_AS = "tags/{{slug}}/index.html"
AUTHOR_URL = "authors/{{slug}}/"
AUTHOR_SAVE_AS = "authors/{{slug}}/index.html"
TAGS_SAVE_AS = "tags/index.html"
AUTHORS_SAVE_AS = "authors/index.html"
INDEX_SAVE_AS = "index.html"
DIRECT_TEMPLATES = ["index", "tags", "authors"]
PAGE_PATHS = []
STATIC_PATHS = []

DEFAULT_PAGINATION = {per_page}
PAGINATED_TEMPLATES = {{"category": None, "tag": None, "author": None}}
PAGINATION_PATTERNS = (
    (1, "{{url}}", "{{save_as}}"),
    (2, "{{base_name}}/page/{{number}}/", "{{base_name}}/page/{{number}}/index.html"),
)

FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_RSS = "feeds/{{slug}}.rss.xml"
TAG_FEED_RSS = "feeds/tags/{{slug}}.rss.xml"
AUTHOR_FEED_RSS = "feeds/authors/{{slug}}.rss.xml"
FEED_MAX_ITEMS = 20
RSS_FEED_SUMMARY_ONLY = True

CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
CACHE_PATH = "cache"

SECTIONS = {sections!r}
KINDS = {kinds!r}
AUTHOR_BIOS = {bios!r}
'''

TEASER = """<article class="teaser">
<h2><a href="/{{ a.url }}">{{ a.title }}</a></h2>
<p class="dek">{{ a.dek }}</p>
<div class="summary">{{ a.summary }}</div>
<time datetime="{{ a.date.isoformat() }}">{{ a.date.strftime('%B %-d, %Y') }}</time>
</article>
"""

PAGER = """<nav class="pager">
{% if articles_page.has_previous() %}<a rel="prev" href="/{{ articles_previous_page.url }}">Newer</a>{% endif %}
<span>Page {{ articles_page.number }} of {{ articles_paginator.num_pages }}</span>
{% if articles_page.has_next() %}<a rel="next" href="/{{ articles_next_page.url }}">Older</a>{% endif %}
</nav>
"""


def _listing(name: str, heading: str, extra: str = "") -> str:
    return (
        '{% extends "base.html" %}\n'
        f"{{% block title %}}{{{{ {name} }}}} | {{{{ SITENAME }}}}{{% endblock %}}\n"
        "{% block content %}\n"
        f"{extra}<h1>{heading}</h1>\n"
        '{% for a in articles_page.object_list %}{% include "_teaser.html" %}{% endfor %}\n'
        '{% include "_pager.html" %}\n'
        "{% endblock %}\n"
    )


def _terms(name: str, title: str) -> str:
    return (
        '{% extends "base.html" %}\n'
        f"{{% block title %}}{title} | {{{{ SITENAME }}}}{{% endblock %}}\n"
        "{% block content %}\n"
        f'<h1>{title}</h1>\n<ul class="terms">\n'
        f'{{% for term, members in {name}|sort %}}<li><a href="/{{{{ term.url }}}}">{{{{ term }}}}</a> ({{{{ members|length }}}})</li>\n'
        "{% endfor %}</ul>\n{% endblock %}\n"
    )


TEMPLATES = {
    "base.html": """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{% block title %}{{ SITENAME }}{% endblock %}</title>
<link rel="stylesheet" href="/theme/style.css">
</head>
<body>
<header>
<a class="brand" href="/">{{ SITENAME }}</a>
<nav>{% for s in SECTIONS %}<a href="/{{ s.key }}/">{{ s.title }}</a>{% endfor %}</nav>
</header>
<main>
{% block content %}{% endblock %}
</main>
<footer><p>&copy; {{ SITENAME }}</p></footer>
</body>
</html>
""",
    "_teaser.html": TEASER,
    "_pager.html": PAGER,
    "article.html": """{% extends "base.html" %}
{% block title %}{{ article.title }} | {{ SITENAME }}{% endblock %}
{% block content %}
<article class="story">
<p class="label">{{ KINDS[article.kind] }} | <a href="/{{ article.category.url }}">{{ article.category }}</a></p>
<h1>{{ article.title }}</h1>
<p class="dek">{{ article.dek }}</p>
<p class="byline">By {% for person in article.authors %}{% if not loop.first %}, {% endif %}<a href="/{{ person.url }}">{{ person.name }}</a>{% endfor %}
 <time datetime="{{ article.date.isoformat() }}">{{ article.date.strftime('%B %-d, %Y') }}</time></p>
<figure><img src="{{ article.photo }}" alt="{{ article.photo_alt }}"><figcaption>{{ article.photo_caption }} <span class="credit">{{ article.photo_credit }}</span></figcaption></figure>
<div class="body">
{{ article.content }}
</div>
<ul class="tags">{% for tag in article.tags %}<li><a href="/{{ tag.url }}">{{ tag }}</a></li>{% endfor %}</ul>
</article>
<aside class="keep-reading">
<h2>Keep reading</h2>
<ul>
{%- for section, members in categories if section == article.category %}{% set here = members.index(article) %}{% for a in members[here + 1:here + 5] %}
<li><a href="/{{ a.url }}">{{ a.title }}</a><p>{{ a.dek }}</p></li>{% endfor %}{% endfor %}
</ul>
</aside>
{% endblock %}
""",
    "index.html": """{% extends "base.html" %}
{% block content %}
<h1>Latest</h1>
{% for a in articles[:20] %}{% include "_teaser.html" %}{% endfor %}
{% endblock %}
""",
    "category.html": _listing("category", "{{ category }}"),
    "tag.html": _listing("tag", "{{ tag }}"),
    "author.html": _listing(
        "author",
        "{{ author }}",
        '{% set about = AUTHOR_BIOS.get(author.slug, {}) %}<p class="role">{{ about.role }}</p>\n'
        '<div class="bio"><p>{{ about.bio }}</p></div>\n',
    ),
    "tags.html": _terms("tags", "Tags"),
    "authors.html": _terms("authors", "Authors"),
}


def write_pelican(outlet: Outlet, files: Files) -> None:
    """The outlet as a Pelican site: `pelican DIR/content -s DIR/pelicanconf.py` builds it."""
    section_title = dict(SECTIONS)
    author_name = {author.key: author.name for author in outlet.authors}
    bios = {a.key: {"name": a.name, "role": a.role, "bio": a.bio} for a in outlet.authors}
    files.write(
        "pelicanconf.py",
        SETTINGS.format(
            title=SITE_TITLE,
            per_page=PER_PAGE,
            sections=[{"key": key, "title": title} for key, title in SECTIONS],
            kinds=dict(KINDS),
            bios=bios,
        ),
    )
    for name, text in TEMPLATES.items():
        files.write(f"theme/templates/{name}", text)
    files.write("theme/static/style.css", STYLE)
    for article in outlet.articles:
        meta = article.meta
        photo = meta.photo
        names = ", ".join(author_name[key] for key in meta.authors)
        files.write(
            f"content/{meta.slug}.md",
            f"Title: {meta.title}\nDate: {meta.date.isoformat()}\n"
            f"Category: {section_title[meta.section]}\nTags: {', '.join(meta.tags)}\n"
            f"Authors: {names}\nSlug: {meta.slug}\nSummary: {article.body.summary}\n"
            f"Dek: {meta.dek}\nKind: {meta.kind}\nPhoto: {photo.src}\nPhoto_alt: {photo.alt}\n"
            f"Photo_caption: {photo.caption}\nPhoto_credit: {photo.credit}\n\n"
            f"{article.body.markdown}",
        )
