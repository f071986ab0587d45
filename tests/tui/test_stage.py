"""The stage at every size: type that grows with the room, PAUSED, "+10 s" and visual cues."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widget import Widget

from stretchtui import glyphs
from stretchtui.audio import SilentPlayer
from stretchtui.clock import FakeClock
from stretchtui.tui.app import StretchApp
from stretchtui.tui.screens.session import SessionScreen
from stretchtui.tui.widgets.bigtext import BigText
from stretchtui.tui.widgets.stage import StagePanel

from .time_hooks import let_time_pass

AppFactory = Callable[..., StretchApp]
SIZES = [(40, 12), (80, 24), (120, 40), (200, 60)]


def stage_of(app: StretchApp) -> StagePanel:
    screen = app.screen
    assert isinstance(screen, SessionScreen)
    return screen.query_one(StagePanel)


def drawn_rows(widget: BigText) -> int:
    """Rows the widget's text takes as drawn now (its slot may be taller)."""
    return len([row for row in widget.render().plain.split("\n") if row.strip()])


def visible_parts(stage: StagePanel) -> list[Widget]:
    return [
        widget
        for widget in stage.query("*")
        if widget.display and widget.region.area and not widget.has_class("-empty")
    ]


@pytest.mark.parametrize(
    ("size", "least", "most"),
    [((40, 12), 3, 3), ((80, 24), 3, 3), ((120, 40), 7, 14), ((200, 60), 11, 25)],
    ids=["40x12", "80x24", "120x40", "200x60"],
)
async def test_digit_height_grows_with_the_terminal(
    make_app: AppFactory, clock: FakeClock, size: tuple[int, int], least: int, most: int
) -> None:
    app = make_app("desk-midday")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await let_time_pass(pilot, clock, 7)
        countdown = stage_of(app).countdown
        assert countdown.text == "0:13"
        assert least <= drawn_rows(countdown) <= most
        assert countdown.region.height == stage_of(app).digit_rows == drawn_rows(countdown)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize(
    ("routine", "seconds", "keys"),
    [
        ("desk-midday", 1, ()),
        ("desk-midday", 7, ()),
        ("desk-midday", 21, ()),
        ("desk-pre-gym", 21, ()),
        ("desk-midday", 7, ("space",)),
    ],
    ids=["get-ready", "hold", "switch", "reps", "paused"],
)
async def test_the_stage_never_overflows(
    make_app: AppFactory,
    clock: FakeClock,
    size: tuple[int, int],
    routine: str,
    seconds: float,
    keys: tuple[str, ...],
) -> None:
    app = make_app(routine)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await let_time_pass(pilot, clock, seconds)
        if keys:
            await pilot.press(*keys)
            await pilot.pause()
        stage = stage_of(app)
        room = stage.content_region
        for part in visible_parts(stage):
            assert room.contains_region(part.region), (part, part.region, room)
        for big in stage.query(BigText):
            if big.region.area and big.text:
                width = max(len(row) for row in big.render().plain.split("\n"))
                assert width <= big.region.width, (big, big.text, big.region)


async def test_paused_shows_a_large_paused_and_the_digits_again_on_resume(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app("desk-midday")
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        await let_time_pass(pilot, clock, 7)
        stage = stage_of(app)
        await pilot.press("space")
        await pilot.pause()
        assert stage.countdown.text == "PAUSED"
        # Large even at 40x12: the side steps aside rather than leave PAUSED in small print.
        assert drawn_rows(stage.countdown) == 3
        assert app.screen.has_class("-paused")
        await pilot.press("space")
        await pilot.pause()
        assert stage.countdown.text == "0:13"
        assert stage.side.display and stage.side.text == "RIGHT"


async def test_paused_dims_the_stage_but_not_paused_itself(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app("desk-midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await let_time_pass(pilot, clock, 7)
        stage = stage_of(app)
        await pilot.press("space")
        await pilot.pause()
        assert stage.query_one("#phase").styles.text_opacity < 1
        assert stage.query_one("#breath").styles.text_opacity < 1
        assert stage.countdown.styles.text_opacity == 1
        assert stage.query_one("#reminder").styles.text_opacity == 1


def footer_actions(app: StretchApp) -> set[str]:
    return {active.binding.action for active in app.active_bindings.values() if active.enabled}


async def test_plus_ten_is_in_the_footer_only_where_it_works(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app("desk-pre-gym")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "extend" in footer_actions(app)  # getting ready can be stretched
        await let_time_pass(pilot, clock, 7)
        assert "extend" not in footer_actions(app)  # reps follow their tempo


async def test_adding_ten_seconds_flashes_plus_ten_on_the_stage_for_a_moment(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app("desk-midday")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await let_time_pass(pilot, clock, 7)
        stage = stage_of(app)
        await pilot.press("plus")
        await pilot.pause()
        assert stage.phase.text == "+10 SEC"
        assert stage.has_class("-extended")
        assert stage.countdown.text == "0:23"
        await let_time_pass(pilot, clock, 1)
        assert stage.phase.text == "+10 SEC"
        await let_time_pass(pilot, clock, 0.6)
        assert stage.phase.text == "HOLD"
        assert not stage.has_class("-extended")


async def test_plus_ten_reads_as_words_on_a_small_stage(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app("desk-midday")
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        await let_time_pass(pilot, clock, 7)
        await pilot.press("plus")
        await pilot.pause()
        assert stage_of(app).phase.text == "+10 s"


async def test_visual_cues_flash_the_stage_at_the_moments_that_change_what_to_do(
    make_app: AppFactory, clock: FakeClock, player: SilentPlayer
) -> None:
    player.visual = True  # no sound device: the app shows cues instead
    app = make_app("desk-midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        stage = stage_of(app)
        assert stage.has_class("-cue-flash")  # the session's first segment starts
        await let_time_pass(pilot, clock, 0.5)
        assert not stage.has_class("-cue-flash")
        await let_time_pass(pilot, clock, 1)  # 1.5 s into getting ready: nothing to mark
        assert not stage.has_class("-cue-flash")
        await let_time_pass(pilot, clock, 0.5)  # 3-2-1 before the hold: "3"
        assert stage.has_class("-cue-flash")
        await let_time_pass(pilot, clock, 0.45)
        assert not stage.has_class("-cue-flash")
        await let_time_pass(pilot, clock, 0.6)  # "2"
        assert stage.has_class("-cue-flash")


async def test_without_visual_cues_the_stage_never_flashes(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app("desk-midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        stage = stage_of(app)
        for _ in range(12):
            assert not stage.has_class("-cue-flash")
            await let_time_pass(pilot, clock, 0.5)


async def test_the_screen_wakes_when_a_flash_ends(
    make_app: AppFactory, player: SilentPlayer
) -> None:
    # With a real clock nothing calls look_now: the wake timer must come when the flash ends,
    # not at the next countdown second.
    player.visual = True
    app = make_app("desk-midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert screen.wake_delay is not None
        assert screen.wake_delay <= 0.41


async def test_a_notice_on_a_tiny_terminal_costs_the_next_line_not_the_digits(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app("desk-midday", warnings=["config.yaml: a slip worth a notice"])
    async with app.run_test(size=(40, 11)) as pilot:
        await pilot.pause()
        await let_time_pass(pilot, clock, 7)
        stage = stage_of(app)
        assert app.screen.query_one("#notice").region.height == 1
        assert drawn_rows(stage.countdown) == 3
        assert not stage.query_one("#next").display
        for part in visible_parts(stage):
            assert stage.content_region.contains_region(part.region), part


async def test_a_terminal_without_unicode_gets_block_letters_made_of_hashes(
    make_app: AppFactory, clock: FakeClock
) -> None:
    glyphs.use(glyphs.ASCII)
    app = make_app("desk-midday")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await let_time_pass(pilot, clock, 7)
        stage = stage_of(app)
        for big in (stage.countdown, stage.phase, stage.side):
            assert big.text and big.render().plain.isascii(), big
        # No half blocks for the driver to turn into - and _: whole # cells.
        assert set(stage.countdown.render().plain) <= {"#", " ", "\n"}
        assert drawn_rows(stage.countdown) >= 7
