"""Whole-process timing for the build benchmarks: wall clock and peak RSS from `os.wait4`.

A case is timed as whole processes, the way a user or CI meets it: start, wait, read the wall
clock around it and the kernel's resource usage of the finished process. `ru_maxrss` from
`wait4` is the largest resident set of the process and of every child it waited for (rsgen's
worker processes, the Pagefind binary), so one number covers the whole build. A child's
high-water mark starts at its parent's at fork, so no peak reads below this script's own
(about 11 MiB); nothing heavy is imported here for that reason.

Output of the timed process goes to a log file, not the terminal: it is shown when the
process fails, and read back when a case needs a figure the tool prints (Pagefind's page
count).
"""

from __future__ import annotations

import os
import shlex
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Run:
    """One timed process (or several run one after the other, as `then` adds them)."""

    wall_s: float
    peak_mib: float

    def then(self, other: Run) -> Run:
        """This run followed by `other`: the times add up, the peak is the larger one."""
        return Run(self.wall_s + other.wall_s, max(self.peak_mib, other.peak_mib))


class ProcessFailed(SystemExit):
    pass


def timed(
    command: Sequence[str], *, env: dict[str, str] | None = None, log: Path | None = None
) -> Run:
    """Run `command` to its end; its wall time and peak RSS. Its output goes to `log`."""
    with open(log, "wb") if log else tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        process = subprocess.Popen(
            list(command), env=env, stdin=subprocess.DEVNULL, stdout=output, stderr=output
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            output.flush()
            output.seek(0)
            tail = output.read()[-3000:].decode(errors="replace")
            raise ProcessFailed(f"failed: {shlex.join(command)}\n{tail}")
    return Run(wall, usage.ru_maxrss / 1024)


@dataclass(frozen=True)
class Figures:
    """What the tables show of one case: wall time median, min and max, the largest peak.

    `html_written` and `html_total` (rsgen only) are, per run, the HTML files the build wrote
    (from `--manifest`) and the HTML files in its output; `parts` names the medians of the
    processes a combined case ran one after the other (Hugo, then Pagefind).
    """

    median_s: float
    min_s: float
    max_s: float
    peak_mib: float
    runs_s: tuple[float, ...]
    html_written: tuple[int, ...] = ()
    html_total: tuple[int, ...] = ()
    parts: tuple[tuple[str, float], ...] = ()

    @classmethod
    def of(cls, runs: Sequence[Run], **extra: Any) -> Figures:
        walls = tuple(run.wall_s for run in runs)
        return cls(
            median_s=statistics.median(walls),
            min_s=min(walls),
            max_s=max(walls),
            peak_mib=max(run.peak_mib for run in runs),
            runs_s=walls,
            **extra,
        )

    @property
    def rewritten(self) -> float | None:
        """The largest share of HTML files one run wrote, or None where it was not counted."""
        shares = [w / t for w, t in zip(self.html_written, self.html_total, strict=True) if t]
        return max(shares) if shares else None

    def to_json(self) -> dict[str, Any]:
        data = {key: value for key, value in asdict(self).items() if value != ()}
        if "parts" in data:
            data["parts"] = dict(self.parts)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Figures:
        known = {field.name for field in fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        for key in ("runs_s", "html_written", "html_total"):
            values[key] = tuple(values.get(key, ()))
        values["parts"] = tuple(dict(values.get("parts", {})).items())
        return cls(**values)


def fresh_dir(base: Path) -> Path:
    """A new empty `run.*` folder under `base`; earlier ones are removed first (untimed)."""
    base.mkdir(parents=True, exist_ok=True)
    for old in base.glob("run.*"):
        shutil.rmtree(old, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix="run.", dir=base))


def report(n: int, label: str, case: Figures) -> None:
    """One progress line while the benchmark runs."""
    share = "" if case.rewritten is None else f", {case.rewritten:.1%} of HTML files written"
    print(
        f"N={n} {label}: median {case.median_s:.2f} s (min {case.min_s:.2f},"
        f" max {case.max_s:.2f}), peak {case.peak_mib:.0f} MiB{share}",
        flush=True,
    )
