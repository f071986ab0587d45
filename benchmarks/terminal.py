"""Shared by the TUI benchmarks: a private tmux terminal, and a process's CPU time and memory.

The terminal is the end-to-end tests' own driver (tests/e2e/tmux.py): every one has its
own socket, so a benchmark never sees or ends anyone else's tmux.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Run as `python benchmarks/X.py`, only benchmarks/ is on the path; the driver lives under tests/.
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.e2e.tmux import Terminal, WaitTimedOut, stretchtui_command  # noqa: E402

__all__ = [
    "Terminal",
    "WaitTimedOut",
    "bytes_written",
    "cpu_seconds",
    "run_seconds",
    "report_timeouts",
    "status_kib",
    "stretchtui_command",
]


def report_timeouts(main: Callable[[], int]) -> int:
    """Run a benchmark; a screen that never came ends it with that screen, not a traceback."""
    try:
        return main()
    except WaitTimedOut as problem:
        raise SystemExit(str(problem)) from None


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time the process has used so far."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    # The command name (field 2) may hold spaces; the fields after its closing ")" do not.
    fields = stat.rsplit(")", 1)[1].split()
    utime, stime = int(fields[11]), int(fields[12])
    return (utime + stime) / os.sysconf("SC_CLK_TCK")


def run_seconds(pid: int) -> float:
    """The time the scheduler has run the process's threads so far (schedstat, in
    nanoseconds). `cpu_seconds` comes from the kernel's tick accounting, which charges a
    whole 10 ms tick to whatever runs when the tick fires: a program that wakes briefly,
    on timers that expire on ticks, can be charged several times what it ran (seen here
    on a quiet machine: 1.16 s of ticks against 0.46 s run in 20 s of a hold)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(FileNotFoundError, ProcessLookupError):
            total += int((task / "schedstat").read_text().split()[0])
    return total / 1e9


def bytes_written(pid: int) -> int:
    """Bytes the process has written so far (to its terminal, mostly)."""
    for line in Path(f"/proc/{pid}/io").read_text().splitlines():
        if line.startswith("wchar:"):
            return int(line.split()[1])
    raise ValueError(f"no wchar in /proc/{pid}/io")


def status_kib(pid: int, field: str) -> int:
    """A kB figure from /proc/PID/status, e.g. VmHWM (peak resident memory) or VmRSS."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise ValueError(f"no {field} in /proc/{pid}/status")
