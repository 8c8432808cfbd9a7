"""Declared shapes for YAML mappings (site.yaml, front matter) and one checker for them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from rsgen.base.errors import Problems, did_you_mean
from rsgen.base.located import Key, LocatedDoc

TYPE_NAMES: dict[type, str] = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    list: "a list",
    dict: "a mapping of keys to values",
    dt.date: "a date",
    dt.datetime: "a date and time",
}


# a file with thousands of unknown keys (a pasted export) gets this many messages, then a count
MAX_UNKNOWN_KEYS = 20


@dataclass(frozen=True)
class Field:
    """What one key of a mapping may hold."""

    types: tuple[type, ...]
    required: bool = False


def describe(types: tuple[type, ...]) -> str:
    """`(str, list)` → "text or a list"."""
    return " or ".join(TYPE_NAMES.get(t, t.__name__) for t in types)


def has_type(value: Any, types: tuple[type, ...]) -> bool:
    """True when `value` is one of `types`; bool is not taken for a number."""
    if isinstance(value, bool) and bool not in types:
        return False
    return isinstance(value, types)


def check_mapping(
    data: Any,
    fields: dict[str, Field],
    doc: LocatedDoc,
    path: str,
    problems: Problems,
    keys: tuple[Key, ...] = (),
    what: str = "front matter",
) -> bool:
    """Report unknown keys, missing required keys and wrong types.

    True when every declared key is usable: an unknown key is reported but does not stop the
    caller from checking the rest, so one run lists every problem of a file.
    """
    if not isinstance(data, dict):
        problems.error(path, doc.line_of(*keys), f"{what} must be a mapping of keys to values")
        return False
    ok = True
    unknown = [key for key in data if key not in fields]
    for key in unknown[:MAX_UNKNOWN_KEYS]:  # each costs a look for its line and a close match
        hint = did_you_mean(key, fields)
        problems.error(path, doc.line_of(*keys, key), f"unknown key '{key}' in {what}", hint)
    if len(unknown) > MAX_UNKNOWN_KEYS:
        more = len(unknown) - MAX_UNKNOWN_KEYS
        problems.error(
            path,
            doc.line_of(*keys, unknown[MAX_UNKNOWN_KEYS]),
            f"and {more:,} more unknown keys in {what}",
        )
    for key, spec in fields.items():
        message = _field_problem(key, data.get(key), spec, what if keys else "")
        if message:
            line = doc.line_of(*keys, key) if key in data else doc.line_of(*keys)
            problems.error(path, line, message)
            ok = False
    return ok


def _field_problem(key: str, value: Any, spec: Field, within: str) -> str:
    """What is wrong with one value ("" when nothing is); `within` names a nested mapping."""
    if value is None:
        where = f" in {within}" if within else ""
        return f"missing required key '{key}'{where}" if spec.required else ""
    if not has_type(value, spec.types):
        return f"'{key}' must be {describe(spec.types)}, not {type_name(value)}"
    if spec.required and isinstance(value, str) and not value.strip():
        return f"'{key}' is empty"
    return ""


def type_name(value: Any) -> str:
    """How a message names the type of `value` ("text", "a list", "a date"...)."""
    for kind in (bool, dt.datetime, dt.date, int, float, str, list, dict):
        if isinstance(value, kind):
            return TYPE_NAMES[kind]
    return type(value).__name__
