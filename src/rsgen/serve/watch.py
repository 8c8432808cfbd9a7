"""Watching a site for changes: watchdog events, batched over a short window and classified.

An editor's save is several file events (a swap file, a backup, a rename or a truncate and a
write), and a writer may save several files at once, so events are collected until the site has
been quiet for `window` seconds (or `max_delay` has passed since the first one) and handed over
as one `ChangeBatch`. Each path is classified as content, templates, static or settings; editor
junk, the output folder and `.rsgen-cache/` are ignored.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch

from rsgen.base.folders import CACHE_DIR, CONTENT_DIR, SETTINGS_FILE, STATIC_DIR, TEMPLATES_DIR


class Kind(StrEnum):
    """What a changed file is to the build."""

    CONTENT = "content"
    TEMPLATES = "templates"
    STATIC = "static"
    SETTINGS = "settings"


WATCHED_DIRS = {CONTENT_DIR: Kind.CONTENT, TEMPLATES_DIR: Kind.TEMPLATES, STATIC_DIR: Kind.STATIC}

# Emacs locks (.#x) and autosaves (#x#), backups (x~), Vim swap files (.x.swp, .x.swo, ...), Vim's
# writability probe (4913, 5036, ...: digits only), JetBrains and GNOME safe-write temporaries.
_JUNK = re.compile(
    r"""^(?: \.\#.* | \#.*\# | .*~ | \..*\.sw[a-z] | \d+ | .*___jb_(?:tmp|old)___
           | \.goutputstream-.* | \.DS_Store | Thumbs\.db )$""",
    re.VERBOSE,
)
# inotify events worth a rebuild (no opens, no reads; directory "modified" is noise)
_EVENT_TYPES = {"created", "modified", "deleted", "moved", "closed", "attrib"}
_EVENT_FILTER = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileDeletedEvent,
    FileMovedEvent,
    FileClosedEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]


@dataclass(frozen=True, order=True)
class Change:
    """One changed path, relative to the site folder with forward slashes."""

    kind: Kind
    path: str


@dataclass(frozen=True)
class ChangeBatch:
    """The changes of one save (or of several saves close together)."""

    changes: frozenset[Change]

    @property
    def kinds(self) -> frozenset[Kind]:
        return frozenset(c.kind for c in self.changes)

    def paths(self, kind: Kind | None = None) -> tuple[str, ...]:
        """The changed paths, sorted; only those of `kind` when given."""
        return tuple(sorted({c.path for c in self.changes if kind is None or c.kind == kind}))

    def describe(self) -> str:
        """`content/articles/x.md changed`, or `3 files changed: a, b and 1 more`."""
        paths = self.paths()
        if len(paths) == 1:
            return f"{paths[0]} changed"
        shown = ", ".join(paths[:2])
        more = f" and {len(paths) - 2} more" if len(paths) > 2 else ""
        return f"{len(paths)} files changed: {shown}{more}"


def is_editor_junk(name: str) -> bool:
    """Swap, lock, backup and temporary files that editors write beside the real one."""
    return bool(_JUNK.match(name))


def classify(site: Path, path: str | Path, ignore: Iterable[Path] = ()) -> Change | None:
    """What `path` (absolute, or relative to the working folder) is to the site; None: not ours."""
    absolute = Path(os.path.abspath(path))
    if any(absolute == i or absolute.is_relative_to(i) for i in ignore):
        return None
    try:
        parts = absolute.relative_to(os.path.abspath(site)).parts
    except ValueError:
        return None
    if not parts or CACHE_DIR in parts or is_editor_junk(parts[-1]):
        return None
    rel = "/".join(parts)
    if rel == SETTINGS_FILE:
        return Change(Kind.SETTINGS, rel)
    kind = WATCHED_DIRS.get(parts[0])
    return Change(kind, rel) if kind else None


class Watcher:
    """Watches content/, templates/, static/ and site.yaml; calls `on_batch` once per batch.

    `on_batch` runs on the watcher's own thread, one batch at a time: changes made while it runs
    are collected into the next batch.
    """

    def __init__(
        self,
        site: Path,
        on_batch: Callable[[ChangeBatch], object],
        *,
        window: float = 0.05,
        max_delay: float = 0.5,
        ignore: Iterable[Path] = (),
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self.site = Path(os.path.abspath(site))
        self.on_batch = on_batch
        self.on_error = on_error
        self.window = window
        self.max_delay = max_delay
        self.ignore = tuple(Path(os.path.abspath(i)) for i in ignore)
        self._cond = threading.Condition()
        self._pending: set[Change] = set()
        self._first = self._last = 0.0
        self._stopped = False
        self._observer: BaseObserver | None = None
        self._watches: dict[str, ObservedWatch] = {}
        self._thread = threading.Thread(target=self._run, name="rsgen-watch", daemon=True)

    def start(self) -> None:
        observer = Observer()
        observer.daemon = True
        self._observer = observer
        handler = _Handler(self)
        observer.schedule(handler, str(self.site), recursive=False, event_filter=_EVENT_FILTER)
        for name in WATCHED_DIRS:
            self._watch_dir(name)
        observer.start()
        self._thread.start()

    def stop(self) -> None:
        """Stop watching; a batch being handled finishes on its own (the thread is a daemon)."""
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=1)

    def add(self, changes: Iterable[Change]) -> None:
        """Collect changes into the pending batch (the event handler calls this)."""
        now = time.monotonic()
        with self._cond:
            added = False
            for change in changes:
                if not self._pending:
                    self._first = now
                self._pending.add(change)
                added = True
            if added:
                self._last = now
                self._cond.notify_all()

    def _watch_dir(self, name: str) -> None:
        """Watch SITE/NAME recursively, again if it was deleted and made anew."""
        path = self.site / name
        if self._observer is None or not path.is_dir():
            return
        old = self._watches.pop(name, None)
        if old is not None:
            with contextlib.suppress(KeyError, OSError):
                self._observer.unschedule(old)
        handler = _Handler(self)
        self._watches[name] = self._observer.schedule(
            handler, str(path), recursive=True, event_filter=_EVENT_FILTER
        )

    def _run(self) -> None:
        while True:
            batch = self._next_batch()
            if batch is None:
                return
            try:
                self.on_batch(batch)
            except Exception as err:
                if self.on_error is not None:
                    self.on_error(err)

    def _next_batch(self) -> ChangeBatch | None:
        """Wait for changes, then for the site to be quiet for `window` seconds."""
        with self._cond:
            while not self._pending and not self._stopped:
                self._cond.wait()
            while not self._stopped:
                due = min(self._last + self.window, self._first + self.max_delay)
                wait = due - time.monotonic()
                if wait <= 0:
                    break
                self._cond.wait(wait)
            if self._stopped:
                return None
            batch = ChangeBatch(frozenset(self._pending))
            self._pending.clear()
            return batch

    def _event(self, event: FileSystemEvent) -> None:
        if event.event_type not in _EVENT_TYPES or (
            event.is_directory and event.event_type == "modified"
        ):
            return
        paths = [os.fsdecode(p) for p in (event.src_path, event.dest_path) if p]
        self.add(c for c in (classify(self.site, p, self.ignore) for p in paths) if c)
        if event.is_directory and event.event_type in ("created", "moved"):
            for path in paths:
                absolute = Path(os.path.abspath(path))
                if absolute.parent == self.site and absolute.name in WATCHED_DIRS:
                    self._watch_dir(absolute.name)


class _Handler(FileSystemEventHandler):
    """Passes watchdog's events to the watcher; never raises into watchdog's thread."""

    def __init__(self, watcher: Watcher) -> None:
        self.watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        try:
            self.watcher._event(event)
        except Exception as err:
            if self.watcher.on_error is not None:
                self.watcher.on_error(err)
