"""A routine at a glance: what it is, how long it takes, and each stretch with its timing."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.widgets import Static

from stretchtui.catalog import CatalogEntry, routine_positions
from stretchtui.durations import format_duration
from stretchtui.routines import Level, Routine, Step
from stretchtui.textsafe import visible


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
    if routine.level is Level.DESK:
        return positions(routine).capitalize() if short else "Micro-session"
    return routine.level.value.title()


def preview_renderable(entry: CatalogEntry) -> RenderableType:
    plan = entry.plan
    if plan is None:
        text = Text(f"{visible(entry.path.name)} can't be used yet:\n", style="bold")
        for problem in entry.problems:
            text.append(f"• {visible(str(problem))}\n", style="red")
        text.append("\nFix the file and restart to see it here.", style="dim")
        return text
    routine = plan.routine
    head = Text()
    head.append(routine.name + "\n", style="bold")
    head.append(f"{kind_label(routine)} · {format_duration(plan.total_seconds)}", style="dim")
    head.append(
        f" · {len(routine.steps)} stretch{'es' if len(routine.steps) != 1 else ''}", style="dim"
    )
    if routine.rounds > 1:
        head.append(f" × {routine.rounds} rounds", style="dim")
    if routine.level is Level.DESK:
        head.append(f"\nPosition: {positions(routine)}", style="dim")
    parts: list[RenderableType] = [head]
    if routine.summary:
        parts.append(Text(routine.summary + "\n"))
    body = Text()
    if routine.warmup is not None:
        body.append("Warm-up  ", style="dim")
        body.append(f"{routine.warmup.name} · {format_duration(routine.warmup.duration)}\n")
    for number, step in enumerate(routine.steps, start=1):
        body.append(f"{number:>2}. ", style="dim")
        body.append(step.name)
        body.append(f" · {step_amount(step)} · {step.position.value}\n", style="dim")
    if routine.cooldown is not None:
        body.append("Cool-down  ", style="dim")
        body.append(f"{routine.cooldown.name} · {format_duration(routine.cooldown.duration)}\n")
    if entry.source.value == "user":
        body.append(f"\nYour routine: {visible(str(entry.path))}", style="dim italic")
    parts.append(body)
    return Group(*parts)


class RoutinePreview(Static):
    """Shows whichever routine is highlighted in the menu."""

    def show(self, entry: CatalogEntry | None) -> None:
        self.update(preview_renderable(entry) if entry is not None else "")
