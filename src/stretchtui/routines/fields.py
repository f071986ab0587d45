"""Reading one typed value from a YAML node, or saying at its line and column what was wrong.

The routine checker is built on these readers: a mapping of known fields, text,
a duration or count within its limits, one of a set of words, a list. Numbers are
ASCII digits only, and their length is checked before any conversion.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from enum import Enum
from typing import TypeVar

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from stretchtui.durations import (
    MAX_DIGITS,
    format_duration,
    is_ascii_number,
    longest_digit_run,
    parse_duration,
)
from stretchtui.routines.problems import Problem
from stretchtui.routines.yaml_nodes import (
    BOOL_TAG,
    MERGE_TAG,
    NULL_TAG,
    describe,
    node_problem,
)
from stretchtui.textsafe import excerpt, is_blank

E = TypeVar("E", bound=Enum)

_CLOCK = re.compile(r"(?:([0-9]+):)?([0-9]+):([0-5][0-9])")

# Limits keep a typo (`hold: 3000`) from becoming an hour-long stretch.
DURATION_LIMITS: dict[str, tuple[int, int]] = {
    "hold": (1, 600),
    "tempo": (2, 60),
    "prepare": (0, 120),
    "rest": (0, 600),
    "round_rest": (0, 900),
    "switch": (0, 60),
    "duration": (1, 3600),
    "inhale": (1, 20),
    "exhale": (1, 20),
}
COUNT_LIMITS: dict[str, tuple[int, int]] = {"reps": (1, 100), "rounds": (1, 20)}

DURATION_EXAMPLE = "expected a duration like 30s, 1m or 1m30s"


class FieldReader:
    """Reads values out of nodes, collecting a Problem for each one that is wrong."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.problems: list[Problem] = []

    def problem(self, node: Node, field: str, message: str) -> None:
        self.problems.append(node_problem(self.label, node, field, message))

    def mapping(
        self, node: Node, field: str, allowed: tuple[str, ...], what: str
    ) -> dict[str, Node] | None:
        """The known fields of a mapping; unknown, duplicate and merge keys are problems."""
        if isinstance(node, ScalarNode) and node.tag == NULL_TAG:
            self.problem(node, field, f"expected {what}, found nothing")
            return None
        if not isinstance(node, MappingNode):
            self.problem(node, field, f"expected {what}, found {describe(node)}")
            return None
        fields: dict[str, Node] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:
                self.problem(
                    key_node, field, "merge keys (<<) are not supported; write the fields out"
                )
                continue
            if not isinstance(key_node, ScalarNode):
                self.problem(key_node, field, f"expected a field name, found {describe(key_node)}")
                continue
            key = str(key_node.value)
            where = f"{field}.{excerpt(key)}" if field else excerpt(key)
            if key in first_seen:
                self.problem(
                    key_node, where, f"duplicate field (first given on line {first_seen[key]})"
                )
                continue
            first_seen[key] = key_node.start_mark.line + 1
            if key not in allowed:
                self.problem(key_node, where, _unknown_field(key, allowed))
                continue
            fields[key] = value_node
        return fields

    def text(self, node: Node, field: str) -> str | None:
        """Text on one line (line breaks and tabs fold into spaces) that shows something."""
        if isinstance(node, ScalarNode) and node.tag != NULL_TAG:
            value = str(node.value).strip()
            if value and is_blank(value):
                self.problem(
                    node,
                    field,
                    "expected text, found only invisible characters (zero-width or format "
                    "characters)",
                )
                return None
            if value:
                return " ".join(value.split()) if any(c in value for c in "\n\t\r") else value
        if isinstance(node, ScalarNode):
            self.problem(node, field, "expected text, found nothing")
        else:
            self.problem(node, field, f"expected text, found {describe(node)}")
        return None

    def duration(self, node: Node, field: str, limit_key: str) -> int | None:
        """Whole seconds within DURATION_LIMITS[limit_key]."""
        low, high = DURATION_LIMITS[limit_key]
        if not isinstance(node, ScalarNode) or node.tag == NULL_TAG:
            found = "nothing" if isinstance(node, ScalarNode) else describe(node)
            self.problem(node, field, f"{DURATION_EXAMPLE}, found {found}")
            return None
        raw = str(node.value).strip()
        span = f"from {format_duration(low)} to {format_duration(high)}"
        digits = longest_digit_run(raw)
        if digits > MAX_DIGITS:
            self.problem(node, field, f"expected a duration {span}, got a {digits}-digit number")
            return None
        seconds = duration_value(raw)
        if seconds is None:
            found = f"got {excerpt(raw)}" if raw else "found nothing"
            self.problem(node, field, f"{DURATION_EXAMPLE}, {found}")
            return None
        if not low <= seconds <= high:
            self.problem(node, field, f"expected a duration {span}, got {excerpt(raw)}")
            return None
        return seconds

    def duration_or(
        self, fields: dict[str, Node], key: str, prefix: str, default: int, limit_key: str = ""
    ) -> int | None:
        """fields[key] read as a duration when given, else `default`."""
        if key not in fields:
            return default
        where = f"{prefix}.{key}" if prefix else key
        return self.duration(fields[key], where, limit_key or key)

    def count(self, node: Node, field: str, limit_key: str) -> int | None:
        """A whole number in ASCII digits within COUNT_LIMITS[limit_key]."""
        low, high = COUNT_LIMITS[limit_key]
        expected = f"expected a whole number from {low} to {high}"
        raw = str(node.value).strip() if isinstance(node, ScalarNode) else None
        if raw is None or not is_ascii_number(raw):
            found = excerpt(raw) if raw else ("nothing" if raw is not None else describe(node))
            self.problem(node, field, f"{expected}, got {found}")
            return None
        if len(raw) > MAX_DIGITS:
            self.problem(node, field, f"{expected}, got a {len(raw)}-digit number")
            return None
        value = int(raw)
        if not low <= value <= high:
            self.problem(node, field, f"{expected}, got {raw}")
            return None
        return value

    def choice(self, node: Node, field: str, enum: type[E]) -> E | None:
        """One of the enum's values, case-insensitive; a near miss gets a suggestion."""
        options = [str(member.value) for member in enum]
        raw = str(node.value).strip() if isinstance(node, ScalarNode) else None
        if raw is not None and raw.lower() in options:
            return enum(raw.lower())
        found = excerpt(raw) if raw else ("nothing" if raw is not None else describe(node))
        hint = hint_for(raw, options)
        if node.tag == BOOL_TAG:
            hint = f" ({raw} unquoted is YAML for true or false)"
        self.problem(node, field, f"expected one of {', '.join(options)}; got {found}{hint}")
        return None

    def sequence(self, node: Node, field: str, what: str) -> list[Node] | None:
        if isinstance(node, SequenceNode):
            return list(node.value)
        found = (
            "nothing" if isinstance(node, ScalarNode) and node.tag == NULL_TAG else describe(node)
        )
        self.problem(node, field, f"expected a list of {what}, found {found}")
        return None


def duration_value(raw: str) -> int | None:
    """Seconds for `30s`, `1m30s`, `90` or a clock `1:30`; None when it is none of those."""
    clock = _CLOCK.fullmatch(raw)
    if clock:
        # YAML 1.1 reads an unquoted 1:30 as the integer 90; we read it as 1 min 30 s too.
        hours, minutes, seconds = (int(part or 0) for part in clock.groups())
        return hours * 3600 + minutes * 60 + seconds
    return parse_duration(raw)


def _unknown_field(key: str, allowed: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(key.lower(), allowed, n=1, cutoff=0.6)
    if close:
        return f"unknown field (did you mean {close[0]!r}?)"
    return f"unknown field; expected one of {', '.join(allowed)}"


def hint_for(raw: str | None, options: Iterable[str]) -> str:
    """` (did you mean beginner?)` for a near miss, else nothing."""
    if not raw:
        return ""
    close = difflib.get_close_matches(raw.lower(), list(options), n=1, cutoff=0.6)
    return f" (did you mean {close[0]}?)" if close else ""
