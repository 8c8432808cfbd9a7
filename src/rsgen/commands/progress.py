"""A progress bar for the commands that take a while (build, deploy), on a terminal only.

One bar for the whole command: it names the phase (a build: reading, images, rendering,
search; a deploy: uploading) and counts photos, pages or files when the total is known, and
pulses while it is not, so it never sits at "0/?". In CI, in a pipe or with --quiet there is
no bar at all, and the callback is None: the stages then skip the calls.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from rsgen.build import Progress as PhaseProgress  # (phase, done, total or None)


@contextmanager
def progress_bar(
    console: Console, quiet: bool, doing: str = "reading"
) -> Iterator[PhaseProgress | None]:
    """A progress bar on a terminal; nothing in CI, in pipes or with --quiet.

    It names what the command is doing (a build: reading, images, rendering, search; a
    deploy: uploading) and counts photos, pages or files; while the total is not known it
    pulses instead of showing "0/?".
    """
    if quiet or not console.is_terminal or os.environ.get("CI"):
        yield None
        return
    columns = (
        TextColumn("{task.description:<9}"),
        BarColumn(),
        TextColumn("{task.fields[count]}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(doing, total=None, count="")

        def advance(phase: str, done: int, total: int | None) -> None:
            count = f"{done:,}/{total:,}" if total else ""
            changed = bar.tasks[0].description != phase
            bar.update(task, description=phase, completed=done, total=total, count=count)
            if changed:
                bar.refresh()  # show a new phase at once, not at the next tick

        yield advance


def one_phase(progress: PhaseProgress | None, phase: str) -> Callable[[int, int], None] | None:
    """The bar's callback for a command that has one phase and counts (done, total)."""
    if progress is None:
        return None
    return lambda done, total: progress(phase, done, total)
