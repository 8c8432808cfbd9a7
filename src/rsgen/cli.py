"""The `rsgen` command: parses options, calls the build, turns problems into messages and exit codes.

Exit status: 0 success; 1 the site has errors (all printed as `PATH:LINE: message`), or a file
could not be read or written (`PATH: message`); 2 wrong usage; 128 + the signal's number when
SIGINT (130), SIGTERM (143) or SIGHUP (129) stopped a build (docs/safety.md).
"""

from __future__ import annotations

import datetime as dt
import functools
import shlex
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console

from rsgen import __version__
from rsgen.base.clock import clock
from rsgen.base.errors import InternalError, Problem, SiteError, system_error_line
from rsgen.base.interrupts import BuildSignals, Interrupted
from rsgen.build import BuildRequest, BuildResult, build, load_site
from rsgen.commands import (
    ask,
    check_site,
    clock_text,
    create_site,
    explain_related,
    new_article,
    occupied,
    one_phase,
    progress_bar,
    schedule,
    unpublished_hint,
    verify_build,
)
from rsgen.deploy import (
    DeployFailure,
    DeployRequest,
    DeployResult,
    RollbackResult,
    UnknownTarget,
    deploy,
    rollback,
)
from rsgen.graph import BuildOptions
from rsgen.importing import ImportRequest, import_wordpress
from rsgen.serve import serve
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


def _now_option(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not an ISO date or datetime") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="rsgen")
def main() -> None:
    """rsgen builds a news outlet's static site from Markdown articles."""


def _base_url_option(ctx: click.Context, param: click.Parameter, value: str) -> str:
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
        options = BuildOptions(now=clock(_now_option(now)), drafts=drafts, future=future)
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
                callback=_base_url_option,
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


@main.command("build")
@SITE_ARG
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Output folder (default: SITE/public).",
)
@common_build_options
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: the number of cores).",
)
@click.option(
    "--clean", is_flag=True, help="Ignore the cache and previous output; render everything."
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.option(
    "--explain-related",
    "explain",
    metavar="SLUG",
    default=None,
    help="Print why each keep-reading teaser of SLUG was chosen, then stop.",
)
@click.option(
    "--manifest",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the output paths written, unchanged and deleted to this JSON file.",
)
@click.option(
    "--no-search", is_flag=True, help="Build without the search index (faster; for previews)."
)
@click.option(
    "--verify", is_flag=True, help="Then build from scratch elsewhere; fail if the two differ."
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace the files of an output folder that rsgen did not make (see docs/safety.md).",
)
def build_command(
    site: Path,
    output: Path | None,
    options: BuildOptions,
    base_url: str,
    strict: bool,
    debug: bool,
    jobs: int | None,
    clean: bool,
    quiet: bool,
    explain: str | None,
    manifest: Path | None,
    no_search: bool,
    verify: bool,
    force: bool,
) -> None:
    """Build the site into the output folder (default: public/)."""
    if explain is not None:
        with reporting(debug):
            _explain(site, options, base_url, explain)
        return
    request = BuildRequest(
        site=site,
        output=output or site / "public",
        options=options,
        base_url=base_url,
        strict=strict,
        clean=clean,
        jobs=jobs or 0,
        search=not no_search,
        manifest=manifest,
        force=force,
    )
    console = Console(stderr=True, quiet=quiet)
    signals = BuildSignals()
    with reporting(debug), signals.active(), progress_bar(console, quiet) as progress:
        notice = functools.partial(console.print, highlight=False, markup=False)
        result = build(request, progress, signals=signals, notice=notice)
        differences = verify_build(request, signals) if verify else None
    _print_warnings(console, result.warnings)
    for note in result.notes:
        console.print(f"note: {note}", highlight=False, markup=False, soft_wrap=True)
    # one line whatever the width (a pipe is 80 columns to rich), so logs can be searched
    console.print(summary_line(result), highlight=False, soft_wrap=True)
    if differences is not None:
        _report_verification(differences)


def summary_line(result: BuildResult) -> str:
    """One line: pages rendered and unchanged, files written and deleted, seconds; then when
    the clock next changes the site (an article comes due, a pin or the banner ends), so
    that CI can time its next build."""
    report = result.report
    line = (
        f"{result.pages:,} pages in {_shown(result.output)}: {result.rendered:,} rendered, "
        f"{result.pages - result.rendered:,} unchanged; {len(report.written):,} files written, "
        f"{len(report.deleted):,} deleted; {result.seconds:.2f} s"
    )
    if result.next_scheduled is not None:
        line += f"; next scheduled: {clock_text(result.next_scheduled)}"
    if result.next_expiry is not None:
        line += f"; next expiry: {clock_text(result.next_expiry)}"
    return line


@main.command("check")
@SITE_ARG
@common_build_options
def check_command(
    site: Path,
    options: BuildOptions,
    base_url: str,
    strict: bool,
    debug: bool,
) -> None:
    """Validate settings, content and templates; write nothing."""
    console = Console(stderr=True)
    with reporting(debug):
        result = check_site(site, options, base_url, strict)
    _print_warnings(console, result.warnings)
    console.print(
        f"Checked {_count(result.articles, 'article')}, {_count(result.pages, 'page')}"
        f" ({result.rendered:,} rendered) and {_count(result.links, 'link')}"
        f" in {result.seconds:.2f} s: no errors",
        highlight=False,
        soft_wrap=True,
    )


@main.command("related")
@site_and("SLUG")
@common_build_options
def related_command(
    site: Path,
    slug: str,
    options: BuildOptions,
    base_url: str,
    strict: bool,
    debug: bool,
) -> None:
    """Print the keep-reading teasers of the article SLUG and why each was chosen."""
    with reporting(debug):
        _explain(site, options, base_url, slug)


def _explain(site: Path, options: BuildOptions, base_url: str, slug: str) -> None:
    loaded = load_site(site, options, base_url)
    explained = explain_related(loaded.graph, slug)
    if explained is None:
        hint = unpublished_hint(loaded.content.articles, slug)
        click.echo(f"no published article has the slug '{slug}'{hint}", err=True)
        sys.exit(1)
    click.echo(explained)


@main.command("schedule")
@SITE_ARG
@click.option(
    "--now",
    "now",
    default=None,
    help="The build clock (ISO date-time); default SOURCE_DATE_EPOCH or now.",
)
@click.option("--base-url", default="", help="Show URLs at this address instead of base_url.")
@click.option("--debug", is_flag=True, help="Show the traceback of internal errors.")
def schedule_command(site: Path, now: str | None, base_url: str, debug: bool) -> None:
    """List the articles dated after the build clock: time, URL, title, soonest first."""
    with reporting(debug):
        found = schedule(site, BuildOptions(now=clock(_now_option(now))), base_url)
    for line in found.lines():
        click.echo(line)
    if found.drafts:
        click.echo(
            f"({found.drafts} draft(s) dated later are not scheduled: "
            "they publish once draft: true is removed)",
            err=True,
        )


@main.command("new")
@site_and("TITLE")
@click.option("--section", required=True, help="Section key from site.yaml.")
@click.option(
    "--author", "authors", multiple=True, required=True, help="Author key (repeat for more)."
)
@click.option("--kind", default=None, help="Kind key from site.yaml (default: default_kind).")
@click.option("--debug", is_flag=True, hidden=True)
def new_command(
    site: Path, title: str, section: str, authors: tuple[str, ...], kind: str | None, debug: bool
) -> None:
    """Write a new draft article with its front matter and print its path."""
    with reporting(debug):
        path = new_article(site, title, section, list(authors), kind, clock())
    click.echo(path)


@main.command("init")
@click.argument(
    "folder",
    metavar="[DIR]",
    required=False,
    default=".",
    type=click.Path(path_type=Path),
)
@click.option("--title", default=None, help="The outlet's name (default: the folder's name).")
@click.option(
    "--base-url", default=None, help="The address it is published at (https://example.org/)."
)
@click.option(
    "--section",
    "sections",
    multiple=True,
    metavar="TITLE",
    help="A section's title (repeat for more; default: World, Politics, Economy).",
)
@click.option("--force", is_flag=True, help="Write into a folder that is not empty.")
def init_command(
    folder: Path, title: str | None, base_url: str | None, sections: tuple[str, ...], force: bool
) -> None:
    """Create a working site in DIR (default: here): settings, an author, a welcome article.

    On a terminal it asks for what the options leave out; otherwise it takes the defaults.
    """
    found = occupied(folder)
    if found and not force:
        shown = ", ".join(found[:5]) + (", …" if len(found) > 5 else "")
        raise click.UsageError(
            f"{folder} is not empty ({shown}): choose a new folder, or add --force "
            "to write the new site's files over what is there"
        )
    answers = ask(folder, title, base_url, sections, interactive=sys.stdin.isatty())
    written = create_site(folder, answers, clock())
    keys = ", ".join(f"/{s.key}/" for s in answers.sections)
    click.echo(f"Created {answers.title} in {folder}/ ({len(written)} files; sections {keys}).")
    go = "" if folder.resolve() == Path.cwd().resolve() else f"cd {shlex.quote(str(folder))} && "
    click.echo(f"Preview it with: {go}rsgen serve")


@main.command("serve")
@SITE_ARG
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port (0: any free port).",
)
@click.option(
    "--no-drafts", is_flag=True, help="Leave out drafts and future articles, as a build does."
)
@click.option(
    "--now",
    "now",
    default=None,
    help="Preview the site as at this time (ISO date-time): articles dated after it left out, "
    "pins and banner as they will stand then.",
)
@click.option("--debug", is_flag=True, help="Show the traceback of internal errors.")
def serve_command(
    site: Path, host: str, port: int, no_drafts: bool, now: str | None, debug: bool
) -> None:
    """Build, serve on http://HOST:PORT/, rebuild on every change and reload open pages."""
    at = clock(_now_option(now)) if now is not None else None
    with reporting(debug):
        serve(site, host, port, drafts=not no_drafts, now=at)


@main.group("import")
def import_group() -> None:
    """Turn another system's export into this site's content."""


@import_group.command("wordpress")
@click.argument("export", type=click.Path(dir_okay=False, path_type=Path))
@SITE_ARG
@click.option(
    "--sections",
    "sections_map",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="YAML map of category slugs to section keys.",
)
@click.option(
    "--media",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The export's uploads folder (wp-content/uploads): photos are copied from it.",
)
@click.option("--force", is_flag=True, help="Overwrite files edited since the last import.")
@click.option("--debug", is_flag=True, hidden=True)
def import_wordpress_command(
    export: Path,
    site: Path,
    sections_map: Path | None,
    media: Path | None,
    force: bool,
    debug: bool,
) -> None:
    """Write articles, pages and authors from a WordPress export (WXR) into SITE."""
    request = ImportRequest(export, site, sections_map, media, force, str(export))
    with reporting(debug):
        result = import_wordpress(request)
    for line in [*result.lines, *result.summary]:
        click.echo(line)


@main.command("deploy")
@SITE_ARG
@click.option(
    "--target",
    "target",
    metavar="NAME",
    default=None,
    help="A target of site.yaml's deploy: (default: the first).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="The built output to publish (default: SITE/public).",
)
@click.option(
    "--dry-run", is_flag=True, help="Print the plan (+ new, ~ changed, - deleted); change nothing."
)
@click.option(
    "--max-deletes",
    type=click.IntRange(min=0),
    default=None,
    help="Refuse a deploy that deletes more files (default: deploy.max_deletes, 256).",
)
@click.option(
    "--allow-removed",
    is_flag=True,
    help="Let an article URL go without an alias (a retracted article).",
)
@click.option(
    "--purge-list",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the URL paths uploaded or deleted to this JSON file, for a CDN.",
)
@click.option(
    "--rollback", "roll_back", is_flag=True, help="Serve a file:// target's previous release again."
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.option("--debug", is_flag=True, help="Show the traceback of internal errors.")
def deploy_command(
    site: Path,
    target: str | None,
    output: Path | None,
    dry_run: bool,
    max_deletes: int | None,
    allow_removed: bool,
    purge_list: Path | None,
    roll_back: bool,
    quiet: bool,
    debug: bool,
) -> None:
    """Publish the built output to a target of site.yaml, uploading only what changed."""
    request = DeployRequest(site, output, target, dry_run, max_deletes, allow_removed, purge_list)
    console = Console(stderr=True, quiet=quiet)
    with reporting(debug):
        try:
            if roll_back:
                done: DeployResult | RollbackResult = rollback(request)
            else:
                with progress_bar(console, quiet, "uploading") as progress:
                    done = deploy(request, one_phase(progress, "uploading"))
        except UnknownTarget as err:
            raise click.UsageError(str(err)) from None
        except DeployFailure as err:
            if err.plan is not None and dry_run:
                click.echo("\n".join(err.plan.lines()))
            click.echo(str(err), err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("Interrupted; the next deploy completes what this one began.", err=True)
            sys.exit(130)
    if isinstance(done, DeployResult) and done.dry_run and done.plan.lines():
        click.echo("\n".join(done.plan.lines()))
    for note in done.notes:
        console.print(note, highlight=False, soft_wrap=True)
    console.print(done.summary(), highlight=False, soft_wrap=True)
    if done.cdn_error:
        click.echo(done.cdn_error, err=True)
        sys.exit(1)


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


def _report_verification(differences: list[str]) -> None:
    if differences:
        for line in differences[:50]:
            click.echo(f"verify: {line}", err=True)
        click.echo(
            f"verify: the incremental output differs from a clean build in {len(differences)} file(s)",
            err=True,
        )
        sys.exit(1)
    click.echo("verify: the output is byte-identical to a clean build", err=True)


def _print_warnings(console: Console, warnings: tuple[Problem, ...]) -> None:
    for warning in warnings:
        # one line per warning whatever the terminal width, so CI logs can be searched
        console.print(warning.format(), highlight=False, markup=False, soft_wrap=True)


def _count(number: int, thing: str) -> str:
    return f"{number:,} {thing}{'' if number == 1 else 's'}"


def _shown(path: Path) -> str:
    try:
        return f"{path.resolve().relative_to(Path.cwd())}/"
    except ValueError:
        return f"{path}/"
