"""`stretchtui history` and `stretchtui stats`: the session record, for people and for scripts.

`stats` is typed and read at a glance (`stretchtui.entry` reads its arguments without
argparse): it prints plain tables (cli/table.py), so neither argparse nor Rich is
imported for it.
"""

from __future__ import annotations

import sys
from datetime import date, datetime

from stretchtui.cli.context import EXIT_INVALID, EXIT_OK, CliContext, add_command
from stretchtui.durations import format_duration
from stretchtui.textsafe import visible

# Not `from typing import TYPE_CHECKING`: importing typing costs more than this whole
# module; mypy reads any name TYPE_CHECKING as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from typing import Any

    from stretchtui.history import HistoryStore, SessionRow
    from stretchtui.history.stats import Stats

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

    stats = add_command(subparsers, "stats", "Streaks, minutes and totals per level and area.")
    stats.add_argument("--json", action="store_true", help="print JSON for scripts")
    stats.set_defaults(handler=show_stats)


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
    from stretchtui.history.export import Routines, write_csv, write_json

    write = write_json if args.format == "json" else write_csv
    routines: Routines = {}
    rows = store.export_rows(routines, limit=args.limit, since=args.since)
    try:
        write(rows, routines, sys.stdout)
    finally:
        rows.close()
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


def stats_json(stats: Stats) -> dict[str, Any]:
    return {
        "today": stats.today.isoformat(),
        "streak_mode": stats.mode.value,
        "current_streak": stats.streaks.current,
        "best_streak": stats.streaks.best,
        "sessions": stats.sessions,
        "completed": stats.completed,
        "ended_early": stats.status_counts.get("ended_early", 0),
        "interrupted": stats.status_counts.get("interrupted", 0),
        "in_progress": stats.status_counts.get("in_progress", 0),
        "active_minutes": round(stats.active_seconds / 60, 1),
        "levels": {
            total.level: {
                "sessions": total.sessions,
                "completed": total.completed,
                "minutes": round(total.active_seconds / 60, 1),
            }
            for total in stats.levels
        },
        "areas": {area: round(seconds / 60, 1) for area, seconds in sorted(stats.areas.items())},
        "weekly_minutes": [
            {"week": start.isoformat(), "minutes": round(minutes, 1)}
            for start, minutes in zip(stats.week_starts, stats.weekly_minutes, strict=True)
        ],
        "last_session": stats.last_session.started.isoformat() if stats.last_session else None,
        "reminder_adherence": [
            {
                "week": week.week_start.isoformat(),
                "reminded": week.reminded,
                "followed": week.followed,
            }
            for week in stats.adherence
        ],
    }


def show_stats(context: CliContext, args: argparse.Namespace) -> int:
    from stretchtui.config import load_settings
    from stretchtui.history import HistoryUnreadable
    from stretchtui.history.stats import compute_stats

    settings = load_settings(context.paths.config_file)
    for warning in settings.warnings:
        context.error(warning)
    store = _open(context)
    try:
        stats = compute_stats(store, settings.settings.streak, datetime.now().astimezone().date())
    except HistoryUnreadable as error:
        context.error(str(error))
        return EXIT_INVALID
    finally:
        store.close()
    if args.json:
        import json

        json.dump(stats_json(stats), sys.stdout, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    print_stats(stats)
    return EXIT_OK


def print_stats(stats: Stats) -> None:
    """The summary for reading: streak and totals, then time per level and per body area,
    in the tables Rich's SIMPLE_HEAD box drew (a plain table: Rich is not loaded)."""
    from stretchtui.cli.table import Column, Table, print_lines, terminal_width, wants_colour, wrap
    from stretchtui.history.reminder_log import adherence_summary

    width = terminal_width()
    colour = wants_colour()
    lines: list[str] = []

    def say(text: str) -> None:
        lines.extend(wrap(text, width))

    weekdays = stats.mode.value == "weekdays"
    rule = "weekends never break it" if weekdays else "a day counts with one completed session"
    say(
        f"Streak: {stats.streaks.current} {'weekday' if weekdays else 'day'}"
        f"{'' if stats.streaks.current == 1 else 's'} now, best {stats.streaks.best} ({rule})"
    )
    say(
        f"Sessions: {stats.sessions} ({stats.completed} completed), "
        f"{format_duration(stats.active_seconds)} stretching in all"
    )
    if stats.levels:
        levels = Table(
            Column("level", wrap=True, min_width=5),
            Column("sessions"),
            Column("completed"),
            Column("time"),
            edged=True,
        )
        for total in stats.levels:
            levels.add_row(
                visible(total.level),
                str(total.sessions),
                str(total.completed),
                format_duration(total.active_seconds),
            )
        lines += levels.lines(width, colour)
    if stats.areas:
        areas = Table(Column("body area", wrap=True, min_width=5), Column("time"), edged=True)
        for area, seconds in sorted(stats.areas.items(), key=lambda item: -item[1]):
            areas.add_row(visible(area), format_duration(seconds))
        lines += areas.lines(width, colour)
    weekly = ", ".join(f"{round(m)}" for m in stats.weekly_minutes)
    say(f"Minutes per week, last {len(stats.weekly_minutes)} weeks: {weekly}")
    summary = adherence_summary(stats.adherence)
    if summary is not None:
        followed = ", ".join(f"{week.followed}/{week.reminded}" for week in stats.adherence)
        say(f"Reminders followed by a session within 10 min: {summary}")
        lines.append(f"  per week, followed/shown: {followed}")
    print_lines(lines)
