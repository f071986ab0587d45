"""Whatever is fed to the loader, it answers with a routine or with problems, never a crash."""

from __future__ import annotations

import json
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stretchtui.routines import AREAS, Problem, Routine, parse_routine
from stretchtui.textsafe import is_blank, is_control

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_answers(data: str | bytes) -> Routine | list[Problem]:
    result = parse_routine(data, "fuzz.yaml", "fuzz")
    if isinstance(result, Routine):
        return result
    assert isinstance(result, list)
    assert result, "a refusal must say why"
    assert all(isinstance(problem, Problem) for problem in result)
    assert all("\n" not in str(problem) for problem in result)
    return result


@FAST
@given(st.text())
def test_any_text_gives_a_routine_or_problems(text: str) -> None:
    assert_answers(text)


@FAST
@given(st.binary())
def test_any_bytes_give_a_routine_or_problems(data: bytes) -> None:
    assert_answers(data)


# Values a person might plausibly write: right ones, wrong ones and YAML's traps.
scalars = st.one_of(
    st.sampled_from(
        ["20s", "1m30s", "1:30", "0", "-5", "2.5", "soon", "yes", "no", "on", "~", "''", "10"]
    ),
    st.sampled_from(["beginner", "desk", "floor", "wall", "right", "left", "both"]),
    st.sampled_from(list(AREAS)),
    st.integers(min_value=-10, max_value=5000),
    st.text(alphabet="abc :-#&*!|>{}[],'\"\t", max_size=8),
)
keys = st.sampled_from(
    [
        "name",
        "level",
        "steps",
        "hold",
        "reps",
        "tempo",
        "sides",
        "areas",
        "phases",
        "position",
        "how",
        "warmup",
        "rounds",
        "defaults",
        "breathing",
        "inhale",
        "exhale",
        "duration",
        "<<",
        "hodl",
        "prepare",
        "rest",
        "round_rest",
        "switch",
        "summary",
    ]
)
values: st.SearchStrategy[Any] = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=5)
    ),
    max_leaves=25,
)
steps = st.lists(st.dictionaries(keys, values, max_size=6), max_size=3)


@st.composite
def routine_like(draw: st.DrawFn) -> str:
    document: dict[str, Any] = draw(st.dictionaries(keys, values, max_size=4))
    if draw(st.booleans()):
        document.update(name="Fuzzed", level=draw(scalars), steps=draw(steps))
    flow = draw(st.booleans())
    return yaml.safe_dump(document, default_flow_style=flow, allow_unicode=True)


@FAST
@given(routine_like())
def test_routine_shaped_yaml_gives_a_routine_or_problems(text: str) -> None:
    assert_answers(text)


@FAST
@given(
    routine_like(),
    st.integers(min_value=0, max_value=400),
    st.sampled_from(["\t", "\x00", "\xe9", ":", "- ", "&a ", "*a", "\n---\n"]),
)
def test_routine_shaped_yaml_with_a_stray_character_still_answers(
    text: str, at: int, stray: str
) -> None:
    position = min(at, len(text))
    assert_answers(text[:position] + stray + text[position:])


def routine_words(routine: Routine) -> list[str]:
    """Every piece of text a routine shows: names, how, summary, phases."""
    words = [routine.name, routine.summary]
    if routine.warmup is not None:
        words += [routine.warmup.name, routine.warmup.how]
    for step in routine.steps:
        words += [step.name, step.how, *(step.phases or ())]
    return words


@FAST
@given(st.text(), st.text())
def test_no_loaded_routine_holds_a_control_character_or_a_blank_name(name: str, how: str) -> None:
    # JSON strings are YAML double-quoted scalars: every character arrives as an escape.
    text = (
        f"name: {json.dumps(name)}\nlevel: desk\nsteps:\n"
        f"  - name: {json.dumps(name)}\n    how: {json.dumps(how)}\n    hold: 5s\n"
    )
    result = assert_answers(text)
    if isinstance(result, Routine):
        for words in routine_words(result):
            assert not any(is_control(char) for char in words), words
        assert not is_blank(result.name)
        assert not is_blank(result.steps[0].name)
