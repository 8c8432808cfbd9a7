"""Property tests: whatever front matter and Markdown a writer types, rsgen either builds or
reports clean `PATH:LINE: message` problems, and never raises anything else.

RSGEN_FUZZ_SCALE=20 runs twenty times as many examples (for a nightly job, or after a change
to the loader); the default keeps the two tests to a few seconds.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import NOW, SITE_YAML
from rsgen.base.errors import Problem, Problems, SiteError
from rsgen.build import BuildRequest, build, load_site
from rsgen.content import read_source
from rsgen.content.markdown import BodyRenderer
from rsgen.content.parse import ARTICLE_FIELDS, parse_article
from rsgen.graph import BuildOptions
from rsgen.settings import load_settings

SCALE = int(os.environ.get("RSGEN_FUZZ_SCALE", "1"))
# problems about a whole file (it cannot be read) have no line
WHOLE_FILE = ("cannot read the file",)
OFFSETS = [None, dt.UTC, dt.timezone(dt.timedelta(hours=-4)), dt.timezone(dt.timedelta(hours=14))]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(),
    st.text(max_size=30),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=10),
    st.sampled_from(["", " ", "world", "asia", "ann", "analysis", "/a.jpg", "javascript:x", ".."]),
    st.dates(),
    st.datetimes(timezones=st.sampled_from(OFFSETS)),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
keys = st.sampled_from([*ARTICLE_FIELDS, "bogus", "Title"]) | st.text(max_size=8)
VALID = {"title": "T", "date": dt.date(2026, 5, 1), "section": "world", "authors": ["ann"]}


def dumped(data: dict[Any, Any], unicode: bool) -> str:
    return yaml.safe_dump(data, allow_unicode=unicode, sort_keys=False)


# front matter: a random mapping, a valid one with random changes (reaching the deeper checks),
# or YAML-ish noise built from the characters YAML cares about
yaml_noise = st.text(
    alphabet=st.sampled_from(list(":-[]{}\"'#&*!|>%@`,?\\ \t\n\r\x00\x07\x85\u2028\ufeffaé1")),
    max_size=60,
)
mappings = st.dictionaries(keys, values, max_size=6)
front_matters = st.one_of(
    st.builds(dumped, mappings, st.booleans()),
    st.builds(lambda extra, u: dumped({**VALID, **extra}, u), mappings, st.booleans()),
    st.builds(
        lambda extra, u: dumped({**VALID, "tags": ["x"], **extra}, u),
        st.dictionaries(st.sampled_from(list(ARTICLE_FIELDS)), values, max_size=3),
        st.booleans(),
    ),
    yaml_noise,
    st.builds(  # known keys with noisy values: syntax errors on a known line
        lambda pairs: "".join(f"{key}: {value}\n" for key, value in pairs),
        st.lists(st.tuples(st.sampled_from(list(VALID)), yaml_noise), max_size=5),
    ),
)
markdown = st.text(
    alphabet=st.sampled_from(list("#*_`[]()<>!|-=~:/\\ \n\t\r\x00aZ1é\u2028")) | st.characters(),
    max_size=120,
)
valid_ish = st.builds(
    lambda extra, u: dumped({**VALID, "tags": ["x"], **extra}, u),
    st.dictionaries(
        st.sampled_from(["title", "dek", "tags", "summary", "slug"]), values, max_size=2
    )
    | st.dictionaries(st.sampled_from(["title", "dek", "summary", "correction"]), st.text()),
    st.booleans(),
)
files = st.one_of(
    st.builds(lambda fm, body: f"---\n{fm}---\n{body}", front_matters, markdown),
    st.builds(lambda fm, body: f"---\n{fm}\n{body}", front_matters, markdown),  # never closed
    markdown,
)


def assert_clean(problem: Problem, text: str) -> None:
    """A problem a writer can act on: a path, a line inside the file, words."""
    assert problem.path and problem.message.strip(), problem
    assert len(problem.format().splitlines()) == 1, problem
    lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n")
    last_line = lines + 2  # a problem may sit just after the last line (an empty body)
    if problem.message.startswith(WHOLE_FILE):
        assert problem.line == 0, problem
    else:
        assert 1 <= problem.line <= last_line, (problem, text)


@settings(max_examples=400 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=files, encoding_errors=st.booleans())
def test_any_article_parses_or_reports_cleanly(text: str, encoding_errors: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        path = site / "content/articles/x.md"
        path.parent.mkdir(parents=True)
        data = text.encode("utf-8", "surrogatepass")
        path.write_bytes(data + (b"\n\xff\xfe" if encoding_errors else b""))
        problems = Problems()
        source = read_source(site, path, problems)
        if source is not None:
            article = parse_article(
                "content/articles/x.md", source, SETTINGS, BodyRenderer(), problems
            )
            assert article is not None or problems.errors
        else:
            assert problems.errors
        for problem in problems.items:
            assert problem.path == "content/articles/x.md"
            assert_clean(problem, data.decode("utf-8", "replace"))


GOOD_FILES = {
    "site.yaml": SITE_YAML,
    "content/articles/good.md": "---\ntitle: Good\ndate: 2026-05-01\nsection: world\n"
    "authors: [ann]\ntags: [a]\n---\nText [link](/world/x/).\n",
    "content/authors/ann.md": "---\nname: Ann Writer\n---\nWrites.\n",
    "content/pages/about.md": "---\ntitle: About\n---\nAbout us.\n",
}
articles = st.one_of(
    st.builds(lambda fm, body: f"---\n{fm}---\n{body}", valid_ish, markdown),
    st.builds(lambda fm, body: f"---\n{fm}---\nA paragraph.\n\n{body}", valid_ish, markdown),
    files,
)


@settings(max_examples=40 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article=articles, other=st.sampled_from([None, *GOOD_FILES]), noise=files)
def test_any_site_builds_or_reports_cleanly(article: str, other: str | None, noise: str) -> None:
    """A site with one random article, and sometimes one other file replaced by noise."""
    written = {**GOOD_FILES, "content/articles/x.md": article}
    if other == "site.yaml":
        written[other] = SITE_YAML + noise
    elif other is not None:
        written[other] = noise
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        for rel, text in written.items():
            (site / rel).parent.mkdir(parents=True, exist_ok=True)
            (site / rel).write_bytes(text.encode("utf-8", "surrogatepass"))
        options = BuildOptions(now=NOW, drafts=True, future=True)
        try:
            load_site(site, options)
        except SiteError as err:
            assert err.problems
            for problem in err.problems:
                assert problem.path in written, problem
                assert_clean(problem, written[problem.path])
            return
        # a clean load must give a clean build too (templates see every odd value)
        result = build(BuildRequest(site=site, output=site / "public", options=options))
        assert (result.output / "index.html").is_file()


def _settings() -> Any:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
        loaded = load_settings(Path(folder), Problems())
    assert loaded is not None
    return loaded


SETTINGS = _settings()
