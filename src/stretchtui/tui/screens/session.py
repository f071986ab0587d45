"""The guided session: big countdown, the stretch, its side and reps, and a breathing guide.

The screen never keeps time itself. A timer asks the engine what is due and
redraws what changed; the engine works out time from its clock.
"""

from __future__ import annotations

import math
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Digits, Footer, Label, ProgressBar, Static

from stretchtui.audio import SoundPlayer
from stretchtui.clock import SessionClock, WallClock
from stretchtui.cues import Cue, breath_movement
from stretchtui.durations import format_clock, format_duration
from stretchtui.kinds import SegmentKind
from stretchtui.plan import Plan, Segment
from stretchtui.records import EarlierPart, SessionObserver, SessionResult
from stretchtui.session import Session, SessionState
from stretchtui.tui.screens.confirm import ConfirmScreen
from stretchtui.tui.screens.keys import KeysScreen
from stretchtui.tui.widgets.bigtext import BigText
from stretchtui.tui.widgets.breath import BreathGuide

MAX_WAIT_SECONDS = 1.0
"""The longest the screen sleeps between two looks at the engine.

It wakes exactly when something visible changes (a countdown second, a step of
the breath bar, a cue), so with a real clock this bound is only a safety net.
A fake clock jumps without the screen knowing: tests call `look_now()`."""

PAUSED_BANNER = ("PAUSED · press space to resume", "PAUSED · press space to resume")
PAUSED_AWAY = (
    "PAUSED while you were away · press space to go on",
    "PAUSED while away · space goes on",
)
NARROW_WIDTH = 60
PROGRESS_STEPS = 200


def breath_step(length: float) -> float:
    """Seconds between two steps of the breath bar, for a half breath of `length` seconds.

    Whole seconds where the half breath is long enough to show four or more steps,
    so the bar moves in the same frame as the countdown's digits: one repaint a
    second during a hold. Shorter halves (fast reps) step on the half second.
    """
    return 1.0 if length >= 4 else 0.5


class SessionScreen(Screen[SessionResult]):
    """Walks the person through a plan; dismisses with the SessionResult when it ends."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-normal"), (140, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-medium"), (40, "-tall")]

    BINDINGS = [
        Binding("space", "pause", "Pause", id="session.pause"),
        Binding("space", "resume", "Resume", id="session.resume"),
        Binding("n,right", "skip", "Skip", id="session.skip"),
        Binding("b,left", "back", "Back", id="session.back"),
        Binding("r", "restart", "Restart", id="session.restart"),
        Binding("plus,equals_sign", "extend", "+10s", id="session.extend"),
        Binding("m", "mute", "Mute", id="session.mute"),
        Binding("m", "unmute", "Unmute", id="session.unmute"),
        Binding("q,escape", "end", "End", id="session.end"),
        Binding("question_mark", "keys", "Keys", id="session.keys"),
        # Ctrl+C is the one key everyone knows for "stop": end at once, keep the record.
        Binding("ctrl+c", "end_now", "End now", show=False, priority=True),
    ]

    max_wait: ClassVar[float] = MAX_WAIT_SECONDS

    paused: reactive[bool] = reactive(False, bindings=True)
    muted: reactive[bool] = reactive(False, bindings=True)

    def __init__(
        self,
        plan: Plan,
        *,
        clock: SessionClock,
        player: SoundPlayer,
        observers: list[SessionObserver],
        wall: WallClock | None = None,
        notices: list[str] | None = None,
        start_index: int = 0,
        earlier: EarlierPart | None = None,
    ) -> None:
        super().__init__()
        self.session = (
            Session(plan, clock, observers=observers, start_index=start_index, earlier=earlier)
            if wall is None
            else Session(
                plan,
                clock,
                observers=observers,
                wall=wall,
                start_index=start_index,
                earlier=earlier,
            )
        )
        self.player = player
        # A preview at --speed X runs the engine's clock X times faster than real time.
        self._clock_speed = clock.speed
        self._wake_timer: Timer | None = None
        self._notices = list(notices or [])
        self._shown_index = -1
        self._shown_clock = ""
        self._shown_progress = ""
        self._shown_progress_step = -1
        self._shown_rep: int | None = None
        self._announcement = ""
        self._shown_announcement = ""
        # The widgets touched on every wake, kept at hand: a DOM query each time costs more
        # than the update itself.
        self._countdown = Digits("", id="countdown")
        self._rep_count = BigText("", id="rep-count")
        self._breath = BreathGuide(id="breath")
        self._announcement_label = Label("", id="announcement", markup=False)
        self._progress_text = Label("", id="progress-text")
        self._progress_bar = ProgressBar(
            total=plan.total_seconds, show_eta=False, show_percentage=False, id="session-progress"
        )

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        routine = self.session.plan.routine
        with Horizontal(id="session-top"):
            yield Label(routine.name, id="routine-name", markup=False)
            yield self._progress_text
        yield self._progress_bar
        yield Label("", id="paused-banner")
        with Horizontal(id="session-body"):
            yield from self._stage()
            yield Static("", id="plan-panel", markup=False)
        notices = self._notices
        if self.player.notice and self.player.notice not in notices:
            notices = [*notices, self.player.notice]
        notice = Label("  ".join(notices), id="notice", markup=False)
        notice.display = bool(notices)
        yield notice
        yield Footer()

    def _stage(self) -> ComposeResult:
        with Vertical(id="stage"):
            yield Label("", id="phase")
            yield Label("", id="stretch-name", markup=False)
            with Horizontal(id="big-row"):
                yield self._countdown
                yield BigText("", id="side")
                yield self._rep_count
            yield self._breath
            yield Static("", id="how", markup=False)
            yield Label("", id="reminder")
            yield self._announcement_label
            yield Label("", id="next", markup=False)

    def on_mount(self) -> None:
        self.muted = self.player.muted
        self._handle(self.session.start())
        self._redraw()

    # ------------------------------------------------------------ time

    def look_now(self) -> None:
        """Say what has come due and redraw, then sleep until the next change.

        The wake timer calls it; so do tests, right after moving their fake clock.
        """
        if self._wake_timer is not None:
            self._wake_timer.stop()
        self._wake_timer = None
        self._handle(self.session.update())
        # A look long after anything was due means the program was stopped: the engine paused.
        self.paused = self.session.is_paused
        self._redraw()

    def _schedule_wake(self) -> None:
        """Sleep until the next visible change or cue, never longer than `max_wait`."""
        if self._wake_timer is not None:
            self._wake_timer.stop()
            self._wake_timer = None
        if self.session.is_finished:
            return
        delay = min(self._next_change_in() / self._clock_speed, self.max_wait)
        # A hair late rather than early, so the change has happened when we look.
        self._wake_timer = self.set_timer(max(delay, 0.0) + 0.002, self.look_now)

    def _next_change_in(self) -> float:
        """Clock seconds until a cue is due, the countdown's digits change or the bar steps."""
        session = self.session
        remaining = session.remaining
        # The digits show ceil(remaining): they change each time it crosses a whole second.
        candidates = [remaining - math.ceil(remaining - 1e-9) + 1 if remaining > 0 else 1.0]
        due = session.next_due_in()
        if due is not None:
            candidates.append(due)
        breath = session.breath()
        if breath is not None and not self.has_class("-no-breath"):
            into = breath.progress * breath.length
            step = breath_step(breath.length)
            candidates.append(step - into % step)
        return max(0.0, min(candidates))

    def _handle(self, cues: list[Cue]) -> None:
        for cue in cues:
            self.player.play(cue)
            if cue.kind.traits.on_screen:
                self._announcement = cue.text
        if self.session.is_finished:
            if self._wake_timer is not None:
                self._wake_timer.stop()
                self._wake_timer = None
            result = self.session.result
            assert result is not None
            self.dismiss(result)

    # ------------------------------------------------------------ drawing

    def _redraw(self) -> None:
        """Show what changed since the last look, then sleep until the next change."""
        session = self.session
        if session.is_finished:
            return
        self._schedule_wake()
        if session.index != self._shown_index:
            self._shown_index = session.index
            self._show_segment(session.segment)
        clock = format_clock(session.remaining)
        if clock != self._shown_clock:
            self._shown_clock = clock
            self._countdown.update(clock)
            self._show_progress()
        rep = session.rep
        if rep != self._shown_rep:
            self._shown_rep = rep
            segment = session.segment
            self._rep_count.text = f"{rep}/{segment.reps}" if rep else ""
        self._show_breath()
        if self._announcement != self._shown_announcement:
            self._shown_announcement = self._announcement
            self._announcement_label.update(self._announcement)

    def _show_segment(self, segment: Segment) -> None:
        session = self.session
        traits = segment.kind.traits
        title = traits.title
        if segment.rounds > 1 and traits.in_round:
            title += f" · round {segment.round} of {segment.rounds}"
        self.query_one("#phase", Label).update(title)
        self.query_one("#stretch-name", Label).update(segment.name)
        self.query_one("#plan-panel", Static).update(self._plan_text(segment))
        self.query_one("#side", BigText).text = segment.side.value.upper() if segment.side else ""
        how = segment.how
        if segment.kind is SegmentKind.PREPARE and segment.reps:
            how = f"{how}\n{segment.reps} reps, one slow breath each."
        how_widget = self.query_one("#how", Static)
        how_widget.update(how)
        how_widget.set_class(not how, "-empty")
        self._show_reminder()
        self.set_class(traits.is_rest, "-resting")
        self.query_one("#next", Label).update(self._next_text())
        self.set_class(not traits.shows_breath, "-no-breath")
        self._shown_rep = -1
        self._shown_clock = ""
        del session

    def _plan_text(self, segment: Segment) -> str:
        """The routine's stretches with the current one marked (shown on wide terminals)."""
        routine = self.session.plan.routine
        lines = [
            "This session" if routine.rounds == 1 else f"Round {segment.round} of {routine.rounds}"
        ]
        for index, step in enumerate(routine.steps):
            amount = f"{step.reps} reps" if step.reps else format_duration(step.work_seconds)
            sides = " each side" if len(step.sides) > 1 else ""
            if segment.step_index is None:
                marker = " "
            elif index < segment.step_index:
                marker = "✓"
            elif index == segment.step_index:
                marker = "▶"
            else:
                marker = " "
            lines.append(f"{marker} {step.name}\n    {amount}{sides}")
        return "\n".join(lines)

    def _show_reminder(self) -> None:
        wordings = self.session.segment.kind.traits.reminder
        narrow = self.size.width < NARROW_WIDTH
        self.query_one("#reminder", Label).update(wordings[1] if narrow else wordings[0])

    def on_resize(self) -> None:
        if self.session.state in (SessionState.RUNNING, SessionState.PAUSED):
            self._show_reminder()
            self._show_paused_banner()

    def _next_text(self) -> str:
        upcoming = self.session.next_stretch()
        if upcoming is None:
            return "Last stretch of the session"
        side = f" ({upcoming.side.value})" if upcoming.side else ""
        amount = f"{upcoming.reps} reps" if upcoming.reps else format_duration(upcoming.duration)
        return f"Next: {upcoming.name}{side} · {amount}"

    def _show_progress(self) -> None:
        session = self.session
        plan = session.plan
        segment = session.segment
        done_seconds = plan.total_seconds - plan.seconds_from(session.index) + session.elapsed
        # Repaint the bar only when it would visibly move (a 200th of the session).
        step = int(min(done_seconds, plan.total_seconds) * PROGRESS_STEPS / plan.total_seconds)
        if step != self._shown_progress_step:
            self._shown_progress_step = step
            self._progress_bar.update(
                total=plan.total_seconds, progress=min(done_seconds, plan.total_seconds)
            )
        left = format_duration(session.session_remaining)
        if segment.stretch_number is not None:
            text = f"Stretch {segment.stretch_number} of {plan.stretch_count} · {left} left"
        else:
            text = f"{plan.stretch_count} stretches · {left} left"
        if text != self._shown_progress:
            self._shown_progress = text
            # The label has a fixed width, so a new text needs no layout pass.
            self._progress_text.update(text, layout=False)

    def _show_breath(self) -> None:
        guide = self._breath
        breath = self.session.breath()
        if breath is None or self.has_class("-no-breath"):
            return
        segment = self.session.segment
        steps = max(1, round(breath.length / breath_step(breath.length)))
        # Ceil, so the bar is full (or empty) during the last step of each half.
        shown = min(steps, math.ceil(breath.progress * steps - 1e-9)) / steps
        if breath.inhaling:
            fullness = shown
            word = "Breathe in"
            if movement := breath_movement(segment, inhaling=True):
                word += f" · {movement}"
        else:
            fullness = 1.0 - shown
            word = "Breathe out"
            if movement := breath_movement(segment, inhaling=False):
                word += f" · {movement}"
        guide.show(breath.inhaling, fullness, word)

    # ------------------------------------------------------------ keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        session = self.session
        if session.is_finished:
            return action == "keys"
        if action == "pause":
            return not self.paused
        if action == "resume":
            return self.paused
        if action == "mute":
            return not self.muted
        if action == "unmute":
            return self.muted
        if action == "extend":
            return True if session.can_extend else None
        return True

    def watch_paused(self, paused: bool) -> None:
        self.set_class(paused, "-paused")
        self._show_paused_banner()

    def _show_paused_banner(self) -> None:
        text = ""
        if self.paused:
            wordings = PAUSED_AWAY if self.session.away is not None else PAUSED_BANNER
            text = wordings[1] if self.size.width < NARROW_WIDTH else wordings[0]
        self.query_one("#paused-banner", Label).update(text)

    def action_pause(self) -> None:
        # What came due up to now is said first (the session may even have ended).
        self._handle(self.session.update())
        self.session.pause()
        self.paused = self.session.is_paused
        self._redraw()

    def action_resume(self) -> None:
        self._handle(self.session.resume())
        self.paused = self.session.is_paused
        self._redraw()

    def action_skip(self) -> None:
        self._handle(self.session.skip())
        self._redraw()

    def action_back(self) -> None:
        self._handle(self.session.back())
        self._redraw()

    def action_restart(self) -> None:
        self._handle(self.session.restart())
        self._redraw()

    def action_extend(self) -> None:
        if self.session.extend():
            self._shown_clock = ""
            self._redraw()
            self.refresh_bindings()

    def action_mute(self) -> None:
        self.player.set_muted(True)
        self.muted = True

    def action_unmute(self) -> None:
        self.player.set_muted(False)
        self.muted = False

    def action_keys(self) -> None:
        self.app.push_screen(KeysScreen())

    def action_end_now(self) -> None:
        self.session.end()
        self._handle([])

    def action_end(self) -> None:
        # An open question is not stretching: the clock stops while it is asked.
        was_paused = self.session.is_paused
        self.action_pause()
        if self.session.is_finished:
            return

        def decided(end: bool | None) -> None:
            if end:
                self.session.end()
                self._handle([])
            elif not was_paused:
                self.action_resume()

        self.app.push_screen(
            ConfirmScreen(
                "End this session now?",
                "What you have done so far is kept in your history.",
                yes="End session",
                no="Keep going",
            ),
            decided,
        )

    @on(events.ScreenResume)
    def _resumed(self) -> None:
        self._redraw()
