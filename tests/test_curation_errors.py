"""content/home.yaml gone wrong: each defect's exact `content/home.yaml:LINE: message`, exit 1,
the previous output untouched (as in test_errors.py); pins that cannot hold yet are warnings;
home.yaml's problems come together with every other problem of the site."""

from __future__ import annotations

import pytest
from test_errors import CLOCK, Case, build_cli, case, cli, digest, good_site, problem_lines

from conftest import RawYaml, Site

H = "content/home.yaml"


def home(text: str) -> object:
    return lambda s: s.write(H, text)


def twin_slugs(s: Site) -> None:
    """A second article with the slug `good`, in another section."""
    s.article("asia-good", slug="good", section="asia")
    s.write(H, "top:\n  - good\n")


CASES = [
    case(
        "missing-article",
        home("lead: {article: world/god}\n"),
        f"{H}:1: no article 'world/god' to pin (did you mean 'world/good'?)",
    ),
    case(
        "missing-slug-on-its-line",
        home("top:\n  - {article: world/good}\n  - goood\n"),
        f"{H}:3: no article 'goood' to pin (did you mean 'good'?)",
    ),
    case(
        "missing-in-a-rail-even-after-its-until",
        home("rails:\n  world:\n    - {article: world/gone, until: 2020-01-01}\n"),
        f"{H}:3: no article 'world/gone' to pin (did you mean 'world/good'?)",
    ),
    case(
        "ambiguous-slug",
        twin_slugs,
        f"{H}:2: 'good' names 2 articles: asia/good, world/good (write section/slug to say which)",
    ),
    case(
        "until-not-a-time",
        home("lead: {article: good,\n  until: tomorrow}\n"),
        f"{H}:2: 'until' is not a date or time: 'tomorrow' "
        "(write 2026-07-07 or 2026-07-07T09:00:00-04:00)",
    ),
    case(
        "until-impossible-date",
        home("top:\n  - {article: good, until: 2026-02-30}\n"),
        f"{H}:2: '2026-02-30' is not a valid date (day is out of range for month) "
        "(write 2026-07-06)",
    ),
    case(
        "until-bad-year",
        home("banner: {text: Live, until: '0226-07-07'}\n"),
        f"{H}:1: 'until' is in the year 226 (write a year from 1800 to 2999)",
    ),
    case(
        "until-wrong-type",
        home("lead: {article: good, until: true}\n"),
        f"{H}:1: 'until' must be a date or text, not true or false",
    ),
    case(
        "unknown-top-level-key",
        home("leed: {article: good}\n"),
        f"{H}:1: unknown key 'leed' in home.yaml (did you mean 'lead'?)",
    ),
    case(
        "unknown-pin-key",
        home("top:\n  - {article: good, untill: 2026-12-01}\n"),
        f"{H}:2: unknown key 'untill' in a pin (did you mean 'until'?)",
    ),
    case(
        "pin-without-article",
        home("lead: {until: 2026-12-01}\n"),
        f"{H}:1: missing required key 'article' in a pin",
    ),
    case(
        "pin-not-a-pin",
        home("top:\n  - 42\n"),
        f"{H}:2: 'top.0' must be a pin: {{article: section/slug, until: time}}, not a whole number",
    ),
    case(
        "top-not-a-list",
        home("top: good\n"),
        f"{H}:1: 'top' must be a list, not text",
    ),
    case(
        "rail-of-unknown-section",
        home("rails:\n  wrold: [good]\n"),
        f"{H}:2: unknown section 'wrold' (did you mean 'world'?)",
    ),
    case(
        "banner-without-text",
        home("banner: {url: /about/}\n"),
        f"{H}:1: missing required key 'text' in the banner",
    ),
    case(
        "banner-bad-url",
        home("banner:\n  text: Live\n  url: javascript:alert(1)\n"),
        f"{H}:3: the banner's url 'javascript:alert(1)' is neither a path of the site nor an "
        "http(s) URL (write a path such as /europe/nato-summit-live/ or an https:// address)",
    ),
    case(
        "banner-relative-url",
        home("banner: {text: Live, url: world/good/}\n"),
        f"{H}:1: the banner's url 'world/good/' is neither a path of the site nor an "
        "http(s) URL (write a path such as /europe/nato-summit-live/ or an https:// address)",
    ),
    case(
        "yaml-syntax",
        home("lead: {article: good\ntop: []\n"),
        f"{H}:1: YAML syntax error: did not find expected ',' or '}}' (while parsing a flow "
        "mapping, noticed on line 2) (a quote or bracket opened on this line is not closed)",
    ),
    case(
        "not-a-mapping",
        home("- good\n"),
        f"{H}:1: home.yaml must be a mapping of keys to values",
    ),
]


@pytest.mark.parametrize("defect", CASES, ids=[c.name for c in CASES])
def test_one_defect(site: Site, defect: Case) -> None:
    good_site(site)
    assert build_cli(site).exit_code == 0
    before = digest(site.root / "public")
    defect.defect(site)
    result = build_cli(site)
    assert problem_lines(result) == list(defect.expected), result.stderr
    assert result.exit_code == 1
    assert digest(site.root / "public") == before
    checked = cli("check", str(site.root), *CLOCK)
    assert checked.exit_code == 1
    assert problem_lines(checked) == list(defect.expected)


def test_pins_to_a_draft_or_a_scheduled_article_warn_and_are_ignored(site: Site) -> None:
    good_site(site)
    site.article("unready", draft=True)
    site.article("tomorrow", date=RawYaml("2026-11-25T09:00:00-05:00"))
    site.write(
        H,
        "lead: {article: world/unready}\n"
        "top:\n"
        "  - world/tomorrow\n"
        "  - {article: world/tomorrow, until: 2026-11-20}\n",  # expired: nothing to say
    )
    warnings = [
        f"{H}:1: warning: 'world/unready' is a draft: the pin is ignored "
        "(remove draft: true from the article to publish it)",
        f"{H}:3: warning: 'world/tomorrow' is dated after the build clock "
        "(2026-11-25T09:00:00-05:00): the pin is ignored until it is published",
    ]
    result = build_cli(site)
    assert result.exit_code == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if "warning:" in line] == warnings
    assert "unready" not in site.read("index.html")
    assert "tomorrow" not in site.read("index.html")
    strict = build_cli(site, "--strict")
    assert strict.exit_code == 1
    assert problem_lines(strict) == warnings


def test_home_yaml_problems_come_with_every_other_problem(site: Site) -> None:
    good_site(site)
    site.article("bad", section="wrold")
    site.write(H, "lead: {article: world/god}\nbanner: {txt: Live}\n")
    expected = [
        "content/articles/bad.md:4: unknown section 'wrold' (did you mean 'world'?)",
        f"{H}:1: no article 'world/god' to pin (did you mean 'world/good'?)",
        f"{H}:2: missing required key 'text' in the banner",
        f"{H}:2: unknown key 'txt' in the banner (did you mean 'text'?)",
    ]
    for command in ("build", "check"):
        result = cli(command, str(site.root), *CLOCK)
        assert result.exit_code == 1
        assert problem_lines(result) == expected, command


def test_a_pin_to_an_article_with_errors_is_not_called_missing(site: Site) -> None:
    good_site(site)
    site.article("broken", section="wrold")
    site.write(H, "lead: {article: world/broken}\n")
    result = build_cli(site)
    assert problem_lines(result) == [
        "content/articles/broken.md:4: unknown section 'wrold' (did you mean 'world'?)"
    ]


def test_check_finds_a_banner_link_to_no_page(site: Site) -> None:
    good_site(site)
    site.write(H, "# front page\nbanner: {text: Live, url: /world/nowhere/}\n")
    result = cli("check", str(site.root), *CLOCK)
    assert result.exit_code == 1
    assert problem_lines(result) == [
        f"{H}:2: the banner links to /world/nowhere/, which is no page or file of the site"
    ]
    site.write(H, "banner: {text: Live, url: '/world/good/#latest'}\n")
    assert cli("check", str(site.root), *CLOCK).exit_code == 0
    site.write(H, "banner: {text: Live, url: /world/nowhere/, until: 2026-01-01}\n")
    assert cli("check", str(site.root), *CLOCK).exit_code == 0, "an expired banner links nowhere"
