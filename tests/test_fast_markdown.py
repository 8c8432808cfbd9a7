"""The proof that the fast Markdown path (content/fast_markdown.py) changes nothing: for every
body it takes, its `Body` equals markdown-it-py's, field by field; whatever it cannot promise
(or makes markdown-it-pyrs raise or panic) goes to markdown-it-py.

Three sources of bodies: the 652 examples of the CommonMark spec 0.31.2 (a fixture, with its
licence in tests/fixtures/commonmark-spec-0.31.2.NOTICE), every file of the example site and
of a generated benchmark corpus, and a fuzzer writing Markdown-ish text. RSGEN_FUZZ_SCALE=20
runs twenty times as many fuzzed bodies.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import markdown_it_pyrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rsgen.content.loading
from conftest import NOW, REPO, copy_tree
from rsgen.build import BuildRequest, build
from rsgen.content.fast_markdown import FastBodyRenderer, panicked
from rsgen.content.frontmatter import split_front_matter
from rsgen.content.markdown import BodyRenderer
from rsgen.graph import BuildOptions

SCALE = int(os.environ.get("RSGEN_FUZZ_SCALE", "1"))
SPEC = json.loads((REPO / "tests/fixtures/commonmark-spec-0.31.2.json").read_text("utf-8"))
FAST = FastBodyRenderer()
SLOW = BodyRenderer()
# markdown-it-pyrs 0.4.0 panics on this (a code span inside a link's text)
PANICS = "**}[`*)word$\n"
RSGEN_ONLY = ("--layouts", "rsgen")


def taken(text: str, first_line: int = 1) -> bool:
    """Whether the fast path takes `text`; when it does, its body must be markdown-it-py's."""
    body = FAST.fast_body(text, first_line)
    if body is None:
        return False
    assert body == SLOW.render(text, first_line), text
    return True


def test_every_commonmark_spec_example_is_declined_or_equal() -> None:
    assert len(SPEC) == 652
    accepted = [ex["example"] for ex in SPEC if taken(ex["markdown"])]
    # 522 of 652 with markdown-it-pyrs 0.4.0; the others use what the fast path leaves alone
    assert len(accepted) >= 500
    # where the two parsers' HTML differs (spec 0.31 corners), the fast path must decline
    differing = {218, 239, 240, 354, 625, 626}
    assert differing.isdisjoint(accepted)


def test_the_spec_examples_where_the_parsers_differ_really_differ() -> None:
    """The examples the last test requires declined are ones where declining matters."""
    rust = markdown_it_pyrs.MarkdownIt("commonmark").enable_many(["table", "strikethrough"])
    by_number = {ex["example"]: ex["markdown"] for ex in SPEC}
    for number in (218, 239, 354, 625):
        text = by_number[number]
        assert rust.render(text) != SLOW.render(text).html, number


def _bodies(root: Path) -> list[tuple[str, str, int, bool]]:
    found = []
    for path in sorted(root.rglob("*.md")):
        split = split_front_matter(path.read_text("utf-8"))
        bio = path.parent.name == "authors"
        found.append((str(path.relative_to(root)), split.body, split.body_line, not bio))
    return found


def _check_site(root: Path) -> tuple[int, int]:
    """Every body of a site rendered both ways (as the build does: bios without blocks)."""
    renderer = FastBodyRenderer()
    bodies = _bodies(root)
    for rel, body, line, blocks in bodies:
        expected = SLOW.render(body, line, rel, blocks=blocks)
        assert renderer.render(body, line, rel, blocks=blocks) == expected, rel
    assert renderer.taken + renderer.declined == len(bodies)
    return renderer.taken, len(bodies)


def test_the_example_site_renders_the_same() -> None:
    fast, total = _check_site(REPO / "content")
    # its articles show off blocks, embeds and figures; the rest is plain prose
    assert total > 40 and fast >= total // 2


def test_a_benchmark_corpus_takes_the_fast_path_and_renders_the_same(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(REPO / "benchmarks/corpus.py"), "200", str(tmp_path), *RSGEN_ONLY],
        check=True,
        capture_output=True,
    )
    articles = tmp_path / "rsgen/content/articles"
    fast, total = _check_site(articles)
    assert total == 200
    assert fast == total  # the corpus is prose, links, lists and quotations: all fast


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_the_example_site_builds_to_the_same_bytes_either_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The acceptance test: a build whose loader has the fast path, and one whose loader has
    markdown-it-py alone, write the same files."""
    outputs = {}
    for way in ("fast", "slow"):
        if way == "slow":
            monkeypatch.setattr(rsgen.content.loading, "FastBodyRenderer", BodyRenderer)
        site = copy_tree(REPO, tmp_path / way)
        out = tmp_path / f"{way}-public"
        options = BuildOptions(now=NOW)
        build(BuildRequest(site=site, output=out, options=options, clean=True, search=False))
        outputs[way] = _files(out)
    assert len(outputs["fast"]) > 100
    assert outputs["fast"] == outputs["slow"]


def test_what_only_markdown_it_py_knows_is_declined() -> None:
    cases = [
        "::: pullquote\nWords.\n:::\n",
        'Text.\n\n![Alt](/photo.jpg "Caption")\n',
        "Text.\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n",
        "Text.[^1]\n\n[^1]: A note.\n",
        "Text ^[inline note].\n",
        "A <!-- comment --> here.\n",
        "Costs *£*5.\n",
        "Words\u00a0with a no-break space.\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n",
        "> Quoted\nlazy line\n",
        "No newline at the end",
        "[Link to Zürich](https://zürich.example/)\n",
    ]
    for text in cases:
        renderer = FastBodyRenderer()
        assert renderer.fast_body(text) is None, text
        assert renderer.render(text, 1) == SLOW.render(text, 1), text
        assert renderer.declined == 1


def test_bios_and_sites_without_raw_html_take_markdown_it_py() -> None:
    text = "Plain <b>words</b> and a [link](/x/).\n"
    renderer = FastBodyRenderer()
    assert renderer.render(text, 1, blocks=False) == SLOW.render(text, 1, blocks=False)
    assert (renderer.taken, renderer.declined) == (0, 1)
    assert renderer.render(text, 1) == SLOW.render(text, 1)
    assert renderer.taken == 1
    no_html = FastBodyRenderer(html=False)
    assert no_html.fast_body(text) is None
    body = no_html.render(text, 1)
    assert body == BodyRenderer(html=False).render(text, 1) and "&lt;b&gt;" in body.html


def test_a_panic_falls_back_to_markdown_it_py() -> None:
    rust = markdown_it_pyrs.MarkdownIt("commonmark")
    with pytest.raises(BaseException) as raised:
        rust.tree(PANICS)
    assert panicked(raised.value) and not isinstance(raised.value, Exception)
    renderer = FastBodyRenderer()
    assert renderer.rust_body(PANICS) is None  # past the look at the text, to the panic
    assert renderer.render(PANICS, 1) == SLOW.render(PANICS, 1)


def test_an_interrupt_is_not_swallowed(monkeypatch: pytest.MonkeyPatch) -> None:
    class Interrupted:
        def render(self, text: str) -> str:
            raise KeyboardInterrupt

    renderer = FastBodyRenderer()
    monkeypatch.setattr(renderer, "fast", Interrupted())
    with pytest.raises(KeyboardInterrupt):
        renderer.render("Words.\n")


def test_links_keep_their_file_lines() -> None:
    text = (
        "First [a](/a/) line\nsecond *[b](/b/)*\n<span\nclass=x>[c](/c/)</span>\n\n"
        "- [d](<https://x.example/d>) and\n  [e](/e/ 'title')\n\n> [f][ref]\n\n"
        "[ref]: /f/\n"
    )
    assert taken(text, 7)
    links = FAST.fast_body(text, 7)
    assert links is not None
    assert links.links == (
        ("/a/", 7),
        ("/b/", 8),
        ("/c/", 10),
        ("https://x.example/d", 12),
        ("/e/", 13),
        ("/f/", 15),
    )


# -- the fuzzer -------------------------------------------------------------------------------

INLINE = [
    "word", "Words", "é", "“", "”", "—", "’", "😀", "£", "$", " ", "  ", "\t", "*", "**", "_",
    "__", "~~", "~", "`", "[", "]", "(", ")", "<", ">", "!", "\\", "&amp;", "&#35;", "&nbsp;",
    "&x;", "[x]", "[x][]", "[l](/u 't')", "[l](<a b>)", "[l](/u \"\")", "[](/e)", "[l]()",
    "http://a.b/c", "https://ex.com/ü", "<http://a.b>", "<a@b.c>", "<b>", "</b>",
    "<span a='1'>", "[x](javascript:alert(1))", "[x](data:image/png;base64,AA)", "%C3", "|",
    "[^1]", "![i](/i.png)", "<!-- c -->", "::: aside", ":", ".", ",", "\"", "'", "1", "#",
    "&mdash;", "<sup>1</sup>", "[l](https://ex.com/a_(b))", " #", "Zoë", "  ", "\\",
]  # fmt: skip
PREFIX = [
    "", "", "", "  ", "    ", "> ", ">", "> > ", "- ", "* ", "+ ", "1. ", "2) ", "  - ",
    "    - ", "# ", "### ", "```", "~~~", "---", "***", "===", "[x]: /u \"t\"", "| a | b |",
    "|---|:-:|", "<div>", "</div>", ":::", "[^1]: ", "10. ", "   ", "#### ", "   > ",
    "  1. ", "<p>", "\t",
]  # fmt: skip
lines = st.tuples(st.sampled_from(PREFIX), st.lists(st.sampled_from(INLINE), max_size=8)).map(
    lambda pair: pair[0] + "".join(pair[1])
)
documents = st.tuples(st.lists(lines | st.just(""), min_size=1, max_size=14), st.booleans()).map(
    lambda pair: "\n".join(pair[0]) + ("\n" if pair[1] else "")
)
loose = st.text(alphabet=st.sampled_from("ab *_`[]()<>!#-+>|\\&;:.1\n\n é“😀"), max_size=80).map(
    lambda text: text + "\n"
)


@settings(max_examples=400 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_fuzzed_documents_are_declined_or_equal(text: str) -> None:
    taken(text)


@settings(max_examples=300 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(loose)
def test_fuzzed_characters_are_declined_or_equal(text: str) -> None:
    taken(text)
    FastBodyRenderer().rust_body(text)  # no panic gets out, whatever the text
