"""Calm notes for the menu: when to get a back looked at, and when a next level might suit.

The criteria for seeing a professional (shared with the safety screen, in
guidance.py) and the "progress gradually,
consistency beats intensity" principle come from the project's source
material; the wording is ours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from stretchtui.config import Settings
from stretchtui.guidance import SEEK_HELP_SIGNS
from stretchtui.history.store import HistoryStore
from stretchtui.records import Feeling

WARNING_SIGN_DAYS = 14
# "Worse" matters when it keeps coming back over more than two weeks; look back far enough
# to see that, but not so far that one bad week long ago still counts.
WORSE_LOOKBACK_DAYS = 42
WORSE_SPREAD_DAYS = 14
PROGRESS_SESSIONS = 8
PROGRESS_SPAN_DAYS = 14
PROGRESS_LOOKBACK_DAYS = 42
PROGRESS_CHECKINS = 3
NEXT_LEVEL = {"beginner": "intermediate", "intermediate": "advanced"}


@dataclass(frozen=True)
class Note:
    kind: Literal["safety", "progress"]
    title: str
    text: str
    brief: str = ""
    """The note in two short lines, for the menu (`text` has the whole of it)."""
    report: str = ""
    """Which report the note answers (the newest such session's id): a new one shows it again."""


def menu_notes(store: HistoryStore, settings: Settings, now: datetime) -> list[Note]:
    """The notes the menu shows today: at most one about safety, else at most one on progress."""
    del settings  # part of the interface so notes can follow preferences later
    today = now.date()
    safety = safety_note(store, today)
    if safety is not None:
        return [safety]
    progress = progress_note(store, today)
    return [progress] if progress is not None else []


def safety_note(store: HistoryStore, today: date) -> Note | None:
    recent = store.checkins(today - timedelta(days=WORSE_LOOKBACK_DAYS))
    signs = [
        c for c in recent if c.warning_signs and (today - c.local_date).days <= WARNING_SIGN_DAYS
    ]
    worse = [c.local_date for c in recent if c.feeling is Feeling.WORSE]
    worse_rows = [c for c in recent if c.feeling is Feeling.WORSE]
    if signs:
        reason = "sharp pain, numbness or tingling after a recent session"
        report = signs[-1].session_id
    elif worse and (max(worse) - min(worse)).days > WORSE_SPREAD_DAYS:
        reason = "your back feeling worse after sessions over more than two weeks"
        report = worse_rows[-1].session_id
    else:
        return None
    criteria = "\n".join(f"• {item}" for item in SEEK_HELP_SIGNS)
    return Note(
        "safety",
        "A word about how your back feels",
        f"You reported {reason}. Stretching should bring mild tension, never sharp pain. "
        "Consider seeing a doctor or physiotherapist, especially if any of these apply:\n"
        f"{criteria}\n"
        "Meanwhile, keep to gentle ranges and stop any stretch that hurts.",
        brief=f"You reported {reason}. Consider seeing a doctor or physiotherapist; "
        "the safety screen (s) says when it matters most.",
        report=report,
    )


def progress_note(store: HistoryStore, today: date) -> Note | None:
    """A next step, only once it is earned.

    Earned means: at least PROGRESS_SESSIONS completed sessions at one level in the
    last PROGRESS_LOOKBACK_DAYS, spread over PROGRESS_SPAN_DAYS or more; no warning
    signs reported in that time; and the last PROGRESS_CHECKINS check-ins all
    "better" or "same" (so never right after a "worse").
    """
    totals = {total.level: total for total in store.level_totals()}
    since = today - timedelta(days=PROGRESS_LOOKBACK_DAYS)
    checkins = store.checkins(since)
    if any(c.warning_signs for c in checkins):
        return None
    feelings = [c.feeling for c in checkins if c.feeling is not None]
    last = feelings[-PROGRESS_CHECKINS:]
    if len(last) < PROGRESS_CHECKINS or Feeling.WORSE in last:
        return None
    recent = [row for row in store.sessions(limit=None, since=since) if row.status == "completed"]
    for level in ("intermediate", "beginner"):
        following = NEXT_LEVEL[level]
        if totals.get(following) is not None and totals[following].completed:
            return None  # already trying the next level; nothing to suggest
        days = sorted(row.local_date for row in recent if row.level == level)
        if len(days) < PROGRESS_SESSIONS:
            continue
        span = (days[-1] - days[0]).days
        if span < PROGRESS_SPAN_DAYS:
            continue
        weeks = max(2, round(span / 7))
        article = "an" if following[0] in "aeiou" else "a"
        return Note(
            "progress",
            "An option, if you feel like it",
            f"You've completed {len(days)} {level} sessions over about {weeks} weeks, with "
            "your back the same or better and no pain reported. If they feel easy now, take "
            f"one small step at a time: you could try {article} {following} routine now and "
            "then, or stay at this level and add a few seconds to each hold (press + during "
            "a hold). There's no rush: stretching a little, often, does more than pushing hard.",
        )
    return None
