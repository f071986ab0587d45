"""The JSON Schema shipped for editors says what the loader says."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from stretchtui.routines import AREAS, Level, Position, Routine, Side, parse_routine
from stretchtui.routines.checker import (
    BREATHING_FIELDS,
    DEFAULT_FIELDS,
    ROUTINE_FIELDS,
    STEP_FIELDS,
    WARMUP_FIELDS,
)
from stretchtui.routines.fields import COUNT_LIMITS, DURATION_LIMITS

REPO = Path(__file__).resolve().parents[2]
SCHEMA_PATH = REPO / "routines" / "routine.schema.json"
BAD = Path(__file__).parent / "bad"

# Corpus files whose mistake survives YAML 1.1 parsing into plain data, so the schema sees it.
# (Left out: duplicate keys and merge keys vanish in parsing; out-of-range durations written
# as text, like `1h`, and files that are not YAML at all cannot be judged by a schema.)
SCHEMA_DETECTS = [
    "bad-area.yaml",
    "duplicate-side.yaml",
    "duration-clock-too-long.yaml",
    "duration-fraction.yaml",
    "duration-negative.yaml",
    "duration-word.yaml",
    "duration-zero.yaml",
    "figure-mapping.yaml",
    "figure-nested-list.yaml",
    "figure-number.yaml",
    "figure-one-line.yaml",
    "figure-tab.yaml",
    "figure-too-tall.yaml",
    "figure-too-wide.yaml",
    "figure-unknown-name.yaml",
    "hold-and-reps.yaml",
    "level-misspelt.yaml",
    "level-yes.yaml",
    "missing-level.yaml",
    "missing-name.yaml",
    "missing-steps.yaml",
    "name-empty.yaml",
    "neither-hold-nor-reps.yaml",
    "phases-three.yaml",
    "position-no.yaml",
    "reps-word.yaml",
    "root-list.yaml",
    "root-scalar.yaml",
    "rounds-zero.yaml",
    "side-on.yaml",
    "steps-empty.yaml",
    "steps-not-a-list.yaml",
    "tempo-on-hold.yaml",
    "three-problems.yaml",
    "unknown-key.yaml",
    "unknown-root-key.yaml",
    "warmup-figure-misspelt.yaml",
    "warmup-scalar.yaml",
]


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema)


def test_schema_is_valid_draft_2020_12(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_every_level_forbids_fields_the_loader_does_not_know(schema: dict[str, Any]) -> None:
    defs = schema["$defs"]
    objects = [schema, defs["warmup"], defs["defaults"], defs["breathing"], defs["step"]]
    assert all(item["additionalProperties"] is False for item in objects)


def test_field_names_match_the_loader(schema: dict[str, Any]) -> None:
    defs = schema["$defs"]
    assert list(schema["properties"]) == list(ROUTINE_FIELDS)
    assert list(defs["warmup"]["properties"]) == list(WARMUP_FIELDS)
    assert list(defs["defaults"]["properties"]) == list(DEFAULT_FIELDS)
    assert list(defs["breathing"]["properties"]) == list(BREATHING_FIELDS)
    assert list(defs["step"]["properties"]) == list(STEP_FIELDS)


def test_enums_match_the_model(schema: dict[str, Any]) -> None:
    step = schema["$defs"]["step"]["properties"]
    assert schema["properties"]["level"]["enum"] == [level.value for level in Level]
    assert step["position"]["enum"] == [position.value for position in Position]
    assert step["areas"]["items"]["enum"] == list(AREAS)
    side_forms = step["sides"]["anyOf"]
    assert side_forms[0]["enum"] == ["both"] + [side.value for side in Side]
    assert side_forms[1]["items"]["enum"] == [side.value for side in Side]


def duration_fields(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every duration in the schema, by the name the loader's limits use."""
    defs = schema["$defs"]
    found: dict[str, dict[str, Any]] = {}
    for owner in (schema, defs["warmup"], defs["defaults"], defs["breathing"], defs["step"]):
        for name, spec in owner["properties"].items():
            if "anyOf" in spec and {"$ref": "#/$defs/durationText"} in spec["anyOf"]:
                limits = spec["anyOf"][0]
                found.setdefault(name, limits)
                assert limits == found[name], f"{name} has different limits in different places"
    return found


def test_duration_limits_match_the_loader(schema: dict[str, Any]) -> None:
    found = duration_fields(schema)
    assert set(found) == set(DURATION_LIMITS)
    for name, (low, high) in DURATION_LIMITS.items():
        number = found[name]
        assert (number["minimum"], number["maximum"]) == (low, high), name


def test_count_limits_match_the_loader(schema: dict[str, Any]) -> None:
    counts = {
        "rounds": schema["properties"]["rounds"],
        "reps": schema["$defs"]["step"]["properties"]["reps"],
    }
    for name, (low, high) in COUNT_LIMITS.items():
        assert (counts[name]["minimum"], counts[name]["maximum"]) == (low, high)


@pytest.mark.parametrize(
    ("text", "accepted"),
    [
        ("20", True),
        ("20s", True),
        ("1m", True),
        ("1m30s", True),
        ("1:30", True),
        ("0:01:30", True),
        ("soon", False),
        ("", False),
        ("2.5", False),
        ("-5", False),
        ("1:75", False),
    ],
)
def test_duration_pattern_agrees_with_the_loader(
    schema: dict[str, Any], text: str, accepted: bool
) -> None:
    pattern = schema["$defs"]["durationText"]["pattern"]
    assert bool(re.search(pattern, text)) is accepted
    routine = parse_routine(f"name: x\nlevel: desk\nsteps:\n  - name: y\n    hold: '{text}'\n")
    assert isinstance(routine, Routine) is accepted


@pytest.mark.parametrize("path", sorted((REPO / "routines").glob("*.yaml")), ids=lambda p: p.name)
def test_every_bundled_routine_validates(
    validator: jsonschema.Draft202012Validator, path: Path
) -> None:
    errors = [error.message for error in validator.iter_errors(yaml.safe_load(path.read_text()))]
    assert errors == []


@pytest.mark.parametrize("name", SCHEMA_DETECTS)
def test_schema_and_loader_both_reject(
    validator: jsonschema.Draft202012Validator, name: str
) -> None:
    path = BAD / name
    assert not isinstance(parse_routine(path.read_bytes()), Routine)
    assert not validator.is_valid(yaml.safe_load(path.read_text()))


def test_bundled_files_point_editors_at_the_schema() -> None:
    for path in sorted((REPO / "routines").glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=routine.schema.json", path.name


# Documents built from values both can judge: the schema and the loader must agree on each.
# Good values outnumber bad ones so that a fair share of documents are whole valid routines.
def mostly(good: list[Any], bad: list[Any]) -> st.SearchStrategy[Any]:
    return st.sampled_from(good * (12 // len(good)) + bad)


durations = mostly([5, 20, "5s", "20s"], [-1, 0, 601, 3601, "soon", 2.5])
texts = mostly(["Fold"], ["", None])
counts = mostly([1, 3], [0, 21, 101, "x"])


def maybe(
    fields: dict[str, st.SearchStrategy[Any]],
    required: dict[str, st.SearchStrategy[Any]] | None = None,
) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(required or {}, optional=fields)


breathing = maybe({"inhale": durations, "exhale": durations})
step_options: dict[str, st.SearchStrategy[Any]] = {
    "how": texts,
    "areas": st.lists(mostly(list(AREAS), ["back"]), max_size=3),
    "position": mostly([position.value for position in Position], ["bed", True]),
    "sides": st.one_of(
        mostly(["both", "left"], ["up", False]),
        st.lists(mostly(["right", "left"], ["up"]), max_size=3),
    ),
    "prepare": durations,
    "rest": durations,
    "breathing": breathing,
    "figure": mostly(
        ["cat-cow", "thread-the-needle", ["  o", " /|\\", " / \\"]],
        ["dance", 7, ["just one line"], {"pose": "cat-cow"}],
    ),
}
rarely_wrong = st.sampled_from([False] * 5 + [True])


@st.composite
def step(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = draw(maybe(step_options, {"name": texts}))
    if draw(st.booleans()):
        data["hold"] = draw(durations)
        wrong = {"reps": counts, "tempo": durations, "phases": st.just(["cow", "cat"])}
    else:
        data["reps"] = draw(counts)
        if draw(st.booleans()):
            data["tempo"] = draw(durations)
        if draw(st.booleans()):
            data["phases"] = draw(st.lists(mostly(["cow", "cat"], [""]), max_size=3))
        wrong = {"hold": durations}
    if draw(rarely_wrong):
        key = draw(st.sampled_from(sorted(wrong)))
        data[key] = draw(wrong[key])
    if draw(rarely_wrong):
        data["hodl"] = draw(durations)
    if draw(rarely_wrong):
        del data["name"]
    return data


@st.composite
def document(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = draw(
        maybe(
            {
                "summary": texts,
                "warmup": maybe({"how": texts}, {"name": texts, "duration": durations}),
                "rounds": counts,
                "defaults": maybe(
                    {
                        "prepare": durations,
                        "rest": durations,
                        "round_rest": durations,
                        "switch": durations,
                        "tempo": durations,
                        "breathing": breathing,
                    }
                ),
            },
            {
                "name": texts,
                "level": mostly([level.value for level in Level], ["expert", False]),
                "steps": st.lists(step(), max_size=3),
            },
        )
    )
    if draw(rarely_wrong):
        del data[draw(st.sampled_from(["name", "level", "steps"]))]
    return data


@settings(max_examples=300, deadline=None)
@given(document())
def test_schema_accepts_exactly_what_the_loader_accepts(
    validator: jsonschema.Draft202012Validator, data: dict[str, Any]
) -> None:
    loaded = parse_routine(yaml.safe_dump(data))
    assert isinstance(loaded, Routine) is validator.is_valid(data), loaded
