"""The session screen, driven by a fake clock: what a person sees and what their keys do."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from textual.widgets import Label

from stretchtui.clock import FakeClock
from stretchtui.history import HistoryStore
from stretchtui.kinds import CueKind
from stretchtui.records import SessionStatus
from stretchtui.tui.app import StretchApp
from stretchtui.tui.screens.confirm import ConfirmScreen
from stretchtui.tui.screens.session import SessionScreen
from stretchtui.tui.screens.summary import SummaryScreen
from stretchtui.tui.widgets.bigtext import BigText

from .time_hooks import let_time_pass

AppFactory = Callable[..., StretchApp]


def countdown(app: object) -> str:
    """The countdown's time (kept while PAUSED stands in its place)."""
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, SessionScreen)
    return screen.digits


def big(app: object, widget_id: str) -> str:
    """What a block-letter part of the stage shows now."""
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, SessionScreen)
    return screen.query_one(f"#{widget_id}", BigText).text


def line(app: object, widget_id: str) -> str:
    return str(app.screen.query_one(f"#{widget_id}", Label).content)  # type: ignore[attr-defined]


async def test_session_starts_with_prepare_and_countdown_follows_the_clock(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app("desk-midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert big(app, "phase") == "GET READY"
        assert countdown(app) == big(app, "countdown") == "0:05"
        await let_time_pass(pilot, clock, 2.5)
        assert countdown(app) == "0:03"
        await let_time_pass(pilot, clock, 3)
        assert big(app, "phase") == "HOLD"
        assert app.screen.query_one("#side", BigText).text == "RIGHT"
        assert countdown(app) == "0:15"


async def test_pause_freezes_countdown_and_shows_paused(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app("desk-coffee-break")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await let_time_pass(pilot, clock, 10)
        before = countdown(app)
        await pilot.press("space")
        assert app.screen.has_class("-paused")
        assert big(app, "countdown") == "PAUSED"
        assert line(app, "reminder") == "PAUSED · press space to resume"
        await let_time_pass(pilot, clock, 20)
        assert countdown(app) == before
        await pilot.press("space")
        assert not app.screen.has_class("-paused")
        assert big(app, "countdown") == before
        await let_time_pass(pilot, clock, 2)
        assert countdown(app) != before


async def test_skipping_to_the_end_shows_the_summary_and_records_it(
    make_app: AppFactory, store: HistoryStore
) -> None:
    app = make_app("desk-midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(4):
            await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        store.flush()
        [row] = store.sessions()
        assert row.status == SessionStatus.COMPLETED.value
        detail = store.session_detail(row.id)
        assert detail is not None and len(detail.segments) == 4
        assert all(segment.skipped for segment in detail.segments)


async def test_end_asks_first_and_keeps_going_on_no(make_app: AppFactory) -> None:
    app = make_app("desk-midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert not app.screen.session.is_finished


async def test_end_on_yes_records_ended_early(make_app: AppFactory, store: HistoryStore) -> None:
    app = make_app("desk-midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        store.flush()
        assert [row.status for row in store.sessions()] == [SessionStatus.ENDED_EARLY.value]


async def test_cues_reach_the_player_and_mute_stops_them(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app("desk-midday")
    player = app.services.player
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert [cue.kind for cue in player.played][:1] == [CueKind.SEGMENT_START]  # type: ignore[attr-defined]
        await pilot.press("m")
        assert player.muted
        count = len(player.played)  # type: ignore[attr-defined]
        await let_time_pass(pilot, clock, 6)
        assert len(player.played) == count  # type: ignore[attr-defined]
        await pilot.press("m")
        assert not player.muted


async def test_extend_adds_ten_seconds_to_a_hold(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app("desk-coffee-break")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await let_time_pass(pilot, clock, 10)
        assert countdown(app) == "0:25"
        await pilot.press("plus")
        await pilot.pause()
        assert countdown(app) == "0:35"


async def test_extend_is_not_offered_during_reps(make_app: AppFactory, clock: FakeClock) -> None:
    app = make_app("desk-pre-gym")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await let_time_pass(pilot, clock, 7)
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert screen.check_action("extend", ()) is False
        assert screen.query_one("#rep-count", BigText).text == "1/20"
        await let_time_pass(pilot, clock, 6)
        assert screen.query_one("#rep-count", BigText).text == "2/20"


async def test_back_and_restart_return_to_the_stretch_start(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app("desk-midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await let_time_pass(pilot, clock, 8)
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert screen.session.segment.kind.value == "hold"
        await pilot.press("r")
        assert screen.session.index == 0
        await pilot.press("n", "n")
        await pilot.press("b")
        assert screen.session.index == 0


async def test_keymap_from_settings_moves_a_binding_to_another_key(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app("desk-coffee-break")
    app.services.settings = replace(
        app.services.settings, keymap={"session.pause": "p", "session.resume": "p"}
    )
    remapped = type(app)(app.services, app.catalog, app.start_routine)
    async with remapped.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("space")
        assert not remapped.screen.has_class("-paused")
        await pilot.press("p")
        assert remapped.screen.has_class("-paused")
        await pilot.press("p")
        assert not remapped.screen.has_class("-paused")


async def test_the_end_question_stops_the_clock_and_no_goes_on_where_it_was(
    make_app: AppFactory, clock: FakeClock, store: HistoryStore
) -> None:
    app = make_app("desk-coffee-break")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await let_time_pass(pilot, clock, 10)
        before = countdown(app)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await let_time_pass(pilot, clock, 30)
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert countdown(app) == before
        assert not screen.session.is_paused and not screen.has_class("-paused")
        assert screen.session.paused_seconds == 30
        await let_time_pass(pilot, clock, 2)
        assert countdown(app) != before


async def test_the_end_question_leaves_a_pause_the_person_made_alone(
    make_app: AppFactory, clock: FakeClock
) -> None:
    app = make_app("desk-coffee-break")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("space", "q")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert screen.session.is_paused and screen.has_class("-paused")


async def test_the_time_the_end_question_was_open_is_paused_not_active_on_yes(
    make_app: AppFactory, clock: FakeClock, store: HistoryStore
) -> None:
    app = make_app("desk-coffee-break")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await let_time_pass(pilot, clock, 10)
        await pilot.press("q")
        await pilot.pause()
        await let_time_pass(pilot, clock, 40)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        result = app.screen.result
        assert result.paused_seconds == 40
        assert result.active_seconds == 10


async def test_after_time_away_the_screen_says_it_paused_and_space_goes_on(
    make_app: AppFactory, clock: FakeClock
) -> None:
    clock.away_after = 2.0
    app = make_app("desk-coffee-break")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(10):
            await let_time_pass(pilot, clock, 1)
        before = countdown(app)
        await let_time_pass(pilot, clock, 60)  # a closed lid: nothing looked for a minute
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert screen.has_class("-paused")
        assert line(app, "reminder") == "PAUSED while you were away · press space to go on"
        assert countdown(app) == before
        await pilot.press("space")
        await let_time_pass(pilot, clock, 1)
        assert not screen.has_class("-paused")
        assert screen.session.paused_seconds >= 60
        await pilot.press("space")
        assert line(app, "reminder") == "PAUSED · press space to resume"


async def test_quitting_as_the_summary_opens_is_not_an_error(make_app: AppFactory) -> None:
    # The summary used to look up its widgets in on_mount: a screen closed before it was
    # composed (the app quitting under load) has none, and that raised NoMatches.
    app = make_app("desk-midday")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        screen.action_end_now()
        app.exit(0)
    assert app.return_code == 0
