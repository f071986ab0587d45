"""`stretchtui run ROUTINE`: straight into a session, full screen or as plain lines."""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import sys
from functools import partial
from typing import TYPE_CHECKING

from stretchtui.cli.context import EXIT_INVALID, CliContext, add_command

if TYPE_CHECKING:
    from stretchtui.catalog import CatalogEntry
    from stretchtui.services import Services
    from stretchtui.session import Session

MAX_SPEED = 100.0


def speed_value(text: str) -> float:
    """`--speed X`: a number above 0 and at most 100."""
    try:
        speed = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number like 2 or 0.5, got {text!r}") from None
    if not math.isfinite(speed) or speed <= 0 or speed > MAX_SPEED:
        raise argparse.ArgumentTypeError(
            f"must be more than 0 and at most {MAX_SPEED:g}, got {text}"
        )
    return speed


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(subparsers, "run", "Start a routine straight away.")
    parser.add_argument("routine", metavar="ROUTINE", help="a routine id or a path to a file")
    add_session_options(parser)
    parser.set_defaults(handler=run_routine)


def add_session_options(parser: argparse.ArgumentParser) -> None:
    """--plain, --speed and --no-sound: how a session runs (`run` and `resume`)."""
    parser.add_argument(
        "--plain",
        action="store_true",
        help="print one line per cue instead of the full-screen view "
        "(screen readers, logs, SSH, dumb terminals)",
    )
    parser.add_argument(
        "--speed",
        type=speed_value,
        default=1.0,
        metavar="X",
        help="run the clock X times faster, to preview a routine (0 < X <= 100); "
        "recorded as a preview, never counted in streaks or totals",
    )
    parser.add_argument("--no-sound", action="store_true", help="play no sounds")


def run_routine(context: CliContext, args: argparse.Namespace) -> int:
    # Imported here, not at the top: every other command starts faster without them.
    from stretchtui.services import open_services
    from stretchtui.session import Session

    entry = context.usable_routine(args.routine)
    if entry is None or entry.plan is None:
        return EXIT_INVALID
    choose_plain(args)

    services = open_services(context.paths, sound=not args.no_sound, speed=args.speed)
    try:
        if not args.plain:
            return _run_tui(context, services, entry)
        session = Session(entry.plan, services.clock, observers=services.observers)
        return play_plain(services, session, args.speed)
    finally:
        services.close()


def choose_plain(args: argparse.Namespace) -> None:
    """A dumb terminal or a pipe gets plain mode without asking for --plain, and a line why."""
    from stretchtui.fullscreen import plain_note, plain_reason

    if args.plain:
        return
    reason = plain_reason(os.environ, sys.stdout)
    if reason is not None:
        print(plain_note(reason), file=sys.stderr, flush=True)
        args.plain = True


def play_plain(services: Services, session: Session, speed: float) -> int:
    """Run `session` in plain mode on this terminal; returns the exit code.

    Before the very first session the first-run note comes first; a key (or,
    hands-free, printing it) dismisses it for good.
    """
    from stretchtui.first_run import mark_note_seen, note_seen
    from stretchtui.plain import LineWriter, Stop, TerminalWaiter, run_plain
    from stretchtui.plain_coach import Stopped, first_run_note

    # A terminal that cannot show a character should get a stand-in, not a crash.
    with contextlib.suppress(AttributeError, ValueError):
        sys.stdout.reconfigure(errors="replace")  # type: ignore[union-attr]
    with TerminalWaiter(speed=speed) as waiter:
        if not note_seen(services.paths):
            try:
                first_run_note(waiter, LineWriter(sys.stdout).line, keys=waiter.reads_keys)
            except Stopped as stopped:
                return stopped.event.exit_code if isinstance(stopped.event, Stop) else 1
            mark_note_seen(services.paths)
        code = run_plain(
            session,
            services.player,
            sys.stdout,
            wait=waiter,
            keys=waiter.reads_keys,
            notices=services.warnings,
            keymap=services.settings.keymap,
            save_checkin=partial(services.store.save_checkin, session.session_id),
        )
    _late_history_warning(services)
    return code


def _late_history_warning(services: Services) -> None:
    """A history write that failed during the session is told once, after its summary."""
    from stretchtui.plain import LineWriter
    from stretchtui.textsafe import visible

    # Every write is handed over by now (the check-in too): closing waits for them, briefly.
    services.store.close()
    warning = services.store.warning
    if warning and warning not in services.warnings:
        LineWriter(sys.stdout).line(f"Note: {visible(warning)}")


def _run_tui(context: CliContext, services: Services, entry: CatalogEntry) -> int:
    # Imported here so plain mode never pays for loading Textual.
    from stretchtui.tui.launch import run_app

    return run_app(services, context.catalog, start_routine=entry)
