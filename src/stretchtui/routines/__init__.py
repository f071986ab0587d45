"""Routine files: the model and the loader that checks them (the catalog of them all sits
above the plan, in stretchtui.catalog).

The names below are loaded when first used: `stretchtui.routines.model` alone must not
pull in the YAML loader, so that `list` answered from the routine cache never imports it.
"""

from __future__ import annotations

from stretchtui.lazy import lazy_exports

# Not `from typing import TYPE_CHECKING`: importing typing costs more than this whole
# module; mypy reads any name TYPE_CHECKING as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
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

_HOMES = {
    "check_files": ".loader",
    "load_routine": ".loader",
    "parse_routine": ".loader",
    "read_routine": ".loader",
    "Problem": ".problems",
    "RoutineError": ".problems",
    **dict.fromkeys(
        ("AREAS", "Breathing", "Cooldown", "Defaults", "Effort", "Level", "Position")
        + ("Routine", "Side", "Step", "Warmup"),
        ".model",
    ),
}

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


__getattr__ = lazy_exports(__name__, _HOMES, globals())
