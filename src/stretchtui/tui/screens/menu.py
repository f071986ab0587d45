"""The menu: pick a level, a desk micro-session or one of your own routines."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from stretchtui import glyphs
from stretchtui.catalog import Catalog, CatalogEntry, RoutineWatcher, Source
from stretchtui.durations import format_duration
from stretchtui.textsafe import visible
from stretchtui.tui.widgets.figure import FigureStrip
from stretchtui.tui.widgets.preview import RoutinePreview, kind_label

if TYPE_CHECKING:
    from stretchtui.resume import ResumeOffer

DESK_LEVEL = "desk"
"""`routines.Level.DESK`'s value, as the routine cache's summaries hold it: the menu's lines
are drawn before any routine file is read, without the routine model."""

SECTIONS: tuple[tuple[str, str], ...] = (
    ("levels", "Levels"),
    ("desk", "Micro-sessions through the day"),
    ("user", "Your routines"),
    ("broken", "Routines with errors"),
)


def section_of(entry: CatalogEntry) -> str:
    # From the summary: the menu's lines must not read every routine file (only the
    # highlighted one is, for its preview).
    if entry.summary is None:
        return "broken"
    if entry.source is not Source.BUNDLED:
        return "user"
    return "desk" if entry.summary.level == DESK_LEVEL else "levels"


NAME_WIDTH = 26
DESK_NAME_WIDTH = 20
LABEL_WIDTH = 36
"""The width of a menu line inside the list at 80 columns, until the list has been measured."""
POLL_SECONDS = 3.0
"""How often the menu looks at the routines folder for edits (a stat of each file, no reads)."""


def broken_label(entry: CatalogEntry, width: int = LABEL_WIDTH) -> Text:
    """Two lines: `✗ file:line`, cut in the middle if it must be, never broken mid-word;
    then the first problem, cut to the line with an ellipsis (the preview has it whole)."""
    g = glyphs.current()
    problem = entry.problems[0] if entry.problems else None
    place = visible(entry.path.name)
    end = len(entry.path.suffix)
    if problem is not None and problem.line:
        place += f":{problem.line}"
        end += len(f":{problem.line}")
    label = Text(g.cross, style="red")
    label.append(" " + g.fit_middle(place, max(1, width - 2), keep_end=end))
    label.append("\n  " + g.fit(visible(problem_detail(entry)), max(1, width - 2)), style="dim")
    return label


def problem_detail(entry: CatalogEntry) -> str:
    """The first problem of a broken file, without its place: `level: expected one of …`."""
    if not entry.problems:
        return "has errors"
    problem = entry.problems[0]
    return f"{problem.field}: {problem.message}" if problem.field else problem.message


def option_label(entry: CatalogEntry, width: int = LABEL_WIDTH) -> Text:
    """One menu line; the routine's own words are plain text, cut as text, never markup."""
    summary = entry.summary
    if summary is None:
        return broken_label(entry, width)
    g = glyphs.current()
    total = format_duration(summary.total_seconds)
    if section_of(entry) == "desk":
        # A short session of the day: where it is done matters as much as what it is.
        label = Text(_padded(g.fit(visible(summary.name), DESK_NAME_WIDTH), DESK_NAME_WIDTH))
        label.append(" ")
        label.append(f"{summary.positions:<8}{total:>7}", style="dim")
        return label
    label = Text(_padded(g.fit(visible(summary.name), NAME_WIDTH), NAME_WIDTH))
    label.append(" ")
    # As wide as a micro-session's position and time, so the times line up.
    label.append(f"{total:>9}", style="dim")
    return label


def _padded(text: str, width: int) -> str:
    return text + " " * max(0, width - glyphs.cells(text))


RESUME_OPTION = "resume"


def resume_label(offer: ResumeOffer, now: datetime) -> Text:
    """The menu's first entry: which session, and where it goes on (or that it can't)."""
    g = glyphs.current()
    name = g.fit(visible(offer.routine_name), 27)
    label = Text()
    label.append(f"{g.resume} Resume ", style="bold")
    label.append(name, style="bold")
    if offer.can_resume:
        detail = f"{offer.where()} {g.separator} stopped {offer.ago(now)}"
    else:
        detail = f"changed since {g.separator} start over?"
    label.append(f"\n  {detail}", style="dim")
    return label


def resume_line(offer: ResumeOffer) -> Text:
    """The line under the list (narrow terminals) while the resume entry is highlighted."""
    if offer.can_resume:
        line = f"Goes on with {visible(offer.stretch_name())}"
    else:
        line = "Its file changed: Enter to start over"
    return Text(line)


@dataclass(frozen=True)
class MenuNotes:
    """What the menu's note area shows; `hideable` is the report behind a note `x` hides."""

    lines: Sequence[Text] = ()
    hideable: str = ""


def breakpoint_classes(screen: Screen[Any], size: Size) -> dict[str, bool]:
    """The classes Textual gives `screen` for a terminal of `size` (on a resize): its
    HORIZONTAL_BREAKPOINTS and VERTICAL_BREAKPOINTS, the largest reached in each."""
    classes: dict[str, bool] = {}
    for dimension, breakpoints in (
        (size.width, screen.HORIZONTAL_BREAKPOINTS or []),
        (size.height, screen.VERTICAL_BREAKPOINTS or []),
    ):
        reached = [(least, name) for least, name in breakpoints if dimension >= least]
        chosen = max(reached)[1] if reached else None
        classes.update({name: name == chosen for _, name in breakpoints})
    return classes


class RoutineList(OptionList):
    """The menu's list: the highlighted routine stays in view when the list gets shorter
    (the line under it grows to explain a broken file, the terminal shrinks)."""

    def on_resize(self) -> None:
        self.scroll_to_highlight()


class MenuScreen(Screen[None]):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-normal")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-medium")]

    # Quit and Keys first: a narrow footer drops keys from the right, never these.
    BINDINGS = [
        Binding("q", "app.quit", "Quit", id="menu.quit"),
        Binding("question_mark", "keys", "Keys", id="menu.keys"),
        # Only while the note about the person's back is shown.
        Binding("x", "hide_note", "Hide note", id="menu.hide_note"),
        Binding("enter", "start", "Start", id="menu.start", priority=True),
        Binding("r", "resume", "Resume", id="menu.resume"),
        Binding("s", "safety", "Safety", id="menu.safety"),
        Binding("h", "history", "History", id="menu.history"),
        Binding("p", "progress", "Progress", id="menu.progress"),
    ]

    @dataclass
    class Start(Message):
        """The person chose a routine to run."""

        entry: CatalogEntry

    @dataclass
    class Resume(Message):
        """The person chose to carry on the stopped session (or to start it over)."""

        offer: ResumeOffer

    @dataclass
    class HideNote(Message):
        """Hide the note about the person's back for today (it answers `report`)."""

        report: str

    def __init__(
        self,
        catalog: Catalog,
        notes: MenuNotes | Sequence[Text] | None = None,
        offer: ResumeOffer | None = None,
        now: datetime | None = None,
        watcher: RoutineWatcher | None = None,
    ) -> None:
        super().__init__()
        self.catalog = catalog
        self.watcher = watcher
        self._label_width = LABEL_WIDTH
        self.notes = notes if isinstance(notes, MenuNotes) else MenuNotes(list(notes or []))
        self.offer = offer
        self.offer_seen = now

    def compose(self) -> ComposeResult:
        # The menu's first frame is laid out before Textual's first resize event, which is
        # what sets these classes: set now, that frame has the layout for this terminal.
        self.update_classes(breakpoint_classes(self, self.app.size))
        dot = glyphs.current().separator
        yield Label(f"stretchtui {dot} pick a routine, then just follow along", id="screen-title")
        with Horizontal(id="menu-body"):
            yield RoutineList(*self._options(), id="routines")
            with Vertical(id="preview-pane"):
                yield RoutinePreview(id="preview")
                yield FigureStrip(id="preview-figures")
        yield Static("", id="menu-line")
        yield Static("", id="notes")
        # The footer is mounted by on_mount, once the list has the focus.

    def _options(self) -> list[Option | None]:
        grouped: dict[str, list[CatalogEntry]] = {key: [] for key, _ in SECTIONS}
        for entry in self.catalog.entries:
            grouped[section_of(entry)].append(entry)
        options: list[Option | None] = []
        if self.offer is not None and self.offer_seen is not None:
            options.append(Option(resume_label(self.offer, self.offer_seen), id=RESUME_OPTION))
        for key, title in SECTIONS:
            if not grouped[key]:
                continue
            if options:
                options.append(None)
            options.append(Option(Text(title, style="bold"), id=f"section:{key}", disabled=True))
            for entry in grouped[key]:
                label = option_label(entry, self._label_width)
                options.append(Option(label, id=f"routine:{entry.id}"))
        return options

    @on(events.Mount)
    async def _mount_footer(self) -> None:
        # Yielded from compose, the footer would stay empty until the focus is known and
        # fill in a frame or two after the menu's first. Mounted now, with the list focused,
        # it has its keys in that first frame (bindings_changed: they are known now).
        footer = Footer(compact=True, show_command_palette=False)
        footer.bindings_changed(self)
        await self.mount(footer)

    def on_mount(self) -> None:
        self._highlight_first()
        self.show_notes(self.notes)
        if self.watcher is not None:
            self.set_interval(POLL_SECONDS, self.check_routines)
        self.watch(self.app, "app_focus", self._app_focus_changed, init=False)

    def on_screen_resume(self) -> None:
        self.check_routines()

    def _app_focus_changed(self, focused: bool) -> None:
        if not focused:
            return
        if self.focused is None and self.app.screen is self:
            # The menu is composed as the app starts: in a page that starts blurred
            # (textual-serve's) it focused nothing, and Textual has nothing to give the
            # focus back to when the page gets it. The list takes it, as it would have.
            self.query_one("#routines", OptionList).focus()
        # Back from the editor in another window: look at once.
        self.check_routines()

    def check_routines(self) -> None:
        """Take in new, changed and removed routine files (what the menu's timer does)."""
        if self.watcher is None or not self.is_mounted:
            return
        catalog = self.watcher.poll()
        if catalog is None:
            return
        self.catalog = catalog
        self.post_message(self.CatalogChanged(catalog))
        self._rebuild()

    @dataclass
    class CatalogChanged(Message):
        """The routines folder changed: this is the catalog now."""

        catalog: Catalog

    def on_resize(self) -> None:
        self.query_one(FigureStrip).fit(self.size)
        # The list's own size is known once this resize is laid out.
        self.call_after_refresh(self._fit_labels)

    def _fit_labels(self) -> None:
        width = self._measured_label_width()
        if width != self._label_width:
            self._label_width = width
            self._rebuild()

    def _measured_label_width(self) -> int:
        option_list = self.query_one("#routines", OptionList)
        region = option_list.scrollable_content_region.width
        padding = option_list.get_component_styles("option-list--option").padding.width
        return max(8, region - padding) if region else LABEL_WIDTH

    def _rebuild(self) -> None:
        """The list drawn again from the catalog, the same routine still highlighted."""
        option_list = self.query_one("#routines", OptionList)
        keep = self.highlighted_id()
        index = option_list.highlighted or 0
        option_list.clear_options()
        option_list.add_options(self._options())
        try:
            option_list.highlighted = option_list.get_option_index(keep)
        except OptionDoesNotExist:
            # Its file went: the entry now in its place, or the nearest one above it.
            for candidate in [*range(index, option_list.option_count), *range(index, -1, -1)]:
                if 0 <= candidate < option_list.option_count and not (
                    option_list.get_option_at_index(candidate).disabled
                ):
                    option_list.highlighted = candidate
                    break
        self._highlighted()

    def show_offer(self, offer: ResumeOffer | None, now: datetime) -> None:
        """Offer (or stop offering) to carry on a stopped session, at the top of the list."""
        if offer is None and self.offer is None:
            return
        self.offer, self.offer_seen = offer, now
        option_list = self.query_one("#routines", OptionList)
        option_list.clear_options()
        option_list.add_options(self._options())
        self._highlight_first()
        # The line and preview follow now, in the same frame as the list: the highlight's
        # message comes later, and until then they would describe the entry before it.
        self._highlighted()
        self.refresh_bindings()

    def _highlight_first(self) -> None:
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

    def show_notes(self, notes: MenuNotes | Sequence[Text]) -> None:
        self.notes = notes if isinstance(notes, MenuNotes) else MenuNotes(list(notes))
        widget = self.query_one("#notes", Static)
        widget.update(Text("\n").join(self.notes.lines))
        widget.display = bool(self.notes.lines)
        self.refresh_bindings()

    def highlighted_id(self) -> str:
        option_list = self.query_one("#routines", OptionList)
        if option_list.highlighted is None:
            return ""
        return option_list.get_option_at_index(option_list.highlighted).id or ""

    def highlighted_entry(self) -> CatalogEntry | None:
        option_id = self.highlighted_id()
        if option_id == RESUME_OPTION and self.offer is not None:
            return self.offer.entry
        if not option_id.startswith("routine:"):
            return None
        return self.catalog.get(option_id.removeprefix("routine:"))

    @on(OptionList.OptionHighlighted, "#routines")
    def _highlighted(self) -> None:
        entry = self.highlighted_entry()
        if entry is not None and not entry.loaded:
            # Its file is read once this frame is painted: the list shows at once, the
            # preview a moment later (with a thousand routines, only the ones looked at
            # are ever read).
            later = getattr(self.app, "after_first_paint", self.call_after_refresh)
            later(self._show_highlighted)
            return
        self._show_highlighted()

    def _show_highlighted(self) -> None:
        entry = self.highlighted_entry()
        self.query_one("#preview", RoutinePreview).show(entry)
        plan = entry.plan if entry is not None else None
        self.query_one(FigureStrip).show(plan.routine if plan is not None else None)
        line: str | Text = ""
        offer = self.offer
        resuming = self.highlighted_id() == RESUME_OPTION and offer is not None
        if resuming and offer is not None:
            line = resume_line(offer)
        elif entry is not None and entry.plan is not None:
            plan = entry.plan
            dot = glyphs.current().separator
            line = (
                f"{kind_label(plan.routine, short=True)} {dot} "
                f"{format_duration(plan.total_seconds)} {dot} "
                f"{plan.stretch_count} stretch{'es' if plan.stretch_count != 1 else ''}"
            )
        elif entry is not None:
            # The entry above already names the file and line: here, the whole message.
            line = visible(problem_detail(entry))
        menu_line = self.query_one("#menu-line", Static)
        menu_line.set_class(resuming, "-one-line")
        menu_line.update(Text(line) if isinstance(line, str) else line)

    @on(OptionList.OptionSelected, "#routines")
    def _selected(self) -> None:
        self.action_start()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            return self.offer is not None
        if action == "hide_note":
            return bool(self.notes.hideable)
        return True

    def action_hide_note(self) -> None:
        if self.notes.hideable:
            self.post_message(self.HideNote(self.notes.hideable))

    def action_resume(self) -> None:
        if self.offer is not None:
            self.post_message(self.Resume(self.offer))

    def action_start(self) -> None:
        if self.highlighted_id() == RESUME_OPTION:
            self.action_resume()
            return
        entry = self.highlighted_entry()
        if entry is None:
            return
        if entry.routine is None:
            self.notify(
                "This routine has errors; fix the file first.", severity="warning", timeout=4
            )
            return
        self.post_message(self.Start(entry))

    def action_keys(self) -> None:
        from stretchtui.tui.screens.keys import MENU_KEYS, KeysScreen

        self.app.push_screen(KeysScreen(MENU_KEYS, detail=""))

    def action_safety(self) -> None:
        from stretchtui.tui.screens.safety import SafetyScreen

        self.app.push_screen(SafetyScreen())

    async def action_history(self) -> None:
        await self.app.run_action("open_history")

    async def action_progress(self) -> None:
        await self.app.run_action("open_progress")
