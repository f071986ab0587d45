"""How close to its schedule does `stretchtui run --plain` say each cue, at real speed?

Runs the plain mode as a subprocess on the real clock, notes when each line
arrives, and compares it with the schedule the same plan gives on a fake clock.
It does this idle, then with every core kept busy by spinning processes.

    .venv/bin/python benchmarks/timing.py [--routine FILE] [--only idle|loaded] [--speed X]

Target: every cue within 50 ms of its schedule, and no growth of the error
from the first quarter of the session to the last.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from stretchtui.clock import FakeClock
from stretchtui.plan import build_plan
from stretchtui.routines import Routine, read_routine
from stretchtui.session import Session

HERE = Path(__file__).resolve().parent
DEFAULT_ROUTINE = HERE / "routines" / "timing-holds.yaml"
TARGET_SECONDS = 0.050


@dataclass(frozen=True)
class Timed:
    at: float
    text: str


def schedule(routine: Routine) -> list[Timed]:
    """Every cue of the plan with its exact offset from the start, from a fake-clock run."""
    clock = FakeClock(0.0)
    session = Session(build_plan(routine), clock)
    timed = [Timed(clock(), cue.text) for cue in session.start()]
    while not session.is_finished:
        step = session.next_due_in()
        assert step is not None
        clock.advance(step)
        timed.extend(Timed(clock(), cue.text) for cue in session.update())
    return timed


def run_plain(routine_file: Path, speed: float) -> list[Timed]:
    """Run the real command; returns each cue line with its monotonic arrival time."""
    with tempfile.TemporaryDirectory() as home:
        env = {
            **os.environ,
            "STRETCHTUI_CONFIG_DIR": str(Path(home, "config")),
            "STRETCHTUI_DATA_DIR": str(Path(home, "data")),
        }
        command = [sys.executable, "-m", "stretchtui", "run", str(routine_file), "--plain"]
        command += ["--no-sound", "--speed", str(speed)]
        arrivals: list[Timed] = []
        with subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, env=env, text=True
        ) as child:
            assert child.stdout is not None
            for line in child.stdout:
                now = time.monotonic()
                if line.startswith("[") and "] " in line:
                    text = line.split("] ", 1)[1].rstrip("\n")
                    # The how-to line rides along with its segment's start; it is not a cue.
                    if not text.startswith("How: "):
                        arrivals.append(Timed(now, text))
        if child.returncode != 0:
            raise SystemExit(f"plain run failed with exit code {child.returncode}")
    return arrivals


def busy_processes(count: int) -> list[subprocess.Popen[bytes]]:
    code = "while True: pass"
    return [subprocess.Popen([sys.executable, "-c", code]) for _ in range(count)]


def compare(label: str, planned: list[Timed], seen: list[Timed], speed: float) -> bool:
    if [t.text for t in planned] != [t.text for t in seen]:
        for index, (want, got) in enumerate(zip(planned, seen, strict=False)):
            if want.text != got.text:
                print(f"{label}: line {index} differs: expected {want.text!r}, got {got.text!r}")
                break
        print(f"{label}: expected {len(planned)} cue lines, got {len(seen)}")
        return False
    # The child's start instant is not visible from here. No cue can come before its
    # time (the engine only reports what is due), so each arrival minus its schedule
    # is the start plus that cue's lateness: the smallest of them is the best estimate
    # of the start, and the error of every cue is its lateness beyond the most punctual.
    implied = [got.at - want.at / speed for want, got in zip(planned, seen, strict=True)]
    origin = min(implied)
    errors = [start - origin for start in implied]
    magnitudes = [abs(error) for error in errors]
    worst = max(range(len(errors)), key=lambda i: magnitudes[i])
    ok = max(magnitudes) <= TARGET_SECONDS
    quarters = [errors[i * len(errors) // 4 : (i + 1) * len(errors) // 4] for i in range(4)]
    means = [statistics.mean(quarter) * 1000 for quarter in quarters]
    growth = (means[-1] - means[0]) / 1000
    slope = statistics.linear_regression([t.at / speed for t in planned], errors).slope
    print(f"{label}: {len(errors)} cues over {planned[-1].at / speed:.0f} s")
    print(
        f"  late by (ms): max {max(magnitudes) * 1000:.2f}, "
        f"mean {statistics.mean(errors) * 1000:.2f}, "
        f"median {statistics.median(errors) * 1000:.2f}, "
        f"p95 {sorted(magnitudes)[int(len(magnitudes) * 0.95) - 1] * 1000:.2f}"
    )
    print(
        "  mean by quarter of the session (ms): "
        + ", ".join(f"{mean:.2f}" for mean in means)
        + f"; first to last {growth * 1000:+.2f} ms; trend {slope * 60_000:+.3f} ms per minute"
    )
    print(
        f"  worst: {planned[worst].text!r} at {planned[worst].at:.1f} s, "
        f"{errors[worst] * 1000:+.2f} ms"
    )
    print(f"  within {TARGET_SECONDS * 1000:.0f} ms: {'yes' if ok else 'NO'}")
    return ok and abs(growth) <= TARGET_SECONDS / 2


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--routine", type=Path, default=DEFAULT_ROUTINE)
    parser.add_argument("--only", choices=("idle", "loaded"))
    parser.add_argument("--speed", type=float, default=1.0, help="faster, for a quick dry run")
    args = parser.parse_args()
    routine = read_routine(args.routine)
    if not isinstance(routine, Routine):
        for problem in routine:
            print(problem, file=sys.stderr)
        return 1
    planned = schedule(routine)
    cores = os.cpu_count() or 2
    print(f"{routine.name}: {len(planned)} cues, {planned[-1].at:.0f} s, {cores} cores")
    ok = True
    if args.only in (None, "idle"):
        ok &= compare("idle", planned, run_plain(args.routine, args.speed), args.speed)
    if args.only in (None, "loaded"):
        spinners = busy_processes(cores)
        try:
            seen = run_plain(args.routine, args.speed)
        finally:
            for process in spinners:
                process.kill()
                process.wait()
        ok &= compare(f"loaded ({cores} busy processes)", planned, seen, args.speed)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
