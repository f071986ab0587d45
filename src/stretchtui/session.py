"""The session engine: walks a Plan against an injected clock and announces cues.

Time left is always `deadline - now`: the engine never counts ticks, so a slow
or irregular caller can only delay when a cue is noticed, never shift the
schedule. Each segment starts at the previous one's deadline, so no error
builds up along a session. Skip, back, restart and end start the next segment
at the moment they are pressed.

A look that comes much later than a due cue means the program was not running
(a closed lid, SIGSTOP, a stopped VM): the session then pauses where it was last
looked at, instead of replaying everything it missed, and the time away counts
as paused.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import assert_never

from stretchtui.clock import SessionClock, WallClock, wall_clock
from stretchtui.cues import Cue
from stretchtui.kinds import CueKind, Pacing
from stretchtui.plan import Plan, Segment, breath_cycle
from stretchtui.records import (
    EarlierPart,
    SegmentRun,
    SessionInfo,
    SessionObserver,
    SessionResult,
    SessionStatus,
)

EXTEND_SECONDS = 10
MAX_EXTENSION = 300
COUNTDOWN_FROM = 3
LOOK_EVERY_SECONDS = 1.0


class SessionState(StrEnum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


@dataclass(frozen=True)
class BreathPhase:
    """Where the breath is: `inhaling` or not, and how far through that half (0 to 1)."""

    inhaling: bool
    progress: float
    seconds_left: float
    length: float = 0.0
    """Seconds this half of the breath lasts."""


@dataclass(frozen=True)
class Away:
    """A time the program was not running: from `since` (last seen) to `noticed` (clock times)."""

    since: float
    noticed: float

    @property
    def seconds(self) -> float:
        return self.noticed - self.since


class Session:
    """One run through a plan. Call `update()` whenever convenient; it returns the cues now due."""

    def __init__(
        self,
        plan: Plan,
        clock: SessionClock,
        *,
        wall: WallClock = wall_clock,
        observers: Iterable[SessionObserver] = (),
        session_id: str | None = None,
        start_index: int = 0,
        earlier: EarlierPart | None = None,
    ) -> None:
        """`start_index` begins at that segment instead of the first; `earlier` carries on
        that session's record (its id, start, runs and paused time) instead of a new one."""
        if not plan.segments:
            raise ValueError("a plan with no segments cannot be run")
        if not 0 <= start_index < len(plan.segments):
            raise ValueError(f"no segment {start_index} in a plan of {len(plan.segments)}")
        self.plan = plan
        self._clock = clock
        self._wall = wall
        self._observers = list(observers)
        self._earlier = earlier
        self.session_id = earlier.session_id if earlier else session_id or uuid.uuid4().hex
        self.state = SessionState.READY
        self.status = SessionStatus.IN_PROGRESS
        self.runs: list[SegmentRun] = list(earlier.runs) if earlier else []
        self.info: SessionInfo | None = None
        self.result: SessionResult | None = None
        self._start_index = start_index
        self._index = start_index
        self._segment_start = 0.0
        self._segment_wall_start: datetime | None = None
        self._paused_in_segment = 0.0
        self._pause_started: float | None = None
        self._extension = 0.0
        self._processed = -math.inf
        self._schedule: list[Cue] = []
        self._paused_total = earlier.paused_seconds if earlier else 0.0
        self._started: float | None = None
        self._ended: float | None = None
        self._last_look = 0.0
        self.away: Away | None = None
        """Set while the session is paused because the program was away; cleared on resume."""

    # ------------------------------------------------------------ reading

    @property
    def clock(self) -> SessionClock:
        return self._clock

    @property
    def index(self) -> int:
        return self._index

    @property
    def segment(self) -> Segment:
        return self.plan.segments[self._index]

    @property
    def is_paused(self) -> bool:
        return self.state is SessionState.PAUSED

    @property
    def is_finished(self) -> bool:
        return self.state is SessionState.FINISHED

    @property
    def segment_duration(self) -> float:
        """The current segment's length, with any extensions."""
        return self.segment.duration + self._extension

    @property
    def elapsed(self) -> float:
        """Active seconds into the current segment (paused time does not count)."""
        if self.state is SessionState.READY:
            return 0.0
        if self.state is SessionState.FINISHED:
            return self.segment_duration if self.status is SessionStatus.COMPLETED else self._frozen
        now = self._pause_started if self._pause_started is not None else self._clock()
        return min(
            max(0.0, now - self._segment_start - self._paused_in_segment), self.segment_duration
        )

    @property
    def remaining(self) -> float:
        """Seconds left in the current segment: deadline minus now."""
        return max(0.0, self.segment_duration - self.elapsed)

    @property
    def session_remaining(self) -> float:
        """Seconds left in the whole session, as planned from here."""
        if self.state is SessionState.FINISHED:
            return 0.0
        return self.remaining + self.plan.seconds_from(self._index + 1)

    @property
    def active_seconds(self) -> float:
        finished = sum(run.active_seconds for run in self.runs)
        return finished + (self.elapsed if self.state in _LIVE else 0.0)

    @property
    def paused_seconds(self) -> float:
        current = 0.0
        if self._pause_started is not None:
            current = self._clock() - self._pause_started
        return self._paused_total + current

    @property
    def session_elapsed(self) -> float:
        """Clock seconds since `start()`, pauses included; frozen once the session is over."""
        if self._started is None:
            return 0.0
        end = self._ended if self._ended is not None else self._clock()
        return max(0.0, end - self._started)

    def next_due_in(self) -> float | None:
        """Clock seconds until the next cue or segment end; None unless running.

        A caller that waits this long and then calls `update()` never misses a cue
        and never polls in between.
        """
        if self.state is not SessionState.RUNNING:
            return None
        return max(0.0, self._due_at() - self._clock())

    def next_look_in(self) -> float | None:
        """Clock seconds until a driver should call `update()` again; None unless running.

        The next due instant, and at least once a real second, so that if the program
        is stopped, where it stopped is known to within a second.
        """
        due = self.next_due_in()
        return None if due is None else min(due, LOOK_EVERY_SECONDS * self._clock.speed)

    def _due_at(self) -> float:
        """The clock reading at which the next cue or the segment's end is due."""
        upcoming = [cue.offset for cue in self._schedule if cue.offset > self._processed]
        target = min([*upcoming, self.segment_duration])
        return self._segment_start + self._paused_in_segment + target

    @property
    def rep(self) -> int | None:
        """The repetition under way (1-based) in a reps segment."""
        segment = self.segment
        if segment.kind.traits.pacing is not Pacing.REPS or not segment.reps or not segment.tempo:
            return None
        return min(segment.reps, int(self.elapsed // segment.tempo) + 1)

    def breath(self) -> BreathPhase | None:
        """The breathing guide's position: paced by the tempo for reps, by the pattern for holds."""
        cycle = breath_cycle(self.segment)
        if cycle is None:
            return None
        first, second = cycle
        into = self.elapsed % (first.seconds + second.seconds)
        if into < first.seconds:
            return BreathPhase(
                first.inhaling, into / first.seconds, first.seconds - into, first.seconds
            )
        into -= first.seconds
        return BreathPhase(
            second.inhaling, into / second.seconds, second.seconds - into, second.seconds
        )

    def next_segment(self) -> Segment | None:
        """The segment after this one, if any."""
        following = self._index + 1
        return self.plan.segments[following] if following < len(self.plan.segments) else None

    def next_stretch(self) -> Segment | None:
        """The next work segment that belongs to a different stretch (or the next side)."""
        current = self.segment
        for segment in self.plan.segments[self._index + 1 :]:
            if segment.kind.is_work and (
                segment.stretch_number != current.stretch_number or segment.side != current.side
            ):
                return segment
        return None

    @property
    def can_extend(self) -> bool:
        return self._may_extend(EXTEND_SECONDS)

    def _may_extend(self, seconds: int) -> bool:
        return (
            self.state in _LIVE
            and seconds > 0
            and self.segment.kind.traits.extendable
            and self._extension + seconds <= MAX_EXTENSION
        )

    # ------------------------------------------------------------ driving

    def start(self) -> list[Cue]:
        """Begin at the start segment (normally the first); returns its opening cues."""
        if self.state is not SessionState.READY:
            return []
        now = self._clock()
        self._started = now
        earlier = self._earlier
        if earlier is None:
            self.info = SessionInfo(self.session_id, self.plan, self._wall())
        else:
            self.info = SessionInfo(self.session_id, self.plan, earlier.started_at, resumed=True)
        for observer in self._observers:
            observer.session_started(self.info)
        self.state = SessionState.RUNNING
        self._last_look = now
        self._enter(self._start_index, now)
        return self.update()

    def update(self) -> list[Cue]:
        """Every cue that has come due since the last call, crossing segment ends as needed.

        After time away it returns nothing and leaves the session paused (see `away`).
        """
        cues: list[Cue] = []
        if self.state is SessionState.RUNNING and self._came_back(self._clock()):
            return cues
        while self.state is SessionState.RUNNING:
            now = self._clock()
            self._last_look = now
            elapsed = now - self._segment_start - self._paused_in_segment
            cues.extend(self._due(elapsed))
            if elapsed < self.segment_duration:
                break
            deadline = self._segment_start + self._paused_in_segment + self.segment_duration
            cues.extend(self._complete_segment(deadline))
        return cues

    def _came_back(self, now: float) -> bool:
        """Pause where the session was last seen if this look is far later than anything due."""
        limit = self._clock.away_after
        if limit is None or now - self._due_at() <= limit:
            return False
        since = max(self._last_look, self._segment_start + self._paused_in_segment)
        self._pause_started = since
        self.state = SessionState.PAUSED
        self.away = Away(since, now)
        return True

    def pause(self) -> None:
        if self.state is SessionState.RUNNING:
            self.update()
            if self.state is SessionState.RUNNING:
                self._pause_started = self._clock()
                self.state = SessionState.PAUSED

    def resume(self) -> list[Cue]:
        if self.state is not SessionState.PAUSED or self._pause_started is None:
            return []
        now = self._clock()
        paused = now - self._pause_started
        self._paused_in_segment += paused
        self._paused_total += paused
        self._pause_started = None
        self.away = None
        self._last_look = now
        self.state = SessionState.RUNNING
        return self.update()

    def toggle_pause(self) -> list[Cue]:
        if self.state is SessionState.PAUSED:
            return self.resume()
        self.pause()
        return []

    def skip(self) -> list[Cue]:
        """Leave the current segment now (recorded as skipped) and start the next."""
        if self.state not in _LIVE:
            return []
        cues = self.update()
        if self.state not in _LIVE:
            return cues
        self._end_run(skipped=True)
        return cues + self._advance(self._index + 1)

    def back(self) -> list[Cue]:
        """Go to the start of the previous stretch (from a rest: the stretch just done)."""
        if self.state not in _LIVE:
            return []
        owner = self._owner(self._index)
        traits = self.segment.kind.traits
        # A rest, or the cool-down after the last stretch: back to the start of that stretch.
        if traits.is_rest or (not traits.in_round and owner > 0):
            target = self._start_of(owner)
        else:
            target = self._start_of(owner - 1) if owner > 0 else 0
        return self._jump(target)

    def restart(self) -> list[Cue]:
        """Start the current stretch again from its beginning."""
        if self.state not in _LIVE:
            return []
        return self._jump(self._start_of(self._owner(self._index)))

    def extend(self, seconds: int = EXTEND_SECONDS) -> bool:
        """Add time to the current segment (not to reps, which are paced by the tempo)."""
        if not self._may_extend(seconds):
            return False
        halfway_said = any(
            cue.kind is CueKind.HALFWAY and cue.offset <= self._processed for cue in self._schedule
        )
        self._extension += seconds
        self._schedule = self._build_schedule()
        if halfway_said:
            # The person already heard "halfway" for this hold; saying it twice would confuse.
            middle = self.segment_duration / 2
            self._schedule = [
                cue
                for cue in self._schedule
                if not (cue.kind in (CueKind.HALFWAY, CueKind.NO_BOUNCE) and cue.offset == middle)
            ]
        return True

    def end(self) -> None:
        """Stop early; what was done so far is kept."""
        if self.state not in _LIVE:
            return
        self.update()
        if self.state not in _LIVE:
            return
        self._frozen = self.elapsed
        self._end_run(skipped=True)
        self._finish(SessionStatus.ENDED_EARLY)

    # ------------------------------------------------------------ inside

    def _jump(self, target: int) -> list[Cue]:
        cues = self.update()
        if self.state not in _LIVE:
            return cues
        self._end_run(skipped=True)
        return cues + self._advance(target)

    def _advance(self, target: int) -> list[Cue]:
        if target >= len(self.plan.segments):
            self._finish(SessionStatus.COMPLETED)
            return [Cue(CueKind.SESSION_DONE, self.segment, self.segment_duration)]
        now = self._clock()
        self._enter(target, now)
        if self._pause_started is not None:
            self._paused_total += now - self._pause_started
            self._pause_started = now
            return self._due(0.0)
        return self.update()

    def _enter(self, index: int, start: float) -> None:
        self._index = index
        self._segment_start = start
        self._segment_wall_start = self._wall()
        self._paused_in_segment = 0.0
        self._extension = 0.0
        self._processed = -math.inf
        self._schedule = self._build_schedule()

    def _due(self, elapsed: float) -> list[Cue]:
        due = [cue for cue in self._schedule if self._processed < cue.offset <= elapsed]
        if elapsed > self._processed:
            self._processed = elapsed
        return due

    def _complete_segment(self, deadline: float) -> list[Cue]:
        cues = self._due(self.segment_duration)
        segment = self.segment
        self._end_run(skipped=False)
        if segment.kind.is_work and self._finishes_stretch(segment):
            cues.append(Cue(CueKind.STRETCH_DONE, segment, self.segment_duration))
        following = self._index + 1
        if following >= len(self.plan.segments):
            self._finish(SessionStatus.COMPLETED, at=deadline)
            cues.append(Cue(CueKind.SESSION_DONE, segment, self.segment_duration))
            return cues
        self._enter(following, deadline)
        return cues

    def _finishes_stretch(self, segment: Segment) -> bool:
        following = self.next_segment()
        return not (
            following is not None
            and following.stretch_number == segment.stretch_number
            and following.kind.traits.continues_stretch
        )

    def _end_run(self, *, skipped: bool) -> None:
        elapsed = self.elapsed
        run = SegmentRun(
            segment=self.segment,
            started_at=self._segment_wall_start or self._wall(),
            ended_at=self._wall(),
            planned_seconds=float(self.segment.duration),
            active_seconds=elapsed,
            paused_seconds=self._paused_in_segment
            + (self._clock() - self._pause_started if self._pause_started is not None else 0.0),
            skipped=skipped and elapsed < self.segment_duration,
        )
        self.runs.append(run)
        for observer in self._observers:
            observer.segment_ended(run)

    def _finish(self, status: SessionStatus, at: float | None = None) -> None:
        if self._pause_started is not None:
            self._paused_total += self._clock() - self._pause_started
            self._pause_started = None
        if status is SessionStatus.COMPLETED:
            self._frozen = self.segment_duration
        # A late update() must not stretch the session: it ended at its last deadline.
        self._ended = at if at is not None else self._clock()
        self.state = SessionState.FINISHED
        self.status = status
        assert self.info is not None
        self.result = SessionResult(
            info=self.info,
            status=status,
            ended_at=self._wall(),
            active_seconds=sum(run.active_seconds for run in self.runs),
            paused_seconds=self._paused_total,
            runs=tuple(self.runs),
        )
        for observer in self._observers:
            observer.session_ended(self.result)

    def _owner(self, index: int) -> int:
        """The stretch number a segment belongs to; 0 for the warm-up."""
        for segment in reversed(self.plan.segments[: index + 1]):
            if segment.stretch_number is not None:
                return segment.stretch_number
        return 0

    def _start_of(self, stretch_number: int) -> int:
        if stretch_number <= 0:
            return 0
        for segment in self.plan.segments:
            if segment.stretch_number == stretch_number:
                return segment.index
        return 0

    def _build_schedule(self) -> list[Cue]:
        segment = self.segment
        duration = self.segment_duration
        cues = [Cue(CueKind.SEGMENT_START, segment, 0.0)]

        def add(
            kind: CueKind, offset: float, value: int | None = None, total: int | None = None
        ) -> None:
            if 0 <= offset < duration or (offset == 0 and duration == 0):
                cues.append(Cue(kind, segment, offset, value, total))

        if segment.kind.traits.counts_down:
            for count in range(COUNTDOWN_FROM, 0, -1):
                offset = duration - count
                if offset > 0:
                    add(CueKind.COUNTDOWN, offset, count)
        for cue in _kind_cues(segment, duration):
            add(cue.kind, cue.offset, cue.value, cue.total)
        cues.sort(key=lambda cue: (cue.offset, cue.kind.traits.rank))
        return cues

    _frozen: float = 0.0


_LIVE = (SessionState.RUNNING, SessionState.PAUSED)


def _breath_cues(segment: Segment, duration: float) -> list[Cue]:
    """Breathe in / breathe out at each turn of the segment's breathing cycle, to its end."""
    cycle = breath_cycle(segment)
    if cycle is None:
        return []
    cues: list[Cue] = []
    offset = 0.0
    while offset < duration:
        for breath in cycle:
            kind = CueKind.BREATHE_IN if breath.inhaling else CueKind.BREATHE_OUT
            cues.append(Cue(kind, segment, offset))
            offset += breath.seconds
    return cues


def _kind_cues(segment: Segment, duration: float) -> list[Cue]:
    """The cues a segment's kind adds to its start and countdown (some may fall past its end)."""
    traits = segment.kind.traits
    cues: list[Cue] = []
    if traits.says_switch:
        cues.append(Cue(CueKind.SWITCH_SIDES, segment, 0.0))
    if traits.halfway:
        cues.append(Cue(CueKind.HALFWAY, segment, duration / 2))
    pacing = traits.pacing
    match pacing:
        case Pacing.NONE:
            return cues
        case Pacing.BREATHS:
            cues.append(Cue(CueKind.NO_BOUNCE, segment, 0.0))
            cues.append(Cue(CueKind.NO_BOUNCE, segment, duration / 2))
            return cues + _breath_cues(segment, duration)
        case Pacing.REPS:
            if segment.reps and segment.tempo:
                cues.append(Cue(CueKind.SLOW_AND_CONTROLLED, segment, 0.0))
                for number in range(1, segment.reps + 1):
                    start = (number - 1) * segment.tempo
                    cues.append(Cue(CueKind.REP, segment, start, number, segment.reps))
                cues += _breath_cues(segment, duration)
            return cues
        case _:
            assert_never(pacing)
