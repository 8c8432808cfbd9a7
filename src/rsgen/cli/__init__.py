"""The `rsgen` command: parses options, calls the pipeline, turns problems into messages and
exit codes. Each command lives in `site_commands.py` or `publish_commands.py`; what they share
(options, reporting) in `options.py` and `reporting.py`.

Exit status: 0 success; 1 the site has errors (all printed as `PATH:LINE: message`), or a file
could not be read or written (`PATH: message`); 2 wrong usage; 128 + the signal's number when
SIGINT (130), SIGTERM (143) or SIGHUP (129) stopped a build (docs/safety.md).
"""

from __future__ import annotations

import importlib

import click

from rsgen import __version__
from rsgen.cli.site_commands import (
    build_command,
    check_command,
    init_command,
    new_command,
    related_command,
    schedule_command,
    serve_command,
)

# `import` and `deploy` bring BeautifulSoup, lxml and boto3 along (about 0.2 s to import):
# they are loaded when named, so that a build, a check or serve does not pay for them
LOADED_WHEN_NAMED = {
    "import": ("rsgen.cli.publish_commands", "import_group"),
    "deploy": ("rsgen.cli.publish_commands", "deploy_command"),
}


class Commands(click.Group):
    """rsgen's commands, some of them imported only when they are run or listed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LOADED_WHEN_NAMED})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in LOADED_WHEN_NAMED:
            return super().get_command(ctx, cmd_name)
        module, name = LOADED_WHEN_NAMED[cmd_name]
        command = getattr(importlib.import_module(module), name)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
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
):
    main.add_command(command)

__all__ = ["main"]
