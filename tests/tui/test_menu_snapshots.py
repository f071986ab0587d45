"""The menu with a broken routine file highlighted, at every size: its entry and its preview."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from .conftest import AppFactory

SIZES = [
    pytest.param((40, 12), id="40x12"),
    pytest.param((80, 24), id="80x24"),
    pytest.param((120, 40), id="120x40"),
    pytest.param((200, 60), id="200x60"),
]

BROKEN = """\
name: Lunchtime loosener
level: desk
steps:
  - name: Seated twist
    hold: 20s
     how: Turn gently to one side.
"""


async def highlight_last(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    options = pilot.app.screen.query_one("#routines", OptionList)
    options.highlighted = options.option_count - 1
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_menu_with_a_broken_file(
    snap_compare: Any,
    make_app: AppFactory,
    isolated_dirs: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
) -> None:
    # Paths show relative to where the app was started: the snapshot never holds a temp path.
    monkeypatch.chdir(isolated_dirs["config"].parent)
    routines = isolated_dirs["config"] / "routines"
    routines.mkdir()
    (routines / "my-lunchtime-loosener-for-the-office.yaml").write_text(BROKEN)
    assert snap_compare(make_app(), terminal_size=size, run_before=highlight_last)
