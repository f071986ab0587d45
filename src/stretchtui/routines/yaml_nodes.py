"""YAML composed into nodes, safely: never constructed into Python objects, and refused
before anyone walks it when it is too big, too deep, tagged, or holds control characters.

Each refusal is a Problem at the node's line and column. The helpers at the end say
what a node is and quote a value without ever echoing more than one short line.
"""

from __future__ import annotations

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from stretchtui.routines.problems import Problem
from stretchtui.routines.routine_file import control_name
from stretchtui.routines.yaml_errors import explain
from stretchtui.textsafe import excerpt, is_control

MAX_NODES = 20_000
MAX_DEPTH = 64

NULL_TAG = "tag:yaml.org,2002:null"
MERGE_TAG = "tag:yaml.org,2002:merge"
BOOL_TAG = "tag:yaml.org,2002:bool"
_YAML_TAG_PREFIX = "tag:yaml.org,2002:"

# Tags that only say what the value already is; any other (`!!python/object`, `!!binary`,
# `!custom`) would change the meaning of the value, and a routine never needs one.
_PLAIN_TAGS = frozenset(
    f"{_YAML_TAG_PREFIX}{name}"
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "merge")
)


def node_problem(label: str, node: Node, field: str, message: str) -> Problem:
    """A Problem at the place the node starts."""
    mark = node.start_mark
    return Problem(label, message, mark.line + 1, mark.column + 1, field)


def tab_problems(text: str, label: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip() and not line.lstrip().startswith("#"):
            problems.append(
                Problem(
                    label,
                    f"line {number} is indented with a tab; YAML needs spaces, "
                    "so replace the tab with spaces",
                    number,
                    indent.index("\t") + 1,
                )
            )
    return problems


def compose(text: str, label: str) -> Node | None | Problem:
    """The document's root node, None for an empty one, or where the YAML breaks."""
    try:
        # The pure-Python composer on purpose: libyaml's (CSafeLoader) is faster but takes the
        # whole process down on a file of deeply nested brackets instead of raising.
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        explained = explain(error, text)
        return Problem(label, explained.message, explained.line, explained.column)
    except yaml.YAMLError as error:
        return Problem(label, f"not valid YAML: {excerpt(str(error))}")
    except RecursionError:
        return Problem(label, "the YAML is nested too deeply to be a routine")


class _Refused(Exception):
    def __init__(self, node: Node, message: str) -> None:
        self.node = node
        self.message = message


def size_problem(root: Node, label: str) -> Problem | None:
    """Refuse alias bombs and self-referencing aliases before walking the tree."""
    sizes: dict[int, int] = {}
    in_progress: set[int] = set()

    def size(node: Node, depth: int) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in in_progress:
            raise _Refused(node, "an alias refers to the value that contains it")
        if depth > MAX_DEPTH:
            raise _Refused(node, "the YAML is nested too deeply to be a routine")
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
            raise _Refused(
                node,
                f"this value holds more than {MAX_NODES} values (counting what aliases "
                "repeat); a routine is far smaller",
            )
        sizes[key] = total
        return total

    try:
        size(root, 0)
    except _Refused as refused:
        return node_problem(label, refused.node, "", refused.message)
    return None


def _every_node(root: Node) -> list[Node]:
    """Each node once, aliases included only once (call after size_problem())."""
    seen: set[int] = set()
    found: list[Node] = []
    pending = [root]
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        found.append(node)
        if isinstance(node, SequenceNode):
            pending.extend(node.value)
        elif isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                pending.extend((key_node, value_node))
    return found


def tag_problems(root: Node, label: str) -> list[Problem]:
    """Refuse explicit tags: they are ignored by the checks, so they would pass silently."""
    problems = [
        node_problem(
            label,
            node,
            "",
            f"the tag {node.tag.replace(_YAML_TAG_PREFIX, '!!')} has no place in a routine; "
            "remove it",
        )
        for node in _every_node(root)
        if node.tag not in _PLAIN_TAGS
    ]
    return sorted(problems, key=lambda problem: (problem.line, problem.column))


def control_problems(root: Node, label: str) -> list[Problem]:
    """Refuse control characters that YAML escapes (`"\\e"`, `"\\x9b"`, `"\\0"`, `"\\ud800"`,
    `"\\N"`, `"\\L"`, `"\\P"`) put into a value or a key: no terminal should receive them.

    Line breaks and tabs stay allowed: the text fields fold them into spaces.
    """
    problems = []
    for node in _every_node(root):
        if not isinstance(node, ScalarNode):
            continue
        bad = next((c for c in str(node.value) if is_control(c) and c not in "\n\t"), None)
        if bad is not None:
            problems.append(
                node_problem(
                    label,
                    node,
                    "",
                    f"{control_name(bad)} in this value; routine text must be plain printable text",
                )
            )
    return sorted(problems, key=lambda problem: (problem.line, problem.column))


def describe(node: Node) -> str:
    """What a node holds, in words: `a mapping`, `nothing`, or its value quoted (one short line)."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, ScalarNode) and node.tag == NULL_TAG:
        return "nothing"
    if not isinstance(node, ScalarNode):
        return "something else"
    lines = node.end_mark.line - node.start_mark.line + 1
    if lines > 1:
        # Text over several lines is joined with spaces: quoting it would echo the file.
        return f"text over {lines} lines"
    return repr(excerpt(str(node.value)))
