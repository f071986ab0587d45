"""Ways to make a sound: simpleaudio, a system player command, the terminal bell.

An output plays one sound at a time: starting a new one cuts the one before, so
cues never pile up into noise. None of them ever raises or prints: a sound that
fails is a sound not heard, and the session goes on.
"""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol, TextIO

from stretchtui.audio.alsa import quiet_stderr, silence_alsa_errors
from stretchtui.audio.processes import OneAtATime
from stretchtui.audio.sounds import Clip, silence
from stretchtui.kinds import CueSound

PROBE_SECONDS = 0.01
PROBE_TIMEOUT = 5.0
# On close, a sound still playing may finish (the session-done chime is 1.4 s),
# so ending a run right after its last cue does not cut the cue short.
DRAIN_SECONDS = 1.6


class Output(Protocol):
    @property
    def name(self) -> str: ...

    def load(self, clips: Mapping[CueSound, Clip]) -> None:
        """Take the clips to play (already at the right volume)."""
        ...

    def start(self, sound: CueSound) -> None:
        """Start a sound, cutting any still playing; returns without waiting for it."""
        ...

    def stop(self) -> None: ...

    def close(self) -> None: ...


class SimpleaudioOutput:
    """Plays buffers in memory through simpleaudio (ALSA on Linux), asynchronously."""

    def __init__(self, module: ModuleType) -> None:
        self._module = module
        self._clips: dict[CueSound, Clip] = {}
        self._current: Any = None

    @property
    def name(self) -> str:
        return "simpleaudio"

    @classmethod
    def probe(cls, module: ModuleType, rate: int) -> SimpleaudioOutput | None:
        """The output if a device accepts a few quiet milliseconds, else None."""
        silence_alsa_errors()
        with quiet_stderr():
            try:
                module.play_buffer(silence(rate, PROBE_SECONDS), 1, 2, rate).wait_done()
            except Exception:
                # simpleaudio raises its own SimpleaudioError (and others on odd
                # systems); any of them means "no usable device".
                return None
        return cls(module)

    def load(self, clips: Mapping[CueSound, Clip]) -> None:
        self._clips = dict(clips)

    def start(self, sound: CueSound) -> None:
        clip = self._clips.get(sound)
        if clip is None:
            return
        self.stop()
        try:
            self._current = self._module.play_buffer(clip.pcm, 1, 2, clip.rate)
        except Exception:
            # A device unplugged mid-session: this cue goes unheard, nothing more.
            self._current = None

    def stop(self) -> None:
        current, self._current = self._current, None
        if current is not None:
            with contextlib.suppress(Exception):
                current.stop()

    def close(self) -> None:
        current = self._current
        if current is not None:
            deadline = time.monotonic() + DRAIN_SECONDS
            with contextlib.suppress(Exception):
                while current.is_playing() and time.monotonic() < deadline:
                    time.sleep(0.01)
        self.stop()
        self._clips = {}


class CommandOutput:
    """Plays WAV files with a system player (paplay, pw-play, aplay, afplay) in a subprocess."""

    def __init__(self, command: list[str]) -> None:
        self._command = command
        self._folder = tempfile.TemporaryDirectory(prefix="stretchtui-sounds-")
        self._files: dict[CueSound, Path] = {}
        self._runner = OneAtATime()

    @property
    def name(self) -> str:
        return Path(self._command[0]).name

    @classmethod
    def probe(cls, command: list[str], rate: int) -> CommandOutput | None:
        """The output if the player plays a few quiet milliseconds successfully, else None."""
        output = cls(command)
        probe_file = Path(output._folder.name) / "probe.wav"
        probe_file.write_bytes(Clip(CueSound.TICK, rate, silence(rate, PROBE_SECONDS)).wav_bytes())
        try:
            finished = subprocess.run(
                [*command, str(probe_file)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=PROBE_TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            output.close()
            return None
        if finished.returncode != 0:
            output.close()
            return None
        return output

    def load(self, clips: Mapping[CueSound, Clip]) -> None:
        # Written once per volume: the player reads a file that is already at the right level.
        files: dict[CueSound, Path] = {}
        for sound, clip in clips.items():
            path = Path(self._folder.name) / f"{sound.value}.wav"
            try:
                path.write_bytes(clip.wav_bytes())
            except OSError:
                continue
            files[sound] = path
        self._files = files

    def start(self, sound: CueSound) -> None:
        path = self._files.get(sound)
        if path is None:
            return
        self._runner.start([*self._command, str(path)])

    def stop(self) -> None:
        self._runner.stop()

    def close(self) -> None:
        self._runner.close(drain=DRAIN_SECONDS)
        self._files = {}
        with contextlib.suppress(OSError):
            self._folder.cleanup()


class BellOutput:
    """Rings the terminal bell on a given stream (a terminal, never a redirected stdout)."""

    def __init__(self, stream: TextIO, *, owns_stream: bool = False) -> None:
        self._stream = stream
        self._owns_stream = owns_stream
        self.rung = 0

    @property
    def name(self) -> str:
        return "bell"

    def load(self, clips: Mapping[CueSound, Clip]) -> None:
        return None

    def start(self, sound: CueSound) -> None:
        try:
            self._stream.write("\a")
            self._stream.flush()
        except (OSError, ValueError):
            return
        self.rung += 1

    def stop(self) -> None:
        return None

    def close(self) -> None:
        if self._owns_stream:
            with contextlib.suppress(OSError):
                self._stream.close()
