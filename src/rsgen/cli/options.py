"""Options and arguments the commands share: the site folder, the clock, the base URL."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path

import click

from rsgen.base.clock import clock
from rsgen.graph import BuildOptions
from rsgen.settings import base_url_problem

SITE_ARG = click.argument(
    "site", required=False, default=".", type=click.Path(file_okay=False, path_type=Path)
)


def site_and(what: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """`[SITE] WHAT`: two words are the site folder and WHAT; one word is WHAT, in the current
    folder. So `rsgen new "Title"` typed inside a site works, and so does `rsgen new SITE "Title"`.
    """

    def decorate(func: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(func)
        def with_site(*args: object, words: tuple[str, ...], **kwargs: object) -> None:
            if len(words) not in (1, 2):
                raise click.UsageError(
                    f"give {what}, or the site folder and {what} (got {len(words)} words; "
                    "quote a title that has spaces)"
                )
            site = Path(words[0]) if len(words) == 2 else Path(".")
            func(*args, site=site, **{what.lower(): words[-1]}, **kwargs)

        return click.argument("words", nargs=-1, required=True, metavar=f"[SITE] {what}")(with_site)

    return decorate


def now_option(value: str | None) -> dt.datetime | None:
    """--now as a datetime (None when not given); a usage error when it is not ISO 8601."""
    if value is None:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not an ISO date or datetime") from None


def base_url_option(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """--base-url checked like site.yaml's base_url (a wrong one is a usage error)."""
    problem = base_url_problem(value) if value else ""
    if problem:
        raise click.BadParameter(problem)
    return value


def common_build_options(func: Callable[..., None]) -> Callable[..., None]:
    """The options every site command shares; --drafts, --future and --now arrive as `options`."""

    @functools.wraps(func)
    def with_options(
        *args: object, drafts: bool, future: bool, now: str | None, **kwargs: object
    ) -> None:
        options = BuildOptions(now=clock(now_option(now)), drafts=drafts, future=future)
        func(*args, options=options, **kwargs)

    for option in reversed(
        [
            click.option("--drafts", is_flag=True, help="Include articles marked draft: true."),
            click.option(
                "--future", is_flag=True, help="Include articles dated after the build clock."
            ),
            click.option(
                "--base-url",
                default="",
                callback=base_url_option,
                help="Publish at this address instead of site.yaml's base_url.",
            ),
            click.option(
                "--now",
                "now",
                default=None,
                help="The build clock (ISO date-time); default SOURCE_DATE_EPOCH or now.",
            ),
            click.option("--strict", is_flag=True, help="Treat warnings as errors."),
            click.option("--debug", is_flag=True, help="Show the traceback of internal errors."),
        ]
    ):
        with_options = option(with_options)
    return with_options
