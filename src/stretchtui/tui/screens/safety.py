"""Stretching safely: the principles the routines are built on, and when to get help."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from stretchtui.guidance import safety_sections


class SafetyScreen(Screen[None]):
    BINDINGS = [Binding("escape,q", "app.pop_screen", "Back", id="safety.back")]

    def compose(self) -> ComposeResult:
        yield Label("Stretching safely", id="screen-title")
        with VerticalScroll(id="safety-text"):
            for title, text in safety_sections():
                yield Label(title, classes="section-title")
                yield Static(text, classes="section-text", markup=False)
        yield Footer()
