"""Lighthouse 12.8.2 (phone profile) over HTTP on the example site: the home page, an article,
and a live blog (a video facade, posts and updates: nothing from other sites before a click).

Accessibility, best practices and SEO must score at least 0.98. Performance varies from run
to run on a shared machine (Lighthouse simulates a slow phone from what it measures), so the
test asks for 0.9; docs/front-end.md has the medians measured on every page type.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from chromium import CHROMIUM, CHROMIUM_FLAGS

from conftest import LIGHTHOUSE_CLI, require

pytestmark = [pytest.mark.browser, pytest.mark.lighthouse]

PAGES = {
    "home": "/",
    "article": "/europe/baltic-undersea-cables-patrols/",
    "live blog": "/europe/nato-ministers-brussels-live/",  # a video facade, posts, updates
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
MINIMUM = {"performance": 0.9, "accessibility": 0.98, "best-practices": 0.98, "seo": 0.98}


def lighthouse(url: str, report: Path) -> dict:
    """Run the Lighthouse CLI on `url`; its JSON report."""
    node = require(Path(shutil.which("node") or "/usr/bin/node"), "Node.js")
    command = [
        str(node),
        str(require(LIGHTHOUSE_CLI, "Lighthouse")),
        url,
        "--quiet",
        "--output",
        "json",
        "--output-path",
        str(report),
        f"--only-categories={','.join(CATEGORIES)}",
        "--form-factor=mobile",
        f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
    ]
    env = {**os.environ, "CHROME_PATH": str(require(CHROMIUM, "Chromium"))}
    subprocess.run(command, env=env, check=True, timeout=120, capture_output=True)
    return json.loads(report.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def reports(example_url: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    folder = tmp_path_factory.mktemp("lighthouse")
    return {
        name: lighthouse(example_url + path, folder / f"{name}.json")
        for name, path in PAGES.items()
    }


@pytest.mark.parametrize("name", list(PAGES))
def test_lighthouse_scores(reports: dict[str, dict], name: str) -> None:
    report = reports[name]
    assert not report.get("runtimeError"), report.get("runtimeError")
    scores = {key: report["categories"][key]["score"] for key in CATEGORIES}
    failing = {
        audit["id"]: audit.get("displayValue") or audit["score"]
        for audit in report["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") in ("binary", "numeric")
    }
    low = {key: score for key, score in scores.items() if score < MINIMUM[key]}
    assert low == {}, f"{name}: {scores}; audits below 1: {failing}"


def test_no_layout_shift_from_images(reports: dict[str, dict]) -> None:
    for name, report in reports.items():
        assert report["audits"]["cumulative-layout-shift"]["numericValue"] < 0.01, name
        unsized = report["audits"].get("unsized-images", {})
        assert unsized.get("score") in (None, 1), f"{name}: {unsized.get('details')}"
