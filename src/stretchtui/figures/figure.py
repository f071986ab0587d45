"""A stretch's picture as a routine gives it: a built-in pose by name, or its own drawing."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from stretchtui.figures.poses import POSES
from stretchtui.figures.raster import ascii_art, braille

MAX_DRAWING_ROWS = 12
"""The most lines a routine's own drawing may have."""
MAX_DRAWING_COLUMNS = 40
"""The widest a line of a routine's own drawing may be, in terminal columns."""
MIN_DRAWING_ROWS = 2
"""A single line would be a built-in pose's name, so a drawing has at least two."""
LARGEST_ASCII_SCALE = 1.5
"""Whole characters make a stick figure only while it is small: larger, its lines break up."""


@dataclass(frozen=True)
class Figure:
    """Exactly one of: `pose`, a name in POSES; or `drawing`, lines of text drawn by hand."""

    pose: str = ""
    drawing: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if bool(self.pose) == bool(self.drawing):
            raise ValueError("a figure is a pose or a drawing")


@dataclass(frozen=True)
class Picture:
    """A figure as a screen shows it: mirrored for the LEFT side of a built-in pose."""

    figure: Figure
    mirrored: bool = False


def render(picture: Picture, *, unicode: bool, scale: float = 1) -> tuple[str, ...]:
    """The picture as lines of text, all of one width; () when it cannot be drawn.

    A pose takes at most `size(scale)`, a drawing at most its limits.

    A built-in pose is drawn in braille (`unicode`) or ASCII strokes. A drawing is
    shown as written, padded to its widest line; with `unicode` off, a drawing that
    uses anything but ASCII is not shown (it would come out as question marks).
    """
    figure = picture.figure
    if figure.pose:
        pose = POSES[figure.pose]
        if unicode:
            rows = braille(pose, scale, picture.mirrored)
        else:
            rows = ascii_art(pose, min(scale, LARGEST_ASCII_SCALE), picture.mirrored)
        # A figure on the floor leaves the rows above it empty: they are not part of it.
        while rows and not rows[0].strip():
            rows.pop(0)
        return tuple(rows)
    if not unicode and not all(line.isascii() for line in figure.drawing):
        return ()
    width = max(len(line) for line in figure.drawing)
    return tuple(line.ljust(width) for line in figure.drawing)


def drawing_problem(line: str) -> tuple[int, str] | None:
    """Where in one line of a drawing (a character index) and what is wrong, or None.

    One character must be one terminal column, or the drawing comes out skewed:
    no tabs, controls, zero-width or combining characters, nor wide ones (emoji, CJK).
    """
    for index, char in enumerate(line):
        if char == "\t":
            return index, "a tab in the drawing; use spaces, so it lines up the same everywhere"
        category = unicodedata.category(char)
        if category[0] in "CZ" and char != " ":
            return index, (
                f"character U+{ord(char):04X} in the drawing is not drawn (a control, "
                "format or separator character); use visible characters and spaces"
            )
        if category in ("Mn", "Me") or unicodedata.east_asian_width(char) in ("W", "F"):
            return index, (
                f"character U+{ord(char):04X} in the drawing is not one column wide; "
                "use characters that each take one column"
            )
    if len(line) > MAX_DRAWING_COLUMNS:
        return MAX_DRAWING_COLUMNS, (
            f"a line of the drawing is {len(line)} columns wide; at most {MAX_DRAWING_COLUMNS}"
        )
    return None
