"""Every file in `bad/` is refused with a message that names the place and the mistake."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from stretchtui.routines import Problem, Routine, parse_routine, read_routine
from stretchtui.routines.routine_file import MAX_FILE_BYTES

BAD = Path(__file__).parent / "bad"

# file -> (line of the first problem, 0 when the file has no line to point at; what it says)
EXPECTED: dict[str, tuple[int, str]] = {
    "bad-area.yaml": (6, "steps[0].areas[1]: expected one of lower, middle"),
    "billion-laughs.yaml": (5, "holds more than 20000 values"),
    "binary-junk.yaml": (3, "looks like a binary file"),
    "breathing-too-long.yaml": (4, "defaults.breathing.inhale: expected a duration from 1s to 20s"),
    "comments-only.yaml": (0, "the file holds only comments"),
    "control-character.yaml": (4, "control character U+0007 in the text"),
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
    "tabs.yaml": (5, "line 5 is indented with a tab; YAML needs spaces"),
    "tempo-on-hold.yaml": (6, "steps[0].tempo: only applies to a stretch with reps"),
    "three-problems.yaml": (2, "level: expected one of"),
    "unclosed-bracket.yaml": (5, "the [ opened on line 5 is not closed before line 6"),
    "unclosed-quote.yaml": (1, 'the quote " opened on line 1 is never closed'),
    "unknown-key.yaml": (4, "steps[0]: needs hold"),
    "unknown-root-key.yaml": (3, "sumary: unknown field (did you mean 'summary'?)"),
    "warmup-scalar.yaml": (3, "warmup: expected a warm-up like {name: March in place"),
    # Control characters, however written: a YAML escape or the raw character.
    "escape-in-name.yaml": (1, "control character U+001B in this value"),
    "c1-csi-escape.yaml": (1, "control character U+009B in this value"),
    "osc8-link-escape.yaml": (4, "control character U+001B in this value"),
    "nul-escape.yaml": (3, "control character U+0000 in this value"),
    "lone-surrogate.yaml": (1, "lone surrogate U+D800 (half of a character, not text)"),
    "raw-c1.yaml": (1, "control character U+009B in the text"),
    "bidi-override-raw.yaml": (4, "control character U+202E (right-to-left override) in the text"),
    "bidi-isolate-escape.yaml": (4, "U+2066 (left-to-right isolate) in this value"),
    "nel-escape.yaml": (1, "control character U+0085 in this value"),
    "line-separator-raw.yaml": (3, "U+2028 (line separator) in the text"),
    "paragraph-separator-escape.yaml": (3, "U+2029 (paragraph separator) in this value"),
    # Names that show nothing.
    "name-zero-width.yaml": (1, "name: expected text, found only invisible characters"),
    "step-name-format-only.yaml": (4, "steps[0].name: expected text, found only invisible"),
    # Numbers: ASCII digits only, and never converted when too long.
    "hold-superscript.yaml": (
        5,
        "steps[0].hold: expected a duration like 30s, 1m or 1m30s, got ²0",
    ),
    "rounds-superscript.yaml": (3, "rounds: expected a whole number from 1 to 20, got ²"),
    "hold-other-digits.yaml": (5, "steps[0].hold: expected a duration like 30s, 1m or 1m30s"),
    "hold-5000-digits.yaml": (
        5,
        "steps[0].hold: expected a duration from 1s to 10 min, got a 5000-digit number",
    ),
    "reps-5000-digits.yaml": (
        5,
        "steps[0].reps: expected a whole number from 1 to 100, got a 5000-digit number",
    ),
    # What is quoted back is one line, 80 characters at most.
    "root-multiline-text.yaml": (1, "not a routine: none of its top-level fields is name, level"),
    "long-value.yaml": (5, "got " + "x" * 79 + "…"),
    "undefined-long-alias.yaml": (1, "found undefined alias 'aaaa"),
    # Figures: a built-in name, or a drawing every character of which takes one column.
    "figure-unknown-name.yaml": (6, "steps[0].figure: expected a built-in figure like cat-cow"),
    "figure-number.yaml": (6, "steps[0].figure: expected a built-in figure"),
    "figure-mapping.yaml": (6, "or a drawing: a list of 2 to 12 lines; found a mapping"),
    "figure-one-line.yaml": (6, "steps[0].figure: the drawing has one line; a drawing needs 2"),
    "figure-nested-list.yaml": (8, "steps[0].figure[1]: expected a line of the drawing, found a"),
    "figure-tab.yaml": (8, "steps[0].figure[1]: line 2 of the drawing: a tab in the drawing"),
    "figure-wide-character.yaml": (7, "character U+30C4 in the drawing is not one column wide"),
    "figure-zero-width.yaml": (8, "character U+200B in the drawing is not drawn"),
    "figure-escape.yaml": (8, "control character U+001B in this value"),
    "figure-too-tall.yaml": (7, "steps[0].figure: the drawing has 13 lines; at most 12"),
    "figure-too-wide.yaml": (8, "line 2 of the drawing: a line of the drawing is 41 columns wide"),
    "figure-huge.yaml": (6, "steps[0].figure: the drawing has 5000 lines; at most 12"),
    "warmup-figure-misspelt.yaml": (3, "warmup.figure: expected a built-in figure"),
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


@pytest.mark.parametrize(
    ("name", "column"),
    [
        ("figure-tab.yaml", 14),
        ("figure-too-wide.yaml", 50),
        ("figure-wide-character.yaml", 8),
        ("figure-zero-width.yaml", 12),
    ],
)
def test_a_bad_character_in_a_drawing_is_pointed_at(name: str, column: int) -> None:
    assert problems_of(BAD / name)[0].column == column


def test_a_misspelt_figure_name_gets_a_suggestion() -> None:
    message = str(problems_of(BAD / "figure-unknown-name.yaml")[0])
    assert message.endswith("got cat-cows (did you mean cat-cow?)")


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
    assert problem.message.endswith("; the limit is 256 KiB")
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

    real_open = os.open

    def refuse(name: str | os.PathLike[str], flags: int, *args: int, **kwargs: object) -> int:
        if Path(name) == path:
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, flags, *args)

    monkeypatch.setattr(os, "open", refuse)
    (problem,) = problems_of(path)
    assert str(problem).endswith("locked.yaml: cannot read the file: permission denied")


# ---------------------------------------------------------------- what is quoted back

LONGEST_QUOTE = 80


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_message_quotes_more_than_one_short_line(name: str) -> None:
    for problem in problems_of(BAD / name):
        assert "\n" not in str(problem)
        # Nothing from the file longer than the excerpt: the message minus our own words.
        assert len(problem.message) <= LONGEST_QUOTE + 110, problem.message


def test_a_file_that_is_not_a_routine_gets_one_line_and_none_of_it_quoted() -> None:
    (problem,) = problems_of(BAD / "root-multiline-text.yaml")
    assert "daemon" not in str(problem) and "root:" not in str(problem)


def test_plain_text_over_many_lines_is_not_echoed(tmp_path: Path) -> None:
    path = tmp_path / "passwd.yaml"
    path.write_text("".join(f"user{n}:x:{n}:{n}:secret{n}:/home:/bin/sh\n" for n in range(30)))
    (problem,) = problems_of(path)
    assert problem.message.endswith("at the top, found text over 30 lines")
    assert "secret" not in str(problem)


def test_a_file_with_very_many_mistakes_lists_twenty_and_counts_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    # 30 unknown fields, level and steps missing: 32 in all.
    path.write_text("name: x\n" + "".join(f"field{n}: 1\n" for n in range(30)))
    problems = problems_of(path)
    assert len(problems) == 21
    assert str(problems[-1]).endswith("…and 12 more problems")


def test_an_escaped_control_character_in_a_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "key.yaml"
    path.write_text('name: x\nlevel: desk\n"st\\eeps": []\n')
    (problem,) = problems_of(path)
    assert str(problem).endswith(
        ":3:1: control character U+001B in this value; "
        + ("routine text must be plain printable text")
    )


def test_line_breaks_and_tabs_in_text_fold_into_spaces(tmp_path: Path) -> None:
    path = tmp_path / "folded.yaml"
    path.write_text(
        'name: "Morning\\tstretch"\nlevel: desk\nsteps:\n  - name: "a\\nb"\n    hold: 5s\n'
    )
    routine = read_routine(path)
    assert isinstance(routine, Routine)
    assert routine.name == "Morning stretch"
    assert routine.steps[0].name == "a b"


def test_a_zero_width_joiner_inside_a_name_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "emoji.yaml"
    path.write_text(
        "name: Family \U0001f468\u200d\U0001f469 stretch\nlevel: desk\n"
        "steps:\n  - name: Fold\n    hold: 5s\n"
    )
    routine = read_routine(path)
    assert isinstance(routine, Routine)
    assert "\u200d" in routine.name


def test_a_string_with_a_lone_surrogate_is_refused_not_raised() -> None:
    result = parse_routine("name: x\ud800\nlevel: desk\nsteps: []\n")
    assert not isinstance(result, Routine)
    assert "not UTF-8 text" in str(result[0])
