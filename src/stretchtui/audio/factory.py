"""Choose the sound player once, at start: the best that works here, or a calm fallback.

Order: simpleaudio (the `sound` extra) → a system player (paplay, pw-play, aplay,
afplay) → visual cues (the screen flashes; plain mode prints its cue lines).
Each real output is probed with a few quiet milliseconds, so a machine without a
sound device is found out before the session starts rather than during it.

The terminal bell rings only when config.yaml says `sound: bell`: without a
sound device (every SSH session) the person is often in a quiet office, and six
bells in a 38-second desk session is not calm.
"""

from __future__ import annotations

import contextlib
import importlib
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TextIO

from stretchtui.audio.alsa import silence_alsa_errors
from stretchtui.audio.cue_player import CuePlayer
from stretchtui.audio.outputs import BellOutput, CommandOutput, Output, SimpleaudioOutput
from stretchtui.audio.player import SilentPlayer, SoundPlayer, sound_is_off
from stretchtui.audio.sounds import (
    BELL_SOUNDS,
    Clip,
    SoundFilesError,
    load_clips,
    sounds_for_groups,
)
from stretchtui.audio.speech import Speaker
from stretchtui.config import Settings, SoundMode
from stretchtui.kinds import CueSound
from stretchtui.paths import bundled_sounds_dir

# Tried in this order; the sound servers first, since they mix with other apps.
SYSTEM_PLAYERS: tuple[tuple[str, ...], ...] = (
    ("paplay",),
    ("pw-play",),
    ("aplay", "-q"),
    ("afplay",),
)
SPEECH_COMMAND = "espeak-ng"

NO_DEVICE = "No sound device found"
NO_PLAYER = "No sound player found (pip install 'stretchtui[sound]')"
VISUAL = "cues are visual only (set sound: bell in config.yaml for the terminal bell)"
"""Said once, after why: what happens instead of sound, and how to have the bell."""


def import_simpleaudio() -> ModuleType | None:
    """simpleaudio if installed and loadable (it links against libasound), else None."""
    # Quiet ALSA before the library can first touch it.
    silence_alsa_errors()
    try:
        return importlib.import_module("simpleaudio")
    except (ImportError, OSError):
        return None


def open_terminal() -> TextIO | None:
    """The controlling terminal for the bell; stdout only if it is one; else None."""
    with contextlib.suppress(OSError):
        return open("/dev/tty", "w", encoding="utf-8")  # noqa: SIM115 (closed by BellOutput)
    with contextlib.suppress(AttributeError, ValueError):
        if sys.stdout is not None and sys.stdout.isatty():
            return sys.stdout
    return None


def create_player(
    settings: Settings,
    enabled: bool = True,
    *,
    sounds_dir: Path | None = None,
    which: Callable[[str], str | None] = shutil.which,
    load_simpleaudio: Callable[[], ModuleType | None] = import_simpleaudio,
    terminal: Callable[[], TextIO | None] = open_terminal,
) -> SoundPlayer:
    """The sound player for this run. `enabled` is False for --no-sound."""
    if sound_is_off(settings, enabled):
        return SilentPlayer()
    sounds = sounds_for_groups(settings.cues)
    if settings.sound is SoundMode.BELL:
        return _bell(sounds, settings, terminal)
    try:
        clips = load_clips(sounds_dir or bundled_sounds_dir())
    except SoundFilesError as error:
        return _visual(f"Cue sounds are missing ({error})")
    rate = next(iter(clips.values())).rate
    output, reason = _device_output(rate, which, load_simpleaudio)
    if output is None:
        return _visual(reason)
    speaker, notice = _speaker(settings, which)
    return CuePlayer(output, clips, sounds, volume=settings.volume, notice=notice, speaker=speaker)


def _device_output(
    rate: int,
    which: Callable[[str], str | None],
    load_simpleaudio: Callable[[], ModuleType | None],
) -> tuple[Output | None, str]:
    found_any = False
    module = load_simpleaudio()
    if module is not None:
        found_any = True
        output = SimpleaudioOutput.probe(module, rate)
        if output is not None:
            return output, ""
    for command in SYSTEM_PLAYERS:
        executable = which(command[0])
        if executable is None:
            continue
        found_any = True
        system = CommandOutput.probe([executable, *command[1:]], rate)
        if system is not None:
            return system, ""
    return None, NO_DEVICE if found_any else NO_PLAYER


def _visual(reason: str) -> SoundPlayer:
    """No sound to be had: cues are seen, not heard; the notice says how to get the bell."""
    return SilentPlayer(notice=f"{reason}: {VISUAL}.", visual=True)


def _bell(
    sounds: frozenset[CueSound],
    settings: Settings,
    terminal: Callable[[], TextIO | None],
) -> SoundPlayer:
    stream = terminal()
    if stream is None:
        return SilentPlayer(
            notice="No terminal to ring the bell: cues will be visual only.", visual=True
        )
    output = BellOutput(stream, owns_stream=stream is not sys.stdout)
    clips: dict[CueSound, Clip] = {}
    return CuePlayer(output, clips, sounds & BELL_SOUNDS, volume=settings.volume)


def _speaker(
    settings: Settings, which: Callable[[str], str | None]
) -> tuple[Speaker | None, str | None]:
    if not settings.speak:
        return None, None
    executable = which(SPEECH_COMMAND)
    if executable is None:
        return None, "Spoken cues need espeak-ng, which is not installed: playing tones instead."
    return Speaker(executable, settings.volume), None
