"""A SessionStore that keeps everything in memory, for tests of the engine and plain mode.

Test modules import it as `memory_store` (pytest puts tests/ on the path, as for `samples`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from stretchtui.records import CheckIn, SegmentRun, SessionInfo, SessionResult


@dataclass
class MemoryStore:
    """Keeps what the engine reports, for tests to read back."""

    warning: str | None = None
    started: list[SessionInfo] = field(default_factory=list)
    runs: list[SegmentRun] = field(default_factory=list)
    results: list[SessionResult] = field(default_factory=list)
    checkins: dict[str, CheckIn] = field(default_factory=dict)

    def session_started(self, info: SessionInfo) -> None:
        self.started.append(info)

    def segment_ended(self, run: SegmentRun) -> None:
        self.runs.append(run)

    def session_ended(self, result: SessionResult) -> None:
        self.results.append(result)

    def save_checkin(self, session_id: str, checkin: CheckIn) -> None:
        self.checkins[session_id] = checkin

    def close(self) -> None:
        """Nothing to release: the sessions live only as long as this object."""
