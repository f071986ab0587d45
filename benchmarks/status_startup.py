"""Start-up of `stretchtui status` against `python -c pass`, in the same run.

A tmux status bar or a shell prompt runs `stretchtui status` every few seconds,
so it should cost about what starting Python costs. Runs alternate
(`python -c pass`, `stretchtui status`, ...) after one unmeasured warm-up of
each, with the same interpreter, from cached bytecode, against state files the
script writes (a reminder due in 12 minutes, 6 minutes today, a 3-day streak).

    .venv/bin/python benchmarks/status_startup.py [--runs N]

Prints median, min and max wall time for each and the ratio of the medians.
Target: `stretchtui status` at most 2 times `python -c pass`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from terminal import stretchtui_command

TARGET = 2.0


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(argv, env=env, capture_output=True, text=True, check=True)
    return time.perf_counter() - start, result.stdout.strip()


def seed(data: Path) -> None:
    from stretchtui.reminders.state import REMIND_FILE, SESSIONS_FILE, state_file, write_state

    now = datetime.now().astimezone()
    write_state(
        state_file(data, REMIND_FILE),
        {
            "pid": os.getpid(),  # this script stands in for a running `remind`
            "phase": "working",
            "due_at": (now + timedelta(minutes=12)).isoformat(),
        },
    )
    write_state(
        state_file(data, SESSIONS_FILE),
        {
            "date": now.date().isoformat(),
            "minutes": 6.0,
            "streak": 3,
            "streak_alive_until": (now.date() + timedelta(days=1)).isoformat(),
        },
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="status-bench-"))
    try:
        data, config = folder / "data", folder / "config"
        config.mkdir()
        seed(data)
        env = dict(os.environ)
        env.update(
            STRETCHTUI_DATA_DIR=str(data),
            STRETCHTUI_CONFIG_DIR=str(config),
            PYTHONPYCACHEPREFIX=str(folder / "pycache"),
        )
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        bare = [sys.executable, "-c", "pass"]
        status = [*stretchtui_command(), "status"]
        timed(bare, env)
        _, line = timed(status, env)
        print(f"status prints: {line}")
        times: dict[str, list[float]] = {"python -c pass": [], "stretchtui status": []}
        for _ in range(args.runs):
            times["python -c pass"].append(timed(bare, env)[0])
            times["stretchtui status"].append(timed(status, env)[0])
        print(f"Start-up, {args.runs} alternating runs each:")
        for name, values in times.items():
            print(
                f"{name:18}  median {statistics.median(values) * 1000:6.1f} ms   "
                f"min {min(values) * 1000:6.1f} ms   max {max(values) * 1000:6.1f} ms"
            )
        ratio = statistics.median(times["stretchtui status"]) / statistics.median(
            times["python -c pass"]
        )
        verdict = "meets" if ratio <= TARGET else "misses"
        target = f"{verdict} the target of at most {TARGET:.2f}"
        print(f"ratio of medians status/python: {ratio:.2f} ({target})")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
