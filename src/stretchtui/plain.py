"""Plain mode: a session told as one line per cue, for screen readers, logs, dumb terminals, SSH.

Each line is `[MM:SS] text`, where the time is the session's elapsed time on its
clock since the start, pauses included (so a log shows when things happened).
The loop sleeps until the engine's next due instant (and looks at least once a
second, so that if the program is stopped the engine knows when).
"""

from __future__ import annotations

import contextlib
import math
import os
import select
import signal
import sys
import termios
import time
import tty
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import FrameType, TracebackType
from typing import Any, TextIO

from stretchtui.audio import SoundPlayer
from stretchtui.cues import Cue, spoken_duration
from stretchtui.guidance import STOP_ON_PAIN
from stretchtui.kinds import CueKind
from stretchtui.plain_coach import Stopped, ask_checkin
from stretchtui.records import CheckIn, SessionStatus
from stretchtui.session import Away, Session
from stretchtui.textsafe import visible

EXIT_OK = 0
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)

KEYS_HELP = "Keys: space pause/resume, n skip, b back, + ten seconds more, m mute, q end."
HANDS_FREE_HELP = "Hands-free: no keys are read. Ctrl+C ends the session and keeps the record."


@dataclass(frozen=True)
class Stop:
    """A signal asked the session to end (Ctrl+C, kill, a closed terminal)."""

    signum: int

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


Event = str | Stop | None
"""What a wait ends with: a key pressed, a stop request, or None when the time ran out."""

Wait = Callable[[float | None], Event]
"""Wait up to this many session-clock seconds (None: until something happens)."""


class LineWriter:
    """Writes whole lines and flushes each; goes quiet if the terminal or pipe has gone."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self.gone = False

    def line(self, text: str) -> None:
        if self.gone:
            return
        try:
            # Routine text is data: a control character in it is spelled out, never obeyed.
            self._out.write(visible(text) + "\n")
            self._out.flush()
        except (BrokenPipeError, OSError, ValueError):
            # ValueError: the stream was closed under us. Either way nobody is reading.
            self.gone = True


def stamp(seconds: float) -> str:
    """`[MM:SS]` for a session time; minutes keep counting past an hour."""
    whole = max(0, math.floor(seconds))
    return f"[{whole // 60:02d}:{whole % 60:02d}]"


def run_plain(
    session: Session,
    player: SoundPlayer,
    out: TextIO,
    *,
    wait: Wait,
    keys: bool = False,
    notices: Iterable[str] = (),
    save_checkin: Callable[[CheckIn], None] | None = None,
) -> int:
    """Run `session` to its end, printing each cue; returns the exit code.

    `wait` is how time passes: the real terminal waiter, or a fake one in tests.
    `keys` says whether `wait` can return key presses (only changes the help line).
    With `save_checkin`, the check-in follows the summary (plain_coach.ask_checkin).
    """
    writer = LineWriter(out)

    def say(text: str) -> None:
        writer.line(f"{stamp(session.session_elapsed)} {text}")

    explained: set[int | None] = set()

    def announce(cues: list[Cue]) -> None:
        for cue in cues:
            player.play(cue)
            say(cue.text)
            segment = cue.segment
            how = " ".join(segment.how.split())
            # Nobody can see the screen in plain mode, so say how to do a stretch the first
            # time it comes up (not again in every round).
            if (
                how
                and cue.kind is CueKind.SEGMENT_START
                and segment.kind.traits.explained
                and segment.step_index not in explained
            ):
                explained.add(segment.step_index)
                say(f"How: {how}")

    plan = session.plan
    writer.line(
        f"{plan.routine.name}: {plan.stretch_count} "
        f"{'stretch' if plan.stretch_count == 1 else 'stretches'}, "
        f"{spoken_duration(plan.total_seconds)}"
    )
    for notice in notices:
        writer.line(f"Note: {notice}")
    writer.line(KEYS_HELP if keys else HANDS_FREE_HELP)
    writer.line(STOP_ON_PAIN)

    exit_code = EXIT_OK
    told_away: Away | None = None
    announce(session.start())
    while not session.is_finished:
        event = wait(session.next_look_in())
        if isinstance(event, Stop):
            exit_code = event.exit_code
            session.end()
            say("Stopped.")
            break
        if event is not None:
            announce(_press(session, player, event, say))
        announce(session.update())
        if session.away is not None and session.away is not told_away:
            told_away = session.away
            announce(_came_back(session, say, keys=keys))

    _summary(session, writer)
    if save_checkin is not None and exit_code == EXIT_OK:
        try:
            ask_checkin(wait, writer.line, save_checkin, keys=keys)
        except Stopped as stopped:
            if isinstance(stopped.event, Stop):
                exit_code = stopped.event.exit_code
    return exit_code


def _came_back(session: Session, say: Callable[[str], None], *, keys: bool) -> list[Cue]:
    """The program was stopped (a closed lid, SIGSTOP): say so, and go on or wait for space."""
    away = session.away
    assert away is not None
    gone = spoken_duration(max(1, round(away.seconds)))
    if keys:
        say(f"Paused while away ({gone}). Press space to go on.")
        return []
    # Hands-free, nobody can press a key: carry on from where it stopped.
    say(f"Paused while away ({gone}); going on from where it stopped.")
    return session.resume()


def _press(
    session: Session, player: SoundPlayer, key: str, say: Callable[[str], None]
) -> list[Cue]:
    if key == " ":
        cues = session.toggle_pause()
        if not session.is_finished:
            say("Paused. Press space to go on." if session.is_paused else "Resumed.")
        return cues
    if key in ("n", "N"):
        say("Skipped.")
        return session.skip()
    if key in ("b", "B"):
        say("Back.")
        return session.back()
    if key == "+":
        if session.extend():
            say(f"Ten seconds more: {spoken_duration(math.ceil(session.remaining))} left.")
        else:
            say("No more time can be added here.")
        return []
    if key in ("m", "M"):
        player.set_muted(not player.muted)
        say("Sound off." if player.muted else "Sound on.")
        return []
    if key in ("q", "Q"):
        session.end()
        say("Ended.")
    return []


def _summary(session: Session, writer: LineWriter) -> None:
    result = session.result
    if result is None:
        return
    done, skipped = result.stretches()
    writer.line("")
    if result.status is SessionStatus.COMPLETED:
        writer.line("Session complete.")
    else:
        writer.line("Session ended early; what you did is saved.")
    writer.line(f"Done: {', '.join(done) if done else 'none'}")
    writer.line(f"Skipped: {', '.join(skipped) if skipped else 'none'}")
    writer.line(
        f"Active time: {spoken_duration(round(result.active_seconds))}, "
        f"paused: {spoken_duration(round(result.paused_seconds))}"
    )
    writer.line(f"Status: {result.status.value}")


class TerminalWaiter:
    """The real `Wait`: sleeps on the OS, reads single keys when stdin is a terminal.

    Use it as a context manager: it takes over SIGINT, SIGTERM and SIGHUP (so
    they end the session instead of killing it mid-write) and puts a terminal
    into cbreak mode; leaving the block always restores both.
    """

    def __init__(self, speed: float = 1.0, stdin: TextIO | None = None) -> None:
        self._speed = speed
        self._stdin = stdin if stdin is not None else sys.stdin
        self._fd: int | None = None
        self._saved_tty: list[Any] | None = None
        self._saved_handlers: dict[int, object] = {}
        self._saved_wakeup = -1
        self._wake_r = -1
        self._wake_w = -1
        self._signal: int | None = None
        self._pending = ""

    @property
    def reads_keys(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> TerminalWaiter:
        self._wake_r, self._wake_w = os.pipe()
        os.set_blocking(self._wake_w, False)
        os.set_blocking(self._wake_r, False)
        # A signal writes a byte here, so a select() in progress wakes at once.
        self._saved_wakeup = signal.set_wakeup_fd(self._wake_w, warn_on_full_buffer=False)
        for signum in STOP_SIGNALS:
            self._saved_handlers[signum] = signal.signal(signum, self._on_signal)
        try:
            fd = self._stdin.fileno()
            if os.isatty(fd):
                self._saved_tty = termios.tcgetattr(fd)
                tty.setcbreak(fd)
                self._fd = fd
        except (AttributeError, ValueError, OSError, termios.error):
            self._fd = None
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._fd is not None and self._saved_tty is not None:
            # After a hang-up the terminal may be gone; nothing left to restore then.
            with contextlib.suppress(termios.error, OSError):
                termios.tcsetattr(self._fd, termios.TCSADRAIN, self._saved_tty)
        for signum, handler in self._saved_handlers.items():
            signal.signal(signum, handler)  # type: ignore[arg-type]
        signal.set_wakeup_fd(self._saved_wakeup)
        for fd in (self._wake_r, self._wake_w):
            with contextlib.suppress(OSError):
                os.close(fd)

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        if self._signal is None:
            self._signal = signum

    def _stop(self) -> Stop | None:
        return None if self._signal is None else Stop(self._signal)

    def __call__(self, seconds: float | None) -> Event:
        if stop := self._stop():
            return stop
        if self._pending:
            key, self._pending = self._pending[0], self._pending[1:]
            return key
        timeout = None if seconds is None else max(0.0, seconds / self._speed)
        watched = [self._wake_r] + ([self._fd] if self._fd is not None else [])
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            ready, _, _ = select.select(watched, [], [], left)
            if stop := self._stop():
                return stop
            if self._wake_r in ready:
                with contextlib.suppress(OSError):
                    os.read(self._wake_r, 512)
            if self._fd is not None and self._fd in ready:
                pressed = self._read_key()
                if pressed is not None:
                    return pressed
                watched = [self._wake_r]
            if not ready or (deadline is not None and time.monotonic() >= deadline):
                return None

    def _read_key(self) -> str | None:
        assert self._fd is not None
        try:
            data = os.read(self._fd, 32)
        except OSError:
            data = b""
        if not data:
            # The terminal closed its input: carry on hands-free.
            self._fd = None
            return None
        # Keys typed faster than the loop reads them are kept, in order.
        text = data.decode("utf-8", "replace")
        self._pending += text[1:]
        return text[0]
