"""Session history: an SQLite file written as sessions happen, and what can be learned from it."""

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
