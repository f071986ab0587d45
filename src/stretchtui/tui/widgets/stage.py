"""The session's stage: what to do now, in large type, with the breath guide and reminders."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Label, Static

from stretchtui.session_view import Stage
from stretchtui.tui.widgets.bigtext import BigText
from stretchtui.tui.widgets.breath import BreathGuide


class StagePanel(Vertical):
    """Stage word, stretch, countdown, side, reps, breath, how, reminder, cue line, next."""

    def __init__(self) -> None:
        super().__init__(id="stage")
        # The widgets updated on every wake, kept at hand (a DOM query costs more).
        self.countdown = Digits("", id="countdown")
        self.rep_count = BigText("", id="rep-count")
        self.breath = BreathGuide(id="breath")
        self.announcement = Label("", id="announcement", markup=False)

    def compose(self) -> ComposeResult:
        yield Label("", id="phase")
        yield Label("", id="stretch-name", markup=False)
        with Horizontal(id="big-row"):
            yield self.countdown
            yield BigText("", id="side")
            yield self.rep_count
        yield self.breath
        yield Static("", id="how", markup=False)
        yield Label("", id="reminder")
        yield self.announcement
        yield Label("", id="next", markup=False)

    def show(self, stage: Stage, width: int) -> None:
        """What changes with the segment; the reminder in its wording for `width` columns."""
        self.query_one("#phase", Label).update(stage.title)
        self.query_one("#stretch-name", Label).update(stage.name)
        self.query_one("#side", BigText).text = stage.side
        how = self.query_one("#how", Static)
        how.update(stage.how)
        how.set_class(not stage.how, "-empty")
        self.query_one("#next", Label).update(stage.next)
        self.fit(stage, width)

    def fit(self, stage: Stage, width: int) -> None:
        self.query_one("#reminder", Label).update(stage.reminder.fit(width))
