"""Plan arithmetic: a routine laid out as timed segments, with exact totals."""

from __future__ import annotations

from stretchtui.kinds import SegmentKind
from stretchtui.plan import Plan, build_plan
from stretchtui.routines import Routine, Side, parse_routine

WARMUP = "warmup: {name: March in place, duration: 1m}\n"
DEFAULTS = "defaults: {prepare: 5s, rest: 10s, round_rest: 30s, switch: 4s, tempo: 6s}\n"


def plan_of(body: str, head: str = "name: Test\nlevel: beginner\n") -> Plan:
    routine = parse_routine(head + body)
    assert isinstance(routine, Routine), [str(problem) for problem in routine]
    return build_plan(routine)


def kinds(plan: Plan) -> list[str]:
    return [segment.kind.value for segment in plan.segments]


TWO_STEPS = (
    "steps:\n  - {name: Fold, hold: 20s}\n  - {name: Twist, hold: 15s, sides: [right, left]}\n"
)


def test_total_is_the_sum_of_every_segment() -> None:
    plan = plan_of(WARMUP + DEFAULTS + "rounds: 2\n" + TWO_STEPS)
    assert plan.total_seconds == sum(segment.duration for segment in plan.segments)
    # warm-up 60; per round: 5 + 20 + 10 rest + 5 + 15 + 4 switch + 15 = 74; one round rest 30
    assert plan.total_seconds == 60 + 74 + 30 + 74


def test_segments_follow_the_routine_in_order() -> None:
    plan = plan_of(WARMUP + DEFAULTS + TWO_STEPS)
    assert kinds(plan) == [
        "warmup",
        "prepare",
        "hold",
        "rest",
        "prepare",
        "hold",
        "switch",
        "hold",
    ]


def test_sides_are_done_in_turn_with_a_switch_between() -> None:
    plan = plan_of(DEFAULTS + TWO_STEPS)
    twist = [segment for segment in plan.segments if segment.step_index == 1]
    assert [(s.kind, s.side) for s in twist] == [
        (SegmentKind.PREPARE, Side.RIGHT),
        (SegmentKind.HOLD, Side.RIGHT),
        (SegmentKind.SWITCH, Side.LEFT),
        (SegmentKind.HOLD, Side.LEFT),
    ]


def test_no_rest_after_the_final_stretch() -> None:
    plan = plan_of(DEFAULTS + "rounds: 3\n" + TWO_STEPS)
    assert plan.segments[-1].kind is SegmentKind.HOLD
    assert plan.segments[-1].side is Side.LEFT


def test_rounds_are_separated_by_the_round_rest_not_the_step_rest() -> None:
    plan = plan_of(DEFAULTS + "rounds: 3\n" + TWO_STEPS)
    round_rests = [s for s in plan.segments if s.kind is SegmentKind.ROUND_REST]
    assert [(s.duration, s.round) for s in round_rests] == [(30, 1), (30, 2)]
    assert [s.name for s in round_rests] == ["Rest before round 2", "Rest before round 3"]
    rests = [s for s in plan.segments if s.kind is SegmentKind.REST]
    assert len(rests) == 3


def test_prepare_zero_leaves_the_segment_out() -> None:
    plan = plan_of("steps:\n  - {name: Fold, hold: 20s, prepare: 0}\n")
    assert kinds(plan) == ["hold"]
    assert plan.total_seconds == 20


def test_reps_take_reps_times_tempo() -> None:
    plan = plan_of("steps:\n  - {name: Cat-Cow, reps: 10, tempo: 6s, phases: [cow, cat]}\n")
    work = plan.segments[-1]
    assert (work.kind, work.duration, work.reps, work.tempo) == (SegmentKind.REPS, 60, 10, 6)
    assert work.phases == ("cow", "cat")


def test_hold_segments_carry_no_tempo() -> None:
    plan = plan_of("steps:\n  - {name: Fold, hold: 20s}\n")
    assert plan.segments[-1].tempo is None


def test_stretch_number_counts_across_rounds_and_step_index_within_one() -> None:
    plan = plan_of(DEFAULTS + "rounds: 2\n" + TWO_STEPS)
    holds = [s for s in plan.segments if s.kind is SegmentKind.PREPARE]
    assert [(s.round, s.step_index, s.stretch_number) for s in holds] == [
        (1, 0, 1),
        (1, 1, 2),
        (2, 0, 3),
        (2, 1, 4),
    ]
    assert plan.stretch_count == 4


def test_warmup_and_round_rest_belong_to_no_stretch() -> None:
    plan = plan_of(WARMUP + DEFAULTS + "rounds: 2\n" + TWO_STEPS)
    loose = [s for s in plan.segments if s.step_index is None]
    assert [s.kind for s in loose] == [SegmentKind.WARMUP, SegmentKind.ROUND_REST]
    assert all(s.stretch_number is None for s in loose)


def test_indexes_are_positions_in_the_plan() -> None:
    plan = plan_of(WARMUP + DEFAULTS + "rounds: 2\n" + TWO_STEPS)
    assert [s.index for s in plan.segments] == list(range(len(plan.segments)))
    assert all(s.rounds == 2 for s in plan.segments)


def test_seconds_from_counts_what_is_left() -> None:
    plan = plan_of(WARMUP + DEFAULTS + TWO_STEPS)
    assert plan.seconds_from(0) == plan.total_seconds
    assert plan.seconds_from(1) == plan.total_seconds - 60
    assert plan.seconds_from(len(plan.segments)) == 0


def test_every_segment_of_a_stretch_carries_its_areas() -> None:
    plan = plan_of(
        DEFAULTS + "steps:\n"
        "  - {name: Fold, hold: 20s, areas: [lower, hamstrings]}\n"
        "  - {name: Twist, hold: 15s, sides: both, areas: [upper]}\n"
    )
    holds = [s for s in plan.segments if s.kind is SegmentKind.HOLD]
    assert [(s.name, s.areas) for s in holds] == [
        ("Fold", ("lower", "hamstrings")),
        ("Twist", ("upper",)),
        ("Twist", ("upper",)),
    ]


def test_step_rest_overrides_the_default() -> None:
    plan = plan_of(
        DEFAULTS + "steps:\n  - {name: Fold, hold: 20s, rest: 3s}\n  - {name: Twist, hold: 5s}\n"
    )
    rest = next(s for s in plan.segments if s.kind is SegmentKind.REST)
    assert rest.duration == 3
    assert rest.step_index == 0
