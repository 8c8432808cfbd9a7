"""YAML documents that remember where each value came from, for `PATH:LINE` messages.

Loading uses PyYAML's C loader when present. Lines are worked out only when a message needs
one (composing the node tree again), so a clean build pays nothing for them.

Lines are counted from the character index of a YAML mark, not from the mark's own line
number: YAML also breaks lines at U+0085, U+2028 and U+2029 (pasted from word processors),
which editors do not show as new lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from rsgen.base.located import DocumentSyntaxError, Key

try:  # the C loader is ~10x faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MERGE_TAG = "tag:yaml.org,2002:merge"
# what a value of each implicit or explicit tag was meant to be, for messages
TAG_NAMES = {
    "tag:yaml.org,2002:timestamp": "date",
    "tag:yaml.org,2002:int": "whole number",
    "tag:yaml.org,2002:float": "number",
}
# contexts in which the mistake is where the context opens: an unclosed quote or bracket
UNCLOSED = ("quoted scalar", "flow sequence", "flow mapping")
# plain-words advice for the syntax errors editors make most
HINTS = {
    "mapping values are not allowed": "put quotes around a value that contains ': '",
    "cannot start any token": "indent with spaces, not tabs, and quote values starting with @ or `",
    "tab character": "indent with spaces, not tabs",
    "found unknown escape character": "in double quotes write a backslash as \\\\",
    "found undefined alias": "quote values that start with '*'",
    "found undefined tag handle": "quote values that start with '!'",
}


class DuplicateKeyError(yaml.MarkedYAMLError):
    """A mapping that gives one key twice; YAML would silently keep the last value."""


class SafeLoader(_BaseLoader):
    """The safe loader, refusing mappings that repeat a key."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[str, yaml.Mark] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == MERGE_TAG:
                continue
            if key_node.value in seen:
                raise DuplicateKeyError(
                    context=f"key '{key_node.value}'",
                    context_mark=seen[key_node.value],
                    problem="is given twice",
                    problem_mark=key_node.start_mark,
                )
            seen[key_node.value] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)


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
        mark = node.start_mark if node is not None else None
        for key in keys:
            node = _child(node, key)
            if node is None:
                break
            mark = node.start_mark
        return file_line(self.text, self.first_line, mark)


def file_line(text: str, first_line: int, mark: yaml.Mark | None) -> int:
    """The file line of a YAML mark: `first_line` plus the newlines before it in `text`."""
    if mark is None:
        return first_line
    end = min(mark.index, len(text.rstrip("\n")))
    return first_line + text.count("\n", 0, max(end, 0))


def _child(node: yaml.Node | None, key: Key) -> yaml.Node | None:
    """The node under `key` in a mapping (its key node) or a sequence (the item)."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == key or key_node.value == str(key):
                # a scalar value sits on the key's line; a block value starts below it
                return key_node if not isinstance(value_node, yaml.CollectionNode) else value_node
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        item: yaml.Node = node.value[key]
        return item
    return None


def parse_yaml(text: str, first_line: int = 1) -> YamlDoc:
    """Parse one YAML document; raise DocumentSyntaxError with the file line of the problem."""
    try:
        data = yaml.load(text, Loader=SafeLoader)
    except DuplicateKeyError as err:
        first = file_line(text, first_line, err.context_mark)
        raise DocumentSyntaxError(
            file_line(text, first_line, err.problem_mark),
            f"{err.context} is given twice (first on line {first})",
            "keep one of them",
        ) from None
    except yaml.MarkedYAMLError as err:
        raise _syntax_error(err, text, first_line) from None
    except yaml.reader.ReaderError as err:  # a control character pasted into the text
        raise DocumentSyntaxError(
            first_line + text.count("\n", 0, err.position),
            f"the character {_codepoint(err.character)} is not allowed in YAML ({err.reason})",
            "delete it: it was probably pasted in with the text",
        ) from None
    except yaml.YAMLError as err:
        raise DocumentSyntaxError(first_line, f"YAML error: {err}") from None
    except Exception as err:  # a value the constructor cannot make: 2026-02-30, a 5000-digit int
        raise _value_error(err, text, first_line) from None
    return YamlDoc(data=data, text=text, first_line=first_line)


def _syntax_error(err: yaml.MarkedYAMLError, text: str, first_line: int) -> DocumentSyntaxError:
    """A parser or scanner error at the line of the problem.

    An unclosed quote or bracket is noticed lines later; it is reported where it opens.
    """
    problem = str(err.problem or "this is not valid YAML")
    context = str(err.context or "")
    line = file_line(text, first_line, err.problem_mark or err.context_mark)
    message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    if err.context_mark is not None and any(w in context for w in UNCLOSED):
        noticed, line = line, file_line(text, first_line, err.context_mark)
        if noticed != line:
            message = message[:-1] + f", noticed on line {noticed})"
        return DocumentSyntaxError(
            line, message, "a quote or bracket opened on this line is not closed"
        )
    hint = next((h for needle, h in HINTS.items() if needle in problem), "")
    return DocumentSyntaxError(line, message, hint)


def _value_error(err: Exception, text: str, first_line: int) -> DocumentSyntaxError:
    """Find the scalar whose value could not be built and name its line."""
    constructor = SafeLoader("")
    try:
        root = yaml.compose(text, Loader=SafeLoader)
    except Exception:
        root = None
    for node in _scalars(root):
        try:
            constructor.construct_object(node, deep=True)
        except Exception as cause:
            what = TAG_NAMES.get(node.tag, "value")
            return DocumentSyntaxError(
                file_line(text, first_line, node.start_mark),
                f"'{_short(node.value)}' is not a valid {what} ({cause})",
                "quote it to keep it as text" if what != "date" else "write 2026-07-06",
            )
    return DocumentSyntaxError(first_line, f"YAML error: {type(err).__name__}: {err}")


def _scalars(node: yaml.Node | None) -> Iterator[yaml.ScalarNode]:
    """Every scalar node under `node`, in document order (aliases are visited once)."""
    stack: list[yaml.Node] = [node] if node is not None else []
    seen: set[int] = set()
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, yaml.ScalarNode):
            yield current
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(reversed(current.value))
        elif isinstance(current, yaml.MappingNode):
            stack.extend(n for pair in reversed(current.value) for n in reversed(pair))


def _codepoint(character: int | bytes) -> str:
    """U+0007 for a character, 0xFF for a byte."""
    if isinstance(character, int):
        return f"U+{character:04X}"
    return f"0x{character.hex().upper()}"


def _short(value: str, limit: int = 40) -> str:
    """A value cut to a readable length for a message."""
    return value if len(value) <= limit else value[: limit - 1] + "…"
