"""Picking up a session that stopped part-way, from the start of the stretch it was in.

One offer, built from the history and the routines: which session, where it
goes on, how long ago it stopped, and whether its routine file has changed since
(then it cannot go on and the offer is to start over). The CLI's `resume` and
the menu both ask `resume_offer`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from stretchtui.catalog import Catalog, CatalogEntry, Source, load_entry
from stretchtui.history.rows import StoppedSession
from stretchtui.history.store import HistoryStore
from stretchtui.kinds import SegmentKind
from stretchtui.plan import Plan
from stretchtui.records import EarlierPart, SegmentRun


@dataclass(frozen=True)
class ResumeOffer:
    """A session that can be carried on (or, if its routine changed, started over)."""

    stopped: StoppedSession
    entry: CatalogEntry | None
    """The routine as its file is now; None when the file is gone."""
    plan: Plan | None
    start_index: int | None
    """Where the session goes on; None when it cannot (routine changed, gone or broken)."""
    preview: bool = False
    """Only a preview of the rest (`--speed`): a separate preview record, the session untouched."""

    @property
    def routine_name(self) -> str:
        return self.stopped.session.routine_name

    @property
    def routine_id(self) -> str:
        return self.stopped.session.routine_id

    @property
    def changed(self) -> bool:
        """The routine file is there and loads, but is not the one the session ran."""
        return self.plan is not None and self.start_index is None

    @property
    def can_resume(self) -> bool:
        return self.start_index is not None

    @property
    def stretch_number(self) -> int | None:
        """The stretch it goes on with (1-based); None for the warm-up."""
        if self.plan is None or self.start_index is None:
            return None
        return self.plan.segments[self.start_index].stretch_number

    @property
    def stretch_count(self) -> int:
        return self.plan.stretch_count if self.plan is not None else 0

    def where(self) -> str:
        """`stretch 3 of 8` or `the warm-up`: where it goes on."""
        number = self.stretch_number
        if number is None:
            plan, start = self.plan, self.start_index
            at = plan.segments[start] if plan is not None and start is not None else None
            return "the cool-down" if at and at.kind is SegmentKind.COOLDOWN else "the warm-up"
        return f"stretch {number} of {self.stretch_count}"

    def ago(self, now: datetime) -> str:
        return time_ago((now - self.stopped.stopped).total_seconds())

    def stretch_name(self) -> str:
        if self.plan is None or self.start_index is None:
            return ""
        return self.plan.segments[self.start_index].name

    def earlier_part(self) -> EarlierPart | None:
        """What the engine needs to carry on this session's record (None for a preview)."""
        if self.preview:
            return None
        assert self.plan is not None
        session = self.stopped.session
        segments = self.plan.segments
        runs = tuple(
            SegmentRun(
                segment=segments[run.segment_index],
                started_at=run.started,
                ended_at=run.ended,
                planned_seconds=run.planned_seconds,
                active_seconds=run.active_seconds,
                paused_seconds=run.paused_seconds,
                skipped=run.skipped,
            )
            for run in self.stopped.runs
        )
        return EarlierPart(session.id, session.started, runs, session.paused_seconds)


def resume_offer(store: HistoryStore, catalog: Catalog, now: datetime) -> ResumeOffer | None:
    """The offer for the latest session, if it stopped part-way in the last day; else None."""
    stopped = store.last_stopped_session(now)
    if stopped is None:
        return None
    entry = _routine_entry(stopped, catalog)
    if entry is None or entry.plan is None:
        return ResumeOffer(stopped, entry, None, None)
    plan = entry.plan
    if plan.routine.digest != stopped.session.routine_digest or not _fits(stopped, plan):
        return ResumeOffer(stopped, entry, plan, None)
    start = start_index(plan, stopped.position)
    if start is None:
        return None  # it stopped after its last stretch: nothing is left to do
    return ResumeOffer(stopped, entry, plan, start)


def start_index(plan: Plan, position: int) -> int | None:
    """Where to go on from segment `position`: the start of its stretch (its prepare).

    From the warm-up, the warm-up again; from a rest, the next stretch (the one
    before it is done). None when nothing is left.
    """
    segments = plan.segments
    while position < len(segments) and segments[position].kind.traits.is_rest:
        position += 1
    if not 0 <= position < len(segments):
        return None
    number = segments[position].stretch_number
    if number is None:
        return position
    return next(segment.index for segment in segments if segment.stretch_number == number)


def _fits(stopped: StoppedSession, plan: Plan) -> bool:
    """Every recorded run names a segment of this plan, of the same kind."""
    segments = plan.segments
    return all(
        0 <= run.segment_index < len(segments)
        and segments[run.segment_index].kind.value == run.kind
        for run in stopped.runs
    )


def _routine_entry(stopped: StoppedSession, catalog: Catalog) -> CatalogEntry | None:
    """The routine the session ran: by id, or from the file it ran from if that still matches."""
    by_id = catalog.get(stopped.session.routine_id)
    if _same(by_id, stopped) or not stopped.routine_path:
        return by_id
    path = Path(stopped.routine_path)
    try:
        from_file = load_entry(path, Source.FILE) if path.is_file() else None
    except OSError:
        from_file = None
    if _same(from_file, stopped) or by_id is None:
        return from_file
    return by_id


def _same(entry: CatalogEntry | None, stopped: StoppedSession) -> bool:
    return (
        entry is not None
        and entry.routine is not None
        and entry.routine.digest == stopped.session.routine_digest
    )


def time_ago(seconds: float) -> str:
    """`just now`, `12 min ago`, `3 h 05 min ago`, `20 h ago`: how long since it stopped."""
    minutes = max(0, int(seconds // 60))
    if minutes < 1:
        return "just now"
    if minutes < 60:
        return f"{minutes} min ago"
    hours, rest = divmod(minutes, 60)
    if hours < 10 and rest:
        return f"{hours} h {rest:02d} min ago"
    return f"{hours} h ago"
