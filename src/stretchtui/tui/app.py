"""The Textual app: wires the services to the screens and moves between them."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import RenderableType
from rich.text import Text
from textual import constants
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.actions import SkipAction
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from stretchtui import glyphs
from stretchtui.catalog import Catalog, CatalogEntry, RoutineWatcher
from stretchtui.clock import wall_clock
from stretchtui.first_run import mark_note_seen, note_seen
from stretchtui.note_hiding import hide_note, note_hidden
from stretchtui.paths import bundled_routines_dir
from stretchtui.services import Services
from stretchtui.textsafe import visible
from stretchtui.tui.cell_diff import TerminalCells
from stretchtui.tui.direct_paint import DirectPainter
from stretchtui.tui.drivers import driver_class
from stretchtui.tui.screens.menu import MenuNotes, MenuScreen

if TYPE_CHECKING:
    from collections.abc import Callable

    from stretchtui.records import EarlierPart, SessionResult
    from stretchtui.resume import ResumeOffer
    from stretchtui.session import Session

# The other screens are imported when first opened, and the history modules when the
# history is first read (just after the menu's first paint): the menu should paint as soon
# as it can.


SCREEN_STYLES = Path(__file__).with_name("screens.tcss")
"""The styles of every screen but the menu: parsing them before its first frame would
hold it up (about a fifth of start-up's CSS work)."""


class StretchApp(App[int]):
    """Menu → session → summary → menu. With `start_routine`, straight into that session."""

    CSS_PATH = "app.tcss"
    TITLE = "stretchtui"
    ENABLE_COMMAND_PALETTE = False
    # Priority, so that a dialog (a modal screen hides the app's other keys) cannot hold it.
    BINDINGS = [Binding("ctrl+c", "interrupt", show=False, priority=True)]

    def __init__(
        self,
        services: Services,
        catalog: Catalog,
        start_routine: CatalogEntry | None = None,
        *,
        resume: ResumeOffer | None = None,
    ) -> None:
        super().__init__(
            driver_class=driver_class(glyphs.current(), environ_driver=constants.DRIVER)
        )
        self.terminal_cells = TerminalCells()
        self._screen_styles_read = False
        # The countdown, breath bar and progress line repaint without a whole frame.
        self.direct_painter = DirectPainter(self, self.terminal_cells)
        self._painted = False
        self._after_paint: list[Callable[[], object]] = []
        self.services = services
        self.catalog = catalog
        self.start_routine = start_routine
        self.start_resume = resume
        self.active_session: Session | None = None
        # Cues flash the stage instead of sounding (no sound device and no `sound: bell`).
        self.visual_cues = False
        self._session_screen: Screen[SessionResult] | None = None
        theme = services.settings.theme
        if theme in self.available_themes:
            self.theme = theme
        else:
            known = ", ".join(sorted(self.available_themes))
            services.warnings.append(f"config.yaml: theme: no theme called {theme!r} ({known})")
        if services.settings.keymap:
            # Binding ids (session.pause, menu.start, …) mapped to other keys.
            self.set_keymap(services.settings.keymap)

    def get_key_display(self, binding: Binding) -> str:
        """Keys as Textual shows them (`⏎`, `→`), or spelled in ASCII (`Enter`, `->`)."""
        return glyphs.current().text(super().get_key_display(binding))

    def on_mount(self) -> None:
        if not self.is_headless:
            self._catch_signals()
        # Back from a suspension (ctrl+z, fg) the terminal may show anything; while
        # suspended, nothing is painted past Textual (the cells know no screen).
        self.app_suspend_signal.subscribe(self, lambda _app: self.terminal_cells.forget())
        self.app_resume_signal.subscribe(self, lambda _app: self.terminal_cells.forget())
        if self.start_resume is not None:
            self.resume_session(self.start_resume, then_exit=True)
        elif self.start_routine is not None:
            self.start_session(self.start_routine, then_exit=True)
        else:
            # The menu (the first screen) paints first; the history (its advice, the offer to
            # carry on a stopped session) is opened and read just after, and shown then.
            self.after_first_paint(self.load_screen_styles)
            self.after_first_paint(self.services.sound_may_start.set)
            self.after_first_paint(self._refresh_menu)

    def get_default_screen(self) -> Screen[Any]:
        if self.start_resume is not None or self.start_routine is not None:
            return super().get_default_screen()
        watcher = RoutineWatcher(
            self.catalog, bundled_routines_dir(), self.services.paths.user_routines_dir
        )
        return MenuScreen(self.catalog, self.warning_notes(), watcher=watcher)

    def load_screen_styles(self) -> None:
        """Read screens.tcss, once: the menu reads it just after its first frame, and any
        other screen before it is shown (see push_screen)."""
        if self._screen_styles_read:
            return
        self._screen_styles_read = True
        self.stylesheet.read(SCREEN_STYLES)
        self.stylesheet.parse()  # only the new file: the others' rules are cached
        self.stylesheet.update(self)

    def push_screen(self, *args: Any, **kwargs: Any) -> Any:
        self.load_screen_styles()
        return super().push_screen(*args, **kwargs)

    def on_menu_screen_catalog_changed(self, message: MenuScreen.CatalogChanged) -> None:
        """An edited routine runs as it now is, wherever it is started from."""
        self.catalog = message.catalog

    def resume_offer(self) -> ResumeOffer | None:
        """The session the menu offers to carry on (or start over), if any."""
        from stretchtui.history import HistoryUnreadable
        from stretchtui.resume import resume_offer

        try:
            offer = resume_offer(self.services.store, self.catalog, wall_clock())
        except HistoryUnreadable:
            return None  # menu_notes already says the history can't be read
        return offer if offer is not None and (offer.can_resume or offer.changed) else None

    def warning_notes(self) -> list[Text]:
        """This run's warnings (config, history, sound), as the menu shows them."""
        # Warnings quote file names and config values: plain text, never markup.
        return [Text(visible(warning, keep_newlines=True)) for warning in self.services.warnings]

    def menu_notes(self) -> MenuNotes:
        """Warnings about this run, then the history's advice (safety first, else progress).

        The note about someone's back is brief (its whole text is on the safety screen)
        and can be hidden for the day; a new report brings it back.
        """
        from stretchtui.history import HistoryUnreadable
        from stretchtui.history.advice import menu_notes

        store = self.services.store  # opened now, if it was not yet: its warning comes first
        notes = self.warning_notes()
        now = wall_clock()
        try:
            advice = menu_notes(store, self.services.settings, now)
        except HistoryUnreadable as error:
            advice = []
            notes.append(Text(visible(str(error), keep_newlines=True)))
        hideable = ""
        for note in advice:
            if note.kind != "safety":
                notes.append(Text.assemble((note.title, "bold"), "\n", note.text))
            elif not note_hidden(self.services.paths, now.date(), note.report):
                notes.append(Text.assemble((f"{note.title}. ", "bold"), note.brief))
                hideable = note.report
        return MenuNotes(notes, hideable)

    def on_menu_screen_hide_note(self, message: MenuScreen.HideNote) -> None:
        hide_note(self.services.paths, wall_clock().date(), message.report)
        self._refresh_menu()

    def _display(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
        # Only the cells that changed are written (see cell_diff), not whole widget lines.
        if isinstance(renderable, LayoutUpdate | ChopsUpdate) and not self.is_inline:
            size = (self.size.width, self.size.height)
            renderable = self.terminal_cells.update(renderable, screen, size)
        super()._display(screen, renderable)
        # A frame drawn inside a batch (as while the first screen mounts) is dropped by
        # Textual: only one that went out counts as painted.
        if renderable is not None and not self._batch_count and not self._painted:
            self._painted = True
            for callback in self._after_paint:
                self.call_later(callback)
            self._after_paint.clear()

    def after_first_paint(self, callback: Callable[[], object]) -> None:
        """Run `callback` once the first frame has been sent to the terminal; after that,
        once the next refresh is done. What the menu can show a moment later (its preview,
        the history's notes) waits for this, so that the menu itself shows at once."""
        if self._painted:
            self.call_after_refresh(callback)
        else:
            self._after_paint.append(callback)

    def _catch_signals(self) -> None:
        """A closed terminal (SIGHUP), a kill (SIGTERM) or SIGINT ends the session cleanly."""
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGHUP, signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, self._terminated, signum)

    def _terminated(self, signum: int) -> None:
        self.end_active_session()
        self.exit(128 + signum)

    def action_interrupt(self) -> None:
        """Ctrl+C: quit at once, from the menu, the summary or any dialog.

        In a terminal Ctrl+C means stop (Textual would only hint at ctrl+q). On the
        session screen itself it is left to the screen: it ends the session at once
        and shows its summary.
        """
        if self.screen is self._session_screen:
            raise SkipAction()
        self._terminated(signal.SIGINT)

    def end_active_session(self) -> None:
        """End a session still under way, so its record says 'ended early', not 'in progress'."""
        session = self.active_session
        if session is not None and not session.is_finished:
            session.end()

    def on_menu_screen_start(self, message: MenuScreen.Start) -> None:
        self.start_session(message.entry)

    def on_menu_screen_resume(self, message: MenuScreen.Resume) -> None:
        self.resume_session(message.offer)

    def resume_session(self, offer: ResumeOffer, *, then_exit: bool = False) -> None:
        """Carry on `offer`'s session; if its routine changed, ask before starting over."""
        entry = offer.entry
        if offer.can_resume and entry is not None:
            self.start_session(
                entry,
                then_exit=then_exit,
                start_index=offer.start_index or 0,
                earlier=offer.earlier_part(),
            )
            return
        if not offer.changed or entry is None:
            return
        from stretchtui.tui.screens.confirm import ConfirmScreen

        def answered(start_over: bool | None) -> None:
            if start_over:
                self.start_session(entry, then_exit=then_exit)
            elif then_exit:
                self.exit(0)

        self.push_screen(
            ConfirmScreen(
                # Short enough for a 40-column terminal: the dialog does not wrap.
                "The routine has changed since.",
                "Start it over from the beginning?",
                yes="Start over",
                no="Not now",
            ),
            answered,
        )

    def start_session(
        self,
        entry: CatalogEntry,
        *,
        then_exit: bool = False,
        start_index: int = 0,
        earlier: EarlierPart | None = None,
    ) -> None:
        """Run `entry`; before the very first session, the first-run note comes first."""
        paths = self.services.paths
        if earlier is not None or note_seen(paths):
            self._start_session(entry, then_exit, start_index, earlier)
            return
        from stretchtui.tui.screens.first_run import FirstRunScreen

        def read(start: bool | None) -> None:
            if start:
                mark_note_seen(paths)
                self._start_session(entry, then_exit, start_index, earlier)
            elif then_exit:
                self.exit(0)

        self.push_screen(FirstRunScreen(), read)

    def _start_session(
        self,
        entry: CatalogEntry,
        then_exit: bool,
        start_index: int,
        earlier: EarlierPart | None,
    ) -> None:
        assert entry.plan is not None
        services = self.services
        from stretchtui.audio import cues_are_visual
        from stretchtui.session import Session
        from stretchtui.tui.screens.session import SessionScreen
        from stretchtui.tui.screens.summary import SummaryScreen

        # Known for sure only now: the menu lets the sound device be probed in the background.
        self.visual_cues = cues_are_visual(services.player)
        session = Session(
            entry.plan,
            services.clock,
            observers=services.observers,
            start_index=start_index,
            earlier=earlier,
        )
        screen = SessionScreen(
            session,
            player=services.player,
            notices=[notice for notice in services.warnings if notice],
        )

        def finished(result: SessionResult | None) -> None:
            if result is None:
                return
            self.push_screen(SummaryScreen(result, services.store, services.clock), after_summary)

        def after_summary(_: None) -> None:
            if then_exit:
                self.exit(0)
            else:
                self._refresh_menu()

        self.active_session = screen.session
        self._session_screen = screen
        self.push_screen(screen, finished)

    def _refresh_menu(self) -> None:
        if isinstance(self.screen, MenuScreen):
            self.screen.show_notes(self.menu_notes())
            self.screen.show_offer(self.resume_offer(), wall_clock())

    def action_open_history(self) -> None:
        from stretchtui.tui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen(self.services.store), self._back_to_menu)

    def action_open_progress(self) -> None:
        from stretchtui.tui.screens.progress import ProgressScreen

        screen = ProgressScreen(self.services.store, self.services.settings.streak)
        self.push_screen(screen, self._back_to_menu)

    def _back_to_menu(self, _: None = None) -> None:
        self._refresh_menu()
