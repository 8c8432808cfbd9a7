"""The commands that move a site in or out: import from WordPress, deploy to hosting."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console

from rsgen.cli.options import SITE_ARG
from rsgen.cli.reporting import reporting
from rsgen.commands import one_phase, progress_bar
from rsgen.deploy import (
    DeployFailure,
    DeployRequest,
    DeployResult,
    RollbackResult,
    UnknownTarget,
    deploy,
    rollback,
)
from rsgen.importing import ImportRequest, import_wordpress


@click.group("import")
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


@click.command("deploy")
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
