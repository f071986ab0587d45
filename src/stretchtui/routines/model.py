"""The routine model: what a routine file means once it has been checked."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from stretchtui.figures import Figure


class Level(StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"
    DESK = "desk"


class Position(StrEnum):
    FLOOR = "floor"
    SEATED = "seated"
    STANDING = "standing"
    WALL = "wall"


class Effort(StrEnum):
    """The breath a repetition's first movement (its `phases[0]`) is done on."""

    INHALE = "inhale"
    EXHALE = "exhale"


class Side(StrEnum):
    RIGHT = "right"
    LEFT = "left"


AREAS: tuple[str, ...] = (
    "lower",
    "middle",
    "upper",
    "neck",
    "shoulders",
    "chest",
    "hips",
    "hamstrings",
)


@dataclass(frozen=True)
class Breathing:
    """One breath: seconds to breathe in (lengthen), seconds to breathe out (ease in)."""

    inhale: int = 4
    exhale: int = 6

    @property
    def cycle(self) -> int:
        return self.inhale + self.exhale


@dataclass(frozen=True)
class Defaults:
    """Timings a step uses unless it says otherwise."""

    prepare: int = 5
    rest: int = 10
    round_rest: int = 30
    switch: int = 5
    tempo: int = 6
    breathing: Breathing = field(default_factory=Breathing)
    prepare_given: bool = False
    """The file set `prepare`; otherwise a stretch's first get-ready allows time to read it."""


@dataclass(frozen=True)
class Warmup:
    name: str
    duration: int
    how: str = ""
    figure: Figure | None = None


@dataclass(frozen=True)
class Cooldown:
    """Easy breathing and gentle movement after the last stretch."""

    name: str
    duration: int
    how: str = ""
    figure: Figure | None = None


@dataclass(frozen=True)
class Step:
    """One stretch: held for `hold` seconds, or moved through `reps` times at `tempo`."""

    name: str
    how: str
    areas: tuple[str, ...]
    position: Position
    hold: int | None
    reps: int | None
    tempo: int
    sides: tuple[Side, ...]
    phases: tuple[str, str] | None
    prepare: int
    rest: int
    breathing: Breathing
    effort: Effort = Effort.INHALE
    prepare_given: bool = False
    """The file set this step's `prepare` (or the defaults' one)."""
    figure: Figure | None = None
    """Its picture: a built-in pose or the routine's own drawing; None shows none."""

    @property
    def is_static(self) -> bool:
        return self.hold is not None

    @property
    def work_seconds(self) -> int:
        """Seconds of stretching on one side."""
        if self.hold is not None:
            return self.hold
        assert self.reps is not None
        return self.reps * self.tempo


@dataclass(frozen=True)
class Routine:
    id: str
    name: str
    level: Level
    summary: str
    warmup: Warmup | None
    rounds: int
    defaults: Defaults
    steps: tuple[Step, ...]
    path: Path | None = None
    digest: str = ""
    cooldown: Cooldown | None = None
