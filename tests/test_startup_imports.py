"""The quick commands start without the heavy modules, and read their arguments as argparse does.

Start-up time is measured by `benchmarks/cli_startup.py`, never asserted here; what
is pinned is what makes it short: `--version` and `status` load neither argparse nor
Rich, and `list` and `show` answered from a warm routine cache load no Rich, no YAML,
no Textual, no SQLite, not even dataclasses or typing; `stats` reads the history
read-only, without the store, its writer thread, the migrations or the settings model.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from stretchtui.cli import build_parser
from stretchtui.entry import quick_arguments

HEAVY = ("textual", "rich", "yaml", "sqlite3", "platformdirs", "jeepney")

PROBE = """
import json, sys
from stretchtui.entry import main
code = main(sys.argv[1:])
sys.stdout.flush()
print(json.dumps([code, sorted(sys.modules)]), file=sys.stderr)
"""


def loaded_by(*argv: str, full: bool = False) -> set[str]:
    """The packages (every module with `full`) a fresh `stretchtui ARGV` has imported."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, timeout=60
    )
    code, modules = json.loads(result.stderr.strip().splitlines()[-1])
    assert code == 0, result.stdout
    return set(modules) if full else {name.split(".")[0] for name in modules}


@pytest.mark.parametrize("argv", [["--version"], ["status"]])
def test_version_and_status_load_no_parser_and_nothing_heavy(argv: list[str]) -> None:
    loaded = loaded_by(*argv)
    assert not loaded & {*HEAVY, "argparse", "dataclasses"}


@pytest.mark.parametrize(
    "argv", [["list"], ["list", "--json"], ["show", "desk-midday"], ["show", "advanced", "--json"]]
)
def test_list_and_show_from_a_warm_cache_load_nothing_heavy(argv: list[str]) -> None:
    loaded_by(*argv)  # fills the cache (this one may read YAML)
    loaded = loaded_by(*argv)
    assert not loaded & {*HEAVY, "argparse", "dataclasses", "typing"}


def test_list_from_a_cold_cache_reads_yaml_but_loads_no_rich_or_textual() -> None:
    loaded = loaded_by("list")
    assert "yaml" in loaded
    assert not loaded & {"textual", "rich", "sqlite3"}


@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["list", "--json"],
        ["--config-dir", "/c", "list"],
        ["list", "--data-dir=/d", "--json"],
        ["--data-dir", "/d", "list", "--config-dir", "/c"],
        ["show", "beginner"],
        ["show", "--json", "mine.yaml"],
        ["show", "x", "--config-dir=/c"],
    ],
)
def test_quick_arguments_are_what_argparse_makes(argv: list[str]) -> None:
    quick = quick_arguments(argv)
    assert quick is not None
    full = vars(build_parser().parse_args(argv))
    assert vars(quick) == full


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["list", "--jsn"],
        ["list", "extra"],
        ["show"],
        ["show", "a", "b"],
        ["show", "-x"],
        ["list", "--help"],
        ["--config-dir"],
        ["list", "--config-dir"],
        ["list", "--config-dir="],
        ["history"],
        ["show", "--", "x"],
    ],
)
def test_anything_else_goes_to_the_full_parser(argv: list[str]) -> None:
    assert quick_arguments(argv) is None


def test_version_prints_the_version_without_the_parser(capsys: pytest.CaptureFixture[str]) -> None:
    from stretchtui import __version__
    from stretchtui.entry import main

    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"stretchtui {__version__}\n"


def test_the_quick_path_and_the_full_parser_print_the_same_list(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from stretchtui.cli import main as cli_main
    from stretchtui.entry import main

    monkeypatch.setenv("COLUMNS", "90")
    assert main(["list"]) == 0
    quick = capsys.readouterr()
    assert cli_main(["list"]) == 0
    assert capsys.readouterr() == quick


@pytest.fixture
def some_history(isolated_dirs: dict[str, Path]) -> None:
    """Three sessions over two days, so `stats` reads rows, not an empty history."""
    from datetime import datetime, timedelta

    from history.helpers import record_session
    from stretchtui.history import open_store

    store = open_store(isolated_dirs["data"] / "history.sqlite3")
    now = datetime.now().astimezone()
    for back, routine in enumerate(("beginner", "desk-coffee-break", "beginner")):
        record_session(store, routine, now - timedelta(days=back // 2))
    store.close()


# What opening the history to record brings, and `stats` (which only reads) must not:
# the store and its writer thread, the jobs, the migrations, the settings model.
WRITING = {
    "stretchtui.history.store",
    "stretchtui.history.writer",
    "stretchtui.history.jobs",
    "stretchtui.history.opening",
    "stretchtui.history.schema",
    "stretchtui.history.queries",
    "stretchtui.history.rows",
    "stretchtui.config",
    "stretchtui.plan",
    "stretchtui.routines.model",
    "threading",
}


@pytest.mark.usefixtures("some_history")
@pytest.mark.parametrize("argv", [["stats"], ["stats", "--json"]])
def test_stats_reads_the_history_with_nothing_heavy(argv: list[str]) -> None:
    loaded = loaded_by(*argv)
    assert "sqlite3" in loaded  # it did read the history
    assert not loaded & {*HEAVY, "argparse", "dataclasses", "typing"} - {"sqlite3"}
    assert not loaded_by(*argv, full=True) & WRITING


@pytest.mark.usefixtures("some_history")
def test_stats_with_a_config_file_reads_its_settings(isolated_dirs: dict[str, Path]) -> None:
    (isolated_dirs["config"] / "config.yaml").write_text("streak: weekdays\n")
    assert "stretchtui.config" in loaded_by("stats", full=True)


@pytest.mark.parametrize(
    "argv",
    [
        ["stats"],
        ["stats", "--json"],
        ["--data-dir", "/d", "stats"],
        ["stats", "--config-dir=/c", "--json"],
    ],
)
def test_quick_stats_arguments_are_what_argparse_makes(argv: list[str]) -> None:
    quick = quick_arguments(argv)
    assert quick is not None
    assert vars(quick) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", [["stats", "--jsn"], ["stats", "x"], ["stats", "--help"]])
def test_unusual_stats_arguments_go_to_the_full_parser(argv: list[str]) -> None:
    assert quick_arguments(argv) is None


@pytest.mark.usefixtures("some_history")
@pytest.mark.parametrize("columns", ["80", "44"])
def test_the_quick_path_and_the_full_parser_print_the_same_stats(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    from stretchtui.cli import main as cli_main
    from stretchtui.entry import main

    monkeypatch.setenv("COLUMNS", columns)
    assert main(["stats"]) == 0
    quick = capsys.readouterr()
    assert "Sessions: 3 (3 completed)" in quick.out and "body area" in quick.out
    assert cli_main(["stats"]) == 0
    assert capsys.readouterr() == quick


def test_a_quick_command_leaves_the_cycle_collector_as_it_found_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import gc

    from stretchtui.entry import main

    assert gc.isenabled()
    assert main(["list"]) == 0
    assert gc.isenabled()
    gc.disable()
    try:
        assert main(["list"]) == 0
        assert not gc.isenabled()
    finally:
        gc.enable()
    capsys.readouterr()
