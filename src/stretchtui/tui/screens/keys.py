"""The list of keys of a screen (`?`), with the notes of this run (sound, config)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from stretchtui.session_keys import DEFAULT_KEYS

SESSION_KEYS: tuple[tuple[str, str], ...] = (
    ("space", "pause or resume"),
    ("n  →", "skip to the next part"),
    ("b  ←", "back to the previous stretch"),
    ("r", "start this stretch again"),
    ("+", "ten more seconds (not for reps)"),
    ("m", "mute or unmute the sound"),
    ("q  esc", "end the session (asks first)"),
    ("?", "this list"),
)

MENU_KEYS: tuple[tuple[str, str], ...] = (
    ("enter", "start the highlighted routine"),
    ("↑  ↓", "choose a routine"),
    ("r", "resume the session that stopped part-way (when offered)"),
    ("s", "stretching safely"),
    ("h", "your history"),
    ("p", "your progress"),
    ("x", "hide the note about your back for today (when shown)"),
    ("q", "quit"),
    ("?", "this list"),
)

SUMMARY_KEYS: tuple[tuple[str, str], ...] = (
    ("1  2  3", "your back feels better, the same, or worse"),
    ("y  n", "you felt sharp pain, numbness or tingling: yes or no"),
    ("tab", "the next answer (enter chooses it)"),
    ("l", "show or hide the list of stretches"),
    ("esc  d", "done: back to the menu"),
    ("?", "this list"),
)

CLOSES = "Esc or ? closes"

# End and Keys first: a narrow footer drops keys from the right, and these two must stay.
SESSION_BINDINGS: list[BindingType] = [
    Binding(DEFAULT_KEYS[f"session.{action}"], action, label, id=f"session.{action}")
    for action, label in (
        ("end", "End"),
        ("keys", "Keys"),
        ("pause", "Pause"),
        ("resume", "Resume"),
        ("skip", "Skip"),
        ("back", "Back"),
        ("restart", "Restart"),
        ("extend", "+10s"),
        ("mute", "Mute"),
        ("unmute", "Unmute"),
    )
]
"""The session screen's keys (default keys from session_keys; ids for config's keymap)."""
# Ctrl+C is the one key everyone knows for "stop": end at once, keep the record.
SESSION_BINDINGS.append(Binding("ctrl+c", "end_now", "End now", show=False, priority=True))


def keys_table(keys: Sequence[tuple[str, str]]) -> Table:
    """Key and what it does; a long description wraps under itself, never under the key."""
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", no_wrap=True, style="bold")
    # Wrapped at spaces; "fold" only breaks a word longer than the whole column.
    table.add_column(overflow="fold")
    for key, what in keys:
        table.add_row(key, what)
    return table


class KeysScreen(ModalScreen[None]):
    """A screen's keys over that screen; scrolls when the terminal is small."""

    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-medium")]
    BINDINGS = [Binding("escape,q,question_mark,enter", "close", "Close")]

    def __init__(
        self,
        keys: Sequence[tuple[str, str]] = SESSION_KEYS,
        notes: Sequence[str] = (),
        detail: str = "The session runs on its own: the keys are there for when you want them.",
    ) -> None:
        super().__init__()
        self.keys = keys
        self.notes = [note for note in notes if note]
        self.detail = detail

    def compose(self) -> ComposeResult:
        dialog = VerticalScroll(id="keys-dialog")
        # On the border, so they show however small the terminal and however far it scrolls.
        dialog.border_title = "Keys"
        dialog.border_subtitle = CLOSES
        with dialog:
            yield Static(keys_table(self.keys), id="keys-list")
            if self.detail:
                yield Static(self.detail, classes="keys-detail", markup=False)
            for note in self.notes:
                # Notes quote config values and file names: plain text, never markup.
                yield Static(Text(note), classes="keys-note")

    def on_mount(self) -> None:
        # Arrow keys and Page Up/Down scroll it on a small terminal.
        self.query_one("#keys-dialog", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
