"""Full screen or plain lines: dumb terminals and pipes get plain mode, with the reason."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from stretchtui import glyphs
from stretchtui.catalog import load_catalog
from stretchtui.cli.context import CliContext
from stretchtui.cli.plain_menu import CANNOT_ASK, menu_lines, plain_menu
from stretchtui.fullscreen import plain_note, plain_reason
from stretchtui.paths import AppPaths, bundled_routines_dir


class Tty(io.StringIO):
    def __init__(self, text: str = "", *, tty: bool = True) -> None:
        super().__init__(text)
        self.tty = tty

    def isatty(self) -> bool:
        if self.closed:
            raise ValueError("I/O operation on closed file")  # as a real file does
        return self.tty


@pytest.mark.parametrize("term", ["xterm-256color", "screen", "tmux-256color", "linux", ""])
def test_a_real_terminal_takes_the_full_screen(term: str) -> None:
    assert plain_reason({"TERM": term}, Tty()) is None


@pytest.mark.parametrize("term", ["dumb", "DUMB", "unknown"])
def test_a_dumb_terminal_gets_plain_mode(term: str) -> None:
    reason = plain_reason({"TERM": term}, Tty())
    assert reason == f"as TERM={term.lower()} cannot draw the full screen"
    assert plain_note(reason) == (
        f"stretchtui: plain mode, as TERM={term.lower()} cannot draw the full screen."
    )


def test_output_that_is_not_a_terminal_gets_plain_mode() -> None:
    assert plain_reason({"TERM": "xterm"}, Tty(tty=False)) == "as the output is not a terminal"
    assert plain_reason({"TERM": "xterm"}, None) == "as the output is not a terminal"


def test_a_closed_output_is_not_a_terminal() -> None:
    closed = Tty()
    closed.close()
    assert plain_reason({"TERM": "xterm"}, closed) == "as the output is not a terminal"


@pytest.fixture
def context(isolated_dirs: dict[str, Path]) -> CliContext:
    return CliContext(AppPaths(isolated_dirs["config"], isolated_dirs["data"]))


def test_plain_menu_with_no_one_to_ask_says_how_and_exits_2(
    context: CliContext, capsys: pytest.CaptureFixture[str]
) -> None:
    out = Tty()
    assert (
        plain_menu(
            context, "as TERM=dumb cannot draw the full screen", stdin=Tty(tty=False), stdout=out
        )
        == 2
    )
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "stretchtui: plain mode, as TERM=dumb cannot draw the full screen.",
        f"stretchtui: {CANNOT_ASK}",
    ]
    assert out.getvalue() == ""


def test_plain_menu_numbers_the_routines_and_an_empty_answer_leaves(
    context: CliContext,
) -> None:
    out = Tty()
    assert (
        plain_menu(context, "as TERM=dumb cannot draw the full screen", stdin=Tty("\n"), stdout=out)
        == 0
    )
    lines = out.getvalue().splitlines()
    assert lines[0] == "Routines:"
    assert lines[1] == "  1. Beginner back routine (beginner, 14m 55s) [beginner]"
    assert lines[5] == "  5. Mid-day (desk, 38s) [desk-midday]"
    assert lines[-1] == "Routine number, 1-7 (Enter to leave): "


def test_plain_menu_asks_again_after_a_wrong_answer_and_leaves_at_end_of_input(
    context: CliContext,
) -> None:
    out = Tty()
    assert plain_menu(context, "reason", stdin=Tty("9\nnope\n"), stdout=out) == 0
    text = out.getvalue()
    assert "No routine '9' here: type a number from 1 to 7." in text
    assert "No routine 'nope' here: type a number from 1 to 7." in text
    assert text.count("Routine number, 1-7") == 3


def test_plain_menu_lists_broken_files_apart_and_in_ascii_without_unicode(
    isolated_dirs: dict[str, Path],
) -> None:
    glyphs.use(glyphs.ASCII)
    routines = isolated_dirs["config"] / "routines"
    routines.mkdir()
    (routines / "mine.yaml").write_text("name: Mine\n  level: desk\n")
    lines = menu_lines(list(load_catalog(bundled_routines_dir(), routines).entries))
    assert lines[-2] == "Files with errors (`stretchtui check FILE` explains them):"
    assert lines[-1].startswith("  x ")
    assert lines[-1].endswith(
        "mine.yaml:2:3: line 2 is indented more than the line above it; "
        "check its spaces (a field goes deeper only under a line that ends with ':')"
    )
    assert all(line.isascii() for line in lines)
