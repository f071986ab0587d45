"""Carrying on a stopped session in a real history file: one record, whole totals, counted once."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from stretchtui.catalog import Catalog
from stretchtui.history import HistoryStore, open_store
from stretchtui.plan import Plan, build_plan
from stretchtui.resume import ResumeOffer, resume_offer

from .helpers import ROUTINE, TOTAL, abandon, run_part, user_catalog

PARIS = timezone(timedelta(hours=1))
MORNING = datetime(2026, 3, 4, 8, 0, tzinfo=PARIS)
LATER = MORNING + timedelta(hours=3)


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    user = tmp_path / "routines"
    user.mkdir()
    (user / "mine.yaml").write_text(ROUTINE, encoding="utf-8")
    return user_catalog(user)


@pytest.fixture
def history(tmp_path: Path) -> Path:
    return tmp_path / "data" / "history.sqlite3"


def plan_in(catalog: Catalog) -> Plan:
    entry = catalog.get("mine")
    assert entry is not None and entry.routine is not None
    return build_plan(entry.routine)


def killed_at_the_twist(history: Path, catalog: Catalog) -> str:
    """Warm-up, Cat-Cow and its rest done, 2 s into the Twist's prepare; then kill -9."""
    store = open_store(history, now=MORNING)
    session = run_part(store, plan_in(catalog), MORNING, segments=4, then="kill")
    store.close()
    abandon(history)
    return session.session_id


def offer_at(store: HistoryStore, catalog: Catalog, now: datetime) -> ResumeOffer:
    offer = resume_offer(store, catalog, now)
    assert offer is not None
    return offer


def finish(store: HistoryStore, offer: ResumeOffer, started: datetime) -> None:
    assert offer.plan is not None and offer.start_index is not None
    run_part(
        store,
        offer.plan,
        started,
        segments=len(offer.plan.segments) - offer.start_index,
        then="done",
        start_index=offer.start_index,
        earlier=offer.earlier_part(),
    )


def test_killed_session_is_offered_from_the_start_of_its_stretch(
    history: Path, catalog: Catalog
) -> None:
    session_id = killed_at_the_twist(history, catalog)
    store = open_store(history, now=LATER)
    offer = offer_at(store, catalog, LATER)
    assert offer.stopped.session.id == session_id
    assert offer.stopped.session.status == "interrupted"
    assert offer.can_resume and not offer.changed
    assert offer.start_index == 4 and offer.where() == "stretch 2 of 3"
    assert offer.stretch_name() == "Twist"
    # Stopped when its last segment run ended: 53 s after it began.
    assert offer.stopped.stopped == MORNING + timedelta(seconds=53)
    store.close()


def test_resumed_session_is_one_record_with_the_whole_time(history: Path, catalog: Catalog) -> None:
    session_id = killed_at_the_twist(history, catalog)
    store = open_store(history, now=LATER)
    finish(store, offer_at(store, catalog, LATER), LATER)

    [row] = store.sessions()
    assert row.id == session_id and row.status == "completed"
    assert row.started == MORNING
    assert row.ended == LATER + timedelta(seconds=TOTAL - 53)
    assert row.active_seconds == pytest.approx(TOTAL)  # 53 s before, 95 s after
    detail = store.session_detail(session_id)
    assert detail is not None
    assert [segment.seq for segment in detail.segments] == list(range(1, 12))
    assert [segment.kind for segment in detail.segments][3:5] == ["rest", "prepare"]
    # Counted once: one session, completed, none interrupted, all its minutes.
    assert store.status_counts() == {"completed": 1}
    [day] = store.day_totals()
    assert (day.day, day.sessions, day.completed) == (MORNING.date(), 1, 1)
    assert day.active_seconds == pytest.approx(TOTAL)
    [level] = store.level_totals()
    assert (level.sessions, level.completed) == (1, 1)
    assert resume_offer(store, catalog, LATER) is None
    store.close()


def test_while_it_runs_again_it_is_in_progress(history: Path, catalog: Catalog) -> None:
    killed_at_the_twist(history, catalog)
    store = open_store(history, now=LATER)
    offer = offer_at(store, catalog, LATER)
    assert offer.plan is not None and offer.start_index is not None
    run_part(
        store,
        offer.plan,
        LATER,
        segments=1,
        then="still running",
        start_index=offer.start_index,
        earlier=offer.earlier_part(),
    )
    [row] = store.sessions()
    assert row.status == "in_progress"
    assert store.status_counts() == {"in_progress": 1}
    assert resume_offer(store, catalog, LATER) is None  # not while it is running
    store.close()


def test_ended_early_then_resumed_counts_as_completed_only(history: Path, catalog: Catalog) -> None:
    store = open_store(history, now=MORNING)
    run_part(store, plan_in(catalog), MORNING, segments=5, then="end")  # q in the Twist's hold
    assert store.status_counts() == {"ended_early": 1}
    offer = offer_at(store, catalog, LATER)
    assert offer.start_index == 4  # the hold was under way: its stretch starts again
    finish(store, offer, LATER)
    assert store.status_counts() == {"completed": 1}
    [row] = store.sessions()
    # 58 s up to the hold, 2 s of it, then 95 s from the Twist's prepare on.
    assert row.active_seconds == pytest.approx(58 + 2 + TOTAL - 53)
    store.close()


def test_a_resumed_session_interrupted_again_can_be_resumed_again(
    history: Path, catalog: Catalog
) -> None:
    session_id = killed_at_the_twist(history, catalog)
    store = open_store(history, now=LATER)
    offer = offer_at(store, catalog, LATER)
    assert offer.plan is not None and offer.start_index is not None
    run_part(
        store,
        offer.plan,
        LATER,
        segments=5,  # the Twist (prepare, right, switch, left) and its rest
        then="kill",
        start_index=offer.start_index,
        earlier=offer.earlier_part(),
    )
    store.close()
    abandon(history)
    evening = LATER + timedelta(hours=2)
    store = open_store(history, now=evening)
    again = offer_at(store, catalog, evening)
    assert again.stopped.session.id == session_id
    assert again.start_index == 9 and again.where() == "stretch 3 of 3"
    finish(store, again, evening)
    [row] = store.sessions()
    assert row.status == "completed"
    assert store.status_counts() == {"completed": 1}
    detail = store.session_detail(session_id)
    assert detail is not None
    assert [segment.seq for segment in detail.segments] == list(range(1, 12))
    store.close()


def test_stopped_in_a_rest_goes_on_with_the_next_stretch(history: Path, catalog: Catalog) -> None:
    store = open_store(history, now=MORNING)
    run_part(store, plan_in(catalog), MORNING, segments=3, then="end")  # in Cat-Cow's rest
    offer = offer_at(store, catalog, LATER)
    assert offer.start_index == 4 and offer.where() == "stretch 2 of 3"
    store.close()


def test_stopped_in_the_warm_up_goes_on_with_the_warm_up(history: Path, catalog: Catalog) -> None:
    store = open_store(history, now=MORNING)
    run_part(store, plan_in(catalog), MORNING, segments=0, then="end")
    offer = offer_at(store, catalog, LATER)
    assert offer.start_index == 0 and offer.where() == "the warm-up"
    store.close()


def test_nothing_is_offered_after_a_day(history: Path, catalog: Catalog) -> None:
    killed_at_the_twist(history, catalog)
    store = open_store(history, now=LATER)
    stopped = MORNING + timedelta(seconds=53)
    assert resume_offer(store, catalog, stopped + timedelta(hours=23, minutes=59)) is not None
    assert resume_offer(store, catalog, stopped + timedelta(hours=24, seconds=1)) is None
    store.close()


def test_nothing_is_offered_once_another_session_started(history: Path, catalog: Catalog) -> None:
    killed_at_the_twist(history, catalog)
    store = open_store(history, now=LATER)
    run_part(store, plan_in(catalog), LATER, segments=len(plan_in(catalog).segments), then="x")
    assert resume_offer(store, catalog, LATER) is None
    store.close()


def test_a_completed_session_is_not_offered(history: Path, catalog: Catalog) -> None:
    store = open_store(history, now=MORNING)
    run_part(store, plan_in(catalog), MORNING, segments=len(plan_in(catalog).segments), then="x")
    assert resume_offer(store, catalog, LATER) is None
    store.close()


def test_a_preview_is_never_offered_and_does_not_hide_the_session_before(
    history: Path, catalog: Catalog
) -> None:
    session_id = killed_at_the_twist(history, catalog)
    store = open_store(history, now=LATER)
    preview = run_part(store, plan_in(catalog), LATER, segments=2, then="end")
    store.close()
    db = sqlite3.connect(history)
    with db:
        db.execute("UPDATE sessions SET status = 'preview' WHERE id = ?", (preview.session_id,))
    db.close()
    store = open_store(history, now=LATER)
    offer = offer_at(store, catalog, LATER)
    assert offer.stopped.session.id == session_id
    store.close()


def test_a_changed_routine_is_offered_as_a_start_over(
    history: Path, catalog: Catalog, tmp_path: Path
) -> None:
    killed_at_the_twist(history, catalog)
    (tmp_path / "routines" / "mine.yaml").write_text(
        ROUTINE.replace("hold: 30s", "hold: 40s"), encoding="utf-8"
    )
    changed = user_catalog(tmp_path / "routines")
    store = open_store(history, now=LATER)
    offer = offer_at(store, changed, LATER)
    assert offer.changed and not offer.can_resume
    assert offer.entry is not None and offer.entry.id == "mine"
    store.close()


def test_a_routine_file_gone_is_offered_but_cannot_resume(
    history: Path, catalog: Catalog, tmp_path: Path
) -> None:
    killed_at_the_twist(history, catalog)
    (tmp_path / "routines" / "mine.yaml").unlink()
    store = open_store(history, now=LATER)
    offer = offer_at(store, user_catalog(tmp_path / "routines"), LATER)
    assert offer.entry is None and not offer.can_resume and not offer.changed
    store.close()
