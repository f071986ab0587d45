"""A real terminal: one private tmux server, driven by keys and screen reads.

Used by the end-to-end tests and by the TUI benchmarks (which import it as
`tests.e2e.tmux`), so it needs nothing but the standard library.

Each Terminal has its own socket, so tests, benchmarks (and people) using tmux at the
same time never see each other's sessions, and closing it never touches theirs.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

POLL_SECONDS = 0.05
SESSION = "main"


class WaitTimedOut(AssertionError):
    """The screen or the program did not get where it was awaited in time."""


def stretchtui_command() -> list[str]:
    """The installed entry point next to this Python, as a person would start it."""
    script = Path(sys.executable).with_name("stretchtui")
    return [str(script)] if script.exists() else [sys.executable, "-m", "stretchtui"]


def _unblock_child_signals() -> None:
    # A shell may hand us SIGCHLD blocked, and a tmux server started so never reaps the
    # programs it runs: each would stay a zombie until the server ends.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGCHLD})


class Terminal:
    """A detached tmux session of a fixed size running one command."""

    def __init__(
        self, width: int, height: int, env: Mapping[str, str] | None = None, label: str = "e2e"
    ) -> None:
        self.socket = f"{label}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.width = width
        self.height = height
        self.env = dict(os.environ if env is None else env)
        self.socket_path: Path | None = None
        self.workdir = Path(tempfile.mkdtemp(prefix=f"{label}-tmux-"))
        self.status_file: Path | None = None
        # remain-on-exit keeps the pane, and its last screen, after the program ends;
        # the file keeps any personal ~/.tmux.conf (status bar, hooks) out of what is seen.
        self.config = self.workdir / "tmux.conf"
        self.config.write_text("set -g remain-on-exit on\nset -g status off\n")

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, "-f", str(self.config), *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
            preexec_fn=_unblock_child_signals,
        )
        return done.stdout

    def start(self, command: Sequence[str], *, record_exit: bool = False) -> int:
        """Run `command` (no shell of ours) in the pane and return the pane's process id.

        With `record_exit`, a shell runs the command and writes down its exit status for
        `wait_for_exit`, and the id returned is that shell's; without, it is the command's.
        """
        size = ["-x", str(self.width), "-y", str(self.height)]
        if record_exit:
            self.status_file = self.workdir / "exit-status"
            # tmux's own record of the status (pane_dead_status) sometimes never arrives,
            # when tmux is slow to reap the child.
            command = ["sh", "-c", '"$@"; echo $? > "$0"', str(self.status_file), *command]
        self.tmux("new-session", "-d", "-s", SESSION, *size, *command)
        self.socket_path = Path(self.tmux("display-message", "-p", "#{socket_path}").strip())
        return self.pane_pid()

    def pane_pid(self) -> int:
        return int(self.tmux("display-message", "-p", "-t", SESSION, "#{pane_pid}"))

    def server_pid(self) -> int:
        return int(self.tmux("display-message", "-p", "#{pid}"))

    def screen(self) -> str:
        """What the terminal shows now, as plain text, one line per row."""
        return self.tmux("capture-pane", "-p", "-t", SESSION)

    def press(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", SESSION, *keys)

    def wait_until(self, condition: Callable[[str], bool], timeout: float, what: str) -> str:
        """The first screen that meets `condition`; fails with the last screen after `timeout`."""
        deadline = time.monotonic() + timeout
        while True:
            shown = self.screen()
            if condition(shown):
                return shown
            if time.monotonic() > deadline:
                raise WaitTimedOut(f"waited {timeout:g}s for {what}; the screen shows:\n{shown}")
            time.sleep(POLL_SECONDS)

    def wait_for(self, text: str, timeout: float = 10.0) -> str:
        return self.wait_until(lambda shown: text in shown, timeout, repr(text))

    def exit_status(self) -> int | None:
        """The program's exit status once it has ended, else None."""
        if self.status_file is None:
            raise ValueError("the exit status is only written down after start(record_exit=True)")
        try:
            written = self.status_file.read_text()
        except FileNotFoundError:
            return None
        return int(written) if written.endswith("\n") else None

    def wait_for_exit(self, timeout: float = 10.0) -> int:
        deadline = time.monotonic() + timeout
        while (status := self.exit_status()) is None:
            if time.monotonic() > deadline:
                raise WaitTimedOut(
                    f"the program still runs after {timeout:g}s ({self.process_state()});"
                    f" the screen shows:\n{self.screen()}"
                )
            time.sleep(POLL_SECONDS)
        return status

    def process_state(self) -> str:
        """The pane's process as the kernel sees it, e.g. 'pid 123 state S', for failure notes."""
        pid = self.pane_pid()
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return f"pid {pid} gone"
        return f"pid {pid} state {stat.rsplit(')', 1)[1].split()[0]}"

    def close(self) -> None:
        # Only this terminal's own server: the socket name is unique to it.
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
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
