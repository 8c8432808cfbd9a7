"""The pure parts of publishing: the header policy and `/_headers`, the deploy's diff, order and
guards, the record, CloudFront's paths, the `deploy:` settings, and the CI recipes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import REPO, SITE_YAML, Site
from rsgen.base.errors import Problems
from rsgen.base.yamlsource import parse_yaml
from rsgen.deploy.cdn import grouped, purge_paths
from rsgen.deploy.local import LocalFile, LocalOutput, alias_output, is_article_page
from rsgen.deploy.plan import (
    RemoteState,
    make_plan,
    removed_articles,
    stage,
    stages,
    too_many_deletes,
)
from rsgen.deploy.record import (
    RemoteFile,
    decode_record,
    encode_record,
    final_record,
    pending_record,
)
from rsgen.publish.headers import (
    IMMUTABLE,
    SHORT,
    HeaderPolicy,
    content_type,
    header_rules,
    host_limit_warnings,
    is_hashed,
)
from rsgen.settings.deploy import DeploySettings, deploy_settings_from

# -- the header policy ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "hashed"),
    [
        ("images/_r/harbour-e07c7e44-1200.webp", True),
        ("images/_r/harbour-e07c7e44-480.jpg", True),
        ("pagefind/fragment/en_26ac6e2.pf_fragment", True),
        ("pagefind/index/en_1a2b3c4.pf_index", True),
        ("pagefind/filter/en_3f7f7d5.pf_filter", True),
        ("pagefind/pagefind.en_ae097830b4.pf_meta", True),
        ("pagefind/wasm.en.pagefind", False),  # named after the language, not the content
        ("pagefind/pagefind.js", False),
        ("pagefind/pagefind-entry.json", False),
        ("pagefind/pagefind-ui.js", False),
        ("images/harbour.jpg", False),
        ("images/_r/notes.txt", False),
        ("world/summit/index.html", False),
        ("feed.xml", False),
    ],
)
def test_only_names_that_carry_a_hash_are_immutable(path: str, hashed: bool) -> None:
    assert is_hashed(path) is hashed
    assert HeaderPolicy().cache_control(path) == (IMMUTABLE if hashed else SHORT)


def test_text_is_served_as_utf8() -> None:
    assert content_type("world/x/index.html") == "text/html; charset=utf-8"
    assert content_type("feed.xml") == "application/xml; charset=utf-8"
    assert content_type("css/site.css") == "text/css; charset=utf-8"
    assert content_type("_redirects") == "text/plain; charset=utf-8"
    assert content_type("images/a.JPG") == "image/jpeg"
    assert content_type("pagefind/wasm.en.pagefind") == "application/octet-stream"


def matches(pattern: str, url: str) -> bool:
    """How Cloudflare Pages matches a `_headers` rule: `*` anything, `:name` one segment."""
    regex = "".join(
        ".*" if part == "*" else "[^/]+" if part.startswith(":") else re.escape(part)
        for part in re.split(r"(\*|:[a-z]+)", pattern)
    )
    return re.fullmatch(regex, url) is not None


def urls(path: str) -> list[str]:
    """The URLs a reader requests for an output file (a page also by its folder)."""
    found = ["/" + path]
    if path.endswith("index.html"):
        found.append("/" + path.removesuffix("index.html"))
    return found


def test_header_rules_cover_each_url_once_with_its_policy(example_build: Path) -> None:
    paths = [
        p.relative_to(example_build).as_posix() for p in example_build.rglob("*") if p.is_file()
    ]
    rules = header_rules(paths)
    assert len(rules) < 100  # what Cloudflare Pages reads
    policy = HeaderPolicy()
    for path in paths:
        for url in urls(path):
            found = [rule for rule in rules if matches(rule.pattern, url)]
            assert len(found) == 1, (url, found)
            assert found[0].cache_control == policy.cache_control(path), url


def test_the_build_writes_headers_for_every_file_it_writes(example_build: Path) -> None:
    text = (example_build / "_headers").read_text()
    blocks = re.findall(r"^(/\S*)\n  Cache-Control: (.+)$", text, re.MULTILINE)
    files = [
        p.relative_to(example_build).as_posix() for p in example_build.rglob("*") if p.is_file()
    ]
    for path in files:
        found = [value for pattern, value in blocks if matches(pattern, "/" + path)]
        assert found == [HeaderPolicy().cache_control(path)], path


def test_a_uniform_site_is_one_rule() -> None:
    rules = header_rules(["index.html", "world/x/index.html", "feed.xml"])
    assert [(r.pattern, r.cache_control) for r in rules] == [("/*", SHORT)]


def test_hosts_limits_are_warned_of(site: Site) -> None:
    assert host_limit_warnings(2000, 100) == []
    assert [f for f, _ in host_limit_warnings(2001, 101)] == ["_redirects", "_headers"]
    assert len(host_limit_warnings(10_000, 1)) == 2
    site.article("moved", aliases=[f"/old/{i}/" for i in range(2001)])
    result = site.build()
    shown = [w.format() for w in result.warnings]
    assert any(
        line.startswith("_redirects: warning: 2,001 redirects: Cloudflare Pages") for line in shown
    ), shown


# -- the plan ---------------------------------------------------------------------------------------


def local_file(path: str, md5: str = "a", **fields: object) -> LocalFile:
    headers = HeaderPolicy().headers(path)
    values: dict[str, object] = {
        "md5": md5,
        "size": 1,
        "content_type": headers.content_type,
        "cache_control": headers.cache_control,
        **fields,
    }
    return LocalFile(path, **values)  # type: ignore[arg-type]


def output(*files: LocalFile) -> LocalOutput:
    return LocalOutput(Path("/nowhere"), {f.path: f for f in files})


def remote(*files: LocalFile, from_record: bool = True) -> RemoteState:
    found = {}
    for f in files:
        found[f.path] = RemoteFile(
            f.path, f.md5, f.md5, f.content_type, f.cache_control, f.redirect, f.article
        )
    return RemoteState(found, from_record)


def test_the_diff_sees_new_changed_header_only_and_gone_files() -> None:
    same = local_file("css/site.css")
    edited = local_file("world/a/index.html", md5="new", article=True)
    relabelled = local_file("feed.xml")
    new = local_file("world/b/index.html", article=True)
    before = remote(
        same,
        local_file("world/a/index.html", md5="old", article=True),
        local_file("feed.xml", content_type="text/xml"),
        local_file("tags/old/index.html"),
    )
    plan = make_plan(output(same, edited, relabelled, new), before)
    assert plan.lines() == [
        "~ world/a/index.html",
        "+ world/b/index.html",
        "~ feed.xml",
        "- tags/old/index.html",
    ]
    assert plan.unchanged == 1
    # a folder keeps no headers: the relabelled feed is unchanged there
    assert "feed.xml" not in make_plan(output(same, edited, relabelled, new), before, False).uploads


def test_an_unknown_hash_is_uploaded_again() -> None:
    page = local_file("index.html")
    state = RemoteState({"index.html": RemoteFile("index.html", "")}, True)
    assert make_plan(output(page), state).uploads == ("index.html",)


def test_uploads_go_assets_first_pages_then_lists_and_the_home_page_last() -> None:
    files = [
        local_file("index.html"),
        local_file("feed.xml"),
        local_file("sitemap.xml"),
        local_file("_redirects"),
        local_file("pagefind/pagefind-entry.json"),
        local_file("tags/x/index.html"),
        local_file("about/index.html"),
        local_file("world/a/index.html", article=True),
        local_file("2019/old/index.html", redirect="/world/a/"),
        local_file("css/site.css"),
        local_file("pagefind/pagefind.js"),
        local_file("images/_r/a-0123abcd-480.jpg"),
        local_file("pagefind/fragment/en_1.pf_fragment"),
    ]
    built = output(*files)
    plan = make_plan(built, RemoteState({}, True))
    assert [sorted(group) for group in stages(plan, built)] == [
        ["images/_r/a-0123abcd-480.jpg", "pagefind/fragment/en_1.pf_fragment"],
        ["css/site.css", "pagefind/pagefind.js"],
        ["2019/old/index.html", "world/a/index.html"],
        ["about/index.html", "tags/x/index.html"],
        ["_redirects", "feed.xml", "pagefind/pagefind-entry.json", "sitemap.xml"],
        ["index.html"],
    ]
    assert [stage(f) for f in files[:1]] == [5]


def test_deletions_past_the_limit_are_refused() -> None:
    before = remote(*(local_file(f"tags/t{i}/index.html") for i in range(3)))
    plan = make_plan(output(), before)
    assert too_many_deletes(plan, 3) == ""
    assert too_many_deletes(plan, 2).startswith(
        "3 files would be deleted, more than max_deletes (2)"
    )


def test_a_vanishing_article_names_the_alias_to_add() -> None:
    before = remote(
        local_file("asia/vote/index.html", article=True),
        local_file("asia/old-piece/index.html", article=True),
        local_file("2019/x/index.html", redirect="/asia/vote/"),
        local_file("tags/gone/index.html"),
    )
    now = output(
        local_file("world/vote/index.html", article=True),
        local_file("asia/old-piece/index.html", md5="b", redirect="/world/vote/"),
    )
    plan = make_plan(now, before)
    reasons = removed_articles(plan, before, now, lambda path: pytest.fail("the record knows"))
    assert reasons == [
        "/asia/vote/ is an article the new output neither has nor redirects; add "
        "`aliases: [/asia/vote/]` to the front matter of the article now at /world/vote/, "
        "or pass --allow-removed if it was taken down"
    ]


def test_after_a_listing_the_pages_to_delete_are_read() -> None:
    listed = RemoteState({"a/b/index.html": RemoteFile("a/b/index.html", "x")}, False)
    plan = make_plan(output(), listed)
    asked: list[str] = []

    def is_article(path: str) -> bool:
        asked.append(path)
        return True

    assert removed_articles(plan, listed, output(), is_article)
    assert asked == ["a/b/index.html"]


def test_article_pages_are_known_by_their_json_ld() -> None:
    ld = (
        '<script type="application/ld+json">{"@context":"https://schema.org","@type":"%s"}</script>'
    )
    assert is_article_page((ld % "ReportageNewsArticle").encode())
    assert is_article_page((ld % "NewsArticle").encode())
    assert not is_article_page((ld % "CollectionPage").encode())
    assert not is_article_page(b"<p>A page about the NewsArticle type</p>")
    assert alias_output("/news/2019/old/", "/news/") == "2019/old/index.html"
    assert alias_output("/old.html", "/") == "old.html"


# -- the record -------------------------------------------------------------------------------------


def test_the_record_round_trips_and_refuses_what_it_cannot_read() -> None:
    files = {
        "index.html": RemoteFile("index.html", "m", "e", "text/html", SHORT, "", False),
        "a/index.html": RemoteFile("a/index.html", "n", "f", "text/html", SHORT, "/b/", True),
    }
    data = encode_record(files)
    assert decode_record(data) == files
    assert encode_record(files) == data  # byte-stable
    assert decode_record(b"not gzip") is None
    assert decode_record(encode_record({})[:-4]) is None


def test_a_pending_record_marks_what_a_deploy_is_about_to_change() -> None:
    kept, edited, gone = local_file("a"), local_file("b", md5="new"), local_file("c")
    before = remote(kept, local_file("b", md5="old"), gone).files
    now = output(kept, edited)
    pending = pending_record(now, before, {"b"}, ("c",))
    assert (pending["a"].md5, pending["b"].md5, pending["c"].md5) == ("a", "", "")
    final = final_record(now, before, {"b": "etag-b"})
    assert set(final) == {"a", "b"}
    assert (final["b"].md5, final["b"].etag, final["a"].etag) == ("new", "etag-b", "a")


# -- CloudFront -------------------------------------------------------------------------------------


def test_pages_are_purged_by_both_urls_under_the_site_path() -> None:
    assert purge_paths(["world/a/index.html", "index.html", "feed.xml"], "/news/") == [
        "/news/",
        "/news/feed.xml",
        "/news/index.html",
        "/news/world/a/",
        "/news/world/a/index.html",
    ]
    assert purge_paths(["tags/zürich/index.html"], "/") == [
        "/tags/z%C3%BCrich/",
        "/tags/z%C3%BCrich/index.html",
    ]


def test_many_paths_are_grouped_under_the_busiest_folders() -> None:
    few = [f"/world/{i}/" for i in range(5)]
    assert grouped(few, "/", max_paths=10) == few
    paths = (
        [f"/tags/{i}/" for i in range(50)]
        + [f"/world/{i}/" for i in range(20)]
        + ["/", "/feed.xml"]
    )
    assert grouped(paths, "/", max_paths=20) == ["/", "/feed.xml", "/tags/*", "/world/*"]
    assert grouped(paths, "/", max_paths=60) == sorted(
        ["/", "/feed.xml", "/tags/*", *(f"/world/{i}/" for i in range(20))]
    )
    assert grouped(paths, "/", max_paths=20, max_wildcards=1) == ["/*"]
    assert grouped([f"/{i}.html" for i in range(40)], "/news/", max_paths=30) == ["/news/*"]


# -- the deploy: settings ---------------------------------------------------------------------------


def settings(block: str) -> tuple[DeploySettings, list[str]]:
    problems = Problems()
    found = deploy_settings_from(parse_yaml(SITE_YAML + block), problems)
    return found, [p.format() for p in problems.errors]


def test_deploy_settings_are_read_with_their_defaults() -> None:
    found, problems = settings(
        "deploy:\n  targets:\n"
        "    - {name: production, url: s3://news-site/www, region: eu-west-1, cloudfront: E2ABC}\n"
        "    - {name: staging, url: 's3://news-staging', endpoint: 'https://r2.example.com'}\n"
        "    - {name: box, url: 'file:///srv/www/site'}\n"
    )
    assert problems == []
    assert found.max_deletes == 256
    production, staging, box = found.targets
    assert (production.bucket, production.prefix, production.cloudfront) == (
        "news-site",
        "www",
        "E2ABC",
    )
    assert (staging.prefix, staging.endpoint) == ("", "https://r2.example.com")
    assert box.is_folder and box.folder == Path("/srv/www/site")
    assert found.target(None) is production and found.target("box") is box
    assert found.target("nowhere") is None
    assert settings("")[0] == DeploySettings()


def test_deploy_settings_problems_name_their_line() -> None:
    line = SITE_YAML.count("\n") + 1
    _, problems = settings(
        "deploy:\n  targets:\n"
        "    - {name: a, url: 's3://No_Bucket/x'}\n"
        "    - {name: a, url: 'file://relative/folder'}\n"
        "    - {name: 'b c', url: 'file:///srv/site', endpoint: 'https://x.example'}\n"
        "  max_deletes: many\n"
    )
    assert problems == [
        f"site.yaml:{line + 2}: 'No_Bucket' is not an S3 bucket name (3 to 63 of a-z, 0-9, '.', '-') "
        "(use s3://BUCKET/PREFIX or file:///ABSOLUTE/FOLDER)",
        f"site.yaml:{line + 3}: a file:// URL names a folder on this machine, not on 'relative' "
        "(use s3://BUCKET/PREFIX or file:///ABSOLUTE/FOLDER)",
        f"site.yaml:{line + 4}: 'endpoint' is for s3:// targets; 'b c' is a folder",
        f"site.yaml:{line + 4}: target name 'b c' must be letters, digits, '.', '_' or '-'",
        f"site.yaml:{line + 5}: 'max_deletes' must be a whole number, not text",
    ]


# -- the CI recipes -----------------------------------------------------------------------------------


def test_the_github_workflow_restores_the_cache_and_runs_check_build_deploy_on_a_timer() -> None:
    workflow = yaml.safe_load((REPO / "docs/ci/github-actions.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["schedule"][0]["cron"]
    steps = workflow["jobs"]["deploy"]["steps"]
    cache = next(s for s in steps if str(s.get("uses", "")).startswith("actions/cache@"))
    assert ".rsgen-cache" in cache["with"]["path"]
    commands = [s["run"] for s in steps if "run" in s]
    for command in ("rsgen check", "rsgen build", "rsgen deploy"):
        assert any(command in run for run in commands), command
    assert commands.index(next(r for r in commands if "rsgen check" in r)) < commands.index(
        next(r for r in commands if "rsgen deploy" in r)
    )


def test_the_gitlab_job_restores_the_cache_and_runs_check_build_deploy_on_a_schedule() -> None:
    config = yaml.safe_load((REPO / "docs/ci/gitlab-ci.yml").read_text())
    job = config["deploy"]
    assert ".rsgen-cache/" in job["cache"]["paths"]
    script = "\n".join(job["script"])
    assert script.index("rsgen check") < script.index("rsgen build") < script.index("rsgen deploy")
    assert any("schedule" in str(rule.get("if", "")) for rule in job["rules"])


def test_the_deploy_docs_quote_the_recipes_as_they_are() -> None:
    docs = (REPO / "docs/deploy.md").read_text()
    for name in ("github-actions.yml", "gitlab-ci.yml"):
        recipe = (REPO / "docs/ci" / name).read_text()
        assert recipe.strip() in docs, name
