"""Declared shapes for YAML mappings (site.yaml, front matter) and one checker for them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .errors import Problems, did_you_mean
from .yamlsource import Key, YamlDoc

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
    doc: YamlDoc,
    path: str,
    problems: Problems,
    keys: tuple[Key, ...] = (),
    what: str = "front matter",
) -> bool:
    """Report unknown keys, missing required keys and wrong types; True when all is well."""
    if not isinstance(data, dict):
        problems.error(path, doc.line_of(*keys), f"{what} must be a mapping of keys to values")
        return False
    ok = True
    for key in data:
        if key not in fields:
            hint = did_you_mean(key, fields)
            problems.error(path, doc.line_of(*keys, key), f"unknown key '{key}' in {what}", hint)
            ok = False
    for key, spec in fields.items():
        value = data.get(key)
        if value is None:
            if spec.required:
                problems.error(path, doc.line_of(*keys), f"missing required key '{key}'")
                ok = False
        elif not has_type(value, spec.types):
            problems.error(
                path,
                doc.line_of(*keys, key),
                f"'{key}' must be {describe(spec.types)}, not {TYPE_NAMES.get(type(value), type(value).__name__)}",
            )
            ok = False
    return ok
