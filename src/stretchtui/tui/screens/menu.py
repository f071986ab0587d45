"""The menu: pick a level, a desk micro-session or one of your own routines."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from stretchtui.catalog import Catalog, CatalogEntry, Source
from stretchtui.durations import format_duration
from stretchtui.routines import Level
from stretchtui.textsafe import visible
from stretchtui.tui.widgets.preview import RoutinePreview

SECTIONS: tuple[tuple[str, str], ...] = (
    ("levels", "Levels"),
    ("desk", "Desk micro-sessions"),
    ("user", "Your routines"),
    ("broken", "Routines with errors"),
)


def section_of(entry: CatalogEntry) -> str:
    if entry.routine is None:
        return "broken"
    if entry.source is not Source.BUNDLED:
        return "user"
    return "desk" if entry.routine.level is Level.DESK else "levels"


NAME_WIDTH = 26


def option_label(entry: CatalogEntry) -> Text:
    """One menu line; the routine's own words are plain text, cut as text, never markup."""
    plan = entry.plan
    if plan is None:
        problem = entry.problems[0] if entry.problems else None
        first = f"{problem.field}: {problem.message}" if problem and problem.field else None
        detail = first or (problem.message if problem else "has errors")
        label = Text("✗", style="red")
        label.append(f" {visible(entry.path.name)}: {visible(detail)}")
        return label
    total = format_duration(plan.total_seconds)
    label = Text(visible(plan.routine.name))
    label.truncate(NAME_WIDTH, overflow="ellipsis", pad=True)
    label.append(" ")
    label.append(f"{total:>7}", style="dim")
    return label


class MenuScreen(Screen[None]):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-normal")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-medium")]

    BINDINGS = [
        Binding("enter", "start", "Start", id="menu.start", priority=True),
        Binding("s", "safety", "Safety", id="menu.safety"),
        Binding("h", "history", "History", id="menu.history"),
        Binding("p", "progress", "Progress", id="menu.progress"),
        Binding("q", "app.quit", "Quit", id="menu.quit"),
    ]

    @dataclass
    class Start(Message):
        """The person chose a routine to run."""

        entry: CatalogEntry

    def __init__(self, catalog: Catalog, notes: Sequence[Text] | None = None) -> None:
        super().__init__()
        self.catalog = catalog
        self.notes = list(notes or [])

    def compose(self) -> ComposeResult:
        yield Label("stretchtui · pick a routine, then just follow along", id="screen-title")
        with Horizontal(id="menu-body"):
            yield OptionList(*self._options(), id="routines")
            with Vertical(id="preview-pane"):
                yield RoutinePreview(id="preview")
        yield Static("", id="menu-line")
        yield Static("", id="notes")
        yield Footer()

    def _options(self) -> list[Option | None]:
        grouped: dict[str, list[CatalogEntry]] = {key: [] for key, _ in SECTIONS}
        for entry in self.catalog.entries:
            grouped[section_of(entry)].append(entry)
        options: list[Option | None] = []
        for key, title in SECTIONS:
            if not grouped[key]:
                continue
            if options:
                options.append(None)
            options.append(Option(Text(title, style="bold"), id=f"section:{key}", disabled=True))
            for entry in grouped[key]:
                options.append(Option(option_label(entry), id=f"routine:{entry.id}"))
        return options

    def on_mount(self) -> None:
        option_list = self.query_one("#routines", OptionList)
        first = next(
            (
                i
                for i in range(option_list.option_count)
                if not option_list.get_option_at_index(i).disabled
            ),
            None,
        )
        if first is not None:
            option_list.highlighted = first
        self.show_notes(self.notes)

    def show_notes(self, notes: Sequence[Text]) -> None:
        self.notes = list(notes)
        widget = self.query_one("#notes", Static)
        widget.update(Text("\n").join(notes))
        widget.display = bool(notes)

    def highlighted_entry(self) -> CatalogEntry | None:
        option_list = self.query_one("#routines", OptionList)
        if option_list.highlighted is None:
            return None
        option_id = option_list.get_option_at_index(option_list.highlighted).id or ""
        if not option_id.startswith("routine:"):
            return None
        return self.catalog.get(option_id.removeprefix("routine:"))

    @on(OptionList.OptionHighlighted, "#routines")
    def _highlighted(self) -> None:
        entry = self.highlighted_entry()
        self.query_one("#preview", RoutinePreview).show(entry)
        line = ""
        if entry is not None and entry.plan is not None:
            plan = entry.plan
            line = (
                f"{plan.routine.level.value.title()} · {format_duration(plan.total_seconds)}"
                f" · {plan.stretch_count} stretch{'es' if plan.stretch_count != 1 else ''}"
            )
        elif entry is not None:
            line = visible(str(entry.problems[0])) if entry.problems else ""
        self.query_one("#menu-line", Static).update(Text(line))

    @on(OptionList.OptionSelected, "#routines")
    def _selected(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        entry = self.highlighted_entry()
        if entry is None:
            return
        if entry.routine is None:
            self.notify(
                "This routine has errors; fix the file first.", severity="warning", timeout=4
            )
            return
        self.post_message(self.Start(entry))

    def action_safety(self) -> None:
        from stretchtui.tui.screens.safety import SafetyScreen

        self.app.push_screen(SafetyScreen())

    async def action_history(self) -> None:
        await self.app.run_action("open_history")

    async def action_progress(self) -> None:
        await self.app.run_action("open_progress")
