"""rsgen's cases: a cold build, then the rebuilds an editor's day is made of, timed one by one.

In order, on one corpus and one output folder (so each case starts from the previous one's
output and cache, as on an editor's machine or a CI runner that keeps them):

- cold: `--clean` into a new empty folder: no cache, nothing to reuse;
- no change: the same build again;
- one body edit: a closing line appended to the alphabetically first article;
- one title edit: that article's title changed;
- one new article: a copy of it under a new name, dated 31 December 2025 (a day the corpus
  leaves free), so it is the newest article of the site, as a story just published is.

Before each edit case the file is changed, then the script waits 2.1 s so the edit is past
the racy-mtime window (as a real save is) and times one whole `rsgen build` process. Every
build writes `--manifest`; the share of HTML files rewritten is the `.html` paths the
manifest lists as written over the `.html` files in the output afterwards (counted untimed),
which is what a CI deploy would upload and purge.

`search=False` adds `--no-search` to every build of the series. The corpus is restored
afterwards (the edited file's bytes, the new articles deleted), ready for the next series.

rsgen itself runs from a copy of src/ taken when the benchmark starts (`snapshot_source`), so
edits made to the working tree while it runs cannot mix two versions into one table.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from timing import Figures, Run, report, timed

NOW = "2026-01-01T00:00:00+00:00"  # after every corpus date: every article is published
NEW_ARTICLE_DAY = "2025-12-31T12:{minute:02d}:00+00:00"  # newer than any corpus article
SETTLE_S = 2.1  # past the racy-mtime window: a file saved this long ago is trusted by mtime
CASES = ("cold", "no change", "one body edit", "one title edit", "one new article")
NEW_PREFIX = "zz-bench-new-"
REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Builder:
    """How to run `rsgen build` on one corpus into one output folder."""

    site: Path
    out: Path
    env: dict[str, str]
    options: tuple[str, ...]  # --rsgen-args, and --no-search for that series

    def build(self, *extra: str) -> tuple[Run, int, int]:
        """One timed build: its run, the HTML files it wrote, the HTML files in the output."""
        manifest = self.out.parent / f"{self.out.name}.manifest.json"
        log = self.out.parent / f"{self.out.name}.log"
        command = [sys.executable, "-m", "rsgen", "build", str(self.site), "-o", str(self.out)]
        command += ["--quiet", "--now", NOW, "--manifest", str(manifest), *self.options, *extra]
        run = timed(command, env=self.env, log=log)
        written = json.loads(manifest.read_text(encoding="utf-8"))["written"]
        return run, sum(1 for path in written if path.endswith(".html")), count_html(self.out)


def count_html(folder: Path) -> int:
    return sum(1 for _, _, names in os.walk(folder) for name in names if name.endswith(".html"))


def first_article(site: Path) -> Path:
    return min((site / "content" / "articles").rglob("*.md"))


def edit_body(site: Path, run: int) -> None:
    path = first_article(site)
    text = path.read_text(encoding="utf-8")
    path.write_text(text + f"\nA closing line added by run {run}.\n", encoding="utf-8")


def edit_title(site: Path, run: int) -> None:
    path = first_article(site)
    text = path.read_text(encoding="utf-8")
    title = json.dumps(f"Retitled in run {run}")
    path.write_text(re.sub(r"(?m)^title: .*$", f"title: {title}", text, count=1), encoding="utf-8")


def new_article(site: Path, run: int) -> None:
    text = first_article(site).read_text(encoding="utf-8")
    text = re.sub(
        r"(?m)^title: .*$", f"title: {json.dumps(f'Just published, run {run}')}", text, count=1
    )
    text = re.sub(
        r"(?m)^date: .*$", f"date: {NEW_ARTICLE_DAY.format(minute=run % 60)}", text, count=1
    )
    path = site / "content" / "articles" / f"{NEW_PREFIX}{run}.md"
    path.write_text(text, encoding="utf-8")


def restore(site: Path, edited: Path, original: bytes) -> None:
    """Put the corpus back as generated: the edited file's bytes, no added articles."""
    edited.write_bytes(original)
    for added in (site / "content" / "articles").glob(f"{NEW_PREFIX}*.md"):
        added.unlink()


def measure(n: int, runs: int, builder: Builder, label: str) -> dict[str, Figures]:
    """Every case of CASES, `runs` times each, on `builder`'s site and output."""
    results: dict[str, Figures] = {}
    site = builder.site

    def case(name: str, before: Callable[[Path, int], None] | None, *extra: str) -> None:
        timed_runs: list[Run] = []
        written: list[int] = []
        totals: list[int] = []
        for run in range(runs):
            if name == "cold":
                shutil.rmtree(builder.out, ignore_errors=True)
            if before is not None:
                before(site, run)
                time.sleep(SETTLE_S)
            one, html_written, html_total = builder.build(*extra)
            timed_runs.append(one)
            written.append(html_written)
            totals.append(html_total)
        results[name] = Figures.of(
            timed_runs, html_written=tuple(written), html_total=tuple(totals)
        )
        report(n, f"{label} {name}", results[name])

    edited = first_article(site)
    original = edited.read_bytes()
    restore(site, edited, original)  # a run interrupted earlier may have left its edits
    shutil.rmtree(site / ".rsgen-cache", ignore_errors=True)
    try:
        case("cold", None, "--clean")
        time.sleep(SETTLE_S)
        builder.build()  # untimed: a build whose inputs have settled, as between two builds
        case("no change", None)
        case("one body edit", edit_body)
        case("one title edit", edit_title)
        case("one new article", new_article)
    finally:
        restore(site, edited, original)
    return results


def snapshot_source(work: Path) -> tuple[dict[str, str], dict[str, Any]]:
    """Copy src/ to WORK/rsgen-src; the environment that runs rsgen from it, and what was copied.

    Returns the build environment (CI=1, PYTHONPATH on the copy) and the commit, the
    uncommitted changes under src/ and a digest of every file copied, for the results.
    """
    snapshot = work / "rsgen-src"
    shutil.rmtree(snapshot, ignore_errors=True)
    shutil.copytree(
        REPO / "src", snapshot, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    digest = hashlib.sha256()
    for path in sorted(snapshot.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(snapshot)).encode() + b"\0" + path.read_bytes())
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(snapshot)], check=True)
    pythonpath = [str(snapshot), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "CI": "1", "PYTHONPATH": os.pathsep.join(pythonpath)}
    where = subprocess.run(
        [sys.executable, "-c", "import rsgen; print(rsgen.__file__)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not Path(where).is_relative_to(snapshot):
        raise SystemExit(f"rsgen imports from {where}, not from the snapshot {snapshot}")

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(REPO), *args], capture_output=True, text=True, check=False
        )
        return done.stdout.strip()

    changes = git("status", "--porcelain", "--", "src")
    return env, {
        "commit": git("rev-parse", "HEAD"),
        "src_uncommitted": changes.splitlines() if changes else [],
        "src_sha256": digest.hexdigest(),
        "snapshot": str(snapshot),
    }
