"""Errors a user sees: each names a file and line, says what is wrong, and may carry a hint."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in the site's files, located by path (relative to the site) and line."""

    path: str
    line: int
    message: str
    hint: str = ""
    warning: bool = field(default=False, compare=False)

    def format(self) -> str:
        """Render as `PATH:LINE: message` (plus the hint, in parentheses)."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        label = "warning: " if self.warning else ""
        text = f"{where}: {label}{self.message}"
        return one_line(f"{text} ({self.hint})" if self.hint else text)


def one_line(text: str) -> str:
    """`text` with line breaks and other invisible characters escaped, so a problem is one line."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class SiteError(Exception):
    """The site has problems that stop the build; carries all of them, sorted."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(p.format() for p in self.problems))

    def __reduce__(self) -> tuple[type, tuple[list[Problem]]]:
        return (SiteError, (self.problems,))  # so a worker process can send it back


class Problems:
    """Collects problems across a stage so the user sees every one of them at once."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def error(self, path: str, line: int, message: str, hint: str = "") -> None:
        """Record an error that fails the build."""
        self.items.append(Problem(path, line, message, hint))

    def warn(self, path: str, line: int, message: str, hint: str = "") -> None:
        """Record a warning, which fails the build only with --strict."""
        self.items.append(Problem(path, line, message, hint, warning=True))

    def extend(self, problems: Iterable[Problem]) -> None:
        """Take problems found elsewhere."""
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return sorted(p for p in self.items if not p.warning)

    @property
    def warnings(self) -> list[Problem]:
        return sorted(p for p in self.items if p.warning)

    def raise_if_errors(self, strict: bool = False) -> None:
        """Stop here when anything (or, with `strict`, even a warning) was found."""
        failing = self.items if strict else self.errors
        if failing:
            raise SiteError(failing)


# one file's problems shown at most; the rest are counted (a pasted export can make thousands)
MAX_PROBLEMS_PER_FILE = 50


def capped(problems: Iterable[Problem], limit: int = MAX_PROBLEMS_PER_FILE) -> list[Problem]:
    """Each file's first `limit` problems (by line), and a line counting the rest."""
    by_file: dict[str, list[Problem]] = {}
    for problem in sorted(problems):
        by_file.setdefault(problem.path, []).append(problem)
    kept: list[Problem] = []
    for path, found in by_file.items():
        kept += found[:limit]
        if len(found) > limit:
            rest = found[limit:]
            warning = all(p.warning for p in rest)
            kept.append(
                Problem(
                    path, rest[0].line, f"and {len(rest):,} more problems in this file", "", warning
                )
            )
    return kept


def did_you_mean(value: object, choices: Iterable[str]) -> str:
    """A hint naming the closest valid choice, or "" when nothing is close."""
    close = difflib.get_close_matches(str(value), list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def relative(path: Path, root: Path) -> str:
    """`path` as the user knows it: relative to the site folder, with forward slashes."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def system_error_line(err: OSError) -> str:
    """`PATH: message` for a file the system would not read or write (a full disk, a name
    too long, a folder one may not write to): the user's to fix, not a bug."""
    where = err.filename if err.filename is not None else "rsgen"
    return f"{where}: {err.strerror or err}"


class InternalError(Exception):
    """An unexpected failure while processing one file: a bug in rsgen, not in the site."""

    def __init__(self, source: str, cause: BaseException) -> None:
        super().__init__(f"while processing {source}: {type(cause).__name__}: {cause}")
        self.source = source
        self.cause = cause

    def __reduce__(self) -> tuple[type, tuple[str, BaseException]]:
        # the cause may not pickle: a worker process sends its text back instead
        return (
            InternalError,
            (self.source, RuntimeError(f"{type(self.cause).__name__}: {self.cause}")),
        )
