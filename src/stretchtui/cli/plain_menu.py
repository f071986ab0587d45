"""Bare `stretchtui` where the full screen cannot be drawn: a numbered list and a prompt.

A dumb terminal still has a keyboard: it gets the routines as numbered lines and
is asked for a number, then the session runs in plain mode. With nobody to ask
(input from a pipe or a file), it says how to start a routine and exits 2.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from stretchtui import glyphs
from stretchtui.catalog import CatalogEntry
from stretchtui.cli.context import EXIT_OK, EXIT_USAGE, CliContext
from stretchtui.durations import format_duration
from stretchtui.fullscreen import plain_note
from stretchtui.textsafe import visible

CANNOT_ASK = (
    "the menu needs a terminal to ask which routine to run; start one with "
    "`stretchtui run ROUTINE` (`stretchtui list` shows them)"
)


def menu_lines(entries: list[CatalogEntry]) -> list[str]:
    """The routines numbered from 1 (the ones that can run), then the files with errors."""
    g = glyphs.current()
    lines = ["Routines:"]
    runnable = [entry for entry in entries if entry.plan is not None]
    width = len(str(len(runnable)))
    for number, entry in enumerate(runnable, start=1):
        plan = entry.plan
        assert plan is not None
        routine = plan.routine
        lines.append(
            f"{number:>{width + 2}}. {visible(routine.name)} ({routine.level.value}, "
            f"{format_duration(plan.total_seconds)}) [{entry.id}]"
        )
    broken = [entry for entry in entries if entry.plan is None]
    if broken:
        lines.append("Files with errors (`stretchtui check FILE` explains them):")
        for entry in broken:
            first = entry.problems[0] if entry.problems else None
            lines.append(f"  {g.cross} {visible(str(first) if first else entry.path.name)}")
    return [g.text(line) for line in lines]


def plain_menu(
    context: CliContext,
    reason: str,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    """Say plain mode was chosen, ask which routine (by number), and run it in plain mode."""
    from stretchtui.cli.run_cmd import run_routine

    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    print(plain_note(reason), file=sys.stderr, flush=True)
    try:
        asking = stdin.isatty()
    except (ValueError, OSError):
        asking = False
    if not asking:
        context.error(CANNOT_ASK)
        return EXIT_USAGE
    entries = list(context.catalog.entries)
    runnable = [entry for entry in entries if entry.plan is not None]
    for line in menu_lines(entries):
        print(line, file=stdout)
    if not runnable:
        return EXIT_OK
    entry = _ask(runnable, stdin, stdout)
    if entry is None:
        return EXIT_OK
    args = argparse.Namespace(routine=str(entry.path), plain=True, speed=1.0, no_sound=False)
    if entry.id == entry.path.stem and context.catalog.get(entry.id) is entry:
        args.routine = entry.id
    return int(run_routine(context, args))


def _ask(runnable: list[CatalogEntry], stdin: TextIO, stdout: TextIO) -> CatalogEntry | None:
    """The routine whose number is typed; None on an empty line or the end of input."""
    prompt = f"Routine number, 1-{len(runnable)} (Enter to leave): "
    while True:
        stdout.write(prompt)
        stdout.flush()
        answer = stdin.readline()
        if not answer or not answer.strip():
            if not answer:
                stdout.write("\n")
            return None
        text = answer.strip()
        if text.isdigit() and text.isascii() and 1 <= int(text) <= len(runnable):
            return runnable[int(text) - 1]
        by_id = next((entry for entry in runnable if entry.id == text), None)
        if by_id is not None:
            return by_id
        print(
            f"No routine {visible(text)!r} here: type a number from 1 to {len(runnable)}.",
            file=stdout,
        )
