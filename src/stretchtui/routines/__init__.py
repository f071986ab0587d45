"""Routine files: the model and the loader that checks them (the catalog of them all sits
above the plan, in stretchtui.catalog)."""

from stretchtui.routines.loader import check_files, load_routine, parse_routine, read_routine
from stretchtui.routines.model import (
    AREAS,
    Breathing,
    Cooldown,
    Defaults,
    Effort,
    Level,
    Position,
    Routine,
    Side,
    Step,
    Warmup,
)
from stretchtui.routines.problems import Problem, RoutineError

__all__ = [
    "AREAS",
    "Breathing",
    "Cooldown",
    "Defaults",
    "Effort",
    "Level",
    "Position",
    "Problem",
    "Routine",
    "RoutineError",
    "Side",
    "Step",
    "Warmup",
    "check_files",
    "load_routine",
    "parse_routine",
    "read_routine",
]
