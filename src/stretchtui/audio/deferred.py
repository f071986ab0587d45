"""A player chosen in the background, so the menu never waits for the sound device."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from stretchtui.audio.player import SilentPlayer, SoundPlayer

if TYPE_CHECKING:
    from stretchtui.cues import Cue

FAILED_NOTICE = "Sound could not be set up: cues will be visual only."


class DeferredPlayer:
    """Chooses the real player on a thread at once; whatever needs it waits for the choice.

    Choosing probes the sound device, which can take half a second. Started with
    the menu, the choice is long made by the time a session plays its first cue.
    """

    def __init__(self, choose: Callable[[], SoundPlayer]) -> None:
        self._choose = choose
        self._chosen: SoundPlayer | None = None
        self._ready = threading.Event()
        self._lock = threading.Lock()
        self._muted = False
        threading.Thread(target=self._run, name="stretchtui-sound", daemon=True).start()

    def _run(self) -> None:
        try:
            player = self._choose()
        except Exception:
            # A thread's traceback would be printed over the screen; fall back instead.
            player = SilentPlayer(FAILED_NOTICE)
        with self._lock:
            if self._muted:
                player.set_muted(True)
            self._chosen = player
        self._ready.set()

    @property
    def chosen(self) -> SoundPlayer:
        """The real player, waiting for the choice if it is still being made."""
        self._ready.wait()
        assert self._chosen is not None
        return self._chosen

    @property
    def name(self) -> str:
        return self.chosen.name

    @property
    def notice(self) -> str | None:
        return self.chosen.notice

    @property
    def muted(self) -> bool:
        return self._muted

    def set_muted(self, muted: bool) -> None:
        with self._lock:
            self._muted = muted
            if self._chosen is not None:
                self._chosen.set_muted(muted)

    def play(self, cue: Cue) -> None:
        if not self._muted:
            self.chosen.play(cue)

    def close(self) -> None:
        self.chosen.close()


def cues_are_visual(player: SoundPlayer) -> bool:
    """True when cues are to be seen, not heard (waits for a player still being chosen)."""
    if isinstance(player, DeferredPlayer):
        player = player.chosen
    return isinstance(player, SilentPlayer) and player.visual
