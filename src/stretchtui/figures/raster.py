"""Drawing a pose as text: braille dots (2x4 per cell) or ASCII strokes (`o / \\ | _ -`)."""

from __future__ import annotations

import math
from collections.abc import Iterator

from stretchtui.figures.skeleton import DESIGN_HEIGHT, DESIGN_WIDTH, HEAD_RADIUS, Point, Pose

# The bit of each dot in a braille cell, by [row][column] (Unicode's dot numbering).
_BRAILLE_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
_BRAILLE_BLANK = 0x2800


def size(scale: float = 1) -> tuple[int, int]:
    """The (columns, rows) a pose takes at `scale`, in either glyph set."""
    return math.ceil(DESIGN_WIDTH * scale / 2), math.ceil(DESIGN_HEIGHT * scale / 4)


class _Plane:
    """Maps design points to dots on a canvas `scale` times the design size."""

    def __init__(self, scale: float, mirrored: bool) -> None:
        self.scale = scale
        self.mirrored = mirrored
        columns, rows = size(scale)
        self.width = columns * 2
        self.height = rows * 4

    def dot(self, point: Point) -> tuple[float, float]:
        x, y = point
        column = x * self.scale
        if self.mirrored:
            column = self.width - 1 - column
        return column, self.height - 1 - y * self.scale

    def segment(self, start: Point, end: Point, gap: int = 0) -> Iterator[tuple[int, int, float]]:
        """The dots along a segment, with its slope angle (degrees, as seen) for each."""
        (x0, y0), (x1, y1) = self.dot(start), self.dot(end)
        steps = max(1, math.ceil(max(abs(x1 - x0), abs(y1 - y0)) * 2))
        angle = math.degrees(math.atan2(y0 - y1, x1 - x0)) % 180
        seen: set[tuple[int, int]] = set()
        for index in range(steps + 1):
            t = index / steps
            dot = (round(x0 + (x1 - x0) * t), round(y0 + (y1 - y0) * t))
            if dot not in seen:
                seen.add(dot)
                if not gap or len(seen) % (gap + 1) == 1:
                    yield dot[0], dot[1], angle

    def circle(self, centre: Point, radius: float) -> Iterator[tuple[int, int]]:
        cx, cy = self.dot(centre)
        r = radius * self.scale
        steps = max(12, round(2 * math.pi * r * 2))
        for index in range(steps):
            a = 2 * math.pi * index / steps
            yield round(cx + r * math.cos(a)), round(cy + r * math.sin(a))

    def inside(self, x: int, y: int) -> bool:
        return 0 <= x < self.width and 0 <= y < self.height


def _lines(pose: Pose) -> Iterator[tuple[tuple[Point, ...], int]]:
    """Every polyline to draw with its dot gap (0 solid): props, then the body."""
    if pose.floor:
        yield ((0.0, 0.0), (DESIGN_WIDTH - 0.5, 0.0)), 0
    if pose.wall is not None:
        yield ((pose.wall, 0.0), (pose.wall, DESIGN_HEIGHT - 0.5)), 0
    for prop in pose.props:
        yield prop, 0
    for line in pose.dotted:
        yield line, 1
    for chain in pose.chains():
        yield chain, 0


def braille(pose: Pose, scale: float = 1, mirrored: bool = False) -> list[str]:
    """The pose in braille dots: rows of `size(scale)[0]` characters."""
    plane = _Plane(scale, mirrored)
    columns, rows = size(scale)
    cells = [[0] * columns for _ in range(rows)]

    def put(x: int, y: int) -> None:
        if plane.inside(x, y):
            cells[y // 4][x // 2] |= _BRAILLE_BITS[y % 4][x % 2]

    for line, gap in _lines(pose):
        for start, end in zip(line, line[1:], strict=False):
            for x, y, _ in plane.segment(start, end, gap):
                put(x, y)
    for x, y in plane.circle(pose.joints["head"], HEAD_RADIUS):
        put(x, y)
    # An empty cell is a space: a blank braille pattern shows as dots in some fonts.
    return ["".join(chr(_BRAILLE_BLANK + bits) if bits else " " for bits in row) for row in cells]


def _stroke(angle: float, dot_row: int) -> str:
    """The ASCII character for a line at `angle` degrees passing `dot_row` (0-3) of a cell."""
    # A cell is twice as tall as it is wide: `/` itself stands at about 63 degrees.
    if angle < 35 or angle > 145:
        return "_" if dot_row == 3 else "-"
    if 78 < angle < 102:
        return "|"
    return "/" if angle < 90 else "\\"


def ascii_art(pose: Pose, scale: float = 1, mirrored: bool = False) -> list[str]:
    """The pose in ASCII strokes, one character per braille cell, the same size."""
    plane = _Plane(scale, mirrored)
    columns, rows = size(scale)
    grid = [[" "] * columns for _ in range(rows)]
    # The head is one `o`, rounded as the segments' dots are.
    hx, hy = (round(value) for value in plane.dot(pose.joints["head"]))
    head = (min(columns - 1, max(0, hx // 2)), min(rows - 1, max(0, hy // 4)))
    # The neck reaches up to it (or it would float above the body), but not beside it.
    upright = plane.dot(pose.joints["neck"])[1] // 4 > head[1]
    neck = ((pose.joints["neck"], pose.joints["head"]), 0)
    for line, gap in [*_lines(pose), neck]:
        if gap:
            continue  # a dotted hint is too fine for whole characters
        for start, end in zip(line, line[1:], strict=False):
            placed: set[tuple[int, int]] = set()
            for x, y, angle in plane.segment(start, end):
                cell = (x // 2, y // 4)
                if not plane.inside(x, y) or cell in placed:
                    continue
                if line is neck[0] and upright and cell[1] == head[1]:
                    continue
                placed.add(cell)
                grid[cell[1]][cell[0]] = _stroke(angle, y % 4)
    grid[head[1]][head[0]] = "o"
    return ["".join(row_chars) for row_chars in grid]
