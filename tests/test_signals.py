"""Signals that end a build, overlapping builds and leftovers, with real processes.

Each case runs `rsgen build` in a child process of its own session and sends it a real
signal at a moment it watches for, never after a guessed delay: the build writes the file
named by RSGEN_PAUSE_IN_COMMIT halfway through its final move (or between the two renames
of a whole-folder swap) and waits there until the test removes it; the test signals it
then. The loop rounds run against a site of a few thousand pages; each round checks that
the output is the old one or the new one and never a mix (every file that changed is in
the manifest's `written`, every file that went is in `deleted`, nothing else moved), that
the state was remembered (the next build writes nothing), and at the end that the
incremental output equals a clean build.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import NOW, Site
from rsgen.base.interrupts import PAUSE_VARIABLE
from rsgen.base.outfolder import OUTPUT_MARKER
from rsgen.commands import compare_trees

# the loop's size: a few thousand pages by default; RSGEN_SIGNAL_ROUNDS to run more or fewer
ARTICLES = int(os.environ.get("RSGEN_SIGNAL_ARTICLES", "2200"))
ROUNDS = int(os.environ.get("RSGEN_SIGNAL_ROUNDS", "10"))
EDITED = 40  # articles retitled each round: a few hundred output files move
WAIT = 600.0  # seconds: a safety net against a hung child, never a timing the test relies on

LARGE_SITE = """\
title: Signal Outlet
base_url: https://news.example.com/
per_page: 20
keep_reading: 3
sections:
  - {key: world, title: World}
  - {key: asia, title: Asia}
  - {key: europe, title: Europe}
"""


def write_large_site(site: Site, articles: int) -> None:
    """A site of `articles` articles over 3 sections, 20 authors and 120 tags."""
    site.write("site.yaml", LARGE_SITE)
    for a in range(20):
        site.author(f"author-{a}", f"Author {a}")
    sections = ["world", "asia", "europe"]
    for n in range(articles):
        tags = [f"Topic {(n * 7 + k * 13) % 120}" for k in range(3)]
        day = 1 + n % 28
        site.article(
            f"story-{n}",
            body=f"Paragraph one of story {n}.\n\nParagraph two of story {n}.\n",
            title=f"Story {n}",
            section=sections[n % 3],
            authors=[f"author-{n % 20}"],
            tags=tags,
            date=f"2026-{1 + n % 10:02d}-{day:02d}T{n % 24:02d}:00:00+00:00",
        )


def retitle(site: Site, round_: int) -> None:
    """Give EDITED articles, spread over the site, a new title for this round."""
    step = max(1, ARTICLES // EDITED)
    for n in range(0, ARTICLES, step)[:EDITED]:
        path = site.root / f"content/articles/story-{n}.md"
        lines = path.read_text(encoding="utf-8").split("\n")
        assert lines[1].startswith("title: ")
        lines[1] = f'title: "Story {n}, round {round_}"'
        path.write_text("\n".join(lines), encoding="utf-8")


def digests(folder: Path) -> dict[str, str]:
    """sha256 of every output file (not rsgen's marker), by relative path."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file() and p.name != OUTPUT_MARKER
    }


def leftovers(site: Site) -> list[str]:
    return sorted(
        p.name for p in site.root.iterdir() if ".rsgen-tmp-" in p.name or ".rsgen-old-" in p.name
    )


@dataclass
class Run:
    """One `rsgen build` child process, in a session of its own (as a terminal's job is)."""

    process: subprocess.Popen[str]
    pause: Path

    def paused(self, watched: Path | None = None) -> bool:
        """Wait until the build pauses in its final move, or the file `watched` is replaced
        (the move has begun): True; or until the build ends: False."""
        inode = watched.stat().st_ino if watched is not None else None
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            if self.pause.exists():
                return True
            if watched is not None and _inode(watched) != inode:
                return True
            if self.process.poll() is not None:
                return False
            time.sleep(0.002)
        raise AssertionError("the build neither paused nor ended")

    def signal(self, signum: int) -> None:
        """Ctrl-C reaches the whole process group; SIGTERM and SIGHUP the build alone."""
        if signum == signal.SIGINT:
            os.killpg(self.process.pid, signum)
        else:
            self.process.send_signal(signum)

    def finish(self) -> tuple[int, str]:
        """Let the build go on (remove its pause file whenever it appears) until it ends."""
        deadline = time.monotonic() + WAIT
        while self.process.poll() is None:
            self.pause.unlink(missing_ok=True)
            assert time.monotonic() < deadline, "the build did not end"
            time.sleep(0.005)
        _, err = self.process.communicate()
        return self.process.returncode, err


def _inode(path: Path) -> int | None:
    try:
        return path.stat().st_ino
    except FileNotFoundError:
        return None


def start_build(site: Site, *args: str, pause: bool = True, search: bool = False) -> Run:
    env = {k: v for k, v in os.environ.items() if k != PAUSE_VARIABLE}
    flag = site.root.parent / f"pause-{time.monotonic_ns()}"
    if pause:
        env[PAUSE_VARIABLE] = str(flag)
    command = [sys.executable, "-m", "rsgen", "build", str(site.root), "--now", NOW.isoformat()]
    process = subprocess.Popen(
        [*command, *([] if search else ["--no-search"]), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    return Run(process, flag)


def build_quietly(site: Site, *args: str) -> tuple[int, str]:
    return start_build(site, *args, pause=False).finish()


def manifest_of(path: Path) -> dict[str, list[str]]:
    data: dict[str, list[str]] = json.loads(path.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    site = Site(tmp_path_factory.mktemp("signals") / "site")
    write_large_site(site, ARTICLES)
    status, err = build_quietly(site)
    assert status == 0, err
    yield site


SIGNALS = {"SIGTERM": signal.SIGTERM, "SIGINT": signal.SIGINT}


@pytest.mark.parametrize("name", ["SIGTERM", "SIGINT"])
def test_a_signal_during_the_final_move_completes_it(large_site: Site, name: str) -> None:
    """Rounds of an edit, a build signalled halfway through its final move, and checks."""
    site, signum = large_site, SIGNALS[name]
    output, manifest = site.root / "public", site.root.parent / f"manifest-{name}.json"
    for round_ in range(ROUNDS):
        before = digests(output)
        retitle(site, round_ + (1000 if name == "SIGINT" else 0))
        manifest.unlink(missing_ok=True)
        run = start_build(site, "--manifest", str(manifest))
        watched = output / "world/story-0/index.html"  # retitled every round
        assert run.paused(watched), f"round {round_}: the build ended before its final move"
        run.signal(signum)
        status, err = run.finish()
        assert status == 128 + signum, err
        assert "Interrupted after the new output was in place." in err, err
        after = digests(output)
        # the new output whole: exactly the files the manifest names changed
        report = manifest_of(manifest)
        changed = {rel for rel in after if before.get(rel) != after[rel]}
        assert changed == set(report["written"]), f"round {round_}: a mix of old and new"
        assert set(before) - set(after) == set(report["deleted"])
        assert report["written"], "the round changed nothing"
        assert not leftovers(site)
        # what the build did was remembered: the next build finds nothing to do
        status, err = build_quietly(site, "--manifest", str(manifest))
        assert status == 0, err
        assert manifest_of(manifest)["written"] == [], f"round {round_}: the state was not kept"
        assert digests(output) == after
    clean = site.root.parent / f"clean-{name}"
    status, err = build_quietly(site, "-o", str(clean), "--clean")
    assert status == 0, err
    assert compare_trees(output, clean) == []


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_signal_before_the_final_move_changes_nothing(large_site: Site, signum: int) -> None:
    """Signalled as soon as its staging folder appears (it then renders for a while)."""
    site = large_site
    output = site.root / "public"
    before = digests(output)
    retitle(site, 2000 + signum)
    run = start_build(site)
    wait_for_staging(site, run)
    run.signal(signum)
    status, err = run.finish()
    assert status == 128 + signum, err
    assert "Interrupted; the previous output is unchanged." in err
    assert digests(output) == before
    assert not leftovers(site)


def wait_for_staging(site: Site, run: Run) -> None:
    deadline = time.monotonic() + WAIT
    while not [p for p in site.root.iterdir() if ".public.rsgen-tmp-" in p.name]:
        assert run.process.poll() is None, run.finish()
        assert time.monotonic() < deadline
        time.sleep(0.001)


def test_a_killed_swap_is_repaired_by_the_next_build(site: Site) -> None:
    """SIGKILL between a swap's two renames leaves the output aside; the next build puts it
    back, removes the staging folder, and starts afresh (every file listed as written)."""
    site.article("first")
    status, err = build_quietly(site, "--clean")
    assert status == 0, err
    before = digests(site.root / "public")
    site.article("second")
    run = start_build(site, "--clean")
    assert run.paused()
    run.signal(signal.SIGKILL)
    run.process.wait()
    assert not (site.root / "public").exists()  # the previous output is aside
    assert any(".rsgen-old-" in p for p in leftovers(site))
    status, err = build_quietly(site, "--manifest", str(site.root.parent / "m.json"))
    assert status == 0, err
    assert not leftovers(site)
    report = manifest_of(site.root.parent / "m.json")
    assert set(report["written"]) == set(digests(site.root / "public"))
    assert "world/second/index.html" in report["written"]
    assert set(before) <= set(digests(site.root / "public"))


def test_overlapping_builds_wait_for_each_other(large_site: Site) -> None:
    """Two builds of one output at once: the second waits for the first, then builds on
    what it wrote; no file of either is left orphaned (search index included)."""
    site = large_site
    output = site.root / "public"
    retitle(site, 900001)
    first = start_build(site, pause=False, search=True)
    # once the first is writing (its staging folder exists), change the site, start another
    wait_for_staging(site, first)
    retitle(site, 900002)
    second = start_build(site, pause=False, search=True)
    status, err = first.finish()
    assert status == 0, err
    status, second_err = second.finish()
    assert status == 0, second_err
    clean = site.root.parent / "clean-overlap"
    status, err = start_build(site, "-o", str(clean), "--clean", pause=False, search=True).finish()
    assert status == 0, err
    assert compare_trees(output, clean) == []
    assert "waiting for another build into" in second_err
