"""The menu's first frame comes soon after start (issue 12: first paint near a bare Textual app).

Start-up time is measured by `benchmarks/startup.py`, never asserted here; what is
pinned is what keeps it short: the menu is the app's first screen (composed with the
app, its first frame goes out, where a screen pushed from `on_mount` is drawn inside
Textual's start-up batch, thrown away, and drawn again after the first resize), the
collector waits until that frame has gone, and nothing the menu shows only a moment
later (the history, the preview's routine file, the sound, the other screens and their
styles) is imported or parsed before it.
"""

from __future__ import annotations

import gc
import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from textual import events
from textual.widget import Widget
from textual.widgets import OptionList

from stretchtui import cli
from stretchtui.cli.context import CliContext
from stretchtui.paths import AppPaths
from stretchtui.routines import Level
from stretchtui.tui.app import SCREEN_STYLES, StretchApp
from stretchtui.tui.screens.menu import DESK_LEVEL, MenuScreen

from .conftest import AppFactory

# Loaded only once the menu has painted (or when first needed).
NOT_BEFORE_FIRST_PAINT = (
    "argparse",
    "yaml",
    "sqlite3",
    "hashlib",
    "ctypes",
    "wave",
    "stretchtui.history",
    "stretchtui.records",
    "stretchtui.resume",
    "stretchtui.routines.loader",
    "stretchtui.routines.model",
    "stretchtui.plan",
    "stretchtui.cues",
    "stretchtui.figures",
    "stretchtui.audio.cue_player",
    "stretchtui.audio.outputs",
    "stretchtui.cli.routines_cmd",
    "stretchtui.cli.run_cmd",
    "stretchtui.tui.screens.session",
    "stretchtui.tui.screens.summary",
    "stretchtui.tui.screens.first_run",
)

PROBE = """
import gc, json, sys
from stretchtui.tui.app import SCREEN_STYLES, StretchApp

display = StretchApp._display

def first_frame(self, screen, renderable):
    painted = self._painted
    display(self, screen, renderable)
    if self._painted and not painted:
        with open(sys.argv[1], "w") as out:
            styles = [str(path) for path, _ in self.stylesheet.source]
            json.dump({"modules": sorted(sys.modules), "gc_enabled": gc.isenabled(),
                       "screen": type(screen).__name__, "styles": styles}, out)
        self.exit(0)

StretchApp._display = first_frame
from stretchtui.entry import main
code = main([])
with open(sys.argv[1] + ".after", "w") as out:
    json.dump({"code": code, "gc_enabled": gc.isenabled()}, out)
"""


def run_menu_in_a_terminal(home: Path, report: Path) -> None:
    """`stretchtui` on a pseudo-terminal of its own (80x24), until its first frame."""
    env = {key: value for key, value in os.environ.items() if key not in ("COLUMNS", "LINES")}
    env.update(
        TERM="xterm-256color",
        STRETCHTUI_CONFIG_DIR=str(home / "config"),
        STRETCHTUI_DATA_DIR=str(home / "data"),
        STRETCHTUI_CACHE_DIR=str(home / "cache"),
    )
    env.pop("TEXTUAL_DRIVER", None)
    master, slave = pty.openpty()
    os.set_blocking(master, False)
    child = subprocess.Popen(
        [sys.executable, "-c", PROBE, str(report)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    output = b""
    deadline = time.monotonic() + 60
    try:
        while child.poll() is None and time.monotonic() < deadline:
            # Keep reading: a terminal nobody reads would block the app's writes.
            if select.select([master], [], [], 0.1)[0]:
                try:
                    output += os.read(master, 65536)
                except OSError:
                    break
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
        os.close(master)
    assert report.exists(), output.decode(errors="replace")[-2000:]


def test_nothing_the_menu_shows_later_is_imported_before_its_first_frame(tmp_path: Path) -> None:
    report = tmp_path / "first-frame.json"
    # The first run fills the routine cache (it reads the bundled files with YAML), as
    # on any day but the very first.
    run_menu_in_a_terminal(tmp_path, report)
    report.unlink()
    run_menu_in_a_terminal(tmp_path, report)

    first = json.loads(report.read_text())
    loaded = set(first["modules"])
    early = {
        name
        for name in loaded
        if any(name == never or name.startswith(f"{never}.") for never in NOT_BEFORE_FIRST_PAINT)
    }
    assert early == set()
    # The other screens' styles are parsed only after it, the menu's before.
    styles = {Path(source).name for source in first["styles"]}
    assert "app.tcss" in styles
    assert SCREEN_STYLES.name not in styles
    # The probe is real: it saw the menu's own frame, drawn by Textual.
    assert first["screen"] == "MenuScreen"
    assert {"textual", "stretchtui.tui.screens.menu"} <= loaded
    # The collector waited for that frame, and works again once the app has ended.
    assert first["gc_enabled"] is False
    after = json.loads(Path(f"{report}.after").read_text())
    assert after == {"code": 0, "gc_enabled": True}


async def test_the_menu_is_the_first_screen_and_collection_resumes_after_its_frame(
    make_app: AppFactory,
) -> None:
    app = make_app()
    called: list[bool] = []
    app.after_first_paint(lambda: called.append(app.screen.is_mounted))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # Not pushed over Textual's blank default screen: it is the default screen.
        assert len(app.screen_stack) == 1
        assert isinstance(app.screen, MenuScreen)
        assert called == [True]


async def test_a_session_started_from_the_command_line_is_pushed_over_a_blank_screen(
    make_app: AppFactory,
) -> None:
    app = make_app("desk-midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert len(app.screen_stack) == 2
        assert not any(isinstance(screen, MenuScreen) for screen in app.screen_stack)


def test_the_collector_is_enabled_again_if_the_app_fails_to_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stretchtui.tui import launch

    seen: dict[str, object] = {}

    def failing_run_app(*args: object, after_first_paint: object = None, **kwargs: object) -> int:
        seen["gc_enabled"] = gc.isenabled()
        seen["after_first_paint"] = after_first_paint
        raise RuntimeError("no terminal")

    monkeypatch.setattr(launch, "run_app", failing_run_app)
    monkeypatch.setattr("stretchtui.fullscreen.plain_reason", lambda *_: None)
    context = CliContext(AppPaths(tmp_path / "c", tmp_path / "d", tmp_path / "cache"))
    assert gc.isenabled()
    with pytest.raises(RuntimeError, match="no terminal"):
        cli.default_command(context)
    assert seen == {"gc_enabled": False, "after_first_paint": gc.enable}
    assert gc.isenabled()


def focused(app: StretchApp) -> Widget | None:
    return app.screen.focused


def test_the_menus_desk_level_is_the_models() -> None:
    assert Level.DESK.value == DESK_LEVEL


async def test_the_list_takes_the_focus_when_the_app_gets_it_with_nothing_focused(
    make_app: AppFactory,
) -> None:
    """A page that starts blurred (textual-serve's) can blur the app before the menu, its
    first screen, has focused its list: the list must have the focus once the page does."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.set_focus(None)  # blurred before the list was ever focused
        app.post_message(events.AppBlur())
        await pilot.pause()
        routines = app.screen.query_one("#routines", OptionList)
        assert app.screen.focused is None
        app.post_message(events.AppFocus())
        await pilot.pause()
        assert focused(app) is routines
        await pilot.press("end")
        assert routines.highlighted == routines.option_count - 1


async def test_the_other_screens_styles_are_read_after_the_first_frame_and_before_a_screen(
    make_app: AppFactory,
) -> None:
    def read(app: StretchApp) -> bool:
        return app.stylesheet.has_source(str(SCREEN_STYLES.resolve()), "")

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert read(app)  # just after the menu's first frame
    # Straight into a session (`stretchtui run`): before its screen is shown.
    app = make_app("desk-midday")
    async with app.run_test(size=(80, 24)) as pilot:
        assert read(app)
        await pilot.pause()
        assert app.screen.query_one("#stage").styles.padding.left == 2  # screens.tcss
