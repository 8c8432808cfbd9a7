"""The output folder's surroundings: one build at a time, leftovers cleared, ownership marked.

- **Lock.** A build holds an exclusive `flock` on a lock file in the site's cache, one per
  output folder, from before it reads the last build's state until it has remembered its
  own. A second build of the same folder (another CI job, a second terminal) waits for it,
  so two builds never interleave and no build starts from a state that another is
  replacing. The lock lives in the cache because the state it guards lives there; it adds
  no file beside the output.
- **Leftovers.** A build stopped by SIGKILL or a power cut can leave its staging folder
  (`.NAME.rsgen-tmp-*`) or, between the two renames of a whole-folder swap, the previous
  output (`.NAME.rsgen-old-*`). The next build, holding the lock, puts such a previous
  output back if the folder itself is missing, then deletes the rest.
- **Marker.** Every output folder holds `.rsgen-output`, a small file rsgen writes and never
  lists among the outputs (manifest, state, deploy). A build refuses to replace a non-empty
  folder that has neither the marker nor a remembered build, unless `--force`: `-o ~/Documents`
  must not wipe a folder of someone's files.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no lock; builds of one folder must not overlap there
    fcntl = None  # type: ignore[assignment]

from rsgen.base.cache import ignore_in_git
from rsgen.base.errors import Problem, SiteError

OUTPUT_MARKER = ".rsgen-output"
MARKER_TEXT = (
    "This folder is written by `rsgen build`: its files are replaced by every build.\n"
    "This file marks it so; it is not part of the site and is never deployed.\n"
)


def staging_prefix(output: Path) -> str:
    """The name every staging folder of `output` starts with (`.public.rsgen-tmp-`)."""
    return f".{output.name}.rsgen-tmp-"


def old_prefix(output: Path) -> str:
    """The name of the previous output while a whole-folder swap is under way."""
    return f".{output.name}.rsgen-old-"


@contextlib.contextmanager
def output_lock(
    path: Path, output: Path, waiting: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the lock file `path` of the output folder `output` for the block; wait (saying
    so) while another build holds it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    ignore_in_git(path.parent)
    with open(path, "a+b") as handle:
        if fcntl is not None:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if waiting is not None:
                    waiting(f"waiting for another build into {output} to finish")
                fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_UN)


def clear_leftovers(output: Path) -> None:
    """Put back a previous output a stopped swap left aside, and delete staging folders.

    Call only while holding the lock: another build's staging folder is then never touched.
    """
    parent = output.parent
    if not parent.is_dir():
        return
    names = os.listdir(parent)
    olds = sorted(n for n in names if n.startswith(old_prefix(output)))
    temps = [n for n in names if n.startswith(staging_prefix(output))]
    if olds and not output.exists():
        newest = max(olds, key=lambda n: os.stat(parent / n).st_mtime_ns)
        os.replace(parent / newest, output)
        olds.remove(newest)
    for name in [*olds, *temps]:
        shutil.rmtree(parent / name, ignore_errors=True)


def check_owned(output: Path, remembered: bool, force: bool) -> None:
    """Refuse to replace a non-empty folder rsgen did not make (unless `force`)."""
    if force or remembered or not output.is_dir() or (output / OUTPUT_MARKER).is_file():
        return
    with os.scandir(output) as entries:
        if next(entries, None) is None:
            return
    raise SiteError(
        [
            Problem(
                str(output),
                0,
                "the output folder holds files rsgen did not write, and a build would replace them",
                "name a new or empty folder with -o, or pass --force to replace its files",
            )
        ]
    )


def write_marker(folder: Path) -> None:
    """Mark a folder as an rsgen output (a staging folder, or an output missing its mark)."""
    (folder / OUTPUT_MARKER).write_text(MARKER_TEXT, encoding="utf-8")
