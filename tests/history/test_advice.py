"""The menu's notes: when to see a professional, and a gentle word about the next level."""

from __future__ import annotations

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
