"""Cues fan out from one place: the player, then every display; mute is kept there once."""

from __future__ import annotations

from stretchtui.audio import SilentPlayer
from stretchtui.clock import FakeClock
from stretchtui.cue_fanout import CueFanout
from stretchtui.cues import Cue
from stretchtui.plan import build_plan
from stretchtui.routines import Routine, parse_routine
from stretchtui.session import Session

ROUTINE = """
name: Fan-out test
level: desk
summary: For the fan-out tests.
steps:
  - name: Twist
    hold: 10s
"""


def cues() -> list[Cue]:
    routine = parse_routine(ROUTINE)
    assert isinstance(routine, Routine)
    return Session(build_plan(routine), FakeClock()).start()


def test_every_cue_reaches_the_player_and_each_output_in_order() -> None:
    player = SilentPlayer()
    shown: list[str] = []
    logged: list[str] = []
    fanout = CueFanout(player, [lambda cue: shown.append(cue.text)])
    fanout.add_output(lambda cue: logged.append(cue.text))
    started = cues()
    fanout.send(started)
    assert [cue.text for cue in player.played] == shown == logged == [c.text for c in started]


def test_mute_silences_the_player_but_not_the_displays() -> None:
    player = SilentPlayer()
    shown: list[str] = []
    fanout = CueFanout(player, [lambda cue: shown.append(cue.text)])
    assert fanout.toggle_mute() is True and player.muted
    fanout.send(cues())
    assert player.played == [] and shown
    assert fanout.toggle_mute() is False and not player.muted
