"""The kinds tables: every segment kind and every cue kind has an entry that means something.

Each test loops over every member, so a new kind without its entry fails here, not in a session.
"""

from __future__ import annotations

import pytest

from stretchtui.audio import sound_for
from stretchtui.audio.sounds import GROUP, PRIORITY
from stretchtui.config import CUE_GROUPS
from stretchtui.cues import Cue, describe, segment_start_text
from stretchtui.kinds import CUE_TRAITS, SEGMENT_TRAITS, CueKind, CueSound, SegmentKind
from stretchtui.plan import Plan, Segment, build_plan
from stretchtui.routines import Routine, parse_routine

# One routine with a segment of every kind.
EVERY_KIND = """
name: Every kind
level: beginner
summary: A segment of every kind.
warmup: {name: March in place, duration: 1m}
rounds: 2
defaults: {prepare: 5s, rest: 10s, switch: 5s, round_rest: 20s}
steps:
  - name: Cat-Cow Pose
    reps: 4
    tempo: 6s
    phases: [cow, cat]
  - name: Thread the Needle
    hold: 25s
    sides: [right, left]
cooldown: {name: Slow breathing, duration: 1m}
"""


@pytest.fixture(scope="module")
def plan() -> Plan:
    routine = parse_routine(EVERY_KIND)
    assert isinstance(routine, Routine), routine
    return build_plan(routine)


def first(plan: Plan, kind: SegmentKind) -> Segment:
    return next(segment for segment in plan.segments if segment.kind is kind)


def test_the_sample_plan_has_a_segment_of_every_kind(plan: Plan) -> None:
    assert {segment.kind for segment in plan.segments} == set(SegmentKind)


def test_every_segment_kind_has_traits() -> None:
    assert set(SEGMENT_TRAITS) == set(SegmentKind)


@pytest.mark.parametrize("kind", list(SegmentKind))
def test_every_segment_kind_has_a_title_and_its_own_start_line(
    plan: Plan, kind: SegmentKind
) -> None:
    traits = kind.traits
    assert traits.title.strip() and traits.title == traits.title.upper()
    text = segment_start_text(first(plan, kind))
    assert text.strip() and "{" not in text and "\n" not in text
    others = {segment_start_text(first(plan, other)) for other in SegmentKind if other is not kind}
    assert text not in others


@pytest.mark.parametrize("kind", list(SegmentKind))
def test_every_segment_kind_reminder_is_both_wordings_or_none(kind: SegmentKind) -> None:
    wide, narrow = kind.traits.reminder
    assert bool(wide) == bool(narrow)
    assert len(narrow) <= 38, "the narrow wording must fit a 40-column terminal"
    assert len(narrow) <= len(wide)


@pytest.mark.parametrize("kind", list(SegmentKind))
def test_every_segment_kind_start_sound_is_what_its_start_cue_plays(
    plan: Plan, kind: SegmentKind
) -> None:
    start = Cue(CueKind.SEGMENT_START, first(plan, kind), 0.0)
    assert sound_for(start) is kind.traits.start_sound


def test_work_and_rest_are_apart_and_work_is_what_the_record_counts() -> None:
    for kind in SegmentKind:
        traits = kind.traits
        assert not (traits.is_work and traits.is_rest), kind
        assert kind.is_work is traits.is_work
    assert {kind for kind in SegmentKind if kind.is_work} == {
        SegmentKind.WARMUP,
        SegmentKind.HOLD,
        SegmentKind.REPS,
        SegmentKind.COOLDOWN,
    }


def test_every_cue_kind_has_traits_and_its_own_place_at_one_instant() -> None:
    assert set(CUE_TRAITS) == set(CueKind)
    ranks = sorted(kind.traits.rank for kind in CueKind)
    assert ranks == list(range(len(CueKind)))


@pytest.mark.parametrize("kind", list(CueKind))
def test_every_cue_kind_has_its_own_line_of_text(plan: Plan, kind: CueKind) -> None:
    hold = first(plan, SegmentKind.HOLD)
    text = describe(Cue(kind, hold, 0.0, 1, 4))
    assert text.strip() and "{" not in text and "\n" not in text
    others = {describe(Cue(other, hold, 0.0, 1, 4)) for other in CueKind if other is not kind}
    assert text not in others, f"{kind} says what another kind says"


@pytest.mark.parametrize("kind", list(CueKind))
def test_every_cue_kind_sounds_as_its_table_says(plan: Plan, kind: CueKind) -> None:
    hold = first(plan, SegmentKind.HOLD)
    expected = hold.kind.traits.start_sound if kind is CueKind.SEGMENT_START else kind.traits.sound
    assert sound_for(Cue(kind, hold, 0.0, 1, 4)) is expected


def test_every_shipped_sound_is_made_by_some_kind() -> None:
    made = {kind.traits.sound for kind in CueKind} | {
        kind.traits.start_sound for kind in SegmentKind
    }
    assert made - {None} == set(CueSound)


@pytest.mark.parametrize("sound", list(CueSound))
def test_every_sound_has_a_priority_and_a_config_group(sound: CueSound) -> None:
    assert sound in PRIORITY, "the player could not choose between it and another sound"
    assert GROUP.get(sound) in CUE_GROUPS, "no config.yaml `cues` group would switch it"


def test_the_stage_flashes_only_where_what_to_do_changes() -> None:
    # A flash for every breath or rep would blink all session long; these are the moments
    # a person across the room must not miss.
    flashing = {kind for kind in CueKind if kind.traits.flashes}
    assert flashing == {
        CueKind.SEGMENT_START,
        CueKind.COUNTDOWN,
        CueKind.SWITCH_SIDES,
        CueKind.SESSION_DONE,
    }
