"""Every terminal, for real: a dumb one gets plain lines and no escape sequence at all, a
C-locale one gets ASCII in every cell, in tmux as a person would see them."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from .tmux import Terminal, stretchtui_command

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        shutil.which("tmux") is None,
        reason="tmux is not installed (scripts/setup installs it for the end-to-end tests)",
    ),
]

# The pane's program waits for this file, so that the recording starts before its first byte.
WAIT_FOR_GO = 'while [ ! -e "$0" ]; do sleep 0.02; done; exec "$@"'

BROKEN = """\
name: Lunchtime loosener
level: desk
steps:
  - name: Seated twist
    hold: 20s
     how: Turn gently to one side.
"""


@pytest.fixture
def terminals() -> Iterator[list[Terminal]]:
    opened: list[Terminal] = []
    yield opened
    for terminal in opened:
        terminal.close()


def recorded(
    terminals: list[Terminal], width: int, height: int, *command: str
) -> tuple[Terminal, Path]:
    """A terminal running `command`, every byte it writes also kept in the file returned."""
    terminal = Terminal(width, height, os.environ, label="terms")
    terminals.append(terminal)
    go = terminal.workdir / "go"
    raw = terminal.workdir / "raw"
    terminal.start(["sh", "-c", WAIT_FOR_GO, str(go), *command], record_exit=True)
    terminal.tmux("pipe-pane", "-o", "-t", "main", f"cat >> '{raw}'")
    go.touch()
    return terminal, raw


def test_dumb_terminal_runs_plain_with_one_line_saying_so_and_no_escapes(
    terminals: list[Terminal],
) -> None:
    terminal, raw = recorded(
        terminals,
        80,
        24,
        "env",
        "TERM=dumb",
        *stretchtui_command(),
        "run",
        "desk-midday",
        "--speed",
        "20",
        "--no-sound",
    )
    terminal.wait_for("Session complete.", timeout=40)
    assert terminal.wait_for_exit(timeout=20) == 0
    written = raw.read_bytes()
    first = written.lstrip().split(b"\r\n")[0]
    assert first == b"stretchtui: plain mode, as TERM=dumb cannot draw the full screen."
    assert b"[00:00] Get ready: Standing Torso Twist (RIGHT side)." in written
    # No mouse tracking, alternate screen, colour or cursor movement reaches it.
    assert b"\x1b" not in written


def test_dumb_terminal_menu_is_a_numbered_list_and_a_prompt(terminals: list[Terminal]) -> None:
    terminal, raw = recorded(
        terminals,
        80,
        24,
        "env",
        "TERM=dumb",
        *stretchtui_command(),
    )
    screen = terminal.wait_for("Routine number, 1-7 (Enter to leave):", timeout=20)
    assert "stretchtui: plain mode, as TERM=dumb cannot draw the full screen." in screen
    assert "  5. Mid-day (desk, 38s) [desk-midday]" in screen
    terminal.press("5", "Enter")
    terminal.wait_for("Get ready: Standing Torso Twist", timeout=20)
    terminal.press("q")
    terminal.wait_for("How does your back feel now?", timeout=10)
    terminal.press("Enter")  # no check-in this time
    terminal.wait_for("Did you feel any sharp pain", timeout=10)
    terminal.press("Enter")
    assert terminal.wait_for_exit(timeout=20) == 0
    assert b"\x1b" not in raw.read_bytes()


def ascii_only(screen: str) -> list[str]:
    """The rows of `screen` that hold anything but ASCII (none, in a C-locale terminal)."""
    return [row for row in screen.splitlines() if not row.isascii()]


@pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=["80x24", "40x12"])
def test_c_locale_menu_and_broken_file_preview_are_all_ascii(
    terminals: list[Terminal], isolated_dirs: dict[str, Path], size: tuple[int, int]
) -> None:
    routines = isolated_dirs["config"] / "routines"
    routines.mkdir()
    (routines / "lunchtime-loosener.yaml").write_text(BROKEN)
    terminal, raw = recorded(terminals, *size, "env", "LC_ALL=C", *stretchtui_command())
    screen = terminal.wait_for("Levels" if size[1] > 12 else "Beginner", timeout=20)
    assert ascii_only(screen) == []
    assert "?" not in screen.replace("? Keys", ""), screen  # no stand-in for a glyph
    terminal.press("End")
    # The line under the list (narrow) or the preview (wide) explains the file.
    screen = terminal.wait_for("its spaces", timeout=10)
    assert ascii_only(screen) == []
    assert "?" not in screen.replace("? Keys", ""), screen  # no stand-in for a glyph
    # The list keeps the highlighted entry in view as the line under it grows.
    screen = terminal.wait_for("x lunchtime-loosener.yaml:6", timeout=10)
    assert ascii_only(screen) == []
    if size == (80, 24):
        screen = terminal.wait_for("    |      ^", timeout=10)
        assert "  6 |      how: Turn gently to..." in screen, screen
        assert "+--" in screen  # the borders, drawn in ASCII
        assert "Enter Start" in screen
    terminal.press("q")
    assert terminal.wait_for_exit(timeout=20) == 0
    assert raw.read_bytes().isascii()


def test_c_locale_session_is_all_ascii(terminals: list[Terminal]) -> None:
    terminal, raw = recorded(
        terminals,
        80,
        24,
        "env",
        "LC_ALL=C",
        *stretchtui_command(),
        "run",
        "desk-midday",
        "--no-sound",
    )
    screen = terminal.wait_for("GET READY", timeout=20)
    assert ascii_only(screen) == []
    terminal.press("?")
    screen = terminal.wait_for("skip to the next part", timeout=10)
    assert ascii_only(screen) == []
    terminal.press("Escape")
    terminal.press("q")
    terminal.wait_for("End", timeout=10)
    terminal.press("y")
    terminal.wait_until(lambda shown: "GET READY" not in shown, 20, "the summary")
    assert ascii_only(terminal.screen()) == []
    assert raw.read_bytes().isascii()
