"""Before the very first session: why stretch, how often, and who should ask first."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from stretchtui.guidance import first_run_text


class FirstRunScreen(Screen[bool]):
    """Dismisses with True once read (the session starts), False to go back without starting."""

    BINDINGS = [
        Binding("enter,space", "read", "Start", id="first_run.start"),
        Binding("escape,q", "back", "Back", id="first_run.back"),
    ]

    def compose(self) -> ComposeResult:
        yield Label("Before your first session", id="screen-title")
        with VerticalScroll(id="first-run-text"):
            yield Static(first_run_text(), markup=False)
            yield Static(
                "Press Enter to start. This note won't appear again; the same advice is "
                "on the menu's safety screen (s).",
                classes="first-run-hint",
                markup=False,
            )
        yield Footer()

    def on_mount(self) -> None:
        # Arrow keys and Page Up/Down scroll it on a small terminal.
        self.query_one("#first-run-text", VerticalScroll).focus()

    def action_read(self) -> None:
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)
