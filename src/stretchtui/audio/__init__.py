"""Sound cues (no Textual here)."""

from stretchtui.audio.player import SilentPlayer, SoundPlayer

__all__ = ["SilentPlayer", "SoundPlayer"]
