"""The guided session: big countdown, the stretch, its side and reps, and a breathing guide.

The screen never keeps time itself. A timer asks the engine what is due, and the
screen renders the engine's view (session_view) through reactives: each part is
redrawn only when it changes.
"""

from __future__ import annotations

import asyncio
from dataclasses import fields
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive, var
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from stretchtui import glyphs
from stretchtui import session_view as views
from stretchtui.audio import SoundPlayer
from stretchtui.cue_fanout import CueFanout
from stretchtui.cues import Cue
from stretchtui.figures import Picture
from stretchtui.records import SessionResult
from stretchtui.session import Session
from stretchtui.tui.direct_paint import DirectPaint
from stretchtui.tui.flashes import CUE_FLASH_SECONDS, EXTEND_FLASH_SECONDS, Flashes
from stretchtui.tui.screens.confirm import ConfirmScreen
from stretchtui.tui.screens.keys import SESSION_BINDINGS, KeysScreen
from stretchtui.tui.widgets.figure import PoseFigure
from stretchtui.tui.widgets.session_bar import SessionBar
from stretchtui.tui.widgets.stage import StagePanel

MAX_WAIT_SECONDS = 1.0
"""The longest the screen sleeps between two looks at the engine.

It wakes exactly when something visible changes (a countdown second, a step of
the breath bar, a cue), so with a real clock this bound is only a safety net.
A fake clock jumps without the screen knowing: tests call `look_now()`."""

NOTICE_SECONDS = 10.0
"""The run's notice (no sound device, a config slip) shows this long, on one row; `?` keeps it."""


class ProgressText(DirectPaint, Label):
    """The "Stretch 2 of 5 · 3:10 left" line: new every second, so it repaints directly."""


class SessionScreen(Screen[SessionResult]):
    """Walks the person through a session; dismisses with its SessionResult when it ends."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-normal"), (140, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-medium"), (40, "-tall")]

    BINDINGS = SESSION_BINDINGS

    max_wait: ClassVar[float] = MAX_WAIT_SECONDS

    paused: reactive[bool] = reactive(False, bindings=True)
    muted: reactive[bool] = reactive(False, bindings=True)
    # The view's parts. Not run at mount: the first look at the session sets them all.
    stage: var[views.Stage | None] = var(None, init=False)
    digits: var[str] = var("", init=False)
    rep: var[str] = var("", init=False)
    breath: var[views.Breath | None] = var(None, init=False)
    progress: var[views.Progress | None] = var(None, init=False)
    progress_text: var[str] = var("", init=False)
    banner: var[views.Wording] = var(views.Wording(), init=False)
    announcement: var[str] = var("", init=False)
    figure: var[Picture | None] = var(None, init=False)

    def __init__(
        self, session: Session, *, player: SoundPlayer, notices: list[str] | None = None
    ) -> None:
        super().__init__()
        self.session = session
        self.cues = CueFanout(player, [self._show_cue])
        # The sound player's own notice (no device, …) joins this run's notices.
        extra = [player.notice] if player.notice and player.notice not in (notices or []) else []
        self._notices = [*(notices or []), *extra]
        self._notice = "  ".join(self._notices)
        self._wake: asyncio.TimerHandle | None = None
        self.wake_delay: float | None = None
        """Seconds from the last look to the next (None when none is due)."""
        self._flashes = Flashes(session.clock)
        # Block letters in #s where the terminal cannot show blocks and box strokes.
        self._stage = StagePanel(ascii_only=not glyphs.current().unicode)
        self._figure = PoseFigure(id="session-figure")
        self._progress_text = ProgressText("", id="progress-text")
        self._progress_bar = SessionBar(id="session-progress")

    def compose(self) -> ComposeResult:
        with Horizontal(id="session-top"):
            yield Label(self.session.plan.routine.name, id="routine-name", markup=False)
            yield self._progress_text
        yield self._progress_bar
        with Horizontal(id="session-body"):
            yield self._stage
            with Vertical(id="figure-column"):
                yield self._figure
            yield Static("", id="plan-panel", markup=False)
        notice = Label(self._notice, id="notice", markup=False)
        notice.display = bool(self._notice)
        yield notice
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.muted = self.cues.muted
        if self._notice:
            self.set_timer(NOTICE_SECONDS, self.hide_notice)
        self._handle(self.session.start())

    def hide_notice(self) -> None:
        """The notice has been seen (NOTICE_SECONDS after the start; tests call it at once)."""
        self.query_one("#notice", Label).display = False

    # ------------------------------------------------------------ time

    def look_now(self) -> None:
        """Say what has come due and redraw (the wake timer; tests, after moving their clock).

        A look long after anything was due means the program was stopped: the engine pauses.
        """
        self._handle(self.session.update())

    def _handle(self, cues: list[Cue]) -> None:
        """Pass the cues on, then show the session as it is now (or leave, once it is over)."""
        self._stop_waking()
        self.cues.send(cues)
        session = self.session
        if session.is_finished:
            assert session.result is not None
            self.dismiss(session.result)
            return
        self.paused = session.is_paused
        self._show(views.session_view(session))
        for flash in self._flashes.expire():
            self._stage.mark(flash, False)
        change = views.next_change_in(session)
        flash_end = self._flashes.next_end_in()
        if flash_end is not None:
            change = min(change, flash_end)
        delay = min(change / session.clock.speed, self.max_wait)
        # A hair late rather than early, so the change has happened when we look.
        self.wake_delay = delay + 0.002
        self._wake = asyncio.get_running_loop().call_later(self.wake_delay, self._woken)

    def _woken(self) -> None:
        """The wake: straight from the event loop, not a Textual timer and its messages
        (during a hold those cost more than the look itself)."""
        self._wake = None
        if not self.is_attached or self.app._closed:
            return
        with self._context():
            try:
                self.look_now()
            except Exception as error:  # as a failing Textual timer callback would
                self.app._handle_exception(error)

    def _stop_waking(self) -> None:
        if self._wake is not None:
            self._wake.cancel()
            self._wake = None
        self.wake_delay = None

    def on_unmount(self) -> None:
        self._stop_waking()

    def _show_cue(self, cue: Cue) -> None:
        if cue.kind.traits.on_screen:
            self.announcement = cue.text
        if cue.kind.traits.flashes and getattr(self.app, "visual_cues", False):
            self._flash("-cue-flash", CUE_FLASH_SECONDS)

    def _flash(self, name: str, seconds: float) -> None:
        """Mark the stage with class `name` for `seconds`; the next look after that clears it."""
        self._flashes.start(name, seconds)
        self._stage.mark(name, True)

    def _show(self, view: views.SessionView) -> None:
        # Each part has a reactive of its name here, redrawn only if it changed.
        for part in fields(view):
            setattr(self, part.name, getattr(view, part.name))

    # ------------------------------------------------------------ drawing

    def watch_stage(self, stage: views.Stage | None) -> None:
        if stage is not None:
            self._fit_figure(stage)
            self._stage.show(stage)
            self.query_one("#plan-panel", Static).update(stage.plan)
            self.set_class(stage.resting, "-resting")
            self.set_class(not stage.shows_breath, "-no-breath")
            # A new segment may take "+10 s" or not: the footer follows.
            self.refresh_bindings()

    def watch_digits(self, digits: str) -> None:
        self._stage.show_digits(digits)

    def watch_rep(self, rep: str) -> None:
        self._stage.show_rep(rep)

    def watch_breath(self, breath: views.Breath | None) -> None:
        if breath is not None:
            self._stage.breath.show(breath.inhaling, breath.fullness, breath.word)

    def watch_progress(self, progress: views.Progress | None) -> None:
        if progress is not None:
            self._progress_bar.show(progress.done / progress.total)

    def watch_progress_text(self, text: str) -> None:
        # The label has a fixed width, so a new text needs no layout pass.
        self._progress_text.update(text, layout=False)

    def watch_announcement(self, text: str) -> None:
        self._stage.announcement.update(text)

    def watch_banner(self, banner: views.Wording) -> None:
        self._stage.show_paused(self.paused, banner)

    def watch_paused(self, paused: bool) -> None:
        self.set_class(paused, "-paused")
        self._stage.show_paused(paused, self.banner)

    def watch_figure(self, picture: Picture | None) -> None:
        # The stage beside it resizes with it, and fits its words to the room left.
        self._figure.picture = picture

    def on_resize(self) -> None:
        if self.stage is not None:
            self._fit_figure(self.stage)

    def _fit_figure(self, stage: views.Stage) -> None:
        """The picture where it leaves the stage's words room (sized for the terminal)."""
        self._figure.fit(self.size, stage.how, (stage.name, stage.next))

    # ------------------------------------------------------------ keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.session.is_finished:
            return action == "keys"
        if action in ("pause", "resume"):
            return self.paused == (action == "resume")
        if action in ("mute", "unmute"):
            return self.muted == (action == "unmute")
        if action == "extend":
            # Hidden where it does nothing (reps are paced by their tempo; the limit reached).
            return self.session.can_extend
        return True

    def action_pause(self) -> None:
        # What came due up to now is said first (the session may even have ended).
        self.cues.send(self.session.update())
        self.session.pause()
        self._handle([])

    def action_resume(self) -> None:
        self._handle(self.session.resume())

    def action_skip(self) -> None:
        self._handle(self.session.skip())

    def action_back(self) -> None:
        self._handle(self.session.back())

    def action_restart(self) -> None:
        self._handle(self.session.restart())

    def action_extend(self) -> None:
        if self.session.extend():
            self._flash("-extended", EXTEND_FLASH_SECONDS)
            self._handle([])
            self.refresh_bindings()

    def action_mute(self) -> None:
        self.cues.set_muted(True)
        self.muted = True

    def action_unmute(self) -> None:
        self.cues.set_muted(False)
        self.muted = False

    def action_keys(self) -> None:
        self.app.push_screen(KeysScreen(notes=self._notices))

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
                self.action_end_now()
            elif not was_paused:
                self.action_resume()

        question = ConfirmScreen(
            "End this session now?",
            "What you have done so far is kept in your history.",
            yes="End session",
            no="Keep going",
        )
        self.app.push_screen(question, decided)

    @on(events.ScreenResume)
    def _resumed(self) -> None:
        if not self.session.is_finished:
            self._handle([])
