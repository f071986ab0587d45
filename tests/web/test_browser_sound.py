"""A served app's sound: cues go to the page, never to the server's speakers or terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from stretchtui.audio import CuePlayer, SilentPlayer
from stretchtui.audio.sounds import BELL_SOUNDS
from stretchtui.config import Settings, SoundMode, load_settings
from stretchtui.cues import Cue
from stretchtui.kinds import CueKind, CueSound
from stretchtui.paths import resolve_paths
from stretchtui.plan import build_plan
from stretchtui.routines.loader import load_routine
from stretchtui.web.browser_sound import NOTICE, SOUND_META, BrowserOutput, browser_player
from stretchtui.web.session_app import served_services


def settings_from(config: Path, text: str) -> Settings:
    (config / "config.yaml").write_text(text)
    return load_settings(config / "config.yaml").settings


def test_the_output_posts_the_sound_name_and_gain_for_the_page() -> None:
    posted: list[dict[str, object]] = []
    output = BrowserOutput(posted.append, volume=50)
    output.start(CueSound.DONE)
    output.stop()
    assert posted == [
        {"type": SOUND_META, "sound": "done", "gain": 0.25},
        {"type": SOUND_META, "sound": None, "gain": 0},
    ]


def test_cues_reach_the_page_through_the_cue_player(isolated_dirs: dict[str, Path]) -> None:
    posted: list[dict[str, object]] = []
    player = browser_player(settings_from(isolated_dirs["config"], "volume: 100\n"), posted.append)
    assert isinstance(player, CuePlayer)
    assert player.notice == NOTICE
    routine_file = isolated_dirs["config"] / "fold.yaml"
    routine_file.write_text("name: Fold\nlevel: desk\nsteps:\n  - name: Fold\n    hold: 20s\n")
    routine = load_routine(routine_file)
    last = build_plan(routine).segments[-1]
    player.play(Cue(CueKind.SESSION_DONE, last, last.duration))
    assert player.wait_idle()
    player.close()
    assert posted == [{"type": SOUND_META, "sound": "done", "gain": 1.0}]


def test_sound_off_sends_nothing_and_needs_no_notice(isolated_dirs: dict[str, Path]) -> None:
    player = browser_player(settings_from(isolated_dirs["config"], "sound: off\n"), print)
    assert isinstance(player, SilentPlayer)
    assert player.notice is None


def test_bell_mode_keeps_to_the_bell_moments(isolated_dirs: dict[str, Path]) -> None:
    settings = settings_from(isolated_dirs["config"], "sound: bell\n")
    assert settings.sound is SoundMode.BELL
    player = browser_player(settings, print)
    assert isinstance(player, CuePlayer)
    assert player.sounds <= BELL_SOUNDS
    assert player.name == "browser"


def test_served_services_never_open_the_servers_terminal_or_speakers(
    isolated_dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_terminal() -> None:
        raise AssertionError("a served app opened the server's terminal for the bell")

    monkeypatch.setattr("stretchtui.audio.factory.open_terminal", no_terminal)
    settings_from(isolated_dirs["config"], "sound: bell\n")
    posted: list[dict[str, object]] = []
    services = served_services(resolve_paths(), posted.append)
    try:
        assert services.player.name == "browser"
        assert NOTICE in services.warnings
        assert services.paths.history_file == isolated_dirs["data"] / "history.sqlite3"
    finally:
        services.close()
