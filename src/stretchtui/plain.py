"""Plain mode: a session told as one line per cue, for screen readers, logs, dumb terminals, SSH.

Each line is `[MM:SS] text`, where the time is the session's elapsed time on its
clock since the start, pauses included (so a log shows when things happened).
The loop sleeps until the engine's next due instant (and looks at least once a
second, so that if the program is stopped the engine knows when). This module
drives the session; plain_terminal reads keys and signals, plain_summary closes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import TextIO

from stretchtui.audio import SoundPlayer
from stretchtui.cue_fanout import CueFanout
from stretchtui.cues import Cue, spoken_duration
from stretchtui.guidance import STOP_ON_PAIN
from stretchtui.kinds import CueKind
from stretchtui.plain_coach import Stopped, ask_checkin
from stretchtui.plain_summary import print_summary
from stretchtui.plain_terminal import (
    STOP_SIGNALS,
    Event,
    LineWriter,
    Stop,
    TerminalWaiter,
    Wait,
    stamp,
)
from stretchtui.records import CheckIn
from stretchtui.session import Away, Session
from stretchtui.session_keys import key_name, session_keys, shown_key
from stretchtui.session_view import away_line

__all__ = [
    "STOP_SIGNALS",
    "Event",
    "LineWriter",
    "Stop",
    "TerminalWaiter",
    "Wait",
    "run_plain",
    "stamp",
]

EXIT_OK = 0
HANDS_FREE_HELP = "Hands-free: no keys are read. Ctrl+C ends the session and keeps the record."


def keys_help(keys: Mapping[str, tuple[str, ...]]) -> str:
    """The keys line, with the person's own keys where their keymap moved them."""

    def key(binding: str) -> str:
        return shown_key(keys, f"session.{binding}")

    return (
        f"Keys: {key('pause')} pause/resume, {key('skip')} skip, {key('back')} back, "
        f"{key('restart')} restart, {key('extend')} ten seconds more, {key('mute')} mute, "
        f"{key('end')} end."
    )


def run_plain(
    session: Session,
    player: SoundPlayer,
    out: TextIO,
    *,
    wait: Wait,
    keys: bool = False,
    notices: Iterable[str] = (),
    keymap: Mapping[str, str] | None = None,
    save_checkin: Callable[[CheckIn], None] | None = None,
) -> int:
    """Run `session` to its end, printing each cue; returns the exit code.

    `wait` is how time passes: the real terminal waiter, or a fake one in tests.
    `keys` says whether `wait` can return key presses (only changes the help line).
    `keymap` moves the session's keys (config.yaml's, by binding id: session.pause, …).
    With `save_checkin`, the check-in follows the summary (plain_coach.ask_checkin).
    """
    writer = LineWriter(out)

    def say(text: str) -> None:
        writer.line(f"{stamp(session.session_elapsed)} {text}")

    explained: set[int | None] = set()

    def show(cue: Cue) -> None:
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

    fanout = CueFanout(player, [show])
    announce = fanout.send
    bound = session_keys(keymap)
    if "session.end" not in (keymap or {}):
        # Here q ends at once, without asking: Esc, easy to hit, ends only if the keymap says.
        bound["session.end"] = tuple(key for key in bound["session.end"] if key != "escape")
    actions: dict[str, list[str]] = {}
    for binding, names in bound.items():
        for name in names:
            actions.setdefault(name, []).append(binding.removeprefix("session."))

    plan = session.plan
    writer.line(
        f"{plan.routine.name}: {plan.stretch_count} "
        f"{'stretch' if plan.stretch_count == 1 else 'stretches'}, "
        f"{spoken_duration(plan.total_seconds)}"
    )
    for notice in notices:
        writer.line(f"Note: {notice}")
    writer.line(keys_help(bound) if keys else HANDS_FREE_HELP)
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
            pressed = actions.get(key_name(event), [])
            announce(_press(session, fanout, pressed, say, bound))
        announce(session.update())
        if session.away is not None and session.away is not told_away:
            told_away = session.away
            announce(_came_back(session, say, keys=keys))

    if session.result is not None:
        print_summary(session.result, writer.line)
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
    say(away_line(away.seconds, keys=keys))
    # Hands-free, nobody can press a key: carry on from where it stopped.
    return [] if keys else session.resume()


def _press(
    session: Session,
    fanout: CueFanout,
    bound_to: list[str],
    say: Callable[[str], None],
    keys: Mapping[str, tuple[str, ...]],
) -> list[Cue]:
    """What a key does, by what it is bound to (pause, skip, …; space is pause and resume)."""
    paused, muted = session.is_paused, fanout.muted
    # Of a key's actions, the one that applies now (as the screen's footer offers only it).
    usable = [
        name
        for name in bound_to
        if not (name == "pause" and paused or name == "resume" and not paused)
        and not (name == "mute" and muted or name == "unmute" and not muted)
    ]
    action = usable[0] if usable else ""
    if action in ("pause", "resume"):
        cues = session.toggle_pause()
        if not session.is_finished:
            go_on = shown_key(keys, "session.resume")
            say(f"Paused. Press {go_on} to go on." if session.is_paused else "Resumed.")
        return cues
    if action == "skip":
        say("Skipped.")
        return session.skip()
    if action == "back":
        say("Back.")
        return session.back()
    if action == "restart":
        say("Restarted.")
        return session.restart()
    if action == "extend":
        if session.extend():
            say(f"Ten seconds more: {spoken_duration(math.ceil(session.remaining))} left.")
        else:
            say("No more time can be added here.")
        return []
    if action in ("mute", "unmute"):
        say("Sound off." if fanout.toggle_mute() else "Sound on.")
        return []
    if action == "keys":
        say(keys_help(keys))
        return []
    if action == "end":
        session.end()
        say("Ended.")
    return []
