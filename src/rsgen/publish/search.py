"""Search: a Pagefind index of the article pages, written into the output by the build.

After the pages are rendered, the article pages of this build (drafts and future articles
are never built, so never indexed) are linked into a temporary folder laid out like the site
and indexed by the `pagefind` binary of the `pagefind[bin]` package (see `index`). The
bundle it writes (the index, and the UI's script, styles and WebAssembly) is read back and
staged under `/pagefind/` through the build's `Output`, like any other file: all or nothing,
and only the files that changed.

Pagefind writes its filter index in an order that changes from run to run; the bundle is
made byte-stable afterwards (pagefind_bundle.py), so the output stays a function of the input.

Only the article body (`data-pagefind-body`) is searched; the article template marks the
section, kind and authors as filters and the date and photo as metadata.

Indexing costs about a second per thousand articles (docs/front-end.md), so it only happens when an article page
changed: the index's fingerprint is a digest of every article page's fingerprint (and path),
and when it matches the last build's, the previous index files are kept untouched. A site
can turn search off with `search: false` in site.yaml.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from rsgen.base.digests import digest
from rsgen.base.errors import Problem, SiteError
from rsgen.base.folders import SETTINGS_FILE
from rsgen.base.output import Output
from rsgen.graph import PageSpec
from rsgen.publish.pagefind_bundle import canonical_bundle
from rsgen.settings import Settings

SEARCH_DIR = "pagefind"
ENTRY = f"{SEARCH_DIR}/pagefind-entry.json"  # its fingerprint says what the index was made from
TIMEOUT = 600.0  # seconds; far more than a large site needs


NO_ARTICLES_NOTE = (
    "no published article yet, so no search index: the search page says so until one is"
)


def write_search_index(specs: Sequence[PageSpec], settings: Settings, output: Output) -> str:
    """Stage the Pagefind bundle of this build's article pages (rendered into `output`).

    Returns a note for the build's summary when there was nothing to index ("" otherwise):
    Pagefind refuses to make an empty index, so a new site has none until its first article.
    """
    if not settings.search:
        return ""
    pages = [spec.output for spec in specs if spec.kind == "article"]
    if not pages:
        return NO_ARTICLES_NOTE
    key = index_fingerprint(pages, output, settings.root_path)
    if keep_previous_index(output, key):
        return ""
    for rel, data in sorted(run_pagefind(output, pages, settings.root_path).items()):
        fingerprint = key if rel == ENTRY else hashlib.blake2b(data, digest_size=16).hexdigest()
        if not output.unchanged(rel, fingerprint):
            output.write_bytes(rel, data, fingerprint)
    return ""


def index_fingerprint(pages: Sequence[str], output: Output, root: str) -> str:
    """What the index is made from: every article page (path and fingerprint), the site's root."""
    version = pagefind_version()
    return "index:" + digest(version, root, *(f"{rel} {output.fingerprints[rel]}" for rel in pages))


def keep_previous_index(output: Output, key: str) -> bool:
    """Keep the last build's index files when they were made from the same pages."""
    if output.previous.get(ENTRY) != key:
        return False
    kept = sorted(rel for rel in output.previous if rel.startswith(f"{SEARCH_DIR}/"))
    if not all((output.target / rel).is_file() for rel in kept):
        return False
    return all([output.unchanged(rel, output.previous[rel]) for rel in kept])


def run_pagefind(output: Output, pages: Sequence[str], root: str) -> dict[str, bytes]:
    """Index the pages with Pagefind; the bundle's files by their path in the output."""
    with tempfile.TemporaryDirectory(prefix=".rsgen-search-", dir=output.target.parent) as tmp:
        site = Path(tmp) / "site"
        base = site.joinpath(*[p for p in root.split("/") if p])  # URLs keep base_url's path
        for rel in pages:
            _link(output.current_path(rel), base / rel)
        bundle = Path(tmp) / "bundle"
        index(site, bundle, cwd=Path(tmp))
        files = {
            f"{SEARCH_DIR}/{path.relative_to(bundle).as_posix()}": path.read_bytes()
            for path in sorted(bundle.rglob("*"))
            if path.is_file()
        }
    try:
        return canonical_bundle(files, SEARCH_DIR)
    except (ValueError, KeyError, TypeError, OSError):  # another Pagefind's format: as it is
        return files


def index(site: Path, bundle: Path, cwd: Path) -> None:
    """Run Pagefind over `site`, writing its bundle into `bundle`; SiteError if it fails.

    This is the binary of the `pagefind[bin]` package, found the way `python -m pagefind`
    finds it, run as a command: its Python API (`PagefindIndex`) answers through a pipe it
    polls every 0.1 s, which made even a one-article index cost about 0.4 s a build, while
    the command takes 0.03 s. It runs in `cwd` (a temporary folder), so that no
    pagefind.yml of the site's changes what it does.
    """
    try:
        from pagefind.service import get_executable

        executable = get_executable()
        if executable is None:
            raise FileNotFoundError("no pagefind binary")
        site.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            [
                str(executable),
                "--site",
                str(site),
                "--output-path",
                str(bundle),
                "--glob",
                "**/*.html",
                "--silent",
            ],
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    except (ImportError, OSError, subprocess.TimeoutExpired) as err:
        raise SiteError([search_problem(err)]) from err
    if done.returncode != 0:
        said = " ".join((done.stderr or done.stdout).split())[-300:]
        raise SiteError([search_problem(RuntimeError(f"exit status {done.returncode}: {said}"))])


def _link(source: Path, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, destination)
    except OSError:
        shutil.copyfile(source, destination)


@functools.cache
def pagefind_version() -> str:
    try:
        from importlib.metadata import version

        return version("pagefind")
    except Exception:
        return "unknown"


def search_problem(err: BaseException) -> Problem:
    """Why the index could not be made, and how to build without it."""
    if isinstance(err, ImportError | FileNotFoundError):
        message = "search needs Pagefind: pip install 'pagefind[bin]'"
    elif isinstance(err, subprocess.TimeoutExpired):
        message = f"Pagefind did not finish indexing within {TIMEOUT:.0f} s"
    else:
        message = f"Pagefind could not index the site ({err})"
    return Problem(SETTINGS_FILE, 0, message, "or set `search: false` in site.yaml")
