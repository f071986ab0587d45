"""One helper program at a time: a system sound player, or espeak-ng saying a line."""

from __future__ import annotations

import contextlib
import subprocess


class OneAtATime:
    """Runs a program per cue; starting a new one cuts the one before.

    Never waits on a running program (cues must not be held up) and never leaves
    one behind: cut programs are reaped the next time round, and `close` waits
    a little, then kills what is left.
    """

    def __init__(self) -> None:
        self._current: subprocess.Popen[bytes] | None = None
        self._stopping: list[subprocess.Popen[bytes]] = []

    def start(self, args: list[str]) -> None:
        self.stop()
        try:
            self._current = subprocess.Popen(
                args,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            self._current = None

    def wait(self, timeout: float) -> bool:
        """Wait for the running program to finish; True if nothing is left running."""
        current = self._current
        if current is None:
            return True
        try:
            current.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return False
        return True

    def stop(self) -> None:
        current, self._current = self._current, None
        if current is not None and current.poll() is None:
            with contextlib.suppress(OSError):
                current.terminate()
            self._stopping.append(current)
        # Reap without waiting: a program that has not exited yet is checked next time.
        self._stopping = [proc for proc in self._stopping if proc.poll() is None]

    def close(self, drain: float) -> None:
        """Let the running program finish (up to `drain` seconds), then end them all."""
        self.wait(timeout=drain)
        self.stop()
        for proc in self._stopping:
            try:
                proc.wait(timeout=0.5)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(OSError):
                    proc.kill()
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(timeout=0.5)
        self._stopping = []
