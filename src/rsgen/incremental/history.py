"""What earlier builds into one output folder left behind, and what a new build may reuse.

A build opens the history of its output folder first. It answers, in this order:

1. did anything change? (`changed_files`: None when the last build cannot be built on,
   because the options, the clock's effect or the output folder differ; an empty set when
   nothing changed, so the output stands as it is);
2. can the last build's graph be patched? (`patch`: only edited articles, see patch.py);
3. what did each output file come from last time? (`output_keys`, for `Output`).

After writing, `remember` stores the state the next build starts from. The stages below
(render, publish) never see this object: the build hands them key functions instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rsgen.base.cache import Cache, Memory, output_key
from rsgen.base.digests import digest
from rsgen.base.errors import Problem, Problems
from rsgen.base.folders import THEME_DIR
from rsgen.base.output import Output
from rsgen.base.store import ParseStore
from rsgen.content import parse_key, read_source
from rsgen.graph import (
    BuildOptions,
    Ranker,
    RelatedIndex,
    keep_reading_for_all,
    rank_after_insert,
)
from rsgen.incremental.patch import Patch, Snapshot, load_snapshot, patch, save_snapshot
from rsgen.incremental.state import BuildState, Inputs, Timeline, outputs_present


@dataclass(frozen=True)
class Remembered:
    """What one build wrote, for the next build into the same folder."""

    pages: int
    warnings: tuple[Problem, ...]
    timeline: Timeline  # of every article, published or not, to see what the clock changes


@dataclass(frozen=True)
class LastRanking:
    """The keep-reading lists of the last build and what they were ranked from."""

    key: str  # a digest of what follows but the lists
    tags_of: Sequence[Sequence[str]]
    section_of: Sequence[str]
    k: int
    lists: list[tuple[int, ...]]


class History:
    """The cache of one site as seen by one build into one output folder.

    `fingerprint` names everything about the request that changes the output besides the
    files and the clock (base URL, search on or off, drafts, future, strict); a build made
    with another fingerprint is never built on.
    """

    def __init__(
        self,
        site: Path,
        output: Path,
        options: BuildOptions,
        fingerprint: str,
        clean: bool = False,
        memory: Memory | None = None,
    ) -> None:
        self.site = site
        self.output = output
        self.options = options
        self.fingerprint = fingerprint
        self.cache = Cache(site, enabled=not clean, memory=memory)
        self.inputs = Inputs.scan(site, THEME_DIR)
        state = self.cache.load(self._state_name)
        # a long-lived process (serve) owns its output folder: what it wrote is still there
        written_here = self.cache.in_memory(self._state_name)
        self.previous = state if self._builds_on(state, written_here) else None

    @property
    def _state_name(self) -> str:
        return "state-" + output_key(self.output)

    def _builds_on(self, state: object, written_here: bool) -> bool:
        """Same options, no article moved across the clock, every output still there."""
        o = self.options
        return (
            isinstance(state, BuildState)
            and state.options == self.fingerprint
            and state.clock == state.timeline.state(o.now, o.drafts, o.future)
            and (written_here or outputs_present(self.output, state.outputs))
        )

    def changed_files(self) -> set[str] | None:
        """Input files added, removed or touched since the last build (None: start afresh)."""
        if self.previous is None:
            return None
        return self.inputs.changed_since(self.previous.inputs)

    def output_keys(self) -> dict[str, str] | None:
        """What each file of the output folder was made from, as the last build recorded."""
        found = self.cache.load(output_key(self.output))
        return found if isinstance(found, dict) else None

    def ranking(self, jobs: int = 1) -> Ranker:
        """Keep-reading lists from the cache when the tags, sections and order are unchanged;
        after one new article, the last lists with only those it may change ranked again
        (`rank_after_insert`); else every list ranked."""
        cache = self.cache

        def rank(index: RelatedIndex, k: int) -> list[tuple[int, ...]]:
            key = digest("related", repr((index.tags_of, index.section_of, k)))
            last = cache.load("related")
            if isinstance(last, LastRanking) and last.key == key:
                return list(last.lists)
            found = None
            if isinstance(last, LastRanking) and last.k == k:
                before = RelatedIndex(last.tags_of, last.section_of)
                found = rank_after_insert(before, last.lists, index, k)
            if found is None:
                found = keep_reading_for_all(index, k, jobs)
            cache.save("related", LastRanking(key, index.tags_of, index.section_of, k, found))
            return list(found)

        return rank

    def patch(self, changed: set[str], now: dt.datetime) -> Patch | None:
        """The last build's graph with these edited articles swapped in, when they allow it."""
        if self.previous is None:
            return None
        snapshot = load_snapshot(self.cache, self.output, self.previous.snapshot)
        if snapshot is None:
            return None
        store = ParseStore(self.cache.root, parse_key(snapshot.graph.settings))
        try:
            return patch(snapshot, changed, now, store, self._reader())
        finally:
            store.close()

    def _reader(self) -> Callable[[str], tuple[str, tuple[int, int]] | None]:
        def read_text(rel: str) -> tuple[str, tuple[int, int]] | None:
            path = self.site / rel
            text = read_source(self.site, path, Problems())
            if text is None or not path.is_file():
                return None
            stat = path.stat()
            return text, (stat.st_size, stat.st_mtime_ns)

        return read_text

    @property
    def remembered(self) -> bool:
        """Whether the cache remembers a build into this output folder (so rsgen made it)."""
        return self.cache.stored(output_key(self.output)) or self.cache.stored(self._state_name)

    def forget(self) -> None:
        """Drop what the last build into this folder left, before its output is replaced.

        Until `remember` runs, a build stopped by force (SIGKILL, a power cut) then leaves
        no state that could pass the new files off as unchanged: the next build starts
        afresh and lists every file as written.
        """
        self.cache.forget(self._state_name)
        self.cache.forget(output_key(self.output))

    def remember(
        self, output: Output, snapshot: Snapshot, patched: Patch | None, built: Remembered
    ) -> None:
        """Keep the output's keys, the snapshot and what this build read, for the next build."""
        # the snapshot first: the state names it, so a build stopped in between leaves no match
        overlay = patched.overlay if patched else None
        generation = save_snapshot(self.cache, self.output, snapshot, overlay)
        self.cache.save(output_key(self.output), output.fingerprints)
        o = self.options
        state = BuildState(
            inputs=self.inputs,
            options=self.fingerprint,
            clock=built.timeline.state(o.now, o.drafts, o.future),
            timeline=built.timeline,
            outputs=tuple(sorted(output.fingerprints)),
            pages=built.pages,
            warnings=built.warnings,
            snapshot=generation,
        )
        self.cache.save(self._state_name, state)
