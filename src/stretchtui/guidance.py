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
    "flexibility that does not improve even though you stretch regularly",
    "a past back injury or back surgery",
)
SEEK_HELP_OUTRO = (
    "A professional can find the cause and show you the right technique, which "
    "helps you recover sooner and avoid setbacks."
)

CHECKIN_QUESTION = "Did you feel any sharp pain, numbness or tingling?"
STOP_ON_PAIN = "Stop any stretch that causes sharp pain, numbness or tingling."


def seek_help_text(bullet: str = "•") -> str:
    """The when-to-seek-help guidance as plain text, one sign per line."""
    signs = "\n".join(f"{bullet} {sign[0].upper()}{sign[1:]}." for sign in SEEK_HELP_SIGNS)
    return f"{SEEK_HELP_INTRO}\n{signs}\n{SEEK_HELP_OUTRO}"


def safety_sections() -> list[tuple[str, str]]:
    """(title, text) pairs for the 'Stretching safely' screen, in reading order."""
    return [
        ("Warm up first", WARM_UP),
        ("Breathe with the stretch", BREATHING),
        ("Hold still, never bounce", NO_BOUNCE),
        ("Progress gradually", PROGRESS),
        ("Static and dynamic stretches", STATIC_VS_DYNAMIC),
        ("When to seek professional help", seek_help_text()),
    ]
