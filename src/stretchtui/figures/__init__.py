"""Pictures of the poses: stick figures drawn as text, in braille or in ASCII (no Textual)."""

from stretchtui.figures.figure import (
    MAX_DRAWING_COLUMNS,
    MAX_DRAWING_ROWS,
    MIN_DRAWING_ROWS,
    Figure,
    Picture,
    drawing_problem,
    render,
)
from stretchtui.figures.poses import POSES
from stretchtui.figures.raster import ascii_art, braille, size
from stretchtui.figures.skeleton import Pose

__all__ = [
    "MAX_DRAWING_COLUMNS",
    "MAX_DRAWING_ROWS",
    "MIN_DRAWING_ROWS",
    "POSES",
    "Figure",
    "Picture",
    "Pose",
    "ascii_art",
    "braille",
    "drawing_problem",
    "render",
    "size",
]
