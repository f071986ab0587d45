"""End to end in a real terminal: the menu, a desk session, pause, skip, summary and history.

Runs the installed `stretchtui` inside tmux, presses keys as a person would and
reads the screen back with capture-pane, at 80x24 and at 40x12.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.renderables.digits import DIGITS, DIGITS3X3, DIGITS3X3_BOLD

from .big_letters import three_row_words
from .tmux import Terminal, stretchtui_command

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        shutil.which("tmux") is None,
        reason="tmux is not installed (scripts/setup installs it for the end-to-end tests)",
    ),
]

PAUSE_LOOK_SECONDS = 1.5


def _glyph_table() -> dict[tuple[str, str, str], str]:
    """Textual's three-row pictures of each digit and the colon, in its bold and light fonts."""
    table: dict[tuple[str, str, str], str] = {}
    for font in (DIGITS3X3_BOLD, DIGITS3X3):
        for index, character in enumerate(DIGITS):
            if character in "0123456789:":
                top, middle, bottom = (font[index * 3 + row].ljust(3) for row in range(3))
                table[(top, middle, bottom)] = character
    return table


GLYPHS = _glyph_table()
CLOCK = re.compile(r"\d+:\d\d(:\d\d)?")


def _read_digits(rows: list[str], column: int) -> str:
    """The big characters that start at `column` of these three rows, up to the first other."""
    text = ""
    while True:
        start = column + 3 * len(text)
        picture = (
            rows[0][start : start + 3],
            rows[1][start : start + 3],
            rows[2][start : start + 3],
        )
        character = GLYPHS.get(picture)
        if character is None:
            return text
        text += character


def countdown(screen: str) -> str | None:
    """The big countdown read back as text ('0:35'), or None when none is on screen."""
    lines = screen.splitlines()
    for row in range(1, len(lines) - 1):
        if ":" not in lines[row]:
            continue
        rows = [line.ljust(len(lines[row]) + 3) for line in lines[row - 1 : row + 2]]
        for column in range(len(lines[row])):
            text = _read_digits(rows, column)
            if CLOCK.fullmatch(text):
                return text
    return None


def seconds(clock: str | None) -> int:
    assert clock is not None
    total = 0
    for part in clock.split(":"):
        total = total * 60 + int(part)
    return total


def time_left(screen: str) -> str | None:
    """The session's time left from the top line, e.g. '33s' or '1m 08s'."""
    found = re.search(r"· (.+?) left", screen)
    return found.group(1) if found else None


@dataclass(frozen=True)
class Case:
    width: int
    height: int
    routine_id: str
    name: str
    menu_line: str  # shown only while this routine is highlighted in the menu


CASES = [
    Case(80, 24, "desk-coffee-break", "Morning coffee break", "Micro-session · 35s · 1 stretch"),
    Case(40, 12, "desk-midday", "Mid-day", "Standing · 38s · 1 stretch"),
]


@pytest.fixture
def quiet_config(isolated_dirs: dict[str, Path]) -> dict[str, Path]:
    # The bare command has no --no-sound; the settings file is how a person silences it.
    (isolated_dirs["config"] / "config.yaml").write_text("sound: off\n")
    return isolated_dirs


@pytest.fixture
def terminal_factory() -> Iterator[list[Terminal]]:
    opened: list[Terminal] = []
    yield opened
    for terminal in opened:
        terminal.close()


def open_terminal(opened: list[Terminal], case: Case) -> Terminal:
    terminal = Terminal(case.width, case.height, os.environ)
    opened.append(terminal)
    terminal.start(stretchtui_command(), record_exit=True)
    return terminal


PHASES = re.compile(r"^ *(WARM-UP|GET READY|HOLD|MOVE|SWITCH SIDES|REST)\b.*$", re.MULTILINE)


def phase(screen: str) -> str | None:
    """The session's phase title line ('HOLD', 'SWITCH SIDES', ...), if one is shown."""
    found = PHASES.search(screen)
    return found.group(0).strip() if found else None


def paused_big(screen: str) -> bool:
    """PAUSED stands in block letters where the countdown was."""
    return any(word.startswith("PAUSED") for word in three_row_words(screen))


def left_phase(before: str | None) -> Callable[[str], bool]:
    return lambda screen: "Session complete" in screen or phase(screen) != before


def skip_to_summary(terminal: Terminal) -> str:
    shown = terminal.screen()
    for _ in range(10):
        if "Session complete" in shown:
            return shown
        before = phase(shown)
        terminal.press("n")
        # One skip at a time: a second n that reached the summary would answer its question.
        shown = terminal.wait_until(left_phase(before), 3, "the next segment")
    raise AssertionError(f"ten skips did not reach the summary; the screen shows:\n{shown}")


def routine_line(screen: str) -> str | None:
    """The line that describes the highlighted routine ('Seated · 35s · 1 stretch'), if shown."""
    found = re.search(r"\w+ · [^·│]+ · \d+ stretch", screen)
    return found.group(0) if found else None


def left_routine(before: str | None) -> Callable[[str], bool]:
    return lambda screen: routine_line(screen) != before


def highlight(terminal: Terminal, case: Case) -> None:
    shown = terminal.screen()
    for _ in range(12):
        if case.menu_line in shown:
            return
        before = routine_line(shown)
        terminal.press("Down")
        # The highlight moves a moment before the description follows it; pressing again
        # before the description changes would count one routine twice.
        shown = terminal.wait_until(left_routine(before), 3, "the next routine")
    raise AssertionError(f"{case.name} never became highlighted; the screen shows:\n{shown}")


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.width}x{c.height}-{c.routine_id}")
def test_desk_session_from_menu_through_pause_and_skips_to_summary_and_history(
    case: Case, quiet_config: dict[str, Path], terminal_factory: list[Terminal]
) -> None:
    terminal = open_terminal(terminal_factory, case)
    terminal.wait_for("Micro-sessions through the day", timeout=15)

    highlight(terminal, case)
    terminal.press("Enter")
    first = terminal.wait_until(lambda s: countdown(s) is not None, 5, "the countdown")

    moved = terminal.wait_until(
        lambda s: countdown(s) not in (None, countdown(first)), 3, "the countdown to move"
    )
    assert seconds(countdown(moved)) < seconds(countdown(first))

    terminal.press("Space")
    # The banner and the footer's Resume key both show before the screen is still.
    paused = terminal.wait_until(
        lambda s: "PAUSED" in s and "Resume" in s, 3, "the paused banner and the Resume key"
    )
    time.sleep(PAUSE_LOOK_SECONDS)
    still = terminal.screen()
    assert paused_big(still) and countdown(still) is None
    assert time_left(still) == time_left(paused) is not None
    assert still == paused, "something moved on the screen while paused"

    terminal.press("Space")
    # The digits again, and moving: time left goes down from where the pause held it.
    terminal.wait_until(
        lambda s: (
            "PAUSED" not in s
            and countdown(s) is not None
            and time_left(s) not in (None, time_left(paused))
        ),
        3,
        "the countdown to move again after resuming",
    )

    summary = skip_to_summary(terminal)
    assert "Well done" in summary
    assert "Stretches done" in summary
    assert "(skipped)" in summary
    assert "Paused" in summary

    # The summary ignores keys for a moment (a late skip must not answer the check-in);
    # the footer shows its keys once they work.
    terminal.wait_for("Done")
    terminal.press("1")
    terminal.press("d")
    terminal.wait_for("Micro-sessions through the day")
    terminal.press("q")
    assert terminal.wait_for_exit() == 0

    listed = subprocess.run(
        [*stretchtui_command(), "history", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    (session,) = json.loads(listed.stdout)
    assert session["routine_id"] == case.routine_id
    assert session["routine_name"] == case.name
    assert session["status"] == "completed"
    assert session["paused_seconds"] >= PAUSE_LOOK_SECONDS - 0.5
    assert session["feeling"] == "better"
