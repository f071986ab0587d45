"""PyYAML's structure errors told in plain words, at the place a person should look.

PyYAML reports what its parser expected (`expected <block end>, but found
'<block mapping start>'`); a person editing a routine needs to hear which line
is out of step and what to change. `explain()` recognises the common slips
(indentation, tabs, unclosed quotes and brackets, a missing colon or the space
after it, a colon inside a value) and says so; anything else keeps PyYAML's own
words, cut to one short line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from stretchtui.textsafe import excerpt

# `key:value` where `key: value` was meant: a field name, a colon, no space.
_NO_SPACE_AFTER_COLON = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][\w-]*:[^\s:/]")
_FIELD = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][\w-]*\s*:(\s|$)")
_BRACKETS = {"[": "]", "{": "}"}


@dataclass(frozen=True)
class Explained:
    """A YAML error in plain words, and the place (1-based line and column; 0 unknown)."""

    message: str
    line: int = 0
    column: int = 0


def _place(mark: yaml.Mark | None) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content_line_above(lines: list[str], index: int) -> int | None:
    """The index of the nearest line above `index` that holds something (not a comment)."""
    for above in range(index - 1, -1, -1):
        stripped = lines[above].strip()
        if stripped and not stripped.startswith("#"):
            return above
    return None


def explain(error: yaml.MarkedYAMLError, text: str) -> Explained:
    """`error` (raised composing `text`) as a person should read it."""
    lines = text.splitlines() or [""]
    problem = error.problem or ""
    context = error.context or ""
    problem_line, problem_column = _place(error.problem_mark)
    context_line, context_column = _place(error.context_mark)

    def line_text(number: int) -> str:
        return lines[number - 1] if 0 < number <= len(lines) else ""

    if "expected a single document" in context:
        return Explained(
            "more than one YAML document (---); put one routine in each file",
            problem_line,
            problem_column,
        )

    if "found character '\\t'" in problem:
        return Explained(
            f"line {problem_line} has a tab character; YAML needs spaces here, "
            "so replace the tab with spaces",
            problem_line,
            problem_column,
        )

    if "cannot start any token" in problem:
        found = line_text(problem_line)[problem_column - 1 : problem_column] or "this character"
        return Explained(
            f"line {problem_line}: a value cannot begin with {found!r}; "
            "put the whole value in quotes",
            problem_line,
            problem_column,
        )

    if "while scanning a quoted scalar" in context:
        opening = line_text(context_line)[context_column - 1 : context_column] or '"'
        return Explained(
            f"the quote {opening} opened on line {context_line} is never closed; "
            f"end the value with {opening}",
            context_line,
            context_column,
        )

    if "while parsing a flow" in context:
        bracket = line_text(context_line)[context_column - 1 : context_column]
        closing = _BRACKETS.get(bracket, "]")
        opened = bracket or "bracket"
        return Explained(
            f"the {opened} opened on line {context_line} is not closed before line "
            f"{problem_line}; close it with {closing}, and put commas between its items",
            context_line,
            context_column,
        )

    if "could not find expected ':'" in problem and context_line:
        return _missing_colon(line_text(context_line), context_line, context_column)

    if "mapping values are not allowed here" in problem:
        return _unexpected_colon(lines, problem_line, problem_column)

    if problem.startswith("expected <block end>"):
        found = problem.partition("but found ")[2]
        if found == "'-'":
            return Explained(
                f"line {problem_line} starts a list item (-) where a field was expected; "
                "check its spaces, or end the field above it with ':'",
                problem_line,
                problem_column,
            )
        if found == "'<scalar>'":
            here = line_text(problem_line)[: problem_column - 1]
            if here.rstrip().endswith(("'", '"')):
                return Explained(
                    f"line {problem_line} goes on after a closing quote; "
                    "put the whole value inside the quotes",
                    problem_line,
                    problem_column,
                )
        return Explained(
            f"line {problem_line} is indented differently from the lines around it; "
            "check its spaces (the fields of one item line up under each other)",
            problem_line,
            problem_column,
        )

    if "found undefined alias" in problem:
        return Explained(
            f"{excerpt(problem)}; an alias (*name) must refer to an anchor (&name) given above it",
            problem_line,
            problem_column,
        )

    return _pyyaml_words(error, text)


def _missing_colon(line: str, number: int, column: int) -> Explained:
    if _NO_SPACE_AFTER_COLON.match(line):
        return Explained(
            f"line {number} needs a space after the ':' (`name: value`, not `name:value`)",
            number,
            line.index(":") + 2,
        )
    return Explained(
        f"line {number} has no ':'; each field is written `name: value`",
        number,
        column,
    )


def _unexpected_colon(lines: list[str], number: int, column: int) -> Explained:
    index = number - 1
    line = lines[index] if 0 <= index < len(lines) else ""
    above = _content_line_above(lines, index)
    if above is not None:
        previous = lines[above]
        if _NO_SPACE_AFTER_COLON.match(previous):
            return Explained(
                f"line {above + 1} needs a space after the ':' (`name: value`, not `name:value`)",
                above + 1,
                previous.index(":") + 2,
            )
        if _indent(line) > _indent(previous) and not previous.rstrip().endswith(":"):
            return Explained(
                f"line {number} is indented more than the line above it; check its spaces "
                "(a field goes deeper only under a line that ends with ':')",
                number,
                _indent(line) + 1,
            )
    if _FIELD.match(line) and line.find(": ") < column - 1:
        return Explained(
            f"line {number} has a second ': ' inside its value; put the value in quotes",
            number,
            column,
        )
    return Explained(
        f"line {number} is indented differently from the lines around it; check its spaces",
        number,
        _indent(line) + 1,
    )


def _pyyaml_words(error: yaml.MarkedYAMLError, text: str) -> Explained:
    """PyYAML's own words (one short line of them), for the slips not recognised above."""
    mark = error.problem_mark or error.context_mark
    context = excerpt(error.context) if error.context else None
    what = excerpt(error.problem or context or "not valid YAML")
    if context and error.context_mark and _at_end(text, error.problem_mark):
        # Something opened is only noticed at the end of the file: show where it opened.
        mark = error.context_mark
        what = f"{context} that starts here, {what}"
    elif (
        context
        and error.context_mark
        and error.problem_mark
        and error.context_mark.line != error.problem_mark.line
    ):
        what = f"{what} ({context} that starts on line {error.context_mark.line + 1})"
    line, column = _place(mark)
    return Explained(what, line, column)


def _at_end(text: str, mark: yaml.Mark | None) -> bool:
    return mark is not None and mark.index >= len(text.rstrip())
