"""Cue events: what the session engine announces, for the screen, the speaker and the log."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from stretchtui.plan import Segment, SegmentKind


class CueKind(StrEnum):
    SEGMENT_START = "segment_start"
    COUNTDOWN = "countdown"  # value: 3, 2, 1
    HALFWAY = "halfway"
    BREATHE_IN = "breathe_in"
    BREATHE_OUT = "breathe_out"
    REP = "rep"  # value: n, total: N
    SWITCH_SIDES = "switch_sides"
    NO_BOUNCE = "no_bounce"  # static holds: hold steady, mild tension, never sharp pain
    SLOW_AND_CONTROLLED = "slow_and_controlled"  # dynamic reps
    STRETCH_DONE = "stretch_done"
    SESSION_DONE = "session_done"


@dataclass(frozen=True)
class Cue:
    """Something to tell the person, at `offset` seconds into `segment`."""

    kind: CueKind
    segment: Segment
    offset: float
    value: int | None = None
    total: int | None = None

    @property
    def text(self) -> str:
        """One line of plain words for the cue (plain mode, screen readers, logs)."""
        return describe(self)


def describe(cue: Cue) -> str:
    segment = cue.segment
    kind = cue.kind
    if kind is CueKind.SEGMENT_START:
        return _segment_start_text(segment)
    if kind is CueKind.COUNTDOWN:
        return f"{cue.value}…"
    if kind is CueKind.HALFWAY:
        return "Halfway there."
    if kind is CueKind.BREATHE_IN:
        phase = f" ({segment.phases[0]})" if segment.phases else ""
        return f"Breathe in{phase}, lengthen."
    if kind is CueKind.BREATHE_OUT:
        phase = f" ({segment.phases[1]})" if segment.phases else ""
        return f"Breathe out{phase}, ease in."
    if kind is CueKind.REP:
        return f"Rep {cue.value} of {cue.total}."
    if kind is CueKind.SWITCH_SIDES:
        side = f"{segment.side.value.upper()} side" if segment.side else "the other side"
        return f"Switch sides: {side} next."
    if kind is CueKind.NO_BOUNCE:
        return "Hold still, no bouncing: a gentle pull, never sharp pain."
    if kind is CueKind.SLOW_AND_CONTROLLED:
        return "Move slowly and smoothly, no jerking."
    if kind is CueKind.STRETCH_DONE:
        return f"{segment.name} done."
    return "Session complete. Well done."


def spoken_duration(seconds: int) -> str:
    """`45 seconds`, `1 minute 30 seconds`: words a screen reader says well."""
    minutes, rest = divmod(seconds, 60)
    parts: list[str] = []
    if minutes:
        parts.append(f"{minutes} minute{'' if minutes == 1 else 's'}")
    if rest or not minutes:
        parts.append(f"{rest} second{'' if rest == 1 else 's'}")
    return " ".join(parts)


def _segment_start_text(segment: Segment) -> str:
    side = f" ({segment.side.value.upper()} side)" if segment.side else ""
    kind = segment.kind
    if kind is SegmentKind.WARMUP:
        return f"Warm-up: {segment.name}, {spoken_duration(segment.duration)}."
    if kind is SegmentKind.PREPARE:
        return f"Get ready: {segment.name}{side}."
    if kind is SegmentKind.HOLD:
        return f"Hold {segment.name}{side} for {spoken_duration(segment.duration)}."
    if kind is SegmentKind.REPS:
        return f"{segment.name}{side}: {segment.reps} reps, one breath each."
    if kind is SegmentKind.SWITCH:
        # The switch-sides cue names the side; this line says how to leave the first one.
        return "Come out of the stretch slowly."
    if kind is SegmentKind.ROUND_REST:
        return f"{segment.name}: rest {spoken_duration(segment.duration)}."
    return f"Rest {spoken_duration(segment.duration)}."
