"""Search: a Pagefind index of the article pages, made of parts, written by the build.

After the pages are rendered, the article pages of this build (drafts and future articles
are never built, so never indexed) are split into **parts**, and each part is its own
Pagefind index. The browser loads the first part's bundle and merges the others into it
(Pagefind's `mergeIndex`, see the search page template), so a search covers them all.

- **Which part an article is in** depends only on the list of published articles, oldest
  first (the graph's order, reversed): the list is cut after an article whose path hashes to
  a cut point (one in half of `ARTICLES_PER_PART`), but never before a part has half of
  that and always at twice it. Where the cuts fall is thus decided by the articles
  themselves: a new newest article joins the last part (or starts one), an edit stays in its
  part, and a deletion or a date moved shifts at most the parts around it, the cuts after
  them falling where they fell before.
- **Where a part goes**: the oldest part is the primary bundle at `/pagefind/`, with
  Pagefind's script, styles and WebAssembly (the only copy: merged indexes use the
  primary's); every other part is at `/pagefind/parts/ID/` (ID a digest of its first
  article's path) with its index files only. `/pagefind/parts.js` lists the merged parts'
  URLs, newest first, for the search page (a script, so the page sets its search up at once).
- **Only changed parts are indexed**: a part's fingerprint is a digest of its pages'
  paths and fingerprints (and Pagefind's version, the site's root and the part's folder);
  when it matches the last build's, that part's files are kept untouched and Pagefind does
  not see its pages. A one-article edit re-indexes about `ARTICLES_PER_PART` pages.
- **Fixed order**: pages reach Pagefind through its service mode (pagefind_service.py) in
  the parts' order, never from a directory listing, and Pagefind's filter files are made
  byte-stable afterwards (pagefind_bundle.py): the output is a function of the input.
  Parts that need indexing are shared between two Pagefind processes when there are cores
  for it.

Only the article's title and body (`data-pagefind-body`) are searched; the article template
marks the section, kind and authors as filters and the date and photo as metadata. A site can
turn search off with `search: false` in site.yaml.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import queue
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from rsgen.base.digests import digest
from rsgen.base.errors import Problem, SiteError
from rsgen.base.folders import SETTINGS_FILE
from rsgen.base.output import Output
from rsgen.graph import PageSpec
from rsgen.publish.pagefind_bundle import canonical_bundle
from rsgen.publish.pagefind_service import PagefindService, ServiceError
from rsgen.publish.search_documents import search_document
from rsgen.settings import Settings

SEARCH_DIR = "pagefind"
PARTS_DIR = f"{SEARCH_DIR}/parts"
PARTS_LIST = f"{SEARCH_DIR}/parts.js"  # the merged parts' URLs, for the search page
ENTRY = "pagefind-entry.json"  # in each part's folder; its fingerprint is the part's
ARTICLES_PER_PART = 500  # on average; docs/front-end.md says how it was chosen
TIMEOUT = 600.0  # seconds for one answer of Pagefind; far more than a large part needs
WORKERS = 2  # Pagefind processes at most (each holds one part's index at a time)
INDEX_FILES = ("index/", "fragment/", "filter/", "sort/")  # what a merged part needs

NO_ARTICLES_NOTE = (
    "no published article yet, so no search index: the search page says so until one is"
)


Documents = list[tuple[str, str]]  # what Pagefind is given of a part: (URL, HTML), in order


@dataclass(frozen=True)
class Part:
    """Articles indexed together: their output paths, oldest first, and where they go."""

    folder: str  # below the output root: SEARCH_DIR for the primary, else PARTS_DIR/ID
    pages: tuple[str, ...]

    @property
    def primary(self) -> bool:
        return self.folder == SEARCH_DIR


def write_search_index(specs: Sequence[PageSpec], settings: Settings, output: Output) -> str:
    """Stage the Pagefind parts of this build's article pages (rendered into `output`).

    Returns a note for the build's summary when there was nothing to index ("" otherwise):
    Pagefind refuses to make an empty index, so a new site has none until its first article.
    """
    if not settings.search:
        return ""
    newest_first = [spec.output for spec in specs if spec.kind == "article"]
    if not newest_first:
        return NO_ARTICLES_NOTE
    root = settings.root_path
    parts = split_parts(newest_first[::-1], ARTICLES_PER_PART)
    previous = previous_files(output, [part.folder for part in parts])
    made: dict[str, Documents] = {}  # the documents read to compare a part, to index it
    pages_keys: dict[str, str] = {}
    todo: list[Part] = []
    for part in parts:
        entry = f"{part.folder}/{ENTRY}"
        before = output.previous.get(entry, "").split(" ")
        pages_key = pages_keys[part.folder] = part_fingerprint(part, output, root)
        if before[0] == pages_key and keep_part(output, part, previous[part.folder]):
            continue
        if len(before) == 2 and output.incremental:
            # its pages changed, maybe only where search does not look (a teaser, a list)
            read = documents_of(part, output, root)
            if documents_key(read) == before[1] and keep_part(
                output, part, previous[part.folder], f"{pages_key} {before[1]}"
            ):
                continue
            if len(made) < WORKERS:
                made[part.folder] = read
        todo.append(part)

    def documents(part: Part) -> Documents:
        return made.pop(part.folder, None) or documents_of(part, output, root)

    for part, key, files in index_parts(todo, documents, output.target.parent):
        entry = f"{part.folder}/{ENTRY}"
        for rel, data in sorted(files.items()):
            fingerprint = f"{pages_keys[part.folder]} {key}" if rel == entry else _hash(data)
            if not output.unchanged(rel, fingerprint):
                output.write_bytes(rel, data, fingerprint)
    listed = [f"{root}{part.folder}/" for part in reversed(parts) if not part.primary]
    data = f"window.rsgenSearchParts = {json.dumps(listed)};\n".encode()
    if not output.unchanged(PARTS_LIST, _hash(data)):
        output.write_bytes(PARTS_LIST, data, _hash(data))
    return ""


def split_parts(oldest_first: Sequence[str], size: int) -> list[Part]:
    """The parts of these article pages (module docstring: where the cuts fall)."""
    groups: list[list[str]] = []
    current: list[str] = []
    for rel in oldest_first:
        current.append(rel)
        if len(current) >= 2 * size or (len(current) >= size // 2 and _cuts(rel, size)):
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return [
        Part(SEARCH_DIR if n == 0 else f"{PARTS_DIR}/{_hash(pages[0].encode())[:10]}", tuple(pages))
        for n, pages in enumerate(groups)
    ]


def _cuts(rel: str, size: int) -> bool:
    # one article in size/2 is a cut point: past the minimum of size/2, a part ends after
    # size/2 more on average (and at 2 × size at most, one part in 20)
    value = int.from_bytes(hashlib.blake2b(rel.encode(), digest_size=8).digest(), "big")
    return value % max(1, size // 2) == 0


def part_fingerprint(part: Part, output: Output, root: str) -> str:
    """What a part's index is made from: its pages (path, fingerprint), the site's root."""
    pages = (f"{rel} {output.fingerprints[rel]}" for rel in part.pages)
    return "index:" + digest(pagefind_version(), root, part.folder, *pages)


def documents_of(part: Part, output: Output, root: str) -> Documents:
    """What Pagefind is given of each of a part's pages: (URL, HTML), in order."""
    documents = []
    for rel in part.pages:
        html = output.current_path(rel).read_bytes().decode("utf-8", errors="replace")
        documents.append((_url(root, rel), search_document(html) or html))
    return documents


def documents_key(documents: Documents) -> str:
    """A digest of what Pagefind is given: equal keys, equal indexes."""
    return digest(pagefind_version(), *(f"{url}\0{html}" for url, html in documents))


def previous_files(output: Output, folders: Sequence[str]) -> dict[str, list[str]]:
    """The last build's files of each of these part folders."""
    found: dict[str, list[str]] = {folder: [] for folder in folders}
    for rel in output.previous:
        if not rel.startswith(f"{SEARCH_DIR}/") or rel == PARTS_LIST:
            continue
        inside = rel.startswith(f"{PARTS_DIR}/")
        folder = "/".join(rel.split("/", 3)[:3]) if inside else SEARCH_DIR
        if folder in found:
            found[folder].append(rel)
    return found


def keep_part(output: Output, part: Part, kept: list[str], entry_key: str = "") -> bool:
    """Keep the last build's files of this part (its entry file's fingerprint made
    `entry_key` when given: the same index, made from pages that changed elsewhere)."""
    target = str(output.target)
    if not kept or not all(os.path.isfile(os.path.join(target, rel)) for rel in kept):
        return False
    entry = f"{part.folder}/{ENTRY}"
    for rel in sorted(kept):
        output.keep(rel, entry_key if rel == entry and entry_key else None)
    return True


def index_parts(
    parts: Sequence[Part], documents: Callable[[Part], Documents], scratch: Path
) -> Iterator[tuple[Part, str, dict[str, bytes]]]:
    """Each part with the key of its documents and its bundle's files (paths below the
    output root), in the given order; Pagefind works in a folder made under `scratch`."""
    if not parts:
        return
    workers = max(1, min(WORKERS, len(parts), os.cpu_count() or 1))
    try:
        executable = _executable()
        with ExitStack() as stack:
            tmp = Path(
                stack.enter_context(
                    tempfile.TemporaryDirectory(prefix=".rsgen-search-", dir=scratch)
                )
            )
            idle: queue.SimpleQueue[PagefindService] = queue.SimpleQueue()
            for _ in range(workers):
                idle.put(stack.enter_context(PagefindService(executable, tmp, TIMEOUT)))
            pool = stack.enter_context(ThreadPoolExecutor(workers))

            def run(part: Part) -> tuple[str, dict[str, bytes]]:
                service = idle.get()
                try:
                    pages = documents(part)
                    return documents_key(pages), bundle_of(part, service.index(pages))
                finally:
                    idle.put(service)

            running = [pool.submit(run, p) for p in parts]
            for part, future in zip(parts, running, strict=True):
                key, files = future.result()
                yield part, key, files
    except (ImportError, OSError, ServiceError) as err:
        raise SiteError([search_problem(err)]) from err


def bundle_of(part: Part, files: dict[str, bytes]) -> dict[str, bytes]:
    """A part's files below the output root: all of them for the primary, else the index."""
    if not part.primary:
        files = {
            rel: data
            for rel, data in files.items()
            if rel == ENTRY or rel.startswith(INDEX_FILES) or rel.endswith(".pf_meta")
        }
    placed = {f"{part.folder}/{rel}": data for rel, data in files.items()}
    try:
        return canonical_bundle(placed, part.folder)
    except (ValueError, KeyError, TypeError, OSError):  # another Pagefind's format: as it is
        return placed


def _url(root: str, rel: str) -> str:
    # the URL a reader sees: /section/slug/ for section/slug/index.html, below the site's root
    return root + (rel.removesuffix("index.html") if rel.endswith("/index.html") else rel)


def _hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _executable() -> Path:
    from pagefind.service import get_executable

    executable = get_executable()
    if executable is None:
        raise FileNotFoundError("no pagefind binary")
    return Path(executable)


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
    else:
        message = f"Pagefind could not index the site ({err})"
    return Problem(SETTINGS_FILE, 0, message, "or set `search: false` in site.yaml")
