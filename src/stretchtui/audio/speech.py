"""Spoken cues through espeak-ng, for those who ask for them (`speak: true`) and have it."""

from __future__ import annotations

import contextlib
import subprocess

DRAIN_SECONDS = 4.0


class Speaker:
    """Says one line at a time; a new line cuts the one being said."""

    def __init__(self, executable: str, volume: int) -> None:
        self._executable = executable
        self._volume = volume
        self._current: subprocess.Popen[bytes] | None = None
        self._stopping: list[subprocess.Popen[bytes]] = []

    def set_volume(self, volume: int) -> None:
        self._volume = volume

    def say(self, text: str) -> None:
        self.stop()
        try:
            self._current = subprocess.Popen(
                # espeak-ng's amplitude runs 0-200 with 100 as normal speech.
                [self._executable, "-a", str(max(0, min(100, self._volume))), "--", text],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            self._current = None

    def wait(self, timeout: float) -> bool:
        """Wait for the line being said to finish; True if nothing is left speaking."""
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
        self._stopping = [proc for proc in self._stopping if proc.poll() is None]

    def close(self) -> None:
        # The last words ("session complete") are worth hearing to the end.
        self.wait(timeout=DRAIN_SECONDS)
        self.stop()
        for proc in self._stopping:
            try:
                proc.wait(timeout=0.5)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(OSError):
                    proc.kill()
        self._stopping = []
