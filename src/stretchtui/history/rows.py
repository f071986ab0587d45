"""What the history hands back: one frozen row type per kind of answer, and how times are kept.

A session's times are stored as milliseconds since 1970 (UTC) with the offset
the session started in, and come back as local times in that offset; a
segment's as milliseconds after its session's start. (Reminders keep the
fixed-width UTC text of version 3.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

# Re-exported: every other reader of the history asks this module for them.
from stretchtui.history.times import EPOCH as EPOCH
from stretchtui.history.times import local_time as local_time
from stretchtui.history.times import zone as zone
from stretchtui.records import Feeling


@dataclass(frozen=True)
class SessionRow:
    id: str
    routine_id: str
    routine_name: str
    level: str
    started: datetime  # local time, with the offset the session started in
    ended: datetime | None
    local_date: date
    planned_seconds: float
    active_seconds: float
    paused_seconds: float
    status: str
    feeling: Feeling | None
    warning_signs: bool | None
    routine_digest: str = ""


@dataclass(frozen=True)
class SegmentRow:
    seq: int
    kind: str
    name: str
    side: str | None
    round: int
    stretch_number: int | None
    areas: tuple[str, ...]
    planned_seconds: float
    active_seconds: float
    paused_seconds: float
    skipped: bool


@dataclass(frozen=True)
class SessionDetail:
    session: SessionRow
    segments: tuple[SegmentRow, ...]


@dataclass(frozen=True)
class DayTotal:
    day: date
    sessions: int
    completed: int
    active_seconds: float


@dataclass(frozen=True)
class LevelTotal:
    level: str
    sessions: int
    completed: int
    active_seconds: float
    first_completed: date | None
    last_completed: date | None


@dataclass(frozen=True)
class CheckInRow:
    session_id: str
    level: str
    local_date: date
    feeling: Feeling | None
    warning_signs: bool


def utc_text(moment: datetime) -> str:
    """A fixed-width UTC timestamp, so text order is time order (the reminders table's times)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


_MS = timedelta(milliseconds=1)


def to_ms(moment: datetime) -> int:
    """Milliseconds since 1970 (UTC), to the nearest; a naive time is taken as local."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return round((moment - EPOCH) / _MS)


def offset_minutes(moment: datetime) -> int:
    offset = moment.utcoffset()
    return 0 if offset is None else int(offset.total_seconds() // 60)


SESSION_COLUMNS = (
    "id, routine_id, routine_name, level, started_ms, utc_offset_min, local_date, ended_ms, "
    "planned_seconds, active_seconds, paused_seconds, status, feeling, warning_signs, "
    "routine_digest"
)
"""A session's columns in the `session_rows` view, as session_row() reads them."""


def offset_text(minutes: int) -> str:
    """`+01:00`, `-09:30`: an offset as datetime.isoformat() ends a time with it."""
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


SEGMENTS_OF_SESSION = (
    "SELECT g.seq, t.kind, t.name, nullif(t.side, ''), g.round, g.stretch_number, t.areas, "
    "g.planned_ms, g.active_ms, g.paused_ms, g.skipped "
    "FROM segments g JOIN steps t ON t.key = g.step "
    "WHERE g.session = (SELECT key FROM sessions WHERE id = ?) ORDER BY g.seq"
)
"""A session's segment runs (by session id) in order, as segment_row() reads them."""


def session_row(row: tuple[Any, ...]) -> SessionRow:
    """A SessionRow from a row selected as SESSION_COLUMNS."""
    offset = int(row[5])
    return SessionRow(
        id=row[0],
        routine_id=row[1],
        routine_name=row[2],
        level=row[3],
        started=local_time(row[4], offset),
        ended=local_time(row[7], offset) if row[7] is not None else None,
        local_date=date.fromisoformat(row[6]),
        planned_seconds=float(row[8]),
        active_seconds=float(row[9]),
        paused_seconds=float(row[10]),
        status=row[11],
        feeling=feeling(row[12]),
        warning_signs=None if row[13] is None else bool(row[13]),
        routine_digest=row[14],
    )


def segment_row(row: tuple[Any, ...]) -> SegmentRow:
    """A SegmentRow from a row selected by SEGMENTS_OF_SESSION."""
    return SegmentRow(
        seq=int(row[0]),
        kind=row[1],
        name=row[2],
        side=row[3],
        round=int(row[4]),
        stretch_number=row[5],
        areas=tuple(a for a in row[6].split(",") if a),
        planned_seconds=row[7] / 1000,
        active_seconds=row[8] / 1000,
        paused_seconds=row[9] / 1000,
        skipped=bool(row[10]),
    )


def feeling(value: object) -> Feeling | None:
    """A stored feeling, or None for none (or one this version does not know)."""
    try:
        return Feeling(str(value)) if value is not None else None
    except ValueError:
        return None


@dataclass(frozen=True)
class RunRow:
    """One recorded segment run, as the engine needs it back to carry a session on."""

    segment_index: int
    kind: str
    planned_seconds: float
    active_seconds: float
    paused_seconds: float
    skipped: bool
    started: datetime
    ended: datetime


@dataclass(frozen=True)
class StoppedSession:
    """A session that stopped part-way (interrupted or ended early), with its segment runs."""

    session: SessionRow
    routine_path: str | None
    runs: tuple[RunRow, ...]
    stopped: datetime
    """When it last recorded anything: its end, else its last run's end, else its start."""

    @property
    def position(self) -> int:
        """The plan index of the segment the person was in when it stopped.

        Ending early (`q`, a closed terminal) records the segment under way, cut
        short. A kill records nothing for it: the person was in the segment after
        the last one recorded (after a skip forward, the usual jump, too).
        """
        if not self.runs:
            return 0
        last = self.runs[-1]
        if self.session.status == "ended_early":
            return last.segment_index
        return last.segment_index + 1
