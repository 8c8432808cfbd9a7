"""The repository's documents stand on their own: every link resolves inside the repository,
nothing points at files a clone does not have, and the reference names every key and option.
"""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from conftest import REPO
from rsgen.cli import main
from rsgen.content.parse import ARTICLE_FIELDS, LIVE_FIELDS
from rsgen.content.parse_pages import AUTHOR_FIELDS, PAGE_FIELDS, SERIES_FIELDS
from rsgen.settings.site_yaml import SITE_FIELDS

DOCUMENTS = sorted(
    [REPO / "README.md", REPO / "CHANGELOG.md", REPO / "CONTRIBUTING.md", *REPO.glob("docs/*.md")]
)
OUTSIDE = re.compile(r"\.\./shared|/work/")
LINK = re.compile(r"\]\(([^)\s]+)\)")
CODE = re.compile(r"^```.*?^```|`[^`\n]+`", re.M | re.S)
REFERENCE = (REPO / "docs/reference.md").read_text(encoding="utf-8")


def shipped_text_files() -> list[Path]:
    """README, docs/ and benchmarks/: every text file a reader of the repository follows."""
    files = [REPO / "README.md", *(REPO / "docs").rglob("*"), *(REPO / "benchmarks").rglob("*")]
    return [
        p
        for p in files
        if p.is_file() and p.suffix in (".md", ".py", ".json", ".sh", ".txt", ".toml", ".yaml")
    ]


@pytest.mark.parametrize("path", shipped_text_files(), ids=lambda p: p.relative_to(REPO).as_posix())
def test_nothing_points_outside_the_repository(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    found = [line for line in text.splitlines() if OUTSIDE.search(line)]
    assert found == [], found


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_relative_link_resolves(path: Path) -> None:
    text = CODE.sub("", path.read_text(encoding="utf-8"))  # examples in code are not links
    dead = []
    for target in LINK.findall(text):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue
        file = (path.parent / target.split("#", 1)[0]).resolve()
        if not file.exists() or REPO not in file.parents:
            dead.append(target)
    assert dead == []


@pytest.mark.parametrize(
    ("what", "keys"),
    [
        ("site.yaml", SITE_FIELDS),
        ("articles", ARTICLE_FIELDS),
        ("authors", AUTHOR_FIELDS),
        ("pages", PAGE_FIELDS),
        ("series", SERIES_FIELDS),
    ],
)
def test_the_reference_names_every_key(what: str, keys: dict[str, object]) -> None:
    missing = [key for key in keys if f"| `{key}` |" not in REFERENCE]
    assert missing == [], f"docs/reference.md does not describe these {what} keys"


def test_the_reference_names_the_live_keys() -> None:
    assert all(
        f"`{key}`" in REFERENCE.split("| `live` |", 1)[1].split("\n", 1)[0] for key in LIVE_FIELDS
    )


def test_the_reference_names_every_command_and_option() -> None:
    assert isinstance(main, click.Group)
    missing = []
    for name, command in main.commands.items():
        if f"rsgen {name}" not in REFERENCE:
            missing.append(name)
        for param in command.params:
            named = any(f"`{flag}" in REFERENCE for flag in getattr(param, "opts", ()))
            if isinstance(param, click.Option) and not param.hidden and not named:
                missing.append(f"{name} {param.opts[0]}")
    assert missing == []
