"""A hostile settings file: a clear warning and the defaults, never a hang or a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from stretchtui.config import Settings, load_settings


def test_a_missing_settings_file_means_the_defaults(tmp_path: Path) -> None:
    loaded = load_settings(tmp_path / "config.yaml")
    assert loaded.settings == Settings()
    assert loaded.warnings == ()


def test_a_fifo_as_settings_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "config.yaml")
    loaded = load_settings(tmp_path / "config.yaml")
    assert loaded.settings == Settings()
    (warning,) = loaded.warnings
    assert warning.endswith(
        "config.yaml: not a regular file (a named pipe (FIFO)); expected a settings file; "
        "using defaults"
    )


def test_a_symlink_loop_as_settings_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "config.yaml").symlink_to("config.yaml")
    (warning,) = load_settings(tmp_path / "config.yaml").warnings
    assert "a symbolic link that points back to itself; using defaults" in warning


def test_a_number_too_long_to_read_is_a_warning_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("volume: " + "9" * 5000 + "\n")
    loaded = load_settings(path)
    assert loaded.settings == Settings()
    (warning,) = loaded.warnings
    assert warning.endswith(
        "config.yaml: a value is not readable (a number too long, or no such date); using defaults"
    )


def test_a_long_value_is_quoted_on_one_short_line(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text('sound: "' + "y" * 500 + '"\n' + "z" * 300 + ": 1\n")
    warnings = load_settings(path).warnings
    assert len(warnings) == 2
    for warning in warnings:
        assert len(warning) < len(str(path)) + 200, warning


def test_stats_with_a_hostile_settings_file_warns_and_goes_on(
    isolated_dirs: dict[str, Path],
) -> None:
    (isolated_dirs["config"] / "config.yaml").write_text(
        "volume: " + "9" * 5000 + '\ntheme: "\\e[2J[b]x"\n'
    )
    done = subprocess.run(
        [sys.executable, "-m", "stretchtui", "stats"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0
    assert "Traceback" not in done.stderr
    assert "a value is not readable" in done.stderr
    assert done.stdout.startswith("Streak: 0")


def test_an_escape_in_a_settings_value_is_spelled_out(
    isolated_dirs: dict[str, Path],
) -> None:
    (isolated_dirs["config"] / "config.yaml").write_text('sound: "\\e[2J[b]x"\n')
    done = subprocess.run(
        [sys.executable, "-m", "stretchtui", "stats"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0
    assert "\x1b" not in done.stderr
    assert "sound: expected on, off or bell, got '\\x1b[2J[b]x'" in done.stderr
