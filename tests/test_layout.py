"""The package's layout: stage subpackages whose imports point one way, and no import circle.

Read from the source with `ast`, so the rules hold for every import line, including one
hidden inside a function. Lower layers never import higher ones; the commands at the top
never import each other; a stage is entered through its package's public face.
"""

from __future__ import annotations

import ast
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import rsgen
from rsgen.base import cache

PACKAGE = Path(rsgen.__file__).parent
# lowest first: a module may import its own layer and the layers before it
LAYERS: list[set[str]] = [
    {"rsgen", "base"},
    {"settings"},
    {"content"},
    {"graph"},
    {"render"},
    {"publish"},
    {"incremental"},
    {"build"},
    {"commands", "serve", "deploy", "importing"},
    {"cli"},
    {"__main__"},
]
# the stages others enter through their __init__ (base's modules stand on their own)
FACED = {"settings", "content", "graph", "render", "publish", "incremental", "serve", "commands"}


def modules() -> Iterator[tuple[str, Path]]:
    """Every module of the package by dotted name (a package by its name)."""
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        yield name, path


def rsgen_imports(path: Path) -> Iterator[tuple[str, int, bool]]:
    """(imported rsgen module, line, at module level) for every import of rsgen in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    # imports under `if TYPE_CHECKING:` at module level count as module-level
    for node in tree.body:
        if isinstance(node, ast.If):
            top.update(id(child) for child in ast.walk(node))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "rsgen" or node.module.startswith("rsgen."):
                yield node.module, node.lineno, id(node) in top
        elif isinstance(node, ast.ImportFrom) and node.level > 0:
            yield f"<relative {node.module}>", node.lineno, id(node) in top
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("rsgen"):
                    yield alias.name, node.lineno, id(node) in top


def unit(module: str) -> str:
    """The layer unit of a dotted module name: its subpackage, or the top-level module."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "rsgen"


def layer_of(name: str) -> int:
    for index, names in enumerate(LAYERS):
        if name in names:
            return index
    raise AssertionError(f"{name} belongs to no layer: add it to LAYERS in {__file__}")


ALL = dict(modules())


def test_every_subpackage_and_top_module_has_a_layer() -> None:
    for name in ALL:
        layer_of(unit(name))


@pytest.mark.parametrize("name", sorted(ALL))
def test_imports_point_down(name: str) -> None:
    mine = unit(name)
    for imported, line, _ in rsgen_imports(ALL[name]):
        assert not imported.startswith("<relative"), f"{name}:{line}: use an absolute import"
        theirs = unit(imported)
        if theirs == mine or theirs == "rsgen":
            continue
        assert layer_of(theirs) < layer_of(mine), (
            f"{name}:{line} imports {imported}: layer {mine} may not import {theirs}"
        )


@pytest.mark.parametrize("name", sorted(ALL))
def test_no_import_inside_a_function(name: str) -> None:
    for imported, line, at_top in rsgen_imports(ALL[name]):
        assert at_top, f"{name}:{line} imports {imported} inside a function"


@pytest.mark.parametrize("name", sorted(ALL))
def test_other_stages_are_entered_through_their_face(name: str) -> None:
    mine = unit(name)
    for imported, line, _ in rsgen_imports(ALL[name]):
        theirs = unit(imported)
        if theirs != mine and theirs in FACED:
            assert imported == f"rsgen.{theirs}", (
                f"{name}:{line} imports {imported}: import from rsgen.{theirs} instead"
            )


def import_graph() -> dict[str, set[str]]:
    """Module → the modules it imports (a package's face imports its modules)."""
    graph: dict[str, set[str]] = {name: set() for name in ALL}
    for name, path in ALL.items():
        for imported, _, _ in rsgen_imports(path):
            if imported in ALL and imported != name:
                graph[name].add(imported)
            # `from rsgen.pkg import x` also loads rsgen (the top package): not a real edge
        graph[name].discard("rsgen")
    return graph


def test_no_import_circle() -> None:
    graph = import_graph()
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                circle = [*path[path.index(nxt) :], nxt]
                raise AssertionError("import circle: " + " → ".join(circle))
            if nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)


def test_small_modules_and_a_short_top_level() -> None:
    top = [p.name for p in PACKAGE.glob("*.py")]
    assert len(top) <= 8, f"{len(top)} modules at the top of the package: {sorted(top)}"
    for name, path in ALL.items():
        lines = path.read_text(encoding="utf-8").count("\n")
        assert lines <= 600, f"{name} has {lines} lines"


def test_cache_stamp_covers_every_subpackage() -> None:
    """A changed module anywhere in the package must invalidate the cache (records would
    unpickle into another shape otherwise)."""
    cache.cache_stamp.cache_clear()
    before = cache.cache_stamp()
    deep = PACKAGE / "render" / "views.py"
    stat = deep.stat()
    try:
        os.utime(deep, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        cache.cache_stamp.cache_clear()
        assert cache.cache_stamp() != before
    finally:
        os.utime(deep, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        cache.cache_stamp.cache_clear()
    assert cache.cache_stamp() == before
