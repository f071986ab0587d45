"""The History screen: sessions newest first, and one session's detail on Enter."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Label, Static

from stretchtui.durations import format_duration
from stretchtui.history import HistoryStore, HistoryUnreadable, SessionDetail, SessionRow
from stretchtui.kinds import SegmentKind
from stretchtui.textsafe import visible

# The screen must open at once even with a hundred thousand sessions: it shows the newest
# page and fetches the next one as the cursor nears the end.
PAGE_SIZE = 100
FETCH_AHEAD = 10
STATUS_LABELS = {
    "completed": "completed",
    "ended_early": "ended early",
    "interrupted": "interrupted",
    "in_progress": "in progress",
    "preview": "preview",
}
STATUS_MARKS = {
    "completed": "✓",
    "ended_early": "◐",
    "interrupted": "✗",
    "in_progress": "…",
    "preview": "»",
}
# The history keeps kinds by name; the stretching ones are what the kinds table says.
WORK_KINDS = {kind.value for kind in SegmentKind if kind.is_work}
# Below this width the table drops the level and shortens dates and statuses.
COMPACT_WIDTH = 60


def status_text(status: str, *, compact: bool = False) -> Text:
    style = {
        "completed": "green",
        "ended_early": "yellow",
        "interrupted": "red",
        "preview": "dim",
    }.get(status, "")
    labels = STATUS_MARKS if compact else STATUS_LABELS
    return Text(labels.get(status, status), style=style)


class HistoryScreen(Screen[None]):
    """Every recorded session, the latest first; Enter shows what was really done."""

    BINDINGS = [
        Binding("escape,q", "back", "Back", id="history.back"),
        Binding("enter", "open", "Details", id="history.open", show=True),
    ]

    DEFAULT_CSS = """
    HistoryScreen #history-title {
        padding: 0 1;
        text-style: bold;
        color: $accent;
    }
    HistoryScreen #history-note {
        padding: 0 1;
        color: $text-muted;
        height: auto;
    }
    HistoryScreen #history-table {
        height: 1fr;
    }
    """

    def __init__(self, store: HistoryStore, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__()
        self.store = store
        self.page_size = page_size
        self.rows: list[SessionRow] = []
        self._compact: bool | None = None
        self.total = 0

    def compose(self) -> ComposeResult:
        yield Label("History", id="history-title")
        yield Static("", id="history-note", markup=False)
        table: DataTable[str | Text] = DataTable(
            id="history-table", cursor_type="row", zebra_stripes=True
        )
        yield table
        yield Footer()

    def on_screen_resume(self) -> None:
        # Also runs on the first push, so this is the one place the list is loaded.
        self.load()

    def load(self) -> None:
        """(Re)load the newest page, keeping the cursor where it was."""
        note = self.query_one("#history-note", Static)
        table: DataTable[str | Text] = self.query_one("#history-table", DataTable)
        problem: str | None = None
        try:
            rows = self.store.sessions(limit=max(self.page_size, len(self.rows)))
            self.total = self.store.count_sessions() if len(rows) >= self.page_size else len(rows)
        except HistoryUnreadable as error:
            rows, self.total, problem = [], 0, str(error)
        self.rows = rows
        cursor = table.cursor_row
        compact = self.app.size.width < COMPACT_WIDTH
        if compact != self._compact:
            self._compact = compact
            table.clear(columns=True)
            self._add_columns(table, compact)
        else:
            table.clear()
        for row in rows:
            table.add_row(*self._cells(row, compact), key=row.id)
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1))
        if problem is None:
            self._show_note()
        else:
            note.update(problem)
        table.focus()

    def load_more(self) -> None:
        """Append the next page of older sessions."""
        table: DataTable[str | Text] = self.query_one("#history-table", DataTable)
        try:
            more = self.store.sessions(limit=self.page_size, offset=len(self.rows))
        except HistoryUnreadable as error:
            self.notify(visible(str(error)), severity="error", markup=False)
            return
        self.rows.extend(more)
        for row in more:
            table.add_row(*self._cells(row, bool(self._compact)), key=row.id)
        self._show_note()

    @on(DataTable.RowHighlighted, "#history-table")
    def _near_the_end(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= len(self.rows) - FETCH_AHEAD and len(self.rows) < self.total:
            self.load_more()

    def _show_note(self) -> None:
        self.query_one("#history-note", Static).update(self._note(len(self.rows), self.total))

    def on_resize(self) -> None:
        if self._compact is not None and (self.app.size.width < COMPACT_WIDTH) != self._compact:
            self.load()

    @staticmethod
    def _add_columns(table: DataTable[str | Text], compact: bool) -> None:
        if compact:
            table.add_column("When", key="started")
            table.add_column("Routine", key="routine", width=16)
            table.add_column("", key="status")
            table.add_column("Active", key="active")
            return
        table.add_column("Started", key="started")
        table.add_column("Routine", key="routine", width=22)
        table.add_column("Level", key="level")
        table.add_column("Status", key="status")
        table.add_column("Active", key="active")

    @staticmethod
    def _cells(row: SessionRow, compact: bool) -> list[str | Text]:
        active = Text(format_duration(row.active_seconds), justify="right")
        if compact:
            return [
                row.started.strftime("%d %b"),
                Text(visible(row.routine_name)),
                status_text(row.status, compact=True),
                active,
            ]
        return [
            row.started.strftime("%Y-%m-%d %H:%M"),
            Text(visible(row.routine_name)),
            Text(visible(row.level)),
            status_text(row.status),
            active,
        ]

    def _note(self, shown: int, total: int) -> str:
        if total == 0:
            return "No sessions yet. Finished and stopped sessions will appear here."
        if self.store.warning:
            return self.store.warning
        if total > shown:
            return f"Latest {shown} of {total} · more load as you scroll"
        return f"{total} session{'s' if total != 1 else ''} · Enter for details"

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_open(self) -> None:
        table: DataTable[str | Text] = self.query_one("#history-table", DataTable)
        if self.rows and 0 <= table.cursor_row < len(self.rows):
            self.open_session(self.rows[table.cursor_row].id)

    @on(DataTable.RowSelected, "#history-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.open_session(event.row_key.value)

    def open_session(self, session_id: str) -> None:
        try:
            detail = self.store.session_detail(session_id)
        except HistoryUnreadable as error:
            self.notify(visible(str(error)), severity="error", markup=False)
            return
        if detail is not None:
            self.app.push_screen(SessionDetailScreen(detail))


class SessionDetailScreen(ModalScreen[None]):
    """One session: each stretch done or skipped, the time it took, and the check-in."""

    BINDINGS = [Binding("escape,q,enter", "close", "Close", id="history.close")]

    DEFAULT_CSS = """
    SessionDetailScreen {
        align: center middle;
    }
    SessionDetailScreen #detail {
        width: 80%;
        max-width: 72;
        min-width: 36;
        height: 90%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    SessionDetailScreen #detail-title {
        text-style: bold;
        color: $accent;
    }
    """

    def __init__(self, detail: SessionDetail) -> None:
        super().__init__()
        self.detail = detail

    def compose(self) -> ComposeResult:
        session = self.detail.session
        with Vertical(id="detail"):
            yield Label(visible(session.routine_name), id="detail-title", markup=False)
            with VerticalScroll():
                yield Static(self.summary_text(), id="detail-summary")
                yield Static(self.segments_text(), id="detail-segments")
        yield Footer()

    def summary_text(self) -> Text:
        session = self.detail.session
        text = Text()
        ended = f" – {session.ended.strftime('%H:%M')}" if session.ended else ""
        text.append(f"{session.started.strftime('%a %d %b %Y, %H:%M')}{ended}\n")
        text.append_text(status_text(session.status))
        text.append(f" · {visible(session.level)}\n")
        text.append(
            f"Active {format_duration(session.active_seconds)} of "
            f"{format_duration(session.planned_seconds)} planned · "
            f"paused {format_duration(session.paused_seconds)}\n"
        )
        text.append(f"Check-in: {checkin_words(session)}\n")
        return text

    def segments_text(self) -> Text:
        text = Text()
        work = [s for s in self.detail.segments if s.kind in WORK_KINDS]
        if not work:
            text.append("No stretch was reached.", style="dim")
            return text
        for segment in work:
            side = f" ({segment.side})" if segment.side else ""
            round_ = f" · round {segment.round}" if segment.round > 1 else ""
            if segment.skipped:
                text.append("✗ ", style="yellow")
                text.append(visible(f"{segment.name}{side}{round_}"))
                text.append(
                    f"  skipped after {format_duration(segment.active_seconds)}\n", style="dim"
                )
            else:
                text.append("✓ ", style="green")
                text.append(visible(f"{segment.name}{side}{round_}"))
                text.append(f"  {format_duration(segment.active_seconds)}\n", style="dim")
        others = len(self.detail.segments) - len(work)
        if others:
            text.append(f"…and {others} prepare, switch and rest pauses.", style="dim")
        return text

    def action_close(self) -> None:
        self.dismiss()


def checkin_words(session: SessionRow) -> str:
    if session.feeling is None and session.warning_signs is None:
        return "not answered"
    parts = [f"back felt {session.feeling.value}"] if session.feeling else []
    if session.warning_signs:
        parts.append("sharp pain, numbness or tingling reported")
    elif session.warning_signs is False:
        parts.append("no warning signs")
    return ", ".join(parts)
