"""Every file in `verbatim/` loads, and its words come out of each command exactly as written.

Brackets, Rich markup, links, click actions and emoji codes are a routine's words, not
instructions to Rich or Textual. (The screens are checked in tests/tui/test_text_is_data.py.)
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from stretchtui.cli import main
from stretchtui.routines import Routine, read_routine

VERBATIM = Path(__file__).parent / "verbatim"
FILES = sorted(path.name for path in VERBATIM.glob("*.yaml"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert (code, err) == (0, ""), err
    return out


def loaded(name: str) -> Routine:
    routine = read_routine(VERBATIM / name)
    assert isinstance(routine, Routine), routine
    return routine


def test_the_corpus_covers_markup_links_actions_and_emoji() -> None:
    names = " ".join(loaded(name).name for name in FILES)
    for needle in ("[b]", "[/]", "[@click", ":thumbs_up:", "[easy]", "[b open"):
        assert needle in names
    assert any("[link=" in loaded(name).steps[0].how for name in FILES)


@pytest.mark.parametrize("name", FILES)
def test_show_and_check_print_the_words_verbatim(
    name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    routine = loaded(name)
    out = run(capsys, "show", str(VERBATIM / name))
    assert out.startswith(routine.name + " ")
    assert routine.summary in out
    assert routine.steps[0].name in out
    out = run(capsys, "check", str(VERBATIM / name))
    assert f"ok ({routine.name}, " in out


@pytest.mark.parametrize("name", FILES)
def test_plain_mode_says_the_words_verbatim(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    routine = loaded(name)
    out = run(capsys, "run", str(VERBATIM / name), "--plain", "--speed", "50", "--no-sound")
    assert out.startswith(f"{routine.name}: 1 stretch")
    assert f"How: {routine.steps[0].how}" in out
    assert f"Get ready: {routine.steps[0].name}." in out


def test_list_and_history_show_every_name_verbatim(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    isolated_dirs: dict[str, Path],
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    shutil.copytree(VERBATIM, isolated_dirs["config"] / "routines")
    out = run(capsys, "list")
    for name in FILES:
        line = next(line for line in out.splitlines() if line.startswith(Path(name).stem + " "))
        assert loaded(name).name in line
    run(capsys, "run", "click-action", "--plain", "--speed", "50", "--no-sound")
    out = run(capsys, "history")
    assert "[@click=app.quit]Quit[/]" in out
