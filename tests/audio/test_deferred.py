"""The background-chosen player: the menu never waits, a session never misses its player."""

from __future__ import annotations

import threading

from stretchtui.audio import SilentPlayer, SoundPlayer
from stretchtui.audio.deferred import FAILED_NOTICE, DeferredPlayer
from stretchtui.cues import Cue
from stretchtui.kinds import CueKind, SegmentKind
from stretchtui.plan import Segment

CUE = Cue(CueKind.SEGMENT_START, Segment(0, SegmentKind.HOLD, "Fold", "", 20, 1, 1), 0.0)


def held_choice() -> tuple[threading.Event, SilentPlayer, DeferredPlayer]:
    """A deferred player whose choice is made only once the returned event is set."""
    release = threading.Event()
    real = SilentPlayer()

    def slow_choice() -> SoundPlayer:
        release.wait(timeout=5)
        return real

    return release, real, DeferredPlayer(slow_choice)


def test_construction_does_not_wait_for_the_choice() -> None:
    release, real, player = held_choice()
    assert not player._ready.is_set()
    release.set()
    player.play(CUE)
    assert real.played == [CUE]


def test_mute_before_the_choice_is_applied_to_the_chosen_player() -> None:
    release, real, player = held_choice()
    player.set_muted(True)
    release.set()
    player.play(CUE)
    assert player.chosen.muted and real.played == []
    player.set_muted(False)
    player.play(CUE)
    assert real.played == [CUE]


def test_a_failing_choice_falls_back_to_silence_with_a_notice() -> None:
    def broken() -> SoundPlayer:
        raise OSError("device vanished")

    player = DeferredPlayer(broken)
    assert player.name == "silent"
    assert player.notice == FAILED_NOTICE
    player.play(CUE)
    player.close()
