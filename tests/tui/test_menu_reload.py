"""The menu follows edits to the routines folder, and a broken file says where and what."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from samples import GOOD
from stretchtui import glyphs
from stretchtui.catalog import CatalogEntry, Source, load_entry
from stretchtui.tui.screens.menu import MenuScreen, broken_label
from stretchtui.tui.widgets.preview import RoutinePreview

from .conftest import AppFactory
from .test_menu_and_summary import option_texts, plain

INDENT_SLIP = "name: Mine\nlevel: desk\nsteps:\n  - name: Fold\n    hold: 20s\n     how: Lean.\n"


def bump(path: Path) -> None:
    """Move the file's time on, as a save a moment later would."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def option_ids(menu: MenuScreen) -> list[str]:
    options = menu.query_one("#routines", OptionList)
    return [options.get_option_at_index(i).id or "" for i in range(options.option_count)]


async def test_new_changed_and_removed_files_show_without_a_restart(
    make_app: AppFactory, isolated_dirs: dict[str, Path]
) -> None:
    routines = isolated_dirs["config"] / "routines"
    routines.mkdir()
    (routines / "mine.yaml").write_text(INDENT_SLIP)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        menu = app.screen
        assert isinstance(menu, MenuScreen)
        options = menu.query_one("#routines", OptionList)
        options.highlighted = option_ids(menu).index("routine:desk-midday")
        await pilot.pause()

        (routines / "new.yaml").write_text(GOOD.format(name="Brand new"))
        (routines / "mine.yaml").write_text(GOOD.format(name="Mine, fixed"))
        bump(routines / "mine.yaml")
        menu.check_routines()  # what the menu's timer does every few seconds
        await pilot.pause()

        texts = option_texts(app)
        assert any(text.startswith("Brand new") for text in texts)
        assert any(text.startswith("Mine, fixed") for text in texts)
        assert "Routines with errors" not in "\n".join(texts)
        assert menu.highlighted_id() == "routine:desk-midday"
        assert app.catalog is menu.catalog
        entry = app.catalog.get("mine")
        assert entry is not None and entry.routine is not None

        (routines / "new.yaml").unlink()
        menu.check_routines()
        await pilot.pause()
        assert "routine:new" not in option_ids(menu)
        assert menu.highlighted_id() == "routine:desk-midday"


async def test_the_highlighted_file_changing_updates_the_preview(
    make_app: AppFactory, isolated_dirs: dict[str, Path]
) -> None:
    routines = isolated_dirs["config"] / "routines"
    routines.mkdir()
    (routines / "mine.yaml").write_text(INDENT_SLIP)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        menu = app.screen
        assert isinstance(menu, MenuScreen)
        menu.query_one("#routines", OptionList).highlighted = option_ids(menu).index("routine:mine")
        await pilot.pause()
        preview = menu.query_one("#preview", RoutinePreview)
        assert "line 6 is indented more than the line above it" in plain(preview)

        (routines / "mine.yaml").write_text(GOOD.format(name="Mine, fixed"))
        bump(routines / "mine.yaml")
        menu.check_routines()
        await pilot.pause()
        assert menu.highlighted_id() == "routine:mine"
        assert "Mine, fixed" in plain(preview)
        assert "Fold" in plain(preview)


async def test_the_highlighted_file_removed_moves_the_highlight_to_its_neighbour(
    make_app: AppFactory, isolated_dirs: dict[str, Path]
) -> None:
    routines = isolated_dirs["config"] / "routines"
    routines.mkdir()
    for name in ("a", "b"):
        (routines / f"{name}.yaml").write_text(GOOD.format(name=f"Routine {name}"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        menu = app.screen
        assert isinstance(menu, MenuScreen)
        menu.query_one("#routines", OptionList).highlighted = option_ids(menu).index("routine:b")
        await pilot.pause()
        (routines / "b.yaml").unlink()
        menu.check_routines()
        await pilot.pause()
        assert menu.highlighted_id() == "routine:a"


async def test_the_menu_looks_again_when_it_comes_back_into_view(
    make_app: AppFactory, isolated_dirs: dict[str, Path]
) -> None:
    routines = isolated_dirs["config"] / "routines"
    routines.mkdir()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s")  # the safety screen covers the menu
        await pilot.pause()
        (routines / "new.yaml").write_text(GOOD.format(name="Brand new"))
        await pilot.press("escape")
        await pilot.pause()
        assert any(text.startswith("Brand new") for text in option_texts(app))


async def test_the_menu_looks_at_the_folder_every_few_seconds(make_app: AppFactory) -> None:
    from stretchtui.tui.screens.menu import POLL_SECONDS

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        menu = app.screen
        assert isinstance(menu, MenuScreen)
        # Textual keeps a screen's timers; the menu's own is the one that calls check_routines.
        looks = [
            timer._interval for timer in menu._timers if timer._callback == menu.check_routines
        ]
        assert looks == [POLL_SECONDS]
        assert 1 <= POLL_SECONDS <= 5


def broken_entry(tmp_path: Path, name: str, text: str) -> CatalogEntry:
    path = tmp_path / name
    path.write_text(text)
    return load_entry(path, Source.USER)


@pytest.mark.parametrize("width", [20, 30, 36, 60, 120])
def test_a_broken_entry_shows_file_and_line_and_never_splits_a_word(
    tmp_path: Path, width: int
) -> None:
    entry = broken_entry(tmp_path, "my-long-routine-file-for-mornings.yaml", INDENT_SLIP)
    first, second = broken_label(entry, width).plain.split("\n")
    assert len(first) <= width and len(second) <= width
    assert first.startswith("✗ ")
    assert first.endswith(".yaml:6")
    if width >= 60:
        assert first == "✗ my-long-routine-file-for-mornings.yaml:6"
    else:
        assert "…" in first
    assert second.startswith("  line 6 is")


def test_a_broken_entry_under_ascii(tmp_path: Path) -> None:
    glyphs.use(glyphs.ASCII)
    entry = broken_entry(tmp_path, "my-long-routine-file-for-mornings.yaml", INDENT_SLIP)
    label = broken_label(entry, 30).plain
    assert label.isascii()
    assert label.split("\n")[0] == "x my-long-r...-mornings.yaml:6"


def test_a_broken_entry_without_a_line_says_what_is_wrong(tmp_path: Path) -> None:
    entry = broken_entry(tmp_path, "empty.yaml", "")
    assert broken_label(entry, 36).plain == ("✗ empty.yaml\n  the file is empty; a routine…")


async def test_preview_of_a_broken_file_shows_its_line_with_a_caret(
    make_app: AppFactory, isolated_dirs: dict[str, Path]
) -> None:
    routines = isolated_dirs["config"] / "routines"
    routines.mkdir()
    (routines / "mine.yaml").write_bytes(INDENT_SLIP.replace("Lean.", "Lean\x1b[2J.").encode())
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        menu = app.screen
        assert isinstance(menu, MenuScreen)
        menu.query_one("#routines", OptionList).highlighted = option_ids(menu).index("routine:mine")
        await pilot.pause()
        shown = plain(menu.query_one("#preview", Static)).splitlines()
        assert shown[0] == "mine.yaml can't be used yet:"
        assert "control character U+001B" in shown[1]
        row = next(i for i, line in enumerate(shown) if line.startswith("  6 | "))
        assert shown[row] == "  6 |      how: Lean\\x1b[2J."
        assert shown[row + 1] == "    |               ^"


async def test_the_menu_looks_again_when_the_terminal_regains_focus(
    make_app: AppFactory, isolated_dirs: dict[str, Path]
) -> None:
    routines = isolated_dirs["config"] / "routines"
    routines.mkdir()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.app_focus = False  # off to the editor in another window
        await pilot.pause()
        (routines / "new.yaml").write_text(GOOD.format(name="Brand new"))
        assert not any(text.startswith("Brand new") for text in option_texts(app))
        app.app_focus = True  # and back
        await pilot.pause()
        assert any(text.startswith("Brand new") for text in option_texts(app))
