"""The command line: exit codes, messages, `new`, `related`, `--version`."""

from __future__ import annotations

import subprocess
import sys

import yaml
from click.testing import CliRunner

from conftest import RawYaml, Site
from rsgen import __version__
from rsgen.cli import main


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
