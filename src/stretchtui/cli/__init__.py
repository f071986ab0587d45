"""The `stretchtui` command: parse the arguments, hand over to one subcommand.

Importing this package costs nothing: argparse and the subcommand modules load when
the parser is built. `stretchtui.entry` answers the common forms of the quick commands
(`--version`, `status`, `list`, `show`) without building it at all.
"""

from __future__ import annotations

import sys

from stretchtui.cli.context import EXIT_OK, EXIT_USAGE, CliContext

# Not `from typing import TYPE_CHECKING`: importing typing costs more than this whole
# module; mypy reads any name TYPE_CHECKING as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence


def build_parser() -> argparse.ArgumentParser:
    import argparse

    from stretchtui import __version__
    from stretchtui.cli import (
        history_cmd,
        import_cmd,
        remind_cmd,
        resume_cmd,
        routines_cmd,
        run_cmd,
        serve_cmd,
        stats_cmd,
    )

    parser = argparse.ArgumentParser(
        prog="stretchtui",
        description="A guided stretch-session timer for the terminal.",
    )
    parser.add_argument("--version", action="version", version=f"stretchtui {__version__}")
    add_location_options(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    # Each module adds its subcommands with register(subparsers).
    for module in (
        routines_cmd,
        run_cmd,
        resume_cmd,
        history_cmd,
        stats_cmd,
        import_cmd,
        remind_cmd,
        serve_cmd,
    ):
        module.register(subparsers)
    return parser


def add_location_options(parser: argparse.ArgumentParser) -> None:
    import argparse

    parser.add_argument(
        "--config-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="where your routines and config.yaml live (default: $STRETCHTUI_CONFIG_DIR "
        "or the platform's config folder)",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="where the session history is kept (default: $STRETCHTUI_DATA_DIR "
        "or the platform's data folder)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 fine, 1 invalid input, 2 usage)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code) if isinstance(exit_.code, int) else EXIT_USAGE
    return run_handler(args)


def run_handler(args: object) -> int:
    """Run the parsed command (`args.handler`, or the menu when there is none)."""
    context = CliContext.from_args(args)
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            return default_command(context)
        return int(handler(context, args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `stretchtui list | head`: the reader left; that is not an error.
        sys.stderr.close()
        return EXIT_OK


def default_command(context: CliContext) -> int:
    """Bare `stretchtui`: the menu (as a numbered list where the full screen can't be drawn)."""
    import os

    from stretchtui.fullscreen import plain_reason

    reason = plain_reason(os.environ, sys.stdout)
    if reason is not None:
        from stretchtui.cli.plain_menu import plain_menu

        return plain_menu(context, reason)
    import gc

    # Until the menu has painted, the collector would only walk the objects that start-up
    # keeps (Textual's modules, styles and widgets) again and again: about 30 ms of it.
    gc.disable()
    try:
        from stretchtui.services import open_services
        from stretchtui.tui.launch import run_app

        # The menu paints before the sound device is chosen and before the history is opened.
        services = open_services(context.paths, defer_sound=True, defer_store=True)
        try:
            return run_app(services, context.catalog, after_first_paint=gc.enable)
        finally:
            services.close()
    finally:
        gc.enable()
