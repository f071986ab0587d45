"""`show` prints from the routine cache while the file is unchanged, and from the file otherwise."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from samples import GOOD
from stretchtui.cli import main


@pytest.fixture
def mine(isolated_dirs: dict[str, Path]) -> Path:
    folder = isolated_dirs["config"] / "routines"
    folder.mkdir()
    path = folder / "mine.yaml"
    path.write_text(GOOD.format(name="Mine"))
    return path


def plan_files() -> list[Path]:
    return sorted(Path(os.environ["STRETCHTUI_CACHE_DIR"], "plans").glob("*.json"))


def show(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["show", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_show_keeps_its_plan_and_prints_the_same_from_it(
    capsys: pytest.CaptureFixture[str], mine: Path
) -> None:
    first = show(capsys, "mine")
    assert first[0] == 0 and "Fold" in first[1]
    assert len(plan_files()) == 1
    assert show(capsys, "mine") == first
    assert json.loads(show(capsys, "mine", "--json")[1])["segments"][1]["name"] == "Fold"


@pytest.mark.parametrize(
    "forged",
    [
        {"segments": "nope"},
        {"segments": [{"index": "0"}]},
        {"name": ["x"]},
        {"stretch_count": True},
    ],
    ids=["segments not a list", "a segment of the wrong shape", "a list for a name", "a boolean"],
)
def test_a_hostile_cached_plan_is_ignored(
    capsys: pytest.CaptureFixture[str], mine: Path, forged: dict[str, object]
) -> None:
    expected = show(capsys, "mine")
    main(["list"])  # the listing comes from the cache from now on
    capsys.readouterr()
    [plan_file] = plan_files()
    record = json.loads(plan_file.read_text())
    record["plan"].update(forged)
    plan_file.write_text(json.dumps(record))
    assert show(capsys, "mine") == expected


def test_show_reads_the_file_again_once_it_changed(
    capsys: pytest.CaptureFixture[str], mine: Path
) -> None:
    show(capsys, "mine")
    mine.write_text(GOOD.format(name="Renamed, and longer"))
    code, out, _ = show(capsys, "mine")
    assert code == 0 and out.startswith("Renamed, and longer")


def test_show_says_what_is_wrong_when_the_file_broke_since_it_was_listed(
    capsys: pytest.CaptureFixture[str], mine: Path
) -> None:
    main(["list"])
    capsys.readouterr()
    mine.write_text("name: Mine\nlevel: desk\n")
    code, out, err = show(capsys, "mine")
    assert (code, out) == (1, "")
    assert "steps: missing" in err
