"""The command line prints a routine's words as they are: no markup, no terminal control."""

from __future__ import annotations

from pathlib import Path

import pytest

from stretchtui.cli import main

NAMES = ("Morning [easy] stretch", "[b]B[/b] x", "[/]")
LINK = "[link=file:///etc/passwd]x[/link]"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def routine_yaml(name: str, how: str = "Sit [tall].") -> str:
    return (
        f"name: {name!r}\nlevel: desk\nsummary: 'About [this] [/]'\n"
        f"steps:\n  - name: 'Fold [x]'\n    how: {how!r}\n    hold: 2s\n"
        "defaults: {prepare: 1s}\n"
    )


@pytest.fixture
def hostile(isolated_dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COLUMNS", "120")
    folder = isolated_dirs["config"] / "routines"
    folder.mkdir()
    for number, name in enumerate(NAMES):
        (folder / f"mine{number}.yaml").write_text(routine_yaml(name, LINK))
    return folder


def test_list_prints_bracketed_names_verbatim(
    capsys: pytest.CaptureFixture[str], hostile: Path
) -> None:
    code, out, _ = run(capsys, "list")
    assert code == 0
    for number, name in enumerate(NAMES):
        assert any(line.startswith(f"mine{number}") and name in line for line in out.splitlines())


def test_show_prints_name_summary_and_stretch_verbatim(
    capsys: pytest.CaptureFixture[str], hostile: Path
) -> None:
    code, out, _ = run(capsys, "show", "mine2")
    assert code == 0
    assert out.splitlines()[0].split() == ["[/]", "desk"]
    assert "About [this] [/]" in out
    assert "Fold [x]" in out


def test_check_prints_a_bracketed_name_verbatim(
    capsys: pytest.CaptureFixture[str], hostile: Path
) -> None:
    code, out, _ = run(capsys, "check", str(hostile / "mine1.yaml"))
    assert code == 0
    assert "ok ([b]B[/b] x, " in out


def test_plain_run_then_history_and_stats_show_the_words_verbatim(
    capsys: pytest.CaptureFixture[str], hostile: Path
) -> None:
    code, out, _ = run(capsys, "run", "mine0", "--plain", "--speed", "50", "--no-sound")
    assert code == 0
    assert out.startswith("Morning [easy] stretch: 1 stretch")
    assert f"How: {LINK}" in out
    assert "Get ready: Fold [x]." in out
    code, out, _ = run(capsys, "history")
    assert code == 0
    assert "Morning [easy] stretch" in out
    code, out, _ = run(capsys, "stats")
    assert code == 0


def test_an_escape_in_a_file_name_is_spelled_out_by_list_and_check(
    capsys: pytest.CaptureFixture[str], hostile: Path
) -> None:
    (hostile / "evil\x1b]0;pwned\x07.yaml").write_text("steps: 3\n")
    good = hostile / "ok\x1b[2J.yaml"
    good.write_text(routine_yaml("Fine"))
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out
    assert "evil\\x1b]0;pwned\\x07" in out
    assert "ok\\x1b[2J" in out
    code, out, err = run(capsys, "check", str(good), str(hostile / "evil\x1b]0;pwned\x07.yaml"))
    assert code == 1
    assert "\x1b" not in out + err and "\x07" not in err
    assert "ok\\x1b[2J.yaml: ok (Fine, " in out
    assert "evil\\x1b]0;pwned\\x07.yaml:1:1: " in err


def test_an_unknown_routine_name_with_an_escape_is_spelled_out(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "show", "nothing\x1b[2J")
    assert code == 1
    assert "\x1b" not in err
