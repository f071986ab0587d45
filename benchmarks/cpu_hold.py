"""CPU time the full-screen view uses during a long hold, against termdown counting down.

Runs `stretchtui run routines/long-hold.yaml --no-sound` in a private tmux at
80x24, waits for the 90 s hold to begin, and measures the process's CPU
seconds (user + system, from /proc) over a 60 s window. Then, one after the
other, the same for `termdown` at the same size over a window of the same
length, started with a few seconds to spare so the whole window is
counting down (termdown exits at zero). Also shown for each: the bytes it
wrote to the terminal and the CPU the tmux server spent drawing them.

    .venv/bin/python benchmarks/cpu_hold.py [--window SECONDS] [--rounds N]

Target: stretchtui's CPU seconds at most termdown's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from terminal import Terminal, bytes_written, cpu_seconds, report_timeouts, stretchtui_command

HERE = Path(__file__).resolve().parent
ROUTINE = HERE / "routines" / "long-hold.yaml"
WIDTH, HEIGHT = 80, 24
HOLD_SECONDS = 90
TERMDOWN_SPARE_SECONDS = 5


@dataclass(frozen=True)
class Window:
    cpu: float
    written: int
    tmux_cpu: float
    seconds: float


def measure(tmux: Terminal, pid: int, window: float) -> Window:
    server = tmux.server_pid()
    cpu0, out0, tmux0 = cpu_seconds(pid), bytes_written(pid), cpu_seconds(server)
    start = time.monotonic()
    time.sleep(window)
    cpu1, out1, tmux1 = cpu_seconds(pid), bytes_written(pid), cpu_seconds(server)
    return Window(cpu1 - cpu0, out1 - out0, tmux1 - tmux0, time.monotonic() - start)


def run_stretchtui(window: float, home: Path) -> Window:
    env = {
        **os.environ,
        "STRETCHTUI_CONFIG_DIR": str(home / "config"),
        "STRETCHTUI_DATA_DIR": str(home / "data"),
    }
    with Terminal(WIDTH, HEIGHT, env, label="e2e-bench") as tmux:
        pid = tmux.start([*stretchtui_command(), "run", str(ROUTINE), "--no-sound"])
        tmux.wait_until(lambda s: "HOLD" in s and "Breathe" in s, 20, "the hold to begin")
        result = measure(tmux, pid, window)
        if "HOLD" not in tmux.screen():
            raise SystemExit("the hold ended inside the window; use a shorter --window")
        return result


def run_termdown(window: float) -> Window:
    termdown = shutil.which("termdown", path=str(Path(sys.executable).parent)) or shutil.which(
        "termdown"
    )
    if termdown is None:
        raise SystemExit("termdown is not installed: .venv/bin/pip install termdown")
    with Terminal(WIDTH, HEIGHT, label="e2e-bench") as tmux:
        pid = tmux.start([termdown, str(round(window) + TERMDOWN_SPARE_SECONDS)])
        # The figures are drawn in figlet letters; any of them means the count has begun.
        tmux.wait_until(lambda s: s.strip() != "", 20, "termdown to draw")
        return measure(tmux, pid, window)


def show(name: str, windows: list[Window]) -> float:
    cpu = statistics.median(w.cpu for w in windows)
    written = statistics.median(w.written for w in windows)
    tmux_cpu = statistics.median(w.tmux_cpu for w in windows)
    seconds = statistics.median(w.seconds for w in windows)
    print(
        f"{name:<11} cpu {cpu:6.2f} s in {seconds:4.1f} s ({100 * cpu / seconds:4.1f}% of a core)"
        f"  wrote {written / 1024:7.1f} KiB  tmux server cpu {tmux_cpu:5.2f} s"
    )
    return cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--window", type=float, default=60.0, help="seconds measured (max 80)")
    parser.add_argument("--rounds", type=int, default=1, help="runs of each, alternating")
    args = parser.parse_args()
    if not 0 < args.window <= HOLD_SECONDS - 10:
        parser.error(f"--window must be more than 0 and at most {HOLD_SECONDS - 10}")
    if shutil.which("tmux") is None:
        raise SystemExit("tmux is not installed")

    ours: list[Window] = []
    theirs: list[Window] = []
    with tempfile.TemporaryDirectory() as home:
        for round_number in range(1, args.rounds + 1):
            print(f"round {round_number}/{args.rounds}: stretchtui …", flush=True)
            ours.append(run_stretchtui(args.window, Path(home)))
            print(f"round {round_number}/{args.rounds}: termdown …", flush=True)
            theirs.append(run_termdown(args.window))

    print(f"\nCPU during a hold, {WIDTH}x{HEIGHT}, median of {args.rounds} run(s):")
    ours_cpu = show("stretchtui", ours)
    theirs_cpu = show("termdown", theirs)
    ratio = ours_cpu / theirs_cpu if theirs_cpu > 0 else float("inf")
    verdict = "meets" if ours_cpu <= theirs_cpu else "misses"
    print(f"ratio stretchtui/termdown: {ratio:.2f} ({verdict} the target of at most 1.00)")
    return 0


if __name__ == "__main__":
    raise SystemExit(report_timeouts(main))
