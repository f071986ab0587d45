"""Cue texts: one plain line for each thing the session says."""

from __future__ import annotations

import pytest

from stretchtui.cues import Cue, spoken_duration
from stretchtui.kinds import CueKind, SegmentKind
from stretchtui.plan import Plan, Segment, build_plan
from stretchtui.routines import Routine, parse_routine

ROUTINE = """
name: Cue texts
level: beginner
summary: For the cue tests.
warmup: {name: March in place, duration: 1m}
rounds: 2
defaults: {prepare: 5s, rest: 10s, switch: 5s, round_rest: 20s}
steps:
  - name: Cat-Cow Pose
    reps: 10
    tempo: 6s
    phases: [cow, cat]
  - name: Thread the Needle
    hold: 25s
    sides: [right, left]
"""


@pytest.fixture
def plan() -> Plan:
    routine = parse_routine(ROUTINE)
    assert isinstance(routine, Routine), routine
    return build_plan(routine)


def first(plan: Plan, kind: SegmentKind) -> Segment:
    return next(segment for segment in plan.segments if segment.kind is kind)


def start_text(segment: Segment) -> str:
    return Cue(CueKind.SEGMENT_START, segment, 0.0).text


def test_segment_start_says_what_is_starting_and_for_how_long(plan: Plan) -> None:
    assert start_text(first(plan, SegmentKind.WARMUP)) == "Warm-up: March in place, 1 minute."
    assert start_text(first(plan, SegmentKind.PREPARE)) == "Get ready: Cat-Cow Pose."
    assert start_text(first(plan, SegmentKind.REPS)) == "Cat-Cow Pose: 10 reps, one breath each."
    assert start_text(first(plan, SegmentKind.REST)) == "Rest 10 seconds."
    assert (
        start_text(first(plan, SegmentKind.ROUND_REST)) == "Rest before round 2: rest 20 seconds."
    )


def test_hold_start_names_the_side(plan: Plan) -> None:
    hold = first(plan, SegmentKind.HOLD)
    assert start_text(hold) == "Hold Thread the Needle (RIGHT side) for 25 seconds."


def test_switch_sides_names_the_side_coming_up(plan: Plan) -> None:
    switch = first(plan, SegmentKind.SWITCH)
    assert Cue(CueKind.SWITCH_SIDES, switch, 0.0).text == "Switch sides: LEFT side next."
    assert start_text(switch) == "Come out of the stretch slowly."


def test_breathing_cues_name_the_movement_phases_of_a_rep(plan: Plan) -> None:
    reps = first(plan, SegmentKind.REPS)
    assert Cue(CueKind.BREATHE_IN, reps, 0.0).text == "Breathe in, cow."
    assert Cue(CueKind.BREATHE_OUT, reps, 3.0).text == "Breathe out, cat."


def test_breathing_cues_in_a_hold_have_no_phase(plan: Plan) -> None:
    hold = first(plan, SegmentKind.HOLD)
    assert Cue(CueKind.BREATHE_IN, hold, 0.0).text == "Breathe in, lengthen."
    assert Cue(CueKind.BREATHE_OUT, hold, 4.0).text == "Breathe out, ease in."


def test_rep_and_countdown_carry_their_numbers(plan: Plan) -> None:
    reps = first(plan, SegmentKind.REPS)
    assert Cue(CueKind.REP, reps, 6.0, 2, 10).text == "Rep 2 of 10."
    assert Cue(CueKind.COUNTDOWN, reps, 57.0, 3).text == "3…"


def test_safety_reminders_differ_for_holds_and_reps(plan: Plan) -> None:
    hold = first(plan, SegmentKind.HOLD)
    no_bounce = Cue(CueKind.NO_BOUNCE, hold, 0.0).text
    slow = Cue(CueKind.SLOW_AND_CONTROLLED, first(plan, SegmentKind.REPS), 0.0).text
    assert "bounc" in no_bounce
    assert "pain" in no_bounce
    assert "slowly" in slow


def test_stretch_done_names_the_stretch(plan: Plan) -> None:
    hold = first(plan, SegmentKind.HOLD)
    assert Cue(CueKind.STRETCH_DONE, hold, 25.0).text == "Thread the Needle done."


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (1, "1 second"),
        (45, "45 seconds"),
        (60, "1 minute"),
        (90, "1 minute 30 seconds"),
        (300, "5 minutes"),
        (0, "0 seconds"),
    ],
)
def test_durations_are_spoken_in_words(seconds: int, words: str) -> None:
    assert spoken_duration(seconds) == words
