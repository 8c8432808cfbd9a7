"""An incremental build gives exactly what a clean build gives, for every kind of change."""

from __future__ import annotations

import datetime as dt
import os
import random
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from conftest import NOW, SITE_YAML, RawYaml, Site
from rsgen.base.errors import SiteError
from rsgen.base.folders import THEME_DIR
from rsgen.base.outfolder import OUTPUT_MARKER
from rsgen.build import BuildRequest, BuildResult, build
from rsgen.commands import compare_trees
from rsgen.graph import BuildOptions


def base_site(site: Site) -> Site:
    site.author("bob", "Bob Reporter", role="Correspondent")
    site.write("static/images/a.jpg", "jpeg-a")
    site.write("static/css/extra.css", "body{}")
    for day in range(1, 10):
        site.article(f"story-{day}", **story_fields(day))
    site.article("scheduled", date=RawYaml("2026-11-25T09:00:00Z"), tags=["Trade"])
    site.page("about", "About")
    return site


def story_fields(day: int) -> dict[str, Any]:
    """What base_site writes for story-DAY."""
    return {
        "date": RawYaml(f"2026-05-0{day}T09:00:00Z"),
        "tags": ["Trade", f"Group {day % 3}"],
        "section": "asia" if day % 4 == 0 else "world",
        "authors": ["bob"] if day % 2 else ["ann"],
        "photo": {"src": "/images/a.jpg", "alt": "A picture", "credit": "Agency"},
        # the teaser's "keep reading" shows three paragraphs after the first: the last is beyond
        "body": f"Opening of story {day}.\n\nSecond {day}.\n\nThird.\n\nFourth.\n\nLast words {day}.\n",
    }


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def article(site: Site, day: int) -> Path:
    return site.root / f"content/articles/story-{day}.md"


CHANGES: dict[str, Callable[[Site], None]] = {
    "body edit": lambda s: edit(article(s, 3), "Last words 3.", "Last words, edited."),
    "first paragraph edit": lambda s: edit(article(s, 3), "Opening of story 3.", "A new opening."),
    "title edit": lambda s: edit(
        article(s, 5), 'title: "Story 5"', 'title: "Story five, retitled"'
    ),
    "dek added": lambda s: edit(article(s, 5), "---\nOpening", '"dek": "A new dek"\n---\nOpening'),
    "photo edit": lambda s: edit(article(s, 6), '"alt": "A picture"', '"alt": "Another picture"'),
    "tag change": lambda s: edit(article(s, 2), '"Group 2"', '"Brand new tag"'),
    "section change": lambda s: edit(article(s, 1), 'section: "world"', 'section: "qiosk"'),
    "author change": lambda s: edit(article(s, 7), 'authors: ["bob"]', 'authors: ["ann", "bob"]'),
    "author bio edit": lambda s: s.author("bob", "Bob Reporter", bio="A new bio.\n", role="Editor"),
    "new article": lambda s: s.article(
        "story-new", date=RawYaml("2026-05-20T09:00:00Z"), tags=["Trade"]
    ),
    "deleted article": lambda s: article(s, 4).unlink(),
    "renamed file": lambda s: article(s, 8).rename(s.root / "content/articles/story-eight.md"),
    "draft flipped": lambda s: edit(article(s, 9), "---\nOpening", '"draft": true\n---\nOpening'),
    "page edit": lambda s: s.page("about", "About us", body="New text.\n"),
    "template edit": lambda s: s.write(
        "templates/_footer.html",
        (THEME_DIR / "templates/_footer.html").read_text(encoding="utf-8") + "<!-- edited -->\n",
    ),
    "static file edit": lambda s: s.write("static/css/extra.css", "body{color:red}"),
    "static file deleted": lambda s: (s.root / "static/css/extra.css").unlink(),
    "settings edit": lambda s: s.write(
        "site.yaml", s.root.joinpath("site.yaml").read_text().replace("per_page: 3", "per_page: 2")
    ),
    "settings title edit": lambda s: s.write(
        "site.yaml", s.root.joinpath("site.yaml").read_text().replace("Test Outlet", "Outlet")
    ),
}


def build_into(site: Site, out: str, now: dt.datetime = NOW, clean: bool = False) -> BuildResult:
    request = BuildRequest(
        site=site.root, output=site.root / out, options=BuildOptions(now=now), clean=clean
    )
    return build(request)


@pytest.mark.parametrize("change", list(CHANGES))
def test_incremental_equals_clean(site: Site, change: str) -> None:
    base_site(site)
    build_into(site, "public")
    CHANGES[change](site)
    result = build_into(site, "public")
    build_into(site, "clean", clean=True)
    assert compare_trees(site.root / "public", site.root / "clean") == []
    assert result.report.written or result.report.deleted, "the change reached the output"


def test_clock_passing_a_scheduled_date(site: Site) -> None:
    base_site(site)
    build_into(site, "public")
    later = dt.datetime(2026, 11, 26, tzinfo=dt.UTC)
    result = build_into(site, "public", now=later)
    build_into(site, "clean", now=later, clean=True)
    assert compare_trees(site.root / "public", site.root / "clean") == []
    assert "world/scheduled/index.html" in result.report.written


def test_nothing_changed_writes_nothing(site: Site) -> None:
    base_site(site)
    build_into(site, "public")
    before = {p: p.stat().st_mtime_ns for p in (site.root / "public").rglob("*") if p.is_file()}
    result = build_into(site, "public")
    assert result.rendered == 0
    assert result.report.written == [] and result.report.deleted == []
    assert before == {
        p: p.stat().st_mtime_ns for p in (site.root / "public").rglob("*") if p.is_file()
    }


def test_a_body_edit_renders_only_the_article(site: Site) -> None:
    base_site(site)
    build_into(site, "public")
    CHANGES["body edit"](site)
    result = build_into(site, "public")
    assert result.rendered == 1
    assert [p for p in result.report.written if p.endswith(".html")] == ["world/story-3/index.html"]


def test_deleted_outputs_are_removed(site: Site) -> None:
    base_site(site)
    build_into(site, "public")
    article(site, 4).unlink()
    result = build_into(site, "public")
    assert "asia/story-4/index.html" in result.report.deleted
    assert not (site.root / "public/asia/story-4").exists()


def test_a_corrupt_cache_is_thrown_away(site: Site) -> None:
    base_site(site)
    build_into(site, "public")
    cached_files = [
        *(site.root / ".rsgen-cache").glob("*.pickle"),
        *(site.root / ".rsgen-cache").glob("*.sqlite"),
    ]
    assert any(p.suffix == ".sqlite" for p in cached_files)
    for cached in cached_files:
        cached.write_bytes(b"not a cache file " * 300)
    result = build_into(site, "public")
    assert result.rendered == result.pages
    build_into(site, "clean", clean=True)
    assert compare_trees(site.root / "public", site.root / "clean") == []


def age_files(root: Path, seconds: int = 60) -> None:
    """Move every mtime into the past, as for files saved a while before the build."""
    past = time.time() - seconds
    for path in root.rglob("*"):
        if path.is_file():
            os.utime(path, (past, past))


def test_an_unchanged_site_is_not_even_read(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    base_site(site)
    age_files(site.root)
    build_into(site, "public")

    def no_loading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the site was loaded although nothing changed")

    monkeypatch.setattr("rsgen.build.load_site", no_loading)
    result = build_into(site, "public")
    assert result.report.written == [] and result.rendered == 0
    assert len(result.report.unchanged) == sum(
        1 for p in (site.root / "public").rglob("*") if p.is_file() and p.name != OUTPUT_MARKER
    )


def test_the_shortcut_notices_the_clock_and_edits(site: Site) -> None:
    base_site(site)
    age_files(site.root)
    build_into(site, "public")
    later = dt.datetime(2026, 11, 26, tzinfo=dt.UTC)  # the scheduled article comes due
    assert "world/scheduled/index.html" in build_into(site, "public", now=later).report.written
    edit(article(site, 3), "Last words 3.", "Last words 3!")  # same size, fresh mtime
    age_files(site.root, 30)
    assert "world/story-3/index.html" in build_into(site, "public", now=later).report.written


def test_worker_processes_give_the_same_output(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    base_site(site)
    serial = BuildRequest(
        site=site.root,
        output=site.root / "serial",
        options=BuildOptions(now=NOW),
        jobs=1,
        clean=True,
    )
    build(serial)
    monkeypatch.setattr("rsgen.render.pages.PARALLEL_FROM", 1)
    monkeypatch.setattr("rsgen.render.pages.CHUNK", 4)
    monkeypatch.setattr("rsgen.content.loading.PARALLEL_FROM", 1)
    monkeypatch.setattr("rsgen.content.loading.CHUNK", 2)
    parallel = BuildRequest(
        site=site.root,
        output=site.root / "parallel",
        options=BuildOptions(now=NOW),
        jobs=2,
        clean=True,
    )
    result = build(parallel)
    assert result.rendered == result.pages
    assert compare_trees(site.root / "parallel", site.root / "serial") == []
    CHANGES["body edit"](site)
    again = build(replace(parallel, clean=False))
    assert 0 < again.rendered < again.pages
    build(replace(serial, clean=True))
    assert compare_trees(site.root / "parallel", site.root / "serial") == []


def test_a_template_error_in_a_worker_is_reported(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    base_site(site)
    site.write(
        "templates/article.html",
        "{% extends 'base.html' %}{% block content %}{{ article.nope }}{% endblock %}",
    )
    monkeypatch.setattr("rsgen.render.pages.PARALLEL_FROM", 1)
    request = BuildRequest(
        site=site.root, output=site.root / "public", options=BuildOptions(now=NOW), jobs=2
    )
    with pytest.raises(SiteError) as err:
        build(request)
    assert err.value.problems[0].path == "templates/article.html"
    assert "nope" in err.value.problems[0].message
    assert not (site.root / "public").exists()


# -- patched builds (incremental.py) ----------------------------------------------------------


def built_and_settled(site: Site) -> BuildResult:
    """The base site, its files saved a while ago (files saved just now cannot vouch for
    themselves: racy mtimes), built once."""
    base_site(site)
    age_files(site.root)
    return build_into(site, "public")


def forbid_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if the build reads the whole site instead of patching the last graph."""

    def no_loading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the whole site was loaded instead of patched")

    monkeypatch.setattr("rsgen.build.load_site", no_loading)


@pytest.mark.parametrize(
    "change", ["body edit", "first paragraph edit", "title edit", "dek added", "photo edit"]
)
def test_edits_in_place_patch_the_last_graph(
    site: Site, change: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    built_and_settled(site)
    CHANGES[change](site)
    with monkeypatch.context() as patched:
        forbid_loading(patched)
        result = build_into(site, "public")
    build_into(site, "clean", clean=True)
    assert compare_trees(site.root / "public", site.root / "clean") == []
    assert result.report.written


@pytest.mark.parametrize(
    "change", ["tag change", "section change", "author change", "new article", "draft flipped"]
)
def test_placement_changes_take_the_whole_way(
    site: Site, change: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    built_and_settled(site)
    CHANGES[change](site)
    forbid_loading(monkeypatch)
    with pytest.raises(AssertionError, match="instead of patched"):
        build_into(site, "public")


def test_edits_in_a_row_patch_each_build(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each patched build keeps what it changed (an overlay) for the next one."""
    built_and_settled(site)
    forbid_loading(monkeypatch)
    for n in range(3):
        edit(article(site, 5), f'title: "Story 5{"!" * n}"', f'title: "Story 5{"!" * (n + 1)}"')
        edit(article(site, 2), f"Last words 2{'?' * n}.", f"Last words 2{'?' * (n + 1)}.")
        build_into(site, "public")
    monkeypatch.undo()
    build_into(site, "clean", clean=True)
    assert compare_trees(site.root / "public", site.root / "clean") == []


def test_a_new_title_among_the_latest_renders_only_the_pages_showing_it(site: Site) -> None:
    """The newest articles are rendered in HTML on the home page and the front pages of
    sections and kinds; the other pages fill their "Latest" list from /latest.json."""
    first = built_and_settled(site)
    edit(article(site, 9), 'title: "Story 9"', 'title: "Story nine"')  # the newest published
    result = build_into(site, "public")
    assert 0 < result.rendered < first.pages
    written = set(result.report.written)
    assert {"latest.json", "index.html", "world/index.html", "qiosk/index.html"} <= written
    assert "about/index.html" not in written
    assert "Story nine" in site.read("latest.json")
    build_into(site, "clean", clean=True)
    assert compare_trees(site.root / "public", site.root / "clean") == []


def test_a_new_article_rewrites_only_the_pages_it_is_on(site: Site) -> None:
    """A new article (the newest, on a topic of its own) rewrites its page, the pages that list
    it or count it, the pages that render the "Latest" list in HTML and /latest.json: no
    other article's page, no archive page, no stand-alone page."""
    built_and_settled(site)
    site.article(
        "story-new", date=RawYaml("2026-05-20T09:00:00Z"), tags=["Volcanoes"], authors=["bob"]
    )
    result = build_into(site, "public")
    html = {rel for rel in result.report.written if rel.endswith(".html")}
    assert html == {
        "world/story-new/index.html",
        "index.html",
        *(f"{section}/index.html" for section in ("world", "asia", "qiosk")),
        *(f"kinds/{kind}/index.html" for kind in ("analysis", "news", "opinion", "reporting")),
        "tags/index.html",
        "tags/volcanoes/index.html",
        "authors/index.html",
        "authors/bob/index.html",
        "authors/bob/page/1/index.html",  # Bob's sixth article: his five oldest are archived
    }
    assert "latest.json" in result.report.written
    assert "/world/story-new/" in site.read("latest.json")
    # nor does it render them again: the keys of the other pages held (a teaser's tags and
    # byline carry no counts, an archive page's key no number of pages)
    assert result.rendered == len(html)
    build_into(site, "clean", clean=True)
    assert compare_trees(site.root / "public", site.root / "clean") == []


def test_a_snapshot_out_of_step_with_the_state_is_not_used(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build stopped between saving its snapshot and its state must not be patched on."""
    built_and_settled(site)
    state = next((site.root / ".rsgen-cache").glob("state-*.pickle"))
    kept = state.read_bytes()
    CHANGES["title edit"](site)
    build_into(site, "public")
    state.write_bytes(kept)  # as if the second build had stopped before saving its state
    CHANGES["body edit"](site)
    forbid_loading(monkeypatch)
    with pytest.raises(AssertionError, match="instead of patched"):
        build_into(site, "public")
    monkeypatch.undo()
    build_into(site, "public")
    build_into(site, "clean", clean=True)
    assert compare_trees(site.root / "public", site.root / "clean") == []


def test_an_edit_that_breaks_an_article_is_reported_whole(site: Site) -> None:
    built_and_settled(site)
    edit(article(site, 3), 'title: "Story 3"', "title: [unclosed")
    with pytest.raises(SiteError) as err:
        build_into(site, "public")
    assert err.value.problems[0].path == "content/articles/story-3.md"


def test_a_long_lived_caller_keeps_the_cache_in_memory(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """serve passes one memory to every build: the next build reads nothing back from disk,
    yet everything is still written there for the next process."""
    base_site(site)
    age_files(site.root)
    memory: dict[str, tuple[str, object]] = {}
    request = BuildRequest(site=site.root, output=site.root / "public", options=BuildOptions(NOW))
    build(request, memory=memory)
    assert {name.split("-")[0] for name in memory} >= {"state", "snapshot", "overlay", "output"}
    CHANGES["title edit"](site)
    with monkeypatch.context() as patched:
        forbid_loading(patched)
        cache = site.root / ".rsgen-cache"
        for saved in cache.glob("*.pickle"):  # what the first build wrote: now only in memory
            saved.rename(saved.with_suffix(".away"))
        build(request, memory=memory)
        for away in cache.glob("*.away"):  # back, where this build did not write anew
            if not away.with_suffix(".pickle").exists():
                away.rename(away.with_suffix(".pickle"))
    build_into(site, "clean", clean=True)
    assert compare_trees(site.root / "public", site.root / "clean") == []
    CHANGES["body edit"](site)
    forbid_loading(monkeypatch)
    build(request)  # a new process: from the files the memory was written through to
    monkeypatch.undo()
    build_into(site, "clean", clean=True)
    assert compare_trees(site.root / "public", site.root / "clean") == []


def test_random_edits_in_place_stay_equal_to_clean_builds(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rounds of random edits in place (title, dek, summary, correction, first and last
    paragraphs; the newest articles too), each build patched and equal to a clean one."""
    built_and_settled(site)
    rng = random.Random(20261125)
    stories = {day: story_fields(day) for day in range(1, 10)}
    for round_number in range(6):
        for day in rng.sample(range(1, 10), k=rng.randint(1, 3)):
            word = f"r{round_number}x{rng.randint(0, 999)}"
            fields = stories[day]
            change = rng.choice(["title", "dek", "summary", "correction", "first", "last"])
            if change in ("first", "last"):
                paragraphs = fields["body"].split("\n\n")
                at = 0 if change == "first" else -1
                paragraphs[at] = paragraphs[at].rstrip("\n") + f" {word}\n"
                fields["body"] = "\n\n".join(paragraphs)
            else:
                fields[change] = f"{change} {word}"
            site.article(f"story-{day}", **fields)
        forbid_loading(monkeypatch)
        build_into(site, "public")
        monkeypatch.undo()
        build_into(site, "clean", clean=True)
        assert compare_trees(site.root / "public", site.root / "clean") == [], round_number


# -- what writers put in bodies: related boxes, series, live blogs -------------------------


def writers_site(site: Site) -> Site:
    """A small site with a related box, a series of three parts and a live blog."""
    site.write("content/series/talks.md", '---\ntitle: "The talks"\n---\nAn introduction.\n')
    for n in (1, 2, 3):
        site.article(f"talks-{n}", date=RawYaml(f"2026-05-0{n}T09:00:00Z"), series="talks")
    site.article("target", title="Target story", date=RawYaml("2026-04-01T09:00:00Z"))
    site.article(
        "boxed",
        date=RawYaml("2026-04-02T09:00:00Z"),
        body="Intro.\n\n::: related world/target\n:::\n\nMore.\n",
    )
    for n in range(5):  # newer articles fill the "Latest" block on every page
        site.article(f"filler-{n}", date=RawYaml(f"2026-10-0{n + 1}T09:00:00Z"))
    site.write("content/articles/live.md", live_blog(LIVE_UPDATES))
    return site


LIVE_UPDATES = {
    "2026-11-24T09:00:00Z": "First update.",
    "2026-11-24T15:00:00Z": "An update after the test clock.",
}


def live_blog(updates: dict[str, str]) -> str:
    blocks = "".join(f"::: update {when}\n{text}\n:::\n\n" for when, text in updates.items())
    return (
        "---\ntitle: Live\ndate: 2026-03-01T08:00:00Z\nsection: world\nauthors: [ann]\n"
        "tags: [General]\nlive: {start: 2026-03-01T08:00:00Z}\n---\nOpening.\n\n" + blocks
    )


def settled_writers_site(site: Site) -> BuildResult:
    writers_site(site)
    age_files(site.root)
    return build_into(site, "public")


def assert_equal_to_clean(site: Site, now: dt.datetime = NOW) -> None:
    build_into(site, "clean", now=now, clean=True)
    assert compare_trees(site.root / "public", site.root / "clean") == []


def test_a_related_articles_new_title_reaches_the_box(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    settled_writers_site(site)
    edit(site.root / "content/articles/target.md", 'title: "Target story"', 'title: "Retitled"')
    with monkeypatch.context() as patched:
        forbid_loading(patched)  # a title edit is an edit in place: the box's page is redone
        result = build_into(site, "public")
    assert "world/boxed/index.html" in result.report.written
    assert ">Retitled</a>" in site.read("world/boxed/index.html")
    assert_equal_to_clean(site)


def test_a_related_box_added_to_a_body_takes_the_whole_way(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The graph checks what a box names, so a new box is not an edit in place."""
    settled_writers_site(site)
    edit(site.root / "content/articles/talks-1.md", "A second one.", "::: related target\n:::\n")
    forbid_loading(monkeypatch)
    with pytest.raises(AssertionError, match="instead of patched"):
        build_into(site, "public")
    monkeypatch.undo()
    build_into(site, "public")
    assert ">Target story</a>" in site.read("world/talks-1/index.html")
    assert_equal_to_clean(site)


@pytest.mark.parametrize("keep_reading", [2, 0])
def test_a_series_gaining_a_part_changes_every_part(site: Site, keep_reading: int) -> None:
    """A new first part renumbers every part. Without keep-reading blocks (which the other
    parts lead) and with the later parts' neighbours unchanged, only "Part N of M" moves."""
    site.write("site.yaml", SITE_YAML.replace("keep_reading: 2", f"keep_reading: {keep_reading}"))
    settled_writers_site(site)
    assert "Part 3 of 3" in site.read("world/talks-3/index.html")
    # by another author, under another tag: no count that talks-3's page shows moves
    site.author("bob", "Bob Reporter")
    site.article(
        "talks-0",
        date=RawYaml("2026-04-25T09:00:00Z"),
        series="talks",
        authors=["bob"],
        tags=["Talks"],
    )
    result = build_into(site, "public")
    for n in (0, 1, 2, 3):
        assert f"world/talks-{n}/index.html" in result.report.written
        assert f"Part {n + 1} of 4" in site.read(f"world/talks-{n}/index.html")
    assert {"series/talks/index.html", "series/talks/feed.xml"} <= set(result.report.written)
    assert_equal_to_clean(site)


def test_the_clock_passing_a_live_update(site: Site) -> None:
    """The "nothing changed" shortcut notices the clock reaching an update's time."""
    settled_writers_site(site)
    assert "An update after the test clock." not in site.read("world/live/index.html")
    later = dt.datetime(2026, 11, 24, 16, tzinfo=dt.UTC)
    result = build_into(site, "public", now=later)
    assert "world/live/index.html" in result.report.written
    assert "feed.xml" in result.report.written  # full text: the update is in the feed too
    assert "An update after the test clock." in site.read("world/live/index.html")
    assert_equal_to_clean(site, later)
    assert build_into(site, "public", now=later).report.written == []


def test_adding_a_live_update_is_an_edit_in_place(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    settled_writers_site(site)
    updates = {
        **LIVE_UPDATES,
        "2026-11-24T11:00:00Z": "Breaking.",
        "2026-11-24T13:00:00Z": "Later.",
    }
    site.write("content/articles/live.md", live_blog(updates))
    with monkeypatch.context() as patched:
        forbid_loading(patched)
        result = build_into(site, "public")
    assert "world/live/index.html" in result.report.written
    page = site.read("world/live/index.html")
    assert "Breaking." in page and "Later." not in page
    assert_equal_to_clean(site)
    # the patched build remembered the new update's time: once the file has settled (and
    # nothing else changed), the clock reaching that time is noticed all the same
    past = time.time() - 60
    os.utime(site.root / "content/articles/live.md", (past, past))
    assert build_into(site, "public").report.written == []
    later = dt.datetime(2026, 11, 24, 14, tzinfo=dt.UTC)  # past "Later.", before 15:00
    assert "world/live/index.html" in build_into(site, "public", now=later).report.written
    assert "Later." in site.read("world/live/index.html")
    assert_equal_to_clean(site, later)


def test_a_figure_gets_its_sizes_on_an_incremental_build(site: Site) -> None:
    """A new figure's image needs derivatives: the build takes the whole way for it."""
    settled_writers_site(site)
    image = site.root / "static/images/map.png"
    image.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (1200, 675), (40, 80, 120)).save(image)
    edit(
        site.root / "content/articles/talks-2.md",
        "A second one.",
        '![A map](/images/map.png "Map")',
    )
    build_into(site, "public")
    page = site.read("world/talks-2/index.html")
    assert 'srcset="/images/_r/map-' in page and 'width="1200" height="675"' in page
    assert_equal_to_clean(site)
