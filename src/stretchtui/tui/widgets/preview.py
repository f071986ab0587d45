"""A routine at a glance: what it is, how long it takes, and each stretch with its timing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.text import Text
from textual.widgets import Static

from stretchtui import glyphs
from stretchtui.catalog import CatalogEntry, routine_positions
from stretchtui.durations import format_duration
from stretchtui.routines.problems import display_path, snippet
from stretchtui.textsafe import visible

if TYPE_CHECKING:
    # The routine model loads with the first routine read, after the menu's first paint.
    from stretchtui.routines import Routine, Step


def step_amount(step: Step) -> str:
    """`25s each side`, `10 reps`, `10 reps each side`."""
    amount = f"{step.reps} reps" if step.reps is not None else format_duration(step.work_seconds)
    return f"{amount} each side" if len(step.sides) > 1 else amount


def positions(routine: Routine) -> str:
    """Where the routine is done: `seated`, `floor`, `standing, floor`, in order of first use."""
    return routine_positions(routine)


def kind_label(routine: Routine, *, short: bool = False) -> str:
    """`Beginner`, …, `Micro-session` for the short sessions of the day.

    Not every short session happens at a desk (the evening one is on the floor), so
    they are named by the moment of the day and show where they are done instead.
    `short` names a micro-session by its position instead (`Seated`), for the one-line
    description of a narrow menu, which shows the section heading anyway.
    """
    from stretchtui.routines import Level

    if routine.level is Level.DESK:
        return positions(routine).capitalize() if short else "Micro-session"
    return routine.level.value.title()


def problems_renderable(entry: CatalogEntry, width: int) -> RenderableType:
    """What is wrong with a file: each problem, and its line with a caret under the column."""
    g = glyphs.current()
    name = g.fit_middle(visible(entry.path.name), width, keep_end=len(entry.path.suffix))
    parts: list[RenderableType] = [Text(f"{name} can't be used yet:", style="bold")]
    for problem in entry.problems:
        said = problem.message.startswith(f"line {problem.line} ")
        where = f"line {problem.line}: " if problem.line and not said else ""
        field = f"{problem.field}: " if problem.field else ""
        parts.append(Text(f"{g.bullet} {where}{field}{visible(problem.message)}", style="red"))
        shown = snippet(problem, width)
        if shown is not None:
            # The file's own line: data, one row, never wrapped (the caret must stay under it).
            parts.append(Text("\n".join(shown), no_wrap=True, overflow="crop"))
    parts.append(Text(f"\n{_path_line(entry, width)}", style="dim italic"))
    parts.append(Text("Fix the file and save it: this menu takes it in by itself.", style="dim"))
    return Group(*parts)


def _path_line(entry: CatalogEntry, width: int) -> str:
    """The file's path on one line: cut in the middle, keeping its name, never mid-word wrapped."""
    keep = min(len(visible(entry.path.name)), width // 2)
    return glyphs.current().fit_middle(visible(display_path(entry.path)), width, keep_end=keep)


def preview_renderable(entry: CatalogEntry, width: int = 60) -> RenderableType:
    from stretchtui.routines import Level

    plan = entry.plan
    if plan is None:
        return problems_renderable(entry, width)
    g = glyphs.current()
    dot = g.separator
    routine = plan.routine
    head = Text()
    head.append(routine.name + "\n", style="bold")
    head.append(f"{kind_label(routine)} {dot} {format_duration(plan.total_seconds)}", style="dim")
    head.append(
        f" {dot} {len(routine.steps)} stretch{'es' if len(routine.steps) != 1 else ''}",
        style="dim",
    )
    if routine.rounds > 1:
        head.append(f" {g.times} {routine.rounds} rounds", style="dim")
    if routine.level is Level.DESK:
        head.append(f"\nPosition: {positions(routine)}", style="dim")
    parts: list[RenderableType] = [head]
    if routine.summary:
        parts.append(Text(routine.summary + "\n"))
    body = Text()
    if routine.warmup is not None:
        body.append("Warm-up  ", style="dim")
        body.append(f"{routine.warmup.name} {dot} {format_duration(routine.warmup.duration)}\n")
    for number, step in enumerate(routine.steps, start=1):
        body.append(f"{number:>2}. ", style="dim")
        body.append(step.name)
        body.append(f" {dot} {step_amount(step)} {dot} {step.position.value}\n", style="dim")
    if routine.cooldown is not None:
        body.append("Cool-down  ", style="dim")
        body.append(f"{routine.cooldown.name} {dot} {format_duration(routine.cooldown.duration)}\n")
    if entry.source.value == "user":
        body.append("\nYour routine:\n", style="dim italic")
        body.append(_path_line(entry, width), style="dim italic")
    parts.append(body)
    return Group(*parts)


class RoutinePreview(Static):
    """Shows whichever routine is highlighted in the menu."""

    _entry: CatalogEntry | None = None

    def show(self, entry: CatalogEntry | None) -> None:
        self._entry = entry
        width = self.content_region.width or 60
        self.update(preview_renderable(entry, width) if entry is not None else "")

    def on_resize(self) -> None:
        # Paths, a file's line and its caret are cut to the pane's width.
        if self._entry is not None:
            self.show(self._entry)
