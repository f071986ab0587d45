"""The `figure:` field reaches every layer: checker, model, plan, kinds, session view, schema.

Each test loops over every field or kind, so a field added in one place and forgotten
in another fails here.
"""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import pytest

from stretchtui.figures import POSES, Figure, Picture
from stretchtui.kinds import SegmentKind
from stretchtui.plan import Segment, build_plan
from stretchtui.routines import Routine, Side, Step, parse_routine
from stretchtui.routines.checker import STEP_FIELDS, WARMUP_FIELDS
from stretchtui.routines.model import Cooldown, Warmup
from stretchtui.session_view import picture_of

REPO = Path(__file__).resolve().parent.parent

# Step fields the plan turns into timings and sides instead of carrying them.
PLANNED_AS_TIME = {"hold", "sides", "prepare", "rest"}

ROUTINE = """
name: Figures
level: beginner
warmup: {name: March in place, duration: 1m, figure: march-in-place}
rounds: 2
defaults: {prepare: 5s, rest: 10s, switch: 5s, round_rest: 20s}
steps:
  - name: Cat-Cow Pose
    reps: 4
    tempo: 6s
    figure: cat-cow
  - name: Thread the Needle
    hold: 25s
    sides: [right, left]
    figure: thread-the-needle
  - name: My own
    hold: 10s
    sides: both
    figure: ['  o', ' /|\\', ' / \\']
cooldown: {name: Slow breathing, duration: 1m, figure: ['  o', ' _|_']}
"""


@pytest.fixture(scope="module")
def segments() -> tuple[Segment, ...]:
    routine = parse_routine(ROUTINE)
    assert isinstance(routine, Routine), routine
    return build_plan(routine).segments


def test_every_step_field_the_checker_reads_is_a_field_of_the_step() -> None:
    assert set(STEP_FIELDS) <= {field.name for field in fields(Step)}


def test_every_warm_up_and_cool_down_field_is_a_field_of_both() -> None:
    for part in (Warmup, Cooldown):
        assert set(WARMUP_FIELDS) <= {field.name for field in fields(part)}


def test_every_step_field_reaches_the_plan_or_becomes_its_timing() -> None:
    carried = {field.name for field in fields(Segment)}
    assert set(STEP_FIELDS) - PLANNED_AS_TIME <= carried


def test_the_schema_offers_a_figure_wherever_the_loader_reads_one() -> None:
    schema = json.loads((REPO / "routines" / "routine.schema.json").read_text(encoding="utf-8"))
    defs = schema["$defs"]
    for owner in ("warmup", "cooldown", "step"):
        assert defs[owner]["properties"]["figure"] == {"$ref": "#/$defs/figure"}
    assert defs["figure"]["anyOf"][0]["enum"] == list(POSES)


def test_every_segment_carries_the_figure_of_its_part(segments: tuple[Segment, ...]) -> None:
    by_name = {
        "March in place": Figure(pose="march-in-place"),
        "Cat-Cow Pose": Figure(pose="cat-cow"),
        "Thread the Needle": Figure(pose="thread-the-needle"),
        "My own": Figure(drawing=(" o", "/|\\", "/ \\")),
        "Slow breathing": Figure(drawing=(" o", "_|_")),
    }
    for segment in segments:
        if segment.kind in (SegmentKind.REST, SegmentKind.ROUND_REST):
            continue
        assert segment.figure == by_name[segment.name], segment


@pytest.mark.parametrize("kind", list(SegmentKind))
def test_every_segment_kind_says_whether_its_figure_is_shown(
    segments: tuple[Segment, ...], kind: SegmentKind
) -> None:
    segment = next(segment for segment in segments if segment.kind is kind)
    shown = picture_of(segment)
    # Rests look ahead (the stage says what is next): the stretch just done is not shown.
    assert (shown is not None) is (kind not in (SegmentKind.REST, SegmentKind.ROUND_REST))
    assert kind.traits.shows_figure is (shown is not None)


def test_a_built_in_pose_is_mirrored_for_the_left_side(segments: tuple[Segment, ...]) -> None:
    needle = Figure(pose="thread-the-needle")
    shown = {
        (segment.kind, segment.side): picture_of(segment)
        for segment in segments
        if segment.name == "Thread the Needle"
    }
    assert shown[(SegmentKind.HOLD, Side.RIGHT)] == Picture(needle, mirrored=False)
    assert shown[(SegmentKind.HOLD, Side.LEFT)] == Picture(needle, mirrored=True)
    # The switch already shows the side coming up.
    assert shown[(SegmentKind.SWITCH, Side.LEFT)] == Picture(needle, mirrored=True)


def test_a_drawing_of_the_routine_is_never_mirrored(segments: tuple[Segment, ...]) -> None:
    own = [segment for segment in segments if segment.name == "My own" and segment.side]
    assert {picture_of(segment) for segment in own if segment.kind is SegmentKind.HOLD} == {
        Picture(Figure(drawing=(" o", "/|\\", "/ \\")), mirrored=False)
    }
