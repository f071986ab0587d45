"""The list of keys for the session screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

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


SESSION_BINDINGS: list[BindingType] = [
    Binding(DEFAULT_KEYS[f"session.{action}"], action, label, id=f"session.{action}")
    for action, label in (
        ("pause", "Pause"),
        ("resume", "Resume"),
        ("skip", "Skip"),
        ("back", "Back"),
        ("restart", "Restart"),
        ("extend", "+10s"),
        ("mute", "Mute"),
        ("unmute", "Unmute"),
        ("end", "End"),
        ("keys", "Keys"),
    )
]
"""The session screen's keys (default keys from session_keys; ids for config's keymap)."""
# Ctrl+C is the one key everyone knows for "stop": end at once, keep the record.
SESSION_BINDINGS.append(Binding("ctrl+c", "end_now", "End now", show=False, priority=True))


class KeysScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,enter", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Keys", id="question")
            lines = "\n".join(f"[b]{key:>7}[/b]  {what}" for key, what in SESSION_KEYS)
            yield Static(lines, id="keys-list")
            yield Label(
                "The session runs on its own: keys are only for when you want them.", id="detail"
            )

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
