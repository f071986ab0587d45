"""Cues fan out from one place: to the sound player and to every display (screen, plain lines).

The full-screen view and plain mode each hand the engine's cues to a CueFanout
instead of to the player themselves, and mute through it, so a third consumer
(a browser, a reminder) is one more output, not another copy of this loop.
What a session did is recorded by the store as a session observer, not here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from stretchtui.audio import SoundPlayer
from stretchtui.cues import Cue

CueOutput = Callable[[Cue], None]


class CueFanout:
    """Sends each cue to the player (which stays silent while muted), then to each output."""

    def __init__(self, player: SoundPlayer, outputs: Iterable[CueOutput] = ()) -> None:
        self._player = player
        self._outputs = list(outputs)

    def add_output(self, output: CueOutput) -> None:
        self._outputs.append(output)

    @property
    def muted(self) -> bool:
        return self._player.muted

    def set_muted(self, muted: bool) -> None:
        self._player.set_muted(muted)

    def toggle_mute(self) -> bool:
        """Mute if sounding, sound if muted; returns whether it is muted now."""
        self.set_muted(not self.muted)
        return self.muted

    def send(self, cues: Iterable[Cue]) -> None:
        for cue in cues:
            self._player.play(cue)
            for output in self._outputs:
                output(cue)
