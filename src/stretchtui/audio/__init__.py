"""Sound cues (no Textual here).

The names below load on first use: a session without sound (`--no-sound`,
`sound: off`) never imports the outputs, the ALSA bindings (ctypes) or the WAV
reader, which would only cost memory.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stretchtui.lazy import lazy_exports

if TYPE_CHECKING:
    from stretchtui.audio.cue_player import CuePlayer
    from stretchtui.audio.deferred import cues_are_visual
    from stretchtui.audio.factory import create_player
    from stretchtui.audio.player import SilentPlayer, SoundPlayer
    from stretchtui.audio.sounds import sound_for
    from stretchtui.kinds import CueSound

_HOMES = {
    "CuePlayer": "stretchtui.audio.cue_player",
    "CueSound": "stretchtui.kinds",
    "SilentPlayer": "stretchtui.audio.player",
    "SoundPlayer": "stretchtui.audio.player",
    "create_player": "stretchtui.audio.factory",
    "cues_are_visual": "stretchtui.audio.deferred",
    "sound_for": "stretchtui.audio.sounds",
}

__all__ = [
    "CuePlayer",
    "CueSound",
    "SilentPlayer",
    "SoundPlayer",
    "create_player",
    "cues_are_visual",
    "sound_for",
]


__getattr__ = lazy_exports(__name__, _HOMES, globals())
