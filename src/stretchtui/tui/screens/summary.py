"""After a session: what was done and skipped, the time it took, and a short check-in.

Keyboard first: the first answer has focus, and the footer names the answer keys.
The check-in stays on screen at 80×24 for any routine: a long list of stretches
folds into one line ("12 of 12 done") that `l` opens and closes.
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Button, Footer, Label, Static

from stretchtui.clock import SessionClock
from stretchtui.durations import format_duration
from stretchtui.guidance import CHECKIN_QUESTION, SEE_SOMEONE_PROMPTLY, checkin_reply
from stretchtui.records import CheckIn, Feeling, SessionResult, SessionStatus, SessionStore

ARM_SECONDS = 1.0
"""Keys are ignored this long (real seconds) after the summary appears: a skip pressed a
moment too late must not answer the check-in on the person's behalf. Measured on the
session's clock, so a test moves its fake clock on rather than waiting."""

# Each answer shows its key, so the footer only needs to name the question.
FEELING_BUTTONS = (
    (Feeling.BETTER, "[b]1[/b] Better"),
    (Feeling.SAME, "[b]2[/b] Same"),
    (Feeling.WORSE, "[b]3[/b] Worse"),
)

ROWS_BESIDE_THE_LIST = 18
"""Rows the summary needs besides the stretch list (titles, times, both questions with
their buttons, the footer): the list starts open only if it fits beside them."""
ROWS_BESIDE_THE_LIST_SHORT = 10
"""The same on a short terminal (under 20 rows), where the spacing and button frames go."""
SHORT_ROWS = 20

FEEL = Binding.Group("Feel")
SIGNS = Binding.Group("Pain")


class AnswerButton(Button):
    """A check-in answer: Enter and space press it only once the summary takes keys.

    A click or tap counts at once: it is aimed, never a skip key pressed a moment late.
    """

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "press" and isinstance(self.screen, SummaryScreen):
            # Not False: the key must stop here, not fall through to the screen's Done.
            return True if self.screen.armed else None
        return True


class SummaryScreen(Screen[None]):
    """Shows the result; the check-in answers are saved as soon as they are given."""

    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT_ROWS, "-medium")]
    # Keyboard first: the first answer has focus (it takes keys once the screen is armed).
    AUTO_FOCUS = "#feel-better"

    # Done first: a narrow footer drops keys from the right, never the way out.
    BINDINGS = [
        Binding("escape,enter,d", "done", "Done", id="summary.done"),
        Binding("question_mark", "keys", "Keys", id="summary.keys"),
        Binding("1", "feel('better')", "Better", group=FEEL),
        Binding("2", "feel('same')", "Same", group=FEEL),
        Binding("3", "feel('worse')", "Worse", group=FEEL),
        Binding("y", "signs(True)", "Pain: yes", group=SIGNS),
        Binding("n", "signs(False)", "Pain: no", group=SIGNS),
        Binding("l", "list(True)", "List", id="summary.list"),
        Binding("l", "list(False)", "Hide list", id="summary.hide_list"),
    ]

    # Not run at mount: before an answer there is no reply, and the screen may have no
    # children yet (see compose).
    checkin: reactive[CheckIn] = reactive(CheckIn, init=False)
    list_open: reactive[bool] = reactive(True, init=False, bindings=True)

    def __init__(self, result: SessionResult, store: SessionStore, clock: SessionClock) -> None:
        super().__init__()
        self.result = result
        self.store = store
        self.clock = clock
        self._opened_at: float | None = None
        self._signs_answered = False
        self.armed = False
        self._list_chosen = False
        self._done, self._skipped = result.stretches()

    def compose(self) -> ComposeResult:
        result = self.result
        completed = result.status is SessionStatus.COMPLETED
        title = "Session complete. Well done!" if completed else "Session ended early"
        with VerticalScroll(id="summary"):
            yield Label(title, id="screen-title")
            yield Label(result.plan.routine.name, id="summary-routine", markup=False)
            yield Static(self._times(), id="summary-times", markup=False)
            self._fit_list(self.app.size.height)
            yield Static(self._count_text(), id="summary-count", markup=False)
            stretches = Static(self._stretch_lines(), id="summary-stretches", markup=False)
            stretches.display = self._list_shown()
            yield stretches
            yield Label("How does your back feel now?", classes="question")
            with Horizontal(classes="answers", id="feeling"):
                for feeling, label in FEELING_BUTTONS:
                    yield AnswerButton(label, id=f"feel-{feeling.value}", classes="answer")
            yield Label(CHECKIN_QUESTION, classes="question")
            with Horizontal(classes="answers", id="signs"):
                yield AnswerButton("[b]n[/b] No", id="signs-no", classes="answer")
                yield AnswerButton("[b]y[/b] Yes", id="signs-yes", classes="answer")
            reply = Static("", id="checkin-reply", markup=False)
            reply.display = False
            yield reply
            # Set up here, not in on_mount: a screen closed before it is composed (the app
            # quitting as the summary opens) still gets its Mount, but has no children.
            warning = self.store.warning or ""
            store_warning = Label(warning, id="store-warning", markup=False)
            store_warning.display = bool(warning)
            yield store_warning
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self._opened_at = self.clock()
        self.set_timer(ARM_SECONDS, self.look_now)

    def look_now(self) -> None:
        """Arm once ARM_SECONDS have passed on the clock since the screen appeared, else
        look again when they will have (the timer; tests, after moving their fake clock)."""
        if self.armed or self._opened_at is None:
            return
        waited = (self.clock() - self._opened_at) / self.clock.speed
        if waited >= ARM_SECONDS:
            self.arm()
        else:
            self.set_timer(ARM_SECONDS - waited, self.look_now)

    def arm(self) -> None:
        """Take keys from now on (once ARM_SECONDS have passed, see look_now)."""
        self.armed = True
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.armed:
            return False
        if action == "list":
            has_list = bool(self._done or self._skipped)
            return has_list and self.list_open != parameters[0]
        return True

    def _times(self) -> str:
        result = self.result
        planned = result.plan.total_seconds
        lines = [
            f"Active time  {format_duration(result.active_seconds)} of {format_duration(planned)}",
        ]
        if result.paused_seconds >= 1:
            lines.append(f"Paused       {format_duration(result.paused_seconds)}")
        return "\n".join(lines)

    def _count_text(self) -> str:
        total = len(self._done) + len(self._skipped)
        line = f"Stretches done: {len(self._done)} of {total}"
        return line if self._list_shown() or not total else f"{line}  (l: list)"

    def _list_shown(self) -> bool:
        return self.list_open and bool(self._done or self._skipped)

    def _stretch_lines(self) -> str:
        lines = [f"  ✓ {name}" for name in self._done]
        lines += [f"  – {name} (skipped)" for name in self._skipped]
        return "\n".join(lines)

    def watch_list_open(self) -> None:
        self.query_one("#summary-stretches", Static).display = self._list_shown()
        self.query_one("#summary-count", Static).update(self._count_text())

    @on(events.Resize)
    def _resized(self, event: events.Resize) -> None:
        if self.is_mounted:
            self._fit_list(event.size.height)

    def _fit_list(self, height: int) -> None:
        """Open the list when the check-in fits beside it, unless the person chose with `l`."""
        if not self._list_chosen:
            count = len(self._done) + len(self._skipped)
            beside = ROWS_BESIDE_THE_LIST if height >= SHORT_ROWS else ROWS_BESIDE_THE_LIST_SHORT
            # Before mount the watcher has no widgets yet: compose reads the value.
            self.set_reactive(SummaryScreen.list_open, count + beside <= height)
            if self.is_mounted:
                self.watch_list_open()
                self.refresh_bindings()

    def action_list(self, show: bool) -> None:
        self._list_chosen = True
        self.list_open = show

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
        # The next question is next.
        self.query_one("#signs-no", Button).focus()

    def action_signs(self, present: bool) -> None:
        self._signs_answered = True
        self.checkin = CheckIn(self.checkin.feeling, present)
        yes = self.query_one("#signs-yes", Button)
        no = self.query_one("#signs-no", Button)
        yes.set_class(present, "-chosen")
        no.set_class(not present, "-chosen")
        # Focus follows the answer, without scrolling: the reply below is what to read.
        self.set_focus(yes if present else no, scroll_visible=False)

    def watch_checkin(self, checkin: CheckIn) -> None:
        reply = self.query_one("#checkin-reply", Static)
        text = checkin_reply(checkin.feeling, checkin.warning_signs)
        shown = Text(text)
        shown.highlight_words([SEE_SOMEONE_PROMPTLY], style="bold")
        reply.update(shown)
        reply.display = bool(text)
        reply.set_class(checkin.warning_signs, "-warning")
        if text:
            # After the next layout, when the reply has its size: its first lines in view
            # (after a "yes", the part that says what to do now).
            self.call_after_refresh(self._show_reply)
        if checkin.feeling is not None or self._signs_answered:
            self.store.save_checkin(self.result.info.session_id, checkin)

    def _show_reply(self) -> None:
        reply = self.query_one("#checkin-reply", Static)
        reply.scroll_visible(top=reply.has_class("-warning"), animate=False, immediate=True)

    def action_keys(self) -> None:
        from stretchtui.tui.screens.keys import SUMMARY_KEYS, KeysScreen

        self.app.push_screen(KeysScreen(SUMMARY_KEYS, detail=""))

    def action_done(self) -> None:
        self.dismiss(None)
