"""The benchmark corpus (benchmarks/corpus.py): same bytes every run, the promised statistics,
a site rsgen builds and checks cleanly, and peer layouts Hugo and Pelican build to the pages
the manifest counts (those two only where `benchmarks/peers.py --install` has put them)."""

from __future__ import annotations

import collections
import datetime as dt
import hashlib
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import jinja2
import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "benchmarks" / "corpus.py"
N = 50
SECTION_ORDER = [
    "global-crises",
    "asia-pacific",
    "latin-america",
    "europe",
    "middle-east",
    "africa",
    "military-industrial-complex",
    "washington-politics",
]
SECTIONS = set(SECTION_ORDER)
LINK = re.compile(r"\]\(([^)\s]+)\)")


def write_corpus(out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(CORPUS), str(N), str(out), *args],
        capture_output=True,
        text=True,
        check=False,
    )


def tree(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def split(path: Path) -> tuple[dict[str, Any], str]:
    """Front matter and body of an rsgen article."""
    _, head, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(head), body


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    done = write_corpus(out)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def articles(corpus: Path) -> list[tuple[dict[str, Any], str]]:
    return [split(p) for p in sorted((corpus / "rsgen/content/articles").glob("*.md"))]


def test_two_runs_write_the_same_bytes(corpus: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    done = write_corpus(again)
    assert done.returncode == 0, done.stderr
    first, second = tree(corpus), tree(again)
    assert len(first) > 3 * N
    assert first == second
    assert (
        json.loads((corpus / "manifest.json").read_text())["fingerprints"]
        == json.loads((again / "manifest.json").read_text())["fingerprints"]
    )


def test_another_seed_writes_another_corpus(corpus: Path, tmp_path: Path) -> None:
    done = write_corpus(tmp_path / "other", "--seed", "7", "--layouts", "rsgen")
    assert done.returncode == 0, done.stderr
    assert tree(tmp_path / "other" / "rsgen") != tree(corpus / "rsgen")


def test_site_settings_and_authors(corpus: Path) -> None:
    settings = yaml.safe_load((corpus / "rsgen/site.yaml").read_text())
    assert [s["key"] for s in settings["sections"]] == SECTION_ORDER
    assert set(settings["kinds"]) == {"analysis", "news", "opinion", "reporting"}
    assert len(list((corpus / "rsgen/content/authors").glob("*.md"))) == 60


def test_article_metadata_statistics(
    corpus: Path, articles: list[tuple[dict[str, Any], str]]
) -> None:
    authors = {p.stem for p in (corpus / "rsgen/content/authors").glob("*.md")}
    assert len(articles) == N
    offsets = set()
    tag_counts: collections.Counter[str] = collections.Counter()
    for meta, _ in articles:
        assert meta["section"] in SECTIONS
        assert meta["kind"] in {"analysis", "news", "opinion", "reporting"}
        assert 1 <= len(meta["authors"]) <= 3 and set(meta["authors"]) <= authors
        assert 2 <= len(meta["tags"]) <= 6 and len(set(meta["tags"])) == len(meta["tags"])
        date = meta["date"]
        assert isinstance(date, dt.datetime) and date.tzinfo is not None
        assert (
            dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
            <= date
            < dt.datetime(2025, 12, 31, tzinfo=dt.UTC)
        )
        offsets.add(date.utcoffset())
        assert meta["photo"]["src"].startswith("https://") and meta["photo"]["alt"]
        tag_counts.update(meta["tags"])
    assert len(offsets) >= 4  # mixed UTC offsets
    assert len({meta["section"] for meta, _ in articles}) >= 6
    # Zipf(1.0): the commonest tag is on a good share of the articles, most tags on one or two
    ((_, top),) = tag_counts.most_common(1)
    assert top >= 0.15 * N
    assert top >= 5 * sorted(tag_counts.values())[len(tag_counts) // 2]


def test_bodies_have_the_promised_shape(articles: list[tuple[dict[str, Any], str]]) -> None:
    lists = internal = links = 0
    for _, body in articles:
        words = len(re.findall(r"[A-Za-z']+", LINK.sub("]", body)))
        assert 700 <= words <= 1200, words
        blocks = body.strip().split("\n\n")
        paragraphs = [b for b in blocks if not b.startswith((">", "- ", "#"))]
        has_list = any(b.startswith("- ") for b in blocks)
        lists += has_list
        assert 6 <= len(paragraphs) - has_list <= 14  # a list's introducing sentence aside
        assert sum(b.startswith("> ") for b in blocks) == 1
        assert sum(b.startswith("## ") for b in blocks) <= 2
        found = LINK.findall(body)
        assert 2 <= len(found) <= 5
        links += len(found)
        internal += sum(url.startswith("/") for url in found)
        assert all(url.startswith(("/", "https://")) and "example.org" not in url for url in found)
        assert re.search(r"(?<!\*)\*[A-Za-z][^*\n]*\*(?!\*)", body)  # emphasis
    assert 0.35 <= internal / links <= 0.85
    assert 5 <= lists <= 35


def test_internal_links_point_at_articles_of_the_corpus(
    corpus: Path, articles: list[tuple[dict[str, Any], str]]
) -> None:
    pages = {
        f"/{meta['section']}/{path.stem}/"
        for (meta, _), path in zip(
            articles, sorted((corpus / "rsgen/content/articles").glob("*.md")), strict=True
        )
    }
    targets = {url for _, body in articles for url in LINK.findall(body) if url.startswith("/")}
    assert targets and targets <= pages


def test_rsgen_checks_and_builds_the_corpus(corpus: Path, tmp_path: Path) -> None:
    site = corpus / "rsgen"
    rsgen = [sys.executable, "-m", "rsgen"]
    check = subprocess.run([*rsgen, "check", str(site)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    out = tmp_path / "public"
    manifest = tmp_path / "written.json"
    now = ["--now", "2026-01-01T00:00:00+00:00", "--manifest", str(manifest), "--quiet"]
    built = subprocess.run(
        [*rsgen, "build", str(site), "-o", str(out), *now], capture_output=True, text=True
    )
    assert built.returncode == 0, built.stderr
    for path in (site / "content/articles").glob("*.md"):
        meta, _ = split(path)
        assert (out / meta["section"] / path.stem / "index.html").is_file()
    written = json.loads(manifest.read_text())["written"]
    assert (
        sum(p.endswith(".html") for p in written)
        >= json.loads((corpus / "manifest.json").read_text())["pages"]["html"]
    )
    assert (out / "pagefind").is_dir()  # the default build indexes the articles


def test_peer_layouts_are_complete(corpus: Path) -> None:
    hugo, pelican = corpus / "hugo", corpus / "pelican"
    for name in ("baseof", "page", "section", "term", "taxonomy", "home"):
        assert (hugo / "layouts" / f"{name}.html").is_file()
    assert "data-pagefind-body" in (hugo / "layouts/page.html").read_text()
    stories = [p for p in (hugo / "content").glob("*/*.md") if p.name != "_index.md"]
    assert len(stories) == N
    assert {p.parent.name for p in stories} <= SECTIONS
    assert "[taxonomies]" in (hugo / "hugo.toml").read_text()
    settings = (pelican / "pelicanconf.py").read_text()
    compile(settings, "pelicanconf.py", "exec")
    environment = jinja2.Environment()
    for template in (pelican / "theme/templates").glob("*.html"):
        environment.parse(template.read_text())  # valid Jinja
    assert len(list((pelican / "content").glob("*.md"))) == N
    head = next((pelican / "content").glob("*.md")).read_text().split("\n\n", 1)[0]
    for key in ("Title", "Date", "Category", "Tags", "Authors", "Slug", "Summary", "Dek"):
        assert re.search(rf"(?m)^{key}: \S", head), key


def test_a_folder_that_is_not_a_corpus_is_left_alone(tmp_path: Path) -> None:
    keep = tmp_path / "rsgen" / "notes.txt"
    keep.parent.mkdir()
    keep.write_text("mine")
    done = write_corpus(tmp_path, "--layouts", "rsgen")
    assert done.returncode != 0
    assert "not replaced" in done.stderr
    assert keep.read_text() == "mine"


def peer_venv() -> Path:
    return Path(
        os.environ.get("RSGEN_PEERS_VENV", Path(tempfile.gettempdir()) / "rsgen-peers/venv")
    )


def load_peers() -> Any:
    name = "benchmark_peers"  # benchmarks/ is scripts, not a package: load the file by path
    spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / "peers.py")
    assert spec and spec.loader
    module = sys.modules.setdefault(name, importlib.util.module_from_spec(spec))
    spec.loader.exec_module(module)
    return module.find_peers(peer_venv())


def html_pages(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*.html")}


@pytest.mark.skipif(
    not (peer_venv() / "bin" / "pelican").exists(),
    reason="peers not installed: python benchmarks/peers.py --install",
)
def test_hugo_and_pelican_write_the_pages_the_manifest_counts(corpus: Path, tmp_path: Path) -> None:
    peers = load_peers()
    assert peers.hugo and peers.pelican
    expected = json.loads((corpus / "manifest.json").read_text())["pages"]["html"]
    hugo_out, pelican_out = tmp_path / "hugo", tmp_path / "pelican"
    hugo_args = ["--source", str(corpus / "hugo"), "--destination", str(hugo_out)]
    hugo_args += ["--cacheDir", str(tmp_path / "cache"), "--quiet"]
    subprocess.run([*peers.hugo.command, *hugo_args], check=True)
    pelican = corpus / "pelican"
    pelican_args = [str(pelican / "content"), "-s", str(pelican / "pelicanconf.py")]
    pelican_args += ["-o", str(pelican_out), "-q"]
    subprocess.run([*peers.pelican.command, *pelican_args], check=True)
    assert len(html_pages(hugo_out)) == expected
    assert html_pages(pelican_out) == html_pages(hugo_out)
    # keep reading: older articles of the same section, the same ones in both
    compared = 0
    for page in sorted(html_pages(hugo_out)):
        text = (hugo_out / page).read_text()
        if 'class="keep-reading"' not in text:
            continue
        aside = text.split('class="keep-reading"', 1)[1]
        links = re.findall(r'href="(/[^"]+/)"', aside)
        section = page.split("/")[0]
        assert all(link.startswith(f"/{section}/") for link in links)
        pelican_aside = (pelican_out / page).read_text().split('class="keep-reading"', 1)[1]
        assert re.findall(r'href="(/[^"]+/)"', pelican_aside) == links
        compared += bool(links)
    assert compared >= N // 2
