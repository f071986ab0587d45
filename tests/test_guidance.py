"""The safety texts carry every fact of the source's guidance, in our words."""

from __future__ import annotations

from stretchtui.guidance import checkin_reply, first_run_text, safety_sections
from stretchtui.records import Feeling


def safety_screen() -> str:
    return " ".join(f"{title} {text}" for title, text in safety_sections())


def test_safety_screen_lists_loss_of_mobility_among_the_signs_to_get_help() -> None:
    assert "Moving less well than before" in safety_screen()


def test_safety_screen_says_how_often_to_stretch_and_what_it_gives() -> None:
    text = safety_screen()
    assert "every day if you can, or at least a few times each week" in text
    for benefit in ("bends and turns more freely", "less tension", "flares up less often"):
        assert benefit in text


def test_a_past_injury_or_surgery_means_asking_before_starting() -> None:
    [before] = [text for title, text in safety_sections() if title == "Before you start"]
    assert "hurt your back before or had an operation" in before
    assert "before your first session" in before


def test_first_run_note_has_the_facts_to_know_before_starting() -> None:
    text = first_run_text()
    for fact in ("more freely", "a few times each week", "operation", "sharp pain"):
        assert fact in text


def test_no_reply_before_an_answer() -> None:
    assert checkin_reply(None, None) == ""


def test_each_feeling_has_its_own_reply() -> None:
    replies = {checkin_reply(feeling, False) for feeling in Feeling}
    assert len(replies) == 3 and "" not in replies


def test_warning_signs_override_any_feeling() -> None:
    for feeling in (None, *Feeling):
        reply = checkin_reply(feeling, True)
        assert reply.startswith("Stop stretching for today")
        assert "promptly" in reply.split("\n\n")[1]
