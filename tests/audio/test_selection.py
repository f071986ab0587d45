"""Choosing the player: each step of the fallback chain, the settings, and the notices."""

from __future__ import annotations

import ctypes.util
import io
import stat
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from stretchtui.audio import (
    CuePlayer,
    SilentPlayer,
    SoundPlayer,
    create_player,
    cues_are_visual,
    factory,
)
from stretchtui.audio.alsa import silence_alsa_errors
from stretchtui.audio.deferred import DeferredPlayer
from stretchtui.config import Settings, SoundMode
from stretchtui.cues import Cue
from stretchtui.kinds import CueKind
from stretchtui.paths import resolve_paths
from stretchtui.services import open_services

from .helpers import sound_check_plan

NO_DEVICE_NOTICE = (
    "No sound device found: cues are visual only "
    "(set sound: bell in config.yaml for the terminal bell)."
)


class FakePlayback:
    def __init__(self) -> None:
        self.stopped = False

    def wait_done(self) -> None:
        return None

    def stop(self) -> None:
        self.stopped = True


def fake_simpleaudio(*, has_device: bool = True) -> ModuleType:
    module = ModuleType("simpleaudio")
    module.buffers = []  # type: ignore[attr-defined]

    def play_buffer(data: bytes, channels: int, width: int, rate: int) -> FakePlayback:
        if not has_device:
            raise RuntimeError("Error opening PCM device. -- CODE: -19 -- MSG: No such device")
        module.buffers.append((data, channels, width, rate))
        return FakePlayback()

    module.play_buffer = play_buffer  # type: ignore[attr-defined]
    return module


def fake_command(folder: Path, name: str, exit_code: int = 0) -> Path:
    """A stand-in system player that logs its arguments and exits with exit_code."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    log = folder / f"{name}.log"
    path.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\nexit {exit_code}\n', encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def only(**commands: Path) -> Any:
    return lambda name: str(commands[name]) if name in commands else None


def nothing() -> None:
    return None


def no_terminal() -> None:
    return None


def must_not_probe() -> ModuleType:
    raise AssertionError("the sound device should not be probed")


def _cue(kind: CueKind, index: int = 0, offset: float = 0.0) -> Cue:
    return Cue(kind, sound_check_plan().segments[index], offset)


def _close(player: SoundPlayer) -> None:
    player.close()


def test_simpleaudio_is_chosen_when_it_can_play() -> None:
    module = fake_simpleaudio()
    player = create_player(Settings(), load_simpleaudio=lambda: module, which=only())
    assert player.name == "simpleaudio"
    assert player.notice is None
    player.play(_cue(CueKind.SEGMENT_START))
    assert isinstance(player, CuePlayer)
    player.wait_idle()
    _close(player)
    # The probe's quiet milliseconds, then the start sound at 16-bit mono.
    assert set(module.buffers[0][0]) == {0}
    assert module.buffers[1][1:3] == (1, 2)


def test_a_system_player_is_chosen_when_simpleaudio_is_missing(tmp_path: Path) -> None:
    aplay = fake_command(tmp_path / "bin", "aplay")
    player = create_player(Settings(), load_simpleaudio=nothing, which=only(aplay=aplay))
    assert player.name == "aplay"
    assert player.notice is None
    _close(player)


def test_a_system_player_is_chosen_when_simpleaudio_has_no_device(tmp_path: Path) -> None:
    paplay = fake_command(tmp_path / "bin", "paplay")
    player = create_player(
        Settings(),
        load_simpleaudio=lambda: fake_simpleaudio(has_device=False),
        which=only(paplay=paplay),
    )
    assert player.name == "paplay"
    _close(player)


def test_a_system_player_that_fails_its_probe_is_passed_over(tmp_path: Path) -> None:
    paplay = fake_command(tmp_path / "bin", "paplay", exit_code=1)
    aplay = fake_command(tmp_path / "bin", "aplay")
    player = create_player(
        Settings(), load_simpleaudio=nothing, which=only(paplay=paplay, aplay=aplay)
    )
    assert player.name == "aplay"
    _close(player)


def test_system_player_gets_the_cue_sound_file(tmp_path: Path) -> None:
    aplay = fake_command(tmp_path / "bin", "aplay")
    player = create_player(Settings(), load_simpleaudio=nothing, which=only(aplay=aplay))
    assert isinstance(player, CuePlayer)
    player.play(_cue(CueKind.SEGMENT_START))
    player.wait_idle()
    player.close()
    lines = (tmp_path / "bin" / "aplay.log").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("-q ") and lines[0].endswith("probe.wav")
    assert lines[-1].startswith("-q ") and lines[-1].endswith("start.wav")


def test_no_player_at_all_means_visual_cues_and_no_bell_even_with_a_terminal() -> None:
    terminal = io.StringIO()
    player = create_player(
        Settings(), load_simpleaudio=nothing, which=only(), terminal=lambda: terminal
    )
    assert isinstance(player, SilentPlayer) and player.visual
    assert cues_are_visual(player)
    assert player.notice is not None and player.notice.startswith("No sound player found")
    player.play(_cue(CueKind.SEGMENT_START))
    assert terminal.getvalue() == ""


def test_no_device_and_no_terminal_is_silent_with_one_calm_notice(tmp_path: Path) -> None:
    aplay = fake_command(tmp_path / "bin", "aplay", exit_code=1)
    player = create_player(
        Settings(),
        load_simpleaudio=lambda: fake_simpleaudio(has_device=False),
        which=only(aplay=aplay),
        terminal=no_terminal,
    )
    assert isinstance(player, SilentPlayer)
    assert player.notice == NO_DEVICE_NOTICE


def test_no_device_in_a_quiet_office_flashes_instead_of_ringing_the_bell() -> None:
    terminal = io.StringIO()
    player = create_player(
        Settings(),
        load_simpleaudio=lambda: fake_simpleaudio(has_device=False),
        which=only(),
        terminal=lambda: terminal,
    )
    assert isinstance(player, SilentPlayer) and cues_are_visual(player)
    # Said once, with how to change it.
    assert player.notice == NO_DEVICE_NOTICE
    for kind in (CueKind.SEGMENT_START, CueKind.SWITCH_SIDES, CueKind.SESSION_DONE):
        player.play(_cue(kind, 1))
    assert terminal.getvalue() == ""


def test_a_deferred_choice_of_visual_cues_is_known_once_made() -> None:
    deferred = DeferredPlayer(lambda: SilentPlayer("none here", visual=True))
    assert cues_are_visual(deferred)
    assert not cues_are_visual(DeferredPlayer(SilentPlayer))


def test_no_sound_flag_plays_nothing_and_says_nothing() -> None:
    player = create_player(
        Settings(), enabled=False, load_simpleaudio=must_not_probe, terminal=io.StringIO
    )
    assert isinstance(player, SilentPlayer)
    assert player.notice is None
    assert not cues_are_visual(player)


def test_sound_off_in_the_config_is_silent_without_a_notice() -> None:
    player = create_player(
        Settings(sound=SoundMode.OFF), load_simpleaudio=must_not_probe, terminal=io.StringIO
    )
    assert isinstance(player, SilentPlayer)
    assert player.notice is None


def test_sound_bell_in_the_config_rings_the_bell_without_probing_devices() -> None:
    terminal = io.StringIO()
    player = create_player(
        Settings(sound=SoundMode.BELL), load_simpleaudio=must_not_probe, terminal=lambda: terminal
    )
    assert player.name == "bell"
    assert player.notice is None
    assert not cues_are_visual(player)
    player.play(_cue(CueKind.SWITCH_SIDES, 1))
    assert isinstance(player, CuePlayer)
    player.wait_idle()
    assert terminal.getvalue() == "\a"


def test_sound_bell_without_a_terminal_says_cues_are_visual_only() -> None:
    player = create_player(Settings(sound=SoundMode.BELL), terminal=no_terminal)
    assert isinstance(player, SilentPlayer)
    assert player.notice == "No terminal to ring the bell: cues will be visual only."


def test_missing_sound_files_give_a_clear_notice_not_a_traceback(tmp_path: Path) -> None:
    player = create_player(
        Settings(),
        sounds_dir=tmp_path / "nowhere",
        load_simpleaudio=must_not_probe,
        terminal=no_terminal,
    )
    assert isinstance(player, SilentPlayer)
    assert player.notice is not None
    assert player.notice.startswith("Cue sounds are missing (")
    assert "start.wav" in player.notice
    assert player.notice.endswith(
        "cues are visual only (set sound: bell in config.yaml for the terminal bell)."
    )


def test_spoken_cues_without_espeak_play_tones_and_say_why() -> None:
    player = create_player(Settings(speak=True), load_simpleaudio=fake_simpleaudio, which=only())
    assert player.name == "simpleaudio"
    assert player.notice == (
        "Spoken cues need espeak-ng, which is not installed: playing tones instead."
    )
    _close(player)


def test_spoken_cues_go_through_espeak_ng_when_installed(tmp_path: Path) -> None:
    espeak = fake_command(tmp_path / "bin", "espeak-ng")
    player = create_player(
        Settings(speak=True, volume=40),
        load_simpleaudio=fake_simpleaudio,
        which=only(**{"espeak-ng": espeak}),
    )
    assert isinstance(player, CuePlayer)
    assert player.notice is None
    cue = _cue(CueKind.SWITCH_SIDES, 1)
    player.play(cue)
    player.wait_idle()
    assert player.speaker is not None
    assert player.speaker.wait(timeout=10)
    player.close()
    said = (tmp_path / "bin" / "espeak-ng.log").read_text(encoding="utf-8")
    assert said == f"-a 40 -- {cue.text}\n"


def test_open_terminal_never_rings_into_a_redirected_stdout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_tty(*args: object, **kwargs: object) -> None:
        raise OSError("no controlling terminal")

    monkeypatch.setattr(factory, "open", no_tty, raising=False)
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert factory.open_terminal() is None


def test_services_with_no_sound_get_a_silent_player_and_no_sound_notice() -> None:
    services = open_services(resolve_paths(), sound=False)
    try:
        assert isinstance(services.player, SilentPlayer)
        assert not any("sound" in warning.lower() for warning in services.warnings)
    finally:
        services.close()


@pytest.mark.skipif(ctypes.util.find_library("asound") is None, reason="needs libasound")
def test_alsa_error_handler_installs_once() -> None:
    assert silence_alsa_errors()
    assert silence_alsa_errors()
