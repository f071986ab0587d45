"""The cue player: the right sound at each cue, one sound per moment, mute, volume, speech."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from stretchtui.audio import CuePlayer, CueSound, sound_for
from stretchtui.audio.sounds import (
    Clip,
    load_clips,
    sounds_for_groups,
    volume_gain,
)
from stretchtui.audio.speech import Speaker
from stretchtui.clock import FakeClock
from stretchtui.config import CUE_GROUPS, DEFAULT_CUES
from stretchtui.cues import Cue
from stretchtui.kinds import CueKind
from stretchtui.paths import bundled_sounds_dir
from stretchtui.session import Session

from .helpers import SOUND_CHECK_EXPECTED, SOUND_CHECK_SECONDS, sound_check_plan


class RecordingOutput:
    """Stands in for a device: remembers what it was asked to play, and when."""

    def __init__(self, clock: FakeClock | None = None, *, fail: bool = False) -> None:
        self.clock = clock
        self.fail = fail
        self.started: list[tuple[float, CueSound]] = []
        self.stops = 0
        self.loaded: list[Mapping[CueSound, Clip]] = []
        self.closed = False

    @property
    def name(self) -> str:
        return "recording"

    def load(self, clips: Mapping[CueSound, Clip]) -> None:
        self.loaded.append(dict(clips))

    def start(self, sound: CueSound) -> None:
        if self.fail:
            raise RuntimeError("device went away")
        self.started.append((self.clock() if self.clock else 0.0, sound))

    def stop(self) -> None:
        self.stops += 1

    def close(self) -> None:
        self.closed = True


class RecordingSpeaker(Speaker):
    def __init__(self) -> None:
        super().__init__("espeak-ng", 70)
        self.said: list[str] = []

    def say(self, text: str) -> None:
        self.said.append(text)

    def stop(self) -> None:
        return None


def _player(
    output: RecordingOutput,
    clock: FakeClock,
    groups: frozenset[str] = DEFAULT_CUES,
    **options: object,
) -> CuePlayer:
    return CuePlayer(
        output,
        load_clips(bundled_sounds_dir()),
        sounds_for_groups(groups),
        clock=clock,
        **options,  # type: ignore[arg-type]
    )


def _run_session(player: CuePlayer, clock: FakeClock, start: float) -> None:
    """Drive the sound-check routine at 50 ms steps, as a screen's timer would."""
    session = Session(sound_check_plan(), clock)
    for cue in session.start():
        player.play(cue)
    player.wait_idle()
    while not session.is_finished:
        clock.advance(0.05)
        for cue in session.update():
            player.play(cue)
        player.wait_idle()
    assert clock.now - start == pytest.approx(SOUND_CHECK_SECONDS, abs=0.06)


def test_session_plays_one_sound_per_moment_in_order() -> None:
    clock = FakeClock(0.0)
    output = RecordingOutput(clock)
    player = _player(output, clock)
    _run_session(player, clock, 0.0)
    player.close()
    assert [sound for _, sound in output.started] == [s for _, s in SOUND_CHECK_EXPECTED]
    for (at, _), (expected, _) in zip(output.started, SOUND_CHECK_EXPECTED, strict=True):
        assert at == pytest.approx(expected, abs=0.06)


def test_breathing_tones_are_off_by_default_and_can_be_chosen() -> None:
    clock = FakeClock(0.0)
    quiet = RecordingOutput(clock)
    _run_session(_player(quiet, clock), clock, 0.0)
    assert not {CueSound.INHALE, CueSound.EXHALE} & {sound for _, sound in quiet.started}

    clock = FakeClock(0.0)
    breathing = RecordingOutput(clock)
    _run_session(_player(breathing, clock, DEFAULT_CUES | {"breathing"}), clock, 0.0)
    sounds = [sound for _, sound in breathing.started]
    # Reps at 8 s and 10 s, tempo 2 s: breathe out at 9 s, in at 10 s (over the rep tick), out.
    assert sounds[-5:] == [
        CueSound.START,
        CueSound.EXHALE,
        CueSound.INHALE,
        CueSound.EXHALE,
        CueSound.DONE,
    ]


def test_only_chosen_cue_groups_sound() -> None:
    clock = FakeClock(0.0)
    output = RecordingOutput(clock)
    _run_session(_player(output, clock, frozenset({"switch", "done"})), clock, 0.0)
    assert [sound for _, sound in output.started] == [CueSound.SWITCH, CueSound.DONE]


def test_a_disabled_cue_does_not_silence_a_chosen_one_at_the_same_moment() -> None:
    # At 1 s the hold's halfway and its last countdown tick coincide.
    clock = FakeClock(0.0)
    output = RecordingOutput(clock)
    _run_session(_player(output, clock, frozenset({"countdown"})), clock, 0.0)
    assert any(abs(at - 1.0) < 0.06 and sound is CueSound.TICK for at, sound in output.started)


def test_every_config_cue_group_has_a_sound() -> None:
    assert sounds_for_groups(frozenset(CUE_GROUPS)) == frozenset(CueSound)


def test_cues_without_a_sound_are_words_only() -> None:
    plan = sound_check_plan()
    hold = plan.segments[0]
    assert sound_for(Cue(CueKind.NO_BOUNCE, hold, 0.0)) is None
    assert sound_for(Cue(CueKind.STRETCH_DONE, hold, 2.0)) is None
    assert sound_for(Cue(CueKind.SEGMENT_START, hold, 0.0)) is CueSound.START


def test_mute_stops_the_sound_now_and_plays_nothing_after() -> None:
    clock = FakeClock(0.0)
    output = RecordingOutput(clock)
    player = _player(output, clock)
    hold = sound_check_plan().segments[0]
    player.play(Cue(CueKind.SEGMENT_START, hold, 0.0))
    player.wait_idle()
    stops_before = output.stops
    player.set_muted(True)
    assert player.muted
    assert output.stops == stops_before + 1
    clock.advance(1.0)
    player.play(Cue(CueKind.HALFWAY, hold, 1.0))
    player.wait_idle()
    assert [sound for _, sound in output.started] == [CueSound.START]
    player.set_muted(False)
    clock.advance(1.0)
    player.play(Cue(CueKind.HALFWAY, hold, 1.0))
    player.wait_idle()
    assert [sound for _, sound in output.started] == [CueSound.START, CueSound.HALFWAY]


def test_volume_scales_the_buffers_and_rebuilds_them_on_change() -> None:
    clock = FakeClock(0.0)
    output = RecordingOutput(clock)
    player = _player(output, clock, volume=100)
    full = output.loaded[-1][CueSound.TICK]
    assert full == load_clips(bundled_sounds_dir())[CueSound.TICK]
    player.set_volume(50)
    half = output.loaded[-1][CueSound.TICK]
    assert player.volume == 50
    assert len(output.loaded) == 2
    loud = max(
        abs(int.from_bytes(full.pcm[i : i + 2], "little", signed=True))
        for i in range(0, len(full.pcm), 2)
    )
    soft = max(
        abs(int.from_bytes(half.pcm[i : i + 2], "little", signed=True))
        for i in range(0, len(half.pcm), 2)
    )
    assert soft == pytest.approx(loud * volume_gain(50), abs=1)
    player.set_volume(0)
    assert set(output.loaded[-1][CueSound.TICK].pcm) == {0}


def test_a_failing_output_never_stops_the_cues_or_raises() -> None:
    clock = FakeClock(0.0)
    output = RecordingOutput(clock, fail=True)
    player = _player(output, clock)
    hold = sound_check_plan().segments[0]
    player.play(Cue(CueKind.SEGMENT_START, hold, 0.0))
    assert player.wait_idle()
    output.fail = False
    clock.advance(1.0)
    player.play(Cue(CueKind.HALFWAY, hold, 1.0))
    assert player.wait_idle()
    assert [sound for _, sound in output.started] == [CueSound.HALFWAY]


def test_speech_says_the_big_moments_and_leaves_ticks_as_tones() -> None:
    clock = FakeClock(0.0)
    output = RecordingOutput(clock)
    speaker = RecordingSpeaker()
    player = _player(output, clock, speaker=speaker)
    _run_session(player, clock, 0.0)
    plan = sound_check_plan()
    spoken = [
        Cue(CueKind.SEGMENT_START, plan.segments[0], 0.0).text,
        Cue(CueKind.HALFWAY, plan.segments[0], 1.0).text,
        Cue(CueKind.SWITCH_SIDES, plan.segments[1], 0.0).text,
    ]
    assert speaker.said[:3] == spoken
    assert speaker.said[-1] == Cue(CueKind.SESSION_DONE, plan.segments[-1], 4.0).text
    assert [sound for _, sound in output.started] == [CueSound.TICK, CueSound.REP]


def test_close_stops_the_output_and_later_cues_are_ignored() -> None:
    clock = FakeClock(0.0)
    output = RecordingOutput(clock)
    player = _player(output, clock)
    player.close()
    assert output.closed
    player.play(Cue(CueKind.SEGMENT_START, sound_check_plan().segments[0], 0.0))
    assert output.started == []
