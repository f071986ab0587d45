"""`stretchtui list`, `show` and `check`: the routines, one routine's plan, and file checks."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from rich import box
from rich.table import Table
from rich.text import Text

from stretchtui import glyphs
from stretchtui.catalog import CatalogEntry, Source, load_entry
from stretchtui.cli.context import EXIT_INVALID, EXIT_OK, EXIT_USAGE, CliContext, add_command
from stretchtui.durations import format_duration
from stretchtui.plan import Plan
from stretchtui.routines.problems import display_path, snippet
from stretchtui.textsafe import visible

# Below this many columns `list` leaves out the stretch count and the source column.
WIDE_LIST = 100
NARROW_LIST = 60


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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


def shown(value: str) -> Text:
    """Text from a file, as Rich should print it: never markup, control characters spelled out."""
    return Text(visible(value))


# ---------------------------------------------------------------- list


def entry_json(entry: CatalogEntry) -> dict[str, Any]:
    plan = entry.plan
    routine = plan.routine if plan else None
    return {
        "id": entry.id,
        "name": routine.name if routine else None,
        "level": routine.level.value if routine else None,
        "total_seconds": plan.total_seconds if plan else None,
        "stretches": len(routine.steps) if routine else None,
        "rounds": routine.rounds if routine else None,
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
    wide = context.out.width >= WIDE_LIST
    narrow = context.out.width < NARROW_LIST
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("id", style="bold cyan", no_wrap=True)
    table.add_column("name", min_width=8)
    if not narrow:
        table.add_column("level", no_wrap=True)
    table.add_column("time", justify="right", no_wrap=True)
    if wide:
        table.add_column("stretches", justify="right", no_wrap=True)
        table.add_column("source", no_wrap=True)
    broken: list[CatalogEntry] = []
    for entry in entries:
        plan = entry.plan
        if plan is None:
            broken.append(entry)
            continue
        routine = plan.routine
        level = routine.level.value
        cells: list[str | Text] = [
            shown(entry.id),
            shown(routine.name),
            level,
            format_duration(plan.total_seconds),
        ]
        if wide:
            cells += [str(len(routine.steps)), entry.source.value]
        elif narrow:
            del cells[2]
        elif entry.source is not Source.BUNDLED:
            cells[2] = f"{level} · {entry.source.value}"
        table.add_row(*cells)
    context.out.print(table)
    for entry in broken:
        context.out.print(
            Text(f"✗ {visible(entry.id)} ({entry.source.value}) has errors:", style="bold red")
        )
        for problem in entry.problems:
            # Unwrapped, so that `path:line:col` stays whole for editors and terminals to follow.
            context.out.print(Text(f"  {visible(str(problem))}", style="red"), soft_wrap=True)
    if broken:
        context.out.print("Fix these files and they will appear in the menu.", style="dim")
    return EXIT_OK


# ---------------------------------------------------------------- show


def plan_json(entry: CatalogEntry, plan: Plan) -> dict[str, Any]:
    routine = plan.routine
    return {
        "id": entry.id,
        "name": routine.name,
        "level": routine.level.value,
        "rounds": routine.rounds,
        "source": entry.source.value,
        "total_seconds": plan.total_seconds,
        "segments": [
            {
                "index": segment.index,
                "kind": segment.kind.value,
                "name": segment.name,
                "side": segment.side.value if segment.side else None,
                "round": segment.round,
                "reps": segment.reps,
                "duration": segment.duration,
            }
            for segment in plan.segments
        ],
    }


def show_routine(context: CliContext, args: argparse.Namespace) -> int:
    entry = context.usable_routine(args.routine)
    if entry is None or entry.plan is None:
        return EXIT_INVALID
    plan = entry.plan
    if args.json:
        json.dump(plan_json(entry, plan), sys.stdout, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    routine = plan.routine
    context.out.print(
        Text(visible(routine.name), style="bold"), Text(f"  {routine.level.value}", style="dim")
    )
    if routine.summary:
        context.out.print(shown(routine.summary))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("#", justify="right", style="dim")
    table.add_column("kind")
    table.add_column("stretch")
    table.add_column("side")
    table.add_column("round", justify="right")
    table.add_column("reps", justify="right")
    table.add_column("time", justify="right")
    for segment in plan.segments:
        table.add_row(
            str(segment.index + 1),
            segment.kind.value.replace("_", " "),
            shown(segment.name),
            segment.side.value if segment.side else "",
            f"{segment.round}/{segment.rounds}",
            str(segment.reps) if segment.reps else "",
            format_duration(segment.duration),
        )
    context.out.print(table)
    context.out.print(
        f"Total: {format_duration(plan.total_seconds)} ({plan.total_seconds} s), "
        f"{plan.stretch_count} stretches"
    )
    return EXIT_OK


# ---------------------------------------------------------------- check


def check_routines(context: CliContext, args: argparse.Namespace) -> int:
    files: list[Path] = args.files
    if not files:
        context.error("check needs at least one FILE")
        return EXIT_USAGE
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
            shown_line = snippet(problem, context.out.width)
            if shown_line is not None:
                lines += shown_line
            for line in lines:
                print(glyphs.current().text(line), file=sys.stderr)
    return EXIT_INVALID if failed else EXIT_OK
