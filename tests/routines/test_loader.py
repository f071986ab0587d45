"""What a good routine file means once loaded: YAML's traps read the obvious way."""

from __future__ import annotations

from pathlib import Path

import pytest

from stretchtui.routines import (
    Breathing,
    Level,
    Position,
    Problem,
    Routine,
    RoutineError,
    Side,
    check_files,
    load_routine,
    parse_routine,
    read_routine,
)

HEAD = "name: Test routine\nlevel: beginner\n"


def load(text: str | bytes) -> Routine:
    result = parse_routine(text, "test.yaml", "test")
    assert isinstance(result, Routine), [str(problem) for problem in result]
    return result


def one_step(step_yaml: str, head: str = HEAD) -> Routine:
    return load(head + "steps:\n  - name: Fold\n" + step_yaml)


@pytest.mark.parametrize(
    ("written", "seconds"),
    [
        ("90", 90),
        ("20s", 20),
        ("1m", 60),
        ("1m30s", 90),
        ("1:30", 90),
        ("'1:30'", 90),
        ("0:45", 45),
        ("2M", 120),
    ],
)
def test_durations_read_as_seconds(written: str, seconds: int) -> None:
    assert one_step(f"    hold: {written}\n").steps[0].hold == seconds


def test_unquoted_clock_time_is_minutes_and_seconds_not_yaml_sexagesimal_surprise() -> None:
    # YAML 1.1 turns 1:30 into the integer 90 and 10:00 into 600; both mean what they look like.
    assert one_step("    hold: 10:00\n").steps[0].hold == 600


def test_step_without_timings_takes_the_routine_defaults() -> None:
    routine = load(
        HEAD + "defaults:\n  prepare: 7s\n  rest: 12s\n  tempo: 5s\n"
        "  breathing: {inhale: 3s, exhale: 5s}\n"
        "steps:\n  - name: Cat-Cow\n    reps: 4\n"
    )
    step = routine.steps[0]
    assert (step.prepare, step.rest, step.tempo) == (7, 12, 5)
    assert step.breathing == Breathing(inhale=3, exhale=5)
    assert step.work_seconds == 20


def test_step_breathing_overrides_only_what_it_names() -> None:
    routine = load(
        HEAD + "defaults:\n  breathing: {inhale: 3s, exhale: 5s}\n"
        "steps:\n  - name: Fold\n    hold: 20s\n    breathing: {exhale: 8s}\n"
    )
    assert routine.steps[0].breathing == Breathing(inhale=3, exhale=8)


def test_sides_both_means_right_then_left() -> None:
    assert one_step("    hold: 15s\n    sides: both\n").steps[0].sides == (Side.RIGHT, Side.LEFT)


def test_a_single_side_may_be_written_without_a_list() -> None:
    assert one_step("    hold: 15s\n    sides: left\n").steps[0].sides == (Side.LEFT,)


def test_choices_ignore_case() -> None:
    routine = load(
        "name: Test\nlevel: Beginner\nsteps:\n"
        "  - name: Fold\n    hold: 20s\n    position: Seated\n    areas: [Lower]\n"
    )
    assert routine.level is Level.BEGINNER
    assert routine.steps[0].position is Position.SEATED
    assert routine.steps[0].areas == ("lower",)


def test_folded_instructions_become_one_line() -> None:
    step = one_step("    hold: 20s\n    how: >\n      Sit tall.\n      Fold forward.\n").steps[0]
    assert step.how == "Sit tall. Fold forward."


def test_yes_as_a_name_is_just_text() -> None:
    assert load("name: yes\nlevel: desk\nsteps:\n  - {name: no, hold: 20s}\n").name == "yes"


def test_byte_order_mark_and_windows_line_endings_are_accepted() -> None:
    text = "\ufeff" + (HEAD + "steps:\n  - name: Fold\n    hold: 20s\n").replace("\n", "\r\n")
    assert load(text.encode("utf-8")).steps[0].hold == 20


def test_text_and_bytes_give_the_same_routine() -> None:
    text = HEAD + "steps:\n  - name: Fold\n    hold: 20s\n"
    assert load(text) == load(text.encode("utf-8"))


def test_quoted_numbers_are_accepted_for_counts() -> None:
    assert one_step("    reps: '8'\n").steps[0].reps == 8


def test_routine_without_warmup_or_rounds_has_one_round_and_no_warmup() -> None:
    routine = one_step("    hold: 20s\n")
    assert routine.rounds == 1
    assert routine.warmup is None


def test_read_routine_takes_its_id_from_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "my-stretch.yaml"
    path.write_text(HEAD + "steps:\n  - {name: Fold, hold: 20s}\n")
    routine = read_routine(path)
    assert isinstance(routine, Routine)
    assert routine.id == "my-stretch"
    assert routine.path == path
    assert len(routine.digest) == 64


def test_digest_changes_when_the_file_changes() -> None:
    first = load(HEAD + "steps:\n  - {name: Fold, hold: 20s}\n")
    second = load(HEAD + "steps:\n  - {name: Fold, hold: 25s}\n")
    assert first.digest != second.digest


def test_load_routine_raises_with_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("name: x\nlevel: expert\nsteps:\n  - {name: Fold, hold: soon}\n")
    with pytest.raises(RoutineError) as raised:
        load_routine(path)
    assert [problem.line for problem in raised.value.problems] == [2, 4]
    assert str(raised.value).count("\n") == 1


def test_check_files_collects_problems_of_every_file(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(HEAD + "steps:\n  - {name: Fold, hold: 20s}\n")
    bad_one = tmp_path / "one.yaml"
    bad_one.write_text("name: x\n")
    bad_two = tmp_path / "two.yaml"
    bad_two.write_text("")
    problems = check_files([good, bad_one, bad_two])
    assert {Path(problem.path).name for problem in problems} == {"one.yaml", "two.yaml"}


def test_problem_without_a_place_prints_only_the_path() -> None:
    assert str(Problem("a.yaml", "no such file")) == "a.yaml: no such file"
    assert str(Problem("a.yaml", "bad", 3, 7, "hold")) == "a.yaml:3:7: hold: bad"
