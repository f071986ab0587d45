"""Plain mode as a coach: the stop-on-pain line, the check-in on the TUI's keys, the first note."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

from memory_store import MemoryStore
from stretchtui.audio import SilentPlayer
from stretchtui.clock import FakeClock
from stretchtui.first_run import MARKER
from stretchtui.guidance import STOP_ON_PAIN
from stretchtui.plain import Event, Stop, run_plain
from stretchtui.plain_coach import ANSWER_SECONDS, FEELING_QUESTION, HANDS_FREE
from stretchtui.plan import build_plan
from stretchtui.records import CheckIn, Feeling
from stretchtui.routines import Routine, parse_routine
from stretchtui.session import Session

ROUTINE = """
name: Coach test
level: desk
defaults: {prepare: 2s}
steps:
  - name: Fold
    how: Fold forward.
    hold: 4s
"""
LENGTH = 6.0


class Keys:
    """A terminal on a fake clock: each key is pressed `at` seconds after the start."""

    def __init__(self, clock: FakeClock, script: Sequence[tuple[float, Event]]) -> None:
        self.clock = clock
        self.origin = clock.now
        self.script = list(script)

    def __call__(self, seconds: float | None) -> Event:
        if self.script:
            at, event = self.script[0]
            due = self.origin + at
            if seconds is None or due <= self.clock.now + seconds:
                self.script.pop(0)
                self.clock.now = max(self.clock.now, due)
                return event
        assert seconds is not None, "would wait forever"
        self.clock.advance(seconds)
        return None


def coach(
    keys: Sequence[str | Stop], *, reads_keys: bool = True, typed_ahead: Sequence[str] = ()
) -> tuple[int, list[str], MemoryStore, str]:
    """Run the routine, then press `keys` one second apart after it ended."""
    routine = parse_routine(ROUTINE)
    assert isinstance(routine, Routine)
    clock = FakeClock(100.0)
    store = MemoryStore()
    session = Session(build_plan(routine), clock, observers=[store])
    script: list[tuple[float, Event]] = [(LENGTH, key) for key in typed_ahead]
    script += [(LENGTH + 1 + n, key) for n, key in enumerate(keys)]
    out = io.StringIO()
    code = run_plain(
        session,
        SilentPlayer(),
        out,
        wait=Keys(clock, script),
        keys=reads_keys,
        save_checkin=partial(store.save_checkin, session.session_id),
    )
    return code, out.getvalue().splitlines(), store, session.session_id


def after_summary(lines: list[str]) -> str:
    return "\n".join(lines[lines.index("Status: completed") + 1 :])


def test_the_stop_on_pain_line_is_said_once_at_the_start() -> None:
    _, lines, _, _ = coach(["\n", "\n"])
    assert lines.count(STOP_ON_PAIN) == 1
    assert lines.index(STOP_ON_PAIN) < next(i for i, s in enumerate(lines) if s.startswith("["))


def test_worse_and_no_is_saved_and_gets_the_ease_off_reply() -> None:
    code, lines, store, session_id = coach(["3", "n"])
    assert code == 0
    assert store.checkins[session_id] == CheckIn(Feeling.WORSE, False)
    text = after_summary(lines)
    assert FEELING_QUESTION in text and "> 3" in text and "> n" in text
    assert "hold each stretch for less time" in text and "gentler level" in text


def test_yes_to_warning_signs_says_stop_for_today_first() -> None:
    _, lines, store, session_id = coach(["1", "y"])
    assert store.checkins[session_id] == CheckIn(Feeling.BETTER, True)
    reply = after_summary(lines).split("> y\n", 1)[1].strip()
    assert reply.startswith("Stop stretching for today")
    assert "get seen by a doctor promptly" in reply
    assert "Good to hear" not in reply


def test_enter_skips_each_question_and_nothing_is_saved_when_both_are_skipped() -> None:
    _, lines, store, _ = coach(["\n", "\n"])
    assert store.checkins == {}
    assert lines[-1] == "Check-in skipped."


def test_skipping_the_feeling_still_saves_the_warning_signs() -> None:
    _, _, store, session_id = coach(["\n", "y"])
    assert store.checkins[session_id] == CheckIn(None, True)


def test_other_keys_are_explained_not_taken_as_answers() -> None:
    _, lines, store, session_id = coach(["x", "2", "q", "n"])
    assert "Press 1, 2 or 3, or Enter to skip." in lines
    assert "Press y or n, or Enter to skip." in lines
    assert store.checkins[session_id] == CheckIn(Feeling.SAME, False)


def test_keys_typed_as_the_session_ended_do_not_answer() -> None:
    _, _, store, session_id = coach(["2", "n"], typed_ahead=["3", "3", "y"])
    assert store.checkins[session_id] == CheckIn(Feeling.SAME, False)


def test_hands_free_skips_the_check_in_and_says_so() -> None:
    _, lines, store, _ = coach([], reads_keys=False)
    assert store.checkins == {}
    assert lines[-1] == HANDS_FREE
    assert "stop stretching for today" in HANDS_FREE


def test_no_answer_for_five_minutes_leaves_it_unanswered() -> None:
    code, lines, store, _ = coach([])
    assert code == 0 and store.checkins == {}
    assert lines[-1] == "No answer; check-in skipped."
    assert ANSWER_SECONDS == 300


def test_ctrl_c_during_the_check_in_ends_with_its_exit_code() -> None:
    code, _, store, _ = coach(["1", Stop(signal.SIGINT)])
    assert code == 130
    assert store.checkins == {}


def history(env: dict[str, str]) -> list[dict[str, Any]]:
    listed = subprocess.run(
        [sys.executable, "-m", "stretchtui", "history", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
        env=env,
    )
    sessions: list[dict[str, Any]] = json.loads(listed.stdout)
    return sessions


def test_a_terminal_answers_worse_and_no_and_the_history_keeps_it() -> None:
    main_fd, child_fd = os.openpty()
    command = [sys.executable, "-m", "stretchtui", "run", "desk-coffee-break", "--plain"]
    child = subprocess.Popen(
        [*command, "--no-sound", "--speed", "50"],
        stdin=child_fd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        seen = ""
        deadline = time.monotonic() + 30
        while not seen.endswith("(Enter skips)\n"):
            assert time.monotonic() < deadline, seen
            char = child.stdout.read(1)
            assert char, seen
            seen += char
        os.write(main_fd, b"3n")
        out, err = child.communicate(timeout=20)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        os.close(main_fd)
        os.close(child_fd)
    assert child.returncode == 0, err
    assert "hold each stretch for less time" in out
    [session] = history(dict(os.environ))
    assert (session["feeling"], session["warning_signs"]) == ("worse", False)


def test_plain_mode_shows_the_first_run_note_once(isolated_dirs: dict[str, Path]) -> None:
    (isolated_dirs["data"] / MARKER).unlink()

    def run() -> str:
        done = subprocess.run(
            [sys.executable, "-m", "stretchtui", "run", "desk-midday", "--plain"]
            + ["--no-sound", "--speed", "50"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    first = run()
    assert first.startswith("Before your first session (shown once):")
    assert "a few times each week" in first and "operation" in first
    assert (isolated_dirs["data"] / MARKER).exists()
    assert "Before your first session" not in run()
