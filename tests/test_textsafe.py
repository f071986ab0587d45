"""Control characters never reach a terminal as they are."""

from __future__ import annotations

import pytest

from stretchtui.textsafe import excerpt, is_blank, is_control, visible


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[2J\x1b]0;pwned\x07", "\\x1b[2J\\x1b]0;pwned\\x07"),
        ("\x9b2J", "\\x9b2J"),
        ("a\x00b", "a\\x00b"),
        ("evil\u202etxt.yaml", "evil\\u202etxt.yaml"),
        ("line\u2028break\x85", "line\\u2028break\\x85"),
        ("a\ud800b", "a\\ud800b"),
        ("two\nlines", "two\\x0alines"),
    ],
)
def test_visible_spells_out_every_control_character(raw: str, shown: str) -> None:
    assert visible(raw) == shown


def test_visible_leaves_ordinary_text_and_markup_alone() -> None:
    text = "Morning [easy] stretch – Zürich ☕ 3…"
    assert visible(text) is text


def test_visible_can_keep_line_breaks_for_messages() -> None:
    assert visible("one\ntwo\x1b", keep_newlines=True) == "one\ntwo\\x1b"


def test_every_c0_and_c1_code_point_is_a_control() -> None:
    assert all(is_control(chr(code)) for code in [*range(0x20), *range(0x7F, 0xA0)])
    assert not any(is_control(char) for char in "aZ09 ~é€")


def test_names_of_only_zero_width_characters_are_blank() -> None:
    assert is_blank("\u200b\u200d \ufeff")
    assert not is_blank("\u200bx")


def test_excerpt_keeps_one_line_cut_to_eighty_characters() -> None:
    assert excerpt("short") == "short"
    assert excerpt("x" * 200) == "x" * 79 + "…"
    assert excerpt("first line\nsecond line") == "first line …"
    assert len(excerpt("y" * 81 + "\nmore")) == 80
