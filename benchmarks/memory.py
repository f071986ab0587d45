"""Peak memory of the full-screen view, against a bare Textual app in the same run.

Each case runs in a private tmux at 80x24 with fresh config and data folders and
reads the process's peak resident set size (VmHWM in /proc/PID/status):

- bare Textual app: one Static (written to a temporary file, run with the same
  Python), painted, then 3 s idle: the reference;
- the same bare app without TLS: `ssl` marked missing before Textual loads, as
  stretchtui's full screen does (`stretchtui.tui.launch.leave_out_tls`): what Textual
  itself needs, the floor under stretchtui's own memory;
- menu: `stretchtui`, the menu painted, then 3 s idle;
- menu then session: `stretchtui`, Enter on "Evening" (desk-evening), past the
  first-run safety note, 20 s of the session with the default settings (sound on,
  if a player is found);
- run: `stretchtui run desk-evening --no-sound`, past the note, 20 s of the session.

Screens are matched with spaces removed: the app writes only the cells that change
and may draw block letters as reversed spaces, so words are found by their letters.

    .venv/bin/python benchmarks/memory.py [--seconds N]

Prints each peak, the ratio of the highest session peak to the bare app's peak,
what stretchtui adds over the bare app without TLS, and the target: at most 40 MB
for the session.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from terminal import Terminal, report_timeouts, status_kib, stretchtui_command

WIDTH, HEIGHT = 80, 24
TARGET_MB = 40.0
IDLE_SECONDS = 3.0
WAIT_SECONDS = 20.0
ROUTINE_ID = "desk-evening"
ROUTINE_NAME = "Evening"
# The first routine of the menu (as benchmarks/startup.py waits for it).
MENU_MARKER = "Beginner back routine"
NOTE_MARKER = "Press Enter to start"
# The session's header: "Stretch 1 of 1 · 1m 05s left".
SESSION_MARKER = "Stretch 1 of"
BARE_MARKER = "Bare Textual app ready"
BARE_APP = f'''
import sys

if "--without-tls" in sys.argv:
    sys.modules["ssl"] = None

from textual.app import App, ComposeResult
from textual.widgets import Static


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("{BARE_MARKER}")


if __name__ == "__main__":
    Bare().run()
'''


def compact(text: str) -> str:
    return "".join(text.split())


def shows(marker: str) -> Callable[[str], bool]:
    wanted = compact(marker)
    return lambda screen: wanted in compact(screen)


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


def bare_painted(tmux: Terminal) -> None:
    tmux.wait_until(shows(BARE_MARKER), WAIT_SECONDS, repr(BARE_MARKER))


def menu_painted(tmux: Terminal) -> None:
    tmux.wait_until(shows(MENU_MARKER), WAIT_SECONDS, "the menu")


def preview_names(screen: str, name: str) -> bool:
    """The preview pane (right of the list) names `name` on its first line."""
    for line in screen.splitlines():
        _, bar, right = line.partition("││")
        if bar and compact(right) == compact(name) + "│":
            return True
    return False


def session_started(tmux: Terminal) -> None:
    """Past the first-run safety note (Enter goes on), the session's header shows."""
    in_session = shows(SESSION_MARKER)
    at_note = shows(NOTE_MARKER)
    screen = tmux.wait_until(
        lambda s: at_note(s) or in_session(s), WAIT_SECONDS, "the safety note or the session"
    )
    if not in_session(screen):
        tmux.press("Enter")
    tmux.wait_until(in_session, WAIT_SECONDS, "the session")


def session_from_menu(tmux: Terminal) -> None:
    menu_painted(tmux)
    for _ in range(12):
        if preview_names(tmux.screen(), ROUTINE_NAME):
            break
        tmux.press("Down")
        time.sleep(0.3)
    else:
        raise SystemExit(f"could not highlight {ROUTINE_NAME}:\n{tmux.screen()}")
    tmux.press("Enter")
    session_started(tmux)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="session time before reading")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        raise SystemExit("tmux is not installed")

    app = stretchtui_command()
    with tempfile.TemporaryDirectory() as scratch:
        bare = Path(scratch) / "bare_app.py"
        bare.write_text(BARE_APP)
        cases: list[tuple[str, list[str], Callable[[Terminal], None], float]] = [
            ("bare Textual app", [sys.executable, str(bare)], bare_painted, IDLE_SECONDS),
            (
                "bare Textual app without TLS",
                [sys.executable, str(bare), "--without-tls"],
                bare_painted,
                IDLE_SECONDS,
            ),
            ("menu", app, menu_painted, IDLE_SECONDS),
            ("menu then session", app, session_from_menu, args.seconds),
            (
                f"run {ROUTINE_ID} --no-sound",
                [*app, "run", ROUTINE_ID, "--no-sound"],
                session_started,
                args.seconds,
            ),
        ]
        print(f"Peak resident memory (VmHWM) at {WIDTH}x{HEIGHT}:")
        peaks: dict[str, float] = {}
        for name, command, steps, seconds in cases:
            with tempfile.TemporaryDirectory() as home:
                peak, now = peak_mb(command, Path(home), steps, seconds)
            peaks[name] = peak
            print(f"  {name:<30} peak {peak:6.1f} MB   resident now {now:6.1f} MB", flush=True)
    bare_peak = peaks.pop("bare Textual app")
    floor = peaks.pop("bare Textual app without TLS")
    peaks.pop("menu")
    worst = max(peaks.values())
    print(f"ratio highest session peak / bare Textual app: {worst / bare_peak:.2f}")
    print(f"highest session peak over the bare app without TLS: {worst - floor:+.1f} MB")
    verdict = "meets" if worst <= TARGET_MB else "misses"
    print(f"highest session peak {worst:.1f} MB ({verdict} the target of at most {TARGET_MB:g} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(report_timeouts(main))
