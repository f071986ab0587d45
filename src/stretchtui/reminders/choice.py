"""Which routine a reminder offers: the one set in config, or the desk pairing for the hour.

The source material pairs desk stretches with moments of the day: a seated
fold with the morning coffee, a torso twist at mid-day, cat-cow before the gym
in the late afternoon, child's pose with a side reach in the evening. `auto`
follows that and rotates, so the same stretch does not come twice in a row.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

# (first hour, routine id) in the order of the day; each slot lasts until the next one.
DESK_PAIRINGS: tuple[tuple[int, str], ...] = (
    (0, "desk-coffee-break"),  # with the morning coffee: the seated fold
    (11, "desk-midday"),  # around lunch: the twist, standing by the desk
    (15, "desk-pre-gym"),  # late in the afternoon, gym ahead: cat-cow
    (18, "desk-evening"),  # evening: child's pose reaching to the side
)
AUTO = "auto"


def pairing_for(local_time: datetime) -> str:
    """The desk routine paired with this time of day."""
    chosen = DESK_PAIRINGS[0][1]
    for first_hour, routine_id in DESK_PAIRINGS:
        if local_time.hour >= first_hour:
            chosen = routine_id
    return chosen


def choose_routine(
    setting: str, local_time: datetime, previous: str | None, available: Collection[str]
) -> str | None:
    """The routine id to offer, or None when neither the setting nor any pairing is usable.

    `previous` is the routine offered last; `available` the ids that load without errors.
    """
    if setting != AUTO:
        return setting if setting in available else None
    order = [routine_id for _, routine_id in DESK_PAIRINGS]
    start = order.index(pairing_for(local_time))
    candidates = [order[(start + step) % len(order)] for step in range(len(order))]
    usable = [routine_id for routine_id in candidates if routine_id in available]
    if not usable:
        return None
    if usable[0] == previous and len(usable) > 1:
        return usable[1]
    return usable[0]
