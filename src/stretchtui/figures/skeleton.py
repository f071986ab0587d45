"""A stick figure: named joints on a small plane, the bones between them, and the props around it.

Coordinates are in dots of the design canvas (DESIGN_WIDTH x DESIGN_HEIGHT), x to
the right and y up from the floor. One braille dot is as wide as it is tall, so a
pose drawn here keeps its proportions at any scale.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Point = tuple[float, float]

DESIGN_WIDTH = 40
"""Dots across: 20 terminal cells of braille (two dots each)."""
DESIGN_HEIGHT = 24
"""Dots up: 6 terminal rows of braille (four dots each)."""
HEAD_RADIUS = 2.5

# The bones, as chains of joints; a chain is drawn through the joints a pose gives.
# Shoulders and hip joints default to the neck and the hips (a figure seen from the side).
BONES: tuple[tuple[str, ...], ...] = (
    ("neck", "back", "hips"),
    ("shoulder_r", "shoulder_l"),
    ("hip_r", "hip_l"),
    ("shoulder_r", "elbow_r", "hand_r"),
    ("shoulder_l", "elbow_l", "hand_l"),
    ("hip_r", "knee_r", "foot_r", "toe_r"),
    ("hip_l", "knee_l", "foot_l", "toe_l"),
)
JOINTS = frozenset(name for chain in BONES for name in chain) | {"head"}
_DEFAULTS = {"shoulder_r": "neck", "shoulder_l": "neck", "hip_r": "hips", "hip_l": "hips"}


@dataclass(frozen=True)
class Pose:
    """One stretch drawn as a stick figure, with the floor, wall or chair it uses."""

    name: str
    """Its id in a routine file's `figure:`."""
    stretch: str
    """The stretch it shows (documentation, and the check that every stretch has one)."""
    joints: dict[str, Point]
    floor: bool = True
    wall: float | None = None
    """The x of a wall, drawn from floor to top."""
    props: tuple[tuple[Point, ...], ...] = ()
    """Other lines (a chair), each a chain of points."""
    dotted: tuple[tuple[Point, ...], ...] = field(default=())
    """Light lines: where a moving limb goes next."""

    def __post_init__(self) -> None:
        unknown = set(self.joints) - JOINTS
        if unknown:
            raise ValueError(f"{self.name}: unknown joints {sorted(unknown)}")
        for required in ("head", "neck", "hips"):
            if required not in self.joints:
                raise ValueError(f"{self.name}: needs a {required}")

    def joint(self, name: str) -> Point | None:
        if name in self.joints:
            return self.joints[name]
        fallback = _DEFAULTS.get(name)
        return self.joints.get(fallback) if fallback else None

    def chains(self) -> list[tuple[Point, ...]]:
        """Each bone chain through the joints the pose has (no elbow: a straight arm)."""
        lines: list[tuple[Point, ...]] = []
        for chain in BONES:
            run: list[Point] = []
            for name in chain:
                point = self.joint(name)
                if point is not None and (not run or run[-1] != point):
                    run.append(point)
            if len(run) >= 2:
                lines.append(tuple(run))
        return lines
