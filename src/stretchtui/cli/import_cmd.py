"""`stretchtui import FILE`: bring in the sessions another machine's history exported."""

from __future__ import annotations

import argparse
from pathlib import Path

from stretchtui.cli.context import EXIT_INVALID, EXIT_OK, CliContext, add_command

MAX_BYTES = 256 * 1024 * 1024
"""Room for about half a million sessions; a larger file is not an export of ours."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = add_command(
        subparsers,
        "import",
        "Merge in the sessions of a file that `stretchtui history --format json` wrote "
        "(another machine's history, say); sessions already here are left as they are.",
    )
    command.add_argument("file", metavar="FILE", help="the JSON file to import")
    command.set_defaults(handler=run_import)


def run_import(context: CliContext, args: argparse.Namespace) -> int:
    import sqlite3

    from stretchtui.history import HistoryUnreadable, open_store
    from stretchtui.history.importing import (
        EXPECTED,
        ImportRefused,
        import_sessions,
        parse_sessions,
    )
    from stretchtui.history.progress import thousands
    from stretchtui.safefiles import FileRefused, read_regular_file

    path = Path(args.file)
    try:
        data = read_regular_file(path, MAX_BYTES, f"a JSON file ({EXPECTED})")
        sessions = parse_sessions(data)
    except (FileRefused, ImportRefused) as error:
        reason = error.reason if isinstance(error, FileRefused) else str(error)
        context.error(f"{path}: {reason}; nothing was imported.")
        return EXIT_INVALID
    store = open_store(context.paths.history_file)
    try:
        if store.path is None:
            context.error(f"{store.warning or 'the history file cannot be used'}")
            context.error("Nothing was imported.")
            return EXIT_INVALID
        if store.warning:
            context.error(store.warning)
        try:
            result = import_sessions(store, sessions)
        except (sqlite3.Error, HistoryUnreadable) as error:
            context.error(
                f"cannot write the history file {store.path} ({error}); nothing was imported."
            )
            return EXIT_INVALID
    finally:
        store.close()
    added = f"{thousands(result.added)} session{'' if result.added == 1 else 's'}"
    print(f"Imported {added}, {thousands(result.already_here)} already here.")
    return EXIT_OK
