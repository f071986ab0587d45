"""Keyboard first: the summary's focus, keys and scrolling; `?`; the footers and the notice."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Label, Static
from textual.widgets._footer import FooterKey, FooterLabel

from stretchtui.audio import SilentPlayer
from stretchtui.clock import FakeClock
from stretchtui.history import HistoryStore
from stretchtui.records import Feeling
from stretchtui.tui.app import StretchApp
from stretchtui.tui.screens.keys import CLOSES, KeysScreen
from stretchtui.tui.screens.session import NOTICE_SECONDS, SessionScreen
from stretchtui.tui.screens.summary import SummaryScreen

from .recorded import TWELVE, twelve_stretches
from .time_hooks import arm_summary, let_time_pass

AppFactory = Callable[..., StretchApp]


def footer_keys(app: StretchApp) -> list[str]:
    """The footer as it reads, left to right: keys and the groups' labels."""
    shown: list[str] = []
    for widget in app.screen.query("Footer *"):
        if isinstance(widget, FooterKey):
            shown.append(widget.key_display + (f" {widget.description}" * bool(widget.description)))
        elif isinstance(widget, FooterLabel):
            shown.append(str(widget.content))
    return shown


def on_screen(widget: Widget) -> bool:
    """True when some of `widget` is in view (not scrolled away, not hidden)."""
    screen = widget.screen
    region = widget.region
    return (
        widget.display
        and region.height > 0
        and screen.region.contains_region(region)
        and widget in screen._compositor.visible_widgets
    )


async def to_summary(pilot: Pilot[Any], clock: FakeClock, seconds: float) -> SummaryScreen:
    await pilot.pause()
    await let_time_pass(pilot, clock, seconds)
    await arm_summary(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SummaryScreen)
    return screen


# ---------------------------------------------------------------- summary


async def test_focus_starts_on_the_first_answer_and_the_footer_names_the_keys(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app("desk-midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await let_time_pass(pilot, clock, 50)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SummaryScreen)
        assert screen.focused is not None and screen.focused.id == "feel-better"
        # Not armed yet: no answer keys offered.
        assert footer_keys(app) == []
        screen.arm()
        await pilot.pause()
        assert footer_keys(app)[:9] == [
            "esc Done",
            "? Keys",
            "1",
            "2",
            "3",
            "Feel",
            "y",
            "n",
            "Pain",
        ]
        assert footer_keys(app)[9:] == ["l Hide list"]
        assert [str(b.label) for b in screen.query(".answer").results(Button)] == [
            "1 Better",
            "2 Same",
            "3 Worse",
            "n No",
            "y Yes",
        ]


async def test_enter_answers_the_focused_question_but_only_once_armed(
    make_app: AppFactory, clock: FakeClock, store: HistoryStore
) -> None:
    app = make_app("desk-midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await let_time_pass(pilot, clock, 50)
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("enter", "space")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen), "a stray Enter neither answers nor leaves"
        store.flush()
        assert store.sessions()[0].feeling is None
        await arm_summary(pilot)
        await pilot.press("enter")
        await pilot.pause()
        store.flush()
        assert store.sessions()[0].feeling is Feeling.BETTER
        # The next question has focus: Enter on it says "no".
        assert app.screen.focused is not None and app.screen.focused.id == "signs-no"
        await pilot.press("enter")
        await pilot.pause()
        store.flush()
        assert store.sessions()[0].warning_signs is False
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_value == 0


async def test_a_long_list_folds_so_the_checkin_stays_on_an_80x24_screen(
    make_app: AppFactory, clock: FakeClock, isolated_dirs: dict[str, Path]
) -> None:
    twelve_stretches(isolated_dirs["config"])
    app = make_app(TWELVE)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await to_summary(pilot, clock, 120)
        count = screen.query_one("#summary-count", Static)
        assert "12 of 12" in str(count.render())
        assert not screen.query_one("#summary-stretches").display
        for answer in ("#feel-better", "#feel-worse", "#signs-no", "#signs-yes"):
            assert on_screen(screen.query_one(answer)), answer
        assert "l List" in footer_keys(app)

        await pilot.press("l")
        await pilot.pause()
        stretches = screen.query_one("#summary-stretches", Static)
        assert stretches.display
        assert "Stretch number 12" in str(stretches.render())
        assert "l Hide list" in footer_keys(app)
        # Open, the list pushes the questions down; the page scrolls to them.
        assert not on_screen(screen.query_one("#signs-yes"))
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        assert on_screen(screen.query_one("#signs-yes"))

        await pilot.press("l")
        await pilot.pause()
        assert not screen.query_one("#summary-stretches").display


async def test_a_short_list_stays_open(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app("desk-midday")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await to_summary(pilot, clock, 50)
        assert screen.query_one("#summary-stretches").display
        assert "l Hide list" in footer_keys(app)


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_after_yes_the_seek_help_text_is_scrolled_into_view(
    make_app: AppFactory, clock: FakeClock, isolated_dirs: dict[str, Path], size: tuple[int, int]
) -> None:
    twelve_stretches(isolated_dirs["config"])
    app = make_app(TWELVE)
    async with app.run_test(size=size) as pilot:
        screen = await to_summary(pilot, clock, 120)
        await pilot.press("l")  # the list open too: the reply is far down
        await pilot.pause()
        reply = screen.query_one("#checkin-reply", Static)
        await pilot.press("3", "y")
        await pilot.pause()
        await pilot.pause()
        view = screen.query_one("#summary", VerticalScroll)
        assert view.scroll_y > 0
        assert reply in screen._compositor.visible_widgets
        # Its first line, the one that says what to do now, is in view (above the footer).
        assert view.region.contains(reply.region.x, reply.region.y)


# ---------------------------------------------------------------- ? and footers


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_keys_help_fits_says_how_to_close_and_closes_with_esc_or_question_mark(
    make_app: AppFactory, size: tuple[int, int]
) -> None:
    app = make_app("desk-midday")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for closer in ("escape", "question_mark"):
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, KeysScreen)
            dialog = app.screen.query_one("#keys-dialog", VerticalScroll)
            assert dialog.border_subtitle == CLOSES
            # Within the terminal, whatever its size; what does not fit scrolls.
            assert app.screen.region.contains_region(dialog.region)
            lines = app.screen.query_one("#keys-list", Static).render_lines(
                dialog.content_region.reset_offset
            )
            text = "\n".join("".join(s.text for s in line) for line in lines)
            # Nothing cut mid-word: every description is whole, if wrapped.
            assert "back to the" in text and "previous stretch" in " ".join(text.split())
            await pilot.press(closer)
            await pilot.pause()
            assert isinstance(app.screen, SessionScreen)


@pytest.mark.parametrize("start", ["desk-midday", None])
async def test_at_40_columns_the_footer_starts_with_the_way_out_and_the_keys(
    make_app: AppFactory, start: str | None
) -> None:
    app = make_app(start)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        keys = footer_keys(app)
        # The menu's Enter belongs to its list, whose keys come first; Start is welcome there.
        first = ["q End", "? Keys"] if start else ["⏎ Start", "q Quit", "? Keys"]
        assert keys[: len(first)] == first, keys
        footer = app.screen.query_one("Footer")
        shown = [
            key.description
            for key in app.screen.query(FooterKey).results()
            if footer.region.contains_region(key.region)
        ]
        assert {"Keys", "End" if start else "Quit"} <= set(shown), shown


async def test_the_notice_takes_one_row_and_goes_after_ten_seconds_but_stays_under_help(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    delays: list[float] = []
    set_timer = SessionScreen.set_timer

    def recorded(screen: SessionScreen, delay: float, callback: Any = None, **kw: Any) -> Timer:
        if getattr(callback, "__name__", "") == "hide_notice":
            delays.append(delay)
        return set_timer(screen, delay, callback, **kw)

    monkeypatch.setattr(SessionScreen, "set_timer", recorded)
    notice = (
        "No sound device found: cues are visual only "
        "(set sound: bell in config.yaml for the terminal bell)."
    )
    app = make_app("desk-midday", warnings=[notice])
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        line = screen.query_one("#notice", Label)
        assert line.styles.display == "block" and line.region.height == 1
        assert delays == [NOTICE_SECONDS] == [10.0]
        screen.hide_notice()  # what the timer does, ten seconds on
        await pilot.pause()
        assert line.styles.display == "none"
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, KeysScreen)
        notes = [str(note.render()) for note in app.screen.query(".keys-note").results(Static)]
        assert notes == [notice]


@pytest.mark.parametrize("visual", [True, False])
async def test_the_app_flashes_cues_only_when_they_are_not_heard(
    make_app: AppFactory, player: SilentPlayer, visual: bool
) -> None:
    player.visual = visual  # what the factory makes without a sound device
    app = make_app("desk-midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.visual_cues is visual
