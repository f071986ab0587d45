"""Session history: an SQLite file written as sessions happen, and what can be learned from it.

The names below load on first use: `stretchtui stats` reads the file through
`history.readonly` and `history.figures` and must not pay for the store, its writer
thread and the migrations just by entering this package.
"""

from __future__ import annotations

from stretchtui.lazy import lazy_exports

# Not `from typing import TYPE_CHECKING`: importing typing costs more than what it saves.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from stretchtui.history.opening import memory_store, open_store
    from stretchtui.history.queries import HistoryUnreadable
    from stretchtui.history.rows import (
        CheckInRow,
        DayTotal,
        LevelTotal,
        SegmentRow,
        SessionDetail,
        SessionRow,
    )
    from stretchtui.history.schema import SCHEMA_VERSION
    from stretchtui.history.store import HistoryStore

_HOMES = {
    "SCHEMA_VERSION": ".schema",
    "CheckInRow": ".rows",
    "DayTotal": ".rows",
    "HistoryStore": ".store",
    "HistoryUnreadable": ".queries",
    "LevelTotal": ".rows",
    "SegmentRow": ".rows",
    "SessionDetail": ".rows",
    "SessionRow": ".rows",
    "memory_store": ".opening",
    "open_store": ".opening",
}

__all__ = [
    "SCHEMA_VERSION",
    "CheckInRow",
    "DayTotal",
    "HistoryStore",
    "HistoryUnreadable",
    "LevelTotal",
    "SegmentRow",
    "SessionDetail",
    "SessionRow",
    "memory_store",
    "open_store",
]


__getattr__ = lazy_exports(__name__, _HOMES, globals())
