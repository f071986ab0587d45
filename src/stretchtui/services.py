"""Everything a session needs from the outside world, opened once from the paths and settings.

The CLI (TUI and plain mode alike) and the tests build the same Services, so
both drive the engine with the same store, player and clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from stretchtui.audio import SoundPlayer, create_player
from stretchtui.audio.deferred import DeferredPlayer
from stretchtui.clock import ScaledClock, SessionClock, monotonic_clock
from stretchtui.config import Settings, load_settings
from stretchtui.history import HistoryStore, open_store
from stretchtui.paths import AppPaths
from stretchtui.records import SessionObserver


@dataclass
class Services:
    paths: AppPaths
    settings: Settings
    store: HistoryStore
    player: SoundPlayer
    clock: SessionClock
    warnings: list[str] = field(default_factory=list)
    preview: bool = False

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
        self.store.close()


def open_services(
    paths: AppPaths, *, sound: bool = True, speed: float = 1.0, defer_sound: bool = False
) -> Services:
    """Settings, history store, sound player and clock for one run of the app.

    With `defer_sound` the player is chosen in the background (the menu need not
    wait for the sound device); its notice then comes with the player, not in
    `warnings`.
    """
    loaded = load_settings(paths.config_file)
    warnings = list(loaded.warnings)
    store = open_store(paths.history_file)
    # A sped-up run is a preview: recorded as one, never counted as stretching.
    store.previews = speed != 1.0
    settings = loaded.settings
    player: SoundPlayer
    if defer_sound:
        player = DeferredPlayer(lambda: create_player(settings, enabled=sound))
    else:
        player = create_player(settings, enabled=sound)
    clock: SessionClock = monotonic_clock if speed == 1.0 else ScaledClock(speed)
    notices = [store.warning] if defer_sound else [store.warning, player.notice]
    for notice in notices:
        if notice:
            warnings.append(notice)
    return Services(paths, loaded.settings, store, player, clock, warnings, preview=speed != 1.0)
