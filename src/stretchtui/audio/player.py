"""What the rest of the app needs from a sound player."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    # Not at run time: the menu chooses its player before it paints, and the cues (with
    # the plan and kinds they bring) are not needed until a session.
    from stretchtui.config import Settings
    from stretchtui.cues import Cue


class SoundPlayer(Protocol):
    """Turns cues into sound. `play` must return at once: playback never holds up a session."""

    @property
    def name(self) -> str:
        """Which backend plays: simpleaudio, aplay, bell, silent, …"""
        ...

    @property
    def notice(self) -> str | None:
        """One calm line for the screen when sound is not available, else None."""
        ...

    @property
    def muted(self) -> bool: ...

    def set_muted(self, muted: bool) -> None: ...

    def play(self, cue: Cue) -> None: ...

    def close(self) -> None: ...


class SilentPlayer:
    """Plays nothing; used with --no-sound, sound: off, and when no device works.

    `visual` says the cues stand in for sound on screen (no device, no bell asked
    for): the full-screen view then flashes the stage at each cue.
    """

    def __init__(self, notice: str | None = None, *, visual: bool = False) -> None:
        self._notice = notice
        self.visual = visual
        self._muted = False
        self.played: list[Cue] = []

    @property
    def name(self) -> str:
        return "silent"

    @property
    def notice(self) -> str | None:
        return self._notice

    @property
    def muted(self) -> bool:
        return self._muted

    def set_muted(self, muted: bool) -> None:
        self._muted = muted

    def play(self, cue: Cue) -> None:
        # Kept so tests can see what would have sounded.
        if not self._muted:
            self.played.append(cue)

    def close(self) -> None:
        self.played.clear()


def sound_is_off(settings: Settings, enabled: bool = True) -> bool:
    """Whether this run plays no sound at all (`--no-sound` or `sound: off`): then no
    output is probed and none of the sound code is loaded."""
    from stretchtui.config import SoundMode

    return not enabled or settings.sound is SoundMode.OFF
