"""Safe-stretching guidance shown in the app, in our own words.

The facts follow the project's source material (warm up, breathe, never
bounce, progress gradually, and when to see a professional); one copy here
serves the safety screen, the summary's check-in and the menu's notes.
"""

from __future__ import annotations

WARM_UP = (
    "Warm up first. About five minutes of easy movement, such as marching on the "
    "spot or a short walk, raises your temperature and gets blood into the muscles, "
    "so they are ready to lengthen."
)
BREATHING = (
    "Breathe slowly and steadily. Breathe in to grow tall through the spine; breathe "
    "out as you ease a little further into the stretch. Calm breathing helps the "
    "muscles let go."
)
NO_BOUNCE = (
    "Never bounce. Jerky, bouncing movements can cause small tears in the muscle. "
    "Settle into each position and hold it still for 20 to 30 seconds: you should "
    "feel a mild pull, never sharp pain."
)
PROGRESS = (
    "Build up slowly. Start with small, gentle ranges and go further over weeks, not "
    "days. A few minutes every day does more than an occasional hard session."
)
HOW_OFTEN = (
    "Stretch every day if you can, or at least a few times each week: whatever your "
    "week and your back are comfortable with. Regular short sessions are what count."
)
BENEFITS = (
    "What it gives you: a spine that bends and turns more freely, muscles that hold "
    "less tension, and, for many people, long-standing back pain that eases and flares "
    "up less often."
)
BEFORE_YOU_START = (
    "If you have hurt your back before or had an operation on it, ask a doctor or "
    "physiotherapist which stretches suit you before your first session."
)
STATIC_VS_DYNAMIC = (
    "Static stretches are held still for a while (the countdowns in this app). "
    "Dynamic stretches move through a range of motion under control (the repetition "
    "counters), one slow breath for each."
)

SEEK_HELP_INTRO = (
    "Stretching helps most people, but some signs mean a physiotherapist or doctor "
    "should take a look:"
)
SEEK_HELP_SIGNS: tuple[str, ...] = (
    "back pain that has not eased after a few weeks",
    "sharp pain, or pain that shoots down into your legs",
    "numbness or tingling in your legs that keeps coming back",
    "pain that gets in the way of everyday activities",
    "moving less well than before: a back that bends or turns less far or less easily",
    "flexibility that does not improve even though you stretch regularly",
    "a past back injury or back surgery",
)
SEEK_HELP_OUTRO = (
    "A professional can find the cause and show you the right technique, which "
    "helps you recover sooner and avoid setbacks."
)

CHECKIN_QUESTION = "Did you feel any sharp pain, numbness or tingling?"
STOP_ON_PAIN = "Stop any stretch that causes sharp pain, numbness or tingling."

# Keyed by the check-in's answer (records.Feeling's values; guidance sits below records).
FEELING_REPLIES: dict[str, str] = {
    "better": (
        "Good to hear. Come back to it tomorrow, or in a day or two: little and often is "
        "what keeps a back supple."
    ),
    "same": (
        "A tip: let each breath out take you a fraction deeper, and keep the pull mild. "
        "Changes come over weeks of steady practice, not in one session."
    ),
    "worse": (
        "Ease off next time: hold each stretch for less time, pick a gentler level or a "
        "shorter session, and leave out any stretch that hurts. If your back keeps "
        "feeling worse after sessions, have a doctor or physiotherapist look at it."
    ),
}
STOP_FOR_TODAY = (
    "Stop stretching for today and let your back rest. Do not push through sharp pain, "
    "numbness or tingling."
)
SEE_SOMEONE_PROMPTLY = (
    "Important: if numbness, weakness or pain running down a leg does not go away, get "
    "seen by a doctor promptly, without waiting for your next session."
)


def seek_help_text(bullet: str = "•") -> str:
    """The when-to-seek-help guidance as plain text, one sign per line."""
    signs = "\n".join(f"{bullet} {sign[0].upper()}{sign[1:]}." for sign in SEEK_HELP_SIGNS)
    return f"{SEEK_HELP_INTRO}\n{signs}\n{SEEK_HELP_OUTRO}"


def checkin_reply(feeling: str | None, warning_signs: bool | None) -> str:
    """What the app says back to a check-in; empty until there is something to answer.

    Warning signs come first whatever the feeling: stop for today, the urgent case,
    then the general criteria for seeing a professional.
    """
    if warning_signs:
        return f"{STOP_FOR_TODAY}\n\n{SEE_SOMEONE_PROMPTLY}\n\n{seek_help_text()}"
    return FEELING_REPLIES.get(feeling, "") if feeling is not None else ""


def first_run_text() -> str:
    """The note shown once, before the very first session."""
    return "\n\n".join((BENEFITS, HOW_OFTEN, BEFORE_YOU_START, STOP_ON_PAIN))


def safety_sections() -> list[tuple[str, str]]:
    """(title, text) pairs for the 'Stretching safely' screen, in reading order."""
    return [
        ("Why stretch, and how often", f"{BENEFITS}\n{HOW_OFTEN}"),
        ("Before you start", BEFORE_YOU_START),
        ("Warm up first", WARM_UP),
        ("Breathe with the stretch", BREATHING),
        ("Hold still, never bounce", NO_BOUNCE),
        ("Progress gradually", PROGRESS),
        ("Static and dynamic stretches", STATIC_VS_DYNAMIC),
        ("When to seek professional help", seek_help_text()),
    ]
