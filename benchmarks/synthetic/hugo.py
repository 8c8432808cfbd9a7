"""The outlet as a Hugo site (0.146+ template layout) whose templates do rsgen's work.

Content lives at `content/<section>/<slug>.md`, so Hugo's sections are the outlet's sections;
authors and tags are taxonomies (`/authors/<key>/`, `/tags/<tag-slug>/`), each author's name,
role and bio in `content/authors/<key>/_index.md`. Section, term and home lists are paginated
by 20; Hugo's own RSS outputs (home, sections, taxonomies and terms, 20 items) are left on;
its sitemap, robots.txt and `page/1/` alias pages are off, as nothing else writes them.

An article page shows what rsgen's does: navigation, label `Kind | Section`, title, dek, byline
with author links, date, figure with caption and credit, body, tag links and "Keep reading":
the next four older articles of its section, walked with `.PrevInSection` (rsgen ranks by
shared tags instead; ranking is its own cost, Hugo's `.Related` is not used). Teasers carry
the title, dek, summary (precomputed in the front matter) and date.

The article template marks its body `data-pagefind-body` and its section, kind and authors as
Pagefind filters, date and photo as metadata, as rsgen's theme does, so "Hugo + Pagefind"
indexes the same article pages that rsgen's search does.
"""

from __future__ import annotations

from .layouts import Files, photo_yaml, quoted, yaml_list
from .outlet import BASE_URL, KINDS, PER_PAGE, SECTIONS, SITE_TITLE, Outlet

STYLE = "body{font:18px/1.5 Georgia,serif;max-width:44rem;margin:0 auto}nav a{margin-right:.5rem}.dek{font-size:1.15rem}.credit{color:#555}\n"

CONFIG = """baseURL = {base}
title = {title}
languageCode = "en-us"
disableKinds = ["sitemap", "robotsTXT"]

[pagination]
  pagerSize = {per_page}
  disableAliases = true

[taxonomies]
  author = "authors"
  tag = "tags"

[services.rss]
  limit = 20

[params]
  kinds = {{ {kinds} }}
  sections = [
{sections}  ]
"""

DATE = '<time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}"{attrs}>{{ .Date.Format "January 2, 2006" }}</time>'

TEMPLATES = {
    "baseof.html": """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{ if not .IsHome }}{{ .Title }} | {{ end }}{{ site.Title }}</title>
<link rel="stylesheet" href="/style.css">
{{- with .OutputFormats.Get "rss" }}
<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}
</head>
<body>
{{ partial "masthead.html" . }}
<main>
{{ block "main" . }}{{ end }}
</main>
<footer><p>&copy; {{ site.Title }}</p></footer>
</body>
</html>
""",
    "_partials/masthead.html": """<header>
<a class="brand" href="/">{{ site.Title }}</a>
<nav>{{ range site.Params.sections }}<a href="/{{ .key }}/">{{ .title }}</a>{{ end }}</nav>
</header>
""",
    "_partials/teaser.html": """<article class="teaser">
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p class="dek">{{ .Params.dek }}</p>
<div class="summary">{{ .Summary }}</div>
"""
    + DATE.replace("{attrs}", "")
    + """
</article>
""",
    "_partials/pager.html": """<nav class="pager">
{{ with .Prev }}<a rel="prev" href="{{ .URL }}">Newer</a>{{ end }}
<span>Page {{ .PageNumber }} of {{ .TotalPages }}</span>
{{ with .Next }}<a rel="next" href="{{ .URL }}">Older</a>{{ end }}
</nav>
""",
    "page.html": """{{ define "main" }}
<article class="story">
<p class="label"><span data-pagefind-filter="kind">{{ index site.Params.kinds .Params.kind }}</span> | <a href="{{ .CurrentSection.RelPermalink }}" data-pagefind-filter="section">{{ .CurrentSection.Title }}</a></p>
<h1>{{ .Title }}</h1>
<p class="dek">{{ .Params.dek }}</p>
<p class="byline">By {{ range $i, $a := .GetTerms "authors" }}{{ if $i }}, {{ end }}<a href="{{ .RelPermalink }}" data-pagefind-filter="author">{{ .Title }}</a>{{ end }}
"""
    + DATE.replace("{attrs}", ' data-pagefind-meta="date[datetime]"')
    + """</p>
{{ with .Params.photo }}<figure><img src="{{ .src }}" alt="{{ .alt }}" data-pagefind-meta="image[src], image_alt[alt]"><figcaption>{{ .caption }} <span class="credit">{{ .credit }}</span></figcaption></figure>{{ end }}
<div class="body" data-pagefind-body>
{{ .Content }}
</div>
<ul class="tags">{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
</article>
<aside class="keep-reading">
<h2>Keep reading</h2>
<ul>
{{- $older := .PrevInSection }}{{ range seq 4 }}{{ with $older }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Params.dek }}</p></li>{{ $older = .PrevInSection }}{{ end }}{{ end }}
</ul>
</aside>
{{ end }}
""",
    "section.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $pager := .Paginate .Pages }}
{{ range $pager.Pages }}{{ partial "teaser.html" . }}{{ end }}
{{ partial "pager.html" $pager }}
{{ end }}
""",
    "term.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ with .Params.role }}<p class="role">{{ . }}</p>{{ end }}
{{ with .Content }}<div class="bio">{{ . }}</div>{{ end }}
{{ $pager := .Paginate .Pages }}
{{ range $pager.Pages }}{{ partial "teaser.html" . }}{{ end }}
{{ partial "pager.html" $pager }}
{{ end }}
""",
    "taxonomy.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="terms">
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>
{{ end }}</ul>
{{ end }}
""",
    "home.html": """{{ define "main" }}
<h1>Latest</h1>
{{ range first 20 site.RegularPages }}{{ partial "teaser.html" . }}{{ end }}
{{ end }}
""",
}


def write_hugo(outlet: Outlet, files: Files) -> None:
    """The outlet as a Hugo site: `hugo --source DIR` builds it."""
    sections = "".join(
        f"    {{ key = {quoted(key)}, title = {quoted(title)} }},\n" for key, title in SECTIONS
    )
    kinds = ", ".join(f"{key} = {quoted(label)}" for key, label in KINDS)
    files.write(
        "hugo.toml",
        CONFIG.format(
            base=quoted(BASE_URL),
            title=quoted(SITE_TITLE),
            per_page=PER_PAGE,
            kinds=kinds,
            sections=sections,
        ),
    )
    for name, text in TEMPLATES.items():
        files.write(f"layouts/{name}", text)
    files.write("static/style.css", STYLE)
    for key, title in SECTIONS:
        files.write(f"content/{key}/_index.md", f"---\ntitle: {quoted(title)}\n---\n")
    files.write("content/tags/_index.md", '---\ntitle: "Tags"\n---\n')
    files.write("content/authors/_index.md", '---\ntitle: "Authors"\n---\n')
    bylined = {key for article in outlet.articles for key in article.meta.authors}
    for author in outlet.authors:
        if author.key in bylined:  # Hugo would write a page for a term with no articles
            files.write(
                f"content/authors/{author.key}/_index.md",
                f"---\ntitle: {quoted(author.name)}\nparams:\n  role: {quoted(author.role)}\n"
                f"---\n{author.bio}\n",
            )
    for article in outlet.articles:
        meta = article.meta
        files.write(
            f"content/{meta.section}/{meta.slug}.md",
            f"---\ntitle: {quoted(meta.title)}\ndate: {meta.date.isoformat()}\n"
            f"slug: {quoted(meta.slug)}\nsummary: {quoted(article.body.summary)}\n"
            f"authors: {yaml_list(meta.authors)}\ntags: {yaml_list(meta.tags)}\n"
            f"params:\n  dek: {quoted(meta.dek)}\n  kind: {meta.kind}\n"
            f"{photo_yaml(meta, '  ')}---\n{article.body.markdown}",
        )
