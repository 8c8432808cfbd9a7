"""`python -m rsgen`: the same as the `rsgen` command."""

from .cli import main

main()
