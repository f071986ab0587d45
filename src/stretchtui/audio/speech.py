"""Spoken cues through espeak-ng, for those who ask for them (`speak: true`) and have it."""

from __future__ import annotations

from stretchtui.audio.processes import OneAtATime

DRAIN_SECONDS = 4.0


class Speaker:
    """Says one line at a time; a new line cuts the one being said."""

    def __init__(self, executable: str, volume: int) -> None:
        self._executable = executable
        self._volume = volume
        self._runner = OneAtATime()

    def set_volume(self, volume: int) -> None:
        self._volume = volume

    def say(self, text: str) -> None:
        # espeak-ng's amplitude runs 0-200 with 100 as normal speech.
        volume = str(max(0, min(100, self._volume)))
        self._runner.start([self._executable, "-a", volume, "--", text])

    def wait(self, timeout: float) -> bool:
        """Wait for the line being said to finish; True if nothing is left speaking."""
        return self._runner.wait(timeout)

    def stop(self) -> None:
        self._runner.stop()

    def close(self) -> None:
        # The last words ("session complete") are worth hearing to the end.
        self._runner.close(drain=DRAIN_SECONDS)
