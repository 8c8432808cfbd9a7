"""The editors' front page: pins and their expiry across the clock, the automatic order behind
them, no article twice, the banner on every page; incremental builds across an `until`."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import html as lxml_html
from test_incremental import age_files, edit, forbid_loading

from conftest import NOW, REPO, RawYaml, Site
from rsgen.build import BuildRequest, BuildResult, build, load_site
from rsgen.commands import compare_trees
from rsgen.graph import BuildOptions, home_layout

UTC = dt.UTC


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def newsroom(site: Site) -> Site:
    """n1 … n9, one a day in November 2026 (n9 newest); n3 and n6 are featured.

    world: n1 n2 n4 n5 n7 n8 · asia: n3 n6 n9 · qiosk: none.
    """
    for day in range(1, 10):
        site.article(
            f"n{day}",
            date=RawYaml(f"2026-11-0{day}T09:00:00Z"),
            section="asia" if day % 3 == 0 else "world",
            featured=day in (3, 6),
        )
    site.page("about", "About")
    return site


@dataclass(frozen=True)
class Home:
    """What the built home page shows, by article slug."""

    lead: str
    top: tuple[str, ...]
    rails: dict[str, tuple[str, ...]]
    banner: tuple[str, str] | None = None  # (text, href)

    @property
    def everything(self) -> list[str]:
        return [self.lead, *self.top, *(s for rail in self.rails.values() for s in rail)]


def slugs(tree: lxml_html.HtmlElement, xpath: str) -> tuple[str, ...]:
    return tuple(href.rstrip("/").rsplit("/", 1)[-1] for href in tree.xpath(xpath))


def banner_of(tree: lxml_html.HtmlElement) -> tuple[str, str] | None:
    found = tree.xpath("//header//div[@class='site-banner']")
    if not found:
        return None
    links = found[0].xpath(".//a/@href")
    return found[0].text_content().strip(), links[0] if links else ""


def home_of(site: Site, out: str = "public") -> Home:
    tree = lxml_html.fromstring(site.read("index.html", out))
    title = ".//*[contains(@class,'teaser-title')]/a/@href"
    rails = {
        rail.get("aria-labelledby").removeprefix("rail-"): slugs(rail, title)
        for rail in tree.xpath("//section[@class='rail']")
    }
    (lead,) = slugs(tree, f"//section[@class='lead-story']{title[1:]}")
    return Home(
        lead, slugs(tree, f"//section[@class='top-stories']{title[1:]}"), rails, banner_of(tree)
    )


def build_at(
    site: Site,
    now: dt.datetime,
    out: str = "public",
    clean: bool = False,
    drafts: bool = False,
    future: bool = False,
) -> BuildResult:
    options = BuildOptions(now=now, drafts=drafts, future=future)
    return build(BuildRequest(site.root, site.root / out, options, clean=clean))


def test_without_home_yaml_the_order_is_automatic(site: Site) -> None:
    newsroom(site)
    build_at(site, NOW)
    assert home_of(site) == Home(
        lead="n6",
        top=("n3", "n9", "n8", "n7"),
        rails={"world": ("n5", "n4", "n2", "n1")},
        banner=None,
    )


PINS = """\
lead: {article: world/n1, until: 2026-11-24T09:00:00}      # 14:00 UTC
top:
  - {article: n2, until: 2026-11-24T12:00:00-05:00}        # 17:00 UTC
  - world/n4
rails:
  asia: [{article: /asia/n3/, until: 2026-11-25}]          # midnight in New York: 05:00 UTC
"""


@pytest.mark.parametrize(
    ("clock", "expected"),
    [
        (
            "2026-11-24T13:59:59+00:00",
            Home("n1", ("n2", "n4", "n6", "n9"), {"world": ("n8", "n7", "n5"), "asia": ("n3",)}),
        ),
        (  # the lead pin ends at 14:00: the newest featured article leads again
            "2026-11-24T14:00:00+00:00",
            Home("n6", ("n2", "n4", "n9", "n8"), {"world": ("n7", "n5", "n1"), "asia": ("n3",)}),
        ),
        (  # the top pin of n2 ends at 17:00; n4 has no until and stays
            "2026-11-24T17:00:00+00:00",
            Home("n6", ("n4", "n9", "n8", "n7"), {"world": ("n5", "n2", "n1"), "asia": ("n3",)}),
        ),
        (  # the rail pin still holds n3 at the head of the Asia rail, out of the top stories
            "2026-11-25T04:59:59+00:00",
            Home("n6", ("n4", "n9", "n8", "n7"), {"world": ("n5", "n2", "n1"), "asia": ("n3",)}),
        ),
        (  # a date alone is midnight at the start of that day in the site's timezone
            "2026-11-25T05:00:00+00:00",
            Home("n6", ("n4", "n3", "n9", "n8"), {"world": ("n7", "n5", "n2", "n1")}),
        ),
    ],
)
def test_pins_hold_until_their_until_then_the_automatic_order_returns(
    site: Site, clock: str, expected: Home
) -> None:
    newsroom(site)
    site.write("content/home.yaml", PINS)
    build_at(site, at(clock))
    assert home_of(site) == expected
    assert len(expected.everything) == len(set(expected.everything)), "no article twice"


def test_an_article_pinned_higher_is_skipped_lower_down(site: Site) -> None:
    """Lead until 9:00, then a top story until the evening, then the automatic order."""
    newsroom(site)
    site.write(
        "content/home.yaml",
        "lead: {article: n2, until: 2026-11-24T09:00:00}\n"
        "top: [{article: n2, until: 2026-11-24T20:00:00}]\n"
        "rails: {world: [n2, n1]}\n",
    )
    morning, noon, night = (
        at("2026-11-24T08:00:00-05:00"),
        at("2026-11-24T12:00:00-05:00"),
        at("2026-11-24T21:00:00-05:00"),
    )
    build_at(site, morning)
    assert (home_of(site).lead, home_of(site).top[0]) == ("n2", "n6")
    assert home_of(site).rails["world"][:1] == ("n1",)
    build_at(site, noon)
    assert (home_of(site).lead, home_of(site).top[0]) == ("n6", "n2")
    assert home_of(site).rails["world"][:1] == ("n1",)
    build_at(site, night)
    assert home_of(site).rails["world"][:2] == ("n2", "n1"), "the rail pin holds until removed"
    for clock in (morning, noon, night):
        build_at(site, clock)
        shown = home_of(site).everything
        assert len(shown) == len(set(shown)), clock


def test_pinning_the_automatic_lead_elsewhere_moves_the_lead_on(site: Site) -> None:
    newsroom(site)
    site.write("content/home.yaml", "rails: {asia: [asia/n6]}\n")
    build_at(site, NOW)
    found = home_of(site)
    assert found.lead == "n3", "the next featured article leads"
    assert found.rails["asia"][0] == "n6"
    assert "n6" not in found.top
    assert len(found.everything) == len(set(found.everything))


def test_more_top_pins_than_places_wait_their_turn(site: Site) -> None:
    newsroom(site)
    site.write(
        "content/home.yaml",
        "top:\n  - {article: n1, until: 2026-11-24T10:00:00Z}\n  - n2\n  - n4\n  - n5\n  - n7\n",
    )
    build_at(site, at("2026-11-24T09:00:00+00:00"))
    assert home_of(site).top == ("n1", "n2", "n4", "n5")
    assert "n7" in home_of(site).rails["world"], "a pin that does not show is not held back"
    build_at(site, at("2026-11-24T10:00:00+00:00"))
    assert home_of(site).top == ("n2", "n4", "n5", "n7")


def test_every_way_of_naming_an_article(site: Site) -> None:
    newsroom(site)
    site.article("deep/2026/n-under-folder", slug="folded", date=RawYaml("2026-10-01T09:00:00Z"))
    site.write("content/home.yaml", "top: [n1, world/n2, /world/n4/, folded]\n")
    build_at(site, NOW)
    assert home_of(site).top == ("n1", "n2", "n4", "folded")


def test_every_combination_of_expiries_shows_no_article_twice(site: Site) -> None:
    newsroom(site)
    site.write(
        "content/home.yaml",
        "lead: {article: n9, until: 2026-11-24T01:00:00Z}\n"
        "top: [{article: n9, until: 2026-11-24T02:00:00Z}, {article: n6, until: 2026-11-24T03:00:00Z}]\n"
        "rails:\n"
        "  asia: [{article: n6, until: 2026-11-24T04:00:00Z}, n9, n3]\n"
        "  world: [{article: n9, until: 2026-11-24T05:00:00Z}, n1]\n"
        "  qiosk: [n8]\n",
    )
    for hour in range(7):
        build_at(site, at(f"2026-11-24T0{hour}:00:00+00:00"))
        shown = home_of(site).everything
        assert len(shown) == len(set(shown)), (hour, shown)
        assert set(shown) <= {f"n{d}" for d in range(1, 10)}
        assert home_of(site).rails["qiosk"] == ("n8",), "a pin may cross sections"


def html_pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def test_the_banner_is_on_every_page_until_it_expires(site: Site) -> None:
    newsroom(site)
    site.write(
        "content/home.yaml",
        'banner: {text: "Live: <the> summit & more", url: /world/n5/, until: 2026-11-24T20:00:00}\n',
    )
    build_at(site, NOW)
    pages = html_pages(site.root / "public")
    assert len(pages) > 20
    for path in pages:
        tree = lxml_html.fromstring(path.read_text(encoding="utf-8"))
        assert banner_of(tree) == ("Live: <the> summit & more", "/world/n5/"), path
    assert "Live: &lt;the&gt; summit &amp; more" in site.read("404.html")
    build_at(site, at("2026-11-24T20:00:00-05:00"))
    for path in html_pages(site.root / "public"):
        assert "site-banner" not in path.read_text(encoding="utf-8"), path


def test_a_banner_without_link_or_until_and_a_site_under_a_path(site: Site) -> None:
    newsroom(site)
    site.write("content/home.yaml", "banner: {text: Polls close at 8 p.m.}\n")
    build_at(site, NOW)
    assert home_of(site).banner == ("Polls close at 8 p.m.", "")
    site.write("content/home.yaml", "banner: {text: Live, url: '/world/n5/#latest'}\n")
    request = BuildRequest(
        site.root, site.root / "sub", BuildOptions(now=NOW), base_url="https://x.example/news/"
    )
    build(request)
    assert home_of(site, "sub").banner == ("Live", "/news/world/n5/#latest")
    site.write(
        "content/home.yaml", "banner: {text: Elsewhere, url: 'https://other.example/a?b=1'}\n"
    )
    build_at(site, at("2031-01-01T00:00:00+00:00"))
    assert home_of(site).banner == ("Elsewhere", "https://other.example/a?b=1")


def test_a_pinned_scheduled_article_holds_from_its_publication(site: Site) -> None:
    newsroom(site)
    site.article("embargoed", date=RawYaml("2026-11-24T15:00:00Z"))
    site.write("content/home.yaml", "lead: {article: embargoed, until: 2026-11-24T18:00:00Z}\n")
    result = build_at(site, at("2026-11-24T14:00:00+00:00"))
    assert [w.message for w in result.warnings] == [
        "'embargoed' is dated after the build clock (2026-11-24T15:00:00+00:00): "
        "the pin is ignored until it is published"
    ]
    assert home_of(site).lead == "n6"
    result = build_at(site, at("2026-11-24T15:00:00+00:00"))
    assert home_of(site).lead == "embargoed" and not result.warnings
    build_at(site, at("2026-11-24T18:00:00+00:00"))
    assert home_of(site).lead == "n6"
    build_at(site, at("2026-11-24T14:00:00+00:00"), drafts=True, future=True)
    assert home_of(site).lead == "embargoed", "a --future preview shows the pin"


# -- incremental builds across an until ------------------------------------------------------

EXPIRING = """\
lead: {article: n1, until: 2026-11-24T14:00:00Z}
rails: {asia: [{article: world/n2, until: 2026-11-24T15:00:00Z}]}
banner: {text: Live, url: /world/n5/, until: 2026-11-24T16:00:00Z}
"""


def html_written(result: BuildResult) -> list[str]:
    return sorted(p for p in result.report.written if p.endswith(".html"))


def equal_to_clean(site: Site, now: dt.datetime) -> None:
    build_at(site, now, "clean", clean=True)
    assert compare_trees(site.root / "public", site.root / "clean") == []


def settled(site: Site) -> Site:
    """The newsroom with EXPIRING pins, its files saved a while ago (a file saved just now
    cannot vouch for itself: racy mtimes), so that a build may take its shortcuts."""
    newsroom(site)
    site.write("content/home.yaml", EXPIRING)
    age_files(site.root)
    return site


def test_builds_across_each_until_equal_clean_builds(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    settled(site)
    first = build_at(site, at("2026-11-24T13:00:00+00:00"))
    assert first.next_expiry == at("2026-11-24T14:00:00+00:00")
    with monkeypatch.context() as shortcut:
        forbid_loading(shortcut)  # no until passed: the output stands, nothing is read
        same = build_at(site, at("2026-11-24T13:30:00+00:00"))
    assert same.rendered == 0 and not same.report.written
    assert same.next_expiry == at("2026-11-24T14:00:00+00:00")

    lead_ends = build_at(site, at("2026-11-24T14:00:00+00:00"))
    assert html_written(lead_ends) == ["index.html"], "only the home page shows pins"
    assert home_of(site).lead == "n6"
    equal_to_clean(site, at("2026-11-24T14:00:00+00:00"))

    rail_ends = build_at(site, at("2026-11-24T15:30:00+00:00"))
    assert html_written(rail_ends) == ["index.html"]
    assert "asia" not in home_of(site).rails, "the Asia rail held only its pin"
    equal_to_clean(site, at("2026-11-24T15:30:00+00:00"))

    banner_ends = build_at(site, at("2026-11-24T16:00:00+00:00"))
    every_page = sorted(p for p in site.outputs() if p.endswith(".html"))
    assert html_written(banner_ends) == every_page, "the banner was on every page"
    assert home_of(site).banner is None
    assert banner_ends.next_expiry is None
    equal_to_clean(site, at("2026-11-24T16:00:00+00:00"))


def test_the_unchanged_shortcut_never_keeps_a_stale_home_page(site: Site) -> None:
    settled(site)
    build_at(site, at("2026-11-24T13:00:00+00:00"))
    assert home_of(site).lead == "n1"
    # going back in time works too: the pin holds again
    for clock, lead in [("14:00", "n6"), ("13:59", "n1"), ("16:30", "n6"), ("13:00", "n1")]:
        result = build_at(site, at(f"2026-11-24T{clock}:00+00:00"))
        assert "index.html" in result.report.written, clock
        assert home_of(site).lead == lead, clock
        equal_to_clean(site, at(f"2026-11-24T{clock}:00+00:00"))


def test_an_edit_in_place_is_patched_onto_the_pins_of_its_clock(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    settled(site)
    build_at(site, at("2026-11-24T13:00:00+00:00"))
    path = site.root / "content/articles/n1.md"
    edit(path, "A first paragraph.", "A first paragraph, edited.")  # n1's teaser: the lead
    build_at(site, at("2026-11-24T14:30:00+00:00"))  # the lead pin has ended meanwhile
    assert home_of(site).lead == "n6"
    equal_to_clean(site, at("2026-11-24T14:30:00+00:00"))
    edit(path, "edited.", "edited twice.")
    with monkeypatch.context() as patched:
        forbid_loading(patched)  # no until in between: the last graph, patched
        build_at(site, at("2026-11-24T14:40:00+00:00"))
    equal_to_clean(site, at("2026-11-24T14:40:00+00:00"))


BANNER = "banner: {text: Live, url: /world/n5/, until: 2026-11-24T16:00:00Z}\n"


@pytest.mark.parametrize(
    ("change", "pages"),
    [
        ("lead: {article: n1, until: 2026-11-24T14:00:00Z}\n" + BANNER, ["index.html"]),
        (EXPIRING.replace("article: n1,", "article: n4,"), ["index.html"]),
        ("# the same pins, a line lower\n" + EXPIRING, []),
        (EXPIRING.replace("16:00:00Z", "17:00:00Z"), []),
        (EXPIRING.replace("text: Live", "text: Live now"), "every"),
        ("", "every"),
    ],
    ids=["drop-a-pin", "another-lead", "same-pins", "banner-until", "banner-text", "emptied"],
)
def test_editing_home_yaml_rewrites_only_the_pages_that_show_it(
    site: Site, change: str, pages: list[str] | str
) -> None:
    settled(site)
    build_at(site, at("2026-11-24T13:00:00+00:00"))
    site.write("content/home.yaml", change)
    result = build_at(site, at("2026-11-24T13:00:00+00:00"))
    every_page = sorted(p for p in site.outputs() if p.endswith(".html"))
    assert html_written(result) == (every_page if pages == "every" else pages)
    equal_to_clean(site, at("2026-11-24T13:00:00+00:00"))


def test_deleting_home_yaml_is_the_automatic_home_page_again(site: Site) -> None:
    newsroom(site)
    site.write("content/home.yaml", EXPIRING)
    build_at(site, NOW.replace(hour=13))
    (site.root / "content/home.yaml").unlink()
    build_at(site, NOW.replace(hour=13))
    assert home_of(site) == Home("n6", ("n3", "n9", "n8", "n7"), home_of(site).rails, None)
    equal_to_clean(site, NOW.replace(hour=13))


def test_random_clocks_and_pins_equal_clean_builds(site: Site) -> None:
    """Builds in a row at clocks that pass some untils and not others, each one equal to a
    clean build at the same clock."""
    newsroom(site)
    site.write(
        "content/home.yaml",
        "lead: {article: n2, until: 2026-11-24T02:00:00Z}\n"
        "top: [{article: n1, until: 2026-11-24T04:00:00Z}, n4]\n"
        "rails: {asia: [{article: n5, until: 2026-11-24T03:00:00Z}]}\n"
        "banner: {text: Live, until: 2026-11-24T05:00:00Z}\n",
    )
    age_files(site.root)
    hours = [0, 1, 3, 3, 2, 6, 4, 0, 5]
    for previous, hour in itertools.pairwise([None, *hours]):
        now = at(f"2026-11-24T0{hour}:30:00+00:00")
        result = build_at(site, now)
        if previous == hour:
            assert not result.report.written
        equal_to_clean(site, now)


# -- the example site ---------------------------------------------------------------------------


def test_the_example_site_shows_its_pins_and_banner(example_build: Path) -> None:
    tree = lxml_html.fromstring((example_build / "index.html").read_text(encoding="utf-8"))
    title = "//*[contains(@class,'teaser-title')]/a/@href"
    assert slugs(tree, f"//section[@class='lead-story']{title}") == ("zurich-talks-second-round",)
    top = slugs(tree, f"//section[@class='top-stories']{title}")
    assert top[:2] == ("baltic-undersea-cables-patrols", "saudi-normalization-price")
    europe = slugs(tree, f"//section[@aria-labelledby='rail-europe']{title}")
    assert europe[0] == "ukraine-reconstruction-conference-money"
    banner = ("The Zürich talks: all of our coverage, round by round", "/tags/zurich-talks/")
    for path in html_pages(example_build):
        page = lxml_html.fromstring(path.read_text(encoding="utf-8"))
        if page.xpath("//meta[@http-equiv='refresh']"):
            continue  # an alias: a redirect, not a page
        assert banner_of(page) == banner, path


def test_the_example_sites_timed_pin_comes_off_by_itself() -> None:
    def top_at(now: dt.datetime) -> list[str]:
        graph = load_site(REPO, BuildOptions(now=now)).graph
        return [graph.articles[i].slug for i in home_layout(graph).top_stories]

    assert "saudi-normalization-price" in top_at(at("2026-11-25T08:59:00-05:00"))
    assert "saudi-normalization-price" not in top_at(at("2026-11-25T09:00:00-05:00"))
