"""What a session leaves behind, and the interface of anything that keeps it.

The session engine reports to a SessionObserver as it goes; the history store
is one (and keeps sessions in memory when its file cannot be written).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    # Only named in annotations: the history reads records (`stats`, `status`) without
    # the plan builder and the routine model behind it.
    from stretchtui.plan import Plan, Segment


class SessionStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    ENDED_EARLY = "ended_early"
    INTERRUPTED = "interrupted"


class Feeling(StrEnum):
    BETTER = "better"
    SAME = "same"
    WORSE = "worse"


@dataclass(frozen=True)
class SegmentRun:
    """One pass through a segment. Going back and redoing a stretch makes a second run."""

    segment: Segment
    started_at: datetime
    ended_at: datetime
    planned_seconds: float
    active_seconds: float
    paused_seconds: float
    skipped: bool

    @property
    def done(self) -> bool:
        return not self.skipped


@dataclass(frozen=True)
class SessionInfo:
    """What is known when a session starts."""

    session_id: str
    plan: Plan
    started_at: datetime
    resumed: bool = False
    """True when this carries on an earlier, interrupted part of the same session (same record)."""

    @property
    def planned_seconds(self) -> int:
        return self.plan.total_seconds


@dataclass(frozen=True)
class EarlierPart:
    """What an interrupted session had done, for the engine to carry on from (`stretchtui resume`).

    Its runs and paused time count in the resumed session's totals; the time between
    the two parts, when nothing ran, counts as neither.
    """

    session_id: str
    started_at: datetime
    runs: tuple[SegmentRun, ...]
    paused_seconds: float


@dataclass(frozen=True)
class SessionResult:
    info: SessionInfo
    status: SessionStatus
    ended_at: datetime
    active_seconds: float
    paused_seconds: float
    runs: tuple[SegmentRun, ...]

    @property
    def plan(self) -> Plan:
        return self.info.plan

    def stretches(self) -> tuple[list[str], list[str]]:
        """Names of the stretches done and skipped, in plan order, each stretch once.

        A stretch counts as done when all of its work (every side) was done in
        some pass; skipped when it was reached but some of its work was skipped
        or never reached because the session ended early.
        """
        done_work = {
            run.segment.index for run in self.runs if run.segment.kind.is_work and run.done
        }
        done: list[str] = []
        skipped: list[str] = []
        seen: set[int] = set()
        for segment in self.plan.segments:
            if not segment.kind.is_work or segment.stretch_number is None:
                continue
            if segment.stretch_number in seen:
                continue
            seen.add(segment.stretch_number)
            work = [
                s.index
                for s in self.plan.segments
                if s.kind.is_work and s.stretch_number == segment.stretch_number
            ]
            label = (
                segment.name
                if self.plan.routine.rounds == 1
                else f"{segment.name} (round {segment.round})"
            )
            if all(index in done_work for index in work):
                done.append(label)
            else:
                skipped.append(label)
        return done, skipped


@dataclass(frozen=True)
class CheckIn:
    """The person's answer after a session: how the back feels, and any warning signs."""

    feeling: Feeling | None = None
    warning_signs: bool = False


class SessionObserver(Protocol):
    def session_started(self, info: SessionInfo) -> None: ...

    def segment_ended(self, run: SegmentRun) -> None: ...

    def session_ended(self, result: SessionResult) -> None: ...


class SessionStore(SessionObserver, Protocol):
    """Keeps sessions. `warning` is one calm line for the screen when it cannot."""

    @property
    def warning(self) -> str | None: ...

    def save_checkin(self, session_id: str, checkin: CheckIn) -> None: ...

    def close(self) -> None: ...
