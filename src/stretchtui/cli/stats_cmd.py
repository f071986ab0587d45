"""`stretchtui stats`: streaks, minutes and totals, for people and for scripts.

It is typed and read at a glance, so it starts in about Python's own time:
`stretchtui.entry` reads its arguments without argparse, the history is opened
read-only (`history.readonly`: no writer thread, nothing written, no file created;
only a file from an older stretchtui is brought up to date, once) and read as plain
tuples (`history.figures`), the settings model is loaded only when there is a
config.yaml to read, and the tables are plain (cli/table.py), not Rich's.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime

from stretchtui.cli.context import EXIT_INVALID, EXIT_OK, CliContext, add_command
from stretchtui.durations import format_duration
from stretchtui.textsafe import visible

# Not `from typing import TYPE_CHECKING`: importing typing costs more than this whole
# module; mypy reads any name TYPE_CHECKING as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    import sqlite3
    from typing import Any

    from stretchtui.history.figures import Figures
    from stretchtui.history.readonly import OlderHistory


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    stats = add_command(subparsers, "stats", "Streaks, minutes and totals per level and area.")
    stats.add_argument("--json", action="store_true", help="print JSON for scripts")
    stats.set_defaults(handler=show_stats)


def streak_mode(context: CliContext) -> str:
    """The streak setting; the settings model (and its warnings) only when config.yaml is
    there (no file, no warnings: the defaults)."""
    path = context.paths.config_file
    if not os.path.lexists(path):
        return "daily"
    from stretchtui.config import load_settings

    settings = load_settings(path)
    for warning in settings.warnings:
        context.error(warning)
    return settings.settings.streak.value


def show_stats(context: CliContext, args: argparse.Namespace) -> int:
    import sqlite3

    from stretchtui.history.figures import read_figures
    from stretchtui.history.readonly import (
        CannotRead,
        OlderHistory,
        open_readonly,
        reason,
    )

    mode = streak_mode(context)
    now = datetime.now().astimezone()
    path = str(context.paths.history_file)
    try:
        try:
            db = open_readonly(path)  # None: no history yet, and no file is made
        except OlderHistory as older:
            db = brought_up_to_date(context, older, path)
        try:
            figures = read_figures(db, now.date(), mode, round(now.timestamp() * 1000))
        except (sqlite3.Error, ValueError, TypeError) as error:
            raise CannotRead(reason(path, error)) from None
        finally:
            if db is not None:
                db.close()
    except CannotRead as error:
        context.error(str(error))
        return EXIT_INVALID
    if args.json:
        import json

        json.dump(stats_json(figures), sys.stdout, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    print_stats(figures)
    return EXIT_OK


def brought_up_to_date(context: CliContext, older: OlderHistory, path: str) -> sqlite3.Connection:
    """A read-only connection to an older history once it is up to date.

    An older file is brought up to date once, as the first command to open it after an
    upgrade does (beside itself, with a progress line at 100 000 sessions), so `stats`
    never pays for it again. Where it can't be (a read-only folder, a full disk, another
    program holding the file), the figures come from a copy brought up to date in memory
    and the file is left as it is. Raises CannotRead.
    """
    import sqlite3
    from pathlib import Path

    from stretchtui.history.readonly import CannotRead, OlderHistory, migrated_copy, open_readonly

    if not older.found:  # an empty file: nothing to bring up to date
        return migrated_copy(older, path)
    older.connection.close()
    from stretchtui.history.migrate_file import rewrite
    from stretchtui.history.progress import StderrProgress

    why = "it is still an older version"  # said only if rewrite gave up without a word
    try:
        rewrite(Path(path), StderrProgress())
    except sqlite3.Error as error:
        why = str(error)
    try:
        db = open_readonly(path)  # up to date now, by this process or another
    except OlderHistory as still_older:
        copy = migrated_copy(still_older, path)
        context.error(
            f"{path} is from an older stretchtui (history version {older.found}) and could "
            f"not be brought up to date ({why}); these figures come from a copy brought up "
            "to date in memory, and the file is left as it is."
        )
        return copy
    if db is None:
        raise CannotRead(f"the history file {path} went away while it was read")
    return db


def stats_json(stats: Figures) -> dict[str, Any]:
    return {
        "today": stats.today.isoformat(),
        "streak_mode": stats.mode,
        "current_streak": stats.current_streak,
        "best_streak": stats.best_streak,
        "sessions": stats.sessions,
        "completed": stats.completed,
        "ended_early": stats.status_counts.get("ended_early", 0),
        "interrupted": stats.status_counts.get("interrupted", 0),
        "in_progress": stats.status_counts.get("in_progress", 0),
        "active_minutes": round(stats.active_seconds / 60, 1),
        "levels": {
            level: {
                "sessions": sessions,
                "completed": completed,
                "minutes": round(seconds / 60, 1),
            }
            for level, sessions, completed, seconds in stats.levels
        },
        "areas": {area: round(seconds / 60, 1) for area, seconds in sorted(stats.areas.items())},
        "weekly_minutes": [
            {"week": start.isoformat(), "minutes": round(minutes, 1)}
            for start, minutes in zip(stats.week_starts, stats.weekly_minutes, strict=True)
        ],
        "last_session": stats.last_started.isoformat() if stats.last_started else None,
        "reminder_adherence": [
            {"week": start.isoformat(), "reminded": reminded, "followed": followed}
            for start, reminded, followed in stats.adherence
        ],
    }


def print_stats(stats: Figures) -> None:
    """The summary for reading: streak and totals, then time per level and per body area,
    in the tables Rich's SIMPLE_HEAD box drew (a plain table: Rich is not loaded)."""
    from stretchtui.cli.table import Column, Table, print_lines, terminal_width, wants_colour, wrap
    from stretchtui.history.adherence import summary_line

    width = terminal_width()
    colour = wants_colour()
    lines: list[str] = []

    def say(text: str) -> None:
        lines.extend(wrap(text, width))

    weekdays = stats.mode == "weekdays"
    rule = "weekends never break it" if weekdays else "a day counts with one completed session"
    say(
        f"Streak: {stats.current_streak} {'weekday' if weekdays else 'day'}"
        f"{'' if stats.current_streak == 1 else 's'} now, best {stats.best_streak} ({rule})"
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
        for level, sessions, completed, seconds in stats.levels:
            levels.add_row(visible(level), str(sessions), str(completed), format_duration(seconds))
        lines += levels.lines(width, colour)
    if stats.areas:
        areas = Table(Column("body area", wrap=True, min_width=5), Column("time"), edged=True)
        for area, seconds in sorted(stats.areas.items(), key=lambda item: -item[1]):
            areas.add_row(visible(area), format_duration(seconds))
        lines += areas.lines(width, colour)
    weekly = ", ".join(f"{round(m)}" for m in stats.weekly_minutes)
    say(f"Minutes per week, last {len(stats.weekly_minutes)} weeks: {weekly}")
    summary = summary_line([(reminded, followed) for _start, reminded, followed in stats.adherence])
    if summary is not None:
        followed = ", ".join(f"{done}/{shown}" for _start, shown, done in stats.adherence)
        say(f"Reminders followed by a session within 10 min: {summary}")
        lines.append(f"  per week, followed/shown: {followed}")
    print_lines(lines)
