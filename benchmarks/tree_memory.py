"""Peak memory of a whole process tree: a build with its worker and Pagefind processes.

    python benchmarks/tree_memory.py -- rsgen build SITE -o OUT --clean

runs the command and samples, every 0.1 s, the summed PSS and RSS of it and all its
descendants (`/proc/PID/smaps_rollup`, Linux only), then prints the peaks. PSS divides a page
shared by several processes among them, so forked workers that share the parent's graph count
it once; the summed RSS counts it in each and is an upper bound. `build_times.py` reports the
largest single process (`os.wait4`), which is not the same: two Pagefind processes and two
render workers run beside the build at times.
"""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import sys
import time
from pathlib import Path

PROC = Path("/proc")


def descendants(pid: int) -> list[int]:
    """`pid` and every process below it, as far as /proc shows them now."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            tasks = list((PROC / str(current) / "task").iterdir())
        except OSError:
            continue
        for task in tasks:
            with contextlib.suppress(OSError):  # the task ended meanwhile
                todo += [int(child) for child in (task / "children").read_text().split()]
    return found


def memory_kib(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of one process in KiB; zeros when it has gone."""
    pss = rss = 0
    try:
        for line in (PROC / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1])
            elif line.startswith("Rss:"):
                rss = int(line.split()[1])
    except OSError:
        pass
    return pss, rss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command, after --")
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command to run after --")
    started = time.monotonic()
    process = subprocess.Popen(command)
    peak_pss = peak_rss = processes = 0
    at = 0.0
    while process.poll() is None:
        pids = descendants(process.pid)
        sizes = [memory_kib(pid) for pid in pids]
        pss, rss = sum(p for p, _ in sizes), sum(r for _, r in sizes)
        if pss > peak_pss:
            peak_pss, at, processes = pss, time.monotonic() - started, len(pids)
        peak_rss = max(peak_rss, rss)
        time.sleep(0.1)
    print(
        f"peak tree PSS {peak_pss / 1024:.0f} MiB at {at:.1f} s ({processes} processes); "
        f"peak summed RSS {peak_rss / 1024:.0f} MiB; wall {time.monotonic() - started:.1f} s; "
        f"exit status {process.returncode}",
        file=sys.stderr,
    )
    return process.returncode or 0


if __name__ == "__main__":
    sys.exit(main())
