"""Peak memory of the full-screen view: the menu alone, and a session about 20 s in.

Each case runs in a private tmux at 80x24 with fresh config and data folders and
reads the process's peak resident set size (VmHWM in /proc/PID/status):

- menu: `stretchtui`, the menu painted, then 3 s idle;
- menu then session: `stretchtui`, Enter on "Evening wind-down" (desk-evening),
  20 s of the session with the default settings (sound on, if a player is found);
- run: `stretchtui run desk-evening --no-sound`, 20 s of the session.

    .venv/bin/python benchmarks/memory.py [--seconds N]

Target: at most 80 MB for the session.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from terminal import Terminal, report_timeouts, status_kib, stretchtui_command

WIDTH, HEIGHT = 80, 24
TARGET_MB = 80.0
MENU_IDLE_SECONDS = 3.0
ROUTINE_ID = "desk-evening"
ROUTINE_NAME = "Evening wind-down"


def peak_mb(
    command: list[str], home: Path, steps: Callable[[Terminal], None], seconds: float
) -> tuple[float, float]:
    """(peak, current) resident MB of `command` after `steps` and then `seconds` of running."""
    env = {
        **os.environ,
        "STRETCHTUI_CONFIG_DIR": str(home / "config"),
        "STRETCHTUI_DATA_DIR": str(home / "data"),
    }
    with Terminal(WIDTH, HEIGHT, env, label="e2e-bench") as tmux:
        pid = tmux.start(command)
        steps(tmux)
        time.sleep(seconds)
        if "Traceback" in tmux.screen():
            raise SystemExit(f"the app failed:\n{tmux.screen()}")
        return status_kib(pid, "VmHWM") / 1024, status_kib(pid, "VmRSS") / 1024


def menu_painted(tmux: Terminal) -> None:
    tmux.wait_for("Desk micro-sessions", timeout=15)


def session_from_menu(tmux: Terminal) -> None:
    menu_painted(tmux)
    # The preview pane names the highlighted routine on its first line.
    for _ in range(12):
        if f"││ {ROUTINE_NAME}" in tmux.screen():
            break
        tmux.press("Down")
        time.sleep(0.2)
    else:
        raise SystemExit(f"could not highlight {ROUTINE_NAME}:\n{tmux.screen()}")
    tmux.press("Enter")
    tmux.wait_for("GET READY", timeout=15)


def session_started(tmux: Terminal) -> None:
    tmux.wait_for("GET READY", timeout=15)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="session time before reading")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        raise SystemExit("tmux is not installed")

    app = stretchtui_command()
    cases: list[tuple[str, list[str], Callable[[Terminal], None], float]] = [
        ("menu", app, menu_painted, MENU_IDLE_SECONDS),
        ("menu then session", app, session_from_menu, args.seconds),
        (
            f"run {ROUTINE_ID} --no-sound",
            [*app, "run", ROUTINE_ID, "--no-sound"],
            session_started,
            args.seconds,
        ),
    ]
    print(f"Peak resident memory (VmHWM) at {WIDTH}x{HEIGHT}:")
    session_peaks: list[float] = []
    for name, command, steps, seconds in cases:
        with tempfile.TemporaryDirectory() as home:
            peak, now = peak_mb(command, Path(home), steps, seconds)
        print(f"  {name:<30} peak {peak:6.1f} MB   resident now {now:6.1f} MB", flush=True)
        if name != "menu":
            session_peaks.append(peak)
    worst = max(session_peaks)
    verdict = "meets" if worst <= TARGET_MB else "misses"
    print(f"highest session peak {worst:.1f} MB ({verdict} the target of at most {TARGET_MB:g} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(report_timeouts(main))
