"""What each kind of segment and cue means, in one table per kind.

Every consumer (the engine, the screen, plain mode, the sound player, the
history) asks these tables instead of keeping its own list of kinds, so a new
kind is one enum member and one entry here. Each table is built by an
exhaustive `match`: mypy rejects a member without an entry, and the tests loop
over every member of each table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import assert_never

from stretchtui.guidance import STOP_ON_PAIN


class CueSound(StrEnum):
    """The shipped sounds; each value is a file stem in the sounds folder."""

    START = "start"
    READY = "ready"
    TICK = "tick"
    HALFWAY = "halfway"
    SWITCH = "switch"
    INHALE = "inhale"
    EXHALE = "exhale"
    REP = "rep"
    REST = "rest"
    DONE = "done"


class Pacing(StrEnum):
    """What paces a segment between its start and its countdown."""

    NONE = "none"
    """Nothing: the clock alone."""
    BREATHS = "breaths"
    """A still hold: breathe in and out on the step's pattern, and never bounce."""
    REPS = "reps"
    """One rep per tempo, one breath each, slow and controlled."""


class SegmentKind(StrEnum):
    WARMUP = "warmup"
    PREPARE = "prepare"
    HOLD = "hold"
    REPS = "reps"
    SWITCH = "switch"
    REST = "rest"
    ROUND_REST = "round_rest"
    COOLDOWN = "cooldown"

    @property
    def traits(self) -> SegmentTraits:
        return SEGMENT_TRAITS[self]

    @property
    def is_work(self) -> bool:
        """Segments where the person is stretching (what the record counts as done)."""
        return SEGMENT_TRAITS[self].is_work


NO_REMINDER = ("", "")


@dataclass(frozen=True)
class SegmentTraits:
    """Everything a segment kind means, wherever it is shown, said, timed or recorded."""

    title: str
    """The stage word on the session screen."""
    start_text: str
    """What its start cue says. Fields: {name}, {side} (` (LEFT side)` or empty),
    {duration} (in words) and {reps}."""
    start_sound: CueSound | None
    """The sound its start makes; None when another cue of the same instant speaks for it."""
    is_work: bool
    """The person is stretching: counted as done time, credited to the stretch's areas."""
    is_rest: bool
    """A pause between stretches: the screen dims, and "back" returns to the stretch just done."""
    continues_stretch: bool
    """Part of a stretch after its first side has begun: the stretch is not done before it."""
    pacing: Pacing
    """What paces it: the engine's cues, the breathing guide, the rep count follow from it."""
    halfway: bool
    """"Halfway" is called in its middle."""
    says_switch: bool
    """It opens with the switch-sides cue, naming the side coming up."""
    extendable: bool
    """"+10 s" applies (reps are paced by their tempo, so they cannot be stretched)."""
    counts_down: bool
    """3-2-1 is called before it ends."""
    explained: bool
    """Plain mode says how to do the stretch when it starts (nobody sees the screen)."""
    in_round: bool
    """Belongs to a round, so the title says which (the warm-up comes before them)."""
    reminder: tuple[str, str]
    """The safety line under the stage: (wide, narrow); the narrow one fits 40 columns."""
    shows_figure: bool
    """The picture of its stretch (or warm-up, cool-down) is on screen, when it has one."""

    @property
    def shows_breath(self) -> bool:
        """The breathing guide is on screen."""
        return self.pacing is not Pacing.NONE


def _segment_traits(kind: SegmentKind) -> SegmentTraits:
    match kind:
        case SegmentKind.WARMUP:
            return SegmentTraits(
                title="WARM-UP",
                start_text="Warm-up: {name}, {duration}.",
                start_sound=CueSound.START,
                is_work=True,
                is_rest=False,
                continues_stretch=False,
                pacing=Pacing.NONE,
                halfway=True,
                says_switch=False,
                extendable=True,
                counts_down=True,
                explained=True,
                in_round=False,
                reminder=NO_REMINDER,
                shows_figure=True,
            )
        case SegmentKind.PREPARE:
            return SegmentTraits(
                title="GET READY",
                start_text="Get ready: {name}{side}.",
                start_sound=CueSound.READY,
                is_work=False,
                is_rest=False,
                continues_stretch=False,
                pacing=Pacing.NONE,
                halfway=False,
                says_switch=False,
                extendable=True,
                counts_down=True,
                explained=True,
                in_round=True,
                reminder=(STOP_ON_PAIN, "Stop if anything hurts sharply"),
                shows_figure=True,
            )
        case SegmentKind.HOLD:
            return SegmentTraits(
                title="HOLD",
                start_text="Hold {name}{side} for {duration}.",
                start_sound=CueSound.START,
                is_work=True,
                is_rest=False,
                continues_stretch=True,
                pacing=Pacing.BREATHS,
                halfway=True,
                says_switch=False,
                extendable=True,
                counts_down=True,
                explained=False,
                in_round=True,
                reminder=(
                    "Hold still, no bouncing · a gentle pull, never sharp pain",
                    "No bouncing · mild pull, no pain",
                ),
                shows_figure=True,
            )
        case SegmentKind.REPS:
            return SegmentTraits(
                title="MOVE",
                start_text="{name}{side}: {reps} reps, one breath each.",
                start_sound=CueSound.START,
                is_work=True,
                is_rest=False,
                continues_stretch=True,
                pacing=Pacing.REPS,
                halfway=False,
                says_switch=False,
                extendable=False,
                counts_down=False,
                explained=False,
                in_round=True,
                reminder=("Slow and controlled · one breath for each rep", "Slow and controlled"),
                shows_figure=True,
            )
        case SegmentKind.SWITCH:
            return SegmentTraits(
                title="SWITCH SIDES",
                # The switch-sides cue names the side; this line says how to leave the first one.
                start_text="Come out of the stretch slowly.",
                # The switch-sides cue of the same instant sounds for it.
                start_sound=None,
                is_work=False,
                is_rest=False,
                continues_stretch=True,
                pacing=Pacing.NONE,
                halfway=False,
                says_switch=True,
                extendable=True,
                counts_down=False,
                explained=False,
                in_round=True,
                reminder=NO_REMINDER,
                shows_figure=True,
            )
        case SegmentKind.REST:
            return SegmentTraits(
                title="REST",
                start_text="Rest {duration}.",
                start_sound=CueSound.REST,
                is_work=False,
                is_rest=True,
                continues_stretch=False,
                pacing=Pacing.NONE,
                halfway=False,
                says_switch=False,
                extendable=True,
                counts_down=True,
                explained=False,
                in_round=True,
                reminder=NO_REMINDER,
                shows_figure=False,
            )
        case SegmentKind.ROUND_REST:
            return SegmentTraits(
                title="REST",
                start_text="{name}: rest {duration}.",
                start_sound=CueSound.REST,
                is_work=False,
                is_rest=True,
                continues_stretch=False,
                pacing=Pacing.NONE,
                halfway=False,
                says_switch=False,
                extendable=True,
                counts_down=True,
                explained=False,
                in_round=True,
                reminder=NO_REMINDER,
                shows_figure=False,
            )
        case SegmentKind.COOLDOWN:
            return SegmentTraits(
                title="COOL-DOWN",
                start_text="Cool-down: {name}, {duration}.",
                start_sound=CueSound.REST,
                is_work=True,
                is_rest=False,
                continues_stretch=False,
                pacing=Pacing.NONE,
                halfway=True,
                says_switch=False,
                extendable=True,
                counts_down=True,
                explained=True,
                in_round=False,
                reminder=NO_REMINDER,
                shows_figure=True,
            )
        case _:
            assert_never(kind)


SEGMENT_TRAITS: Mapping[SegmentKind, SegmentTraits] = {
    kind: _segment_traits(kind) for kind in SegmentKind
}


class CueKind(StrEnum):
    SEGMENT_START = "segment_start"
    COUNTDOWN = "countdown"  # value: 3, 2, 1
    HALFWAY = "halfway"
    BREATHE_IN = "breathe_in"
    BREATHE_OUT = "breathe_out"
    REP = "rep"  # value: n, total: N
    SWITCH_SIDES = "switch_sides"
    NO_BOUNCE = "no_bounce"  # static holds: hold steady, mild tension, never sharp pain
    SLOW_AND_CONTROLLED = "slow_and_controlled"  # dynamic reps
    STRETCH_DONE = "stretch_done"
    SESSION_DONE = "session_done"

    @property
    def traits(self) -> CueTraits:
        return CUE_TRAITS[self]


@dataclass(frozen=True)
class CueTraits:
    """Everything a cue kind means: its words, its sound, its place among cues of one instant."""

    text: str
    """One line of plain words. Fields: {segment_start} (the segment's start text), {name},
    {value}, {total}, {moving_in} / {moving_out} (the movement made on that breath, like
    `cow`; else `lengthen` / `ease in`), {coming_side}."""
    rank: int
    """Order among cues due at the same instant: what is starting before how to do it,
    and the count last."""
    sound: CueSound | None
    """Its sound; None for words only. A segment start sounds as its segment kind says."""
    on_screen: bool
    """Worth a line of text on screen (the others show as the breath bar, digits, reps)."""
    flashes: bool = False
    """A moment that changes what to do: with visual cues (no sound), the stage flashes."""


def _cue_traits(kind: CueKind) -> CueTraits:
    match kind:
        case CueKind.SEGMENT_START:
            return CueTraits("{segment_start}", rank=0, sound=None, on_screen=True, flashes=True)
        case CueKind.SWITCH_SIDES:
            return CueTraits(
                "Switch sides: {coming_side} next.",
                rank=1,
                sound=CueSound.SWITCH,
                on_screen=True,
                flashes=True,
            )
        case CueKind.HALFWAY:
            return CueTraits("Halfway there.", rank=2, sound=CueSound.HALFWAY, on_screen=True)
        case CueKind.NO_BOUNCE:
            return CueTraits(
                "Hold still, no bouncing: a gentle pull, never sharp pain.",
                rank=3,
                sound=None,
                on_screen=False,
            )
        case CueKind.SLOW_AND_CONTROLLED:
            return CueTraits(
                "Move slowly and smoothly, no jerking.", rank=4, sound=None, on_screen=False
            )
        case CueKind.REP:
            return CueTraits("Rep {value} of {total}.", rank=5, sound=CueSound.REP, on_screen=False)
        case CueKind.BREATHE_IN:
            return CueTraits(
                "Breathe in, {moving_in}.", rank=6, sound=CueSound.INHALE, on_screen=False
            )
        case CueKind.BREATHE_OUT:
            return CueTraits(
                "Breathe out, {moving_out}.", rank=7, sound=CueSound.EXHALE, on_screen=False
            )
        case CueKind.COUNTDOWN:
            return CueTraits("{value}…", rank=8, sound=CueSound.TICK, on_screen=False, flashes=True)
        case CueKind.STRETCH_DONE:
            return CueTraits("{name} done.", rank=9, sound=None, on_screen=True)
        case CueKind.SESSION_DONE:
            return CueTraits(
                "Session complete. Well done.",
                rank=10,
                sound=CueSound.DONE,
                on_screen=False,
                flashes=True,
            )
        case _:
            assert_never(kind)


CUE_TRAITS: Mapping[CueKind, CueTraits] = {kind: _cue_traits(kind) for kind in CueKind}
