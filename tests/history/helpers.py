"""Ways to put sessions into a history for tests: through the real engine on a fake clock."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import subprocess
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from stretchtui.clock import FakeClock
from stretchtui.history import HistoryStore
from stretchtui.plan import build_plan
from stretchtui.records import CheckIn
from stretchtui.routines import load_routine
from stretchtui.session import Session

REPO = Path(__file__).resolve().parent.parent.parent
ROUTINES = REPO / "routines"


def record_session(
    store: HistoryStore,
    routine: str,
    started: datetime,
    *,
    complete: bool = True,
    checkin: CheckIn | None = None,
    skip_first: bool = False,
    pause_seconds: float = 0.0,
    name: str | None = None,
) -> Session:
    """Run `routine` (a bundled id) from `started` (aware), as the engine would record it.

    With `pause_seconds`, the segment then running (the second with `skip_first`) is paused
    that long halfway through. `name` renames the routine (text no file may hold, too).
    """
    loaded = load_routine(ROUTINES / f"{routine}.yaml", routine)
    if name is not None:
        loaded = dataclasses.replace(loaded, name=name)
    plan = build_plan(loaded)
    clock = FakeClock(0.0)

    def wall() -> datetime:
        return started + timedelta(seconds=clock.now)

    session = Session(plan, clock, wall=wall, observers=[store])
    session.start()
    if skip_first:
        clock.advance(1)
        session.skip()
    if pause_seconds:
        clock.advance(session.remaining / 2)
        session.pause()
        clock.advance(pause_seconds)
        session.resume()
    if complete:
        while not session.is_finished:
            clock.advance(session.remaining)
            session.update()
    else:
        clock.advance(session.remaining)
        session.update()
        clock.advance(1)
        session.end()
    if checkin is not None:
        store.save_checkin(session.session_id, checkin)
    store.flush()
    return session


@contextlib.contextmanager
def tmpfs(path: Path, options: str) -> Iterator[Path]:
    """A real small or read-only file system at `path`; skips when mounting isn't allowed."""
    if os.geteuid() != 0:
        pytest.skip("mounting a test file system needs root")
    path.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def remount_readonly(path: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(path)], check=True)
