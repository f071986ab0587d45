"""What a session shows now, computed from the engine's state; no Textual.

The full-screen view renders it (each part through a reactive, so a part is
redrawn only when it changes) and plain mode takes its texts from here too.
Frozen dataclasses compare by value: an unchanged part compares equal.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from stretchtui.cues import breath_movement, spoken_duration
from stretchtui.durations import format_clock, format_duration
from stretchtui.figures import Picture
from stretchtui.kinds import SegmentKind
from stretchtui.plan import Segment
from stretchtui.routines import Side
from stretchtui.session import Session

NARROW_WIDTH = 60
"""Below this many columns the narrow wordings are shown (they fit 40 columns)."""
PROGRESS_STEPS = 100
"""The progress bar moves in hundredths of the session (every 9 s of a 15-minute
routine): finer would repaint it for nothing a person would miss, and on a
wide terminal would move it several times a second in a short routine."""


@dataclass(frozen=True)
class Wording:
    """One line in two lengths: `wide`, and `narrow` for terminals under NARROW_WIDTH."""

    wide: str = ""
    narrow: str = ""

    def fit(self, width: int) -> str:
        return self.narrow if width < NARROW_WIDTH else self.wide


PAUSED = Wording("PAUSED · press space to resume", "PAUSED · press space to resume")
PAUSED_AWAY = Wording(
    "PAUSED while you were away · press space to go on", "PAUSED while away · space goes on"
)


@dataclass(frozen=True)
class Stage:
    """What changes only when the segment does."""

    title: str
    """The stage word with the round, on one line (`HOLD · round 1 of 3`)."""
    word: str
    """The stage word alone (`HOLD`), for block letters."""
    round: str
    """Which round (`round 1 of 3`), or empty."""
    name: str
    side: str
    how: str
    reminder: Wording
    next: str
    plan: str
    """The routine's stretches with the current one marked (shown on wide terminals)."""
    resting: bool
    shows_breath: bool


@dataclass(frozen=True)
class Breath:
    inhaling: bool
    fullness: float
    """0 (lungs empty) to 1 (full), in the bar's steps."""
    word: str


@dataclass(frozen=True)
class Progress:
    step: int
    """Which 200th of the session is under way: the bar is redrawn when this changes."""
    done: float = field(compare=False)
    total: int = field(compare=False)


@dataclass(frozen=True)
class SessionView:
    stage: Stage
    digits: str
    rep: str
    breath: Breath | None
    progress: Progress
    progress_text: str
    banner: Wording
    figure: Picture | None = None


def session_view(session: Session) -> SessionView:
    """Everything the session screen shows at this moment (the session must not be over)."""
    stage = stage_of(session)
    rep = session.rep
    if session.is_paused:
        banner = PAUSED_AWAY if session.away is not None else PAUSED
    else:
        banner = Wording()
    return SessionView(
        stage=stage,
        digits=format_clock(session.remaining),
        rep=f"{rep}/{session.segment.reps}" if rep else "",
        breath=breath_of(session) if stage.shows_breath else None,
        progress=progress_of(session),
        progress_text=progress_text(session),
        banner=banner,
        figure=picture_of(session.segment),
    )


def stage_of(session: Session) -> Stage:
    segment = session.segment
    traits = segment.kind.traits
    in_round = segment.rounds > 1 and traits.in_round
    round_text = f"round {segment.round} of {segment.rounds}" if in_round else ""
    return Stage(
        title=f"{traits.title} · {round_text}" if round_text else traits.title,
        word=traits.title,
        round=round_text,
        name=segment.name,
        side=segment.side.value.upper() if segment.side else "",
        how=how_text(segment),
        reminder=Wording(*traits.reminder),
        next=next_text(session),
        plan=plan_text(session, segment),
        resting=traits.is_rest,
        shows_breath=traits.shows_breath,
    )


def picture_of(segment: Segment) -> Picture | None:
    """The segment's figure when its kind shows one; a built-in pose faces the LEFT side
    mirrored (drawings are shown as written)."""
    figure = segment.figure
    if figure is None or not segment.kind.traits.shows_figure:
        return None
    return Picture(figure, mirrored=bool(figure.pose) and segment.side is Side.LEFT)


def how_text(segment: Segment) -> str:
    """How to do the stretch; getting ready for reps also says how many."""
    if segment.kind is SegmentKind.PREPARE and segment.reps:
        return f"{segment.how}\n{segment.reps} reps, one slow breath each."
    return segment.how


def next_text(session: Session) -> str:
    upcoming = session.next_stretch()
    if upcoming is None:
        if session.segment.kind is SegmentKind.COOLDOWN:
            return "Then the session is done"
        return "Last stretch of the session"
    side = f" ({upcoming.side.value})" if upcoming.side else ""
    amount = f"{upcoming.reps} reps" if upcoming.reps else format_duration(upcoming.duration)
    return f"Next: {upcoming.name}{side} · {amount}"


def plan_text(session: Session, segment: Segment) -> str:
    routine = session.plan.routine
    rounds = routine.rounds
    lines = ["This session" if rounds == 1 else f"Round {segment.round} of {rounds}"]
    for index, step in enumerate(routine.steps):
        amount = f"{step.reps} reps" if step.reps else format_duration(step.work_seconds)
        sides = " each side" if len(step.sides) > 1 else ""
        marker = " "
        if segment.step_index is not None:
            if index < segment.step_index:
                marker = "✓"
            elif index == segment.step_index:
                marker = "▶"
        lines.append(f"{marker} {step.name}\n    {amount}{sides}")
    return "\n".join(lines)


def progress_of(session: Session) -> Progress:
    plan = session.plan
    total = plan.total_seconds
    done = min(total - plan.seconds_from(session.index) + session.elapsed, total)
    return Progress(step=int(done * PROGRESS_STEPS / total), done=done, total=total)


def progress_text(session: Session) -> str:
    plan = session.plan
    left = format_duration(session.session_remaining)
    number = session.segment.stretch_number
    if number is not None:
        return f"Stretch {number} of {plan.stretch_count} · {left} left"
    return f"{plan.stretch_count} stretches · {left} left"


def breath_step(length: float) -> float:
    """Seconds between two steps of the breath bar, for a half breath of `length` seconds.

    Whole seconds where the half breath is long enough to show four or more steps,
    so the bar moves in the same frame as the countdown's digits: one repaint a
    second during a hold. Shorter halves (fast reps) step on the half second.
    """
    return 1.0 if length >= 4 else 0.5


def breath_of(session: Session) -> Breath | None:
    breath = session.breath()
    if breath is None:
        return None
    steps = max(1, round(breath.length / breath_step(breath.length)))
    # Ceil, so the bar is full (or empty) during the last step of each half.
    shown = min(steps, math.ceil(breath.progress * steps - 1e-9)) / steps
    word = "Breathe in" if breath.inhaling else "Breathe out"
    if movement := breath_movement(session.segment, inhaling=breath.inhaling):
        word += f" · {movement}"
    return Breath(breath.inhaling, shown if breath.inhaling else 1.0 - shown, word)


def next_change_in(session: Session) -> float:
    """Clock seconds until a cue is due, the countdown's digits change or the bar steps."""
    remaining = session.remaining
    # The digits show ceil(remaining): they change each time it crosses a whole second.
    candidates = [remaining - math.ceil(remaining - 1e-9) + 1 if remaining > 0 else 1.0]
    due = session.next_due_in()
    if due is not None:
        candidates.append(due)
    breath = session.breath() if session.segment.kind.traits.shows_breath else None
    if breath is not None:
        into = breath.progress * breath.length
        step = breath_step(breath.length)
        candidates.append(step - into % step)
    return max(0.0, min(candidates))


def away_line(seconds: float, *, keys: bool) -> str:
    """What plain mode says when it finds it was stopped (a closed lid, SIGSTOP)."""
    gone = spoken_duration(max(1, round(seconds)))
    if keys:
        return f"Paused while away ({gone}). Press space to go on."
    return f"Paused while away ({gone}); going on from where it stopped."
