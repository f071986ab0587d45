"""`stretchtui list`, `show` and `check` as a person or a script runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from samples import BUNDLED_IDS, GOOD
from stretchtui import __version__, glyphs
from stretchtui.cli import build_parser, main
from stretchtui.cli.context import CliContext
from stretchtui.routines.problems import display_path

REPO = Path(__file__).resolve().parent.parent
BAD = REPO / "tests" / "routines" / "bad"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    code, out, err = run(capsys, *argv)
    assert (code, err) == (0, "")
    return json.loads(out)


@pytest.fixture
def user_routines(isolated_dirs: dict[str, Path]) -> Path:
    folder = isolated_dirs["config"] / "routines"
    folder.mkdir()
    return folder


# ---------------------------------------------------------------- list


def test_list_shows_every_bundled_routine_on_one_line_each_at_80_columns(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run(capsys, "list")
    assert code == 0
    lines = out.splitlines()
    assert all(len(line) <= 80 for line in lines)
    for routine_id, name in [
        ("beginner", "Beginner back routine"),
        ("intermediate", "Intermediate back routine"),
        ("advanced", "Advanced back routine"),
    ]:
        assert any(line.startswith(routine_id) and name in line for line in lines)
    assert len(lines) == 2 + len(BUNDLED_IDS)


def test_list_shows_stretch_count_and_source_when_wide(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    _, out, _ = run(capsys, "list")
    header, _, first, *_ = out.splitlines()
    assert header.split() == ["id", "name", "level", "time", "stretches", "source"]
    assert first.split() == ["beginner", "Beginner", "back", "routine", "beginner", "14m", "55s",
                             "3", "bundled"]  # fmt: skip


def test_list_json_gives_stable_fields_for_scripts(capsys: pytest.CaptureFixture[str]) -> None:
    entries = run_json(capsys, "list", "--json")
    assert [entry["id"] for entry in entries] == BUNDLED_IDS
    first = entries[0]
    assert list(first) == [
        "id",
        "name",
        "level",
        "total_seconds",
        "stretches",
        "rounds",
        "source",
        "path",
        "errors",
    ]
    assert (first["name"], first["level"], first["total_seconds"], first["stretches"]) == (
        "Beginner back routine",
        "beginner",
        895,
        3,
    )
    assert all(entry["source"] == "bundled" and entry["errors"] == [] for entry in entries)


def test_list_shows_a_broken_user_routine_with_its_error_and_the_rest(
    capsys: pytest.CaptureFixture[str], user_routines: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    (user_routines / "broken.yaml").write_text("name: Broken\nlevel: expert\nsteps: []\n")
    (user_routines / "mine.yaml").write_text(GOOD.format(name="Mine"))
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert "desk · user" in out
    assert "broken (user) has errors" in out
    assert "broken.yaml:2:8: level: expected one of" in out
    entries = {entry["id"]: entry for entry in run_json(capsys, "list", "--json")}
    assert set(entries) == {*BUNDLED_IDS, "mine", "broken"}
    assert entries["broken"]["name"] is None
    places = [error.split(": ", 1)[0] for error in entries["broken"]["errors"]]
    assert places == [
        f"{user_routines / 'broken.yaml'}:2:8",
        f"{user_routines / 'broken.yaml'}:3:8",
    ]


def test_a_user_routine_with_a_bundled_id_replaces_it(
    capsys: pytest.CaptureFixture[str], user_routines: Path
) -> None:
    (user_routines / "beginner.yaml").write_text(GOOD.format(name="My own beginner"))
    entries = {entry["id"]: entry for entry in run_json(capsys, "list", "--json")}
    assert entries["beginner"]["name"] == "My own beginner"
    assert entries["beginner"]["source"] == "user"
    assert len(entries) == len(BUNDLED_IDS)


# ---------------------------------------------------------------- show


def test_show_by_id_prints_every_segment_and_the_total(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "show", "desk-midday")
    assert code == 0
    assert "Mid-day" in out
    assert "Standing Torso Twist" in out
    assert "Total: 38s (38 s), 1 stretches" in out


def test_show_json_total_is_the_sum_of_its_segments(capsys: pytest.CaptureFixture[str]) -> None:
    shown = run_json(capsys, "show", "advanced", "--json")
    assert shown["id"] == "advanced"
    assert shown["total_seconds"] == sum(segment["duration"] for segment in shown["segments"])
    assert shown["segments"][0]["kind"] == "warmup"
    assert shown["segments"][0]["duration"] == 300


def test_show_takes_a_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "elsewhere.yaml"
    path.write_text(GOOD.format(name="Elsewhere"))
    shown = run_json(capsys, "show", str(path), "--json")
    assert (shown["name"], shown["source"], shown["total_seconds"]) == ("Elsewhere", "file", 25)


def test_show_unknown_id_suggests_the_closest(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "advnced")
    assert code == 1
    assert out == ""
    assert "no routine called 'advnced' (did you mean advanced?)" in err


def test_show_broken_file_prints_its_problems(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(capsys, "show", str(BAD / "three-problems.yaml"))
    assert code == 1
    assert out == ""
    assert [line.split(": ")[0].rsplit(":", 2)[1:] for line in err.splitlines()] == [
        ["2", "8"],
        ["5", "11"],
        ["8", "13"],
    ]


# ---------------------------------------------------------------- check


def test_check_good_files_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(path) for path in sorted((REPO / "routines").glob("*.yaml"))]
    code, out, err = run(capsys, "check", *files)
    assert (code, err) == (0, "")
    assert out.count(": ok (") == 7


def test_check_bad_file_exits_one_with_place_on_stderr(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "check", str(BAD / "duration-negative.yaml"))
    assert code == 1
    assert out == ""
    assert err.splitlines()[-3].endswith(
        "duration-negative.yaml:5:11: steps[0].hold: "
        "expected a duration like 30s, 1m or 1m30s, got -5"
    )
    assert err.splitlines()[-2:] == ["  5 |     hold: -5", "    |           ^"]


def test_check_several_files_reports_each(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys,
        "check",
        str(REPO / "routines" / "beginner.yaml"),
        str(BAD / "tabs.yaml"),
        str(BAD / "empty.yaml"),
    )
    assert code == 1
    assert "beginner.yaml: ok (Beginner back routine, 14m 55s)" in out
    assert len(err.splitlines()) == 4  # the tab's line and its caret under it
    assert "tabs.yaml:5:1:" in err
    assert "empty.yaml: the file is empty" in err


@pytest.mark.parametrize("path", sorted(BAD.glob("*.yaml")), ids=lambda path: path.name)
def test_check_every_corpus_file_fails_cleanly(
    capsys: pytest.CaptureFixture[str], path: Path
) -> None:
    code, out, err = run(capsys, "check", str(path))
    assert code == 1
    problems = [line for line in err.splitlines() if not line.startswith(" ")]
    assert problems and all(line.startswith(display_path(path) + ":") for line in problems)


def test_check_missing_file_and_directory(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "check", str(tmp_path / "nowhere.yaml"), str(tmp_path))
    assert code == 1
    assert err.splitlines() == [
        f"{tmp_path / 'nowhere.yaml'}: no such file",
        f"{tmp_path}: is a directory; expected a routine file (.yaml)",
    ]


# ---------------------------------------------------------------- options and usage


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.strip() == f"stretchtui {__version__}"


@pytest.mark.parametrize("where", ["before", "after"])
def test_config_dir_option_works_before_or_after_the_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, where: str
) -> None:
    config = tmp_path / "elsewhere"
    (config / "routines").mkdir(parents=True)
    (config / "routines" / "mine.yaml").write_text(GOOD.format(name="Mine"))
    options = ["--config-dir", str(config), "--data-dir", str(tmp_path / "data")]
    argv = [*options, "list", "--json"] if where == "before" else ["list", "--json", *options]
    entries = run_json(capsys, *argv)
    assert "mine" in [entry["id"] for entry in entries]


@pytest.mark.parametrize(
    "argv",
    [
        ["--config-dir", "/c", "--data-dir", "/d", "list"],
        ["list", "--config-dir", "/c", "--data-dir", "/d"],
    ],
)
def test_location_options_override_the_environment(argv: list[str]) -> None:
    paths = CliContext.from_args(build_parser().parse_args(argv)).paths
    assert (paths.config_dir, paths.data_dir) == (Path("/c"), Path("/d"))


def test_environment_gives_the_locations_when_no_option_does(
    isolated_dirs: dict[str, Path],
) -> None:
    paths = CliContext.from_args(build_parser().parse_args(["list"])).paths
    assert (paths.config_dir, paths.data_dir) == (isolated_dirs["config"], isolated_dirs["data"])


@pytest.mark.parametrize(
    "argv",
    [["frobnicate"], ["show"], ["check"], ["list", "--jsn"], ["--config-dir"]],
    ids=["unknown command", "show without routine", "check without file", "typo", "no value"],
)
def test_usage_errors_exit_two(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert "usage: stretchtui" in err


# ---------------------------------------------------------------- a real process


def test_python_dash_m_runs_check_and_never_shows_a_traceback() -> None:
    files = [str(path.relative_to(REPO)) for path in sorted(BAD.glob("*.yaml"))]
    done = subprocess.run(
        [sys.executable, "-m", "stretchtui", "check", *files],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=REPO,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    problems = [line for line in done.stderr.splitlines() if not line.startswith(" ")]
    assert {line.split(":")[0] for line in problems} == set(files)


def test_python_dash_m_lists_json(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "stretchtui", "list", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert [entry["id"] for entry in json.loads(done.stdout)] == BUNDLED_IDS


def test_check_explains_an_indentation_slip_and_points_at_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "name: Mine\nlevel: desk\nsteps:\n  - name: Fold\n    hold: 20s\n     how: Lean.\n"
    )
    code, out, err = run(capsys, "check", str(path))
    assert code == 1
    assert err.splitlines() == [
        f"{display_path(path)}:6:6: line 6 is indented more than the line above it; "
        "check its spaces (a field goes deeper only under a line that ends with ':')",
        "  6 |      how: Lean.",
        "    |      ^",
    ]


def test_check_shows_the_line_as_data_with_control_characters_spelled_out(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "mine.yaml"
    path.write_bytes(b"name: Mine\nlevel: desk\nsteps:\n  - name: Fold\n\thold: 20s\x1b[2J\n")
    code, _, err = run(capsys, "check", str(path))
    assert code == 1
    assert "\x1b" not in err
    assert err.splitlines()[1:] == ["  5 | \\x09hold: 20s\\x1b[2J", "    |              ^"]


def test_check_under_an_ascii_locale_prints_only_ascii(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    glyphs.use(glyphs.ASCII)
    path = tmp_path / "mine.yaml"
    path.write_text("name: Mine\nlevel: desk\nsummary: " + "word " * 60 + ": x\n")
    code, _, err = run(capsys, "check", str(path))
    assert code == 1
    assert err.isascii()
    assert "  3 | ..." in err


def test_show_under_an_ascii_locale_draws_its_table_in_ascii(
    capsys: pytest.CaptureFixture[str],
) -> None:
    glyphs.use(glyphs.ASCII)
    code, out, _ = run(capsys, "show", "desk-midday")
    assert code == 0
    assert out.isascii()
    assert "Standing Torso Twist" in out
    assert "-----" in out  # the table rule, in ASCII


def test_list_and_history_under_an_ascii_locale_are_ascii(
    capsys: pytest.CaptureFixture[str], isolated_dirs: dict[str, Path]
) -> None:
    glyphs.use(glyphs.ASCII)
    routines = isolated_dirs["config"] / "routines"
    routines.mkdir()
    (routines / "mine.yaml").write_text("name: Mine\n  level: desk\n")
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert out.isascii()
    assert "x mine (user) has errors:" in out
    code, out, _ = run(capsys, "history")
    assert code == 0 and out.isascii()
