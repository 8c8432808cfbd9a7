"""What an attacker or an unlucky operator tries: markup in feeds, pattern aliases, links out
of the site, names too long, one file that blows a build up, a foreign output folder, a
rebinding web page. Each case expects a clear message (`PATH:LINE: message`, exit 1) or a
refusal, never an internal error, and the previous output untouched.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import resource
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner, Result

from conftest import NOW, REPO, SITE_YAML, Site
from rsgen.base.outfolder import OUTPUT_MARKER
from rsgen.cli import main
from rsgen.serve.server import PreviewServer, RebuildOutcome, host_allowed

CLOCK = ["--now", NOW.isoformat()]
A = "content/articles/bad.md"


def cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def build_cli(site: Site, *args: str) -> Result:
    return cli("build", str(site.root), *CLOCK, *args)


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def good(site: Site) -> Path:
    site.article("good")
    assert build_cli(site).exit_code == 0
    return site.root / "public"


def fails_with(site: Site, *lines: str, args: tuple[str, ...] = ()) -> Result:
    """The build fails with exactly these problem lines, exit 1, and the output untouched."""
    output = site.root / "public"
    before = digest(output) if output.is_dir() else {}
    result = build_cli(site, *args)
    assert result.exit_code == 1, result.stderr
    assert "internal error" not in result.stderr
    problems = [line for line in result.stderr.splitlines() if "problem(s)" not in line]
    assert problems == list(lines), result.stderr
    if before:
        assert digest(output) == before
    return result


# -- 3. feeds ----------------------------------------------------------------------------------

ATTACK = "<img src=x onerror=alert(1)>"


def feeds(site: Site) -> dict[str, feedparser.FeedParserDict]:
    out = site.root / "public"
    names = ["feed.xml", "atom.xml", "world/feed.xml", "tags/general/feed.xml"]
    names.append("authors/ann/feed.xml")
    return {name: feedparser.parse((out / name).read_bytes()) for name in names}


@pytest.mark.parametrize("html", [True, False])
def test_writer_text_reaches_feed_readers_as_text(site: Site, html: bool) -> None:
    site.write("site.yaml", SITE_YAML + f"markdown: {{html: {str(html).lower()}}}\n")
    site.article("deked", dek=f"Dek {ATTACK}", date="2026-05-03T09:00:00-04:00")
    site.article("summed", summary=f"Summary {ATTACK}", date="2026-05-02T09:00:00-04:00")
    body = "First paragraph &lt;img src=x onerror=alert(1)&gt; as text.\n\nMore.\n"
    site.article("first", body=body, date="2026-05-01T09:00:00-04:00")
    assert build_cli(site).exit_code == 0
    for name, feed in feeds(site).items():
        assert not feed.bozo, name
        assert len(feed.entries) == 3, name
        for entry in feed.entries:
            detail = entry.summary_detail
            if detail.type == "text/html":  # RSS description: escaped text, no element
                assert "<img" not in entry.summary, (name, entry.summary)
                assert "&lt;img src=x onerror=alert(1)&gt;" in entry.summary, (name, entry.summary)
            else:  # Atom summary: plain text, shown as written
                assert detail.type == "text/plain"
                assert ATTACK in entry.summary
    if not html:  # full text as on the page: the page escapes the writer's markup too
        full = feeds(site)["feed.xml"].entries
        assert all("<img" not in e.content[0].value for e in full)


# -- 6 and 10. aliases and reserved names --------------------------------------------------------

BAD_ALIASES = [
    "/*",
    "/old/:slug/",
    "/old/*/",
    '/a"b/',
    "/a<b>/",
    "/a'b/",
    "/a!/",
    "/a b/",
    "/x/..;/",
    "/a//b/",
    "/Old-Url/",
    "/pagefind/pagefind.js",
    "/a%20b/",
]


@pytest.mark.parametrize("alias", BAD_ALIASES)
def test_aliases_hold_nothing_a_host_reads_as_a_pattern(site: Site, alias: str) -> None:
    good(site)
    site.article("bad", aliases=[alias])
    result = build_cli(site)
    assert result.exit_code == 1, result.stderr
    assert f"{A}:7: alias '{alias}' must be a path such as /2026/07/06/old-url/" in result.stderr
    assert "internal error" not in result.stderr


@pytest.mark.parametrize(
    ("alias", "message"),
    [
        ("/con/", "alias '/con/': the segment 'con' is a name Windows keeps for a device"),
        ("/old/nul.html", "alias '/old/nul.html': the segment 'nul.html' is a name Windows keeps"),
        ("/" + "a" * 300 + "/", "the segment '" + "a" * 40 + "…' is 300 bytes long"),
        ("/a" * 2000 + "/", "it has 2,000 segments; an alias may have at most 32"),
    ],
)
def test_aliases_that_cannot_be_files_are_refused(site: Site, alias: str, message: str) -> None:
    out = good(site)
    before = digest(out)
    site.article("bad", aliases=[alias])
    result = build_cli(site)
    assert result.exit_code == 1, result.stderr
    assert f"{A}:7: " in result.stderr and message in result.stderr, result.stderr
    assert "internal error" not in result.stderr
    assert digest(out) == before


def test_an_alias_differing_only_in_case_from_a_static_file_is_an_error(site: Site) -> None:
    good(site)
    site.write("static/Old-Page/index.html", "<p>static</p>")
    site.article("bad", aliases=["/old-page/"])
    fails_with(
        site,
        f"{A}:7: alias /old-page/ is also the URL of static/Old-Page/index.html "
        "(/Old-Page/index.html differs only in letter case: one file on macOS and Windows disks)",
    )


def test_a_static_file_differing_only_in_case_from_a_page_is_an_error(site: Site) -> None:
    good(site)
    site.page("about", "About")
    site.write("static/About/index.html", "<p>static</p>")
    fails_with(
        site,
        "static/About/index.html: static file /About/index.html is also the URL of "
        "content/pages/about.md:2 (/about/index.html differs only in letter case: one file on "
        "macOS and Windows disks)",
    )


@pytest.mark.parametrize("key", ["pagefind", "css", "images", "series", "js", "static", "rss"])
def test_section_keys_rsgen_uses_are_reserved(site: Site, key: str) -> None:
    site.write("site.yaml", SITE_YAML + f"  - {{key: {key}, title: X}}\n")
    fails_with(site, f"site.yaml:11: '{key}' is a URL rsgen uses itself")


# -- 7. symbolic links ---------------------------------------------------------------------------


def outside_article(tmp_path: Path) -> Path:
    """A valid article outside the site, with a secret in it."""
    path = tmp_path / "outside" / "secret.md"
    path.parent.mkdir()
    path.write_text(
        "---\ntitle: Secret\ndate: 2026-05-01\nsection: world\nauthors: [ann]\ntags: [X]\n---\n"
        "SECRET-TEXT\n"
    )
    return path


def test_a_content_file_linking_out_of_the_site_is_an_error(site: Site, tmp_path: Path) -> None:
    good(site)
    (site.root / "content/articles/leak.md").symlink_to(outside_article(tmp_path))
    fails_with(
        site,
        "content/articles/leak.md:1: the file is a symbolic link to a file outside the site "
        "(move or copy the file into the site)",
    )


@pytest.mark.parametrize("folder", ["content/articles", "static", "templates", "content"])
def test_a_linked_source_folder_is_an_error(site: Site, tmp_path: Path, folder: str) -> None:
    out = good(site)
    before = digest(out)
    elsewhere = tmp_path / "elsewhere"
    (site.root / folder).rename(elsewhere) if (site.root / folder).exists() else elsewhere.mkdir()
    (site.root / folder).symlink_to(elsewhere, target_is_directory=True)
    result = build_cli(site)
    assert result.exit_code == 1, result.stderr
    assert (
        f"{folder}: the folder is a symbolic link; rsgen reads only folders inside the site"
        in result.stderr
    )
    assert digest(out) == before


def test_a_template_linking_out_of_the_site_is_an_error(site: Site, tmp_path: Path) -> None:
    good(site)
    secret = tmp_path / "secret.html"
    secret.write_text("SECRET {{ 1 }}")
    (site.root / "templates").mkdir()
    (site.root / "templates/article.html").symlink_to(secret)
    fails_with(
        site,
        "templates/article.html: the template is a symbolic link to a file outside the site "
        "(move or copy the file into templates/)",
    )


def test_a_static_link_is_not_copied_and_says_so(site: Site, tmp_path: Path) -> None:
    site.article("good")
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET")
    (site.root / "static").mkdir()
    (site.root / "static/leak.txt").symlink_to(secret)
    result = build_cli(site)
    assert result.exit_code == 0, result.stderr
    assert "static/leak.txt: warning: a symbolic link is not copied" in result.stderr
    assert not (site.root / "public/leak.txt").exists()


# -- 8 and 9. limits, and errors of the system as `PATH: message` -------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"slug": "a" * 300}, f"{A}:7: slug '{'a' * 40}…' is 300 bytes long"),
        ({"tags": ["t" * 300]}, f"{A}:6: the URL of tag '{'t' * 40}…' is 300 bytes long"),
        ({"slug": "con"}, f"{A}:7: slug 'con' is a name Windows keeps for a device"),
        (
            {"tags": [f"tag {n}" for n in range(20_000)]},
            f"{A}:6: the article has 20,000 tags; at most 50 are allowed",
        ),
    ],
)
def test_names_too_long_and_too_many_tags_are_errors(
    site: Site, fields: dict[str, object], message: str
) -> None:
    out = good(site)
    before = digest(out)
    site.article("bad", **fields)
    result = build_cli(site)
    assert result.exit_code == 1, result.stderr
    assert message in result.stderr, result.stderr
    assert "internal error" not in result.stderr
    assert digest(out) == before


def test_thousands_of_unknown_keys_give_a_capped_list(site: Site) -> None:
    good(site)
    keys = "".join(f"key{n}: value\n" for n in range(30_000))
    text = site.article("bad").read_text()
    site.write("content/articles/bad.md", text.replace("---\n", "---\n" + keys, 1))
    result = build_cli(site)
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith(A)]
    assert len(lines) <= 51
    assert f"{A}:2: unknown key 'key0' in front matter" in lines[0]
    assert any("and 29,980 more unknown keys in front matter" in line for line in lines)


def test_an_output_inside_a_file_is_a_message(site: Site) -> None:
    site.article("good")
    result = build_cli(site, "-o", str(site.root / "site.yaml/x"))
    assert result.exit_code == 1
    assert f"{site.root / 'site.yaml'} is a file, not a folder" in result.stderr
    assert "internal error" not in result.stderr


def test_an_output_folder_one_may_not_write_is_a_message(site: Site, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        locked = tmp_path / "locked"  # root writes anywhere: a file in the way does the same
        locked.write_text("")
        target = locked / "public"
    else:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        target = locked / "sub" / "public"
    site.article("good")
    result = build_cli(site, "-o", str(target))
    assert result.exit_code == 1
    assert "internal error" not in result.stderr
    assert str(locked) in result.stderr


def _limit_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))


def test_a_full_disk_is_a_message_naming_the_file(site: Site) -> None:
    """Files may not grow past 200 kB (as on a full disk): every write that fails says where."""
    for n in range(60):
        site.article(f"story-{n}", body="Words. " * 2000 + "\n")
    command = [sys.executable, "-m", "rsgen", "build", str(site.root), *CLOCK, "--no-search"]
    result = subprocess.run(
        command, capture_output=True, text=True, preexec_fn=_limit_file_size, timeout=600
    )
    assert result.returncode == 1, result.stderr
    assert "internal error" not in result.stderr
    assert "Traceback" not in result.stderr
    line = result.stderr.strip().splitlines()[-1]
    assert line.startswith(f"{site.root}/"), result.stderr  # PATH: message
    assert "File too large" in line or "cannot write the build cache (disk I/O error)" in line
    assert not (site.root / "public").exists()


# -- 10. the output folder, options and settings ------------------------------------------------


def test_a_folder_rsgen_did_not_make_is_not_replaced_without_force(
    site: Site, tmp_path: Path
) -> None:
    site.article("good")
    mine = tmp_path / "Documents"
    mine.mkdir()
    (mine / "thesis.docx").write_text("years of work")
    result = build_cli(site, "-o", str(mine))
    assert result.exit_code == 1
    assert "the output folder holds files rsgen did not write" in result.stderr
    assert (mine / "thesis.docx").read_text() == "years of work"
    assert build_cli(site, "-o", str(mine), "--force").exit_code == 0
    assert (mine / OUTPUT_MARKER).is_file()
    assert build_cli(site, "-o", str(mine)).exit_code == 0  # rsgen's own now
    empty = tmp_path / "empty"
    empty.mkdir()
    assert build_cli(site, "-o", str(empty)).exit_code == 0


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "example.org", "https://x.org/?a=1", "ftp://x/"]
)
def test_base_url_option_is_checked_like_base_url(site: Site, url: str) -> None:
    site.article("good")
    result = build_cli(site, "--base-url", url)
    assert result.exit_code == 2, result.output
    assert (
        "Invalid value for '--base-url': base_url must be an absolute http(s) URL" in result.output
    )
    assert not (site.root / "public").exists()


@pytest.mark.parametrize(
    ("language", "hint"),
    [
        ("english", "write a BCP 47 language tag such as en, en-US or pt-BR"),
        ("en_US", "write 'en-US'"),
    ],
)
def test_language_must_be_a_language_tag(site: Site, language: str, hint: str) -> None:
    site.article("good")
    site.write("site.yaml", SITE_YAML + f"language: {language}\n")
    fails_with(site, f"site.yaml:11: language '{language}' is not a language tag ({hint})")


def test_leftovers_of_stopped_builds_are_removed_and_ignored_by_git(site: Site) -> None:
    good(site)
    for name in (".public.rsgen-tmp-abc123", ".public.rsgen-old-def456"):
        (site.root / name / "world").mkdir(parents=True)
    assert build_cli(site).exit_code == 0
    assert not [p for p in site.root.iterdir() if ".rsgen-" in p.name and p.name != ".rsgen-cache"]
    ignored = subprocess.run(
        ["git", "check-ignore", ".public.rsgen-tmp-abc123", ".public.rsgen-old-def456"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert ignored.stdout.split() == [".public.rsgen-tmp-abc123", ".public.rsgen-old-def456"]


def test_serve_answers_only_its_own_address(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<html><body>DRAFT</body></html>")
    server = PreviewServer(tmp_path, lambda changes: RebuildOutcome(pages=1), log=lambda line: None)
    server.rebuild(None)
    server.start()
    port = server.address[1]
    try:
        for host, status in [
            (f"127.0.0.1:{port}", 200),
            (f"localhost:{port}", 200),
            (f"evil.example:{port}", 403),
            ("127.0.0.1", 403),
            (f"localhost.evil.example:{port}", 403),
        ]:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.putrequest("GET", "/", skip_host=True)
            connection.putheader("Host", host)
            connection.endheaders()
            response = connection.getresponse()
            body = response.read()
            assert response.status == status, host
            assert (b"DRAFT" in body) == (status == 200)
            connection.close()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("GET", "/a" * 20_000 + "/")
        assert connection.getresponse().status in (404, 414)
    finally:
        server.close()
    assert host_allowed(f"192.168.1.9:{port}", "0.0.0.0", port)
    assert not host_allowed(f"evil.example:{port}", "0.0.0.0", port)
    assert host_allowed(f"[::1]:{port}", "::", port)
