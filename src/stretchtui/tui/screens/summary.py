"""After a session: what was done and skipped, the time it took, and a short check-in."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Button, Footer, Label, Static

from stretchtui.durations import format_duration
from stretchtui.guidance import CHECKIN_QUESTION, SEE_SOMEONE_PROMPTLY, checkin_reply
from stretchtui.records import CheckIn, Feeling, SessionResult, SessionStatus, SessionStore

ARM_SECONDS = 1.0
"""Keys are ignored this long after the summary appears: a skip pressed a moment too
late must not answer the check-in on the person's behalf."""

FEELING_BUTTONS = (
    (Feeling.BETTER, "Better"),
    (Feeling.SAME, "Same"),
    (Feeling.WORSE, "Worse"),
)


class SummaryScreen(Screen[None]):
    """Shows the result; the check-in answers are saved as soon as they are given."""

    BINDINGS = [
        Binding("1", "feel('better')", "Better", show=False),
        Binding("2", "feel('same')", "Same", show=False),
        Binding("3", "feel('worse')", "Worse", show=False),
        Binding("y", "signs(True)", "Pain: yes", show=False),
        Binding("n", "signs(False)", "Pain: no", show=False),
        Binding("escape,enter,d", "done", "Done", id="summary.done"),
    ]

    # Not run at mount: before an answer there is no reply, and the screen may have no
    # children yet (see compose).
    checkin: reactive[CheckIn] = reactive(CheckIn, init=False)

    def __init__(self, result: SessionResult, store: SessionStore) -> None:
        super().__init__()
        self.result = result
        self.store = store
        self._signs_answered = False
        self._armed = False

    def compose(self) -> ComposeResult:
        result = self.result
        completed = result.status is SessionStatus.COMPLETED
        title = "Session complete. Well done!" if completed else "Session ended early"
        done, skipped = result.stretches()
        with VerticalScroll(id="summary"):
            yield Label(title, id="screen-title")
            yield Label(result.plan.routine.name, id="summary-routine", markup=False)
            yield Static(self._times(), id="summary-times", markup=False)
            yield Static(self._stretch_lines(done, skipped), id="summary-stretches", markup=False)
            yield Label("How does your back feel now?", classes="question")
            with Horizontal(classes="answers", id="feeling"):
                for feeling, label in FEELING_BUTTONS:
                    yield Button(label, id=f"feel-{feeling.value}", classes="answer")
            yield Label(CHECKIN_QUESTION, classes="question")
            with Horizontal(classes="answers", id="signs"):
                yield Button("No", id="signs-no", classes="answer")
                yield Button("Yes", id="signs-yes", classes="answer")
            reply = Static("", id="checkin-reply", markup=False)
            reply.display = False
            yield reply
            # Set up here, not in on_mount: a screen closed before it is composed (the app
            # quitting as the summary opens) still gets its Mount, but has no children.
            warning = self.store.warning or ""
            store_warning = Label(warning, id="store-warning", markup=False)
            store_warning.display = bool(warning)
            yield store_warning
        yield Footer()

    def on_mount(self) -> None:
        # Nothing is focused, so a stray space or Enter presses no answer button.
        self.set_focus(None)
        self.set_timer(ARM_SECONDS, self.arm)

    def arm(self) -> None:
        """Take keys from now on (ARM_SECONDS after the screen appears; tests call it at once)."""
        self._armed = True
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self._armed

    def _times(self) -> str:
        result = self.result
        planned = result.plan.total_seconds
        lines = [
            f"Active time  {format_duration(result.active_seconds)} of {format_duration(planned)}",
        ]
        if result.paused_seconds >= 1:
            lines.append(f"Paused       {format_duration(result.paused_seconds)}")
        return "\n".join(lines)

    def _stretch_lines(self, done: list[str], skipped: list[str]) -> str:
        total = len(done) + len(skipped)
        lines = [f"Stretches done: {len(done)} of {total}"]
        lines += [f"  ✓ {name}" for name in done]
        lines += [f"  – {name} (skipped)" for name in skipped]
        return "\n".join(lines)

    @on(Button.Pressed, ".answer")
    def _answered(self, event: Button.Pressed) -> None:
        button_id = event.button.id or ""
        if button_id.startswith("feel-"):
            self.action_feel(button_id.removeprefix("feel-"))
        elif button_id == "signs-yes":
            self.action_signs(True)
        elif button_id == "signs-no":
            self.action_signs(False)

    def action_feel(self, feeling: str) -> None:
        self.checkin = CheckIn(Feeling(feeling), self.checkin.warning_signs)
        for value, _ in FEELING_BUTTONS:
            self.query_one(f"#feel-{value.value}", Button).set_class(
                value.value == feeling, "-chosen"
            )
        self.query_one("#signs-no", Button).focus()

    def action_signs(self, present: bool) -> None:
        self._signs_answered = True
        self.checkin = CheckIn(self.checkin.feeling, present)
        self.query_one("#signs-yes", Button).set_class(present, "-chosen")
        self.query_one("#signs-no", Button).set_class(not present, "-chosen")

    def watch_checkin(self, checkin: CheckIn) -> None:
        reply = self.query_one("#checkin-reply", Static)
        text = checkin_reply(checkin.feeling, checkin.warning_signs)
        shown = Text(text)
        shown.highlight_words([SEE_SOMEONE_PROMPTLY], style="bold")
        reply.update(shown)
        reply.display = bool(text)
        reply.set_class(checkin.warning_signs, "-warning")
        if text:
            # After the next layout, when the reply has its size.
            self.call_after_refresh(
                self.query_one("#summary", VerticalScroll).scroll_to_widget, reply
            )
        if checkin.feeling is not None or self._signs_answered:
            self.store.save_checkin(self.result.info.session_id, checkin)

    def action_done(self) -> None:
        self.dismiss(None)
