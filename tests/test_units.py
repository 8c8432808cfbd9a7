"""Pure functions: slugs, pagination, ordering, dates, front-matter splitting, the body parts."""

from __future__ import annotations

import datetime as dt

import pytest

from rsgen.base.located import DocumentSyntaxError
from rsgen.base.urls import is_local_path
from rsgen.content import slugify
from rsgen.content.frontmatter import FrontMatterMissing, parse_front_matter, split_front_matter
from rsgen.content.markdown import BodyRenderer
from rsgen.graph.plan import Pagination, page_count, page_slice, paged_output
from rsgen.render.seo import json_for_script, shorten
from rsgen.render.views import date_iso, date_text


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Track II diplomacy", "track-ii-diplomacy"),
        ("Zürich", "zurich"),
        ("São Paulo", "sao-paulo"),
        ("  U.S.–China trade  ", "u-s-china-trade"),
        ("NATO & the EU", "nato-the-eu"),
        ("Ünïcödé---Tëst!!", "unicode-test"),
        ("2026", "2026"),
        ("!!!", ""),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_page_count_and_slices() -> None:
    assert page_count(0, 20) == 1
    assert page_count(20, 20) == 1
    assert page_count(21, 20) == 2
    items = list(range(7))
    assert [list(page_slice(items, n, 3)) for n in (1, 2, 3)] == [[0, 1, 2], [3, 4, 5], [6]]


def test_paged_urls() -> None:
    assert paged_output("tags/x/", 1) == "tags/x/index.html"
    assert paged_output("tags/x/", 3) == "tags/x/page/3/index.html"
    p = Pagination(2, 3, "/world/")
    assert (p.prev_url, p.next_url) == ("/world/", "/world/page/3/")
    assert Pagination(1, 1, "/world/").prev_url == Pagination(1, 1, "/world/").next_url == ""
    assert p.pages == [(1, "/world/"), (2, "/world/page/2/"), (3, "/world/page/3/")]


def test_a_long_archive_shows_a_window_of_page_links() -> None:
    def shown(number: int, count: int) -> list[int]:
        return [n for n, _ in Pagination(number, count, "/world/").window]

    assert shown(9, 173) == [1, 0, 7, 8, 9, 10, 11, 0, 173]  # 0: a gap
    assert shown(1, 173) == [1, 2, 3, 0, 173]
    assert shown(4, 7) == [1, 2, 3, 4, 5, 6, 7]
    assert shown(1, 1) == [1]
    assert Pagination(2, 9, "/world/").window[1] == (2, "/world/page/2/")


def test_dates_format_without_locale() -> None:
    when = dt.datetime(2026, 7, 6, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=-4)))
    assert date_text(when) == "July 6, 2026"
    assert date_iso(when) == "2026-07-06T10:30:00-04:00"
    assert date_iso(when, date_only=True) == "2026-07-06"


FRONT_MATTER_FORMATS = {
    "yaml": "---\ntitle: x\nphoto:\n  src: /a.jpg\n---\n\nBody line\n",
    "toml": "+++\ntitle = 'x'\n[photo]\nsrc = '/a.jpg'\n+++\n\nBody line\n",
    "json": '{\n  "title": "x",\n  "photo": {\n    "src": "/a.jpg"}\n}\n\nBody line\n',
    "yaml, blank lines after the fences": "---\n\ntitle: x\nphoto:\n  src: /a.jpg\n---\n\n\nBody line\n",
}


@pytest.mark.parametrize("name", sorted(FRONT_MATTER_FORMATS))
def test_front_matter_keeps_the_line_of_every_key_and_of_the_body(name: str) -> None:
    """YAML, TOML (+++) and JSON front matter: each key and the body found on its own line."""
    text = FRONT_MATTER_FORMATS[name]
    lines = text.split("\n")
    split = split_front_matter(text)
    doc = parse_front_matter(split)
    assert doc.data == {"title": "x", "photo": {"src": "/a.jpg"}}
    assert "title" in lines[doc.line_of("title") - 1]
    assert "/a.jpg" in lines[doc.line_of("photo", "src") - 1]
    assert "\n".join(lines[split.body_line - 1 :]) == split.body  # the body starts on that line
    assert split.body.strip() == "Body line"
    assert split.format == name.split(",")[0]


def test_a_toml_syntax_error_names_its_line() -> None:
    split = split_front_matter("+++\ntitle = 'x'\ndate = \n+++\nBody\n")
    with pytest.raises(DocumentSyntaxError) as err:
        parse_front_matter(split)
    assert err.value.line == 3
    assert err.value.message.startswith("TOML syntax error")


def test_split_front_matter_reports_missing_fences() -> None:
    with pytest.raises(FrontMatterMissing, match="must start"):
        split_front_matter("title: x\n")
    with pytest.raises(FrontMatterMissing, match="never closed"):
        split_front_matter("---\ntitle: x\n")


def test_body_parts() -> None:
    body = BodyRenderer().render(
        "# Heading\n\nFirst *para*.[^1]\n\nSecond.\n\n<div>embed</div>\n\n- a\n- b\n\nThird.\n\nFourth.\n\n[^1]: Note.\n"
    )
    assert body.excerpt_html == "<p>First <em>para</em>.</p>"
    assert body.excerpt_text == "First para."
    # preview: the next three paragraph-like blocks, no raw HTML, no footnote marks
    assert body.more_html.count("<p>") == 2 and "<ul>" in body.more_html
    assert "embed" not in body.more_html and "Fourth" not in body.more_html
    assert 'class="footnote' in body.html and "footnote" not in body.excerpt_html


def test_raw_html_follows_the_setting() -> None:
    assert "<b>x</b>" in BodyRenderer(html=True).render("<b>x</b> y\n").html
    assert "&lt;b&gt;" in BodyRenderer(html=False).render("<b>x</b> y\n").html


def test_javascript_links_are_not_rendered() -> None:
    html = BodyRenderer().render("[x](javascript:alert(1)) ![y](javascript:alert(2))\n").html
    assert 'href="javascript' not in html and 'src="javascript' not in html
    assert "<a " not in html and "<img" not in html


def test_json_for_script_cannot_close_the_element() -> None:
    text = json_for_script({"headline": '</script><!-- & "x"'})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\\u003c/script\\u003e" in text


def test_shorten_cuts_at_words() -> None:
    assert shorten("word " * 100, 30).endswith("…")
    assert len(shorten("word " * 100, 30)) <= 30
    assert shorten("short", 30) == "short"


@pytest.mark.parametrize(
    ("path", "ok"),
    [
        ("/images/a.jpg", True),
        ("/a/../b", False),
        ("//evil.com/x", False),
        ("images/a.jpg", False),
        ("/a\\b", False),
        ("/./a", False),
    ],
)
def test_local_paths_stay_inside(path: str, ok: bool) -> None:
    assert is_local_path(path) is ok
