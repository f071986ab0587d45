"""`stretchtui resume`: carry on the session that stopped part-way, from its stretch's start."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from typing import TYPE_CHECKING

from stretchtui.cli.context import EXIT_INVALID, EXIT_OK, CliContext, add_command
from stretchtui.cli.run_cmd import add_session_options, choose_plain

if TYPE_CHECKING:
    from stretchtui.resume import ResumeOffer
    from stretchtui.services import Services

NOTHING_TO_RESUME = (
    "nothing to resume: no session was interrupted or ended early in the last 24 hours "
    "(start one with `stretchtui run ROUTINE`, or pick one in `stretchtui`)"
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(subparsers, "resume", "Carry on the last session that stopped part-way.")
    parser.description = (
        "Carry on the last session, if it stopped part-way (interrupted or ended early) in "
        "the last 24 hours, from the start of the stretch it was in. It stays one session "
        "in your history."
    )
    add_session_options(parser)
    parser.set_defaults(handler=resume_session)


def resume_session(context: CliContext, args: argparse.Namespace) -> int:
    # Imported here, not at the top: every other command starts faster without them.
    from stretchtui.clock import wall_clock
    from stretchtui.history import HistoryUnreadable
    from stretchtui.resume import resume_offer
    from stretchtui.services import open_services

    services = open_services(context.paths, sound=not args.no_sound, speed=args.speed)
    try:
        try:
            offer = resume_offer(services.store, context.catalog, wall_clock())
        except HistoryUnreadable as error:
            context.error(str(error))
            return EXIT_INVALID
        if offer is None:
            context.error(NOTHING_TO_RESUME)
            return EXIT_INVALID
        return _carry_on(context, services, offer, args)
    finally:
        services.close()


def _carry_on(
    context: CliContext, services: Services, offer: ResumeOffer, args: argparse.Namespace
) -> int:
    from stretchtui.clock import wall_clock
    from stretchtui.textsafe import visible

    name = visible(offer.routine_name)
    entry = offer.entry
    choose_plain(args)
    if entry is None or entry.routine is None:
        where = offer.stopped.routine_path or offer.routine_id
        context.error(
            f"cannot resume {name}: its routine file ({visible(where)}) is gone or has "
            "errors now (`stretchtui list` shows them)"
        )
        return EXIT_INVALID
    if offer.changed and not args.plain:
        # The full-screen app says so itself and asks whether to start over.
        from stretchtui.tui.launch import run_app

        return run_app(services, context.catalog, resume=offer)
    if offer.changed:
        again = f"stretchtui run {_routine_arg(offer)}"
        context.error(
            f"{name} has changed since you stopped (its file is not the one that session "
            "ran), so it can't be picked up where it was."
        )
        if not _agrees("Start it over from the beginning? [y/N] "):
            if not sys.stdin.isatty():
                print(f"To start it over: {again}", file=sys.stderr)
                return EXIT_INVALID
            print("Nothing started.", file=sys.stderr)
            return EXIT_OK
        return _play(context, services, offer, args, start_over=True)
    if args.speed != 1:
        # A preview is never part of a real session: it gets its own record, and the
        # stopped session stays as it was, still there to resume.
        offer = dataclasses.replace(offer, preview=True)
        services.warnings.append(
            f"--speed {args.speed:g} only previews the rest; the stopped session is kept "
            "as it is, to resume later."
        )
    if args.plain:
        print(
            f"Resuming {name} from {offer.where()} ({visible(offer.stretch_name())}), "
            f"stopped {offer.ago(wall_clock())}.",
            flush=True,
        )
    return _play(context, services, offer, args, start_over=False)


def _play(
    context: CliContext,
    services: Services,
    offer: ResumeOffer,
    args: argparse.Namespace,
    *,
    start_over: bool,
) -> int:
    from stretchtui.cli.run_cmd import play_plain
    from stretchtui.session import Session

    entry = offer.entry
    assert entry is not None and entry.routine is not None and offer.plan is not None
    if not args.plain:
        from stretchtui.tui.launch import run_app

        return run_app(services, context.catalog, resume=offer)
    if start_over:
        session = Session(offer.plan, services.clock, observers=services.observers)
    else:
        session = Session(
            offer.plan,
            services.clock,
            observers=services.observers,
            start_index=offer.start_index or 0,
            earlier=offer.earlier_part(),
        )
    return play_plain(services, session, args.speed)


def _agrees(question: str) -> bool:
    """Ask on the terminal; no terminal (hands-free) means no."""
    if not sys.stdin.isatty():
        return False
    try:
        answer = input(question)
    except (EOFError, KeyboardInterrupt):
        print()
        return False
    return answer.strip().lower() in ("y", "yes")


def _routine_arg(offer: ResumeOffer) -> str:
    import shlex

    from stretchtui.textsafe import visible

    entry = offer.entry
    if entry is not None and entry.source.value != "file":
        return shlex.quote(visible(entry.id))
    return shlex.quote(visible(str(entry.path) if entry is not None else offer.routine_id))
