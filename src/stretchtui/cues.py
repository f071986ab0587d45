"""Cue events: what the session engine announces, for the screen, the speaker and the log."""

from __future__ import annotations

from dataclasses import dataclass

from stretchtui.kinds import CueKind
from stretchtui.plan import Segment, breath_cycle


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
    """The cue's line, from its kind's text (kinds.CUE_TRAITS) filled in for this cue."""
    segment = cue.segment
    return cue.kind.traits.text.format(
        segment_start=segment_start_text(segment),
        name=segment.name,
        value=cue.value,
        total=cue.total,
        moving_in=breath_movement(segment, inhaling=True) or "lengthen",
        moving_out=breath_movement(segment, inhaling=False) or "ease in",
        coming_side=f"{segment.side.value.upper()} side" if segment.side else "the other side",
    )


def breath_movement(segment: Segment, *, inhaling: bool) -> str | None:
    """The movement made on this breath (`turn`, `come back`), if the step names one."""
    cycle = breath_cycle(segment)
    if cycle is None:
        return None
    return next((b.movement for b in cycle if b.inhaling is inhaling), None)


def spoken_duration(seconds: int) -> str:
    """`45 seconds`, `1 minute 30 seconds`: words a screen reader says well."""
    minutes, rest = divmod(seconds, 60)
    parts: list[str] = []
    if minutes:
        parts.append(f"{minutes} minute{'' if minutes == 1 else 's'}")
    if rest or not minutes:
        parts.append(f"{rest} second{'' if rest == 1 else 's'}")
    return " ".join(parts)


def segment_start_text(segment: Segment) -> str:
    """What the start of a segment says, from its kind's text (kinds.SEGMENT_TRAITS)."""
    return segment.kind.traits.start_text.format(
        name=segment.name,
        side=f" ({segment.side.value.upper()} side)" if segment.side else "",
        duration=spoken_duration(segment.duration),
        reps=segment.reps,
    )
