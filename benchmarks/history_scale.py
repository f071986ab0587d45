"""How the history holds up at 100 000 sessions: `stretchtui stats` and opening the History screen.

Seeds a temporary data folder with realistic sessions (the bundled routines'
real segments, mostly short desk sessions, some stopped early, check-ins on
many) spread over years, then times:

- `stretchtui stats` as a subprocess, several runs (whole process: start-up included);
- `stretchtui history` (the table of the latest 30) likewise;
- opening the History screen and the Progress screen in `App.run_test`, from the
  push until the data is on screen.

Target: 300 ms or less for each. Run: `.venv/bin/python benchmarks/history_scale.py [N]`.
"""

from __future__ import annotations

import asyncio
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from stretchtui.history import open_store
from stretchtui.history.rows import utc_text
from stretchtui.history.schema import migrate
from stretchtui.paths import bundled_routines_dir
from stretchtui.plan import Plan, build_plan
from stretchtui.records import SegmentRun
from stretchtui.routines import load_routine

TARGET_MS = 300.0
RUNS = 5
# Office workers mostly run the short desk sessions; full routines now and then.
WEIGHTS = {
    "desk-coffee-break": 30,
    "desk-midday": 25,
    "desk-evening": 10,
    "desk-pre-gym": 10,
    "beginner": 12,
    "intermediate": 9,
    "advanced": 4,
}


def plans() -> dict[str, Plan]:
    folder = bundled_routines_dir()
    return {rid: build_plan(load_routine(folder / f"{rid}.yaml", rid)) for rid in WEIGHTS}


# A version-1 segment row, as the version-1 to -3 code wrote it.
SEGMENT_INSERT = (
    "INSERT INTO segments (session_id, seq, segment_index, kind, name, side, "
    "round, stretch_number, areas, planned_seconds, active_seconds, paused_seconds, "
    "skipped, started_utc, ended_utc) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)


def segment_values(session_id: str, seq: int, run: SegmentRun) -> tuple[object, ...]:
    segment = run.segment
    return (
        session_id,
        seq,
        segment.index,
        segment.kind.value,
        segment.name,
        segment.side.value if segment.side else None,
        segment.round,
        segment.stretch_number,
        ",".join(segment.areas),
        run.planned_seconds,
        run.active_seconds,
        run.paused_seconds,
        int(run.skipped),
        utc_text(run.started_at),
        utc_text(run.ended_at),
    )


def seed(path: Path, count: int, version: int = 1) -> float:
    """Write `count` sessions straight into a version-1 file; returns the seconds it took.

    Version 1 has no running totals, so the first open afterwards also measures the
    migration that fills them in from 100 000 sessions (and then the one to version 4).
    With `version` 2 or 3, the file is then brought to that version by the old migrations.
    """
    began = time.perf_counter()
    fresh = sqlite3.connect(path, isolation_level=None)
    fresh.execute("PRAGMA journal_mode = WAL")
    migrate(fresh, target=1)
    fresh.close()
    rng = random.Random(20260311)
    routines = plans()
    ids = list(WEIGHTS)
    weights = [WEIGHTS[rid] for rid in ids]
    zones = [timezone(timedelta(hours=1)), timezone(timedelta(hours=2)), UTC]
    # Several sessions a day, going back as far as needed to hold them all.
    moment = datetime(2026, 3, 11, 17, 0, tzinfo=UTC) - timedelta(minutes=int(count * 95))
    db = sqlite3.connect(path)
    db.execute("PRAGMA synchronous = OFF")
    sessions: list[tuple[object, ...]] = []
    segments: list[tuple[object, ...]] = []
    areas: list[tuple[object, ...]] = []

    def flush() -> None:
        db.executemany("INSERT INTO sessions VALUES (" + ",".join("?" * 19) + ")", sessions)
        db.executemany(SEGMENT_INSERT, segments)
        db.executemany("INSERT INTO session_areas VALUES (?,?,?)", areas)
        db.commit()
        sessions.clear()
        segments.clear()
        areas.clear()

    for _ in range(count):
        moment += timedelta(minutes=rng.randint(20, 170))
        zone = rng.choice(zones)
        started = moment.astimezone(zone)
        rid = rng.choices(ids, weights)[0]
        plan = routines[rid]
        status = rng.choices(["completed", "ended_early", "interrupted"], [85, 12, 3])[0]
        last = len(plan.segments) if status == "completed" else rng.randint(1, len(plan.segments))
        sid = uuid.UUID(int=rng.getrandbits(128)).hex
        clock = started
        active = paused = 0.0
        per_area: dict[str, float] = {}
        for seq, segment in enumerate(plan.segments[:last], start=1):
            skipped = status != "completed" and seq == last
            done = float(segment.duration) if not skipped else rng.uniform(0, segment.duration)
            pause = 30.0 if rng.random() < 0.02 else 0.0
            end = clock + timedelta(seconds=done + pause)
            run = SegmentRun(segment, clock, end, float(segment.duration), done, pause, skipped)
            segments.append(segment_values(sid, seq, run))
            if segment.kind.is_work:
                for area in segment.areas:
                    per_area[area] = per_area.get(area, 0.0) + done
            active += done
            paused += pause
            clock = end
        areas.extend((sid, area, seconds) for area, seconds in per_area.items())
        answered = rng.random() < 0.6
        offset = started.utcoffset() or timedelta()
        sessions.append(
            (
                sid,
                rid,
                plan.routine.name,
                plan.routine.level.value,
                plan.routine.digest,
                None,
                utc_text(started),
                int(offset.total_seconds() // 60),
                started.date().isoformat(),
                utc_text(clock),
                float(plan.total_seconds),
                active,
                paused,
                status,
                rng.choice(["better", "same", "better", "worse"]) if answered else None,
                int(rng.random() < 0.01) if answered else None,
                utc_text(clock) if answered else None,
                "bench",
                0,
            )
        )
        if len(sessions) >= 5000:
            flush()
    flush()
    db.execute("ANALYZE")
    db.commit()
    db.close()
    if version > 1:
        db = sqlite3.connect(path, isolation_level=None)
        migrate(db, target=version)
        db.close()
    return time.perf_counter() - began


def time_command(args: list[str], data_dir: Path) -> list[float]:
    env = dict(os.environ, STRETCHTUI_DATA_DIR=str(data_dir))
    env.setdefault("STRETCHTUI_CONFIG_DIR", str(data_dir / "config"))
    times = []
    for _ in range(RUNS + 1):
        began = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "stretchtui", *args], env=env, capture_output=True, check=False
        )
        times.append((time.perf_counter() - began) * 1000)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(args)} failed: {done.stderr.decode()}")
    return times[1:]  # the first run warms the page cache


async def time_screen(path: Path, which: str) -> tuple[list[float], list[float]]:
    """Milliseconds from the push until the data is in the widgets, and until it is drawn."""
    from textual.app import App
    from textual.screen import Screen
    from textual.widgets import DataTable, Label

    from stretchtui.config import StreakMode
    from stretchtui.tui.screens.history import HistoryScreen
    from stretchtui.tui.screens.progress import ProgressScreen

    store = open_store(path)
    store.flush()
    loaded: list[float] = []
    drawn: list[float] = []

    class Bench(App[None]):
        def compose(self):  # type: ignore[no-untyped-def]
            yield Label("menu")

    app = Bench()
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(RUNS):
            began = time.perf_counter()
            if which == "history":
                screen: Screen[None] = HistoryScreen(store)
                await app.push_screen(screen)
                table = screen.query_one(DataTable)
                while table.row_count == 0:
                    await asyncio.sleep(0)
            elif which == "progress":
                progress = ProgressScreen(store, StreakMode.WEEKDAYS)
                await app.push_screen(progress)
                while progress.stats is None:
                    await asyncio.sleep(0)
            else:
                await app.push_screen(Screen())
            loaded.append((time.perf_counter() - began) * 1000)
            await pilot.pause()  # let the screen draw
            drawn.append((time.perf_counter() - began) * 1000)
            app.pop_screen()
            await pilot.pause()
    store.close()
    return loaded, drawn


def report(label: str, times: list[float]) -> bool:
    load = os.getloadavg()[0]
    median = statistics.median(times)
    ok = median <= TARGET_MS
    runs = ", ".join(f"{t:.0f}" for t in times)
    verdict = "ok" if ok else "OVER TARGET"
    print(f"{label:<34} median {median:6.0f} ms  (runs: {runs})  load {load:.1f}  {verdict}")
    return ok


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory(prefix="stretchtui-bench-") as folder:
        data = Path(folder)
        path = data / "history.sqlite3"
        seconds = seed(path, count)
        db = sqlite3.connect(path)
        segments = db.execute("SELECT count(*) FROM segments").fetchone()[0]
        db.close()
        size = path.stat().st_size / 1e6
        print(f"seeded {count} sessions, {segments} segment rows, {size:.0f} MB in {seconds:.1f} s")
        began = time.perf_counter()
        store = open_store(path)
        store.flush()
        store.close()
        print(f"one-time migration to the current schema: {time.perf_counter() - began:.2f} s")
        # Floors to read the figures against: Python plus the CLI's imports, and Textual
        # pushing a screen with nothing on it. The machine's load shows in both.
        report("floor: stretchtui --version", time_command(["--version"], data))
        empty = asyncio.run(time_screen(path, "empty"))
        report("floor: push an empty screen, drawn", empty[1])
        history = asyncio.run(time_screen(path, "history"))
        progress = asyncio.run(time_screen(path, "progress"))
        results = [
            report("stretchtui stats (process)", time_command(["stats"], data)),
            report("stretchtui stats --json (process)", time_command(["stats", "--json"], data)),
            report("stretchtui history (process)", time_command(["history"], data)),
            report("History screen: push to rows", history[0]),
            report("History screen: push to drawn", history[1]),
            report("Progress screen: push to stats", progress[0]),
            report("Progress screen: push to drawn", progress[1]),
        ]
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
