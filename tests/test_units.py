"""Pure functions: slugs, pagination, ordering, dates, front-matter splitting, the body parts."""

from __future__ import annotations

import datetime as dt

import pytest

from rsgen.base.located import DocumentSyntaxError
from rsgen.base.urls import is_local_path
from rsgen.content import slugify
from rsgen.content.frontmatter import FrontMatterMissing, parse_front_matter, split_front_matter
from rsgen.content.markdown import BodyRenderer
from rsgen.graph.plan import FRONT, Pagination, page_count, page_slice, paged_output
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
    assert page_count(39, 20) == 1  # the front page holds up to 2 * per_page - 1
    assert page_count(40, 20) == 2
    items = list(range(8))  # newest first
    # archive pages are blocks of 3 counted from the oldest; the front page holds the rest
    assert list(page_slice(items, FRONT, 3)) == [0, 1, 2, 3, 4]
    assert [list(page_slice(items, n, 3)) for n in (1,)] == [[5, 6, 7]]
    assert list(page_slice(list(range(3)), FRONT, 3)) == [0, 1, 2]


def test_a_new_article_leaves_every_archive_page_as_it_was() -> None:
    per_page = 4
    for total in range(0, 40):
        old = list(range(total))  # the article ids, oldest first
        new = [*old, total]  # one more, the newest
        before = [
            list(page_slice(old[::-1], n, per_page)) for n in range(1, page_count(total, per_page))
        ]
        after = [
            list(page_slice(new[::-1], n, per_page))
            for n in range(1, page_count(total + 1, per_page))
        ]
        # the archive pages there were are the same; at most one is added
        assert after[: len(before)] == before
        assert len(after) - len(before) in (0, 1)
        # every article on exactly one page, newest first across the pages
        pages = [list(page_slice(new[::-1], FRONT, per_page)), *after[::-1]]
        assert [i for page in pages for i in page] == new[::-1]
        assert all(len(page) == per_page for page in after)


def test_paged_urls() -> None:
    assert paged_output("tags/x/", FRONT) == "tags/x/index.html"
    assert paged_output("tags/x/", 3) == "tags/x/page/3/index.html"
    p = Pagination(2, 3, "/world/")  # archive page 2 of 3: page 3 is newer, page 1 older
    assert (p.prev_url, p.next_url) == ("/world/page/3/", "/world/page/1/")
    front = Pagination(FRONT, 3, "/world/")
    assert (front.prev_url, front.next_url, front.url) == ("", "/world/page/3/", "/world/")
    newest = Pagination(3, 3, "/world/")
    assert (newest.prev_url, newest.next_url) == ("/world/", "/world/page/2/")
    assert Pagination(1, 3, "/world/").next_url == ""
    alone = Pagination(FRONT, 0, "/world/")
    assert alone.prev_url == alone.next_url == ""


def test_a_long_archive_shows_a_window_of_page_links() -> None:
    def shown(number: int, archived: int) -> list[str]:
        return [label for label, _ in Pagination(number, archived, "/world/").window]

    # "" is a gap; never the number of the newest archive page, far from it
    assert shown(9, 173) == ["Newest", "11", "10", "9", "8", "7", "", "1"]
    assert shown(FRONT, 173) == ["Newest", "173", "172", "", "1"]
    assert shown(1, 173) == ["Newest", "3", "2", "1"]
    assert shown(4, 7) == ["Newest", "6", "5", "4", "3", "2", "1"]
    assert shown(FRONT, 1) == ["Newest", "1"]
    assert Pagination(2, 9, "/world/").window[1] == ("4", "/world/page/4/")
    # a page far from the newest shows the same pager however many pages are added
    assert Pagination(9, 173, "").shown == Pagination(9, 500, "").shown
    assert Pagination(9, 11, "").shown == Pagination(9, 12, "").shown
    assert Pagination(9, 10, "").shown != Pagination(9, 11, "").shown


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
