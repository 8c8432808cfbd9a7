"""The importer's parts on small inputs: embeds, wpautop, shortcodes, escaping, paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from rsgen.content.markdown import BodyRenderer
from rsgen.importing.body import convert_body
from rsgen.importing.embeds import embed_url
from rsgen.importing.media import MediaLibrary, confined, safe_copy_name, uploads_path
from rsgen.importing.notes import Notes
from rsgen.importing.permalinks import OldSite, as_alias, old_paths
from rsgen.importing.records import quoted
from rsgen.importing.text import first_words, plain_text
from rsgen.importing.wpautop import wpautop


class Unchanged:
    def link(self, href: str) -> str:
        return href

    def media(self, src: str) -> str:
        return src


def body(html: str) -> tuple[str, list[str]]:
    notes = Notes()
    return convert_body(html, Unchanged(), notes), notes.lines()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
        (
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        ),
        (
            "https://www.youtube.com/shorts/dQw4w9WgXcQ",
            "https://www.youtube.com/shorts/dQw4w9WgXcQ",
        ),
        ("https://player.vimeo.com/video/76979871", "https://vimeo.com/76979871"),
        ("https://mobile.twitter.com/jack/status/20", "https://twitter.com/jack/status/20"),
        ("https://x.com/jack/status/20", "https://x.com/jack/status/20"),
        (
            "https://bsky.app/profile/a.bsky.social/post/3k",
            "https://bsky.app/profile/a.bsky.social/post/3k",
        ),
        (
            "https://open.spotify.com/embed/episode/4rOoJ6Egrf8K2IrywzwOMk",
            "https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk",
        ),
        (
            "https://public.flourish.studio/visualisation/123/embed",
            "https://public.flourish.studio/visualisation/123/",
        ),
        ("https://www.youtube.com/watch?v=short", ""),  # a bad id stays a link
        ("https://example.com/watch?v=dQw4w9WgXcQ", ""),
        ("javascript:alert(1)", ""),
    ],
)
def test_embed_urls_in_the_table_form(url: str, expected: str) -> None:
    assert embed_url(url) == expected


def test_wpautop_paragraphs_breaks_and_blocks() -> None:
    html = wpautop("One\ntwo\n\nThree\n<ul>\n<li>a</li>\n</ul>\n<pre>x\n\ny</pre>")
    assert html.startswith("<p>One<br />\ntwo</p>\n<p>Three</p>")
    assert "<p><ul>" not in html and "<pre>x\n\ny</pre>" in html


def test_shortcodes_escaped_unknown_and_prose_brackets() -> None:
    text, notes = body(
        'Use [[caption]] to show it. [sic] [1] [Updated: May]\n\n[button url="x"]Go[/button]'
    )
    assert "Use \\[caption] to show it. [sic] [1] [Updated: May]" in text
    assert "Go" in text and "[button" not in text
    assert notes == ["removed shortcode [button]"]


def test_audio_video_shortcodes() -> None:
    text, _ = body(
        '[video src="https://www.youtube.com/watch?v=dQw4w9WgXcQ"]\n\n[audio mp3="https://x.org/a.mp3"][/audio]'
    )
    assert text.startswith("https://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n")
    assert '<audio controls preload="none" src="https://x.org/a.mp3">' in text


def test_nothing_a_writer_typed_becomes_markup() -> None:
    source = (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp;lt;b&amp;gt; *a* _b_ `c` [x](y) [^1] ~~d~~</p>"
        "<p># not a heading</p><p>- not a list</p><p>2) not a list</p><p>::: aside no</p>"
        '<p><a href="javascript:alert(1)">link</a> <img src=x onerror=alert(1) alt=pic></p>'
        "<script>alert(2)</script><p>---</p>"
    )
    markdown, _ = body(source)
    html = BodyRenderer(html=True).render(markdown).html
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html
    for text in (
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&amp;lt;b&amp;gt;",
        "*a* _b_ `c` [x](y) [^1] ~~d~~",
        "# not a heading",
        "- not a list",
        "2) not a list",
        "::: aside no",
        "---",
    ):
        assert text in html, text
    assert "<h1>" not in html and "<ul>" not in html and "<ol" not in html and "<hr" not in html


def test_trailing_break_leaves_no_backslash() -> None:
    text, _ = body("<!-- wp:paragraph --><p>Line<br></p><!-- /wp:paragraph -->")
    assert text == "Line\n"


def test_titles_as_plain_text() -> None:
    assert plain_text("<em>A</em> &amp; B&#8217;s &amp;amp; C\u0007") == "A & B’s & C"
    assert first_words("one two three four five six seven eight nine ten eleven") == (
        "one two three four five six seven eight nine ten…"
    )
    assert quoted('a: "b" # c\u2028') == '"a: \\"b\\" # c\\L"'


def test_old_paths_and_alias_rules() -> None:
    site = OldSite.from_url("https://www.example.org/news")
    assert old_paths("http://example.org/news/2019/05/x/", "x", ["old-x"], site) == [
        "/2019/05/x/",
        "/2019/05/old-x/",
    ]
    assert old_paths("https://elsewhere.org/2019/05/x/", "x", [], site) == []
    assert as_alias("/2019/05/%c3%a9t%c3%a9/") == ("/2019/05/été/", "")
    assert as_alias("/?p=1")[0] == "" and as_alias("/")[0] == ""
    assert as_alias("/a%20b/")[0] == "" and as_alias("/a/../b/")[0] == ""


def test_media_is_confined_to_its_folder(tmp_path: Path) -> None:
    media = tmp_path / "uploads"
    (media / "2019").mkdir(parents=True)
    (media / "2019/a.jpg").write_bytes(b"jpg")
    (tmp_path / "secret.txt").write_text("secret")
    (media / "2019/link.jpg").symlink_to(tmp_path / "secret.txt")
    assert confined(media, "2019/a.jpg") == (media / "2019/a.jpg").resolve()
    for bad in (
        "../secret.txt",
        "/etc/passwd",
        "2019/link.jpg",
        "2019\\..\\x",
        "2019/../../secret.txt",
    ):
        assert confined(media, bad) is None, bad
    copies: dict[str, bytes] = {}
    library = MediaLibrary(media, lambda rel, data: copies.__setitem__(rel, data))
    assert library.local("2019/a-300x200.jpg") == "/images/2019/a.jpg"
    assert library.local("2019/link.jpg") == ""
    assert copies == {"static/images/2019/a.jpg": b"jpg"}
    assert safe_copy_name("2019/Été photo (1).JPG") == "2019/ete-photo-1.jpg"
    assert uploads_path("https://x.org/wp-content/uploads/2019/05/a%20b.jpg") == "2019/05/a b.jpg"
