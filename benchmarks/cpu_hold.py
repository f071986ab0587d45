"""CPU time and terminal output of the full-screen view during a long hold, against termdown.

Runs `stretchtui run routines/long-hold.yaml --no-sound` in a private tmux
(at 80x24 and at 200x60, where the countdown's block letters are 21 rows tall,
unless --size says otherwise), waits for the 90 s hold to begin, and
measures over a 60 s window the process's CPU seconds (user + system, from
/proc) and the bytes it wrote to the terminal. Then, one after the other, the
same for `termdown` at the same size over a window of the same length,
started with a few seconds to spare so the whole window is counting down
(termdown exits at zero). Rounds alternate; medians are compared. Also shown:
the CPU the tmux server spent drawing what each wrote.

    .venv/bin/python benchmarks/cpu_hold.py [--window SECONDS] [--rounds N] [--size 80x24 ...]

Targets: stretchtui's CPU seconds at most half of termdown's, and its bytes
written at most termdown's.
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

from terminal import (
    Terminal,
    bytes_written,
    cpu_seconds,
    report_timeouts,
    run_seconds,
    stretchtui_command,
)

HERE = Path(__file__).resolve().parent
ROUTINE = HERE / "routines" / "long-hold.yaml"
HOLD_SECONDS = 90
TERMDOWN_SPARE_SECONDS = 5
CPU_TARGET = 0.5
"""At most this share of termdown's CPU seconds."""
BYTES_TARGET = 1.0
"""At most this share of termdown's bytes written."""


@dataclass(frozen=True)
class Window:
    cpu: float
    ran: float
    written: int
    tmux_cpu: float
    seconds: float


def measure(tmux: Terminal, pid: int, window: float) -> Window:
    server = tmux.server_pid()
    cpu0, ran0, out0 = cpu_seconds(pid), run_seconds(pid), bytes_written(pid)
    tmux0 = cpu_seconds(server)
    start = time.monotonic()
    time.sleep(window)
    cpu1, ran1, out1 = cpu_seconds(pid), run_seconds(pid), bytes_written(pid)
    tmux1 = cpu_seconds(server)
    return Window(cpu1 - cpu0, ran1 - ran0, out1 - out0, tmux1 - tmux0, time.monotonic() - start)


def in_hold(screen: str) -> bool:
    """The hold's reminder and breathing guide show (on a large terminal the stage word
    HOLD is block letters, which a text capture does not read)."""
    return "bouncing" in screen.lower() and "Breathe" in screen


def run_stretchtui(window: float, home: Path, size: tuple[int, int]) -> Window:
    env = {
        **os.environ,
        "STRETCHTUI_CONFIG_DIR": str(home / "config"),
        "STRETCHTUI_DATA_DIR": str(home / "data"),
    }
    with Terminal(*size, env, label="e2e-bench") as tmux:
        pid = tmux.start([*stretchtui_command(), "run", str(ROUTINE), "--no-sound"])
        # A first run shows the safety note first (Enter goes on to the session).
        screen = tmux.wait_until(
            lambda s: "Press Enter" in s or "Long hold" in s, 20, "the note or the session"
        )
        if "Press Enter" in screen:
            tmux.press("Enter")
        tmux.wait_until(in_hold, 20, "the hold to begin")
        result = measure(tmux, pid, window)
        if not in_hold(tmux.screen()):
            raise SystemExit("the hold ended inside the window; use a shorter --window")
        return result


def run_termdown(window: float, size: tuple[int, int]) -> Window:
    termdown = shutil.which("termdown", path=str(Path(sys.executable).parent)) or shutil.which(
        "termdown"
    )
    if termdown is None:
        raise SystemExit("termdown is not installed: .venv/bin/pip install termdown")
    with Terminal(*size, label="e2e-bench") as tmux:
        pid = tmux.start([termdown, str(round(window) + TERMDOWN_SPARE_SECONDS)])
        # The figures are drawn in figlet letters; any of them means the count has begun.
        tmux.wait_until(lambda s: s.strip() != "", 20, "termdown to draw")
        return measure(tmux, pid, window)


@dataclass(frozen=True)
class Medians:
    cpu: float
    ran: float
    written: float


def show(name: str, windows: list[Window]) -> Medians:
    cpu = statistics.median(w.cpu for w in windows)
    ran = statistics.median(w.ran for w in windows)
    written = statistics.median(w.written for w in windows)
    tmux_cpu = statistics.median(w.tmux_cpu for w in windows)
    seconds = statistics.median(w.seconds for w in windows)
    print(
        f"{name:<11} cpu {cpu:6.2f} s in {seconds:4.1f} s ({100 * cpu / seconds:4.1f}% of a core)"
        f"  ran {ran:5.2f} s  wrote {written / 1024:7.1f} KiB  tmux server cpu {tmux_cpu:5.2f} s"
    )
    return Medians(cpu, ran, written)


def ratio_line(what: str, ours: float, theirs: float, target: float) -> str:
    ratio = ours / theirs if theirs > 0 else float("inf")
    verdict = "meets" if ratio <= target else "misses"
    return (
        f"ratio stretchtui/termdown, {what}: {ratio:.2f}"
        f" ({verdict} the target of at most {target:.2f})"
    )


def parse_size(text: str) -> tuple[int, int]:
    width, _, height = text.partition("x")
    try:
        size = int(width), int(height)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a size like 80x24, got {text!r}") from None
    if min(size) < 10:
        raise argparse.ArgumentTypeError(f"expected at least 10x10, got {text!r}")
    return size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--window", type=float, default=60.0, help="seconds measured (max 80)")
    parser.add_argument("--rounds", type=int, default=1, help="runs of each, alternating")
    parser.add_argument(
        "--size",
        type=parse_size,
        action="append",
        help="terminal COLUMNSxROWS, repeatable (default: 80x24 and 200x60)",
    )
    args = parser.parse_args()
    if not 0 < args.window <= HOLD_SECONDS - 10:
        parser.error(f"--window must be more than 0 and at most {HOLD_SECONDS - 10}")
    if shutil.which("tmux") is None:
        raise SystemExit("tmux is not installed")

    sizes: list[tuple[int, int]] = args.size or [(80, 24), (200, 60)]
    ours: dict[tuple[int, int], list[Window]] = {size: [] for size in sizes}
    theirs: dict[tuple[int, int], list[Window]] = {size: [] for size in sizes}
    with tempfile.TemporaryDirectory() as home:
        for round_number in range(1, args.rounds + 1):
            for size in sizes:
                label = f"round {round_number}/{args.rounds}, {size[0]}x{size[1]}"
                print(f"{label}: stretchtui …", flush=True)
                ours[size].append(run_stretchtui(args.window, Path(home), size))
                print(f"{label}: termdown …", flush=True)
                theirs[size].append(run_termdown(args.window, size))

    for width, height in sizes:
        print(f"\nDuring a hold, {width}x{height}, median of {args.rounds} run(s):")
        us = show("stretchtui", ours[width, height])
        them = show("termdown", theirs[width, height])
        print(ratio_line("CPU (tick accounting)", us.cpu, them.cpu, CPU_TARGET))
        print(ratio_line("CPU (scheduler run time)", us.ran, them.ran, CPU_TARGET))
        print(ratio_line("bytes written", us.written, them.written, BYTES_TARGET))
    print(f"load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(report_timeouts(main))
