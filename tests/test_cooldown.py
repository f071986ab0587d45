"""The cool-down through every layer, as the warm-up; and time to read a stretch at first."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from memory_store import MemoryStore
from stretchtui.clock import FakeClock
from stretchtui.kinds import SegmentKind
from stretchtui.plan import LONGEST_FIRST_PREPARE, Plan, build_plan, reading_seconds
from stretchtui.routines import Routine, load_routine, parse_routine
from stretchtui.routines.checker import COOLDOWN_FIELDS
from stretchtui.session import Session

REPO = Path(__file__).resolve().parent.parent
LEVELS = {"beginner": 15, "intermediate": 20, "advanced": 30}

ROUTINE = """
name: Cool test
level: beginner
warmup: {name: March in place, duration: 10s}
rounds: 2
defaults: {rest: 5s, round_rest: 5s}
steps:
  - name: Fold
    how: Fold forward from the hips and let the arms hang, easy and slow, no bouncing.
    hold: 10s
  - name: Reach
    hold: 10s
cooldown:
  name: Slow breathing
  duration: 20s
  how: Breathe slowly and let the shoulders drop.
"""


def plan_of(text: str) -> Plan:
    routine = parse_routine(text)
    assert isinstance(routine, Routine), routine
    return build_plan(routine)


def bundled(routine_id: str) -> Routine:
    return load_routine(REPO / "routines" / f"{routine_id}.yaml")


def test_the_cool_down_is_the_last_segment_after_the_last_stretch() -> None:
    plan = plan_of(ROUTINE)
    last = plan.segments[-1]
    assert (last.kind, last.name, last.duration) == (SegmentKind.COOLDOWN, "Slow breathing", 20)
    assert last.how == "Breathe slowly and let the shoulders drop."
    assert last.stretch_number is None
    assert plan.segments[-2].kind is SegmentKind.HOLD  # no rest before it
    assert last.kind.is_work


@pytest.mark.parametrize("routine_id", sorted(LEVELS))
def test_each_level_ends_with_a_one_to_two_minute_cool_down(routine_id: str) -> None:
    routine = bundled(routine_id)
    assert routine.cooldown is not None
    assert 60 <= routine.cooldown.duration <= 120
    assert len(routine.cooldown.how.split()) >= 20
    assert build_plan(routine).segments[-1].kind is SegmentKind.COOLDOWN


@pytest.mark.parametrize(
    ("text", "field", "message"),
    [
        ("cooldown: {name: Breathe}\n", "cooldown.duration", "missing; a cool-down needs"),
        ("cooldown: {name: Breathe, duration: -5}\n", "cooldown.duration", "expected a duration"),
        ("cooldown: {name: Breathe, duration: 1m, pace: slow}\n", "cooldown.pace", ""),
        ("cooldown: Breathe\n", "cooldown", "a cool-down like {name: Slow breathing"),
    ],
)
def test_a_bad_cool_down_is_named_with_its_field(text: str, field: str, message: str) -> None:
    problems = parse_routine("name: x\nlevel: desk\nsteps:\n  - name: y\n    hold: 5s\n" + text)
    assert isinstance(problems, list)
    assert [p.field for p in problems] == [field], problems
    assert message in problems[0].message


def test_the_schema_describes_the_cool_down_as_the_loader_reads_it() -> None:
    schema = json.loads((REPO / "routines" / "routine.schema.json").read_text(encoding="utf-8"))
    cooldown = schema["$defs"]["cooldown"]
    assert schema["properties"]["cooldown"] == {"$ref": "#/$defs/cooldown"}
    assert list(cooldown["properties"]) == list(COOLDOWN_FIELDS)
    assert cooldown["additionalProperties"] is False
    assert cooldown["required"] == ["name", "duration"]


def run_through(plan: Plan) -> Session:
    clock = FakeClock(0.0)
    session = Session(plan, clock, observers=[MemoryStore()])
    session.start()
    while not session.is_finished:
        clock.advance(session.remaining)
        session.update()
    return session


def test_the_record_counts_the_cool_down_as_done() -> None:
    session = run_through(plan_of(ROUTINE))
    assert session.result is not None
    [run] = [run for run in session.result.runs if run.segment.kind is SegmentKind.COOLDOWN]
    assert run.done and run.active_seconds == 20


def test_back_from_the_cool_down_goes_to_the_start_of_the_last_stretch() -> None:
    plan = plan_of(ROUTINE)
    clock = FakeClock(0.0)
    session = Session(plan, clock, observers=[MemoryStore()])
    session.start()
    while session.segment.kind is not SegmentKind.COOLDOWN:
        clock.advance(session.remaining)
        session.update()
    session.back()
    landed = session.plan.segments[session.index]
    assert (landed.kind, landed.name, landed.round) == (SegmentKind.PREPARE, "Reach", 2)


def show(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stretchtui", "show", *args],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )


def test_show_lists_the_cool_down_and_counts_it_in_the_total() -> None:
    table = show("beginner").stdout.splitlines()
    assert "cooldown" in table[-2] and "Slow breathing" in table[-2] and "1m 30s" in table[-2]
    listed: dict[str, Any] = json.loads(show("beginner", "--json").stdout)
    assert listed["segments"][-1]["kind"] == "cooldown"


def test_plain_mode_says_the_cool_down_and_how_to_do_it(tmp_path: Path) -> None:
    routine = tmp_path / "cool.yaml"
    routine.write_text(ROUTINE, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "stretchtui", "run", str(routine), "--plain"]
        + ["--no-sound", "--speed", "50"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    assert "Cool-down: Slow breathing, 20 seconds." in done.stdout
    assert "How: Breathe slowly and let the shoulders drop." in done.stdout
    history = subprocess.run(
        [sys.executable, "-m", "stretchtui", "history", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    [session] = json.loads(history.stdout)
    assert session["status"] == "preview"  # --speed: a preview, kept apart
    assert session["planned_seconds"] == plan_of(ROUTINE).total_seconds


def test_reading_time_is_two_and_a_half_words_a_second_capped() -> None:
    assert reading_seconds("") == 0
    assert reading_seconds("one two three four five") == 2
    assert reading_seconds("word " * 26) == 11
    assert reading_seconds("word " * 200) == LONGEST_FIRST_PREPARE == 15


def test_the_first_get_ready_of_a_stretch_allows_time_to_read_it_later_rounds_stay_short() -> None:
    prepares = [s for s in plan_of(ROUTINE).segments if s.kind is SegmentKind.PREPARE]
    by_round = [(s.name, s.round, s.duration) for s in prepares]
    # Fold's how-to is 15 words: 6 s to read; Reach has none, so the usual 5 s.
    assert by_round == [("Fold", 1, 6), ("Reach", 1, 5), ("Fold", 2, 5), ("Reach", 2, 5)]


def test_a_routine_that_sets_prepare_keeps_it_every_time() -> None:
    for prepare_at in ("defaults: {rest: 5s, round_rest: 5s, prepare: 3s}", None):
        text = ROUTINE
        if prepare_at:
            text = text.replace("defaults: {rest: 5s, round_rest: 5s}", prepare_at)
        else:
            text = text.replace(
                "    hold: 10s\n  - name: Reach", "    hold: 10s\n    prepare: 3s\n  - name: Reach"
            )
        fold = [
            s.duration
            for s in plan_of(text).segments
            if s.kind is SegmentKind.PREPARE and s.name == "Fold"
        ]
        assert fold == [3, 3]


@pytest.mark.parametrize("routine_id", sorted(LEVELS))
def test_bundled_first_get_readies_fit_their_how_to(routine_id: str) -> None:
    routine = bundled(routine_id)
    firsts = [
        s for s in build_plan(routine).segments if s.kind is SegmentKind.PREPARE and s.round == 1
    ]
    for segment in firsts:
        assert segment.duration == min(15, max(5, reading_seconds(segment.how))), segment.name
        assert segment.duration >= 11, "every bundled how-to takes 11 s or more to read"


def test_the_session_view_says_the_cool_down_ends_the_session() -> None:
    from stretchtui.session_view import next_text

    plan = plan_of(ROUTINE)
    clock = FakeClock(0.0)
    session = Session(plan, clock, observers=[MemoryStore()])
    session.start()
    last_hold = plan.segments[-2]
    while session.index < last_hold.index:
        clock.advance(session.remaining)
        session.update()
    assert next_text(session) == "Next: Slow breathing · 20s"
    clock.advance(session.remaining)
    session.update()
    assert plan.segments[session.index].kind is SegmentKind.COOLDOWN
    assert next_text(session) == "Then the session is done"
