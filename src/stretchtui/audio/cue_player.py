"""The sound player a session talks to: cue in, one clean sound out, without ever waiting.

`play` only decides which sound a cue makes and hands it to a worker thread, so
it returns in microseconds whatever the output does (opening an ALSA device or
starting a subprocess takes milliseconds). Cues that arrive together are
reduced to the most telling one, and a newer sound cuts an older one.
"""

from __future__ import annotations

import contextlib
import math
import threading
import time
from collections.abc import Mapping

from stretchtui.audio.outputs import Output
from stretchtui.audio.sounds import PRIORITY, SPOKEN_SOUNDS, Clip, sound_for, volume_gain
from stretchtui.audio.speech import Speaker
from stretchtui.clock import Clock
from stretchtui.cues import Cue
from stretchtui.kinds import CueSound

# Cues handed over within this many seconds of each other count as one moment:
# the engine returns simultaneous cues in one list, played in a tight loop.
SAME_MOMENT = 0.03


class CuePlayer:
    """Turns cues into sounds on an Output; implements the SoundPlayer protocol."""

    def __init__(
        self,
        output: Output,
        clips: Mapping[CueSound, Clip],
        sounds: frozenset[CueSound],
        *,
        volume: int = 70,
        notice: str | None = None,
        speaker: Speaker | None = None,
        clock: Clock = time.monotonic,
    ) -> None:
        self._output = output
        self._clips = dict(clips)
        self._sounds = sounds
        self._notice = notice
        self._speaker = speaker
        self._clock = clock
        self._volume = max(0, min(100, volume))
        self._muted = False
        self._closed = False
        self._last_at = -math.inf
        self._last_rank = -1
        # _wake guards the hand-over slot; _output_lock keeps the worker and
        # mute/volume/close from driving the output at the same time.
        self._wake = threading.Condition()
        self._output_lock = threading.Lock()
        self._pending: tuple[CueSound, Cue] | None = None
        self._busy = False
        self._thread: threading.Thread | None = None
        self._output.load(self._scaled())

    @property
    def name(self) -> str:
        return self._output.name

    @property
    def notice(self) -> str | None:
        return self._notice

    @property
    def muted(self) -> bool:
        return self._muted

    @property
    def volume(self) -> int:
        return self._volume

    @property
    def sounds(self) -> frozenset[CueSound]:
        """The sounds this player will make (the config file's cue choice)."""
        return self._sounds

    @property
    def speaker(self) -> Speaker | None:
        """The espeak-ng voice when spoken cues are on."""
        return self._speaker

    def set_muted(self, muted: bool) -> None:
        """Mute stops what is playing now, not just what comes next."""
        self._muted = muted
        if muted:
            with self._wake:
                self._pending = None
            with self._output_lock:
                self._output.stop()
                if self._speaker is not None:
                    self._speaker.stop()

    def set_volume(self, volume: int) -> None:
        """0–100; rebuilds the buffers, since the outputs play samples as they are."""
        self._volume = max(0, min(100, volume))
        with self._output_lock:
            self._output.load(self._scaled())
            if self._speaker is not None:
                self._speaker.set_volume(self._volume)

    def play(self, cue: Cue) -> None:
        """Hand the cue's sound to the worker and return at once."""
        if self._muted or self._closed:
            return
        sound = sound_for(cue)
        if sound is None or sound not in self._sounds:
            return
        now = self._clock()
        rank = PRIORITY[sound]
        if now - self._last_at < SAME_MOMENT and rank <= self._last_rank:
            return
        self._last_at = now
        self._last_rank = rank
        with self._wake:
            self._pending = (sound, cue)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._work, name="stretchtui-sound", daemon=True
                )
                self._thread.start()
            self._wake.notify_all()

    def wait_idle(self, timeout: float = 1.0) -> bool:
        """Block until every handed-over sound has been started (tests and benchmarks)."""
        with self._wake:
            return self._wake.wait_for(lambda: self._pending is None and not self._busy, timeout)

    def close(self) -> None:
        """Let a cue already handed over start and finish (briefly), then release the output."""
        if not self._muted:
            self.wait_idle()
        with self._wake:
            self._closed = True
            self._pending = None
            self._wake.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=1.0)
        with self._output_lock:
            self._output.close()
            if self._speaker is not None:
                self._speaker.close()

    def _scaled(self) -> dict[CueSound, Clip]:
        gain = volume_gain(self._volume)
        return {sound: clip.scaled(gain) for sound, clip in self._clips.items()}

    def _work(self) -> None:
        while True:
            with self._wake:
                self._wake.wait_for(lambda: self._pending is not None or self._closed)
                if self._closed:
                    return
                assert self._pending is not None
                sound, cue = self._pending
                self._pending = None
                self._busy = True
            try:
                # Never let a sound problem print a traceback over the screen or stop cues.
                with contextlib.suppress(Exception), self._output_lock:
                    if not self._muted and not self._closed:
                        self._emit(sound, cue)
            finally:
                with self._wake:
                    self._busy = False
                    self._wake.notify_all()

    def _emit(self, sound: CueSound, cue: Cue) -> None:
        if self._speaker is not None and sound in SPOKEN_SOUNDS:
            self._output.stop()
            self._speaker.say(cue.text)
            return
        if self._speaker is not None:
            self._speaker.stop()
        self._output.start(sound)
