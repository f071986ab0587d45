"""The pose's picture: beside the stage where there is room (never crowding it), and in the menu."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.geometry import Size

from stretchtui import glyphs
from stretchtui.clock import FakeClock
from stretchtui.figures import POSES, Figure, Picture, braille, size
from stretchtui.tui.app import StretchApp
from stretchtui.tui.screens.session import SessionScreen
from stretchtui.tui.widgets.figure import FigureStrip, PoseFigure, fits, scale_for

from .test_snapshots import after
from .time_hooks import let_time_pass

AppFactory = Callable[..., StretchApp]


def figure_of(app: StretchApp) -> PoseFigure:
    assert isinstance(app.screen, SessionScreen)
    return app.screen.query_one("#session-figure", PoseFigure)


def shown_text(app: StretchApp) -> str:
    widget = figure_of(app)
    return "\n".join(widget.lines()) if widget.display and widget.region.area else ""


@pytest.mark.parametrize(
    ("room", "scale"),
    [((80, 24), 1.2), ((100, 30), 1.5), ((120, 40), 2.0), ((200, 60), 2.5), ((200, 30), 1.5)],
)
def test_the_figure_grows_with_the_terminal(room: tuple[int, int], scale: float) -> None:
    assert scale_for(Size(*room)) == scale
    columns, rows = size(scale)
    # Always leaves the stage most of the width and the height.
    assert columns <= room[0] // 3 and rows <= room[1] // 2


def test_there_is_no_figure_where_it_would_crowd_the_stage() -> None:
    assert fits(Size(80, 24)) and fits(Size(120, 40))
    assert not fits(Size(40, 12)) and not fits(Size(60, 24)) and not fits(Size(80, 16))


def test_at_80_columns_the_figure_gives_way_to_the_stages_words() -> None:
    long_how = "Sit near the front of your chair with feet flat. " * 8
    assert fits(Size(80, 24), "Lift your knees at an easy pace.", ("March in place",))
    assert not fits(Size(80, 24), long_how)
    assert not fits(Size(80, 24), "", ("x" * 60,))
    # A roomy terminal keeps it whatever the words.
    assert fits(Size(100, 30), long_how, ("x" * 60,))


async def test_at_80x24_the_warm_up_shows_its_figure_and_a_long_how_to_hides_it(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app("beginner")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert figure_of(app).picture == Picture(Figure(pose="march-in-place"))
        assert figure_of(app).region.area > 0
    app = make_app("advanced")  # the forward bend's how-to: seven lines beside a picture
    async with app.run_test(size=(80, 24)) as pilot:
        await let_time_pass(pilot, clock, 302)
        await pilot.pause()
        assert figure_of(app).picture == Picture(Figure(pose="standing-forward-bend"))
        assert figure_of(app).region.area == 0


@pytest.mark.parametrize("room", [(100, 30), (120, 40), (200, 60)])
async def test_the_hold_shows_its_pose_beside_the_stage(
    make_app: AppFactory, clock: FakeClock, room: tuple[int, int]
) -> None:
    app = make_app("desk-coffee-break")
    async with app.run_test(size=room) as pilot:
        await let_time_pass(pilot, clock, 16)
        await pilot.pause()
        widget = figure_of(app)
        expected = braille(POSES["chair-forward-fold"], scale_for(Size(*room)))
        assert widget.region.area > 0
        assert shown_text(app) == "\n".join(line for line in expected if line.strip())
        stage = app.screen.query_one("#stage")
        assert widget.region.x >= stage.region.right  # beside it, not over it


async def test_no_figure_at_40x12(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app("desk-coffee-break")
    async with app.run_test(size=(40, 12)) as pilot:
        await let_time_pass(pilot, clock, 16)
        await pilot.pause()
        assert figure_of(app).region.area == 0


async def test_the_figure_comes_and_goes_as_the_terminal_is_resized(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app("desk-coffee-break")
    async with app.run_test(size=(40, 12)) as pilot:
        await let_time_pass(pilot, clock, 16)
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert figure_of(app).region.area > 0
        assert figure_of(app).scale == 2.0
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert figure_of(app).region.area == 0


async def test_the_left_side_shows_the_pose_mirrored_and_a_rest_shows_none(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app("desk-midday")  # get ready 5 s, right 15 s, switch 3 s, left 15 s
    async with app.run_test(size=(120, 40)) as pilot:
        await let_time_pass(pilot, clock, 7)
        twist = Figure(pose="standing-torso-twist")
        assert figure_of(app).picture == Picture(twist, mirrored=False)
        right = shown_text(app)
        await let_time_pass(pilot, clock, 20)
        assert figure_of(app).picture == Picture(twist, mirrored=True)
        assert shown_text(app) not in ("", right)


async def test_a_routine_drawing_is_shown_verbatim_never_as_markup(
    make_app: AppFactory, clock: FakeClock, isolated_dirs: dict[str, Any]
) -> None:
    routines = isolated_dirs["config"] / "routines"
    routines.mkdir(parents=True, exist_ok=True)
    (routines / "mine.yaml").write_text(
        "name: Mine\nlevel: desk\nsteps:\n  - name: Reach\n    hold: 20s\n"
        "    figure: ['[bold]o[/bold]', ' /|\\', '[link=x] / \\']\n",
        encoding="utf-8",
    )
    app = make_app("mine")
    async with app.run_test(size=(120, 40)) as pilot:
        await let_time_pass(pilot, clock, 1)
        await pilot.pause()
        text = shown_text(app)
        assert text.splitlines()[0].rstrip() == "[bold]o[/bold]"
        assert "[link=x] / \\" in text
        rendered = figure_of(app).render()
        assert rendered.plain.splitlines()[0].rstrip() == "[bold]o[/bold]"
        assert not rendered.spans


def test_session_with_a_figure_at_120x40(
    snap_compare: Any, make_app: AppFactory, clock: FakeClock
) -> None:
    # The beginner routine's seated forward fold, held: the pose beside the stage.
    app = make_app("beginner")
    assert snap_compare(app, run_before=after(clock, 408), terminal_size=(120, 40))


async def test_the_menu_preview_shows_the_stretches_pictures_in_a_row_on_a_large_terminal(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        strip = app.screen.query_one(FigureStrip)
        assert [number for number, _ in strip.figures] == [1, 2, 3]
        assert strip.region.height > 0
        rows = strip.rows(strip.region.width)
        assert rows[-1].split() == ["1.", "2.", "3."]
        assert all(len(row) <= strip.region.width for row in rows)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert strip.region.height == 0


async def test_an_ascii_terminal_gets_the_figure_in_ascii_strokes(
    make_app: AppFactory, clock: FakeClock
) -> None:
    glyphs.use(glyphs.ASCII)
    app = make_app("desk-coffee-break")
    async with app.run_test(size=(120, 40)) as pilot:
        await let_time_pass(pilot, clock, 16)
        await pilot.pause()
        text = shown_text(app)
        assert "o" in text and "|" in text
        assert set(text) <= set(" o/\\|_-\n")
