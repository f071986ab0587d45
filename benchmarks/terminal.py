"""Shared by the TUI benchmarks: a private tmux terminal, and a process's CPU time and memory.

Every Tmux has its own socket, so a benchmark never sees or ends anyone else's tmux.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

POLL_SECONDS = 0.05


def _unblock_child_signals() -> None:
    # A shell may hand us SIGCHLD blocked, and a tmux server started so never reaps the
    # programs it runs: each would stay a zombie until the server ends.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGCHLD})


class Tmux:
    """A detached tmux session of a fixed size running one command."""

    def __init__(self, width: int, height: int, env: Mapping[str, str] | None = None) -> None:
        self.socket = f"e2e-bench-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.width = width
        self.height = height
        self.env = dict(os.environ if env is None else env)
        self.socket_path: Path | None = None

    def tmux(self, *args: str) -> str:
        # -f /dev/null: a personal ~/.tmux.conf (status bar, hooks) would change what is measured.
        done = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
            preexec_fn=_unblock_child_signals,
        )
        return done.stdout

    def start(self, command: Sequence[str]) -> int:
        """Start `command` (run directly, no shell) and return its process id."""
        size = ["-x", str(self.width), "-y", str(self.height)]
        self.tmux("new-session", "-d", "-s", "bench", *size, *command)
        self.tmux("set-option", "-g", "status", "off")
        self.socket_path = Path(self.tmux("display-message", "-p", "#{socket_path}").strip())
        return int(self.tmux("display-message", "-p", "-t", "bench", "#{pane_pid}"))

    def server_pid(self) -> int:
        return int(self.tmux("display-message", "-p", "#{pid}"))

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "bench")

    def press(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "bench", *keys)

    def wait_until(self, condition: Callable[[str], bool], timeout: float, what: str) -> str:
        deadline = time.monotonic() + timeout
        while True:
            shown = self.screen()
            if condition(shown):
                return shown
            if time.monotonic() > deadline:
                raise SystemExit(f"waited {timeout:g}s for {what}; the screen shows:\n{shown}")
            time.sleep(POLL_SECONDS)

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        return self.wait_until(lambda shown: text in shown, timeout, repr(text))

    def close(self) -> None:
        subprocess.run(
            ["tmux", "-L", self.socket, "kill-server"],
            env=self.env,
            capture_output=True,
            timeout=10,
            check=False,
        )
        # tmux 3.3 leaves the socket file behind after kill-server.
        if self.socket_path is not None:
            self.socket_path.unlink(missing_ok=True)

    def __enter__(self) -> Tmux:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time the process has used so far."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    # The command name (field 2) may hold spaces; the fields after its closing ")" do not.
    fields = stat.rsplit(")", 1)[1].split()
    utime, stime = int(fields[11]), int(fields[12])
    return (utime + stime) / os.sysconf("SC_CLK_TCK")


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


def stretchtui_command() -> list[str]:
    """The installed entry point next to this Python, as a person would start it."""
    import sys

    script = Path(sys.executable).with_name("stretchtui")
    return [str(script)] if script.exists() else [sys.executable, "-m", "stretchtui"]
