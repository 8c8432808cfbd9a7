"""What the clock will do: `rsgen schedule`, the build summary's next scheduled time and next
expiry, and `rsgen serve --now` previewing the site as it will stand at a given time."""

from __future__ import annotations

import re
import urllib.request
from urllib.error import HTTPError

from click.testing import CliRunner
from test_serve import Served

from conftest import RawYaml, Site
from rsgen.cli import main

CLOCK = ["--now", "2026-11-24T12:00:00+00:00"]


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def scheduled_site(site: Site) -> Site:
    site.article("out-already", date=RawYaml("2026-11-20T09:00:00-05:00"))
    site.article("in-winter", date=RawYaml("2026-12-01T07:30:00-05:00"), title="Winter piece")
    site.article("in-summer", date=RawYaml("2027-07-04"), section="asia", title="A summer piece")
    site.article("same-minute-b", date=RawYaml("2026-12-01T12:30:00Z"), title="Second at 7:30")
    site.article("drafted-later", date=RawYaml("2026-11-30T09:00:00Z"), draft=True)
    site.article("soonest", date=RawYaml("2026-11-24T12:00:01Z"), title="Due in a second")
    return site


def test_schedule_lists_what_is_dated_after_the_clock_soonest_first(site: Site) -> None:
    scheduled_site(site)
    status, out, err = cli("schedule", str(site.root), *CLOCK)
    assert status == 0, err
    assert out.splitlines() == [
        "2026-11-24 07:00 EST  https://news.example.com/world/soonest/  Due in a second",
        "2026-12-01 07:30 EST  https://news.example.com/world/in-winter/  Winter piece",
        "2026-12-01 07:30 EST  https://news.example.com/world/same-minute-b/  Second at 7:30",
        "2027-07-04 00:00 EDT  https://news.example.com/asia/in-summer/  A summer piece",
    ]
    assert "1 draft(s) dated later are not scheduled" in err


def test_schedule_says_when_nothing_is_scheduled(site: Site) -> None:
    scheduled_site(site)
    status, out, _ = cli("schedule", str(site.root), "--now", "2027-07-04T04:00:00Z")
    assert (status, out) == (0, "Nothing is scheduled after 2027-07-04 00:00 EDT.\n")
    status, out, _ = cli(
        "schedule",
        str(site.root),
        "--now",
        "2026-11-24T12:00:00Z",
        "--base-url",
        "https://b.example/x/",
    )
    assert out.splitlines()[0].split("  ")[1] == "https://b.example/x/world/soonest/"


def test_schedule_of_a_broken_site_reports_its_problems(site: Site) -> None:
    site.article("bad", section="wrold", date=RawYaml("2027-01-01"))
    status, out, err = cli("schedule", str(site.root), *CLOCK)
    assert status == 1 and out == ""
    assert "content/articles/bad.md:4: unknown section 'wrold'" in err


SUMMARY = re.compile(r"^\d+ pages in .*; [\d.]+ s(?P<rest>.*)$")


def summary(site: Site, *args: str) -> str:
    status, _, err = cli("build", str(site.root), *args)
    assert status == 0, err
    (line,) = [m for m in map(SUMMARY.match, err.splitlines()) if m]
    return line["rest"]


def test_the_summary_line_names_the_next_scheduled_time_and_expiry(site: Site) -> None:
    scheduled_site(site)
    assert summary(site, *CLOCK) == "; next scheduled: 2026-11-24 07:00 EST"
    site.write(
        "content/home.yaml",
        "lead: {article: out-already, until: 2026-11-24T18:00:00}\n"
        "banner: {text: Live, until: 2026-11-24T06:00:00}\n",  # before the clock: spent
    )
    assert summary(site, *CLOCK) == (
        "; next scheduled: 2026-11-24 07:00 EST; next expiry: 2026-11-24 18:00 EST"
    )
    # the unchanged shortcut says the same, from what the last build remembered
    assert summary(site, *CLOCK).endswith("next expiry: 2026-11-24 18:00 EST")
    assert summary(site, "--now", "2027-08-01T00:00:00Z") == ""
    assert summary(site, *CLOCK, "--future", "-o", str(site.root / "future")) == (
        "; next expiry: 2026-11-24 18:00 EST"
    ), "with --future nothing waits for its date"
    assert summary(site, *CLOCK, "--drafts", "-o", str(site.root / "drafts")).startswith(
        "; next scheduled: 2026-11-24 07:00 EST"
    )


def test_the_summary_is_one_line_in_a_narrow_terminal(site: Site) -> None:
    scheduled_site(site)
    result = CliRunner().invoke(
        main, ["build", str(site.root), *CLOCK], env={"COLUMNS": "40"}, catch_exceptions=False
    )
    (line,) = [line for line in result.stderr.splitlines() if "pages in" in line]
    assert line.endswith("next scheduled: 2026-11-24 07:00 EST")


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except HTTPError as err:
        return err.code, ""


def lead_of(home: str) -> str:
    found = re.search(r'class="lead-story".*?class="teaser-title"><a href="([^"]+)"', home, re.S)
    assert found is not None
    return found[1]


def test_serve_now_previews_the_site_as_it_will_stand(site: Site) -> None:
    """Years away from any real clock: what shows depends on --now alone."""
    site.article("out", date=RawYaml("2031-01-01T09:00:00Z"), featured=True)
    site.article("due", date=RawYaml("2031-06-01T09:00:00Z"))
    site.article("later", date=RawYaml("2032-01-01T09:00:00Z"))
    site.article("unready", draft=True, date=RawYaml("2031-02-01T09:00:00Z"))
    site.write(
        "content/home.yaml",
        "lead: {article: due, until: 2031-06-02}\n"
        "banner: {text: Election night, url: /world/due/, until: 2031-06-02}\n",
    )
    served = Served(site.root, "--now", "2031-06-01T12:00:00+00:00")
    try:
        assert "as at 2031-06-01T12:00:00+00:00" in served.output
        status, home = fetch(served.url)
        assert status == 200
        assert fetch(served.url + "world/due/")[0] == 200, "dated before --now: published"
        assert fetch(served.url + "world/later/")[0] == 404, "dated after --now: not yet"
        assert fetch(served.url + "world/unready/")[0] == 200, "drafts show unless --no-drafts"
        assert lead_of(home).endswith("/world/due/"), "pinned as lead"
        assert "Election night" in home
    finally:
        served.stop()
    served = Served(site.root, "--now", "2031-06-02T12:00:00+00:00", "--no-drafts")
    try:
        status, home = fetch(served.url)
        assert status == 200
        assert fetch(served.url + "world/unready/")[0] == 404
        assert lead_of(home).endswith("/world/out/"), "the pin has ended: newest featured leads"
        assert "Election night" not in home, "the banner has ended too"
    finally:
        served.stop()
