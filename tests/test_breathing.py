"""Breathing fits the movement: the effort breath of a rep, breaths fitted to each hold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from memory_store import MemoryStore
from stretchtui.clock import FakeClock
from stretchtui.cues import Cue
from stretchtui.kinds import CueKind, SegmentKind
from stretchtui.plan import SHORTEST_BREATH, Plan, Segment, breath_cycle, build_plan
from stretchtui.routines import Effort, Routine, load_routine, parse_routine
from stretchtui.session import Session

REPO = Path(__file__).resolve().parent.parent

TWIST = """
name: Twist test
level: desk
defaults: {prepare: 2s}
steps:
  - name: Standing Torso Twist
    reps: 2
    tempo: 6s
    phases: [turn, come back]
    effort: exhale
"""


def plan_of(text: str) -> Plan:
    routine = parse_routine(text)
    assert isinstance(routine, Routine), routine
    return build_plan(routine)


def hold_of(seconds: int, inhale: int = 4, exhale: int = 6) -> str:
    return (
        f"name: Hold\nlevel: desk\ndefaults: {{prepare: 2s, breathing: "
        f"{{inhale: {inhale}s, exhale: {exhale}s}}}}\n"
        f"steps:\n  - name: Fold\n    hold: {seconds}s\n"
    )


def work(plan: Plan) -> Segment:
    return next(segment for segment in plan.segments if segment.kind.is_work)


def cues_during(plan: Plan, segment: Segment) -> list[Cue]:
    """Every cue of `segment`, running the session through it on a fake clock."""
    clock = FakeClock(0.0)
    session = Session(plan, clock, observers=[MemoryStore()])
    found = session.start()
    while not session.is_finished:
        clock.advance(0.25)
        found += session.update()
    return [cue for cue in found if cue.segment.index == segment.index]


def test_the_twist_breathes_out_into_the_turn_and_in_to_come_back() -> None:
    plan = plan_of(TWIST)
    reps = work(plan)
    said = [
        (cue.offset, cue.text)
        for cue in cues_during(plan, reps)
        if cue.kind in (CueKind.BREATHE_IN, CueKind.BREATHE_OUT)
    ]
    assert said == [
        (0.0, "Breathe out, turn."),
        (3.0, "Breathe in, come back."),
        (6.0, "Breathe out, turn."),
        (9.0, "Breathe in, come back."),
    ]


def test_the_breath_guide_starts_a_twist_rep_breathing_out() -> None:
    plan = plan_of(TWIST)
    clock = FakeClock(0.0)
    session = Session(plan, clock, observers=[MemoryStore()])
    session.start()
    clock.advance(2.0 + 1.0)  # the prepare, then a second into the first rep
    session.update()
    breath = session.breath()
    assert breath is not None and not breath.inhaling and breath.length == 3.0
    clock.advance(3.0)
    session.update()
    breath = session.breath()
    assert breath is not None and breath.inhaling


def test_without_an_effort_the_first_movement_is_on_the_breath_in() -> None:
    plan = plan_of(TWIST.replace("    effort: exhale\n", ""))
    cycle = breath_cycle(work(plan))
    assert cycle is not None
    first, second = cycle
    assert (first.inhaling, first.movement) == (True, "turn")
    assert (second.inhaling, second.movement) == (False, "come back")


@pytest.mark.parametrize("seconds", [5, 8, 10, 15, 20, 25, 30, 45, 60, 90])
def test_breaths_fill_a_hold_whole_none_short_none_over_the_countdown(seconds: int) -> None:
    plan = plan_of(hold_of(seconds))
    hold = work(plan)
    cycle = breath_cycle(hold)
    assert cycle is not None
    breath_in, breath_out = cycle
    assert breath_in.seconds >= SHORTEST_BREATH and breath_out.seconds >= 3
    whole = seconds / (breath_in.seconds + breath_out.seconds)
    assert whole == pytest.approx(round(whole))
    breaths = [
        cue
        for cue in cues_during(plan, hold)
        if cue.kind in (CueKind.BREATHE_IN, CueKind.BREATHE_OUT)
    ]
    assert breaths[-1].kind is CueKind.BREATHE_OUT
    assert breaths[-1].offset <= seconds - 3  # before the 3-2-1
    lengths = [b.offset - a.offset for a, b in zip(breaths, breaths[1:], strict=False)]
    assert min([*lengths, seconds - breaths[-1].offset]) >= SHORTEST_BREATH


@pytest.mark.parametrize("seconds", [15, 25])
def test_the_articles_odd_holds_no_longer_cut_the_last_breath(seconds: int) -> None:
    cycle = breath_cycle(work(plan_of(hold_of(seconds))))
    assert cycle is not None
    breath_in, breath_out = cycle
    # 4 s in, 6 s out, stretched or squeezed to two whole breaths.
    assert (breath_in.seconds, breath_out.seconds) == (seconds * 0.2, seconds * 0.3)


def test_a_hold_too_short_to_breathe_through_gets_the_countdown_alone() -> None:
    plan = plan_of(hold_of(4))
    hold = work(plan)
    assert breath_cycle(hold) is None
    kinds = {cue.kind for cue in cues_during(plan, hold)}
    assert CueKind.BREATHE_IN not in kinds and CueKind.COUNTDOWN in kinds


def test_the_bundled_twist_exhales_into_the_turn_three_seconds_each_way() -> None:
    routine = load_routine(REPO / "routines" / "intermediate.yaml")
    [twist] = [step for step in routine.steps if step.name == "Standing Torso Twist"]
    assert twist.effort is Effort.EXHALE
    assert twist.phases == ("turn", "come back")
    assert twist.tempo / 2 >= 3


def test_every_bundled_hold_breathes_whole_breaths() -> None:
    for path in sorted((REPO / "routines").glob("*.yaml")):
        for segment in build_plan(load_routine(path)).segments:
            if segment.kind is SegmentKind.HOLD and segment.breathing:
                cycle = breath_cycle(segment)
                assert cycle is not None, (path.name, segment.name)
                assert min(b.seconds for b in cycle) >= SHORTEST_BREATH


def test_effort_on_a_hold_is_refused() -> None:
    problems = parse_routine(hold_of(20) + "    effort: exhale\n")
    assert isinstance(problems, list)
    assert [(p.field, p.message) for p in problems] == [
        ("steps[0].effort", "only applies to a stretch with reps")
    ]


def test_effort_must_be_inhale_or_exhale() -> None:
    problems = parse_routine(TWIST.replace("effort: exhale", "effort: sideways"))
    assert isinstance(problems, list)
    assert [(p.field, p.message, p.line) for p in problems] == [
        ("steps[0].effort", "expected one of inhale, exhale; got sideways", 10)
    ]


def test_the_schema_knows_effort_as_the_loader_does() -> None:
    schema = json.loads((REPO / "routines" / "routine.schema.json").read_text(encoding="utf-8"))
    effort = schema["$defs"]["step"]["properties"]["effort"]
    assert effort["enum"] == [value.value for value in Effort]


def test_quick_breaths_a_routine_asks_for_are_kept_never_cut_shorter() -> None:
    cycle = breath_cycle(work(plan_of(hold_of(6, inhale=1, exhale=1))))
    assert cycle is not None
    assert [b.seconds for b in cycle] == [1.0, 1.0]
    cycle = breath_cycle(work(plan_of(hold_of(7, inhale=1, exhale=1))))
    assert cycle is not None
    assert min(b.seconds for b in cycle) >= 1.0
