"""Bad input never breaks the site: one defect per site, its exact `PATH:LINE: message`, exit 1,
and the previous output left byte for byte as it was.

Each case starts from a good site (an article, an author, a page), builds it, adds one defect,
builds again through the command line (in-process), and compares every problem line and every
output file. Front matter written by `Site.article` puts title on line 2, date 3, section 4,
authors 5, tags 6 and any further key on line 7; the body starts on line 8.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import rsgen.render.pages
from conftest import NOW, SITE_YAML, RawYaml, Site
from rsgen.cli import main

CLOCK = ["--now", NOW.isoformat()]
ALIAS_HINT = (
    "lowercase letters, digits and hyphens between single slashes, ending in / or .html; "
    "hosts read other characters (*, :, !, ?, #, quotes, spaces) as patterns"
)


def digest(folder: Path) -> dict[str, str]:
    """sha256 of every file below `folder`, by relative path."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def every_file(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def cli(*args: str) -> Result:
    """`rsgen ARGS` in this process (quick; the subprocess path is tested in test_cli.py)."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def build_cli(site: Site, *args: str) -> Result:
    return cli("build", str(site.root), *CLOCK, *args)


def problem_lines(result: Result) -> list[str]:
    """The `PATH:LINE: message` lines of a failed run, without the summary line."""
    return [line for line in result.stderr.splitlines() if "problem(s)" not in line]


def good_site(site: Site) -> Site:
    """The starting point of every case: it builds cleanly."""
    site.article("good")
    site.page("about", "About")
    return site


def site_yaml(site: Site, old: str, new: str) -> None:
    """site.yaml with one piece of text replaced (asserting it was there)."""
    assert old in SITE_YAML
    site.write("site.yaml", SITE_YAML.replace(old, new))


def raw_article(site: Site, name: str, text: str) -> None:
    site.write(f"content/articles/{name}.md", text)


def raw_bytes(site: Site, rel: str, data: bytes) -> None:
    path = site.root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


TEMPLATE_WITH_UNDEFINED = """\
{% extends "base.html" %}
{% block content %}
<h1>{{ page.title }}</h1>
<p>{{ page_subtitle }}</p>
{% endblock %}
"""


@dataclass(frozen=True)
class Case:
    """One defect: what to do to the good site, and every line `rsgen build` must print."""

    name: str
    defect: Callable[[Site], object]
    expected: tuple[str, ...]


def case(name: str, defect: Callable[[Site], object], *expected: str) -> Case:
    return Case(name, defect, expected)


A = "content/articles/bad.md"
CASES = [
    # --- site.yaml
    case(
        "site-missing-title",
        lambda s: site_yaml(s, "title: Test Outlet\n", ""),
        "site.yaml:1: missing required key 'title'",
    ),
    case(
        "site-missing-sections",
        lambda s: site_yaml(s, SITE_YAML[SITE_YAML.index("sections:") :], ""),
        "site.yaml:1: missing required key 'sections'",
    ),
    case(
        "site-wrong-type",
        lambda s: site_yaml(s, "per_page: 3", "per_page: three"),
        "site.yaml:5: 'per_page' must be a whole number, not text",
    ),
    case(
        "site-sections-wrong-type",
        lambda s: site_yaml(s, SITE_YAML[SITE_YAML.index("sections:") :], "sections: world\n"),
        "site.yaml:7: 'sections' must be a list, not text",
    ),
    case(
        "site-unknown-key",
        lambda s: site_yaml(s, "keep_reading: 2", "keep_raeding: 2"),
        "site.yaml:6: unknown key 'keep_raeding' in site.yaml (did you mean 'keep_reading'?)",
    ),
    case(
        "site-yaml-syntax",
        lambda s: site_yaml(s, "per_page: 3", "per_page: [3"),
        "site.yaml:5: YAML syntax error: did not find expected ',' or ']' (while parsing a flow "
        "sequence, noticed on line 6) (a quote or bracket opened on this line is not closed)",
    ),
    case(
        "site-yaml-tab",
        lambda s: site_yaml(s, "per_page: 3", "\tper_page: 3"),
        "site.yaml:5: YAML syntax error: found a tab character that violates indentation "
        "(while scanning a plain scalar) (indent with spaces, not tabs)",
    ),
    case(
        "site-duplicate-key",
        lambda s: site_yaml(s, "keep_reading: 2", "per_page: 4"),
        "site.yaml:6: key 'per_page' is given twice (first on line 5) (keep one of them)",
    ),
    case(
        "site-bad-timezone",
        lambda s: site_yaml(s, "America/New_York", "America/New_Yrok"),
        "site.yaml:4: unknown timezone 'America/New_Yrok' (did you mean 'America/New_York'?)",
    ),
    case(
        "site-bad-base-url",
        lambda s: site_yaml(s, "https://news.example.com/", "javascript:alert(1)"),
        "site.yaml:3: base_url must be an absolute http(s) URL, not 'javascript:alert(1)'",
    ),
    case(
        "site-unknown-section-key-field",
        lambda s: site_yaml(s, "{key: asia, title: Asia}", "{key: asia, titel: Asia}"),
        "site.yaml:9: missing required key 'title' in a section",
        "site.yaml:9: unknown key 'titel' in a section (did you mean 'title'?)",
    ),
    case(
        "site-newsletter-javascript",
        lambda s: site_yaml(
            s, "per_page: 3", "per_page: 3\nnewsletter: {title: News, action: 'javascript:x'}"
        ),
        "site.yaml:6: 'newsletter.action' must be an http(s) URL "
        "(the address the signup form posts to)",
    ),
    case(
        "site-not-utf8",
        lambda s: raw_bytes(s, "site.yaml", SITE_YAML.encode() + b"tagline: caf\xe9\n"),
        "site.yaml:11: not UTF-8 text (byte 0xe9) (save the file as UTF-8)",
    ),
    # --- articles: the file itself
    case(
        "article-yaml-syntax",
        lambda s: s.article("bad", dek=RawYaml('"Why Track II talks matter')),
        f"{A}:7: YAML syntax error: found unexpected end of stream (while scanning a quoted "
        "scalar) (a quote or bracket opened on this line is not closed)",
    ),
    case(
        "article-yaml-colon",
        lambda s: s.article("bad", dek=RawYaml("Talks: what next")),
        f"{A}:7: YAML syntax error: mapping values are not allowed in this context "
        "(put quotes around a value that contains ': ')",
    ),
    case(
        "article-front-matter-not-opened",
        lambda s: raw_article(s, "bad", "title: T\ndate: 2026-05-01\n---\nBody.\n"),
        f"{A}:1: the file must start with a '---' line opening the front matter",
    ),
    case(
        "article-front-matter-not-closed",
        lambda s: raw_article(s, "bad", "---\ntitle: T\ndate: 2026-05-01\n\nBody.\n"),
        f"{A}:1: the front matter opened on line 1 is never closed with '---'",
    ),
    case(
        "article-not-utf8",
        lambda s: raw_bytes(
            s, A, s.article("bad").read_bytes().replace(b"A second one.", b"Caf\xe9 society.")
        ),
        f"{A}:10: not UTF-8 text (byte 0xe9) (save the file as UTF-8)",
    ),
    case(
        "article-empty-body",
        lambda s: s.article("bad", body="\n   \n"),
        f"{A}:8: the article has no body text",
    ),
    case(
        "article-duplicate-key",
        lambda s: s.write(A, s.article("bad").read_text().replace("tags:", "title:")),
        f"{A}:6: key 'title' is given twice (first on line 2) (keep one of them)",
    ),
    # --- articles: keys
    case(
        "article-unknown-key",
        lambda s: s.article("bad", tgas=["Ukraine"]),
        f"{A}:7: unknown key 'tgas' in front matter (did you mean 'tags'?)",
    ),
    case(
        "article-missing-title",
        lambda s: raw_article(
            s, "bad", "---\ndate: 2026-05-01\nsection: world\nauthors: [ann]\n---\nBody.\n"
        ),
        f"{A}:2: missing required key 'title'",
    ),
    case(
        "article-missing-date",
        lambda s: raw_article(s, "bad", "---\ntitle: T\nsection: world\nauthors: [ann]\n---\nB\n"),
        f"{A}:2: missing required key 'date'",
    ),
    case(
        "article-missing-section",
        lambda s: raw_article(
            s, "bad", "---\ntitle: T\ndate: 2026-05-01\nauthors: [ann]\n---\nB\n"
        ),
        f"{A}:2: missing required key 'section'",
    ),
    case(
        "article-missing-authors",
        lambda s: raw_article(
            s, "bad", "---\ntitle: T\ndate: 2026-05-01\nsection: world\ntags: [a]\n---\nB\n"
        ),
        f"{A}:2: missing required key 'authors' (add authors: [author-key])",
    ),
    case(
        "article-empty-title",
        lambda s: s.article("bad", title="  "),
        f"{A}:2: 'title' is empty",
    ),
    case(
        "article-title-wrong-type",
        lambda s: s.article("bad", title=["Two", "titles"]),
        f"{A}:2: 'title' must be text, not a list",
    ),
    case(
        "article-date-wrong-type",
        lambda s: s.article("bad", date=RawYaml("20260501")),
        f"{A}:3: 'date' must be a date or text, not a whole number",
    ),
    case(
        "article-tags-wrong-type",
        lambda s: s.article("bad", tags="Ukraine, Russia"),
        f"{A}:6: 'tags' must be a list, not text",
    ),
    case(
        "article-draft-wrong-type",
        lambda s: s.article("bad", draft="no"),
        f"{A}:7: 'draft' must be true or false, not text",
    ),
    case(
        "article-photo-wrong-type",
        lambda s: s.article("bad", photo="/images/a.jpg"),
        f"{A}:7: 'photo' must be a mapping of keys to values, not text",
    ),
    case(
        "article-author-wrong-type",
        lambda s: s.article("bad", authors=[3]),
        f"{A}:5: each author must be an author key (text)",
    ),
    case(
        "article-unparseable-date",
        lambda s: s.article("bad", date="next Tuesday"),
        f"{A}:3: 'date' is not a date: 'next Tuesday' "
        "(write 2026-07-06 or 2026-07-06T10:30:00-04:00)",
    ),
    case(
        "article-impossible-date",
        lambda s: s.article("bad", date=RawYaml("2026-02-30")),
        f"{A}:3: '2026-02-30' is not a valid date (day is out of range for month) "
        "(write 2026-07-06)",
    ),
    case(
        "article-date-typo-year",
        lambda s: s.article("bad", date=RawYaml("0226-07-06")),
        f"{A}:3: 'date' is in the year 226 (write a year from 1800 to 2999)",
    ),
    case(
        "article-unparseable-updated",
        lambda s: s.article("bad", updated="yesterday"),
        f"{A}:7: 'updated' is not a date: 'yesterday' "
        "(write 2026-07-06 or 2026-07-06T10:30:00-04:00)",
    ),
    case(
        "article-unknown-section",
        lambda s: s.article("bad", section="wrold"),
        f"{A}:4: unknown section 'wrold' (did you mean 'world'?)",
    ),
    case(
        "article-unknown-kind",
        lambda s: s.article("bad", kind="analisys"),
        f"{A}:7: unknown kind 'analisys' (did you mean 'analysis'?)",
    ),
    case(
        "article-unknown-author",
        lambda s: s.article("bad", authors=["ann", "anne"]),
        f"{A}:5: unknown author 'anne' (did you mean 'ann'?)",
    ),
    case(
        "article-unknown-author-no-suggestion",
        lambda s: s.article("bad", authors=["zed"]),
        f"{A}:5: unknown author 'zed' (add content/authors/zed.md)",
    ),
    case(
        "article-canonical-javascript",
        lambda s: s.article("bad", canonical="javascript:alert(1)"),
        f"{A}:7: 'canonical' must be an http(s) URL",
    ),
    # --- articles: URLs, photos, paths
    case(
        "article-duplicate-url",
        lambda s: s.article("2026/good"),
        "content/articles/2026/good.md:2: article URL /world/good/ is also the URL of "
        "content/articles/good.md:2",
    ),
    case(
        "article-duplicate-slug",
        lambda s: s.article("bad", slug="good"),
        f"{A}:7: article URL /world/good/ is also the URL of content/articles/good.md:2",
    ),
    case(
        "article-photo-without-alt",
        lambda s: (s.write("static/a.jpg", "jpg"), s.article("bad", photo={"src": "/a.jpg"})),
        f"{A}:7: missing required key 'alt' in photo",
    ),
    case(
        "article-photo-empty-alt",
        lambda s: (
            s.write("static/a.jpg", "jpg"),
            s.article("bad", photo={"src": "/a.jpg", "alt": ""}),
        ),
        f"{A}:7: 'alt' is empty",
    ),
    case(
        "article-photo-missing-file",
        lambda s: (
            s.write("static/images/talks.jpg", "jpg"),
            s.article("bad", photo={"src": "/images/taks.jpg", "alt": "Talks"}),
        ),
        f"{A}:7: photo '/images/taks.jpg' is not a file under static/ "
        "(did you mean 'images/talks.jpg'?)",
    ),
    case(
        "article-photo-javascript",
        lambda s: s.article("bad", photo={"src": "javascript:alert(1)", "alt": "A"}),
        f"{A}:7: photo src 'javascript:alert(1)' must be a path under static/ starting with "
        "'/' or an https URL",
    ),
    case(
        "article-photo-dotdot",
        lambda s: s.article("bad", photo={"src": "/../../etc/passwd", "alt": "A"}),
        f"{A}:7: photo src '/../../etc/passwd' must be a path under static/ starting with "
        "'/' or an https URL",
    ),
    case(
        "article-photo-relative-dotdot",
        lambda s: s.article("bad", photo={"src": "../secret.jpg", "alt": "A"}),
        f"{A}:7: photo src '../secret.jpg' must be a path under static/ starting with "
        "'/' or an https URL",
    ),
    case(
        "article-alias-collides-with-article",
        lambda s: s.article("bad", aliases=["/world/good/"]),
        f"{A}:7: alias /world/good/ is also the URL of content/articles/good.md:2",
    ),
    case(
        "article-alias-collides-with-page",
        lambda s: s.article("bad", aliases=["/about/"]),
        f"{A}:7: alias /about/ is also the URL of content/pages/about.md:2",
    ),
    case(
        "article-alias-collides-with-index",
        lambda s: s.article("bad", aliases=["/tags/general/"]),
        f"{A}:7: alias /tags/general/ is a URL rsgen uses for a tag page",
    ),
    case(
        "article-alias-collides-with-search-index",
        lambda s: s.article("bad", aliases=["/pagefind/pagefind-js/"]),
        f"{A}:7: alias /pagefind/pagefind-js/ is a URL rsgen uses for the search index",
    ),
    case(
        "article-alias-collides-with-static",
        lambda s: (s.write("static/old/index.html", "<p>"), s.article("bad", aliases=["/old/"])),
        f"{A}:7: alias /old/ is also the URL of static/old/index.html",
    ),
    case(
        "article-alias-dotdot",
        lambda s: s.article("bad", aliases=["/../../outside/"]),
        f"{A}:7: alias '/../../outside/' must be a path such as /2026/07/06/old-url/ "
        f"({ALIAS_HINT})",
    ),
    case(
        "article-alias-not-rooted",
        lambda s: s.article("bad", aliases=["old-url/"]),
        f"{A}:7: alias 'old-url/' must be a path such as /2026/07/06/old-url/ ({ALIAS_HINT})",
    ),
    case(
        "article-slug-dotdot",
        lambda s: s.article("bad", slug="../../etc"),
        f"{A}:7: slug '../../etc' is not a safe URL segment (use 'etc')",
    ),
    case(
        "article-slug-two-segments",
        lambda s: s.article("bad", slug="a/b"),
        f"{A}:7: slug 'a/b' is not a safe URL segment (use 'a-b')",
    ),
    case(
        "article-file-name-with-spaces",
        lambda s: s.article("bad file"),
        "content/articles/bad file.md:1: file name 'bad file' is not a safe URL segment "
        "(use 'bad-file')",
    ),
    case(
        "static-file-collides-with-index",
        lambda s: s.write("static/world/index.html", "<p>mine</p>"),
        "static/world/index.html: static file /world/index.html is a URL rsgen uses for "
        "a section index",
    ),
    # --- authors
    case(
        "author-missing-name",
        lambda s: s.write("content/authors/bob.md", "---\nrole: Editor\n---\nBio.\n"),
        "content/authors/bob.md:2: missing required key 'name'",
    ),
    case(
        "author-unknown-key",
        lambda s: s.author("bob", "Bob", rol="Editor"),
        "content/authors/bob.md:3: unknown key 'rol' in front matter (did you mean 'role'?)",
    ),
    case(
        "author-javascript-link",
        lambda s: s.author("bob", "Bob", links={"x": "javascript:alert(1)"}),
        "content/authors/bob.md:3: link 'x' must be an http(s) URL",
    ),
    case(
        "author-photo-missing-file",
        lambda s: s.author("bob", "Bob", photo={"src": "/bob.jpg", "alt": "Bob"}),
        "content/authors/bob.md:3: photo '/bob.jpg' is not a file under static/",
    ),
    case(
        "author-bad-file-name",
        lambda s: s.author("Bob Smith", "Bob"),
        "content/authors/Bob Smith.md:1: author file name 'Bob Smith' is not a safe URL "
        "segment (rename it to 'bob-smith.md')",
    ),
    case(
        "author-same-key-twice",
        lambda s: s.author("staff/ann", "Another Ann"),
        "content/authors/staff/ann.md:1: author key 'ann' is also the file name of "
        "content/authors/ann.md (author keys are file names, so they must differ)",
    ),
    case(
        "author-yaml-syntax",
        lambda s: s.write("content/authors/bob.md", "---\nname: Bob\nrole: [Editor\n---\nBio.\n"),
        "content/authors/bob.md:3: YAML syntax error: did not find expected ',' or ']' (while "
        "parsing a flow sequence) (a quote or bracket opened on this line is not closed)",
    ),
    # --- pages
    case(
        "page-missing-title",
        lambda s: s.write("content/pages/donate.md", "---\ndescription: Give\n---\nText.\n"),
        "content/pages/donate.md:2: missing required key 'title'",
    ),
    case(
        "page-unknown-key",
        lambda s: s.page("donate", "Donate", descripton="Give"),
        "content/pages/donate.md:3: unknown key 'descripton' in front matter "
        "(did you mean 'description'?)",
    ),
    case(
        "page-bad-file-name",
        lambda s: s.page("Donate Now", "Donate"),
        "content/pages/Donate Now.md:1: page file name 'Donate Now' is not a safe URL segment "
        "(rename it to 'donate-now.md')",
    ),
    case(
        "page-empty-body",
        lambda s: s.page("donate", "Donate", body=""),
        "content/pages/donate.md:4: the page has no body text",
    ),
    case(
        "page-collides-with-section",
        lambda s: s.page("world", "World"),
        "content/pages/world.md:2: page URL /world/ is a URL rsgen uses for a section index",
    ),
    case(
        "page-no-front-matter",
        lambda s: s.write("content/pages/donate.md", "# Donate\n\nText.\n"),
        "content/pages/donate.md:1: the file must start with a '---' line opening the front matter",
    ),
    # --- blocks, embeds and live blogs in a body (it starts on line 8; with one more key, 9)
    case(
        "block-unknown-name",
        lambda s: s.article("bad", body="Intro.\n\n::: pulquote\nWords.\n:::\n"),
        f"{A}:10: unknown block 'pulquote' (did you mean 'pullquote'?)",
    ),
    case(
        "block-without-name",
        lambda s: s.article("bad", body="Intro.\n\n:::\nWords.\n:::\n"),
        f"{A}:10: a ':::' line opens a block without a name (name it (pullquote, aside, "
        "related, embed, update), or remove a ':::' that closes a block twice)",
    ),
    case(
        "embed-no-provider",
        lambda s: s.article(
            "bad", body="Intro.\n\n::: embed https://video.example.com/v/42\nCaption.\n:::\n"
        ),
        f"{A}:10: no embed provider matches 'https://video.example.com/v/42' (embeds take a "
        "post, video, recording, chart or document URL of YouTube, Vimeo, X, Bluesky, Spotify, "
        "Apple Podcasts, SoundCloud, Datawrapper, Flourish, DocumentCloud)",
    ),
    case(
        "embed-bad-id",
        lambda s: s.article("bad", body="Intro.\n\n::: embed https://youtu.be/dQw4w9\n:::\n"),
        f"{A}:10: no embed provider matches 'https://youtu.be/dQw4w9' (embeds take a "
        "post, video, recording, chart or document URL of YouTube, Vimeo, X, Bluesky, Spotify, "
        "Apple Podcasts, SoundCloud, Datawrapper, Flourish, DocumentCloud)",
    ),
    case(
        "embed-without-url",
        lambda s: s.article("bad", body="Intro.\n\n::: embed\nCaption.\n:::\n"),
        f"{A}:10: the embed block needs a URL: ::: embed URL",
    ),
    case(
        "aside-without-title",
        lambda s: s.article("bad", body="Intro.\n\n::: aside\nBackground.\n:::\n"),
        f"{A}:10: the aside block needs a title: ::: aside TITLE",
    ),
    case(
        "related-missing",
        lambda s: s.article("bad", body="Intro.\n\n::: related world/goof\n:::\n"),
        f"{A}:10: related article 'world/goof' does not exist (did you mean 'world/good'?)",
    ),
    case(
        "related-draft",
        lambda s: (
            s.article("secret", draft=True),
            s.article("bad", body="Intro.\n\n::: related secret\n:::\n"),
        ),
        f"{A}:10: related article 'secret' is a draft "
        "(a related box must lead to a published article)",
    ),
    case(
        "related-future",
        lambda s: (
            s.article("scheduled", date=RawYaml("2027-01-05T09:00:00-05:00")),
            s.article("bad", body="Intro.\n\n::: related world/scheduled\n:::\n"),
        ),
        f"{A}:10: related article 'world/scheduled' is dated after the build clock "
        "(a related box must lead to a published article)",
    ),
    case(
        "related-ambiguous-slug",
        lambda s: (
            s.article("asia/good", section="asia"),
            s.article("bad", body="Intro.\n\n::: related good\n:::\n"),
        ),
        f"{A}:10: more than one article has the slug 'good' "
        "(write section/slug: asia/good, world/good)",
    ),
    case(
        "related-not-a-slug",
        lambda s: s.article("bad", body="Intro.\n\n::: related World/Good Story\n:::\n"),
        f"{A}:10: 'World/Good Story' is not an article: write ::: related section/slug (or slug)",
    ),
    case(
        "related-in-a-page",
        lambda s: s.page("donate", "Donate", body="Give.\n\n::: related world/goof\n:::\n"),
        "content/pages/donate.md:6: related article 'world/goof' does not exist "
        "(did you mean 'world/good'?)",
    ),
    case(
        "update-outside-a-live-blog",
        lambda s: s.article(
            "bad", body="Intro.\n\n::: update 2026-05-01T10:00:00-04:00\nNews.\n:::\n"
        ),
        f"{A}:10: an update block belongs in a live blog "
        "(add live: {start: …} to the front matter)",
    ),
    case(
        "update-bad-time",
        lambda s: s.article(
            "bad",
            live={"start": "2026-05-01T08:00:00-04:00"},
            body="Intro.\n\n::: update 10:00 this morning\nNews.\n:::\n",
        ),
        f"{A}:11: '10:00 this morning' is not a date and time "
        "(write ::: update 2026-07-06T14:05:00-04:00)",
    ),
    case(
        "update-missing-time",
        lambda s: s.article(
            "bad",
            live={"start": "2026-05-01T08:00:00-04:00"},
            body="Intro.\n\n::: update\nNews.\n:::\n",
        ),
        f"{A}:11: the update block needs its time (write ::: update 2026-07-06T14:05:00-04:00)",
    ),
    case(
        "update-date-only",
        lambda s: s.article(
            "bad",
            live={"start": "2026-05-01T08:00:00-04:00"},
            body="Intro.\n\n::: update 2026-05-01\nNews.\n:::\n",
        ),
        f"{A}:11: '2026-05-01' has no time of day (write ::: update 2026-07-06T14:05:00-04:00)",
    ),
    case(
        "update-in-a-page",
        lambda s: s.page(
            "donate", "Donate", body="Give.\n\n::: update 2026-05-01T10:00:00-04:00\nX.\n:::\n"
        ),
        "content/pages/donate.md:6: an update block belongs in a live blog",
    ),
    case(
        "live-bad-start",
        lambda s: s.article("bad", live={"start": "soon"}),
        f"{A}:7: 'start' is not a date: 'soon' (write 2026-07-06 or 2026-07-06T10:30:00-04:00)",
    ),
    case(
        "live-ends-before-it-starts",
        lambda s: s.article(
            "bad", live=RawYaml("\n  start: 2026-05-01T08:00:00-04:00\n  end: 2026-04-30")
        ),
        f"{A}:9: live coverage ends before it starts",
    ),
    case(
        "live-unknown-key",
        lambda s: s.article(
            "bad", live={"start": "2026-05-01T08:00:00-04:00", "ending": "2026-05-02"}
        ),
        f"{A}:7: unknown key 'ending' in live (did you mean 'end'?)",
    ),
    case(
        "live-missing-start",
        lambda s: s.article("bad", live={"end": "2026-05-02"}),
        f"{A}:7: missing required key 'start' in live",
    ),
    case(
        "bio-with-a-block",
        lambda s: s.author("bob", "Bob", bio="Bio.\n\n::: aside More\nText.\n:::\n"),
        "content/authors/bob.md:6: an author's bio holds plain Markdown, without ::: blocks",
    ),
    # --- series
    case(
        "series-unknown-key",
        lambda s: (
            s.write("content/series/ukraine-talks.md", "---\ntitle: Talks\n---\nIntro.\n"),
            s.article("bad", series="ukraine-talk"),
        ),
        f"{A}:7: unknown series 'ukraine-talk' (did you mean 'ukraine-talks'?)",
    ),
    case(
        "series-without-a-file",
        lambda s: s.article("bad", series="sahel"),
        f"{A}:7: unknown series 'sahel' (add content/series/sahel.md)",
    ),
    case(
        "series-missing-title",
        lambda s: s.write("content/series/sahel.md", "---\ndescription: D\n---\nIntro.\n"),
        "content/series/sahel.md:2: missing required key 'title'",
    ),
    case(
        "series-unknown-front-matter-key",
        lambda s: s.write("content/series/sahel.md", "---\ntitle: Sahel\nsummary: S\n---\nI.\n"),
        "content/series/sahel.md:3: unknown key 'summary' in front matter",
    ),
    case(
        "series-page-collides",
        lambda s: s.page("series", "Our series"),
        "content/pages/series.md:2: page URL /series/ is a URL rsgen uses for its own pages",
    ),
    case(
        "section-named-series",
        lambda s: site_yaml(s, "{key: asia, title: Asia}", "{key: series, title: Series}"),
        "site.yaml:9: 'series' is a URL rsgen uses itself",
    ),
    # --- templates
    case(
        "template-syntax-error",
        lambda s: s.write("templates/x.html", "<p>\n{% if %}\n</p>\n"),
        "templates/x.html:2: template syntax error: Expected an expression, got 'end of "
        "statement block'",
    ),
    case(
        "template-missing-include",
        lambda s: s.write("templates/x.html", "<p>\n{% include 'sidebar.html' %}\n"),
        "templates/x.html:2: template 'sidebar.html' not found",
    ),
    case(
        "template-undefined-variable",
        lambda s: s.write("templates/page.html", TEMPLATE_WITH_UNDEFINED),
        "templates/page.html:4: template error: 'page_subtitle' is undefined",
    ),
    case(
        "template-not-utf8",
        lambda s: raw_bytes(s, "templates/x.html", b"<p>\n<p>caf\xe9</p>\n"),
        "templates/x.html:2: not UTF-8 text (byte 0xe9)",
    ),
]


@pytest.mark.parametrize("defect", CASES, ids=[c.name for c in CASES])
def test_one_defect(site: Site, defect: Case) -> None:
    good_site(site)
    assert build_cli(site).exit_code == 0
    before = digest(site.root / "public")
    defect.defect(site)
    result = build_cli(site)
    assert problem_lines(result) == list(defect.expected), result.stderr
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"{len(defect.expected)} problem(s); nothing was written."
    )
    assert digest(site.root / "public") == before
    assert not [p for p in site.root.iterdir() if p.name.startswith(".public.rsgen-")]


def test_the_command_exits_1_in_a_real_process(site: Site) -> None:
    """The table runs in-process; one real `rsgen build` shows the same lines and status."""
    from test_cli import run

    good_site(site)
    site.article("bad", section="wrold")
    result = run("build", str(site.root), *CLOCK)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{A}:4: unknown section 'wrold' (did you mean 'world'?)",
        "1 problem(s); nothing was written.",
    ]
    assert not (site.root / "public").exists()


def test_every_problem_at_once_sorted_by_file_and_line(site: Site) -> None:
    good_site(site)
    assert build_cli(site).exit_code == 0
    before = digest(site.root / "public")
    site.article("zebra", section="wrold", kind="analisys")
    site.article("alpha", tgas=["x"], date="soon")
    site.author("bob", "Bob", rol="Editor")
    site.page("donate", "Donate", body="")
    result = build_cli(site)
    assert result.exit_code == 1
    assert problem_lines(result) == [
        "content/articles/alpha.md:3: 'date' is not a date: 'soon' "
        "(write 2026-07-06 or 2026-07-06T10:30:00-04:00)",
        "content/articles/alpha.md:7: unknown key 'tgas' in front matter (did you mean 'tags'?)",
        "content/articles/zebra.md:4: unknown section 'wrold' (did you mean 'world'?)",
        "content/articles/zebra.md:7: unknown kind 'analisys' (did you mean 'analysis'?)",
        "content/authors/bob.md:3: unknown key 'rol' in front matter (did you mean 'role'?)",
        "content/pages/donate.md:4: the page has no body text",
    ]
    assert digest(site.root / "public") == before


def test_check_reports_content_and_template_errors_together(site: Site) -> None:
    good_site(site)
    site.article("bad", section="wrold")
    site.write("templates/x.html", "{% for %}\n")
    result = cli("check", str(site.root), *CLOCK)
    assert result.exit_code == 1
    assert problem_lines(result) == [
        f"{A}:4: unknown section 'wrold' (did you mean 'world'?)",
        "templates/x.html:1: template syntax error: Expected an expression, got 'end of "
        "statement block'",
    ]


def test_warnings_print_but_pass_unless_strict(site: Site) -> None:
    good_site(site)
    site.article("untagged", tags=None)
    warning = "content/articles/untagged.md:6: warning: the article has no tags (tags help readers find related pieces)"
    result = build_cli(site)
    assert result.exit_code == 0, result.stderr
    assert warning in result.stderr.splitlines()
    assert (site.root / "public/world/untagged/index.html").is_file()
    before = digest(site.root / "public")

    strict = build_cli(site, "--strict")
    assert strict.exit_code == 1
    assert problem_lines(strict) == [warning]
    assert digest(site.root / "public") == before


def test_check_finds_a_dead_internal_link(site: Site) -> None:
    good_site(site)
    site.article(
        "linking",
        body="First paragraph with [a good link](/world/good/).\n\n"
        "A second paragraph that runs\nonto a [dead link](/nowhere/) on its second line.\n",
    )
    result = cli("check", str(site.root), *CLOCK)
    assert result.exit_code == 1
    # front matter is lines 1-7, the body starts on line 8; the link is on the body's 4th line
    assert problem_lines(result) == [
        "content/articles/linking.md:11: link to /nowhere/ leads to no page or file of the site"
    ]
    assert not (site.root / "public").exists()


def test_check_resolves_every_kind_of_internal_link(site: Site) -> None:
    good_site(site)
    site.write("static/files/report.pdf", "pdf")
    site.article(
        "linking",
        body="[a](/world/good/) [b](/tags/general/) [c](/authors/ann/) [d](/about/) "
        "[e](/files/report.pdf) [f](https://news.example.com/world/) [g](/feed.xml) "
        "[h](https://elsewhere.example.org/x/) [i](#notes) [j](mailto:desk@example.com)\n",
    )
    result = cli("check", str(site.root), *CLOCK)
    assert result.exit_code == 0, result.stderr
    assert "no errors" in result.stderr


def test_check_writes_nothing_for_a_good_site(site: Site) -> None:
    good_site(site)
    before = every_file(site.root)
    result = cli("check", str(site.root), *CLOCK)
    assert result.exit_code == 0, result.stderr
    assert every_file(site.root) == before
    assert not (site.root / "public").exists()


def test_ctrl_c_while_rendering_leaves_the_previous_output(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    good_site(site)
    for n in range(5):
        site.article(f"story-{n}")
    site.build()
    before = digest(site.root / "public")
    site.article("new-story")
    render_page = rsgen.render.pages.render_page
    calls = []

    def interrupted(*args: object, **kwargs: object) -> str:
        calls.append(1)
        if len(calls) > 3:
            raise KeyboardInterrupt
        return render_page(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(rsgen.render.pages, "render_page", interrupted)
    with pytest.raises(KeyboardInterrupt):
        site.build()
    assert digest(site.root / "public") == before
    assert not [p for p in site.root.iterdir() if p.name.startswith(".public.rsgen-")]

    calls.clear()
    result = build_cli(site)
    assert result.exit_code == 130
    assert "Interrupted; the previous output is unchanged." in result.stderr
    assert digest(site.root / "public") == before
    assert not [p for p in site.root.iterdir() if p.name.startswith(".public.rsgen-")]


@pytest.mark.parametrize(
    "output", [".", "content", "content/articles", "static", "templates", ".."]
)
def test_output_folder_must_not_hold_the_site(site: Site, output: str) -> None:
    good_site(site)
    before = every_file(site.root.parent)
    result = build_cli(site, "-o", str(site.root / output))
    assert result.exit_code == 1
    assert (
        "the output folder must not be the site folder or hold its sources (use -o public)"
        in result.stderr
    )
    assert every_file(site.root.parent) == before


def test_output_folder_must_not_be_a_file(site: Site) -> None:
    good_site(site)
    before = (site.root / "site.yaml").read_bytes()
    result = build_cli(site, "-o", str(site.root / "site.yaml"))
    assert result.exit_code == 1
    assert "the output folder is a file (use -o public)" in result.stderr
    assert (site.root / "site.yaml").read_bytes() == before


HOSTILE_PATHS = [
    {"slug": "../../escaped"},
    {"slug": "/etc"},
    {"slug": "..\\..\\escaped"},
    {"slug": "a/../../escaped"},
    {"aliases": ["/../../escaped/"]},
    {"aliases": ["/a/../../../escaped/"]},
    {"aliases": ["//evil.example.com/x/"]},
    {"aliases": ["/..\\..\\escaped/"]},
    {"aliases": ["/x/%2e%2e/"]},
    {"aliases": ["/../escaped.html"]},
    {"photo": {"src": "/../../../../etc/passwd", "alt": "x"}},
]


@pytest.mark.parametrize("fields", HOSTILE_PATHS, ids=[str(f) for f in HOSTILE_PATHS])
def test_nothing_is_written_outside_the_output_folder(
    site: Site, fields: dict[str, object]
) -> None:
    good_site(site)
    before = every_file(site.root.parent)
    site.article("hostile", **fields)
    result = build_cli(site)
    written = every_file(site.root.parent) - before
    # the build cache (site/.rsgen-cache/) is rsgen's own, not something content can name
    outside = [
        p
        for p in written
        if not p.startswith(("site/public/", "site/.rsgen-cache/")) and "hostile" not in p
    ]
    assert outside == [], result.stderr
    # refused (exit 1), or harmless and kept inside the output ("%2e%2e" is a folder name)
    assert result.exit_code in (0, 1) and "Traceback" not in result.stderr


@pytest.mark.parametrize("html", [True, False], ids=["html-true", "html-false"])
def test_raw_html_in_bodies_follows_site_yaml(site: Site, html: bool) -> None:
    """Raw HTML (embeds) is the editors' choice; script URLs in Markdown never become links."""
    if not html:
        site.write("site.yaml", SITE_YAML + "markdown: {html: false}\n")
    site.article(
        "embed",
        body="Intro.\n\n"
        '<iframe src="https://www.youtube.com/embed/x"></iframe>\n\n'
        "[a](javascript:alert(1)) [b](JavaScript:alert(1)) [c](vbscript:x) "
        "[d](file:///etc/passwd) [e](data:text/html,x) ![f](javascript:alert(1))\n",
    )
    site.build()
    page = site.read("world/embed/index.html")
    assert ('<iframe src="https://www.youtube.com/embed/x">' in page) is html
    assert ("&lt;iframe" in page) is not html
    for scheme in ("javascript:", "vbscript:", "file:", "data:text"):
        assert f'="{scheme}'.lower() not in page.lower()


# ------------------------------------------------- check reports what build rejects, same paths
UNDEFINED_IN_COLOPHON = "<p>How we work.</p>\n<p>{{ colophon_text }}</p>\n"


@pytest.mark.parametrize("typed", ["absolute", ".", "site", "./site/"])
def test_template_errors_name_the_site_file_however_the_site_is_typed(
    site: Site, typed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`rsgen check` and `rsgen build` both reject an undefined variable, with one path:
    relative to the site, whether the site was given as `.`, a relative or an absolute path."""
    good_site(site)
    site.write("templates/_colophon.html", UNDEFINED_IN_COLOPHON)
    monkeypatch.chdir(site.root if typed == "." else site.root.parent)
    where = str(site.root) if typed == "absolute" else typed
    expected = ["templates/_colophon.html:2: template error: 'colophon_text' is undefined"]
    for command in ("check", "build"):
        result = cli(command, where, *CLOCK)
        assert result.exit_code == 1, (command, result.stderr)
        assert problem_lines(result) == expected, (command, result.stderr)
    assert not (site.root / "public").exists()


def test_check_renders_every_shape_of_page(site: Site) -> None:
    """A template that fails only on an article with a correction fails check too."""
    good_site(site)
    site.article("corrected", correction="An earlier version misdated the talks.")
    site.write(
        "templates/_colophon.html",
        "<p>How we work.</p>\n"
        "{% if article is defined and article.correction %}{{ article.corection }}{% endif %}\n",
    )
    expected = [
        "templates/_colophon.html:2: template error: 'ArticleView' has no attribute 'corection'"
    ]
    for command in ("check", "build"):
        result = cli(command, str(site.root), *CLOCK)
        assert problem_lines(result) == expected, (command, result.stderr)


def test_check_reports_references_to_files_the_output_lacks(site: Site) -> None:
    good_site(site)
    site.write(
        "templates/_colophon.html",
        "<p>How we work.</p>\n"
        '<p><a href="{{ site.root }}standards.pdf">Our standards</a>'
        ' <a href="{{ site.root }}about/">About</a></p>\n',
    )
    site.article(
        "raw",
        body='Text.\n\n<img src="/images/chart.png" alt="A chart">\n\n<p><a href="/gone/">Old</a></p>\n',
    )
    site.write(
        "static/site.webmanifest",
        '{"name": "Test",\n "icons": [\n  {"src": "images/app-icon.png", "sizes": "192x192"}\n ]}\n',
    )
    result = cli("check", str(site.root), *CLOCK)
    assert result.exit_code == 1
    hint = " (add the file under static/, or change the address)"
    assert problem_lines(result) == [
        f'{A.replace("bad", "raw")}:10: src="/images/chart.png" leads to no page or file of the '
        f"site (on /world/raw/){hint}",
        f'{A.replace("bad", "raw")}:12: href="/gone/" leads to no page or file of the '
        f"site (on /world/raw/){hint}",
        'static/site.webmanifest:3: src="/images/app-icon.png" leads to no page or file of the '
        f"site (on /site.webmanifest){hint}",
        'templates/_colophon.html:2: href="/standards.pdf" leads to no page or file of the site '
        f"(on /){hint}",
    ]
    site.write("static/standards.pdf", "%PDF")
    site.write("static/images/chart.png", "png")
    site.write("static/images/app-icon.png", "png")
    site.write("static/gone/index.html", "moved")
    fixed = cli("check", str(site.root), *CLOCK)
    assert fixed.exit_code == 0, fixed.stderr


def test_the_theme_ships_the_icons_its_pages_name(site: Site) -> None:
    from PIL import Image

    good_site(site)
    assert cli("check", str(site.root), *CLOCK).exit_code == 0
    assert build_cli(site).exit_code == 0
    public = site.root / "public"
    head = site.read("index.html")
    assert 'href="/favicon.ico"' in head and 'href="/site.webmanifest"' in head
    manifest = json.loads(site.read("site.webmanifest"))
    for icon in manifest["icons"]:
        with Image.open(public / icon["src"]) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"] and image.format == "PNG"
    assert (public / "images/logo.png").is_file()  # the JSON-LD publisher's logo
    with Image.open(public / "favicon.ico") as favicon:
        assert favicon.format == "ICO" and {(16, 16), (32, 32), (48, 48)} <= favicon.info["sizes"]


# ---------------------------------------------------- a broken site.yaml hides nothing else
def test_settings_errors_come_with_content_and_template_errors(site: Site) -> None:
    good_site(site)
    site_yaml(site, "per_page: 3", "per_page: three")
    site.article("bad", date="soon")
    site.article("stranger", authors=["nobody"])
    site.write("templates/x.html", "{% for %}\n")
    expected = [
        f"{A}:3: 'date' is not a date: 'soon' (write 2026-07-06 or 2026-07-06T10:30:00-04:00)",
        "content/articles/stranger.md:5: unknown author 'nobody' (add content/authors/nobody.md)",
        "site.yaml:5: 'per_page' must be a whole number, not text",
        "templates/x.html:1: template syntax error: Expected an expression, got 'end of "
        "statement block'",
    ]
    for command in ("build", "check"):
        result = cli(command, str(site.root), *CLOCK)
        assert result.exit_code == 1
        assert problem_lines(result) == expected, (command, result.stderr)


def test_unreadable_settings_still_let_front_matter_be_checked(site: Site) -> None:
    """With site.yaml's sections unknown, an article's section is not guessed wrong."""
    good_site(site)
    site.write("site.yaml", SITE_YAML.replace("title: Test Outlet", "title: [Test Outlet"))
    raw_article(site, "broken", '---\ntitle: "Unclosed\nsection: world\n---\nBody.\n')
    site.article("fine", section="world")
    result = cli("check", str(site.root), *CLOCK)
    lines = problem_lines(result)
    assert [line.split(": ", 1)[0] for line in lines] == [
        "content/articles/broken.md:2",
        "site.yaml:1",
    ]
    assert all("YAML syntax error" in line for line in lines), lines


def test_every_problem_of_the_writers_blocks_at_once(site: Site) -> None:
    """One build lists every block, embed, related, update and series problem, from
    `rsgen build` and `rsgen check` alike, and writes nothing."""
    good_site(site)
    assert build_cli(site).exit_code == 0
    before = digest(site.root / "public")
    site.article("secret", draft=True)
    site.article(
        "bad",
        live={"start": "2026-05-01T08:00:00-04:00"},
        series="talks",
        body="Intro.\n\n::: pulquote\nWords.\n:::\n\n"
        "::: embed https://video.example.com/v/42\n:::\n\n"
        "::: related secret\n:::\n\n"
        "::: update later\nNews.\n:::\n",
    )
    expected = [
        f"{A}:12: unknown block 'pulquote' (did you mean 'pullquote'?)",
        f"{A}:16: no embed provider matches 'https://video.example.com/v/42' (embeds take a "
        "post, video, recording, chart or document URL of YouTube, Vimeo, X, Bluesky, Spotify, "
        "Apple Podcasts, SoundCloud, Datawrapper, Flourish, DocumentCloud)",
        f"{A}:22: 'later' is not a date and time (write ::: update 2026-07-06T14:05:00-04:00)",
    ]
    result = build_cli(site)
    assert result.exit_code == 1
    assert problem_lines(result) == expected
    assert digest(site.root / "public") == before
    checked = cli("check", str(site.root), *CLOCK)
    assert checked.exit_code == 1
    assert problem_lines(checked) == expected
    # with those fixed, what the graph checks across files is reported: the series, the box
    site.article(
        "bad",
        live={"start": "2026-05-01T08:00:00-04:00"},
        series="talks",
        body="Intro.\n\n::: related secret\n:::\n",
    )
    assert problem_lines(cli("check", str(site.root), *CLOCK)) == [
        f"{A}:8: unknown series 'talks' (add content/series/talks.md)",
        f"{A}:12: related article 'secret' is a draft "
        "(a related box must lead to a published article)",
    ]
