"""In a real terminal with no sound device, not one ALSA message reaches the screen."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from audio.test_alsa import needs_alsa, no_device_home

REPO = Path(__file__).resolve().parents[2]
STRETCHTUI = REPO / ".venv" / "bin" / "stretchtui"

pytestmark = [
    pytest.mark.e2e,
    needs_alsa,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux"),
    pytest.mark.skipif(not STRETCHTUI.exists(), reason="needs the app installed in .venv"),
]


def test_plain_run_without_a_sound_device_shows_no_alsa_text(tmp_path: Path) -> None:
    home = tmp_path / "home"
    no_device_home(home)
    socket = f"audio-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    config = tmp_path / "tmux.conf"
    config.write_text("set -g remain-on-exit on\nset -g status off\n", encoding="utf-8")
    env = {**os.environ, "HOME": str(home)}
    env.pop("ALSA_CONFIG_PATH", None)

    def tmux(*args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", socket, "-f", str(config), *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout

    def capture() -> str:
        return tmux("capture-pane", "-p", "-S", "-200", "-t", "quiet")

    # The exit status is printed rather than read from tmux: tmux 3.3a here sometimes
    # leaves the finished program unreaped, with its pane dead but no status.
    command = f"{STRETCHTUI} run desk-midday --plain --speed 10; echo EXIT=$?"
    tmux("new-session", "-d", "-s", "quiet", "-x", "100", "-y", "40", command)
    try:
        deadline = time.monotonic() + 60
        while not (found := re.search(r"^EXIT=(\d+)$", screen := capture(), re.MULTILINE)):
            assert time.monotonic() < deadline, screen
            time.sleep(0.1)
        status = found.group(1)
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], env=env, check=False)

    assert status == "0", screen
    assert "Mid-day" in screen, screen
    assert "No sound device found" in screen, screen
    assert "ALSA" not in screen, screen
    assert "snd_" not in screen, screen
    assert "Traceback" not in screen, screen
