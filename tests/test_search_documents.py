"""What Pagefind is given of a page (rsgen.publish.search_documents): the searched parts kept
byte for byte, the rest dropped, the whole page when it cannot be followed; and the index made
from these documents is the index made from the whole pages, file by file, on the example site
and on a generated corpus."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import NOW, REPO, RawYaml, Site
from rsgen.build import BuildRequest, build
from rsgen.graph import BuildOptions
from rsgen.publish.pagefind_bundle import canonical_bundle
from rsgen.publish.pagefind_service import PagefindService
from rsgen.publish.search import SEARCH_DIR, TIMEOUT, _executable
from rsgen.publish.search_documents import search_document

PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Le titre</title>
<meta data-pagefind-meta="image[content]" content="/a.jpg">
<style>p { color: red }</style><link rel="stylesheet" href="/s.css"></head>
<body class="article">
<nav><a href="/">Home</a><img src="/logo.svg" alt="logo"></nav>
<main><h1 data-pagefind-body>Le titre</h1>
<p><a href="/s/" data-pagefind-filter="section">Europe</a></p>
<div class="body" data-pagefind-body><p>Searched <em>words</em>.</p><br><svg><path d="M0"/></svg></div>
<section class="teasers"><article><img src="/t1.jpg" alt="first"><h2>Another story</h2>
<p>Unsearched.</p></article><article><img src="/t2.jpg" alt="second"></article></section>
</main><script>if (a < b) document.write("<div>")</script>
<footer><p>Footer text</p></footer></body></html>
"""


def test_the_searched_parts_are_kept_byte_for_byte_and_the_rest_dropped() -> None:
    document = search_document(PAGE)
    assert document is not None
    assert document.startswith('<!DOCTYPE html><html lang="fr"><head><title>Le titre</title>')
    for kept in (
        '<meta data-pagefind-meta="image[content]" content="/a.jpg">',
        '<body class="article">',
        '<img src="/logo.svg" alt="logo">',
        '<img src="/t1.jpg" alt="first">',  # Pagefind's default image: the first after the h1
        "<h1 data-pagefind-body>Le titre</h1>",
        '<a href="/s/" data-pagefind-filter="section">Europe</a>',
        '<div class="body" data-pagefind-body><p>Searched <em>words</em>.</p><br>'
        '<svg><path d="M0"/></svg></div>',
    ):
        assert kept in document
    dropped_parts = ("Home", "Another story", "Unsearched", "t2.jpg", "Footer", "document.write")
    for dropped in dropped_parts:
        assert dropped not in document
    assert document.endswith("</body></html>")


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><main><p>No marker.</p></main></body></html>",
        "<html><body data-pagefind-body><p>All of it.</p></body></html>",
        "<html><body><div data-pagefind-body><p>An end tag left out</div></body></html>",
        "<html><body><div data-pagefind-body><div/>A div that opens</div></body></html>",
        "<html><body><div data-pagefind-body>Never closed</body></html>",
        "<html><body><script data-pagefind-meta='x'>1</script><i data-pagefind-body>a</i>",
    ],
)
def test_a_page_it_cannot_follow_is_given_whole(page: str) -> None:
    assert search_document(page) is None


def index_of(documents: list[tuple[str, str]], scratch: Path) -> dict[str, bytes]:
    with PagefindService(_executable(), scratch, TIMEOUT) as service:
        placed = {f"{SEARCH_DIR}/{rel}": data for rel, data in service.index(documents).items()}
    return canonical_bundle(placed, SEARCH_DIR)


def assert_same_index(public: Path, scratch: Path) -> int:
    pages = []
    for path in sorted(public.glob("**/index.html")):
        html = path.read_text(encoding="utf-8")
        if "data-pagefind-body" in html:
            pages.append((f"/{path.parent.relative_to(public).as_posix()}/", html))
    documents = [(url, search_document(html)) for url, html in pages]
    assert all(document is not None for _, document in documents)  # the theme's pages: all
    whole = index_of(pages, scratch)
    slim = index_of([(url, doc or "") for url, doc in documents], scratch)
    assert whole.keys() == slim.keys()
    assert [rel for rel in whole if whole[rel] != slim[rel]] == []
    return len(pages)


def test_the_example_sites_index_is_the_same_from_documents(
    example_build: Path, tmp_path: Path
) -> None:
    assert assert_same_index(example_build, tmp_path) >= 30


RSGEN_ONLY = ("--layouts", "rsgen")


def test_a_generated_corpus_index_is_the_same_from_documents(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks/corpus.py"), "150", str(corpus), *RSGEN_ONLY],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = tmp_path / "public"
    build(BuildRequest(corpus / "rsgen", out, BuildOptions(now=NOW)))
    assert assert_same_index(out, tmp_path) == 150


TRICKY_BODIES = {
    "raw-html": 'Some <b>bold <i>and</i></b> text.\n\n<div class="note"><p>A box</p></div>\n',
    "unclosed": "A paragraph.\n\n<div><p>an end tag left out</div>\n\nAfter it.\n",
    "self-closing": "Before.\n\n<span/>\n\nAfter the span.\n",
    "marker-text": "The words data-pagefind-body and data-pagefind-ignore as text.\n",
    "marker-attr": "<p data-pagefind-ignore>hidden from search</p>\n\nShown words.\n",
    "script": "<script>if (a < b && c > d) { x = '</div>'; }</script>\n\nText after.\n",
    "comment": "<!-- <div> a comment with a tag -->\n\nText.\n",
    "svg": '<svg viewBox="0 0 1 1"><title>An icon</title><path d="M0 0"/></svg>\n\nText.\n',
}


def test_what_a_writer_types_leaves_the_index_as_the_whole_page_gives_it(
    site: Site, tmp_path: Path
) -> None:
    """Raw HTML in a body, balanced or not, markers as text or as attributes, scripts,
    comments, SVG: each page's document (or the whole page, when it cannot be followed)
    gives the index the whole page gives."""
    for n, (name, body) in enumerate(sorted(TRICKY_BODIES.items()), 1):
        site.article(name, body=body, date=RawYaml(f"2026-03-{n:02d}T09:00:00Z"))
    out = tmp_path / "public"
    build(BuildRequest(site.root, out, BuildOptions(now=NOW)))
    pages = []
    for path in sorted(out.glob("*/*/index.html")):
        if path.parent.name in TRICKY_BODIES:  # the article pages, which search indexes
            html = path.read_text(encoding="utf-8")
            pages.append((f"/{path.parent.relative_to(out).as_posix()}/", html))
    assert len(pages) == len(TRICKY_BODIES)
    documents = [(url, search_document(html) or html) for url, html in pages]
    whole = {
        url for (url, html), (_, document) in zip(pages, documents, strict=True) if document is html
    }
    assert whole == {"/world/self-closing/", "/world/unclosed/"}  # the rest are documents
    assert index_of(pages, tmp_path) == index_of(documents, tmp_path)
