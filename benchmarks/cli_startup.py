"""Start-up of the quick commands against `python -c pass`, in the same run.

`--version` and `status` are run by prompts and status bars; `list`, `show` and
`stats` are typed and read at a glance. Each should cost about what starting Python
costs. Runs go round (`python -c pass`, then each command) after one unmeasured
warm-up of each, with the same interpreter, from cached bytecode (a temporary
PYTHONPYCACHEPREFIX) and a warm routine cache (a temporary STRETCHTUI_CACHE_DIR), with
an empty config folder and a small history (40 sessions over the last 60 days, put
in by `stretchtui import`, so `stats` opens and reads a real file; `status` has no
state).

    .venv/bin/python benchmarks/cli_startup.py [--runs N]

Prints median, min and max wall time for each and each command's ratio of medians.
Targets: `--version` and `status` at most 2 times `python -c pass`; `list`, `show`
and `stats` at most 3 times.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from terminal import stretchtui_command

COMMANDS: list[tuple[str, list[str], float]] = [
    ("--version", ["--version"], 2.0),
    ("status", ["status"], 2.0),
    ("list", ["list"], 3.0),
    ("show beginner", ["show", "beginner"], 3.0),
    ("stats", ["stats"], 3.0),
]


def seed_history(folder: Path, env: dict[str, str]) -> None:
    """40 sessions, most completed, over the last 60 days, through `stretchtui import`."""
    now = datetime.now(UTC)
    routines = [("beginner", "beginner", 895.0), ("desk-coffee-break", "desk", 35.0)]
    sessions = []
    for number in range(40):
        routine_id, level, seconds = routines[number % 2]
        started = now - timedelta(days=number * 1.5, minutes=number)
        status = "ended_early" if number % 7 == 3 else "completed"
        active = seconds / 2 if status == "ended_early" else seconds
        sessions.append(
            {
                "id": f"{number:032x}",
                "started": started.isoformat(),
                "ended": (started + timedelta(seconds=active)).isoformat(),
                "local_date": started.date().isoformat(),
                "routine_id": routine_id,
                "routine_name": routine_id.replace("-", " ").title(),
                "level": level,
                "status": status,
                "planned_seconds": seconds,
                "active_seconds": active,
                "paused_seconds": 0.0,
                "feeling": None,
                "warning_signs": None,
                "routine_digest": "0" * 64,
            }
        )
    source = folder / "sessions.json"
    source.write_text(json.dumps(sessions))
    subprocess.run(
        [*stretchtui_command(), "import", str(source)],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def timed(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cli-startup-bench-"))
    try:
        for name in ("config", "data", "cache"):
            (folder / name).mkdir()
        env = dict(os.environ)
        env.update(
            STRETCHTUI_CONFIG_DIR=str(folder / "config"),
            STRETCHTUI_DATA_DIR=str(folder / "data"),
            STRETCHTUI_CACHE_DIR=str(folder / "cache"),
            PYTHONPYCACHEPREFIX=str(folder / "pycache"),
            COLUMNS="80",
        )
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        seed_history(folder, env)
        bare = [sys.executable, "-c", "pass"]
        programs = [("python -c pass", bare, 0.0)] + [
            (name, [*stretchtui_command(), *argv], target) for name, argv, target in COMMANDS
        ]
        for _, argv, _ in programs:
            timed(argv, env)
        times: dict[str, list[float]] = {name: [] for name, _, _ in programs}
        for _ in range(args.runs):
            for name, argv, _ in programs:
                times[name].append(timed(argv, env))
        print(f"Start-up, {args.runs} runs each, taken in turn:")
        base = statistics.median(times["python -c pass"])
        for name, _, target in programs:
            values = times[name]
            median = statistics.median(values)
            line = (
                f"{name:15}  median {median * 1000:6.1f} ms   "
                f"min {min(values) * 1000:6.1f} ms   max {max(values) * 1000:6.1f} ms"
            )
            if target:
                ratio = median / base
                verdict = "meets" if ratio <= target else "misses"
                line += f"   ratio {ratio:4.2f} ({verdict} the target of at most {target:.2f})"
            print(line)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
