"""Shared pieces for the sound tests: a tiny routine and the sounds it should make."""

from __future__ import annotations

from pathlib import Path

from stretchtui.audio import CueSound
from stretchtui.plan import Plan, build_plan
from stretchtui.routines.loader import parse_routine
from stretchtui.routines.model import Routine

# Short enough for a real-time test, and every segment kind that makes a sound:
# a sided hold (start, halfway, switch), a rest with its last tick, reps, the end.
SOUND_CHECK_YAML = """\
name: Sound check
level: desk
summary: A short routine that makes most cue sounds.
defaults: {prepare: 0s, rest: 2s, switch: 2s}
steps:
  - name: Side reach
    how: Reach up and over.
    areas: [upper]
    position: standing
    hold: 2s
    sides: [right, left]
  - name: Shoulder rolls
    how: Roll the shoulders back.
    areas: [shoulders]
    position: standing
    reps: 2
    tempo: 2s
"""

# (seconds from the start, sound) with the default cue choice (breathing off).
SOUND_CHECK_EXPECTED: list[tuple[float, CueSound]] = [
    (0.0, CueSound.START),
    (1.0, CueSound.HALFWAY),
    (2.0, CueSound.SWITCH),
    (4.0, CueSound.START),
    (5.0, CueSound.HALFWAY),
    (6.0, CueSound.REST),
    (7.0, CueSound.TICK),
    (8.0, CueSound.START),
    (10.0, CueSound.REP),
    (12.0, CueSound.DONE),
]
SOUND_CHECK_SECONDS = 12.0


def sound_check_plan() -> Plan:
    routine = parse_routine(SOUND_CHECK_YAML, "sound-check.yaml", "sound-check")
    assert isinstance(routine, Routine), routine
    return build_plan(routine)


def write_sound_check(folder: Path) -> Path:
    path = folder / "sound-check.yaml"
    path.write_text(SOUND_CHECK_YAML, encoding="utf-8")
    return path
