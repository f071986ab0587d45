"""`stretchtui remind` (the reminder scheduler) and `stretchtui status` (one line for a status bar).

Everything heavy is imported inside the handlers: `status` in particular must
start about as fast as Python does (the executable answers it before this
module is even loaded when it can; see `stretchtui.entry`).
"""

from __future__ import annotations

import argparse

from stretchtui.cli.context import CliContext, add_command

FORMATS = ("plain", "tmux", "json")  # the same as reminders.status.FORMATS, kept light here


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    remind = add_command(
        subparsers,
        "remind",
        "Remind you to stretch in your work hours (runs until stopped).",
    )
    mode = remind.add_mutually_exclusive_group()
    mode.add_argument(
        "--once",
        action="store_true",
        help="decide once, remind if one is due, and exit (for cron or a systemd timer)",
    )
    mode.add_argument(
        "--install",
        action="store_true",
        help="write a systemd user service for `remind` and print the command that starts it",
    )
    remind.set_defaults(handler=run_remind)

    status = add_command(subparsers, "status", "One line for a tmux status bar or a shell prompt.")
    status.add_argument(
        "--format",
        choices=FORMATS,
        default="plain",
        help="plain text, tmux (with its formats escaped) or json",
    )
    status.set_defaults(handler=show_status)


def show_status(context: CliContext, args: argparse.Namespace) -> int:
    from stretchtui.reminders.status import print_status

    return print_status(context.paths.data_dir, args.format)


def run_remind(context: CliContext, args: argparse.Namespace) -> int:
    from stretchtui.reminders.command import install, remind

    if args.install:
        return install(context.paths, context.error)
    return remind(context.paths, once=args.once)
