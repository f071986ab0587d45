"""The pictures of the poses: every one drawn within its size, in braille and in ASCII."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from stretchtui.figures import (
    MAX_DRAWING_COLUMNS,
    POSES,
    Figure,
    Picture,
    Pose,
    ascii_art,
    braille,
    drawing_problem,
    render,
    size,
)
from stretchtui.figures.skeleton import DESIGN_HEIGHT, DESIGN_WIDTH, HEAD_RADIUS
from stretchtui.routines import Routine, parse_routine, read_routine

REPO = Path(__file__).resolve().parent.parent
SCALES = [1, 1.2, 1.5, 2, 2.5]
ARTICLE_STRETCHES = [
    "Cat-Cow Pose",
    "Seated Forward Fold",
    "Chest-Opening Wall Stretch",
    "Child's Pose with Side Reach",
    "Supine Knee-to-Chest",
    "Standing Torso Twist",
    "Standing Forward Bend with Shoulder Opener",
    "Thread the Needle",
    "Reverse Snow Angel",
]
BRAILLE_OR_SPACE = re.compile(r"^[ \u2801-\u28ff]*$")
ASCII_STROKES = re.compile(r"^[ o/\\|_-]*$")


def bundled() -> list[Routine]:
    routines = [read_routine(path) for path in sorted((REPO / "routines").glob("*.yaml"))]
    assert all(isinstance(routine, Routine) for routine in routines)
    return [routine for routine in routines if isinstance(routine, Routine)]


def test_every_stretch_of_the_article_and_the_warm_up_has_a_pose() -> None:
    drawn = {pose.stretch for pose in POSES.values()}
    assert set(ARTICLE_STRETCHES) | {"March in place"} <= drawn


@pytest.mark.parametrize("name", sorted(POSES))
@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("mirrored", [False, True])
def test_every_pose_fills_exactly_its_size_in_both_glyph_sets(
    name: str, scale: float, mirrored: bool
) -> None:
    columns, rows = size(scale)
    for art, allowed in (
        (braille(POSES[name], scale, mirrored), BRAILLE_OR_SPACE),
        (ascii_art(POSES[name], scale, mirrored), ASCII_STROKES),
    ):
        assert len(art) == rows
        assert all(len(line) == columns for line in art)
        assert all(allowed.match(line) for line in art), art
        # Something is drawn on each half of the figure's height: it is not a dot or a line.
        assert sum(1 for line in art if line.strip()) >= 2


@pytest.mark.parametrize("name", sorted(POSES))
def test_every_pose_stays_on_its_canvas(name: str) -> None:
    pose = POSES[name]
    for x, y in pose.joints.values():
        assert 0 <= x <= DESIGN_WIDTH and 0 <= y <= DESIGN_HEIGHT
    head_x, head_y = pose.joints["head"]
    assert HEAD_RADIUS <= head_x <= DESIGN_WIDTH - HEAD_RADIUS
    assert head_y + HEAD_RADIUS <= DESIGN_HEIGHT


@pytest.mark.parametrize("name", sorted(POSES))
def test_the_ascii_head_is_where_the_braille_head_is(name: str) -> None:
    ascii_rows = ascii_art(POSES[name], 1.5)
    braille_rows = braille(POSES[name], 1.5)
    (row,) = [index for index, line in enumerate(ascii_rows) if "o" in line]
    column = ascii_rows[row].index("o")
    # The braille head is a ring round that cell: some of it is in the cells next to it.
    around = [
        braille_rows[r][c]
        for r in range(max(0, row - 1), min(len(braille_rows), row + 2))
        for c in range(max(0, column - 1), column + 2)
    ]
    assert any(cell != " " for cell in around)


def test_a_mirrored_pose_faces_the_other_way() -> None:
    columns, _ = size(1.5)
    plain = ascii_art(POSES["cat-cow"], 1.5)
    mirrored = ascii_art(POSES["cat-cow"], 1.5, mirrored=True)
    (row,) = [index for index, line in enumerate(plain) if "o" in line]
    assert abs(mirrored[row].index("o") - (columns - 1 - plain[row].index("o"))) <= 1
    assert plain[row].index("o") > columns // 2 > mirrored[row].index("o")


def test_render_drops_the_empty_rows_above_a_figure_on_the_floor() -> None:
    lines = render(Picture(Figure(pose="reverse-snow-angel")), unicode=True, scale=1.5)
    assert lines[0].strip()
    assert len(lines) <= size(1.5)[1] // 2


def test_a_drawing_is_shown_as_written_padded_to_one_width() -> None:
    picture = Picture(Figure(drawing=(" o", "/|\\", "/ \\")))
    assert render(picture, unicode=True) == (" o ", "/|\\", "/ \\")
    assert render(picture, unicode=False, scale=2.5) == (" o ", "/|\\", "/ \\")


def test_a_drawing_beyond_ascii_is_not_shown_on_an_ascii_terminal() -> None:
    picture = Picture(Figure(drawing=(" ●", "╱│╲")))
    assert render(picture, unicode=True) == (" ● ", "╱│╲")
    assert render(picture, unicode=False) == ()


def test_a_figure_is_a_pose_or_a_drawing_never_both_nor_neither() -> None:
    with pytest.raises(ValueError):
        Figure()
    with pytest.raises(ValueError):
        Figure(pose="cat-cow", drawing=("o", "|"))


def test_a_pose_with_an_unknown_joint_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown joints"):
        Pose("x", "X", {"head": (1, 1), "neck": (1, 1), "hips": (1, 1), "tail": (0, 0)})


@pytest.mark.parametrize(
    ("line", "index", "fragment"),
    [
        ("a\tb", 1, "a tab"),
        ("ab\u200bc", 2, "U+200B"),
        ("a\u0301", 1, "not one column wide"),
        ("日", 0, "not one column wide"),
        ("x" * (MAX_DRAWING_COLUMNS + 1), MAX_DRAWING_COLUMNS, "41 columns wide"),
    ],
)
def test_a_drawing_line_that_would_come_out_skewed_is_refused(
    line: str, index: int, fragment: str
) -> None:
    found = drawing_problem(line)
    assert found is not None
    assert found[0] == index and fragment in found[1]


def test_a_drawing_line_of_one_column_characters_is_fine() -> None:
    assert drawing_problem("  ╱│╲ o ~ ") is None


def test_every_bundled_step_and_warm_up_has_a_built_in_figure() -> None:
    for routine in bundled():
        named: list[tuple[str, Figure | None]] = [
            (step.name, step.figure) for step in routine.steps
        ]
        if routine.warmup is not None:
            named.append((routine.warmup.name, routine.warmup.figure))
        for name, figure in named:
            assert figure is not None and figure.pose in POSES, (routine.id, name)


def test_each_bundled_stretch_shows_its_own_pose() -> None:
    shown = {
        step.name: {step.figure.pose}
        for routine in bundled()
        for step in routine.steps
        if step.figure is not None
    }
    for name in ARTICLE_STRETCHES:
        assert name in shown
        assert any(POSES[pose].stretch.startswith(name) for pose in shown[name])


ROUTINE = """\
name: Mine
level: desk
warmup: {{name: Walk, duration: 1m, figure: march-in-place}}
steps:
  - name: Lean
    hold: 20s
    figure: {figure}
cooldown: {{name: Breathe, duration: 1m, figure: [' o', '/|\\']}}
"""


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("cat-cow", Figure(pose="cat-cow")),
        ("Cat-Cow", Figure(pose="cat-cow")),
        ("['   o', '  /|\\', '  / \\']", Figure(drawing=(" o", "/|\\", "/ \\"))),
        ("|\n      o\n      |\n", Figure(drawing=("o", "|"))),
        ("['', ' o', ' |', '']", Figure(drawing=("o", "|"))),
    ],
)
def test_a_routine_names_a_pose_or_draws_its_own(written: str, expected: Figure) -> None:
    routine = parse_routine(ROUTINE.format(figure=written))
    assert isinstance(routine, Routine), routine
    assert routine.steps[0].figure == expected
    assert routine.warmup is not None and routine.warmup.figure == Figure(pose="march-in-place")
    assert routine.cooldown is not None
    assert routine.cooldown.figure == Figure(drawing=(" o", "/|\\"))


def test_a_routine_without_figures_has_none() -> None:
    routine = parse_routine("name: x\nlevel: desk\nsteps:\n  - name: y\n    hold: 5\n")
    assert isinstance(routine, Routine)
    assert routine.steps[0].figure is None


def test_a_bad_line_of_a_block_drawing_is_pointed_at_in_the_file() -> None:
    text = ROUTINE.format(figure="|\n      _o_\n       |\n      /|\\\t|\n      / \\")
    problems = parse_routine(text)
    assert not isinstance(problems, Routine)
    (problem,) = problems
    assert (problem.line, problem.column) == (10, 10)
    assert "line 3 of the drawing: a tab" in problem.message


def test_an_ascii_figure_stays_small_enough_to_read() -> None:
    big = render(Picture(Figure(pose="march-in-place")), unicode=False, scale=2.5)
    assert len(big) <= size(1.5)[1] and len(big[0]) == size(1.5)[0]
