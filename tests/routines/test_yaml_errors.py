"""A slip in a routine's YAML is told in plain words, at the line to fix, never in parser jargon."""

from __future__ import annotations

import pytest

from stretchtui.routines import Problem, Routine, parse_routine

HEAD = "name: Mine\nlevel: desk\nsteps:\n"

# name -> (file text, line, column, the whole message)
CASES: dict[str, tuple[str, int, int, str]] = {
    "field indented under a value": (
        HEAD + "  - name: Fold\n    hold: 20s\n     how: Lean forward.\n",
        6,
        6,
        "line 6 is indented more than the line above it; check its spaces "
        "(a field goes deeper only under a line that ends with ':')",
    ),
    "top field indented": (
        "name: Mine\n  level: desk\n",
        2,
        3,
        "line 2 is indented more than the line above it; check its spaces "
        "(a field goes deeper only under a line that ends with ':')",
    ),
    "field indented less than its siblings": (
        HEAD + "  - name: Fold\n    hold: 20s\n   how: Lean forward.\n",
        6,
        4,
        "line 6 is indented differently from the lines around it; check its spaces "
        "(the fields of one item line up under each other)",
    ),
    "tab in the indentation": (
        HEAD + "  - name: Fold\n\thold: 20s\n",
        5,
        1,
        "line 5 is indented with a tab; YAML needs spaces, so replace the tab with spaces",
    ),
    "unclosed double quote": (
        'name: "Mine\nlevel: desk\n',
        1,
        7,
        'the quote " opened on line 1 is never closed; end the value with "',
    ),
    "unclosed single quote": (
        "name: 'Mine\nlevel: desk\n",
        1,
        7,
        "the quote ' opened on line 1 is never closed; end the value with '",
    ),
    "unclosed bracket": (
        HEAD + "  - name: Fold\n    areas: [lower, middle\n    hold: 20s\n",
        5,
        12,
        "the [ opened on line 5 is not closed before line 6; "
        "close it with ], and put commas between its items",
    ),
    "unclosed brace": (
        "name: Mine\ndefaults: {prepare: 5s\nlevel: desk\n",
        2,
        11,
        "the { opened on line 2 is not closed before line 3; "
        "close it with }, and put commas between its items",
    ),
    "missing colon": (
        "name: Mine\nlevel desk\nsteps: []\n",
        2,
        1,
        "line 2 has no ':'; each field is written `name: value`",
    ),
    "no space after the colon": (
        "name: Mine\nlevel:desk\nsteps: []\n",
        2,
        7,
        "line 2 needs a space after the ':' (`name: value`, not `name:value`)",
    ),
    "no space after the colon, found a line later": (
        "name:Mine\nlevel: desk\n",
        1,
        6,
        "line 1 needs a space after the ':' (`name: value`, not `name:value`)",
    ),
    "colon inside a value": (
        "name: Mine\nlevel: desk\nsummary: do this: then that\n",
        3,
        17,
        "line 3 has a second ': ' inside its value; put the value in quotes",
    ),
    "list item among fields": (
        "name: Mine\n- Fold\n",
        2,
        1,
        "line 2 starts a list item (-) where a field was expected; "
        "check its spaces, or end the field above it with ':'",
    ),
    "text after a closing quote": (
        "name: Mine\nsummary: 'easy' stretch\n",
        2,
        17,
        "line 2 goes on after a closing quote; put the whole value inside the quotes",
    ),
    "value starting with a reserved character": (
        "name: @home\n",
        1,
        7,
        "line 1: a value cannot begin with '@'; put the whole value in quotes",
    ),
    "undefined alias": (
        "name: *nothing\n",
        1,
        7,
        "found undefined alias 'nothing'; an alias (*name) must refer to an anchor (&name) "
        "given above it",
    ),
    "two documents": (
        "name: One\n---\nname: Two\n",
        2,
        1,
        "more than one YAML document (---); put one routine in each file",
    ),
}


def only_problem(text: str) -> Problem:
    result = parse_routine(text, "mine.yaml")
    assert not isinstance(result, Routine)
    assert len(result) == 1, result
    return result[0]


@pytest.mark.parametrize("case", sorted(CASES))
def test_yaml_slip_is_explained_in_plain_words_at_its_place(case: str) -> None:
    text, line, column, message = CASES[case]
    problem = only_problem(text)
    assert (problem.line, problem.column) == (line, column)
    assert problem.message == message
    assert str(problem) == f"mine.yaml:{line}:{column}: {message}"


@pytest.mark.parametrize("case", sorted(CASES))
def test_no_parser_jargon_reaches_the_person(case: str) -> None:
    message = only_problem(CASES[case][0]).message
    for jargon in ("<block", "scalar", "token", "flow sequence", "while parsing", "expected <"):
        assert jargon not in message


def test_duplicate_field_names_both_lines() -> None:
    problem = parse_routine(HEAD + "  - name: Fold\n    hold: 20s\n    hold: 30s\n", "mine.yaml")
    assert not isinstance(problem, Routine)
    assert [str(p) for p in problem] == [
        "mine.yaml:6:5: steps[0].hold: duplicate field (first given on line 5)"
    ]
