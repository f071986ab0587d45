"""Sound cues (no Textual here)."""

from stretchtui.audio.cue_player import CuePlayer
from stretchtui.audio.factory import create_player, cues_are_visual
from stretchtui.audio.player import SilentPlayer, SoundPlayer
from stretchtui.audio.sounds import sound_for
from stretchtui.kinds import CueSound

__all__ = [
    "CuePlayer",
    "CueSound",
    "SilentPlayer",
    "SoundPlayer",
    "create_player",
    "cues_are_visual",
    "sound_for",
]
