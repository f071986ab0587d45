"""Sessions put into a history for screen tests: through the real engine on a fake clock."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from stretchtui.clock import FakeClock
from stretchtui.history import HistoryStore
from stretchtui.paths import bundled_routines_dir
from stretchtui.plan import build_plan
from stretchtui.records import CheckIn
from stretchtui.routines import load_routine
from stretchtui.session import Session


def record(
    store: HistoryStore, routine: str, started: datetime, checkin: CheckIn | None = None
) -> str:
    """A finished run of the bundled `routine` from `started` (aware); its session id."""
    plan = build_plan(load_routine(bundled_routines_dir() / f"{routine}.yaml", routine))
    clock = FakeClock(0.0)
    session = Session(
        plan, clock, wall=lambda: started + timedelta(seconds=clock.now), observers=[store]
    )
    session.start()
    clock.advance(plan.total_seconds + 1)
    session.update()
    assert session.result is not None
    if checkin is not None:
        store.save_checkin(session.result.info.session_id, checkin)
    store.flush()
    return session.result.info.session_id


def report_pain(store: HistoryStore, started: datetime) -> str:
    """A finished desk session whose check-in said yes to pain or numbness; its id."""
    return record(store, "desk-midday", started, CheckIn(warning_signs=True))


TWELVE = "twelve"


def twelve_stretches(config: Path) -> None:
    """A user routine of twelve short holds: a long list for the summary."""
    steps = "".join(f"  - name: Stretch number {n}\n    hold: 2s\n" for n in range(1, 13))
    routines = config / "routines"
    routines.mkdir(exist_ok=True)
    (routines / f"{TWELVE}.yaml").write_text(
        "name: Twelve little stretches\nlevel: desk\n"
        f"defaults: {{prepare: 1s, rest: 1s}}\nsteps:\n{steps}",
        encoding="utf-8",
    )
