"""`history --format csv|json` at 100 000 sessions, against the same export of an empty history.

Writes a JSON file of N realistic sessions (the bundled routines' names, levels
and lengths; mostly desk sessions, some ended early, check-ins on many, several
time zones, spread over years, times to the millisecond), seeds a temporary history with
`stretchtui import` of that file (timed too), then alternates, after one
unmeasured warm-up of each: the export of an empty history, the export of the
full one, for CSV and for JSON. Each is its own process writing to /dev/null;
its wall time, CPU time and peak resident memory (`ru_maxrss` from wait4) are
read. With `--compare-src DIR` each round also exports the full history with the
package in DIR (`git archive` of an older commit's src/, say): before and after in
the same rounds, on the same loaded machine.

    .venv/bin/python benchmarks/history_export.py [--sessions 100000] [--runs 5] [--compare-src DIR]

Targets: the full export in at most 1 s, its peak memory at most 1.2 times the
empty export's (memory flat: rows are written as they are read).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

TIME_TARGET = 1.0
MEMORY_TARGET = 1.2
ROUTINES = {
    # id: (name, level, planned seconds, weight)
    "desk-coffee-break": ("Morning coffee break", "desk", 41, 30),
    "desk-midday": ("Mid-day", "desk", 38, 25),
    "desk-evening": ("Evening", "desk", 68, 10),
    "desk-pre-gym": ("Pre-gym", "desk", 95, 10),
    "beginner": ("Beginner back routine", "beginner", 895, 12),
    "intermediate": ("Intermediate back routine", "intermediate", 1200, 9),
    "advanced": ("Advanced back routine", "advanced", 1862, 4),
}


def generated_sessions(count: int, seed: int = 20260311) -> list[dict[str, Any]]:
    """`count` sessions as `history --format json` writes them, newest first."""
    rng = random.Random(seed)
    ids = list(ROUTINES)
    weights = [ROUTINES[rid][3] for rid in ids]
    zones = [timezone(timedelta(hours=1)), timezone(timedelta(hours=2)), UTC]
    moment = datetime(2026, 3, 11, 17, 0, tzinfo=UTC) - timedelta(minutes=count * 95)
    # A routine's digest changes only when its file does: one per routine here.
    digests = {rid: f"{rng.getrandbits(256):064x}" for rid in ids}
    sessions = []
    for _ in range(count):
        # Recorded times carry milliseconds, as the app's own do.
        moment += timedelta(minutes=rng.randint(20, 170), milliseconds=rng.randint(0, 999))
        started = moment.astimezone(rng.choice(zones))
        rid = rng.choices(ids, weights)[0]
        name, level, planned, _ = ROUTINES[rid]
        status = rng.choices(["completed", "ended_early", "interrupted"], [85, 12, 3])[0]
        active = float(planned) if status == "completed" else round(rng.uniform(1, planned), 3)
        paused = 30.0 if rng.random() < 0.02 else 0.0
        answered = rng.random() < 0.6
        sessions.append(
            {
                "id": uuid.UUID(int=rng.getrandbits(128)).hex,
                "started": started.isoformat(),
                "ended": (started + timedelta(seconds=active + paused)).isoformat(),
                "local_date": started.date().isoformat(),
                "routine_id": rid,
                "routine_name": name,
                "level": level,
                "status": status,
                "planned_seconds": float(planned),
                "active_seconds": active,
                "paused_seconds": paused,
                "feeling": rng.choice(["better", "same", "better", "worse"]) if answered else None,
                "warning_signs": (rng.random() < 0.01) if answered else None,
                "routine_digest": digests[rid],
            }
        )
    sessions.reverse()
    return sessions


def run(
    args: list[str], data: Path, out: Any = subprocess.DEVNULL, source: str | None = None
) -> tuple[float, float, str, float]:
    """Seconds, peak resident MB, stderr and CPU seconds (user + system) of
    `stretchtui ARGS` with its own data folder (and the package from `source`, if given)."""
    env = dict(os.environ, STRETCHTUI_DATA_DIR=str(data), STRETCHTUI_CONFIG_DIR=str(data / "c"))
    if source:
        env["PYTHONPATH"] = source
    began = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "stretchtui", *args], env=env, stdout=out, stderr=subprocess.PIPE
    )
    assert child.stderr is not None
    err = child.stderr.read().decode()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - began
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"stretchtui {' '.join(args)} failed: {err}")
    return seconds, usage.ru_maxrss / 1024, err, usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--compare-src",
        metavar="DIR",
        help="also export the full history with the stretchtui package in DIR (another "
        "checkout's src/, say), in the same rounds",
    )
    parser.add_argument("--write-generated", metavar="PATH", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.write_generated:
        Path(options.write_generated).write_text(
            json.dumps(generated_sessions(options.sessions), indent=2)
        )
        return 0
    with tempfile.TemporaryDirectory(prefix="stretchtui-export-bench-") as folder:
        root = Path(folder)
        empty, full = root / "empty", root / "full"
        empty.mkdir()
        full.mkdir()
        source = root / "generated.json"
        began = time.perf_counter()
        # In a process of its own: a child's peak memory (wait4's ru_maxrss) starts from
        # what its parent held when it was forked, so this one must stay small.
        subprocess.run(
            [sys.executable, __file__, "--sessions", str(options.sessions)]
            + ["--write-generated", str(source)],
            check=True,
        )
        print(
            f"generated {options.sessions} sessions as JSON "
            f"({source.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - began:.1f} s"
        )
        seconds, peak, _, _ = run(["import", str(source)], full, subprocess.PIPE)
        history = full / "history.sqlite3"
        print(
            f"stretchtui import: {seconds:.2f} s, peak {peak:.0f} MB; history file "
            f"{history.stat().st_size / 1e6:.1f} MB = "
            f"{history.stat().st_size / options.sessions:.0f} bytes per session "
            "(sessions only: an export holds no segments)"
        )
        ok = True
        for fmt in ("csv", "json"):
            rounds = [("empty", empty, None), ("full", full, None)]
            if options.compare_src:
                rounds.append(("compared", full, options.compare_src))
            times: dict[str, list[float]] = {label: [] for label, _, _ in rounds}
            peaks: dict[str, list[float]] = {label: [] for label, _, _ in rounds}
            cpus: dict[str, list[float]] = {label: [] for label, _, _ in rounds}
            for attempt in range(options.runs + 1):
                for label, data, package in rounds:
                    seconds, peak, _, cpu = run(["history", "--format", fmt], data, source=package)
                    if attempt:  # the first round warms caches and bytecode
                        times[label].append(seconds)
                        peaks[label].append(peak)
                        cpus[label].append(cpu)
            t_empty, t_full = statistics.median(times["empty"]), statistics.median(times["full"])
            m_empty, m_full = statistics.median(peaks["empty"]), statistics.median(peaks["full"])
            time_ok, memory_ok = t_full <= TIME_TARGET, m_full / m_empty <= MEMORY_TARGET
            ok = ok and time_ok and memory_ok
            print(f"history --format {fmt}, median of {options.runs} (wall time's range; CPU):")
            names = {
                "empty": "empty history  ",
                "full": f"{options.sessions:>6} sessions",
                "compared": "  with --compare-src",
            }
            for label, name in names.items():
                if label not in times:
                    continue
                print(
                    f"  {name}  {statistics.median(times[label]):6.3f} s "
                    f"({min(times[label]):.3f}-{max(times[label]):.3f})   "
                    f"cpu {statistics.median(cpus[label]):6.3f} s   "
                    f"peak {statistics.median(peaks[label]):6.1f} MB"
                )
            print(
                f"  time {t_full:.3f} s, {t_full / t_empty:.1f}x the empty export "
                f"({'meets' if time_ok else 'misses'} the target of at most {TIME_TARGET:.1f} s); "
                f"memory {m_full / m_empty:.2f}x the empty export "
                f"({'meets' if memory_ok else 'misses'} the target of at most {MEMORY_TARGET})"
            )
        print(f"load average {os.getloadavg()[0]:.1f}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
