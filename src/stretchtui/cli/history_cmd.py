"""`stretchtui history`: the session record, for people and for scripts (`stats` is in
stats_cmd.py)."""

from __future__ import annotations

import sys
from datetime import date

from stretchtui.cli.context import EXIT_INVALID, EXIT_OK, CliContext, add_command
from stretchtui.durations import format_duration
from stretchtui.textsafe import visible

# Not `from typing import TYPE_CHECKING`: importing typing costs more than this whole
# module; mypy reads any name TYPE_CHECKING as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from stretchtui.history import HistoryStore, SessionRow

TABLE_LIMIT = 30


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    history = add_command(subparsers, "history", "List your sessions, newest first.")
    history.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        help="table for reading (the latest 30 unless --limit), csv or json for every session",
    )
    history.add_argument(
        "--since", metavar="YYYY-MM-DD", type=since_date, help="only sessions from this day on"
    )
    history.add_argument(
        "--limit", metavar="N", type=positive_int, help="at most N sessions (the newest)"
    )
    history.set_defaults(handler=show_history)


def since_date(text: str) -> date:
    import argparse

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a date like 2026-03-01 (year-month-day), got {text!r}"
        ) from None


def positive_int(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {text!r}")
    return value


def _open(context: CliContext) -> HistoryStore:
    from stretchtui.history import memory_store, open_store

    path = context.paths.history_file
    # Looking at an empty history must not create a file.
    store = open_store(path) if path.exists() else memory_store()
    if store.warning:
        context.error(store.warning)
    return store


def show_history(context: CliContext, args: argparse.Namespace) -> int:
    from stretchtui.history import HistoryUnreadable

    store = _open(context)
    try:
        if args.format != "table":
            return export(store, args)
        rows = store.sessions(limit=args.limit or TABLE_LIMIT, since=args.since)
        total = store.count_sessions(args.since)
    except HistoryUnreadable as error:
        context.error(str(error))
        return EXIT_INVALID
    finally:
        store.close()
    print_table(context, rows, total)
    return EXIT_OK


def export(store: HistoryStore, args: argparse.Namespace) -> int:
    """Every session (or --since/--limit), streamed to stdout as the query yields them."""
    from stretchtui.history.export import (
        Routines,
        declared_as_expected,
        session_batches,
        write_csv,
        write_json,
    )

    write = write_json if args.format == "json" else write_csv
    fast = declared_as_expected(store)
    routines: Routines = {}
    batches = session_batches(store, routines, limit=args.limit, since=args.since)
    try:
        write(batches, routines, sys.stdout, fast=fast)
    finally:
        batches.close()
    return EXIT_OK


def print_table(context: CliContext, rows: list[SessionRow], total: int) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    if not rows:
        context.out.print("No sessions recorded yet.")
        return
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True)
    # Only the routine name gives way in a narrow terminal; rich would squeeze every column.
    level = max(5, *(len(row.level) for row in rows))
    checkin = max(8, *(len(checkin_text(row)) for row in rows))
    fixed = 16 + level + 11 + 7 + checkin + 2 * 5
    table.add_column("started", width=16, no_wrap=True)
    table.add_column(
        "routine", overflow="ellipsis", no_wrap=True, max_width=max(12, context.out.width - fixed)
    )
    table.add_column("level", width=level, no_wrap=True)
    table.add_column("status", width=11, no_wrap=True)
    table.add_column("active", width=7, justify="right", no_wrap=True)
    table.add_column("check-in", width=checkin, no_wrap=True)
    for row in rows:
        table.add_row(
            row.started.strftime("%Y-%m-%d %H:%M"),
            Text(visible(row.routine_name)),
            Text(visible(row.level)),
            row.status.replace("_", " "),
            format_duration(row.active_seconds),
            checkin_text(row),
        )
    context.out.print(table)
    if total > len(rows):
        context.out.print(
            f"Showing the latest {len(rows)} of {total}; use --limit N or --format csv.",
            style="dim",
        )


def checkin_text(row: SessionRow) -> str:
    parts = [row.feeling.value] if row.feeling else []
    if row.warning_signs:
        parts.append("pain!")
    return ", ".join(parts)
