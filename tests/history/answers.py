"""Every answer the history gives, as plain JSON-able values: to compare a file before and after."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from enum import Enum
from typing import Any

from stretchtui.history import HistoryStore
from stretchtui.history.reminder_log import weekly_adherence

# When the v3 fixture's answers were taken (tests/history/fixtures/README.md).
ASKED_AT = datetime(2026, 3, 10, 12, tzinfo=UTC)
STOPPED_AT = datetime(2026, 3, 6, 12, tzinfo=UTC)
WEEKS = (date(2026, 2, 23), date(2026, 3, 2))


def plain(value: Any) -> Any:
    """Rows as dicts, times to the nearest millisecond, seconds to three places."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, datetime):
        return (value + timedelta(microseconds=500)).isoformat(timespec="milliseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, float):
        return round(value, 3)
    return value


def all_answers(store: HistoryStore) -> dict[str, Any]:
    rows = store.sessions(limit=None)
    return {
        "sessions": plain(rows),
        "details": [plain(store.session_detail(r.id)) for r in rows],
        "day_totals": plain(store.day_totals()),
        "level_totals": plain(store.level_totals()),
        "area_totals": plain(store.area_totals()),
        "status_counts": plain(store.status_counts()),
        "checkins": plain(store.checkins(date(2000, 1, 1))),
        "last_session": plain(store.last_session()),
        "last_stopped": plain(store.last_stopped_session(STOPPED_AT)),
        "last_seq": {r.id: store.last_segment_seq(r.id) for r in rows},
        "adherence": plain(weekly_adherence(store, WEEKS)),
        "count": store.count_sessions(),
    }
