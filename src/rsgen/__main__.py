"""`python -m rsgen`: the same as the `rsgen` command."""

from rsgen.cli import main

main()
