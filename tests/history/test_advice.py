"""The menu's notes: when to see a professional, and a gentle word about the next level."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from stretchtui.config import Settings
from stretchtui.history import HistoryStore, open_store
from stretchtui.history.advice import menu_notes
from stretchtui.records import CheckIn, Feeling

from .helpers import record_session

ZONE = timezone(timedelta(hours=2))
NOW = datetime(2026, 5, 20, 9, 0, tzinfo=ZONE)


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    return open_store(tmp_path / "history.sqlite3")


def days_ago(days: int) -> datetime:
    return NOW - timedelta(days=days, hours=1)


def test_no_history_means_no_notes(store: HistoryStore) -> None:
    assert menu_notes(store, Settings(), NOW) == []


def test_recent_warning_signs_show_the_criteria_for_seeing_a_professional(
    store: HistoryStore,
) -> None:
    record_session(store, "beginner", days_ago(3), checkin=CheckIn(warning_signs=True))
    [note] = menu_notes(store, Settings(), NOW)
    assert note.kind == "safety"
    for criterion in (
        "everyday activities",
        "numbness or tingling",
        "flexibility",
        "surgery",
        "a few weeks",
        "shoots down",
    ):
        assert criterion in note.text


def test_warning_signs_from_weeks_ago_no_longer_show_a_note(store: HistoryStore) -> None:
    record_session(store, "beginner", days_ago(20), checkin=CheckIn(warning_signs=True))
    assert menu_notes(store, Settings(), NOW) == []


def test_worse_within_two_weeks_is_not_yet_a_pattern(store: HistoryStore) -> None:
    for ago in (12, 2):
        record_session(store, "beginner", days_ago(ago), checkin=CheckIn(Feeling.WORSE))
    assert menu_notes(store, Settings(), NOW) == []


def test_worse_on_sessions_spread_over_more_than_two_weeks_shows_the_safety_note(
    store: HistoryStore,
) -> None:
    for ago in (16, 9, 1):
        record_session(store, "beginner", days_ago(ago), checkin=CheckIn(Feeling.WORSE))
    [note] = menu_notes(store, Settings(), NOW)
    assert note.kind == "safety" and "worse" in note.text


def regular_beginner(store: HistoryStore, count: int, span_days: int) -> None:
    for n in range(count):
        record_session(
            store,
            "beginner",
            days_ago(span_days - round(n * span_days / (count - 1))),
            checkin=CheckIn(Feeling.BETTER),
        )


def test_steady_beginner_practice_is_offered_the_next_level(store: HistoryStore) -> None:
    regular_beginner(store, 8, 15)
    [note] = menu_notes(store, Settings(), NOW)
    assert note.kind == "progress"
    assert "intermediate" in note.text and "could" in note.text


def test_eight_sessions_crammed_into_a_week_are_not_enough(store: HistoryStore) -> None:
    regular_beginner(store, 8, 7)
    assert menu_notes(store, Settings(), NOW) == []


def test_no_progress_note_after_reported_pain(store: HistoryStore) -> None:
    regular_beginner(store, 8, 30)
    record_session(store, "beginner", days_ago(25), checkin=CheckIn(warning_signs=True))
    assert menu_notes(store, Settings(), NOW) == []


def test_no_progress_note_once_the_next_level_has_been_tried(store: HistoryStore) -> None:
    regular_beginner(store, 8, 15)
    record_session(store, "intermediate", days_ago(1))
    assert menu_notes(store, Settings(), NOW) == []


def beginner_sessions(
    store: HistoryStore, feelings: Sequence[Feeling | None], span_days: int
) -> None:
    """One completed beginner session per feeling, spread evenly over `span_days`, oldest first."""
    count = len(feelings)
    for n, feeling in enumerate(feelings):
        ago = span_days - round(n * span_days / (count - 1))
        checkin = CheckIn(feeling) if feeling is not None else None
        record_session(store, "beginner", days_ago(ago), checkin=checkin)


GOOD = [Feeling.BETTER, Feeling.SAME] * 4


def test_earned_progress_says_how_to_progress_gradually(store: HistoryStore) -> None:
    beginner_sessions(store, GOOD, 15)
    [note] = menu_notes(store, Settings(), NOW)
    assert note.kind == "progress"
    assert "8 beginner sessions" in note.text
    assert "intermediate routine now and then" in note.text
    assert "a few seconds to each hold" in note.text


def test_seven_sessions_are_not_enough(store: HistoryStore) -> None:
    beginner_sessions(store, GOOD[:7], 20)
    assert menu_notes(store, Settings(), NOW) == []


def test_eight_sessions_over_thirteen_days_are_not_enough(store: HistoryStore) -> None:
    beginner_sessions(store, GOOD, 13)
    assert menu_notes(store, Settings(), NOW) == []


def test_eight_sessions_all_worse_are_not_progress(store: HistoryStore) -> None:
    beginner_sessions(store, [Feeling.WORSE] * 8, 13)
    notes = menu_notes(store, Settings(), NOW)
    assert all(note.kind != "progress" for note in notes)


def test_eight_sessions_all_worse_over_more_than_two_weeks_get_the_safety_note_only(
    store: HistoryStore,
) -> None:
    beginner_sessions(store, [Feeling.WORSE] * 8, 15)
    [note] = menu_notes(store, Settings(), NOW)
    assert note.kind == "safety"


def test_last_three_worse_are_not_progress(store: HistoryStore) -> None:
    beginner_sessions(store, [Feeling.BETTER] * 5 + [Feeling.WORSE] * 3, 14)
    assert menu_notes(store, Settings(), NOW) == []


def test_one_worse_among_the_last_three_is_enough_to_hold_back(store: HistoryStore) -> None:
    beginner_sessions(store, [Feeling.BETTER] * 6 + [Feeling.WORSE, Feeling.SAME], 15)
    assert menu_notes(store, Settings(), NOW) == []


def test_never_offered_right_after_a_worse(store: HistoryStore) -> None:
    beginner_sessions(store, GOOD, 15)
    record_session(store, "desk-midday", days_ago(0), checkin=CheckIn(Feeling.WORSE))
    assert menu_notes(store, Settings(), NOW) == []


def test_an_older_worse_before_three_good_check_ins_does_not_hold_back(
    store: HistoryStore,
) -> None:
    beginner_sessions(store, [Feeling.WORSE] + [Feeling.SAME] * 7, 15)
    [note] = menu_notes(store, Settings(), NOW)
    assert note.kind == "progress"


def test_fewer_than_three_check_ins_have_not_earned_it(store: HistoryStore) -> None:
    beginner_sessions(store, [None] * 6 + [Feeling.BETTER] * 2, 15)
    assert menu_notes(store, Settings(), NOW) == []


def test_warning_signs_in_the_window_hold_progress_back_even_after_good_check_ins(
    store: HistoryStore,
) -> None:
    beginner_sessions(store, GOOD, 30)
    record_session(
        store, "beginner", days_ago(20), checkin=CheckIn(Feeling.SAME, warning_signs=True)
    )
    notes = menu_notes(store, Settings(), NOW)
    assert notes == []


def test_sessions_older_than_six_weeks_do_not_count(store: HistoryStore) -> None:
    for n in range(6):
        record_session(store, "beginner", days_ago(60 - n * 2), checkin=CheckIn(Feeling.SAME))
    beginner_sessions(store, [Feeling.BETTER] * 3, 3)
    assert menu_notes(store, Settings(), NOW) == []
