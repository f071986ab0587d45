"""The session engine on a fake clock: cue timing, every control at every edge, the record."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from memory_store import MemoryStore
from stretchtui.clock import FakeClock
from stretchtui.cues import Cue
from stretchtui.kinds import CueKind, SegmentKind
from stretchtui.plan import Plan, build_plan
from stretchtui.records import SessionStatus
from stretchtui.routines import Routine, parse_routine
from stretchtui.session import MAX_EXTENSION, Session, SessionState

START = 1000.0

# Segments: 0 warm-up 20 s | 1 prepare 5 | 2 reps 3x6 = 18 | 3 rest 10 | 4 prepare 5 |
# 5 hold RIGHT 20 | 6 switch 5 | 7 hold LEFT 20 | 8 rest 10 | 9 prepare 5 | 10 hold 30.
ROUTINE = """
name: Test routine
level: beginner
summary: For the engine tests.
warmup: {name: March in place, duration: 20s}
defaults: {prepare: 5s, rest: 10s, switch: 5s, breathing: {inhale: 4s, exhale: 6s}}
steps:
  - name: Cat-Cow
    reps: 3
    tempo: 6s
    phases: [cow, cat]
  - name: Twist
    hold: 20s
    sides: [right, left]
  - name: Fold
    hold: 30s
"""
SEGMENT_STARTS = [0, 20, 25, 43, 53, 58, 78, 83, 103, 113, 118]
TOTAL = 148


def plan_of(text: str) -> Plan:
    routine = parse_routine(text)
    assert isinstance(routine, Routine), routine
    return build_plan(routine)


def fixed_wall() -> datetime:
    return datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


def make(
    text: str = ROUTINE, store: MemoryStore | None = None
) -> tuple[Session, FakeClock, MemoryStore]:
    clock = FakeClock(START)
    store = store if store is not None else MemoryStore()
    return Session(plan_of(text), clock, wall=fixed_wall, observers=[store]), clock, store


def walk(session: Session, clock: FakeClock) -> list[tuple[float, Cue]]:
    """Run to the end, stepping exactly to each due instant; (seconds since start, cue)."""
    timeline = [(clock() - START, cue) for cue in session.start()]
    while not session.is_finished:
        step = session.next_due_in()
        assert step is not None
        clock.advance(step)
        timeline.extend((clock() - START, cue) for cue in session.update())
    return timeline


def advance_to(session: Session, clock: FakeClock, seconds: float) -> list[Cue]:
    """Move the fake clock to `seconds` after the start and collect what comes due."""
    clock.now = START + seconds
    return session.update()


def in_segment(timeline: list[tuple[float, Cue]], index: int) -> list[tuple[float, str, object]]:
    start = SEGMENT_STARTS[index]
    return [
        (at - start, cue.kind.value, cue.value)
        for at, cue in timeline
        if cue.segment.index == index and cue.kind is not CueKind.STRETCH_DONE
    ]


# ---------------------------------------------------------------- cue timing


def test_plan_fixture_has_the_segments_the_tests_count_on() -> None:
    plan = plan_of(ROUTINE)
    starts = [sum(s.duration for s in plan.segments[:i]) for i in range(len(plan.segments))]
    assert starts == SEGMENT_STARTS
    assert plan.total_seconds == TOTAL


def test_hold_cues_no_bounce_breathing_halfway_and_countdown_at_their_offsets() -> None:
    session, clock, _ = make()
    cues = in_segment(walk(session, clock), 10)
    assert cues == [
        (0, "segment_start", None),
        (0, "no_bounce", None),
        (0, "breathe_in", None),
        (4, "breathe_out", None),
        (10, "breathe_in", None),
        (14, "breathe_out", None),
        (15, "halfway", None),
        (15, "no_bounce", None),
        (20, "breathe_in", None),
        (24, "breathe_out", None),
        (27, "countdown", 3),
        (28, "countdown", 2),
        (29, "countdown", 1),
        (30, "session_done", None),
    ]


def test_reps_cue_each_rep_with_a_breath_in_then_out_at_half_tempo() -> None:
    session, clock, _ = make()
    timeline = walk(session, clock)
    assert in_segment(timeline, 2) == [
        (0, "segment_start", None),
        (0, "slow_and_controlled", None),
        (0, "rep", 1),
        (0, "breathe_in", None),
        (3, "breathe_out", None),
        (6, "rep", 2),
        (6, "breathe_in", None),
        (9, "breathe_out", None),
        (12, "rep", 3),
        (12, "breathe_in", None),
        (15, "breathe_out", None),
    ]
    texts = [cue.text for _, cue in timeline if cue.segment.index == 2]
    assert "Breathe in, cow." in texts
    assert "Breathe out, cat." in texts
    assert "Rep 2 of 3." in texts


def test_cue_is_not_said_before_its_time() -> None:
    session, clock, _ = make()
    session.start()
    assert advance_to(session, clock, 10.0 - 0.001) == []
    assert [cue.kind for cue in advance_to(session, clock, 10.0)] == [CueKind.HALFWAY]
    assert advance_to(session, clock, 17.0 - 0.001) == []
    assert [cue.kind for cue in advance_to(session, clock, 17.0)] == [CueKind.COUNTDOWN]


def test_switch_sides_cue_names_the_side_coming_up() -> None:
    session, clock, _ = make()
    cues = in_segment(walk(session, clock), 6)
    assert cues[:2] == [(0, "segment_start", None), (0, "switch_sides", None)]
    switch = next(cue for _, cue in walk(*make()[:2]) if cue.kind is CueKind.SWITCH_SIDES)
    assert switch.text == "Switch sides: LEFT side next."


def test_stretch_done_comes_after_the_last_side_only() -> None:
    session, clock, _ = make()
    done = [
        (at, cue.segment.index)
        for at, cue in walk(session, clock)
        if cue.kind.value == "stretch_done"
    ]
    # Warm-up, Cat-Cow, Twist (after LEFT, not RIGHT), Fold.
    assert done == [(20, 0), (43, 2), (103, 7), (148, 10)]


def test_session_done_is_said_once_and_last() -> None:
    session, clock, _ = make()
    timeline = walk(session, clock)
    kinds = [cue.kind for _, cue in timeline]
    assert kinds.count(CueKind.SESSION_DONE) == 1
    assert kinds[-1] is CueKind.SESSION_DONE
    assert timeline[-1][0] == TOTAL
    clock.advance(100)
    assert session.update() == []


def test_each_segment_starts_at_the_previous_deadline_however_late_update_is() -> None:
    session, clock, _ = make()
    session.start()
    advance_to(session, clock, 21.3)
    assert session.index == 1
    assert session.elapsed == pytest.approx(1.3)
    advance_to(session, clock, 59.9)
    assert session.index == 5
    assert session.elapsed == pytest.approx(1.9)
    assert session.remaining == pytest.approx(18.1)


def test_large_clock_jump_emits_every_cue_in_order_and_lands_in_the_right_segment() -> None:
    reference = walk(*make()[:2])
    session, clock, store = make()
    cues = session.start() + advance_to(session, clock, 100.0)
    expected = [cue for at, cue in reference if at <= 100.0]
    assert cues == expected
    assert session.index == 7
    assert session.elapsed == pytest.approx(17.0)
    assert len(store.runs) == 7
    assert all(run.done for run in store.runs)


def test_update_after_ten_idle_minutes_finishes_the_session_once() -> None:
    session, clock, store = make()
    session.start()
    cues = advance_to(session, clock, 600.0)
    assert cues[-1].kind is CueKind.SESSION_DONE
    assert session.status is SessionStatus.COMPLETED
    assert len(store.results) == 1
    assert store.results[0].active_seconds == pytest.approx(TOTAL)


# ---------------------------------------------------------------- pause


def test_pause_during_prepare_freezes_countdown_and_says_nothing() -> None:
    session, clock, _ = make()
    session.start()
    advance_to(session, clock, 22.0)
    assert session.segment.kind is SegmentKind.PREPARE
    session.pause()
    assert session.state is SessionState.PAUSED
    clock.advance(60.0)
    assert session.update() == []
    assert session.remaining == pytest.approx(3.0)
    assert session.next_due_in() is None
    assert session.paused_seconds == pytest.approx(60.0)
    assert session.active_seconds == pytest.approx(22.0)


def test_resume_continues_the_schedule_shifted_by_the_pause() -> None:
    session, clock, _ = make()
    session.start()
    advance_to(session, clock, 21.0)
    session.pause()
    clock.advance(60.0)
    assert session.resume() == []
    clock.advance(1.0)
    assert [(cue.kind, cue.value) for cue in session.update()] == [(CueKind.COUNTDOWN, 3)]
    clock.advance(3.0)
    cues = session.update()
    assert [(cue.kind, cue.value) for cue in cues[:3]] == [
        (CueKind.COUNTDOWN, 2),
        (CueKind.COUNTDOWN, 1),
        (CueKind.SEGMENT_START, None),
    ]
    assert session.index == 2


def test_paused_time_is_kept_apart_from_active_time_in_the_result() -> None:
    session, clock, store = make()
    session.start()
    advance_to(session, clock, 22.0)
    session.pause()
    clock.advance(60.0)
    session.resume()
    clock.advance(TOTAL)
    session.update()
    result = store.results[0]
    assert result.status is SessionStatus.COMPLETED
    assert result.active_seconds == pytest.approx(TOTAL)
    assert result.paused_seconds == pytest.approx(60.0)
    prepare_run = store.runs[1]
    assert prepare_run.paused_seconds == pytest.approx(60.0)
    assert prepare_run.active_seconds == pytest.approx(5.0)
    assert session.session_elapsed == pytest.approx(TOTAL + 60.0)


def test_pause_and_resume_do_nothing_in_the_wrong_state() -> None:
    session, clock, _ = make()
    session.pause()
    assert session.state is SessionState.READY
    session.start()
    assert session.resume() == []
    session.pause()
    session.pause()
    clock.advance(5)
    session.resume()
    assert session.paused_seconds == pytest.approx(5.0)


# ---------------------------------------------------------------- skip


@pytest.mark.parametrize("index", range(len(SEGMENT_STARTS) - 1))
def test_skip_leaves_any_segment_at_once_and_starts_the_next(index: int) -> None:
    session, clock, store = make()
    session.start()
    advance_to(session, clock, SEGMENT_STARTS[index] + 1.0)
    cues = session.skip()
    assert session.index == index + 1
    assert session.elapsed == 0.0
    assert cues[0] == Cue(CueKind.SEGMENT_START, session.segment, 0.0)
    skipped = store.runs[-1]
    assert skipped.segment.index == index
    assert skipped.skipped
    assert skipped.active_seconds == pytest.approx(1.0)
    # The next segment is timed from the press, not from the old deadline.
    clock.advance(session.segment.duration - 0.5)
    assert session.index == index + 1


def test_skip_on_the_last_stretch_completes_the_session_and_records_it() -> None:
    session, clock, store = make()
    session.start()
    advance_to(session, clock, 120.0)
    assert session.index == 10
    cues = session.skip()
    assert [cue.kind for cue in cues] == [CueKind.SESSION_DONE]
    assert session.is_finished
    assert session.status is SessionStatus.COMPLETED
    assert len(store.results) == 1
    done, skipped = store.results[0].stretches()
    assert done == ["Cat-Cow", "Twist"]
    assert skipped == ["Fold"]


def test_skip_while_paused_stays_paused_and_keeps_the_pause_so_far() -> None:
    session, clock, store = make()
    session.start()
    advance_to(session, clock, 5.0)
    session.pause()
    clock.advance(30.0)
    cues = session.skip()
    assert cues[0].kind is CueKind.SEGMENT_START
    assert session.is_paused
    assert session.index == 1
    clock.advance(10.0)
    assert session.update() == []
    assert session.remaining == pytest.approx(5.0)
    session.resume()
    session.end()
    assert store.results[0].paused_seconds == pytest.approx(40.0)
    assert sum(run.paused_seconds for run in store.runs) == pytest.approx(40.0)


# ---------------------------------------------------------------- back and restart


def test_back_from_the_warm_up_restarts_the_warm_up() -> None:
    session, clock, store = make()
    session.start()
    advance_to(session, clock, 12.0)
    cues = session.back()
    assert session.index == 0
    assert session.elapsed == 0.0
    assert cues[0].kind is CueKind.SEGMENT_START
    assert store.runs[-1].skipped


def test_back_on_the_first_stretch_goes_to_the_warm_up() -> None:
    session, clock, _ = make()
    session.start()
    advance_to(session, clock, 30.0)
    assert session.index == 2
    session.back()
    assert session.index == 0


def test_back_on_the_first_stretch_without_warm_up_restarts_it() -> None:
    session, clock, _ = make(ROUTINE.replace("warmup: {name: March in place, duration: 20s}", ""))
    session.start()
    advance_to(session, clock, 10.0)
    assert session.segment.kind is SegmentKind.REPS
    session.back()
    restarted = session.segment
    assert restarted.index == 0
    assert restarted.kind is SegmentKind.PREPARE
    assert restarted.name == "Cat-Cow"


def test_back_from_a_rest_repeats_the_stretch_just_done() -> None:
    session, clock, _ = make()
    session.start()
    advance_to(session, clock, 45.0)
    assert session.segment.kind is SegmentKind.REST
    session.back()
    assert session.index == 1
    assert session.segment.name == "Cat-Cow"


def test_back_from_a_hold_goes_to_the_start_of_the_previous_stretch() -> None:
    session, clock, _ = make()
    session.start()
    advance_to(session, clock, 90.0)
    assert session.index == 7
    session.back()
    assert session.index == 1


def test_going_back_then_finishing_counts_the_redone_stretch_as_done() -> None:
    session, clock, store = make()
    session.start()
    advance_to(session, clock, 30.0)
    session.back()
    clock.advance(TOTAL)
    session.update()
    done, skipped = store.results[0].stretches()
    assert done == ["Cat-Cow", "Twist", "Fold"]
    assert skipped == []


def test_restart_starts_the_current_stretch_from_its_prepare() -> None:
    session, clock, store = make()
    session.start()
    advance_to(session, clock, 90.0)
    cues = session.restart()
    assert session.index == 4
    assert cues[0] == Cue(CueKind.SEGMENT_START, session.segment, 0.0)
    assert store.runs[-1].segment.index == 7
    assert store.runs[-1].skipped


# ---------------------------------------------------------------- extend


def test_extend_moves_halfway_and_countdown_to_the_new_end() -> None:
    session, clock, _ = make()
    session.start()
    advance_to(session, clock, 120.0)
    assert session.extend()
    assert session.segment_duration == 40
    timeline = walk_rest(session, clock)
    offsets = [(round(at - 118), kind.value, value) for at, kind, value in timeline]
    assert (20, "halfway", None) in offsets
    assert (15, "halfway", None) not in offsets
    assert [o for o in offsets if o[1] == "countdown"] == [
        (37, "countdown", 3),
        (38, "countdown", 2),
        (39, "countdown", 1),
    ]
    assert offsets[-1] == (40, "session_done", None)


def test_extend_after_halfway_does_not_say_halfway_again() -> None:
    session, clock, _ = make()
    session.start()
    advance_to(session, clock, 118.0 + 16.0)
    assert session.extend()
    kinds = [kind for _, kind, _ in walk_rest(session, clock)]
    assert CueKind.HALFWAY not in kinds
    assert kinds.count(CueKind.COUNTDOWN) == 3


def test_extend_is_refused_on_reps() -> None:
    session, clock, _ = make()
    session.start()
    advance_to(session, clock, 26.0)
    assert not session.can_extend
    assert not session.extend()
    assert session.segment_duration == 18


def test_extend_is_capped() -> None:
    session, clock, _ = make()
    session.start()
    advance_to(session, clock, 120.0)
    for _ in range(MAX_EXTENSION // 10):
        assert session.extend()
    assert not session.can_extend
    assert not session.extend()
    assert not session.extend(1)
    assert session.segment_duration == 30 + MAX_EXTENSION


def walk_rest(session: Session, clock: FakeClock) -> list[tuple[float, CueKind, int | None]]:
    out: list[tuple[float, CueKind, int | None]] = []
    while not session.is_finished:
        step = session.next_due_in()
        assert step is not None
        clock.advance(step)
        out.extend((clock() - START, cue.kind, cue.value) for cue in session.update())
    return out


# ---------------------------------------------------------------- end early


def test_end_early_records_what_was_done_and_tells_observers_once() -> None:
    session, clock, store = make()
    session.start()
    advance_to(session, clock, 50.0)
    session.end()
    assert session.is_finished
    assert session.status is SessionStatus.ENDED_EARLY
    assert len(store.started) == 1
    assert len(store.results) == 1
    result = store.results[0]
    assert result.status is SessionStatus.ENDED_EARLY
    assert [run.segment.index for run in result.runs] == [0, 1, 2, 3]
    assert result.runs[-1].skipped
    assert result.active_seconds == pytest.approx(50.0)
    assert result.stretches() == (["Cat-Cow"], ["Twist", "Fold"])
    assert session.elapsed == pytest.approx(7.0)
    clock.advance(30)
    assert session.elapsed == pytest.approx(7.0)
    assert session.session_elapsed == pytest.approx(50.0)


def test_end_while_paused_counts_the_pause() -> None:
    session, clock, store = make()
    session.start()
    advance_to(session, clock, 10.0)
    session.pause()
    clock.advance(7.0)
    session.end()
    assert store.results[0].paused_seconds == pytest.approx(7.0)
    assert store.results[0].active_seconds == pytest.approx(10.0)


def test_controls_after_the_end_do_nothing() -> None:
    session, clock, store = make()
    session.start()
    session.end()
    runs = list(store.runs)
    assert session.update() == []
    assert session.skip() == []
    assert session.back() == []
    assert session.restart() == []
    assert session.resume() == []
    assert session.toggle_pause() == []
    assert not session.extend()
    session.pause()
    session.end()
    assert session.start() == []
    assert store.runs == runs
    assert len(store.results) == 1
    assert session.next_due_in() is None
    assert session.session_remaining == 0.0


# ---------------------------------------------------------------- shapes of routine


def test_a_one_step_routine_runs_prepare_then_hold_then_ends() -> None:
    session, clock, store = make(
        "name: One\nlevel: desk\nsummary: s\nsteps:\n  - {name: Fold, hold: 20s}\n"
    )
    timeline = walk(session, clock)
    assert [s.kind for s in session.plan.segments] == [SegmentKind.PREPARE, SegmentKind.HOLD]
    assert timeline[-2][1].kind is CueKind.STRETCH_DONE
    assert timeline[-1][0] == 25.0
    assert store.results[0].stretches() == (["Fold"], [])


def test_a_one_step_routine_can_go_back_and_skip_at_its_edges() -> None:
    session, clock, store = make(
        "name: One\nlevel: desk\nsummary: s\nsteps:\n  - {name: Fold, hold: 20s}\n"
    )
    session.start()
    advance_to(session, clock, 8.0)
    session.back()
    assert session.index == 0
    session.skip()
    cues = session.skip()
    assert cues[-1].kind is CueKind.SESSION_DONE
    assert store.results[0].stretches() == ([], ["Fold"])


def test_start_twice_and_update_before_start_do_nothing() -> None:
    session, clock, store = make()
    assert session.update() == []
    assert session.elapsed == 0.0
    assert session.next_due_in() is None
    first = session.start()
    assert first[0].kind is CueKind.SEGMENT_START
    assert session.start() == []
    assert len(store.started) == 1


# ---------------------------------------------------------------- reading the state


def test_observers_hear_start_once_each_run_and_end_once() -> None:
    session, clock, store = make()
    walk(session, clock)
    assert len(store.started) == 1
    assert store.started[0].session_id == session.session_id
    assert [run.segment.index for run in store.runs] == list(range(11))
    assert store.runs == list(session.runs)
    assert len(store.results) == 1
    assert session.result is store.results[0]


def test_next_due_in_points_at_the_next_cue_or_segment_end() -> None:
    session, clock, _ = make()
    session.start()
    assert session.next_due_in() == pytest.approx(10.0)  # halfway of the 20 s warm-up
    advance_to(session, clock, 11.0)
    assert session.next_due_in() == pytest.approx(6.0)  # the 3 of 3-2-1
    advance_to(session, clock, 19.5)
    assert session.next_due_in() == pytest.approx(0.5)  # segment end


def test_rep_and_breath_follow_the_tempo() -> None:
    session, clock, _ = make()
    session.start()
    during_warm_up = session.rep
    assert during_warm_up is None
    advance_to(session, clock, 25.0 + 7.5)
    assert session.rep == 2
    breath = session.breath()
    assert breath is not None
    assert breath.inhaling
    assert breath.progress == pytest.approx(0.5)
    advance_to(session, clock, 25.0 + 10.0)
    breath = session.breath()
    assert breath is not None
    assert not breath.inhaling
    assert breath.seconds_left == pytest.approx(2.0)


def test_hold_breath_follows_the_pattern() -> None:
    session, clock, _ = make()
    session.start()
    advance_to(session, clock, 58.0 + 5.0)
    breath = session.breath()
    assert breath is not None
    assert not breath.inhaling
    assert breath.seconds_left == pytest.approx(5.0)


def test_next_stretch_and_session_remaining() -> None:
    session, clock, _ = make()
    session.start()
    advance_to(session, clock, 60.0)
    upcoming = session.next_stretch()
    assert upcoming is not None
    assert (upcoming.name, upcoming.side is not None) == ("Twist", True)
    assert session.session_remaining == pytest.approx(TOTAL - 60.0)


# ---------------------------------------------------------------- time away (suspend, SIGSTOP)


def make_awake(away_after: float = 2.0) -> tuple[Session, FakeClock, MemoryStore]:
    """A session on a clock that reads a late look as time away, as the real clock does."""
    clock = FakeClock(START, away_after=away_after)
    store = MemoryStore()
    return Session(plan_of(ROUTINE), clock, wall=fixed_wall, observers=[store]), clock, store


def look_until(session: Session, clock: FakeClock, seconds: float) -> None:
    """Run to `seconds` after the start, looking as often as the engine asks (never away)."""
    while clock() < START + seconds:
        step = session.next_look_in()
        clock.now = min(START + seconds, clock() + (step if step is not None else 1.0))
        session.update()


def test_a_late_look_pauses_where_the_session_was_last_seen_and_replays_nothing() -> None:
    session, clock, _ = make_awake()
    session.start()
    look_until(session, clock, 60)  # 2 s into the RIGHT hold (segment 5)
    assert session.index == 5
    clock.now = START + 80  # breathe out was due at 62: 18 s late
    assert session.update() == []
    assert session.state is SessionState.PAUSED
    assert session.away is not None
    assert session.away.since == START + 60
    assert session.away.seconds == 20
    assert session.index == 5
    assert session.remaining == 18
    assert session.paused_seconds == 20


def test_a_look_less_than_two_seconds_late_is_only_busy_and_catches_up() -> None:
    session, clock, _ = make_awake()
    session.start()
    look_until(session, clock, 76)
    cues = advance_to(session, clock, 77 + 1.9)  # "1…" was due at 77, the hold's end at 78
    assert session.state is SessionState.RUNNING
    assert session.away is None
    assert session.index == 6
    assert [cue.kind for cue in cues][-1] is CueKind.SWITCH_SIDES


def test_after_time_away_space_goes_on_from_where_it_stopped_with_the_next_due_cue() -> None:
    session, clock, _ = make_awake()
    session.start()
    look_until(session, clock, 60)
    advance_to(session, clock, 80)
    clock.advance(5)  # the person reads the screen, then presses space
    assert session.resume() == []
    assert session.away is None
    assert session.remaining == 18
    assert session.paused_seconds == 25
    clock.advance(2)  # it stopped 2 s into the hold; breathe out is due 4 s in
    assert [cue.kind for cue in session.update()] == [CueKind.BREATHE_OUT]


def test_time_away_is_recorded_as_paused_time_not_active_time() -> None:
    session, clock, store = make_awake()
    session.start()
    look_until(session, clock, 60)
    advance_to(session, clock, 80)
    session.resume()
    session.end()
    result = session.result
    assert result is not None
    assert result.paused_seconds == 20
    assert result.active_seconds == 60
    assert store.results[-1].paused_seconds == 20
    hold = result.runs[-1]
    assert (hold.segment.index, hold.active_seconds, hold.paused_seconds) == (5, 2, 20)


def test_a_late_look_while_paused_or_on_a_fake_clock_is_not_time_away() -> None:
    session, clock, _ = make_awake()
    session.start()
    look_until(session, clock, 60)
    session.pause()
    advance_to(session, clock, 600)
    session.resume()
    assert session.away is None and session.state is SessionState.RUNNING
    plain, plain_clock, _ = make()
    plain.start()
    advance_to(plain, plain_clock, 60)
    assert plain.away is None and plain.index == 5


def test_the_look_limit_follows_the_clock_so_a_fast_preview_is_not_taken_for_away() -> None:
    session, clock, _ = make_awake(away_after=2.0 * 20)  # --speed 20: 2 real seconds
    session.start()
    look_until(session, clock, 60)
    advance_to(session, clock, 100)  # 38 s after the breathe-out due at 62
    assert session.away is None and session.index == 7


def test_next_look_comes_within_a_real_second_even_when_nothing_is_due() -> None:
    session, clock, _ = make_awake()
    session.start()
    assert session.next_look_in() == 1.0
    assert session.next_due_in() == 10.0  # the warm-up's halfway
    advance_to(session, clock, 9.5)
    assert session.next_look_in() == 0.5
    session.pause()
    assert session.next_look_in() is None
