"""Debian's Chromium and the flags every tool here launches it with (tests, benchmarks, the
README screenshots): headless, as root, and never reaching out to the network by itself
(../shared/TOOLS.md)."""

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
