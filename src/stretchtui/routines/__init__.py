"""Routine files: the model, the loader that checks them, and the catalog of all of them."""

from stretchtui.routines.catalog import (
    Catalog,
    CatalogEntry,
    Source,
    UnknownRoutine,
    load_catalog,
    resolve_routine,
)
from stretchtui.routines.loader import check_files, load_routine, parse_routine, read_routine
from stretchtui.routines.model import (
    AREAS,
    Breathing,
    Defaults,
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
    "Catalog",
    "CatalogEntry",
    "Defaults",
    "Level",
    "Position",
    "Problem",
    "Routine",
    "RoutineError",
    "Side",
    "Source",
    "Step",
    "UnknownRoutine",
    "Warmup",
    "check_files",
    "load_catalog",
    "load_routine",
    "parse_routine",
    "read_routine",
    "resolve_routine",
]
