"""The Progress screen: streaks, twelve weeks at a glance, minutes per week and the totals."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Sparkline, Static

from stretchtui.config import StreakMode
from stretchtui.durations import format_duration
from stretchtui.history import HistoryStore, HistoryUnreadable
from stretchtui.history.reminder_log import adherence_summary
from stretchtui.history.stats import Stats, compute_stats
from stretchtui.tui.widgets.heatmap import Heatmap


def local_today() -> date:
    return datetime.now().astimezone().date()


class ProgressScreen(Screen[None]):
    """How regular the practice is, and where the stretching time went."""

    BINDINGS = [Binding("escape,q", "back", "Back", id="progress.back")]

    DEFAULT_CSS = """
    ProgressScreen #progress-title {
        padding: 0 1;
        text-style: bold;
        color: $accent;
    }
    ProgressScreen #progress-body {
        padding: 0 1;
    }
    ProgressScreen .section {
        margin-top: 1;
        text-style: bold;
    }
    ProgressScreen #weekly {
        height: 3;
        max-width: 48;
    }
    ProgressScreen #streaks, ProgressScreen #totals, ProgressScreen #weekly-range {
        height: auto;
    }
    """

    def __init__(
        self,
        store: HistoryStore,
        streak_mode: StreakMode = StreakMode.DAILY,
        *,
        today: Callable[[], date] = local_today,
    ) -> None:
        super().__init__()
        self.store = store
        self.streak_mode = streak_mode
        self._today = today
        self.stats: Stats | None = None

    def compose(self) -> ComposeResult:
        yield Label("Progress", id="progress-title")
        with VerticalScroll(id="progress-body"):
            yield Static("", id="streaks")
            yield Label("Last 12 weeks", classes="section")
            yield Heatmap(id="heatmap")
            yield Label("Minutes per week", classes="section")
            yield Sparkline([], id="weekly", summary_function=max)
            yield Static("", id="weekly-range")
            yield Static("", id="adherence")
            yield Label("Totals", classes="section")
            yield Static("", id="totals")
        yield Footer()

    def on_screen_resume(self) -> None:
        # Also runs on the first push: one place to (re)load, so a finished session shows up.
        self.load()

    def load(self) -> None:
        streaks = self.query_one("#streaks", Static)
        try:
            stats = compute_stats(self.store, self.streak_mode, self._today())
        except HistoryUnreadable as error:
            streaks.update(Text(str(error), style="red"))
            return
        self.stats = stats
        streaks.update(self.streak_text(stats))
        self.query_one(Heatmap).set_cells(stats.heatmap)
        self.query_one("#weekly", Sparkline).data = list(stats.weekly_minutes)
        self.query_one("#weekly-range", Static).update(self.weekly_text(stats))
        adherence = self.query_one("#adherence", Static)
        summary = adherence_summary(stats.adherence)
        adherence.display = summary is not None  # no line at all until reminders are in use
        adherence.update(Text(f"Reminders followed within 10 min: {summary}"))
        self.query_one("#totals", Static).update(self.totals_text(stats))

    def streak_text(self, stats: Stats) -> Text:
        unit = "weekday" if stats.mode is StreakMode.WEEKDAYS else "day"

        def days(count: int) -> str:
            return f"{count} {unit}{'s' if count != 1 else ''}"

        text = Text()
        text.append("Streak ", style="bold")
        text.append(days(stats.streaks.current), style="bold green")
        text.append(f" · best {days(stats.streaks.best)}\n")
        rule = (
            "One completed session a weekday keeps it; weekends never break it."
            if stats.mode is StreakMode.WEEKDAYS
            else "One completed session a day keeps it going."
        )
        text.append(rule, style="dim")
        if stats.sessions == 0:
            text.append("\nNo sessions yet: your first one starts the streak.", style="dim")
        return text

    def weekly_text(self, stats: Stats) -> Text:
        minutes = stats.weekly_minutes
        this_week = round(minutes[-1]) if minutes else 0
        most = round(max(minutes)) if minutes else 0
        start = stats.week_starts[0].strftime("%d %b") if stats.week_starts else ""
        return Text(f"since {start} · this week {this_week} min · best week {most} min", "dim")

    def totals_text(self, stats: Stats) -> Text:
        text = Text()
        text.append(
            f"{stats.sessions} sessions, {stats.completed} completed, "
            f"{format_duration(stats.active_seconds)} in all\n"
        )
        for total in stats.levels:
            text.append(f"{total.level:<13}", style="bold")
            text.append(f"{total.completed:>4} done  {format_duration(total.active_seconds):>8}\n")
        if stats.areas:
            text.append("By body area\n", style="bold")
            for area, seconds in sorted(stats.areas.items(), key=lambda item: -item[1]):
                text.append(f"{area:<13}{format_duration(seconds):>15}\n")
        return text

    def action_back(self) -> None:
        self.app.pop_screen()
