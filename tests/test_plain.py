"""Plain mode: one line per cue, keys that steer, signals that end cleanly; on a fake clock."""

from __future__ import annotations

import io
import os
import signal
import termios
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from memory_store import MemoryStore
from stretchtui import glyphs
from stretchtui.audio import SilentPlayer
from stretchtui.clock import FakeClock
from stretchtui.kinds import CueKind
from stretchtui.plain import Event, Stop, TerminalWaiter, run_plain, stamp
from stretchtui.plan import build_plan
from stretchtui.records import SessionStatus
from stretchtui.routines import Routine, parse_routine
from stretchtui.session import Session

# prepare 5 | hold RIGHT 10 | switch 3 | hold LEFT 10 | rest 10 | prepare 5 | reps 2x4 = 8
ROUTINE = """
name: Plain test
level: desk
summary: For the plain-mode tests.
defaults: {prepare: 5s, rest: 10s, switch: 3s, breathing: {inhale: 4s, exhale: 6s}}
steps:
  - name: Twist
    how: Turn the chest to one side.
    hold: 10s
    sides: [right, left]
  - name: Shrug
    reps: 2
    tempo: 4s
"""
TOTAL = 51


class FakeWait:
    """Stands in for the terminal: moves the fake clock, and 'presses' keys at set times.

    `stopped` is (at, seconds): at that time the program is stopped for that long
    (SIGSTOP, a closed lid), so the wait that spans it returns that much later.
    """

    def __init__(
        self,
        clock: FakeClock,
        script: Sequence[tuple[float, Event]] = (),
        stopped: tuple[float, float] | None = None,
    ) -> None:
        self.clock = clock
        self.origin = clock.now
        self.script = list(script)
        self.stopped = stopped
        self.waits: list[float | None] = []

    def __call__(self, seconds: float | None) -> Event:
        self.waits.append(seconds)
        if self.stopped is not None and seconds is not None:
            at, length = self.stopped
            if self.clock.now + seconds >= self.origin + at:
                self.stopped = None
                self.clock.now = self.origin + at + length
                return None
        if self.script:
            at, event = self.script[0]
            due = self.origin + at
            if seconds is None or due <= self.clock.now + seconds:
                self.script.pop(0)
                self.clock.now = max(self.clock.now, due)
                return event
        assert seconds is not None, "plain mode would wait forever"
        self.clock.advance(seconds)
        return None


def setup(
    script: list[tuple[float, Event]] | None = None,
    stopped: tuple[float, float] | None = None,
) -> tuple[Session, FakeWait, SilentPlayer, MemoryStore, io.StringIO]:
    routine = parse_routine(ROUTINE)
    assert isinstance(routine, Routine)
    clock = FakeClock(500.0, away_after=2.0)
    store = MemoryStore()
    session = Session(build_plan(routine), clock, observers=[store])
    return session, FakeWait(clock, script or [], stopped), SilentPlayer(), store, io.StringIO()


def play(script: list[tuple[float, Event]] | None = None) -> tuple[int, list[str], MemoryStore]:
    session, wait, player, store, out = setup(script)
    code = run_plain(session, player, out, wait=wait, keys=True)
    return code, out.getvalue().splitlines(), store


def test_a_whole_session_prints_header_each_cue_with_its_time_and_a_summary() -> None:
    code, lines, store = play()
    assert code == 0
    assert lines[0] == "Plain test: 2 stretches, 51 seconds"
    assert lines[1].startswith("Keys: space pause/resume")
    assert lines[2] == "Stop any stretch that causes sharp pain, numbness or tingling."
    assert lines[3:7] == [
        "[00:00] Get ready: Twist (RIGHT side).",
        "[00:00] How: Turn the chest to one side.",
        "[00:02] 3…",
        "[00:03] 2…",
    ]
    assert "[00:05] Hold Twist (RIGHT side) for 10 seconds." in lines
    assert "[00:10] Halfway there." in lines
    assert "[00:15] Switch sides: LEFT side next." in lines
    assert "[00:43] Rep 1 of 2." in lines
    assert "[00:51] Session complete. Well done." in lines
    assert lines[-6:] == [
        "",
        "Session complete.",
        "Done: Twist, Shrug",
        "Skipped: none",
        "Active time: 51 seconds, paused: 0 seconds",
        "Status: completed",
    ]
    assert store.results[0].status is SessionStatus.COMPLETED


def test_cue_lines_are_in_time_order() -> None:
    _, lines, _ = play()
    stamps = [line[1:6] for line in lines if line.startswith("[")]
    assert stamps == sorted(stamps)


def test_it_sleeps_until_the_next_due_cue_but_looks_at_least_once_a_second() -> None:
    session, wait, player, _, out = setup()
    run_plain(session, player, out, wait=wait)
    cue_lines = [line for line in out.getvalue().splitlines() if line.startswith("[")]
    instants = {line[:7] for line in cue_lines}
    # A look a second (so a stopped program is placed within a second), plus one per cue
    # moment between two whole seconds: never a busy loop.
    assert len(wait.waits) <= TOTAL + len(instants)
    assert all(seconds is not None and 0 < seconds <= 1.0 for seconds in wait.waits)
    assert wait.clock.now - wait.origin == pytest.approx(TOTAL)


def test_every_cue_goes_to_the_sound_player() -> None:
    session, wait, player, _, out = setup()
    run_plain(session, player, out, wait=wait)
    said = [line.split("] ", 1)[1] for line in out.getvalue().splitlines() if line.startswith("[")]
    assert [cue.text for cue in player.played] == [s for s in said if not s.startswith("How: ")]
    assert player.played[-1].kind is CueKind.SESSION_DONE


def test_space_pauses_and_resumes_and_the_pause_is_kept_apart() -> None:
    code, lines, store = play([(7.0, " "), (67.0, " ")])
    assert code == 0
    assert "[00:07] Paused. Press space to go on." in lines
    assert "[01:07] Resumed." in lines
    # Time on the lines includes the pause; the hold's halfway moved by a minute.
    assert "[01:10] Halfway there." in lines
    assert "Active time: 51 seconds, paused: 1 minute" in lines
    assert store.results[0].paused_seconds == pytest.approx(60.0)


def test_n_skips_and_b_goes_back() -> None:
    code, lines, store = play([(1.0, "n"), (2.0, "b")])
    assert code == 0
    assert "[00:01] Skipped." in lines
    assert "[00:01] Hold Twist (RIGHT side) for 10 seconds." in lines
    assert "[00:02] Back." in lines
    assert lines.count("[00:02] Get ready: Twist (RIGHT side).") == 1
    assert [run.skipped for run in store.runs[:2]] == [True, True]
    assert store.results[0].status is SessionStatus.COMPLETED


def test_q_ends_early_with_exit_0_and_keeps_the_record() -> None:
    code, lines, store = play([(20.0, "q")])
    assert code == 0
    assert "[00:20] Ended." in lines
    assert "Session ended early; what you did is saved." in lines
    assert "Done: none" in lines
    assert "Skipped: Twist, Shrug" in lines
    assert lines[-1] == "Status: ended_early"
    assert store.results[0].status is SessionStatus.ENDED_EARLY
    assert store.results[0].active_seconds == pytest.approx(20.0)


def test_plus_adds_ten_seconds_to_a_hold_but_not_to_reps() -> None:
    _, lines, _ = play([(6.0, "+"), (55.0, "+")])
    assert "[00:06] Ten seconds more: 19 seconds left." in lines
    assert "[00:55] No more time can be added here." in lines
    assert "[01:01] Session complete. Well done." in lines


def test_unknown_keys_are_ignored() -> None:
    code, lines, _ = play([(3.0, "x"), (4.0, "\x1b")])
    assert code == 0
    assert lines[-1] == "Status: completed"


@pytest.mark.parametrize(
    ("signum", "code"),
    [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGHUP, 129)],
)
def test_a_stop_signal_ends_the_session_and_prints_the_summary(signum: int, code: int) -> None:
    exit_code, lines, store = play([(12.0, Stop(signum))])
    assert exit_code == code
    assert "[00:12] Stopped." in lines
    assert lines[-1] == "Status: ended_early"
    assert len(store.results) == 1
    assert store.results[0].status is SessionStatus.ENDED_EARLY


def test_a_stop_while_paused_still_ends_cleanly() -> None:
    exit_code, lines, store = play([(3.0, " "), (30.0, Stop(signal.SIGINT))])
    assert exit_code == 130
    assert store.results[0].paused_seconds == pytest.approx(27.0)
    assert "Active time: 3 seconds, paused: 27 seconds" in lines


class GoneTerminal(io.StringIO):
    def write(self, text: str) -> int:
        raise OSError(5, "Input/output error")


def test_a_terminal_that_has_gone_does_not_stop_the_record() -> None:
    session, wait, player, store, _ = setup([(8.0, Stop(signal.SIGHUP))])
    code = run_plain(session, player, GoneTerminal(), wait=wait)
    assert code == 129
    assert store.results[0].status is SessionStatus.ENDED_EARLY


class ClosedPipe(io.StringIO):
    def flush(self) -> None:
        raise BrokenPipeError


def test_a_closed_pipe_is_not_an_error() -> None:
    session, wait, player, store, _ = setup()
    assert run_plain(session, player, ClosedPipe(), wait=wait) == 0
    assert store.results[0].status is SessionStatus.COMPLETED


def test_notices_and_hands_free_help_are_in_the_header() -> None:
    session, wait, player, _, out = setup()
    run_plain(session, player, out, wait=wait, notices=["no sound device; cues are silent"])
    lines = out.getvalue().splitlines()
    assert lines[1] == "Note: no sound device; cues are silent"
    assert lines[2].startswith("Hands-free: no keys are read.")


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0.0, "[00:00]"),
        (59.99, "[00:59]"),
        (65.0, "[01:05]"),
        (4500.0, "[75:00]"),
        (-0.2, "[00:00]"),
    ],
)
def test_stamp_is_minutes_and_seconds_of_session_time(seconds: float, text: str) -> None:
    assert stamp(seconds) == text


# ---------------------------------------------------------------- the real terminal waiter


@pytest.fixture
def pipe_stdin(tmp_path: Path) -> Iterator[io.TextIOWrapper]:
    path = tmp_path / "stdin"
    path.write_text("")
    with path.open() as handle:
        yield handle


def test_waiter_without_a_terminal_reads_no_keys_and_times_out(
    pipe_stdin: io.TextIOWrapper,
) -> None:
    with TerminalWaiter(stdin=pipe_stdin) as waiter:
        assert not waiter.reads_keys
        assert waiter(0.0) is None


def test_waiter_turns_a_signal_into_a_stop_and_restores_the_handlers(
    pipe_stdin: io.TextIOWrapper,
) -> None:
    before = signal.getsignal(signal.SIGTERM)
    with TerminalWaiter(stdin=pipe_stdin) as waiter:
        os.kill(os.getpid(), signal.SIGTERM)
        assert waiter(30.0) == Stop(signal.SIGTERM)
        assert waiter(30.0) == Stop(signal.SIGTERM)
    assert signal.getsignal(signal.SIGTERM) is before


def test_waiter_reads_single_keys_without_echo_and_restores_the_terminal() -> None:
    main_fd, child_fd = os.openpty()
    try:
        with os.fdopen(child_fd, "r", closefd=False) as terminal:
            before = termios.tcgetattr(child_fd)
            with TerminalWaiter(speed=2.0, stdin=terminal) as waiter:
                assert waiter.reads_keys
                during = termios.tcgetattr(child_fd)
                assert not during[3] & termios.ECHO
                assert not during[3] & termios.ICANON
                os.write(main_fd, b"nb")
                assert waiter(30.0) == "n"
                assert waiter(30.0) == "b"
                assert waiter(0.0) is None
            assert termios.tcgetattr(child_fd) == before
    finally:
        os.close(main_fd)
        os.close(child_fd)


def test_how_to_do_a_stretch_is_said_once_not_every_round() -> None:
    routine = parse_routine(ROUTINE.replace("defaults:", "rounds: 3\ndefaults:"))
    assert isinstance(routine, Routine)
    clock = FakeClock()
    out = io.StringIO()
    run_plain(Session(build_plan(routine), clock), SilentPlayer(), out, wait=FakeWait(clock))
    lines = out.getvalue().splitlines()
    assert sum(line.endswith("How: Turn the chest to one side.") for line in lines) == 1
    assert sum(line.endswith("Get ready: Twist (RIGHT side).") for line in lines) == 3


def test_m_mutes_and_unmutes_the_sound() -> None:
    session, wait, player, _, out = setup([(1.0, "m"), (7.0, "m")])
    run_plain(session, player, out, wait=wait, keys=True)
    lines = out.getvalue().splitlines()
    assert "[00:01] Sound off." in lines and "[00:07] Sound on." in lines
    # Cues during the muted stretch (the hold's start at 5 s) never reached the player.
    heard = [cue.segment.index for cue in player.played if cue.kind is CueKind.SEGMENT_START]
    assert 1 not in heard and 0 in heard and 2 in heard


def test_hands_free_after_time_away_it_says_so_and_goes_on_from_where_it_stopped() -> None:
    session, wait, player, store, out = setup(stopped=(7.5, 19.5))
    assert run_plain(session, player, out, wait=wait) == 0
    lines = out.getvalue().splitlines()
    # Last seen 2 s into the RIGHT hold (it looks once a second), stopped half a second
    # later: nothing it missed is said, and the hold goes on from 2 s in.
    told = "[00:27] Paused while away (20 seconds); going on from where it stopped."
    at = lines.index(told)
    assert lines[at + 1 : at + 3] == ["[00:29] Breathe out, ease in.", "[00:30] Halfway there."]
    assert sum(line.endswith("Halfway there.") for line in lines) == 2
    result = store.results[0]
    assert result.status is SessionStatus.COMPLETED
    assert result.paused_seconds == pytest.approx(20.0)
    assert result.active_seconds == pytest.approx(TOTAL)
    assert "Active time: 51 seconds, paused: 20 seconds" in lines


def test_with_keys_after_time_away_it_waits_for_space() -> None:
    session, wait, player, store, out = setup([(40.0, "x"), (45.0, " ")], stopped=(7.5, 19.5))
    assert run_plain(session, player, out, wait=wait, keys=True) == 0
    lines = out.getvalue().splitlines()
    told = [line for line in lines if "away" in line]
    assert told == ["[00:27] Paused while away (20 seconds). Press space to go on."]
    assert lines[lines.index(told[0]) + 1] == "[00:45] Resumed."
    assert store.results[0].paused_seconds == pytest.approx(38.0)


def test_r_starts_the_current_stretch_again() -> None:
    code, lines, store = play([(8.0, "r")])
    assert code == 0
    assert "[00:08] Restarted." in lines
    assert lines[lines.index("[00:08] Restarted.") + 1] == "[00:08] Get ready: Twist (RIGHT side)."
    assert store.results[0].status is SessionStatus.COMPLETED


def test_the_keys_line_names_restart() -> None:
    _, lines, _ = play()
    assert lines[1] == (
        "Keys: space pause/resume, n skip, b back, r restart, + ten seconds more, m mute, q end."
    )


def test_the_config_keymap_moves_keys_in_plain_mode_too() -> None:
    session, wait, player, store, out = setup([(3.0, " "), (4.0, "p"), (9.0, "p"), (12.0, "k")])
    keymap = {"session.pause": "p", "session.resume": "p", "session.end": "k"}
    assert run_plain(session, player, out, wait=wait, keys=True, keymap=keymap) == 0
    lines = out.getvalue().splitlines()
    assert lines[1].startswith("Keys: p pause/resume, n skip, b back, r restart,")
    assert lines[1].endswith("k end.")
    said = [line[8:] for line in lines if line.startswith("[")]
    assert "Paused. Press p to go on." in said and "Resumed." in said
    assert said.count("Paused. Press p to go on.") == 1  # space no longer pauses
    assert "[00:12] Ended." in lines
    assert store.results[0].paused_seconds == pytest.approx(5.0)


def test_waiter_reads_arrow_keys_by_name_and_ignores_other_sequences() -> None:
    main_fd, child_fd = os.openpty()
    try:
        with (
            os.fdopen(child_fd, "r", closefd=False) as terminal,
            TerminalWaiter(stdin=terminal) as waiter,
        ):
            os.write(main_fd, b"\x1b[C\x1bOD\x1b[1;5Dq\x1b")
            assert waiter(30.0) == "right"
            assert waiter(30.0) == "left"
            assert waiter(30.0) == ""
            assert waiter(30.0) == "q"
            assert waiter(30.0) == "\x1b"
    finally:
        os.close(main_fd)
        os.close(child_fd)


def test_arrows_skip_and_go_back_but_esc_does_not_end_without_asking() -> None:
    code, lines, store = play([(1.0, "\x1b"), (2.0, "right"), (3.0, "left")])
    assert code == 0
    assert "[00:02] Skipped." in lines and "[00:03] Back." in lines
    assert store.results[0].status is SessionStatus.COMPLETED


def test_without_unicode_the_countdown_and_every_line_are_ascii() -> None:
    glyphs.use(glyphs.ASCII)
    code, lines, _ = play()
    assert code == 0
    assert "[00:02] 3..." in lines
    assert "[00:03] 2..." in lines
    assert all(line.isascii() for line in lines), [line for line in lines if not line.isascii()]
