"""The glyph set follows the terminal's locale: Unicode where it is UTF-8, ASCII elsewhere."""

from __future__ import annotations

import subprocess
import sys

import pytest

from stretchtui import glyphs
from stretchtui.glyphs import ASCII, UNICODE, detect, screen_to_ascii, to_ascii


@pytest.mark.parametrize(
    "environ",
    [
        {"LANG": "en_US.UTF-8"},
        {"LANG": "C.utf8"},
        {"LC_CTYPE": "de_DE.utf-8@euro", "LANG": "C"},
        {"LC_ALL": "C.UTF-8", "LANG": "C"},
        {"LC_ALL": "", "LANG": "fr_FR.UTF-8"},
        {"LC_CTYPE": "UTF-8"},
    ],
)
def test_utf8_locale_gets_unicode(environ: dict[str, str]) -> None:
    assert detect(environ, "utf-8") is UNICODE


@pytest.mark.parametrize(
    "environ",
    [
        {},
        {"LC_ALL": "C"},
        {"LC_ALL": "POSIX", "LANG": "en_US.UTF-8"},
        {"LC_ALL": "C", "LC_CTYPE": "en_US.UTF-8", "LANG": "en_US.UTF-8"},
        {"LANG": "en_US.ISO-8859-1"},
        {"LANG": "en_US"},
        {"LC_CTYPE": "C", "LANG": "en_US.UTF-8"},
    ],
)
def test_other_locales_get_ascii(environ: dict[str, str]) -> None:
    assert detect(environ, "utf-8") is ASCII


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp1252", None, "no-such-codec"])
def test_stream_that_cannot_carry_unicode_gets_ascii(encoding: str | None) -> None:
    assert detect({"LANG": "en_US.UTF-8"}, encoding) is ASCII


def test_python_under_c_locale_still_gets_ascii() -> None:
    """Python's UTF-8 mode makes stdout utf-8 under LC_ALL=C; the locale decides regardless."""
    code = "from stretchtui.glyphs import current; print(current().ellipsis, current().unicode)"
    env = {"LC_ALL": "C", "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["...", "False"]


def test_current_detects_once_and_use_fixes_it(monkeypatch: pytest.MonkeyPatch) -> None:
    glyphs.use(None)
    monkeypatch.setenv("LC_ALL", "C")
    assert glyphs.current() is ASCII
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    assert glyphs.current() is ASCII  # decided once per process
    glyphs.use(UNICODE)
    assert glyphs.current() is UNICODE


def test_ascii_set_is_ascii_and_unicode_set_is_not() -> None:
    for name, value in ASCII._asdict().items():
        if isinstance(value, str):
            assert value.isascii(), name
    assert all(
        not value.isascii() for name, value in UNICODE._asdict().items() if isinstance(value, str)
    )


def test_both_sets_name_the_same_glyphs() -> None:
    assert ASCII._fields == UNICODE._fields


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3…", "3..."),
        ("Beginner · 15 min", "Beginner - 15 min"),
        ("warm up — gently", "warm up -- gently"),
        ("n → skip", "n -> skip"),
        ("✓ Cat-Cow ✗ Twist", "+ Cat-Cow x Twist"),
        ("Café crème", "Cafe creme"),
        ("plain ascii", "plain ascii"),
        ("日本", "????"),
    ],
)
def test_to_ascii_gives_readable_stand_ins(text: str, expected: str) -> None:
    assert to_ascii(text) == expected


def test_screen_to_ascii_keeps_every_cell_in_place() -> None:
    frame = "\x1b[1;1H╭──╮\x1b[2;1H│é…│\x1b[3;1H╰──╯ ⏎ 日"
    out = screen_to_ascii(frame)
    assert out == "\x1b[1;1H+--+\x1b[2;1H|e.|\x1b[3;1H+--+ < ??"
    assert out.isascii()


def test_screen_to_ascii_drops_combining_marks_as_the_screen_gives_them_no_cell() -> None:
    assert screen_to_ascii("e\u0301x") == "ex"


@pytest.mark.parametrize(
    ("glyph_set", "width", "expected"),
    [
        (UNICODE, 10, "Morning…"),
        (UNICODE, 18, "Morning coffee…"),
        (UNICODE, 8, "Morning…"),
        (UNICODE, 5, "Morn…"),
        (ASCII, 10, "Morning..."),
        (UNICODE, 40, "Morning coffee break"),
        (ASCII, 2, "Mo"),
        (ASCII, 0, ""),
    ],
)
def test_fit_ellipsizes_with_the_sets_ellipsis(
    glyph_set: glyphs.Glyphs, width: int, expected: str
) -> None:
    assert glyph_set.fit("Morning coffee break", width) == expected


def test_text_converts_only_for_ascii() -> None:
    assert UNICODE.text("3…") == "3…"
    assert ASCII.text("3…") == "3..."


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        (40, "my-long-routine-file.yaml:7"),
        (20, "my-lon…e-file.yaml:7"),
        (12, "my…le.yaml:7"),
    ],
)
def test_fit_middle_keeps_the_end(width: int, expected: str) -> None:
    out = UNICODE.fit_middle("my-long-routine-file.yaml:7", width, keep_end=7)
    assert out == expected
    assert len(out) <= width


def test_cells_counts_wide_and_combining_characters() -> None:
    assert glyphs.cells("abc") == 3
    assert glyphs.cells("日本") == 4
    assert glyphs.cells("e\u0301") == 1
    assert UNICODE.fit("日本語のテキスト", 7) == "日本語…"
