"""Shared by the resume tests: a small routine with known segment times, and the fake-clock walk."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from stretchtui.catalog import Catalog, load_catalog
from stretchtui.clock import FakeClock
from stretchtui.cues import Cue
from stretchtui.history import HistoryStore
from stretchtui.paths import bundled_routines_dir
from stretchtui.plan import Plan, build_plan
from stretchtui.records import EarlierPart
from stretchtui.routines import Routine, parse_routine
from stretchtui.session import Session

START = 1000.0

# Segments: 0 warm-up 20 s | 1 prepare 5 | 2 reps 3x6 = 18 | 3 rest 10 | 4 prepare 5 |
# 5 hold RIGHT 20 | 6 switch 5 | 7 hold LEFT 20 | 8 rest 10 | 9 prepare 5 | 10 hold 30.
ROUTINE = """
name: Test routine
level: beginner
summary: For the resume tests.
warmup: {name: March in place, duration: 20s}
defaults: {prepare: 5s, rest: 10s, switch: 5s, breathing: {inhale: 4s, exhale: 6s}}
steps:
  - name: Cat-Cow
    reps: 3
    tempo: 6s
    phases: [cow, cat]
  - name: Twist
    hold: 20s
    sides: [right, left]
  - name: Fold
    hold: 30s
"""
TOTAL = 148


def plan_of(text: str) -> Plan:
    routine = parse_routine(text)
    assert isinstance(routine, Routine), routine
    return build_plan(routine)


def fixed_wall() -> datetime:
    return datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


def walk(session: Session, clock: FakeClock) -> list[tuple[float, Cue]]:
    """Run to the end, stepping exactly to each due instant; (seconds since start, cue)."""
    began = clock()
    timeline = [(clock() - began, cue) for cue in session.start()]
    while not session.is_finished:
        step = session.next_due_in()
        assert step is not None
        clock.advance(step)
        timeline.extend((clock() - began, cue) for cue in session.update())
    return timeline


def user_catalog(user_dir: Path) -> Catalog:
    return load_catalog(bundled_routines_dir(), user_dir)


def run_part(
    store: HistoryStore,
    plan: Plan,
    started: datetime,
    *,
    segments: int,
    then: str,
    start_index: int = 0,
    earlier: EarlierPart | None = None,
    into_next: float = 2.0,
) -> Session:
    """Run `segments` whole segments (from `start_index`), `into_next` seconds more, then stop.

    `then` is "end" (the person pressed q) or "kill" (the process died: nothing more is
    written, and the next open of the history finds the session abandoned).
    """
    clock = FakeClock(0.0)

    def wall() -> datetime:
        return started + timedelta(seconds=clock.now)

    session = Session(
        plan, clock, wall=wall, observers=[store], start_index=start_index, earlier=earlier
    )
    session.start()
    for _ in range(segments):
        clock.advance(session.remaining)
        session.update()
    clock.advance(into_next)
    session.update()
    if then == "end":
        session.end()
    store.flush()
    return session


def abandon(path: Path) -> None:
    """Make the in-progress session look like its process died (as after kill -9)."""
    db = sqlite3.connect(path)
    with db:
        db.execute("UPDATE sessions SET pid = 0 WHERE status = 'in_progress'")
    db.close()
