"""What plain mode says as a coach: the first-run note, and the check-in after a session.

The check-in is the summary's two questions, answered with the TUI's keys: one
key each, no Enter needed (the terminal is in cbreak mode): 1 better, 2 same,
3 worse; then y or n. Enter skips a question. The answers are saved as the
TUI saves them, and the reply (guidance.checkin_reply) is printed. Hands-free,
nobody can answer: the check-in is skipped and the person is told so.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from stretchtui.guidance import CHECKIN_QUESTION, checkin_reply, first_run_text
from stretchtui.records import CheckIn, Feeling

FEELING_QUESTION = "How does your back feel now? 1 better, 2 same, 3 worse (Enter skips)"
SIGNS_QUESTION = f"{CHECKIN_QUESTION} y or n (Enter skips)"
FEELING_KEYS = {"1": Feeling.BETTER, "2": Feeling.SAME, "3": Feeling.WORSE}
SIGN_KEYS = {"y": True, "Y": True, "n": False, "N": False}
SKIP_KEYS = ("\n", "\r")
ANSWER_SECONDS = 300.0
"""How long a question waits (session-clock seconds) before the check-in is left unanswered."""
HANDS_FREE = (
    "Check-in skipped: hands-free, no keys are read. If you felt sharp pain, numbness or "
    "tingling, stop stretching for today; the menu's safety screen (s) says when to get help."
)
FIRST_RUN_TITLE = "Before your first session (shown once):"

Ask = Callable[[float | None], object]
"""plain.Wait: returns a key (str), None when the time ran out, or a stop request."""


class Stopped(Exception):
    """A signal arrived while a question was waiting."""

    def __init__(self, event: object) -> None:
        super().__init__("stopped during the check-in")
        self.event = event


def first_run_note(wait: Ask, line: Callable[[str], None], *, keys: bool) -> None:
    """Print the first-run note; with keys, wait for one (Stopped if a signal comes instead).

    Hands-free, printing it is all that can be done: it counts as read.
    """
    line(FIRST_RUN_TITLE)
    for paragraph in first_run_text().split("\n\n"):
        line(paragraph)
    if keys:
        line("Press any key to start.")
        event = wait(None)
        if event is not None and not isinstance(event, str):
            raise Stopped(event)
    line("")


def ask_checkin(
    wait: Ask, line: Callable[[str], None], save: Callable[[CheckIn], None], *, keys: bool
) -> CheckIn | None:
    """Ask both questions, save what was answered, print the reply; None if nothing was.

    Raises Stopped if a signal (Ctrl+C, SIGTERM, SIGHUP) comes while waiting.
    """
    line("")
    if not keys:
        line(HANDS_FREE)
        return None
    _drain(wait)
    try:
        feeling_key = _answer(wait, line, FEELING_QUESTION, FEELING_KEYS, "1, 2 or 3")
    except _TimedOut:
        line("No answer; check-in skipped.")
        return None
    try:
        signs_key = _answer(wait, line, SIGNS_QUESTION, SIGN_KEYS, "y or n")
    except _TimedOut:
        signs_key = None
    if feeling_key is None and signs_key is None:
        line("Check-in skipped.")
        return None
    feeling = FEELING_KEYS[feeling_key] if feeling_key is not None else None
    checkin = CheckIn(feeling, signs_key is not None and SIGN_KEYS[signs_key])
    save(checkin)
    reply = checkin_reply(checkin.feeling, checkin.warning_signs)
    if reply:
        line("")
        for paragraph in reply.split("\n"):
            line(paragraph)
    return checkin


class _TimedOut(Exception):
    """Nobody answered within ANSWER_SECONDS."""


def _drain(wait: Ask) -> None:
    """Forget keys typed during the session's last moments: they were not answers."""
    for _ in range(256):
        event = wait(0)
        if not isinstance(event, str):
            if event is not None:
                raise Stopped(event)
            return


def _answer(
    wait: Ask, line: Callable[[str], None], question: str, answers: Mapping[str, object], valid: str
) -> str | None:
    """The key of the chosen answer, or None when skipped with Enter."""
    line(question)
    while True:
        event = wait(ANSWER_SECONDS)
        if event is None:
            raise _TimedOut
        if not isinstance(event, str):
            raise Stopped(event)
        if event in SKIP_KEYS:
            line("(skipped)")
            return None
        if event in answers:
            line(f"> {event}")
            return event
        line(f"Press {valid}, or Enter to skip.")
