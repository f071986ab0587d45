"""Session history: an SQLite file written as sessions happen, and what can be learned from it."""

from stretchtui.history.schema import SCHEMA_VERSION
from stretchtui.history.store import (
    CheckInRow,
    DayTotal,
    HistoryStore,
    HistoryUnreadable,
    LevelTotal,
    SegmentRow,
    SessionDetail,
    SessionRow,
    memory_store,
    open_store,
)

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
