"""Everything a session needs from the outside world, opened once from the paths and settings.

The CLI (TUI and plain mode alike) and the tests build the same Services, so
both drive the engine with the same store, player and clock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from stretchtui.clock import ScaledClock, SessionClock, monotonic_clock
from stretchtui.config import Settings, load_settings
from stretchtui.paths import AppPaths

if TYPE_CHECKING:
    from stretchtui.audio import SoundPlayer
    from stretchtui.history import HistoryStore
    from stretchtui.records import SessionObserver

PROBE_WAIT_SECONDS = 1.0

# The history and the sound modules are imported when first needed: the menu paints
# before either is opened (open_services' defer_store and defer_sound).

LONG_UPDATE_BEFORE = 4
"""History files of a version before this one are rewritten when opened (seconds at
100 000 sessions; history.opening.REWRITTEN_BEFORE)."""


def history_needs_long_update(path: Path) -> bool:
    """Whether opening the history at `path` will first rewrite it, read from its header.

    Such a file is opened before the menu paints, so the update's progress line shows on
    the terminal rather than under the app, which would look hung meanwhile. (The
    header's version may lag behind one still in the -wal file, never run ahead of it:
    at worst a current file is opened early.)
    """
    try:
        with open(path, "rb") as file:
            header = file.read(64)
    except OSError:
        return False
    if len(header) < 64 or not header.startswith(b"SQLite format 3\0"):
        return False
    return 0 < int.from_bytes(header[60:64], "big") < LONG_UPDATE_BEFORE


class Services:
    """Settings, history store, sound player and clock.

    `store` may be given as a function that opens it: it is then opened when first used
    (the menu's advice and resume offer, read just after its first paint), and its
    warning, if any, joins `warnings` then.
    """

    def __init__(
        self,
        paths: AppPaths,
        settings: Settings,
        store: HistoryStore | Callable[[], HistoryStore],
        player: SoundPlayer,
        clock: SessionClock,
        warnings: list[str] | None = None,
        preview: bool = False,
    ) -> None:
        self.paths = paths
        self.settings = settings
        self.player = player
        self.clock = clock
        self.warnings = warnings if warnings is not None else []
        self.preview = preview
        self.sound_may_start = threading.Event()
        """Set when the deferred sound probe may begin (the app sets it once the menu is
        painted: the probe's imports would otherwise slow the first paint)."""
        self._store: HistoryStore | None = None
        self._open_store: Callable[[], HistoryStore] | None = None
        if callable(store):
            self._open_store = store
        else:
            self._store = store

    @property
    def store(self) -> HistoryStore:
        if self._store is None:
            assert self._open_store is not None
            self._store = self._open_store()
            if self._store.warning:
                self.warnings.append(self._store.warning)
        return self._store

    @property
    def observers(self) -> list[SessionObserver]:
        """Who hears of a session: the history, and (for real sessions) the status file."""
        if self.preview:
            return [self.store]
        from stretchtui.reminders.session_state import SessionStateHook

        hook = SessionStateHook(self.store, str(self.paths.data_dir), self.settings.streak)
        return [self.store, hook]

    def close(self) -> None:
        self.player.close()
        if self._store is not None:
            self._store.close()


def open_services(
    paths: AppPaths,
    *,
    sound: bool = True,
    speed: float = 1.0,
    defer_sound: bool = False,
    defer_store: bool = False,
) -> Services:
    """Settings, history store, sound player and clock for one run of the app.

    With `defer_sound` the player is chosen in the background (the menu need not
    wait for the sound device); its notice then comes with the player, not in
    `warnings`. With `defer_store` the history is opened when first used (the menu
    paints first); its warning then joins `warnings` at that moment.
    """
    loaded = load_settings(paths.config_file)
    warnings = list(loaded.warnings)
    preview = speed != 1.0
    settings = loaded.settings

    def store_opener() -> HistoryStore:
        from stretchtui.history import open_store

        store = open_store(paths.history_file)
        # A sped-up run is a preview: recorded as one, never counted as stretching.
        store.previews = preview
        return store

    store: HistoryStore | Callable[[], HistoryStore] = store_opener
    if not defer_store or history_needs_long_update(paths.history_file):
        store = store_opener()
        if store.warning:
            warnings.append(store.warning)
    player: SoundPlayer
    gate = threading.Event()
    from stretchtui.audio.player import SilentPlayer, sound_is_off

    if sound_is_off(settings, sound):
        # Known at once: none of the sound code (outputs, ALSA, WAV files) is loaded.
        player = SilentPlayer()
    elif defer_sound:
        from stretchtui.audio.deferred import DeferredPlayer

        def chosen() -> SoundPlayer:
            # Until the menu is painted, or a second at most (a session waits for the choice).
            gate.wait(PROBE_WAIT_SECONDS)
            from stretchtui.audio import create_player

            return create_player(settings, enabled=sound)

        player = DeferredPlayer(chosen)
    else:
        from stretchtui.audio import create_player

        player = create_player(settings, enabled=sound)
        if player.notice:
            warnings.append(player.notice)
    clock: SessionClock = monotonic_clock if speed == 1.0 else ScaledClock(speed)
    services = Services(paths, settings, store, player, clock, warnings, preview=preview)
    services.sound_may_start = gate
    return services
