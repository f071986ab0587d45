"""Read routine files: YAML text in, a checked Routine or every problem found out.

The YAML is composed into nodes (never constructed into Python objects) and each
node is checked where it stands, so every problem carries its line and column,
and YAML 1.1's surprises (`1:30` as 90, `no` as false) never pass silently.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TypeVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from stretchtui.durations import format_duration, parse_duration
from stretchtui.routines.model import (
    AREAS,
    Breathing,
    Defaults,
    Level,
    Position,
    Routine,
    Side,
    Step,
    Warmup,
)
from stretchtui.routines.problems import Problem, RoutineError, display_path

MAX_FILE_BYTES = 256 * 1024
MAX_NODES = 20_000
MAX_DEPTH = 64

_NULL_TAG = "tag:yaml.org,2002:null"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_CLOCK = re.compile(r"^(?:(\d+):)?(\d+):([0-5]\d)$")

E = TypeVar("E", Level, Position, Side)


def load_routine(path: Path, routine_id: str | None = None) -> Routine:
    """Load and check one routine file; raise RoutineError with every problem found."""
    result = read_routine(path, routine_id)
    if isinstance(result, Routine):
        return result
    raise RoutineError(result)


def read_routine(path: Path, routine_id: str | None = None) -> Routine | list[Problem]:
    """A Routine, or the list of problems that stop the file from being one."""
    label = display_path(path)
    data = _read_bytes(path, label)
    if isinstance(data, Problem):
        return [data]
    return parse_routine(data, label, routine_id or path.stem, path=path)


def parse_routine(
    data: bytes | str,
    label: str = "<routine>",
    routine_id: str = "routine",
    *,
    path: Path | None = None,
) -> Routine | list[Problem]:
    """Check routine text; never raises, whatever the text."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    digest = hashlib.sha256(raw).hexdigest()
    text = _decode(raw, label)
    if isinstance(text, Problem):
        return [text]
    tabs = _tab_problems(text, label)
    if tabs:
        return tabs
    root = _compose(text, label)
    if isinstance(root, Problem):
        return [root]
    if root is None:
        what = "the file is empty" if not text.strip() else "the file holds only comments"
        return [Problem(label, f"{what}; a routine needs at least name, level and steps")]
    size_problem = _size_problem(root, label)
    if size_problem is not None:
        return [size_problem]
    tag_problems = _tag_problems(root, label)
    if tag_problems:
        return tag_problems
    checker = _Checker(label)
    routine = checker.routine(root, routine_id, path, digest)
    if checker.problems or routine is None:
        problems = checker.problems or [Problem(label, "not a valid routine")]
        return sorted(problems, key=lambda problem: (problem.line, problem.column))
    return routine


def check_files(paths: Iterable[Path]) -> list[Problem]:
    """Every problem in every file given, in order."""
    problems: list[Problem] = []
    for path in paths:
        result = read_routine(path)
        if not isinstance(result, Routine):
            problems.extend(result)
    return problems


# ---------------------------------------------------------------- reading


def _read_bytes(path: Path, label: str) -> bytes | Problem:
    try:
        if path.is_dir():
            return Problem(label, "is a directory; expected a routine file (.yaml)")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return Problem(
                label,
                f"the file is {size // 1024} KiB; routine files are limited to "
                f"{MAX_FILE_BYTES // 1024} KiB",
            )
        with path.open("rb") as handle:
            # Read one byte past the cap: the file may have grown since stat().
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return Problem(label, "no such file")
    except PermissionError:
        return Problem(label, "cannot read the file: permission denied")
    except OSError as error:
        return Problem(label, f"cannot read the file: {error.strerror or error}")
    if len(data) > MAX_FILE_BYTES:
        return Problem(label, f"the file is larger than the {MAX_FILE_BYTES // 1024} KiB allowed")
    return data


def _decode(raw: bytes, label: str) -> str | Problem:
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        column = nul - (raw.rfind(b"\n", 0, nul) + 1) + 1
        return Problem(
            label, "looks like a binary file (it holds NUL bytes), not YAML text", line, column
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        return Problem(
            label,
            f"not UTF-8 text (byte 0x{raw[error.start]:02x}); save the file as UTF-8",
            line,
            column,
        )
    bad = next((ch for ch in text if _is_unprintable(ch)), None)
    if bad is not None:
        index = text.index(bad)
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        return Problem(
            label,
            f"control character U+{ord(bad):04X} in the text; is this really a YAML file?",
            line,
            column,
        )
    return text


def _is_unprintable(ch: str) -> bool:
    code = ord(ch)
    if ch in "\t\n\r":
        return False
    return (
        code < 0x20
        or code == 0x7F
        or 0x80 <= code <= 0x9F
        or 0xD800 <= code <= 0xDFFF
        or (code in (0xFFFE, 0xFFFF))
    )


def _tab_problems(text: str, label: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip() and not line.lstrip().startswith("#"):
            problems.append(
                Problem(
                    label,
                    "a tab is used for indentation; YAML needs spaces",
                    number,
                    indent.index("\t") + 1,
                )
            )
    return problems


def _compose(text: str, label: str) -> Node | None | Problem:
    try:
        # The pure-Python composer on purpose: libyaml's (CSafeLoader) is faster but takes the
        # whole process down on a file of deeply nested brackets instead of raising.
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        what = error.problem or error.context or "not valid YAML"
        if "expected a single document" in str(error):
            what = "more than one YAML document (---); put one routine in each file"
        elif error.context and error.context_mark and _at_end(text, error.problem_mark):
            # An unclosed bracket or quote is only noticed at the end of the file; the
            # place worth showing is where it was opened.
            mark = error.context_mark
            what = f"{error.context} that starts here, {what}"
        elif (
            error.context
            and error.context_mark
            and error.problem_mark
            and error.context_mark.line != error.problem_mark.line
        ):
            opened = error.context_mark.line + 1
            what = f"{what} ({error.context} that starts on line {opened})"
        message = f"not valid YAML: {what}"
        if mark is None:
            return Problem(label, message)
        return Problem(label, message, mark.line + 1, mark.column + 1)
    except yaml.YAMLError as error:
        return Problem(label, f"not valid YAML: {error}")
    except RecursionError:
        return Problem(label, "the YAML is nested too deeply to be a routine")


def _at_end(text: str, mark: yaml.Mark | None) -> bool:
    if mark is None:
        return False
    return mark.index >= len(text.rstrip())


def _size_problem(root: Node, label: str) -> Problem | None:
    """Refuse alias bombs and self-referencing aliases before walking the tree."""
    sizes: dict[int, int] = {}
    in_progress: set[int] = set()

    def size(node: Node, depth: int) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in in_progress:
            raise _Cycle(node)
        if depth > MAX_DEPTH:
            raise _TooDeep(node)
        in_progress.add(key)
        total = 1
        if isinstance(node, SequenceNode):
            for child in node.value:
                total += size(child, depth + 1)
                if total > MAX_NODES:
                    break
        elif isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                total += size(key_node, depth + 1) + size(value_node, depth + 1)
                if total > MAX_NODES:
                    break
        in_progress.discard(key)
        if total > MAX_NODES:
            # Raised by the innermost value that overflows: that is where the aliases pile up.
            raise _TooBig(node)
        sizes[key] = total
        return total

    try:
        size(root, 0)
    except _TooDeep as deep:
        return _at(label, deep.node, "", "the YAML is nested too deeply to be a routine")
    except _Cycle as cycle:
        return _at(label, cycle.node, "", "an alias refers to the value that contains it")
    except _TooBig as big:
        return _at(
            label,
            big.node,
            "",
            f"this value holds more than {MAX_NODES} values (counting what aliases repeat); "
            "a routine is far smaller",
        )
    return None


# Tags that only say what the value already is; any other (`!!python/object`, `!!binary`,
# `!custom`) would change the meaning of the value, and a routine never needs one.
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "merge")
)
_YAML_TAG_PREFIX = "tag:yaml.org,2002:"


def _tag_problems(root: Node, label: str) -> list[Problem]:
    """Refuse explicit tags: they are ignored by the checks, so they would pass silently."""
    problems: list[Problem] = []
    seen: set[int] = set()
    pending = [root]
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            shown = node.tag.replace(_YAML_TAG_PREFIX, "!!")
            problems.append(
                _at(label, node, "", f"the tag {shown} has no place in a routine; remove it")
            )
        if isinstance(node, SequenceNode):
            pending.extend(node.value)
        elif isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                pending.extend((key_node, value_node))
    return sorted(problems, key=lambda problem: (problem.line, problem.column))


class _Cycle(Exception):
    def __init__(self, node: Node) -> None:
        self.node = node


class _TooBig(Exception):
    def __init__(self, node: Node) -> None:
        self.node = node


class _TooDeep(Exception):
    def __init__(self, node: Node) -> None:
        self.node = node


def _at(label: str, node: Node, field: str, message: str) -> Problem:
    mark = node.start_mark
    return Problem(label, message, mark.line + 1, mark.column + 1, field)


# ---------------------------------------------------------------- checking

_ROUTINE_FIELDS = ("name", "level", "summary", "warmup", "rounds", "defaults", "steps")
_WARMUP_FIELDS = ("name", "duration", "how")
_DEFAULT_FIELDS = ("prepare", "rest", "round_rest", "switch", "tempo", "breathing")
_BREATHING_FIELDS = ("inhale", "exhale")
_STEP_FIELDS = (
    "name",
    "how",
    "areas",
    "position",
    "hold",
    "reps",
    "tempo",
    "sides",
    "phases",
    "prepare",
    "rest",
    "breathing",
)

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


class _Checker:
    """Walks the composed YAML, collecting problems as it goes."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.problems: list[Problem] = []

    def problem(self, node: Node, field: str, message: str) -> None:
        self.problems.append(_at(self.label, node, field, message))

    # -- structure

    def mapping(
        self, node: Node, field: str, allowed: tuple[str, ...], what: str
    ) -> dict[str, Node] | None:
        if isinstance(node, ScalarNode) and node.tag == _NULL_TAG:
            self.problem(node, field, f"expected {what}, found nothing")
            return None
        if not isinstance(node, MappingNode):
            self.problem(node, field, f"expected {what}, found {_describe(node)}")
            return None
        fields: dict[str, Node] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                self.problem(
                    key_node, field, "merge keys (<<) are not supported; write the fields out"
                )
                continue
            if not isinstance(key_node, ScalarNode):
                self.problem(key_node, field, f"expected a field name, found {_describe(key_node)}")
                continue
            key = str(key_node.value)
            where = f"{field}.{key}" if field else key
            if key in first_seen:
                self.problem(
                    key_node,
                    where,
                    f"duplicate field (first given on line {first_seen[key]})",
                )
                continue
            first_seen[key] = key_node.start_mark.line + 1
            if key not in allowed:
                self.problem(key_node, where, _unknown_field(key, allowed))
                continue
            fields[key] = value_node
        return fields

    def text(self, node: Node, field: str) -> str | None:
        if isinstance(node, ScalarNode) and node.tag != _NULL_TAG:
            value = str(node.value).strip()
            if value:
                return " ".join(value.split()) if "\n" in value else value
        if isinstance(node, ScalarNode):
            self.problem(node, field, "expected text, found nothing")
        else:
            self.problem(node, field, f"expected text, found {_describe(node)}")
        return None

    def duration(self, node: Node, field: str, limit_key: str) -> int | None:
        low, high = DURATION_LIMITS[limit_key]
        if not isinstance(node, ScalarNode) or node.tag == _NULL_TAG:
            found = "nothing" if isinstance(node, ScalarNode) else _describe(node)
            self.problem(node, field, f"expected a duration like 30s, 1m or 1m30s, found {found}")
            return None
        raw = str(node.value).strip()
        seconds = _duration_value(raw)
        if seconds is None:
            found = f"got {raw}" if raw else "found nothing"
            self.problem(node, field, f"expected a duration like 30s, 1m or 1m30s, {found}")
            return None
        if not low <= seconds <= high:
            self.problem(
                node, field, f"expected a duration from {_secs(low)} to {_secs(high)}, got {raw}"
            )
            return None
        return seconds

    def count(self, node: Node, field: str, limit_key: str) -> int | None:
        low, high = COUNT_LIMITS[limit_key]
        raw = str(node.value).strip() if isinstance(node, ScalarNode) else None
        if raw is None or not raw.isdigit():
            found = raw if raw else ("nothing" if raw is not None else _describe(node))
            self.problem(node, field, f"expected a whole number from {low} to {high}, got {found}")
            return None
        value = int(raw)
        if not low <= value <= high:
            self.problem(node, field, f"expected a whole number from {low} to {high}, got {raw}")
            return None
        return value

    def choice(self, node: Node, field: str, enum: type[E]) -> E | None:
        options = [member.value for member in enum]
        raw = str(node.value).strip() if isinstance(node, ScalarNode) else None
        if raw is not None and raw.lower() in options:
            return enum(raw.lower())
        found = raw if raw else ("nothing" if raw is not None else _describe(node))
        hint = _hint(raw, options)
        if node.tag == _BOOL_TAG:
            hint = f" ({raw} unquoted is YAML for true or false)"
        self.problem(node, field, f"expected one of {', '.join(options)}; got {found}{hint}")
        return None

    def sequence(self, node: Node, field: str, what: str) -> list[Node] | None:
        if isinstance(node, SequenceNode):
            return list(node.value)
        found = (
            "nothing" if isinstance(node, ScalarNode) and node.tag == _NULL_TAG else _describe(node)
        )
        self.problem(node, field, f"expected a list of {what}, found {found}")
        return None

    # -- the routine

    def routine(
        self, root: Node, routine_id: str, path: Path | None, digest: str
    ) -> Routine | None:
        if not isinstance(root, MappingNode):
            self.problem(
                root,
                "",
                f"expected the routine's fields (name, level, steps, …) at the top, "
                f"found {_describe(root)}",
            )
            return None
        fields = self.mapping(root, "", _ROUTINE_FIELDS, "a mapping")
        assert fields is not None
        for required in ("name", "level", "steps"):
            if required not in fields:
                self.problem(root, required, "missing; every routine needs name, level and steps")
        name = self.text(fields["name"], "name") if "name" in fields else None
        level = self.choice(fields["level"], "level", Level) if "level" in fields else None
        summary = self.text(fields["summary"], "summary") if "summary" in fields else ""
        warmup = self.warmup(fields["warmup"]) if "warmup" in fields else None
        rounds = self.count(fields["rounds"], "rounds", "rounds") if "rounds" in fields else 1
        defaults = self.defaults(fields["defaults"]) if "defaults" in fields else Defaults()
        steps = self.steps(fields["steps"], defaults or Defaults()) if "steps" in fields else None
        if self.problems:
            return None
        assert name and level and rounds and defaults and steps is not None
        return Routine(
            id=routine_id,
            name=name,
            level=level,
            summary=summary or "",
            warmup=warmup,
            rounds=rounds,
            defaults=defaults,
            steps=tuple(steps),
            path=path,
            digest=digest,
        )

    def warmup(self, node: Node) -> Warmup | None:
        fields = self.mapping(
            node, "warmup", _WARMUP_FIELDS, "a warm-up like {name: March in place, duration: 5m}"
        )
        if fields is None:
            return None
        for required in ("name", "duration"):
            if required not in fields:
                self.problem(
                    node, f"warmup.{required}", "missing; a warm-up needs name and duration"
                )
        name = self.text(fields["name"], "warmup.name") if "name" in fields else None
        duration = (
            self.duration(fields["duration"], "warmup.duration", "duration")
            if "duration" in fields
            else None
        )
        how = self.text(fields["how"], "warmup.how") if "how" in fields else ""
        if name is None or duration is None or how is None:
            return None
        return Warmup(name=name, duration=duration, how=how)

    def breathing(self, node: Node, field: str, fallback: Breathing) -> Breathing | None:
        fields = self.mapping(
            node, field, _BREATHING_FIELDS, "a breathing pattern like {inhale: 4s, exhale: 6s}"
        )
        if fields is None:
            return None
        inhale = (
            self.duration(fields["inhale"], f"{field}.inhale", "inhale")
            if "inhale" in fields
            else fallback.inhale
        )
        exhale = (
            self.duration(fields["exhale"], f"{field}.exhale", "exhale")
            if "exhale" in fields
            else fallback.exhale
        )
        if inhale is None or exhale is None:
            return None
        return Breathing(inhale=inhale, exhale=exhale)

    def defaults(self, node: Node) -> Defaults | None:
        fields = self.mapping(node, "defaults", _DEFAULT_FIELDS, "a mapping of default timings")
        if fields is None:
            return None
        base = Defaults()
        values: dict[str, int | None] = {}
        for key in ("prepare", "rest", "round_rest", "switch", "tempo"):
            values[key] = (
                self.duration(fields[key], f"defaults.{key}", key)
                if key in fields
                else getattr(base, key)
            )
        breathing = (
            self.breathing(fields["breathing"], "defaults.breathing", base.breathing)
            if "breathing" in fields
            else base.breathing
        )
        if breathing is None or any(v is None for v in values.values()):
            return None
        return Defaults(
            prepare=_int(values["prepare"]),
            rest=_int(values["rest"]),
            round_rest=_int(values["round_rest"]),
            switch=_int(values["switch"]),
            tempo=_int(values["tempo"]),
            breathing=breathing,
        )

    def steps(self, node: Node, defaults: Defaults) -> list[Step] | None:
        items = self.sequence(node, "steps", "stretches")
        if items is None:
            return None
        if not items:
            self.problem(node, "steps", "the list is empty; a routine needs at least one stretch")
            return None
        steps = [self.step(item, f"steps[{index}]", defaults) for index, item in enumerate(items)]
        if any(step is None for step in steps):
            return None
        return [step for step in steps if step is not None]

    def step(self, node: Node, field: str, defaults: Defaults) -> Step | None:
        fields = self.mapping(node, field, _STEP_FIELDS, "a stretch with name and hold or reps")
        if fields is None:
            return None
        before = len(self.problems)
        if "name" not in fields:
            self.problem(node, f"{field}.name", "missing; every stretch needs a name")
        has_hold, has_reps = "hold" in fields, "reps" in fields
        if has_hold and has_reps:
            self.problem(fields["reps"], f"{field}.reps", "give hold or reps, not both")
        elif not has_hold and not has_reps:
            self.problem(node, field, "needs hold (seconds to hold) or reps (repetitions)")
        if has_hold and not has_reps:
            for only_reps in ("tempo", "phases"):
                if only_reps in fields:
                    self.problem(
                        fields[only_reps],
                        f"{field}.{only_reps}",
                        "only applies to a stretch with reps",
                    )
        name = self.text(fields["name"], f"{field}.name") if "name" in fields else None
        how = self.text(fields["how"], f"{field}.how") if "how" in fields else ""
        areas = self.areas(fields["areas"], f"{field}.areas") if "areas" in fields else ()
        position = (
            self.choice(fields["position"], f"{field}.position", Position)
            if "position" in fields
            else Position.STANDING
        )
        hold = self.duration(fields["hold"], f"{field}.hold", "hold") if has_hold else None
        reps = self.count(fields["reps"], f"{field}.reps", "reps") if has_reps else None
        tempo = (
            self.duration(fields["tempo"], f"{field}.tempo", "tempo")
            if "tempo" in fields
            else defaults.tempo
        )
        sides = self.sides(fields["sides"], f"{field}.sides") if "sides" in fields else ()
        phases = self.phases(fields["phases"], f"{field}.phases") if "phases" in fields else None
        prepare = (
            self.duration(fields["prepare"], f"{field}.prepare", "prepare")
            if "prepare" in fields
            else defaults.prepare
        )
        rest = (
            self.duration(fields["rest"], f"{field}.rest", "rest")
            if "rest" in fields
            else defaults.rest
        )
        breathing = (
            self.breathing(fields["breathing"], f"{field}.breathing", defaults.breathing)
            if "breathing" in fields
            else defaults.breathing
        )
        if len(self.problems) > before:
            return None
        assert name and how is not None and areas is not None and position and sides is not None
        assert tempo is not None and prepare is not None and rest is not None and breathing
        return Step(
            name=name,
            how=how,
            areas=areas,
            position=position,
            hold=hold,
            reps=reps,
            tempo=tempo,
            sides=sides,
            phases=phases,
            prepare=prepare,
            rest=rest,
            breathing=breathing,
        )

    def areas(self, node: Node, field: str) -> tuple[str, ...] | None:
        items = self.sequence(node, field, "body areas")
        if items is None:
            return None
        areas: list[str] = []
        for index, item in enumerate(items):
            raw = str(item.value).strip().lower() if isinstance(item, ScalarNode) else None
            if raw not in AREAS:
                shown = raw if raw else _describe(item)
                self.problem(
                    item,
                    f"{field}[{index}]",
                    f"expected one of {', '.join(AREAS)}; got {shown}{_hint(raw, AREAS)}",
                )
                continue
            assert raw is not None
            if raw in areas:
                self.problem(item, f"{field}[{index}]", f"{raw} is listed twice")
                continue
            areas.append(raw)
        return tuple(areas)

    def sides(self, node: Node, field: str) -> tuple[Side, ...] | None:
        if isinstance(node, ScalarNode) and str(node.value).strip().lower() == "both":
            return (Side.RIGHT, Side.LEFT)
        if isinstance(node, ScalarNode) and node.tag != _NULL_TAG:
            side = self.choice(node, field, Side)
            return (side,) if side else None
        items = self.sequence(node, field, "sides like [right, left]")
        if items is None:
            return None
        sides: list[Side] = []
        for index, item in enumerate(items):
            side = self.choice(item, f"{field}[{index}]", Side)
            if side is None:
                continue
            if side in sides:
                self.problem(item, f"{field}[{index}]", f"{side.value} is listed twice")
                continue
            sides.append(side)
        if not items:
            self.problem(node, field, "the list is empty; leave sides out for a stretch done once")
        return tuple(sides)

    def phases(self, node: Node, field: str) -> tuple[str, str] | None:
        items = self.sequence(node, field, "two movement names, e.g. [cow, cat]")
        if items is None:
            return None
        if len(items) != 2:
            self.problem(
                node, field, f"expected two movements (breathe in, breathe out), got {len(items)}"
            )
            return None
        first, second = (self.text(item, f"{field}[{i}]") for i, item in enumerate(items))
        if first is None or second is None:
            return None
        return (first, second)


def _duration_value(raw: str) -> int | None:
    clock = _CLOCK.match(raw)
    if clock:
        # YAML 1.1 reads an unquoted 1:30 as the integer 90; we read it as 1 min 30 s too.
        hours, minutes, seconds = (int(part or 0) for part in clock.groups())
        return hours * 3600 + minutes * 60 + seconds
    return parse_duration(raw)


def _describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, ScalarNode) and node.tag == _NULL_TAG:
        return "nothing"
    return f"{node.value!r}" if isinstance(node, ScalarNode) else "something else"


def _unknown_field(key: str, allowed: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(key.lower(), allowed, n=1, cutoff=0.6)
    if close:
        return f"unknown field (did you mean {close[0]!r}?)"
    return f"unknown field; expected one of {', '.join(allowed)}"


def _hint(raw: str | None, options: Iterable[str]) -> str:
    if not raw:
        return ""
    close = difflib.get_close_matches(raw.lower(), list(options), n=1, cutoff=0.6)
    return f" (did you mean {close[0]}?)" if close else ""


def _secs(seconds: int) -> str:
    return format_duration(seconds)


def _int(value: int | None) -> int:
    assert value is not None
    return value
