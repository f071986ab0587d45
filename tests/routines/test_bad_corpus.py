"""Every file in `bad/` is refused with a message that names the place and the mistake."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from stretchtui.routines import Problem, Routine, read_routine
from stretchtui.routines.loader import MAX_FILE_BYTES

BAD = Path(__file__).parent / "bad"

# file -> (line of the first problem, 0 when the file has no line to point at; what it says)
EXPECTED: dict[str, tuple[int, str]] = {
    "bad-area.yaml": (6, "steps[0].areas[1]: expected one of lower, middle"),
    "billion-laughs.yaml": (5, "holds more than 20000 values"),
    "binary-junk.yaml": (3, "looks like a binary file"),
    "breathing-too-long.yaml": (4, "defaults.breathing.inhale: expected a duration from 1s to 20s"),
    "comments-only.yaml": (0, "the file holds only comments"),
    "control-character.yaml": (4, "control character U+0007"),
    "deep-nesting.yaml": (3, "nested too deeply"),
    "duplicate-key.yaml": (6, "steps[0].hold: duplicate field (first given on line 5)"),
    "duplicate-side.yaml": (6, "steps[0].sides[1]: right is listed twice"),
    "duration-clock-too-long.yaml": (5, "steps[0].hold: expected a duration from 1s to 10 min"),
    "duration-fraction.yaml": (
        5,
        "steps[0].hold: expected a duration like 30s, 1m or 1m30s, got 2.5",
    ),
    "duration-negative.yaml": (
        5,
        "steps[0].hold: expected a duration like 30s, 1m or 1m30s, got -5",
    ),
    "duration-too-long.yaml": (5, "steps[0].hold: expected a duration from 1s to 10 min, got 1h"),
    "duration-word.yaml": (5, "steps[0].hold: expected a duration like 30s, 1m or 1m30s, got soon"),
    "duration-zero.yaml": (5, "steps[0].hold: expected a duration from 1s to 10 min, got 0"),
    "empty.yaml": (0, "the file is empty"),
    "hold-and-reps.yaml": (6, "steps[0].reps: give hold or reps, not both"),
    "level-misspelt.yaml": (
        2,
        "level: expected one of beginner, intermediate, advanced, desk; "
        "got begginer (did you mean beginner?)",
    ),
    "level-yes.yaml": (2, "level: expected one of beginner, intermediate, advanced, desk; got yes"),
    "merge-key.yaml": (5, "merge keys (<<) are not supported"),
    "missing-level.yaml": (1, "level: missing"),
    "missing-name.yaml": (1, "name: missing"),
    "missing-steps.yaml": (1, "steps: missing"),
    "multi-document.yaml": (5, "more than one YAML document"),
    "name-empty.yaml": (1, "name: expected text, found nothing"),
    "neither-hold-nor-reps.yaml": (4, "steps[0]: needs hold (seconds to hold) or reps"),
    "not-utf8.yaml": (4, "not UTF-8 text (byte 0xe9)"),
    "phases-three.yaml": (6, "steps[0].phases: expected two movements"),
    "position-no.yaml": (
        6,
        "steps[0].position: expected one of floor, seated, standing, wall; got no",
    ),
    "python-tag.yaml": (4, "the tag !!python/object/apply:os.system has no place in a routine"),
    "reps-word.yaml": (5, "steps[0].reps: expected a whole number from 1 to 100, got ten"),
    "root-list.yaml": (
        1,
        "expected the routine's fields (name, level, steps, …) at the top, found a list",
    ),
    "root-scalar.yaml": (1, "at the top, found 'just a sentence'"),
    "rounds-zero.yaml": (3, "rounds: expected a whole number from 1 to 20, got 0"),
    "self-alias.yaml": (3, "an alias refers to the value that contains it"),
    "side-on.yaml": (6, "steps[0].sides[1]: expected one of right, left; got on"),
    "steps-empty.yaml": (3, "steps: the list is empty"),
    "steps-not-a-list.yaml": (3, "steps: expected a list of stretches, found 'Fold'"),
    "tabs.yaml": (5, "a tab is used for indentation; YAML needs spaces"),
    "tempo-on-hold.yaml": (6, "steps[0].tempo: only applies to a stretch with reps"),
    "three-problems.yaml": (2, "level: expected one of"),
    "unclosed-bracket.yaml": (6, "flow sequence that starts on line 5"),
    "unclosed-quote.yaml": (1, "quoted scalar that starts here"),
    "unknown-key.yaml": (4, "steps[0]: needs hold"),
    "unknown-root-key.yaml": (3, "sumary: unknown field (did you mean 'summary'?)"),
    "warmup-scalar.yaml": (3, "warmup: expected a warm-up like {name: March in place"),
}


def problems_of(path: Path) -> list[Problem]:
    result = read_routine(path)
    assert not isinstance(result, Routine), f"{path.name} loaded, but it is broken"
    assert result, f"{path.name} gave neither a routine nor a problem"
    return result


def place(path: Path, line: int) -> str:
    """How a problem line starts: `path:line:` or, with no line to give, `path: `."""
    return f"{path}:{line}:" if line else f"{path}: "


def test_corpus_holds_at_least_thirty_distinct_files() -> None:
    files = sorted(path.name for path in BAD.glob("*.yaml"))
    assert len(files) >= 30
    assert len({path.read_bytes() for path in BAD.glob("*.yaml")}) == len(files)


def test_every_corpus_file_has_an_expectation() -> None:
    assert sorted(path.name for path in BAD.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_names_line_and_mistake(name: str) -> None:
    path = BAD / name
    line, fragment = EXPECTED[name]
    first = str(problems_of(path)[0])
    label = str(problems_of(path)[0].path)
    assert first.startswith(place(Path(label), line)), first
    assert fragment in first
    assert "\n" not in first


def test_all_problems_of_a_file_are_reported_in_line_order() -> None:
    problems = problems_of(BAD / "three-problems.yaml")
    assert [(p.line, p.field) for p in problems] == [
        (2, "level"),
        (5, "steps[0].hold"),
        (8, "steps[1].sides[0]"),
    ]


def test_unknown_key_suggests_the_field_meant() -> None:
    messages = [str(p) for p in problems_of(BAD / "unknown-key.yaml")]
    assert any(":5:5: steps[0].hodl: unknown field (did you mean 'hold'?)" in m for m in messages)


def test_yaml_booleans_are_explained_not_read_as_true() -> None:
    for name, word in [
        ("level-yes.yaml", "yes"),
        ("side-on.yaml", "on"),
        ("position-no.yaml", "no"),
    ]:
        message = str(problems_of(BAD / name)[0])
        assert f"{word} unquoted is YAML for true or false" in message


def test_billion_laughs_is_refused_quickly() -> None:
    # A safety bound, not a benchmark: expanding the aliases would take minutes and gigabytes.
    started = time.perf_counter()
    problems = problems_of(BAD / "billion-laughs.yaml")
    assert time.perf_counter() - started < 1.0
    assert "holds more than" in problems[0].message


def test_file_over_the_size_cap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("# padding\n" * (MAX_FILE_BYTES // 10 + 1))
    (problem,) = problems_of(path)
    assert "routine files are limited to 256 KiB" in problem.message
    assert problem.line == 0


def test_directory_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    (problem,) = problems_of(folder)
    assert "is a directory" in str(problem)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    (problem,) = problems_of(tmp_path / "nowhere.yaml")
    assert str(problem).endswith("nowhere.yaml: no such file")


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root reads files whatever their mode, so an unreadable file cannot be made",
)
def test_unreadable_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("name: x\n")
    path.chmod(0)
    try:
        (problem,) = problems_of(path)
    finally:
        path.chmod(0o644)
    assert "permission denied" in problem.message


def test_very_deep_nesting_is_refused_without_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("[" * 50_000 + "]" * 50_000)
    assert "nested too deeply" in problems_of(path)[0].message


def test_permission_denied_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Runs even as root (where chmod 000 does not stop reading): the refusal is simulated.
    path = tmp_path / "locked.yaml"
    path.write_text("name: x\n")

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    (problem,) = problems_of(path)
    assert str(problem).endswith("locked.yaml: cannot read the file: permission denied")
