"""YAML documents that remember where each value came from, for `PATH:LINE` messages.

Loading uses PyYAML's C loader when present. Lines are worked out only when a message needs
one (composing the node tree again), so a clean build pays nothing for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # the C loader is ~10x faster; fall back where libyaml is missing
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]

Key = str | int


class YamlSyntaxError(Exception):
    """A YAML document that does not parse; `line` is 1-based within the file."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class YamlDoc:
    """A parsed YAML document, its text, and the file line its first line sits on."""

    data: Any
    text: str
    first_line: int = 1
    _root: yaml.Node | None = field(default=None, repr=False)

    def line_of(self, *keys: Key) -> int:
        """The file line of the value at `keys` (the deepest existing one when it is missing)."""
        if self._root is None:
            self._root = yaml.compose(self.text, Loader=SafeLoader)
        node = self._root
        line = node.start_mark.line if node is not None else 0
        for key in keys:
            node = _child(node, key)
            if node is None:
                break
            line = node.start_mark.line
        return self.first_line + line


def _child(node: yaml.Node | None, key: Key) -> yaml.Node | None:
    """The node under `key` in a mapping (its key node) or a sequence (the item)."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == key:
                # a scalar value sits on the key's line; a block value starts below it
                return key_node if not isinstance(value_node, yaml.CollectionNode) else value_node
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
    return None


def parse_yaml(text: str, first_line: int = 1) -> YamlDoc:
    """Parse one YAML document; raise YamlSyntaxError with the file line of the problem."""
    try:
        data = yaml.load(text, Loader=SafeLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = first_line + (mark.line if mark else 0)
        message = " ".join(str(part) for part in (err.context, err.problem) if part)
        raise YamlSyntaxError(line, f"YAML syntax error: {message}") from None
    except yaml.YAMLError as err:
        raise YamlSyntaxError(first_line, f"YAML error: {err}") from None
    return YamlDoc(data=data, text=text, first_line=first_line)
