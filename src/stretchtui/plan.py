"""Routine → Plan: the session laid out as a flat list of timed segments."""

from __future__ import annotations

import math
from dataclasses import dataclass

from stretchtui.figures import Figure
from stretchtui.kinds import Pacing, SegmentKind
from stretchtui.routines.model import Breathing, Effort, Position, Routine, Side, Step

READING_WORDS_PER_SECOND = 2.5
"""A calm reading pace, aloud or not."""
LONGEST_FIRST_PREPARE = 15
"""The first get-ready of a stretch never waits longer than this to let its how-to be read."""
SHORTEST_BREATH = 2.0
"""No breath in a hold is paced shorter than this."""
SHORTEST_LAST_BREATH_OUT = 3.0
"""The last breath out of a hold starts at least this long before its end, so it is
never spoken over the 3-2-1 countdown."""


@dataclass(frozen=True)
class Segment:
    """One timed piece of a session.

    `step_index` and `stretch_number` point at the stretch the segment belongs to
    (for prepare: the one about to start); they are None for the warm-up and the
    rest between rounds.
    """

    index: int
    kind: SegmentKind
    name: str
    how: str
    duration: int
    round: int
    rounds: int
    step_index: int | None = None
    stretch_number: int | None = None
    side: Side | None = None
    reps: int | None = None
    tempo: int | None = None
    phases: tuple[str, str] | None = None
    breathing: Breathing | None = None
    position: Position | None = None
    areas: tuple[str, ...] = ()
    effort: Effort = Effort.INHALE
    figure: Figure | None = None
    """The picture of the warm-up, stretch or cool-down it belongs to (its kind says
    whether it is shown)."""


@dataclass(frozen=True)
class Breath:
    """One half of a breathing cycle: in or out, how long, and the movement made on it."""

    inhaling: bool
    seconds: float
    movement: str | None = None


def breath_cycle(segment: Segment) -> tuple[Breath, Breath] | None:
    """The two breaths that repeat through a segment, in order; None if it is not paced by breath.

    Reps: one breath per rep, half the tempo each way; the rep's first movement
    (`phases[0]`) goes on the breath its `effort` names. Holds: the step's pattern,
    stretched or squeezed so a whole number of breaths fills the planned hold, so
    no breath is cut short and the last breath out starts before the 3-2-1.
    """
    pacing = segment.kind.traits.pacing
    if pacing is Pacing.REPS and segment.tempo:
        half = segment.tempo / 2
        first, second = segment.phases or (None, None)
        out_first = segment.effort is Effort.EXHALE
        return (Breath(not out_first, half, first), Breath(out_first, half, second))
    if pacing is Pacing.BREATHS and segment.breathing:
        return _fitted(segment.breathing, segment.duration)
    return None


def _fitted(breathing: Breathing, duration: int) -> tuple[Breath, Breath] | None:
    cycle = breathing.inhale + breathing.exhale
    count = max(1, round(duration / cycle))
    # A routine that asks for quicker breaths than these gets them, just never shorter.
    shortest_in = min(SHORTEST_BREATH, breathing.inhale)
    shortest_out = min(max(SHORTEST_BREATH, SHORTEST_LAST_BREATH_OUT), breathing.exhale)
    while count >= 1:
        scale = duration / (count * cycle)
        inhale, exhale = breathing.inhale * scale, breathing.exhale * scale
        if inhale >= shortest_in and exhale >= shortest_out:
            return (Breath(True, inhale), Breath(False, exhale))
        count -= 1
    return None  # a hold too short to breathe through calmly: the countdown alone


@dataclass(frozen=True)
class Plan:
    routine: Routine
    segments: tuple[Segment, ...]

    @property
    def total_seconds(self) -> int:
        return sum(segment.duration for segment in self.segments)

    @property
    def stretch_count(self) -> int:
        """Stretches done in the session: each step once per round."""
        return len(self.routine.steps) * self.routine.rounds

    def seconds_from(self, index: int) -> int:
        """Planned seconds from the start of segment `index` to the end."""
        return sum(segment.duration for segment in self.segments[index:])


def build_plan(routine: Routine) -> Plan:
    """Expand a routine: warm-up, then per round, per stretch, per side, with the rests between."""
    segments: list[Segment] = []

    def add(kind: SegmentKind, duration: int, **fields: object) -> None:
        if duration > 0:
            segments.append(
                Segment(
                    index=len(segments),
                    kind=kind,
                    duration=duration,
                    rounds=routine.rounds,
                    **fields,  # type: ignore[arg-type]
                )
            )

    if routine.warmup is not None:
        warmup = routine.warmup
        add(
            SegmentKind.WARMUP,
            warmup.duration,
            name=warmup.name,
            how=warmup.how,
            round=1,
            figure=warmup.figure,
        )

    last_step = len(routine.steps) - 1
    stretch_number = 0
    for round_number in range(1, routine.rounds + 1):
        for step_index, step in enumerate(routine.steps):
            stretch_number += 1
            common = _step_fields(step, step_index, stretch_number, round_number)
            sides: tuple[Side | None, ...] = step.sides or (None,)
            add(SegmentKind.PREPARE, _prepare(step, round_number), side=sides[0], **common)
            for side_number, side in enumerate(sides):
                if side_number:
                    add(SegmentKind.SWITCH, routine.defaults.switch, side=side, **common)
                work_kind = SegmentKind.HOLD if step.is_static else SegmentKind.REPS
                add(work_kind, step.work_seconds, side=side, **common)
            if step_index < last_step:
                add(SegmentKind.REST, step.rest, **{**common, "name": "Rest", "how": ""})
            elif round_number < routine.rounds:
                add(
                    SegmentKind.ROUND_REST,
                    routine.defaults.round_rest,
                    name=f"Rest before round {round_number + 1}",
                    how="",
                    round=round_number,
                )
    if routine.cooldown is not None:
        cooldown = routine.cooldown
        add(
            SegmentKind.COOLDOWN,
            cooldown.duration,
            name=cooldown.name,
            how=cooldown.how,
            round=routine.rounds,
            figure=cooldown.figure,
        )
    return Plan(routine=routine, segments=tuple(segments))


def reading_seconds(text: str) -> int:
    """Whole seconds to read `text` at a calm pace, capped at LONGEST_FIRST_PREPARE."""
    words = len(text.split())
    return min(LONGEST_FIRST_PREPARE, math.ceil(words / READING_WORDS_PER_SECOND))


def _prepare(step: Step, round_number: int) -> int:
    """The get-ready time: the first time a stretch comes up, long enough to read how to do
    it (unless the routine set `prepare` itself); later rounds keep the short one."""
    if round_number > 1 or step.prepare_given:
        return step.prepare
    return max(step.prepare, reading_seconds(step.how))


def _step_fields(
    step: Step, step_index: int, stretch_number: int, round_number: int
) -> dict[str, object]:
    return {
        "name": step.name,
        "how": step.how,
        "round": round_number,
        "step_index": step_index,
        "stretch_number": stretch_number,
        "reps": step.reps,
        "tempo": step.tempo if step.reps is not None else None,
        "phases": step.phases,
        "effort": step.effort,
        "breathing": step.breathing,
        "position": step.position,
        "areas": step.areas,
        "figure": step.figure,
    }
