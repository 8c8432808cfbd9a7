"""The `rsgen` command: parses options, calls the pipeline, turns problems into messages and
exit codes. Each command lives in `site_commands.py` or `publish_commands.py`; what they share
(options, reporting) in `options.py` and `reporting.py`.

Exit status: 0 success; 1 the site has errors (all printed as `PATH:LINE: message`), or a file
could not be read or written (`PATH: message`); 2 wrong usage; 128 + the signal's number when
SIGINT (130), SIGTERM (143) or SIGHUP (129) stopped a build (docs/safety.md).
"""

from __future__ import annotations

import click

from rsgen import __version__
from rsgen.cli.publish_commands import deploy_command, import_group
from rsgen.cli.site_commands import (
    build_command,
    check_command,
    init_command,
    new_command,
    related_command,
    schedule_command,
    serve_command,
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="rsgen")
def main() -> None:
    """rsgen builds a news outlet's static site from Markdown articles."""


for command in (
    build_command,
    check_command,
    related_command,
    schedule_command,
    new_command,
    init_command,
    serve_command,
    import_group,
    deploy_command,
):
    main.add_command(command)

__all__ = ["main"]
