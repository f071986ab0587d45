"""The engine starting part-way through a plan, alone or carrying on an earlier part's record."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from memory_store import MemoryStore
from stretchtui.clock import FakeClock
from stretchtui.kinds import CueKind, SegmentKind
from stretchtui.records import EarlierPart, SessionStatus
from stretchtui.session import Session

from .helpers import ROUTINE, START, TOTAL, fixed_wall, plan_of, walk

# Segment 4 is the prepare of stretch 2 (Twist); it starts 53 s into the plan.
TWIST_PREPARE = 4
BEFORE_TWIST = 53
LATER = datetime(2026, 1, 1, 11, 30, tzinfo=UTC)


def first_part(until: float) -> tuple[Session, MemoryStore]:
    """Run the test routine from the start and end it `until` seconds in (as `q` would)."""
    clock = FakeClock(START)
    store = MemoryStore()
    session = Session(plan_of(ROUTINE), clock, wall=fixed_wall, observers=[store])
    session.start()
    clock.now = START + until
    session.update()
    session.toggle_pause()
    clock.advance(7)  # seven seconds paused in the first part
    session.toggle_pause()
    session.end()
    return session, store


def earlier_of(session: Session) -> EarlierPart:
    assert session.result is not None and session.info is not None
    return EarlierPart(
        session_id=session.session_id,
        started_at=session.info.started_at,
        runs=session.result.runs,
        paused_seconds=session.result.paused_seconds,
    )


def test_start_index_opens_at_that_segment_with_its_own_cues() -> None:
    clock = FakeClock(START)
    session = Session(plan_of(ROUTINE), clock, wall=fixed_wall, start_index=TWIST_PREPARE)
    timeline = walk(session, clock)
    first_at, first = timeline[0]
    assert (first_at, first.kind, first.segment.index) == (0.0, CueKind.SEGMENT_START, 4)
    assert first.segment.kind is SegmentKind.PREPARE and first.segment.name == "Twist"
    assert session.status is SessionStatus.COMPLETED
    assert [run.segment.index for run in session.runs] == list(range(TWIST_PREPARE, 11))
    # Only the plan from the start point is walked: 148 - 53 seconds.
    assert session.session_elapsed == pytest.approx(TOTAL - BEFORE_TWIST)
    assert session.active_seconds == pytest.approx(TOTAL - BEFORE_TWIST)


def test_start_index_counts_the_remaining_session_from_there() -> None:
    clock = FakeClock(START)
    session = Session(plan_of(ROUTINE), clock, wall=fixed_wall, start_index=TWIST_PREPARE)
    session.start()
    assert session.index == TWIST_PREPARE
    assert session.session_remaining == TOTAL - BEFORE_TWIST
    assert session.info is not None and not session.info.resumed


@pytest.mark.parametrize("index", [-1, 11, 99])
def test_start_index_outside_the_plan_is_refused(index: int) -> None:
    with pytest.raises(ValueError, match=f"no segment {index} in a plan of 11"):
        Session(plan_of(ROUTINE), FakeClock(START), start_index=index)


def test_back_from_a_resumed_start_reaches_the_stretch_before_it() -> None:
    clock = FakeClock(START)
    session = Session(plan_of(ROUTINE), clock, wall=fixed_wall, start_index=TWIST_PREPARE)
    session.start()
    clock.advance(2)
    session.back()
    assert session.index == 1  # the prepare of stretch 1, Cat-Cow


def test_earlier_part_carries_on_the_same_record() -> None:
    first, _ = first_part(until=60)  # 2 s into the Twist's right hold
    earlier = earlier_of(first)
    clock = FakeClock(5000.0)
    store = MemoryStore()
    later = Session(
        plan_of(ROUTINE),
        clock,
        wall=lambda: LATER,
        observers=[store],
        start_index=TWIST_PREPARE,
        earlier=earlier,
    )
    walk(later, clock)

    assert later.session_id == first.session_id
    [info] = store.started
    assert info.resumed and info.session_id == first.session_id
    assert info.started_at == fixed_wall()  # the session began with its first part
    # The observer hears only what happens now; the earlier runs are already recorded.
    assert [run.segment.index for run in store.runs] == list(range(TWIST_PREPARE, 11))
    [result] = store.results
    assert result.status is SessionStatus.COMPLETED
    assert result.runs[: len(earlier.runs)] == earlier.runs
    # Active: the first part's 60 s (up to 2 s into the Twist), then 95 s from its prepare on.
    assert result.active_seconds == pytest.approx(60 + TOTAL - BEFORE_TWIST)
    assert result.paused_seconds == pytest.approx(7)
    done, skipped = result.stretches()
    assert done == ["Cat-Cow", "Twist", "Fold"] and skipped == []


def test_earlier_part_paused_time_adds_to_this_parts_pauses() -> None:
    first, _ = first_part(until=30)
    clock = FakeClock(0.0)
    later = Session(
        plan_of(ROUTINE), clock, wall=lambda: LATER, start_index=1, earlier=earlier_of(first)
    )
    later.start()
    later.toggle_pause()
    clock.advance(3)
    assert later.paused_seconds == pytest.approx(10)
    later.toggle_pause()
    later.end()
    assert later.result is not None
    assert later.result.paused_seconds == pytest.approx(10)
    assert later.result.status is SessionStatus.ENDED_EARLY


def test_a_resumed_session_can_be_resumed_again() -> None:
    first, _ = first_part(until=30)
    clock = FakeClock(0.0)
    second = Session(
        plan_of(ROUTINE), clock, wall=lambda: LATER, start_index=1, earlier=earlier_of(first)
    )
    second.start()
    clock.advance(5 + 18 + 10 + 1)  # Cat-Cow done, 1 s into the Twist's prepare
    second.update()
    second.end()
    clock3 = FakeClock(START)
    third = Session(
        plan_of(ROUTINE),
        clock3,
        wall=lambda: LATER,
        start_index=TWIST_PREPARE,
        earlier=earlier_of(second),
    )
    walk(third, clock3)
    assert third.session_id == first.session_id
    assert third.result is not None
    done, skipped = third.result.stretches()
    assert done == ["Cat-Cow", "Twist", "Fold"] and skipped == []
