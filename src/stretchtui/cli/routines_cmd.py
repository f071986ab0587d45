"""`stretchtui list`, `show` and `check`: the routines, one routine's plan, and file checks."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from stretchtui.catalog import CatalogEntry, Source
from stretchtui.cli.context import EXIT_INVALID, EXIT_OK, EXIT_USAGE, CliContext, add_command
from stretchtui.cli.table import Column, Table, print_lines, styled, terminal_width, wants_colour
from stretchtui.durations import format_duration
from stretchtui.routines.cache import file_key
from stretchtui.textsafe import visible

# Not `from typing import TYPE_CHECKING`: importing typing costs more than this whole
# module; mypy reads any name TYPE_CHECKING as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from typing import Any

    from stretchtui.plan import Plan

# `list` and `show` answer from the routine cache, printing plain tables (cli/table.py):
# neither Rich nor the YAML loader is imported unless a file has to be read.

# Below this many columns `list` leaves out the stretch count and the source column.
WIDE_LIST = 100
NARROW_LIST = 60


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from pathlib import Path

    list_parser = add_command(subparsers, "list", "List the routines you can run.")
    list_parser.add_argument("--json", action="store_true", help="print JSON for scripts")
    list_parser.set_defaults(handler=list_routines)

    show_parser = add_command(subparsers, "show", "Show every timed segment of one routine.")
    show_parser.add_argument("routine", metavar="ROUTINE", help="a routine id or a path to a file")
    show_parser.add_argument("--json", action="store_true", help="print JSON for scripts")
    show_parser.set_defaults(handler=show_routine)

    check_parser = add_command(subparsers, "check", "Check routine files for mistakes.")
    check_parser.add_argument("files", metavar="FILE", nargs="+", type=Path)
    check_parser.set_defaults(handler=check_routines)


# ---------------------------------------------------------------- list


def entry_json(entry: CatalogEntry) -> dict[str, Any]:
    summary = entry.summary
    return {
        "id": entry.id,
        "name": summary.name if summary else None,
        "level": summary.level if summary else None,
        "total_seconds": summary.total_seconds if summary else None,
        "stretches": summary.stretches if summary else None,
        "rounds": summary.rounds if summary else None,
        "source": entry.source.value,
        "path": str(entry.path),
        "errors": [str(problem) for problem in entry.problems],
    }


def list_routines(context: CliContext, args: argparse.Namespace) -> int:
    entries = context.catalog.entries
    if getattr(args, "json", False):
        json.dump([entry_json(entry) for entry in entries], sys.stdout, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    # At 80 columns every column would squeeze the names onto two lines; there the stretch
    # count goes, and the source shows only where it is not bundled, beside the level.
    # Narrower still (a split pane), the level goes too: the ids already say it.
    width = terminal_width()
    colour = wants_colour()
    wide = width >= WIDE_LIST
    narrow = width < NARROW_LIST
    columns = [Column("id", style="bold cyan"), Column("name", wrap=True, min_width=8)]
    if not narrow:
        columns.append(Column("level"))
    columns.append(Column("time", right=True))
    if wide:
        columns += [Column("stretches", right=True), Column("source")]
    table = Table(*columns)
    broken: list[CatalogEntry] = []
    for entry in entries:
        summary = entry.summary
        if summary is None:
            broken.append(entry)
            continue
        level = summary.level
        cells = [
            visible(entry.id),
            visible(summary.name),
            level,
            format_duration(summary.total_seconds),
        ]
        if wide:
            cells += [str(summary.stretches), entry.source.value]
        elif narrow:
            del cells[2]
        elif entry.source is not Source.BUNDLED:
            cells[2] = f"{level} · {entry.source.value}"
        table.add_row(*cells)
    lines = table.lines(width, colour)
    for entry in broken:
        lines.append(
            styled(f"✗ {visible(entry.id)} ({entry.source.value}) has errors:", "bold red", colour)
        )
        # Unwrapped, so that `path:line:col` stays whole for editors and terminals to follow.
        lines += [styled(f"  {visible(str(problem))}", "red", colour) for problem in entry.problems]
    if broken:
        lines.append(styled("Fix these files and they will appear in the menu.", "dim", colour))
    print_lines(lines)
    return EXIT_OK


# ---------------------------------------------------------------- show


def plan_data(plan: Plan) -> dict[str, Any]:
    """What `show` prints of a plan, as plain data (kept in the routine cache)."""
    routine = plan.routine
    return {
        "name": routine.name,
        "level": routine.level.value,
        "summary": routine.summary,
        "rounds": routine.rounds,
        "total_seconds": plan.total_seconds,
        "stretch_count": plan.stretch_count,
        "segments": [
            {
                "index": segment.index,
                "kind": segment.kind.value,
                "name": segment.name,
                "side": segment.side.value if segment.side else None,
                "round": segment.round,
                "rounds": segment.rounds,
                "reps": segment.reps,
                "duration": segment.duration,
            }
            for segment in plan.segments
        ],
    }


SEGMENT_FIELDS: dict[str, type | tuple[type, ...]] = {
    "index": int,
    "kind": str,
    "name": str,
    "side": (str, type(None)),
    "round": int,
    "rounds": int,
    "reps": (int, type(None)),
    "duration": int,
}


def valid_plan_data(data: object) -> bool:
    """Whether a cached record has exactly the shape `plan_data` makes."""
    if not isinstance(data, dict) or set(data) != {
        "name", "level", "summary", "rounds", "total_seconds", "stretch_count", "segments"
    }:  # fmt: skip
        return False
    plain = all(isinstance(data[key], str) for key in ("name", "level", "summary")) and all(
        type(data[key]) is int for key in ("rounds", "total_seconds", "stretch_count")
    )
    segments = data["segments"]
    return (
        plain
        and isinstance(segments, list)
        and all(
            isinstance(segment, dict)
            and set(segment) == set(SEGMENT_FIELDS)
            and all(
                isinstance(segment[key], kinds) and not isinstance(segment[key], bool)
                for key, kinds in SEGMENT_FIELDS.items()
            )
            for segment in segments
        )
    )


def cached_plan_data(context: CliContext, entry: CatalogEntry) -> dict[str, Any] | None:
    """`show`'s data: from the routine cache while the file is unchanged, else from the plan
    (then kept). None when the file no longer holds a routine."""
    cache = context.catalog.cache
    try:
        key = file_key(os.stat(entry.path))
    except (OSError, ValueError):
        key = None
    if key is not None and entry.source is not Source.FILE and not entry.loaded:
        data = cache.plan_data(str(entry.path), key)
        if valid_plan_data(data):
            return data
    plan = entry.plan
    if plan is None:
        return None
    data = plan_data(plan)
    if key is not None and entry.source is not Source.FILE:
        cache.remember_plan(str(entry.path), key, data)
    return data


def show_json(entry: CatalogEntry, data: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": entry.id,
        "name": data["name"],
        "level": data["level"],
        "rounds": data["rounds"],
        "source": entry.source.value,
        "total_seconds": data["total_seconds"],
        "segments": [
            {key: value for key, value in segment.items() if key != "rounds"}
            for segment in data["segments"]
        ],
    }


def show_routine(context: CliContext, args: argparse.Namespace) -> int:
    entry = context.usable_routine(args.routine, read=False)
    data = cached_plan_data(context, entry) if entry is not None else None
    if entry is None or data is None:
        if entry is not None:
            for problem in entry.problems:
                print(visible(str(problem)), file=sys.stderr)
        return EXIT_INVALID
    if args.json:
        json.dump(show_json(entry, data), sys.stdout, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    colour = wants_colour()
    lines = [
        styled(visible(data["name"]), "bold", colour)
        + styled(f"   {visible(data['level'])}", "dim", colour)
    ]
    if data["summary"]:
        lines.append(visible(data["summary"]))
    table = Table(
        Column("#", right=True, style="dim"),
        Column("kind"),
        Column("stretch", wrap=True, min_width=8),
        Column("side"),
        Column("round", right=True),
        Column("reps", right=True),
        Column("time", right=True),
    )
    for segment in data["segments"]:
        table.add_row(
            str(segment["index"] + 1),
            visible(segment["kind"].replace("_", " ")),
            visible(segment["name"]),
            visible(segment["side"] or ""),
            f"{segment['round']}/{segment['rounds']}",
            str(segment["reps"]) if segment["reps"] else "",
            format_duration(segment["duration"]),
        )
    lines += table.lines(terminal_width(), colour)
    total = data["total_seconds"]
    lines.append(f"Total: {format_duration(total)} ({total} s), {data['stretch_count']} stretches")
    print_lines(lines)
    return EXIT_OK


# ---------------------------------------------------------------- check


def check_routines(context: CliContext, args: argparse.Namespace) -> int:
    files: list[Path] = args.files
    if not files:
        context.error("check needs at least one FILE")
        return EXIT_USAGE
    from stretchtui import glyphs
    from stretchtui.catalog import load_entry
    from stretchtui.routines.problems import display_path, snippet

    failed = False
    for path in files:
        entry = load_entry(path, Source.FILE)
        if entry.plan is not None:
            name, total = entry.plan.routine.name, entry.plan.total_seconds
            print(visible(f"{display_path(path)}: ok ({name}, {format_duration(total)})"))
            continue
        failed = True
        for problem in entry.problems:
            # Like a compiler: `file:line:col: message`, then the line with a caret under it.
            lines = [visible(str(problem))]
            shown_line = snippet(problem, terminal_width())
            if shown_line is not None:
                lines += shown_line
            for line in lines:
                print(glyphs.current().text(line), file=sys.stderr)
    return EXIT_INVALID if failed else EXIT_OK
