"""The seven bundled routines hold exactly the article's stretches, timings and sides."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from stretchtui.paths import bundled_routines_dir
from stretchtui.plan import build_plan
from stretchtui.routines import Level, Routine, Side, load_routine

BOTH = (Side.RIGHT, Side.LEFT)
ONCE: tuple[Side, ...] = ()

# id -> target minutes, then each stretch as (name, hold seconds, reps, sides), in order.
FULL_ROUTINES: dict[str, tuple[int, list[tuple[str, int | None, int | None, tuple[Side, ...]]]]] = {
    "beginner": (
        15,
        [
            ("Cat-Cow Pose", None, 10, ONCE),
            ("Seated Forward Fold", 20, None, ONCE),
            ("Chest-Opening Wall Stretch", 30, None, ONCE),
        ],
    ),
    "intermediate": (
        20,
        [
            ("Child's Pose with Side Reach", 15, None, BOTH),
            ("Supine Knee-to-Chest", 20, None, BOTH),
            ("Standing Torso Twist", None, 10, BOTH),
        ],
    ),
    "advanced": (
        30,
        [
            ("Standing Forward Bend with Shoulder Opener", 30, None, ONCE),
            ("Thread the Needle", 25, None, BOTH),
            ("Reverse Snow Angel", None, 12, ONCE),
        ],
    ),
}

# The article's table of daily pairings: id -> (stretch, seconds of work on each side, sides).
DESK_SESSIONS: dict[str, tuple[str, int, tuple[Side, ...]]] = {
    "desk-coffee-break": ("Seated Forward Fold", 30, ONCE),
    "desk-pre-gym": ("Cat-Cow Pose", 120, ONCE),
    "desk-midday": ("Standing Torso Twist", 15, BOTH),
    "desk-evening": ("Child's Pose with Side Reach", 30, BOTH),
}


def bundled(routine_id: str) -> Routine:
    return load_routine(bundled_routines_dir() / f"{routine_id}.yaml")


def test_exactly_seven_routines_are_bundled() -> None:
    found = sorted(path.stem for path in bundled_routines_dir().glob("*.yaml"))
    assert found == sorted([*FULL_ROUTINES, *DESK_SESSIONS])


@pytest.mark.parametrize("routine_id", sorted(FULL_ROUTINES))
def test_full_routine_has_the_articles_stretches_in_order(routine_id: str) -> None:
    routine = bundled(routine_id)
    _, expected = FULL_ROUTINES[routine_id]
    assert routine.level is Level(routine_id)
    assert [(s.name, s.hold, s.reps, s.sides) for s in routine.steps] == expected


@pytest.mark.parametrize("routine_id", sorted(FULL_ROUTINES))
def test_full_routine_opens_with_the_five_minute_warmup(routine_id: str) -> None:
    warmup = bundled(routine_id).warmup
    assert warmup is not None
    assert warmup.duration == 5 * 60
    assert warmup.how


@pytest.mark.parametrize("routine_id", sorted(FULL_ROUTINES))
def test_full_routine_lasts_its_advertised_length_within_ten_percent(routine_id: str) -> None:
    minutes, _ = FULL_ROUTINES[routine_id]
    total = build_plan(bundled(routine_id)).total_seconds
    assert minutes * 60 * 0.9 <= total <= minutes * 60 * 1.1, total


@pytest.mark.parametrize("routine_id", sorted(DESK_SESSIONS))
def test_desk_session_is_the_articles_pairing(routine_id: str) -> None:
    routine = bundled(routine_id)
    name, seconds, sides = DESK_SESSIONS[routine_id]
    assert routine.level is Level.DESK
    (step,) = routine.steps
    assert (step.name, step.work_seconds, step.sides) == (name, seconds, sides)


def test_evening_session_gives_one_minute_of_childs_pose() -> None:
    plan = build_plan(bundled("desk-evening"))
    assert sum(s.duration for s in plan.segments if s.kind.is_work) == 60


def test_pre_gym_session_gives_two_minutes_of_cat_cow() -> None:
    plan = build_plan(bundled("desk-pre-gym"))
    assert sum(s.duration for s in plan.segments if s.kind.is_work) == 120


@pytest.mark.parametrize(
    "path", sorted(Path(bundled_routines_dir()).glob("*.yaml")), ids=lambda p: p.stem
)
def test_every_step_says_how_where_and_in_what_position(path: Path) -> None:
    # Read the file itself: the model fills in a default position when the file gives none.
    written = yaml.safe_load(path.read_text(encoding="utf-8"))["steps"]
    for step in written:
        assert all(step.get(key) for key in ("how", "areas", "position")), step["name"]
    assert all(step.how and step.areas for step in load_routine(path).steps)


@pytest.mark.parametrize(
    "path", sorted(Path(bundled_routines_dir()).glob("*.yaml")), ids=lambda p: p.stem
)
def test_every_routine_has_a_summary(path: Path) -> None:
    assert load_routine(path).summary


def how(routine_id: str, stretch: str) -> str:
    [step] = [step for step in bundled(routine_id).steps if step.name == stretch]
    return " ".join(step.how.split())


@pytest.mark.parametrize(
    ("routine_id", "stretch", "right_side_says"),
    [
        ("intermediate", "Child's Pose with Side Reach", "For the RIGHT side, walk both hands"),
        ("desk-evening", "Child's Pose with Side Reach", "For the RIGHT side, walk both hands"),
        ("advanced", "Thread the Needle", "For the RIGHT side, reach your right hand"),
        ("desk-midday", "Standing Torso Twist", "to the right for the RIGHT side"),
    ],
)
def test_sided_stretches_say_which_way_the_right_side_goes(
    routine_id: str, stretch: str, right_side_says: str
) -> None:
    text = how(routine_id, stretch)
    assert right_side_says in text
    assert "LEFT side" in text


def test_knee_to_chest_holds_behind_the_thigh() -> None:
    assert "clasped behind the thigh rather than over the knee" in how(
        "intermediate", "Supine Knee-to-Chest"
    )


def test_standing_fold_rolls_up_slowly_head_last() -> None:
    text = how("advanced", "Standing Forward Bend with Shoulder Opener")
    assert "uncurl slowly" in text and "head last" in text


def test_reverse_snow_angel_offers_an_easier_option() -> None:
    assert "Easier option: leave your legs resting on the floor and lift only the arms" in how(
        "advanced", "Reverse Snow Angel"
    )


def test_micro_sessions_are_named_by_the_moment_of_the_day() -> None:
    names = {routine_id: bundled(routine_id).name for routine_id in DESK_SESSIONS}
    assert names == {
        "desk-coffee-break": "Morning coffee break",
        "desk-midday": "Mid-day",
        "desk-pre-gym": "Before the gym",
        "desk-evening": "Evening",
    }
