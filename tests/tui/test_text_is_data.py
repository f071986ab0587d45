"""Brackets in a routine are its words: every screen shows them verbatim, never as markup."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from textual.widgets import OptionList, Static

from stretchtui.history import HistoryStore
from stretchtui.tui.app import StretchApp
from stretchtui.tui.screens.history import HistoryScreen, SessionDetailScreen
from stretchtui.tui.screens.menu import MenuScreen
from stretchtui.tui.screens.session import SessionScreen
from stretchtui.tui.screens.summary import SummaryScreen

AppFactory = Callable[..., StretchApp]

# id -> (name, how): each would be eaten, or crash the screen, if it were read as markup.
HOSTILE: dict[str, tuple[str, str]] = {
    "easy": ("Morning [easy] stretch", "Sit [tall] and breathe"),
    "bold": ("[b]B[/b] x", "how [i]"),
    "close": ("[/]", "[/]"),
    "link": ("Link [x]", "[link=file:///etc/passwd]x[/link]"),
    "long": ("[b]" + "a" * 40 + "[/b]", "[@click=app.quit]quit[/]"),
    "emoji": (":thumbs_up: stretch", ":smile: [@click=app.quit]"),
}


def routine_yaml(name: str, how: str) -> str:
    return (
        f"name: {name!r}\nlevel: desk\nsummary: 'About [this]'\n"
        f"steps:\n  - name: {('Fold ' + name)!r}\n    how: {how!r}\n    hold: 3s\n"
    )


def write_hostile(config: Path) -> None:
    routines = config / "routines"
    routines.mkdir(exist_ok=True)
    for routine_id, (name, how) in HOSTILE.items():
        (routines / f"{routine_id}.yaml").write_text(routine_yaml(name, how))


def plain(widget: Static) -> str:
    """What a widget shows, as plain text (read through the widget, as the screen would)."""
    if isinstance(widget.content, str):
        return str(widget.render())
    console = Console(width=200, file=io.StringIO(), color_system=None)
    with console.capture() as capture:
        console.print(widget.content)
    return capture.get()


def option_texts(app: StretchApp) -> list[str]:
    options = app.screen.query_one("#routines", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_menu_lists_bracketed_names_verbatim(
    make_app: AppFactory, isolated_dirs: dict[str, Path]
) -> None:
    write_hostile(isolated_dirs["config"])
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MenuScreen)
        texts = option_texts(app)
        for routine_id in ("easy", "bold", "close", "link", "emoji"):
            name = HOSTILE[routine_id][0]
            assert any(text.startswith(name) for text in texts), (name, texts)
        # Cut as text: 25 characters and an ellipsis, no half tag left to parse.
        assert any(text.startswith("[b]" + "a" * 22 + "…") for text in texts), texts


async def test_preview_shows_name_summary_and_stretch_verbatim(
    make_app: AppFactory, isolated_dirs: dict[str, Path]
) -> None:
    write_hostile(isolated_dirs["config"])
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#routines", OptionList)
        index = next(i for i, text in enumerate(option_texts(app)) if text.startswith("[/]"))
        options.highlighted = index
        await pilot.pause()
        shown = plain(app.screen.query_one("#preview", Static))
        assert "[/]\n" in shown
        assert "About [this]" in shown
        assert "Fold [/]" in shown


async def test_session_and_summary_show_name_how_and_next_verbatim(
    make_app: AppFactory, isolated_dirs: dict[str, Path]
) -> None:
    write_hostile(isolated_dirs["config"])
    app = make_app("link")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        screen = app.screen
        assert plain(screen.query_one("#routine-name", Static)).strip() == "Link [x]"
        assert plain(screen.query_one("#stretch-name", Static)).strip() == "Fold Link [x]"
        assert "[link=file:///etc/passwd]x[/link]" in plain(screen.query_one("#how", Static))
        await pilot.press("n", "n")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert plain(app.screen.query_one("#summary-routine", Static)).strip() == "Link [x]"


async def test_session_shows_emoji_codes_and_click_actions_as_words(
    make_app: AppFactory, isolated_dirs: dict[str, Path]
) -> None:
    write_hostile(isolated_dirs["config"])
    app = make_app("emoji")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert plain(screen.query_one("#routine-name", Static)).strip() == ":thumbs_up: stretch"
        assert ":smile: [@click=app.quit]" in plain(screen.query_one("#how", Static))


async def test_next_line_shows_the_next_stretch_verbatim(
    make_app: AppFactory, isolated_dirs: dict[str, Path]
) -> None:
    routines = isolated_dirs["config"] / "routines"
    routines.mkdir()
    (routines / "two.yaml").write_text(
        "name: Two\nlevel: desk\nsteps:\n  - name: First\n    hold: 3s\n"
        "  - name: '[b]Second[/b] [/]'\n    hold: 3s\n"
    )
    app = make_app("two")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "Next: [b]Second[/b] [/]" in plain(app.screen.query_one("#next", Static))


async def test_history_screens_show_a_bracketed_name_verbatim(
    make_app: AppFactory, isolated_dirs: dict[str, Path], store: HistoryStore
) -> None:
    write_hostile(isolated_dirs["config"])
    app = make_app("close")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n", "n")
        await pilot.pause()
    store.flush()
    assert store.sessions()[0].routine_name == "[/]"
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one("#history-table")
        cell = table.get_row_at(0)[1]  # type: ignore[attr-defined]
        assert str(cell) == "[/]"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionDetailScreen)
        assert plain(app.screen.query_one("#detail-title", Static)).strip() == "[/]"
        assert "Fold [/]" in plain(app.screen.query_one("#detail-segments", Static))


async def test_menu_notes_show_a_bracketed_warning_verbatim(make_app: AppFactory) -> None:
    app = make_app(warnings=["config.yaml: theme [b]x[/] is not known"])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "theme [b]x[/] is not known" in plain(app.screen.query_one("#notes", Static))


async def test_a_broken_file_with_an_escape_in_its_name_is_shown_spelled_out(
    make_app: AppFactory, isolated_dirs: dict[str, Path]
) -> None:
    routines = isolated_dirs["config"] / "routines"
    routines.mkdir()
    (routines / "bad\x1b[2J.yaml").write_text("steps: 3\n")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        texts = option_texts(app)
        assert any("bad\\x1b[2J.yaml" in text for text in texts), texts
        assert not any("\x1b" in text for text in texts)


async def test_menu_opens_with_a_fifo_a_loop_and_a_huge_number_among_the_routines(
    make_app: AppFactory, isolated_dirs: dict[str, Path]
) -> None:
    routines = isolated_dirs["config"] / "routines"
    routines.mkdir()
    os.mkfifo(routines / "pipe.yaml")
    (routines / "loop.yaml").symlink_to("loop.yaml")
    (routines / "big.yaml").write_text(
        "name: Big\nlevel: desk\nsteps:\n  - name: F\n    hold: " + "9" * 5000 + "\n"
    )
    (routines / "mine.yaml").write_text(routine_yaml("Mine [ok]", "x"))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        texts = option_texts(app)
        assert any(text.startswith("Mine [ok]") for text in texts)
        # A broken file's entry: `✗ file:line`, then its first problem.
        assert any("pipe.yaml\n  not a regular file" in text for text in texts)
        assert any("loop.yaml\n  cannot read the file: a symbolic" in text for text in texts)
        assert any("big.yaml:5\n  steps[0].hold: expected a" in text for text in texts)
