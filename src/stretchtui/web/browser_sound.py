"""Cue sounds for a served app: the browser plays them, never the server.

The person follows the session on a phone or a laptop across the room; the
server's speakers (or its terminal's bell) are not where they are. So a served
app's player sends each cue's sound name to the page, which plays the same
sound files. `CuePlayer` still decides which cue sounds and when; only the
output differs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from stretchtui.audio import CuePlayer, SoundPlayer
from stretchtui.audio.sounds import BELL_SOUNDS, Clip, sounds_for_groups, volume_gain
from stretchtui.config import Settings
from stretchtui.kinds import CueSound

# The meta packet type the app sends and the server forwards to the page.
SOUND_META = "stretchtui.sound"
# One short line: on a phone held upright the page is about 45 columns wide.
NOTICE = "Sounds play here, not on the server."

Post = Callable[[dict[str, object]], None]


class BrowserOutput:
    """An Output that asks the page to play a sound; `post` must return at once."""

    def __init__(self, post: Post, volume: int) -> None:
        self._post = post
        self._gain = volume_gain(volume)
        self.sent: list[CueSound] = []

    @property
    def name(self) -> str:
        return "browser"

    def load(self, clips: Mapping[CueSound, Clip]) -> None:
        # The page fetches the shipped files itself and applies the volume as gain.
        return None

    def start(self, sound: CueSound) -> None:
        self.sent.append(sound)
        self._post({"type": SOUND_META, "sound": sound.value, "gain": round(self._gain, 3)})

    def stop(self) -> None:
        self._post({"type": SOUND_META, "sound": None, "gain": 0})

    def close(self) -> None:
        return None


def browser_player(settings: Settings, post: Post, *, enabled: bool = True) -> SoundPlayer:
    """The player for a served app: cue sounds go to the page, as the config chooses them."""
    from stretchtui.audio import SilentPlayer
    from stretchtui.config import SoundMode

    if not enabled or settings.sound is SoundMode.OFF:
        # As in the terminal: sound the person switched off needs no notice.
        return SilentPlayer()
    sounds = sounds_for_groups(settings.cues)
    if settings.sound is SoundMode.BELL:
        # "Just the bell": the few moments that change what to do, nothing more.
        sounds &= BELL_SOUNDS
    output = BrowserOutput(post, settings.volume)
    return CuePlayer(output, {}, sounds, volume=settings.volume, notice=NOTICE)
