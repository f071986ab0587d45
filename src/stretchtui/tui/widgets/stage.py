"""The session's stage: what to do now, in type as large as the room allows.

The stage word, the countdown, the side and the rep count are block letters whose
size comes from the room the stage has (stage_fit); the breath guide, how-to,
reminder, cue line and what comes next are ordinary lines under them. Paused, a
large PAUSED takes the countdown's place and the rest dims.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Container, Vertical
from textual.widgets import Label, Static

from stretchtui.session import EXTEND_SECONDS
from stretchtui.session_view import Stage, Wording
from stretchtui.tui.widgets.bigfont import best_level, level_height
from stretchtui.tui.widgets.bigtext import BigText
from stretchtui.tui.widgets.breath import BreathGuide
from stretchtui.tui.widgets.stage_fit import (
    GAP,
    SideLevels,
    StageLevels,
    fit_side,
    fit_stage,
)

PAUSED_WORD = "PAUSED"
EXTENDED = "-extended"
"""The mark (a class) while "+10 s" shows in the stage word's place."""
EXTENDED_WORDS = (f"+{EXTEND_SECONDS} s", f"+{EXTEND_SECONDS} SEC")
"""In a line, and in block letters (where a lone S reads as a 5)."""

# Rows of the ordinary lines, as the stylesheet lays them out: the big type gets the rest.
# Kept whether or not a segment fills them, so the big type does not jump between segments.
_LINES = {"stretch-name": 1, "breath": 3, "how": 5, "reminder": 1, "announcement": 1, "next": 1}
_LINES_SHORT = {"stretch-name": 1, "breath": 2, "reminder": 1, "next": 1}
_SPARE = "next"
"""The line that gives way (class -tight) when a short stage has no room for 3-row digits."""
_SMALLEST_BIG = 4
"""Rows of the smallest stage worth drawing big: a one-line word over 3-row digits."""
_BIG_ROW_MARGIN = {"-short": 0, "-medium": 2, "-tall": 4}


class StagePanel(Vertical):
    """Stage word, stretch, countdown, side, reps, breath, how, reminder, cue line, next."""

    def __init__(self, *, ascii_only: bool = False) -> None:
        super().__init__(id="stage")
        self.ascii_only = ascii_only
        # The widgets updated on every wake, kept at hand (a DOM query costs more).
        self.phase = BigText("", level=0, ascii_only=ascii_only, id="phase")
        self.countdown = BigText("", ascii_only=ascii_only, id="countdown")
        self.side = BigText("", ascii_only=ascii_only, id="side")
        self.rep_count = BigText("", ascii_only=ascii_only, id="rep-count")
        self.breath = BreathGuide(id="breath")
        self.announcement = Label("", id="announcement", markup=False)
        self.levels = StageLevels(0, 1, 1)
        self._stage: Stage | None = None
        self._digits = ""
        self._paused = False
        self._banner = Wording()

    def compose(self) -> ComposeResult:
        yield self.phase
        yield Label("", id="stretch-name", markup=False)
        with Container(id="big-row"):
            yield self.countdown
            with Container(id="side-rep"):
                yield self.side
                yield self.rep_count
        yield self.breath
        yield Static("", id="how", markup=False)
        yield Label("", id="reminder", markup=False)
        yield self.announcement
        yield Label("", id="next", markup=False)

    # ------------------------------------------------------------ what it shows

    def show(self, stage: Stage) -> None:
        """What changes with the segment."""
        self._stage = stage
        self.side.text = stage.side
        how = self.query_one("#how", Static)
        how.update(stage.how)
        how.set_class(not stage.how, "-empty")
        self.query_one("#next", Label).update(stage.next)
        self._show_words()
        self._place_side()

    def show_digits(self, digits: str) -> None:
        """The countdown (kept, not shown, while paused)."""
        longer = len(digits) != len(self._digits)
        self._digits = digits
        if not self._paused:
            self.countdown.text = digits
        if longer:
            self._fit()

    def show_rep(self, rep: str) -> None:
        widened = bool(rep) != bool(self.rep_count.text) or len(rep) != len(self.rep_count.text)
        self.rep_count.text = rep
        if widened:
            self._place_side()

    def show_paused(self, paused: bool, banner: Wording) -> None:
        """PAUSED in the countdown's place while paused; the digits again on resume."""
        self._paused = paused
        self._banner = banner
        self.countdown.text = PAUSED_WORD if paused else self._digits
        self._show_reminder()
        self._place_side()

    def mark(self, name: str, on: bool) -> None:
        """Put a brief mark on the stage (a class: a cue's flash, "+10 s") or take it off."""
        self.set_class(on, name)
        if name == EXTENDED:
            self._show_words()

    def _show_words(self) -> None:
        stage = self._stage
        if stage is None:
            return
        big = self.levels.word > 0
        if self.has_class(EXTENDED):
            self.phase.text = EXTENDED_WORDS[big]
        else:
            self.phase.text = stage.word if big else stage.title
        name = self.query_one("#stretch-name", Label)
        name.update(f"{stage.name} · {stage.round}" if big and stage.round else stage.name)
        self._show_reminder()

    def _show_reminder(self) -> None:
        width = self.app.size.width if self.is_attached else 80
        wording = self._banner if self._paused else (self._stage.reminder if self._stage else None)
        reminder = self.query_one("#reminder", Label)
        reminder.update(wording.fit(width) if wording is not None else "")
        reminder.set_class(self._paused, "-banner")

    # ------------------------------------------------------------ sizes

    def on_resize(self, event: events.Resize) -> None:
        self._fit()
        self._show_reminder()

    def _fit(self) -> None:
        """Sizes the big type to the room the stage has now."""
        if not self.is_attached or not self._digits:
            return
        width, height = self.size
        size_class = next(
            (name for name in _BIG_ROW_MARGIN if self.screen.has_class(name)), "-medium"
        )
        lines = _LINES_SHORT if size_class == "-short" else _LINES
        room = height - sum(lines.values()) - _BIG_ROW_MARGIN[size_class]
        tight = room < _SMALLEST_BIG and _SPARE in lines
        self.set_class(tight, "-tight")
        if tight:
            room += lines[_SPARE]
        levels = fit_stage(width, max(1, room), self._digits, ascii_only=self.ascii_only)
        if levels != self.levels:
            self.levels = levels
            self.phase.level = levels.word
            self.countdown.level = levels.digits
            big_row = self.query_one("#big-row")
            big_row.set_class(levels.side_below, "-below")
            big_row.styles.height = levels.big_rows
            self._show_words()
        self._place_side()

    def _place_side(self) -> None:
        stage = self._stage
        if stage is None or not self._digits:
            return
        width = self.size.width
        placed = fit_side(
            self.levels,
            width,
            self._digits,
            stage.side,
            self.rep_count.text,
            ascii_only=self.ascii_only,
        )
        self.side.level = placed.level
        self.rep_count.level = placed.level
        self.side.display = bool(stage.side)
        self.rep_count.display = bool(self.rep_count.text)
        side_rep = self.query_one("#side-rep")
        # The countdown (or PAUSED) may use what the side leaves of the row; paused, the
        # side steps aside if PAUSED would otherwise be drawn smaller than it could be.
        room = width if self.levels.side_below or not placed.width else width - GAP - placed.width
        if self._paused and room < width and self._smaller_beside(room, width):
            room = width
            placed = SideLevels(placed.level, placed.stacked, 0)
        self.countdown.max_width = max(1, room)
        side_rep.display = bool(placed.width)
        side_rep.set_class(placed.stacked, "-stacked")
        side_rep.set_class(bool(stage.side and self.rep_count.text), "-both")

    def _smaller_beside(self, room: int, width: int) -> bool:
        level = self.levels.digits
        beside = best_level(PAUSED_WORD, room, level, ascii_only=self.ascii_only)
        return beside < best_level(PAUSED_WORD, width, level, ascii_only=self.ascii_only)

    @property
    def digit_rows(self) -> int:
        """Rows the countdown's digits take."""
        return level_height(self.countdown.level)
