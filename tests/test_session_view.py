"""The session view: what the screen shows, computed from the engine with no Textual."""

from __future__ import annotations

import pytest

from stretchtui.clock import FakeClock
from stretchtui.plan import build_plan
from stretchtui.routines import Routine, parse_routine
from stretchtui.session import Session
from stretchtui.session_view import PAUSED, PAUSED_AWAY, Wording, next_change_in, session_view

ROUTINE = """
name: View test
level: desk
summary: For the view tests.
defaults: {prepare: 5s, switch: 3s, breathing: {inhale: 4s, exhale: 6s}}
steps:
  - name: Twist
    how: Turn the chest to one side.
    hold: 10s
    sides: [right, left]
  - name: Shrug
    reps: 2
    tempo: 4s
"""


def start() -> tuple[Session, FakeClock]:
    routine = parse_routine(ROUTINE)
    assert isinstance(routine, Routine)
    clock = FakeClock(0.0, away_after=2.0)
    session = Session(build_plan(routine), clock)
    session.start()
    return session, clock


def test_getting_ready_shows_the_stage_word_the_stretch_its_side_and_what_comes_next() -> None:
    session, _ = start()
    view = session_view(session)
    assert (view.stage.title, view.stage.name, view.stage.side) == ("GET READY", "Twist", "RIGHT")
    assert view.stage.how == "Turn the chest to one side."
    assert view.stage.next == "Next: Twist (left) · 10s"
    assert view.stage.plan.splitlines()[:2] == ["This session", "▶ Twist"]
    assert view.digits == "0:05" and view.rep == "" and view.breath is None
    assert view.progress_text == "Stretch 1 of 2 · 51s left"
    assert view.banner == Wording()


def test_a_hold_shows_the_breath_and_the_digits_follow_the_clock() -> None:
    session, clock = start()
    for _ in range(7):
        clock.advance(1)
        session.update()
    view = session_view(session)
    assert view.stage.title == "HOLD" and view.digits == "0:08"
    assert view.breath is not None and view.breath.inhaling
    assert view.breath.word == "Breathe in" and 0 < view.breath.fullness < 1
    assert view.stage.reminder.fit(80).startswith("Hold still") and view.stage.reminder.fit(40)


def test_an_unchanged_moment_gives_an_equal_view_so_nothing_is_redrawn() -> None:
    session, clock = start()
    first = session_view(session)
    clock.advance(0.05)  # less than a 200th of the 51 s session
    session.update()
    assert session_view(session) == first
    assert next_change_in(session) == pytest.approx(0.95)


def test_the_banner_says_paused_and_says_when_it_was_because_of_time_away() -> None:
    session, clock = start()
    session.pause()
    assert session_view(session).banner == PAUSED
    session.resume()
    clock.advance(30)
    session.update()
    assert session_view(session).banner == PAUSED_AWAY
    assert PAUSED_AWAY.fit(40) == "PAUSED while away · space goes on"
