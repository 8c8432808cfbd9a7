"""The command line: exit codes, messages, `new`, `related`, `--version`, the summary and progress."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from rich.console import Console
from test_images import picture

from conftest import NOW, RawYaml, Site
from rsgen import __version__
from rsgen.build import BuildRequest, build
from rsgen.cli import main
from rsgen.commands import progress_bar
from rsgen.graph import BuildOptions


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from rsgen.cli import main; main()", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_version_and_help() -> None:
    assert run("--version").stdout.strip() == f"rsgen, version {__version__}"
    result = run("build", "--help")
    assert result.returncode == 0 and "--drafts" in result.stdout and "--base-url" in result.stdout


def test_build_succeeds_with_a_summary(site: Site) -> None:
    site.article("piece")
    result = run("build", str(site.root), "--now", "2026-11-24T12:00:00+00:00")
    assert result.returncode == 0, result.stderr
    assert "pages in" in result.stderr and "rendered" in result.stderr
    assert (site.root / "public/world/piece/index.html").is_file()


def test_errors_are_all_listed_with_their_place(site: Site) -> None:
    site.article("one", section="wrold")
    site.article("two", authors=["nobody"], kind="analysys")
    result = run("build", str(site.root))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert "content/articles/one.md:4: unknown section 'wrold' (did you mean 'world'?)" in lines
    assert "content/articles/two.md:7: unknown kind 'analysys' (did you mean 'analysis'?)" in lines
    assert not (site.root / "public").exists()
    assert "Traceback" not in result.stderr


def test_cross_file_errors_name_the_line(site: Site) -> None:
    site.article("two", authors=["ann", "nobdy"])
    result = run("build", str(site.root))
    assert result.returncode == 1
    assert "content/articles/two.md:5: unknown author 'nobdy'" in result.stderr


def test_wrong_usage_exits_2(site: Site) -> None:
    assert run("build", str(site.root), "--jobs", "zero").returncode == 2
    assert run("frobnicate").returncode == 2


def test_settings_errors_name_site_yaml(site: Site) -> None:
    site.write("site.yaml", "title: X\nbase_url: nope\nsections: []\nper_pgae: 3\n")
    result = run("build", str(site.root))
    assert result.returncode == 1
    assert "site.yaml:2: base_url must be an absolute http(s) URL, not 'nope'" in result.stderr
    assert (
        "site.yaml:4: unknown key 'per_pgae' in site.yaml (did you mean 'per_page'?)"
        in result.stderr
    )


def test_new_writes_a_draft(site: Site) -> None:
    result = CliRunner().invoke(
        main,
        [
            "new",
            str(site.root),
            "Talks in Zürich: “what next”",
            "--section",
            "world",
            "--author",
            "ann",
        ],
    )
    assert result.exit_code == 0, result.output
    path = site.root / result.output.strip().split(str(site.root) + "/", 1)[1]
    data = yaml.safe_load(path.read_text().split("---")[1])
    assert data["title"] == "Talks in Zürich: “what next”"
    assert data["draft"] is True and data["section"] == "world" and data["authors"] == ["ann"]
    assert path.name == "talks-in-zurich-what-next.md"
    site.build(drafts=True, future=True)  # dated by the real clock, after the tests' clock
    assert (site.root / "public/world/talks-in-zurich-what-next/index.html").exists()


def test_new_refuses_unknown_keys(site: Site) -> None:
    result = CliRunner().invoke(
        main, ["new", str(site.root), "T", "--section", "wrld", "--author", "ann"]
    )
    assert result.exit_code == 2
    assert "did you mean 'world'" in result.output


def test_related_explains_the_choice(site: Site) -> None:
    site.article("base", tags=["Rare", "Common"])
    site.article("match", tags=["Rare"], date=RawYaml("2026-04-01T09:00:00Z"))
    site.article("other", tags=["Common"])
    site.article("filler", tags=["Common"], section="asia")
    result = CliRunner().invoke(main, ["related", str(site.root), "base", "--now", "2026-11-24"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Keep reading for /world/base/")
    assert "1. /world/match/" in lines[2] and "rare" in lines[2]
    assert "2. /world/other/" in lines[3]


def test_template_and_content_errors_come_together(site: Site) -> None:
    site.article("one", section="wrold")
    site.write(
        "templates/article.html",
        "{% extends 'base.html' %}\n{% block content %}{% if %}{% endblock %}\n",
    )
    result = run("build", str(site.root))
    assert result.returncode == 1
    assert "content/articles/one.md:4: unknown section 'wrold'" in result.stderr
    assert "templates/article.html:2: template syntax error" in result.stderr


# ------------------------------------------------------------- commands as the README types them
def test_new_and_related_typed_inside_the_site(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """One word is TITLE (or SLUG) in the current folder; two are SITE and TITLE."""
    site.article("base", tags=["Rare"])
    site.article("match", tags=["Rare"])
    monkeypatch.chdir(site.root)
    inside = CliRunner().invoke(
        main, ["new", "Inside the site", "--section", "world", "--author", "ann"]
    )
    assert inside.exit_code == 0, inside.output
    written = Path(inside.output.strip())
    assert not written.is_absolute() and written.parts[:2] == ("content", "articles")
    assert (site.root / written).is_file()
    related = CliRunner().invoke(main, ["related", "base", "--now", "2026-11-24"])
    assert related.exit_code == 0, related.output
    assert related.output.startswith("Keep reading for /world/base/")

    monkeypatch.chdir(site.root.parent)
    named = CliRunner().invoke(
        main, ["new", site.root.name, "From above", "--section", "world", "--author", "ann"]
    )
    assert named.exit_code == 0, named.output
    assert (site.root.parent / named.output.strip()).is_file()
    assert named.output.startswith(f"{site.root.name}/content/articles/")
    related = CliRunner().invoke(
        main, ["related", site.root.name, "world/base", "--now", "2026-11-24"]
    )
    assert related.exit_code == 0 and "1. /world/match/" in related.output

    three = CliRunner().invoke(
        main, ["new", "a", "b", "c", "--section", "world", "--author", "ann"]
    )
    assert three.exit_code == 2 and "give TITLE, or the site folder and TITLE" in three.output


def test_related_with_an_unknown_slug_exits_1(site: Site) -> None:
    site.article("base")
    site.article("held", draft=True)
    unknown = run("related", str(site.root), "nothing-here", "--now", "2026-11-24")
    assert unknown.returncode == 1 and unknown.stdout == ""
    assert unknown.stderr.strip() == "no published article has the slug 'nothing-here'"
    draft = run("related", str(site.root), "held", "--now", "2026-11-24")
    assert draft.returncode == 1 and "(it is a draft: add --drafts)" in draft.stderr
    explain = run("build", str(site.root), "--explain-related", "nothing-here")
    assert explain.returncode == 1 and not (site.root / "public").exists()


def test_an_untouched_draft_passes_strict_and_never_warns(site: Site) -> None:
    site.article("published")
    made = CliRunner().invoke(
        main, ["new", str(site.root), "Untouched", "--section", "world", "--author", "ann"]
    )
    assert made.exit_code == 0 and "tags: []" in Path(made.output.strip()).read_text()
    for args in (["build", "--strict"], ["build", "--strict"], ["check", "--strict"],
                 ["build", "--strict", "--drafts", "--future", "-o", str(site.root / "preview")]):  # fmt: skip
        done = run(*args, str(site.root), "--now", "2026-11-24T12:00:00+00:00")
        assert done.returncode == 0, (args, done.stderr)
        assert "warning" not in done.stderr, (args, done.stderr)
    assert (site.root / "preview/world/untouched/index.html").is_file()


def test_the_summary_is_one_line_when_piped(tmp_path: Path) -> None:
    """A pipe is 80 columns to rich: the summary must not wrap (a long path makes it long)."""
    site = Site(tmp_path / ("a-site-folder-with-a-long-name-" * 3).rstrip("-"))
    site.article("piece")
    done = run("build", str(site.root), "--now", "2026-11-24T12:00:00+00:00")
    assert done.returncode == 0, done.stderr
    summary = [line for line in done.stderr.splitlines() if " pages in " in line]
    assert len(summary) == 1 and len(summary[0]) > 80, done.stderr
    assert re.fullmatch(r"\d+ pages in .+/public/: .+ deleted; [\d.]+ s", summary[0])


def test_a_build_names_each_phase_and_counts_photos_and_pages(site: Site) -> None:
    picture(site.root / "static/images/a.jpg", (1000, 600))
    picture(site.root / "static/images/b.jpg", (800, 500))
    site.article("one", photo={"src": "/images/a.jpg", "alt": "A"})
    site.article("two", photo={"src": "/images/b.jpg", "alt": "B"})
    seen: list[tuple[str, int, int | None]] = []
    request = BuildRequest(site.root, site.root / "public", BuildOptions(now=NOW))
    result = build(request, lambda phase, done, total: seen.append((phase, done, total)))
    phases = list(dict.fromkeys(phase for phase, _, _ in seen))
    assert phases == ["reading", "images", "rendering", "search"]
    assert [(d, t) for p, d, t in seen if p == "images"] == [(1, 2), (2, 2)]
    assert ("rendering", result.pages, result.pages) in seen
    assert all(total is None or 0 < done <= total for _, done, total in seen if done)


def test_the_progress_bar_shows_the_phase_not_0_of_unknown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CI", raising=False)  # CI keeps the bar quiet; this is a terminal
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=100)
    with progress_bar(console, quiet=False) as advance:
        assert advance is not None
        advance("reading", 0, None)
        advance("images", 1, 3)
        advance("rendering", 40, 120)
        advance("search", 0, None)
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen.getvalue())
    for shown in ("reading", "images", "1/3", "rendering", "40/120", "search"):
        assert shown in text, (shown, text)
    assert "0/?" not in text and "?" not in text
    with progress_bar(Console(file=io.StringIO()), quiet=False) as none:  # not a terminal
        assert none is None
    monkeypatch.setenv("CI", "true")
    with progress_bar(Console(file=io.StringIO(), force_terminal=True), quiet=False) as none:
        assert none is None


def test_a_site_with_nothing_published_builds_with_a_note(site: Site) -> None:
    site.article("held", draft=True)
    clock = ["--now", "2026-11-24T12:00:00+00:00"]
    done = run("build", str(site.root), *clock)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[0] == (
        "note: no published article yet, so no search index: the search page says so until one is"
    )
    assert "Pagefind" not in done.stderr
    assert not (site.root / "public/pagefind").exists()
    search = site.read("search/index.html")
    assert "Nothing has been published yet" in search and "pagefind" not in search
    checked = run("check", str(site.root), "--strict", *clock)
    assert checked.returncode == 0, checked.stderr

    site.article("first")
    done = run("build", str(site.root), *clock)
    assert done.returncode == 0 and "note:" not in done.stderr, done.stderr
    assert (site.root / "public/pagefind/pagefind-ui.js").is_file()
    assert "pagefind/pagefind-ui.js" in site.read("search/index.html")


def snapshot_of_folder(root: Path) -> dict[str, tuple[int, bytes]]:
    return {
        p.relative_to(root).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_check_reads_what_builds_parsed_and_writes_nothing(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`rsgen check` after a build parses no file again (the parse store is read back) and
    leaves the cache exactly as it was; on a site never built it makes no cache at all."""
    site.article("one")
    site.article("two")
    fresh = CliRunner().invoke(main, ["check", str(site.root), "--now", NOW.isoformat()])
    assert fresh.exit_code == 0, fresh.output
    assert not (site.root / ".rsgen-cache").exists()
    site.build()
    before = snapshot_of_folder(site.root / ".rsgen-cache")

    def no_parsing(*args: object, **kwargs: object) -> object:
        raise AssertionError("check parsed a file the build had parsed")

    monkeypatch.setattr("rsgen.content.loading.parse_source", no_parsing)
    result = CliRunner().invoke(main, ["check", str(site.root), "--now", NOW.isoformat()])
    assert result.exit_code == 0, result.output
    assert snapshot_of_folder(site.root / ".rsgen-cache") == before
