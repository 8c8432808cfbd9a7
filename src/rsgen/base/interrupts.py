"""Signals that end a build (Ctrl-C, SIGTERM, SIGHUP), handled alike at two moments.

Before the output is put in place, a signal stops the build at once: the staging folder is
thrown away and the previous output stands (`Interrupted`, `committed` false). Once the
final move has begun, the move, the manifest and what the next build starts from are one
unit: a signal waits until the unit is done, and then stops the build with `committed`
true, so the message can say that the new output is in place. CI cancellation, `timeout`,
`docker stop` and systemd send SIGTERM; a closed terminal sends SIGHUP; all three are one case.

Handlers live in the main thread only (Python's rule); elsewhere (the preview server's
rebuilds) `BuildSignals` changes nothing and the caller's own handling stands.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

ENDING_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
# a test (or an operator) can stop the build midway through its final move: the build
# writes this file and waits until it is removed (see tests/test_signals.py)
PAUSE_VARIABLE = "RSGEN_PAUSE_IN_COMMIT"


class Interrupted(KeyboardInterrupt):
    """A signal ended the build; `committed`: after the new output was in place."""

    def __init__(self, signum: int = signal.SIGINT, committed: bool = False) -> None:
        super().__init__(signum, committed)
        self.signum = signum
        self.committed = committed

    @property
    def message(self) -> str:
        """What the user is told: which output is in place."""
        if self.committed:
            return "Interrupted after the new output was in place."
        return "Interrupted; the previous output is unchanged."

    @property
    def exit_status(self) -> int:
        """128 + the signal's number, as shells report it: 130, 143, 129."""
        return 128 + int(self.signum)


class BuildSignals:
    """While active, SIGINT, SIGTERM and SIGHUP raise `Interrupted`, except inside `held()`."""

    def __init__(self) -> None:
        self._holding = False
        self._received: list[int] = []
        self.committed = False  # a held block has completed: the new output is in place

    @contextlib.contextmanager
    def active(self) -> Iterator[BuildSignals]:
        """Install the handlers for the block (main thread only), then put the old ones back."""
        if threading.current_thread() is not threading.main_thread():
            yield self
            return
        previous = {signum: signal.signal(signum, self._handle) for signum in ENDING_SIGNALS}
        try:
            yield self
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        # one attribute read: a signal arriving as `held()` begins is either held or raised
        if self._holding:
            self._received.append(signum)
            return
        raise Interrupted(signum, self.committed)

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """The final move and what goes with it: signals wait until the block is done."""
        with self.deferred():
            yield
            self.committed = True

    @contextlib.contextmanager
    def deferred(self) -> Iterator[None]:
        """A step that must not be cut short (making the staging folder, so that it is
        known and can be removed): a signal waits until the block is done."""
        self._holding = True
        try:
            yield
        finally:
            self._holding = False
        if self._received:
            raise Interrupted(self._received[0], self.committed)


def pause_if_asked() -> None:
    """Wait here while the file named by RSGEN_PAUSE_IN_COMMIT exists (tests only)."""
    name = os.environ.get(PAUSE_VARIABLE)
    if not name:
        return
    flag = Path(name)
    flag.write_text(f"{os.getpid()}\n")
    while flag.exists():
        time.sleep(0.01)
