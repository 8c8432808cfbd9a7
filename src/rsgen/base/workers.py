"""Worker processes for the long stages of a build (parsing, rendering).

They are forked, so each starts with everything the build has loaded so far, and they leave
signals to the main process: Ctrl-C in a terminal reaches every process of the group, and
`rsgen serve` turns SIGTERM into a stop; a worker that reacted itself would die mid-task
with a traceback, or leave the main process waiting for a result that never comes.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
from collections.abc import Callable
from multiprocessing.pool import Pool
from typing import Any


def can_fork() -> bool:
    """Whether this platform can fork workers (not Windows, for one)."""
    return "fork" in multiprocessing.get_all_start_methods()


SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


def worker_pool(jobs: int, initializer: Callable[..., None], initargs: tuple[Any, ...]) -> Pool:
    """A pool of `jobs` forked workers, each set up by `initializer(*initargs)`."""
    context = multiprocessing.get_context("fork")
    # held while forking, so that a Ctrl-C cannot reach a worker before it ignores it
    before = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    # what the build holds so far is frozen out of the garbage collector's sight, so that
    # the workers' collections do not write to (and so copy) every page of it
    gc.freeze()
    try:
        return context.Pool(jobs, initializer=_start, initargs=(initializer, initargs, before))
    finally:
        gc.unfreeze()
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _start(
    initializer: Callable[..., None], initargs: tuple[Any, ...], mask: set[signal.Signals]
) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)  # a closed terminal reaches the whole group
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    initializer(*initargs)
