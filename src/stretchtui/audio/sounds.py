"""Which sound each cue makes, which one wins when several fall together, and the sound files."""

from __future__ import annotations

import io
import math
import sys
import wave
from array import array
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from stretchtui.cues import Cue
from stretchtui.kinds import CueKind, CueSound

# When cues fall at the same moment (a hold starts with its start, no-bounce and
# breathe-in cues; a rep starts with its breath), only the most telling one sounds.
# Breath outranks the rep tick: with breathing tones on, each rep is already
# marked by its inhale, and skipping every inhale but no exhale would be odd.
PRIORITY: Mapping[CueSound, int] = {
    CueSound.DONE: 90,
    CueSound.SWITCH: 80,
    CueSound.START: 70,
    CueSound.READY: 60,
    CueSound.REST: 50,
    CueSound.HALFWAY: 40,
    CueSound.TICK: 30,
    CueSound.INHALE: 20,
    CueSound.EXHALE: 20,
    CueSound.REP: 10,
}

# The config file's cue groups (config.CUE_GROUPS) that switch each sound on or off.
GROUP: Mapping[CueSound, str] = {
    CueSound.START: "start",
    CueSound.READY: "start",
    CueSound.TICK: "countdown",
    CueSound.HALFWAY: "halfway",
    CueSound.SWITCH: "switch",
    CueSound.INHALE: "breathing",
    CueSound.EXHALE: "breathing",
    CueSound.REP: "reps",
    CueSound.REST: "rest",
    CueSound.DONE: "done",
}

# The terminal bell is one harsh note: keep it for the moments that change what to do.
BELL_SOUNDS = frozenset(
    {CueSound.START, CueSound.SWITCH, CueSound.HALFWAY, CueSound.REST, CueSound.DONE}
)

# Moments worth words when spoken cues are on; the rest stay tones.
SPOKEN_SOUNDS = frozenset(
    {
        CueSound.START,
        CueSound.READY,
        CueSound.SWITCH,
        CueSound.HALFWAY,
        CueSound.REST,
        CueSound.DONE,
    }
)


def sound_for(cue: Cue) -> CueSound | None:
    """The sound a cue makes, or None for cues that are words only (no-bounce, stretch done)."""
    if cue.kind is CueKind.SEGMENT_START:
        return cue.segment.kind.traits.start_sound
    return cue.kind.traits.sound


def sounds_for_groups(groups: frozenset[str]) -> frozenset[CueSound]:
    """The sounds switched on by the config file's `cues` groups."""
    return frozenset(sound for sound, group in GROUP.items() if group in groups)


def volume_gain(volume: int) -> float:
    """Amplitude for a 0–100 volume; squared so the steps sound even to the ear."""
    return (max(0, min(100, volume)) / 100) ** 2


@dataclass(frozen=True)
class Clip:
    """One sound ready to play: 16-bit little-endian mono samples."""

    sound: CueSound
    rate: int
    pcm: bytes

    @property
    def seconds(self) -> float:
        return len(self.pcm) / 2 / self.rate

    def scaled(self, gain: float) -> Clip:
        """The same clip, louder or softer; simpleaudio has no volume of its own."""
        samples = array("h")
        samples.frombytes(self.pcm)
        if sys.byteorder != "little":
            samples.byteswap()
        out = array("h", (max(-32768, min(32767, round(s * gain))) for s in samples))
        if sys.byteorder != "little":
            out.byteswap()
        return Clip(self.sound, self.rate, out.tobytes())

    def wav_bytes(self) -> bytes:
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(self.rate)
            out.writeframes(self.pcm)
        return buffer.getvalue()


class SoundFilesError(Exception):
    """The shipped sound files are missing or unreadable (a broken installation)."""


def load_clips(folder: Path) -> dict[CueSound, Clip]:
    """Read every cue sound once, at start."""
    clips: dict[CueSound, Clip] = {}
    for sound in CueSound:
        path = folder / f"{sound.value}.wav"
        try:
            with wave.open(str(path), "rb") as source:
                if source.getnchannels() != 1 or source.getsampwidth() != 2:
                    raise SoundFilesError(f"{path}: expected 16-bit mono sound")
                clips[sound] = Clip(sound, source.getframerate(), source.readframes(2**31 - 1))
        except (OSError, EOFError, wave.Error) as error:
            raise SoundFilesError(f"{path}: cannot read ({error})") from error
    return clips


def silence(rate: int, seconds: float) -> bytes:
    """Quiet samples, for probing a device without a sound anyone hears."""
    return bytes(2 * max(1, math.ceil(rate * seconds)))
