"""The commands that work on a site's files: build, check, related, schedule, new, init, serve."""

from __future__ import annotations

import functools
import shlex
import sys
from pathlib import Path

import click
from rich.console import Console

from rsgen.base.clock import clock
from rsgen.base.interrupts import BuildSignals
from rsgen.build import BuildRequest, build, load_site
from rsgen.cli.options import SITE_ARG, common_build_options, now_option, site_and
from rsgen.cli.reporting import count, print_warnings, report_verification, reporting, summary_line
from rsgen.commands import (
    ask,
    check_site,
    create_site,
    explain_related,
    new_article,
    occupied,
    progress_bar,
    schedule,
    unpublished_hint,
    verify_build,
)
from rsgen.graph import BuildOptions
from rsgen.serve import serve


@click.command("build")
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
    print_warnings(console, result.warnings)
    for note in result.notes:
        console.print(f"note: {note}", highlight=False, markup=False, soft_wrap=True)
    # one line whatever the width (a pipe is 80 columns to rich), so logs can be searched
    console.print(summary_line(result), highlight=False, soft_wrap=True)
    if differences is not None:
        report_verification(differences)


@click.command("check")
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
    print_warnings(console, result.warnings)
    console.print(
        f"Checked {count(result.articles, 'article')}, {count(result.pages, 'page')}"
        f" ({result.rendered:,} rendered) and {count(result.links, 'link')}"
        f" in {result.seconds:.2f} s: no errors",
        highlight=False,
        soft_wrap=True,
    )


@click.command("related")
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


@click.command("schedule")
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
        found = schedule(site, BuildOptions(now=clock(now_option(now))), base_url)
    for line in found.lines():
        click.echo(line)
    if found.drafts:
        click.echo(
            f"({found.drafts} draft(s) dated later are not scheduled: "
            "they publish once draft: true is removed)",
            err=True,
        )


@click.command("new")
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


@click.command("init")
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


@click.command("serve")
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
    at = clock(now_option(now)) if now is not None else None
    with reporting(debug):
        serve(site, host, port, drafts=not no_drafts, now=at)
