"""The search index in parts: where the cuts fall, which parts a change re-indexes, the
same bytes as a clean build whatever happened before, whatever order a folder lists its
files in, and a search in Chromium that finds articles of every part."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from chromium import CHROMIUM, CHROMIUM_FLAGS
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

from conftest import NOW, RawYaml, Site, require, serve_folder
from rsgen.build import BuildRequest, BuildResult, build
from rsgen.commands import compare_trees
from rsgen.graph import BuildOptions
from rsgen.publish import search
from rsgen.publish.search import PARTS_DIR, SEARCH_DIR, split_parts

PER_PART = 4  # articles per part on average in these tests: 24 articles make several parts
OLD_WORD = "zanzibarquay"  # only in the oldest article's body
NEW_WORD = "kamchatkaberth"  # only in the newest article's body


@pytest.fixture(autouse=True)
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "ARTICLES_PER_PART", PER_PART)


def day(n: int) -> RawYaml:
    return RawYaml(f"2026-03-{n:02d}T09:00:00Z")


def parts_site(site: Site, count: int = 24) -> Site:
    site.author("bob", "Bob Reporter")
    for n in range(1, count + 1):
        body = f"Story {n} about shipping lanes and ports.\n\nMore on cargo number {n}.\n"
        if n == 1:
            body += f"\nThe {OLD_WORD} was closed.\n"
        if n == count:
            body += f"\nThe {NEW_WORD} reopened.\n"
        site.article(
            f"story-{n:02d}",
            body=body,
            date=day(n),
            section="asia" if n % 3 == 0 else "world",
            authors=["bob"] if n % 2 else ["ann"],
            kind="news" if n % 4 else "analysis",
        )
    return site


def build_into(site: Site, out: str, clean: bool = False) -> BuildResult:
    request = BuildRequest(site.root, site.root / out, BuildOptions(now=NOW), clean=clean)
    return build(request)


def part_folders(out: Path) -> list[str]:
    """Every part's folder below the output root (the primary is `pagefind`)."""
    merged = sorted(p.relative_to(out).as_posix() for p in (out / PARTS_DIR).iterdir())
    return [SEARCH_DIR, *merged]


def folder_of(rel: str) -> str:
    return "/".join(rel.split("/")[:3]) if rel.startswith(f"{PARTS_DIR}/") else SEARCH_DIR


def index_files(rels: list[str]) -> set[str]:
    """The part folders these output paths fall in (index files only, not parts.js)."""
    return {folder_of(rel) for rel in rels if rel.startswith(f"{SEARCH_DIR}/")}


def rewritten_parts(result: BuildResult) -> set[str]:
    written = [rel for rel in result.report.written if not rel.endswith("parts.js")]
    return index_files(written)


def assert_equal_to_clean(site: Site) -> None:
    build_into(site, "clean", clean=True)
    assert compare_trees(site.root / "public", site.root / "clean") == []


# ------------------------------------------------------------------------------ the cuts
def test_cuts_depend_on_the_articles_not_on_their_neighbours() -> None:
    pages = [f"world/a{n}/index.html" for n in range(400)]
    parts = split_parts(pages, 20)
    assert [rel for part in parts for rel in part.pages] == pages
    assert parts[0].folder == SEARCH_DIR and all(p.folder.startswith(PARTS_DIR) for p in parts[1:])
    assert all(10 <= len(p.pages) <= 40 for p in parts[:-1])
    assert len({p.folder for p in parts}) == len(parts)
    # a new newest article touches the last part only
    grown = split_parts([*pages, "world/new/index.html"], 20)
    assert grown[:-1] == parts[:-1] or grown[: len(parts)] == parts
    # one deleted in the middle: the parts before it and most after it are the same
    middle = len(pages) // 2
    shrunk = split_parts(pages[:middle] + pages[middle + 1 :], 20)
    same = set(parts) & set(shrunk)
    assert len(same) >= len(parts) - 3


# ------------------------------------------------------------------------------ incremental
def test_the_site_is_indexed_in_parts(site: Site) -> None:
    parts_site(site)
    build_into(site, "public")
    out = site.root / "public"
    folders = part_folders(out)
    assert len(folders) >= 3
    counts = [
        json.loads((out / f / "pagefind-entry.json").read_text())["languages"]["en"]["page_count"]
        for f in folders
    ]
    assert sum(counts) == 24
    # one copy of Pagefind's script and WebAssembly: the merged parts have their index only
    assert (out / "pagefind/pagefind-ui.js").is_file() and (out / "pagefind/pagefind.js").is_file()
    for folder in folders[1:]:
        names = {p.name for p in (out / folder).iterdir()}
        assert not any(n.endswith((".js", ".css", ".pagefind")) for n in names), names
    listed = re.findall(r'"([^"]+)"', (out / "pagefind/parts.js").read_text())
    assert sorted(listed) == sorted(f"/{f}/" for f in folders[1:])


def test_a_body_edit_reindexes_only_its_part(site: Site) -> None:
    parts_site(site)
    build_into(site, "public")
    before = part_folders(site.root / "public")
    text = (site.root / "content/articles/story-10.md").read_text()
    site.write("content/articles/story-10.md", text.replace("More on cargo", "Edited cargo"))
    result = build_into(site, "public")
    [changed] = rewritten_parts(result)
    assert part_folders(site.root / "public") == before
    out = site.root / "public"
    unchanged = set(result.report.unchanged)
    for folder in set(before) - {changed}:  # every other part's files kept, untouched
        files = {p.relative_to(out).as_posix() for p in (out / folder).rglob("*") if p.is_file()}
        if folder == SEARCH_DIR:
            files = {rel for rel in files if not rel.startswith(f"{PARTS_DIR}/")}
        assert files - {"pagefind/parts.js"} <= unchanged
    assert_equal_to_clean(site)


def test_a_new_newest_article_touches_the_last_part(site: Site) -> None:
    parts_site(site)
    build_into(site, "public")
    before = part_folders(site.root / "public")
    site.article("story-99", body="Breaking news.\n", date=day(30))
    result = build_into(site, "public")
    changed = rewritten_parts(result)
    after = part_folders(site.root / "public")
    assert len(changed) == 1 and changed <= set(after)
    assert set(before) - changed <= set(after)  # the older parts are all still there
    assert_equal_to_clean(site)


def test_a_change_search_does_not_see_reindexes_no_part(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An author's bio is on every one of their article pages, outside the searched text:
    the pages are written again, and Pagefind is not run."""
    indexed: list[str] = []
    index_parts = search.index_parts

    def counted(parts: list[search.Part], *args: Any) -> Any:
        indexed.extend(part.folder for part in parts)
        return index_parts(parts, *args)

    monkeypatch.setattr(search, "index_parts", counted)
    parts_site(site)
    site.author("bob", "Bob Reporter", bio="Covers ports.\n")
    build_into(site, "public")
    assert len(indexed) >= 3
    indexed.clear()
    site.author("bob", "Bob Reporter", bio="Covers ports and shipping lanes.\n")
    result = build_into(site, "public")
    assert sum(rel.startswith("world/story-") for rel in result.report.written) >= 4
    assert indexed == []
    assert_equal_to_clean(site)
    # a body edit still re-indexes its part
    indexed.clear()
    text = (site.root / "content/articles/story-05.md").read_text()
    site.write("content/articles/story-05.md", text.replace("More on cargo", "Edited cargo"))
    build_into(site, "public")
    assert len(indexed) == 1


def test_deleting_an_article_and_moving_one_to_another_part(site: Site) -> None:
    parts_site(site)
    build_into(site, "public")
    (site.root / "content/articles/story-07.md").unlink()
    result = build_into(site, "public")
    assert 1 <= len(rewritten_parts(result)) <= 2
    assert_equal_to_clean(site)
    text = (site.root / "content/articles/story-02.md").read_text()
    site.write("content/articles/story-02.md", text.replace("2026-03-02", "2026-03-20"))
    result = build_into(site, "public")
    assert len(rewritten_parts(result)) >= 2  # left one part, joined another
    assert_equal_to_clean(site)


def test_edits_in_a_row_stay_equal_to_clean_builds(site: Site) -> None:
    parts_site(site)
    build_into(site, "public")
    for n in (3, 17, 24, 1):
        path = site.root / f"content/articles/story-{n:02d}.md"
        path.write_text(path.read_text() + f"\nA late line {n}.\n")
        build_into(site, "public")
        assert_equal_to_clean(site)


# ------------------------------------------------------------------------------ same bytes
def test_the_order_files_were_written_in_does_not_matter(site: Site, tmp_path: Path) -> None:
    """Pages reach Pagefind in the site's order, never a folder listing's: the same site
    written file by file in the opposite order, and (where there is one) on tmpfs, gives
    the same bytes."""
    parts_site(site)
    build_into(site, "public")
    other = Site(tmp_path / "reversed")
    for path in sorted((site.root / "content").rglob("*.md"), reverse=True):
        other.write(path.relative_to(site.root).as_posix(), path.read_text())
    other.write("site.yaml", (site.root / "site.yaml").read_text())
    build_into(other, "public")
    assert compare_trees(site.root / "public", other.root / "public") == []
    shm = Path("/dev/shm")
    if shm.is_dir():
        on_tmpfs = Path(tempfile.mkdtemp(dir=shm))
        try:
            copied = on_tmpfs / "site"
            shutil.copytree(other.root / "content", copied / "content")
            shutil.copy(other.root / "site.yaml", copied / "site.yaml")
            build(BuildRequest(copied, on_tmpfs / "public", BuildOptions(now=NOW)))
            assert compare_trees(site.root / "public", on_tmpfs / "public") == []
        finally:
            shutil.rmtree(on_tmpfs)


# ------------------------------------------------------------------------------ in a browser
@pytest.fixture
def served_parts(site: Site) -> Iterator[str]:
    parts_site(site)
    build_into(site, "public")
    assert len(part_folders(site.root / "public")) >= 3
    with serve_folder(site.root / "public") as url:
        yield url


@pytest.mark.browser
def test_a_search_finds_articles_of_the_oldest_and_the_newest_part(served_parts: str) -> None:
    require(CHROMIUM, "Chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("response", lambda r: errors.append(r.url) if r.status >= 400 else None)

        def results(words: str) -> list[str]:
            page.goto(f"{served_parts}/search/")
            # as a reader does: the box has the focus, which loads every part's metadata and
            # filter files, before the first word is typed (a search typed sooner counts only
            # the filter files loaded by then; search.html redraws missing filters, not counts)
            page.focus(".pagefind-ui__search-input")
            page.wait_for_load_state("networkidle")
            page.fill(".pagefind-ui__search-input", words)
            page.wait_for_selector(".pagefind-ui__result-link", timeout=15_000)
            page.wait_for_load_state("networkidle")
            return list(
                page.eval_on_selector_all(
                    ".pagefind-ui__result-link", "ls => ls.map(a => new URL(a.href).pathname)"
                )
            )

        assert results(OLD_WORD) == ["/world/story-01/"]
        assert results(NEW_WORD) == ["/asia/story-24/"]
        everything = results("cargo")
        page.wait_for_function(  # every part's filter files loaded (search.html)
            "() => document.querySelectorAll('.pagefind-ui__filter-name').length >= 3",
            timeout=15_000,
        )
        filters = page.locator(".pagefind-ui__filter-name").all_inner_texts()
        assert {"Author", "Kind", "Section"} <= {f.strip() for f in filters}
        # the Asia filter counts every part's Asia articles: 8 of 24
        page.locator(".pagefind-ui__filter-name", has_text="Section").click()
        asia = page.locator("label", has_text=re.compile(r"^\s*Asia"))
        assert "8" in asia.inner_text()
        asia.first.click()
        page.wait_for_function(
            "() => { const ls = [...document.querySelectorAll('.pagefind-ui__result-link')];"
            " return ls.length > 0 && ls.every(a => a.href.includes('/asia/')); }",
            timeout=15_000,
        )
        page.locator(".pagefind-ui__results-area button", has_text="Load more").click()
        with contextlib.suppress(PlaywrightTimeout):  # the assertion below says how many came
            page.wait_for_function(  # further results are drawn as their fragments arrive
                "() => document.querySelectorAll('.pagefind-ui__result-link').length >= 8",
                timeout=15_000,
            )
        narrowed = page.eval_on_selector_all(
            ".pagefind-ui__result-link", "ls => ls.map(a => new URL(a.href).pathname)"
        )
        assert len(everything) >= 5 and len(narrowed) == 8
        assert {"/asia/story-03/", "/asia/story-24/"} <= set(narrowed)  # oldest part, newest
        assert errors == []
        browser.close()
