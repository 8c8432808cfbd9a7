"""How the commands speak: problems as `PATH:LINE: message`, summaries, exit statuses."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console

from rsgen.base.errors import InternalError, Problem, SiteError, system_error_line
from rsgen.base.interrupts import Interrupted
from rsgen.build import BuildResult
from rsgen.commands import clock_text


@contextmanager
def reporting(debug: bool) -> Iterator[None]:
    """Turn problems into `PATH:LINE: message` lines and exit 1; never a traceback unless --debug."""
    try:
        yield
    except SiteError as err:
        for problem in err.problems:
            click.echo(problem.format(), err=True)
        errors = sum(1 for p in err.problems if not p.warning)
        click.echo(f"{errors or len(err.problems)} problem(s); nothing was written.", err=True)
        sys.exit(1)
    except KeyboardInterrupt as err:  # Ctrl-C, SIGTERM, SIGHUP (rsgen.base.interrupts)
        stop = err if isinstance(err, Interrupted) else Interrupted()
        click.echo(stop.message, err=True)
        sys.exit(stop.exit_status)
    except (click.ClickException, click.exceptions.Exit, SystemExit):
        raise
    except OSError as err:  # a full disk, a name too long, a folder one may not write to
        click.echo(system_error_line(err), err=True)
        sys.exit(1)
    except Exception as err:
        if debug:
            traceback.print_exc()
        message = f" {err}" if isinstance(err, InternalError) else f": {type(err).__name__}: {err}"
        click.echo(f"internal error{message}", err=True)
        if not debug:
            click.echo(
                "rerun with --debug to see the traceback, and report it with the file named above",
                err=True,
            )
        sys.exit(1)


def report_verification(differences: list[str]) -> None:
    """What `--verify` found; exit 1 when the output differs from a clean build."""
    if differences:
        for line in differences[:50]:
            click.echo(f"verify: {line}", err=True)
        click.echo(
            f"verify: the incremental output differs from a clean build in {len(differences)} file(s)",
            err=True,
        )
        sys.exit(1)
    click.echo("verify: the output is byte-identical to a clean build", err=True)


def print_warnings(console: Console, warnings: tuple[Problem, ...]) -> None:
    """Each warning on one line."""
    for warning in warnings:
        # one line per warning whatever the terminal width, so CI logs can be searched
        console.print(warning.format(), highlight=False, markup=False, soft_wrap=True)


def count(number: int, thing: str) -> str:
    """`1 article`, `2 articles`."""
    return f"{number:,} {thing}{'' if number == 1 else 's'}"


def shown(path: Path) -> str:
    """A folder as the user knows it: relative to where they are, when it is below it."""
    try:
        return f"{path.resolve().relative_to(Path.cwd())}/"
    except ValueError:
        return f"{path}/"


def summary_line(result: BuildResult) -> str:
    """One line: pages rendered and unchanged, files written and deleted, seconds; then when
    the clock next changes the site (an article comes due, a pin or the banner ends), so
    that CI can time its next build."""
    report = result.report
    line = (
        f"{result.pages:,} pages in {shown(result.output)}: {result.rendered:,} rendered, "
        f"{result.pages - result.rendered:,} unchanged; {len(report.written):,} files written, "
        f"{len(report.deleted):,} deleted; {result.seconds:.2f} s"
    )
    if result.next_scheduled is not None:
        line += f"; next scheduled: {clock_text(result.next_scheduled)}"
    if result.next_expiry is not None:
        line += f"; next expiry: {clock_text(result.next_expiry)}"
    return line
