"""Paths that are not routine files: each is one message, nothing blocks, nothing stops the rest."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from stretchtui.catalog import load_catalog
from stretchtui.routines import Problem, Routine, read_routine

T = TypeVar("T")

GOOD = "name: Good one\nlevel: desk\nsteps:\n  - name: Fold\n    hold: 5s\n"
# A blocked read would hang the test run; give up well before that.
PATIENCE = 10.0


def within(seconds: float, work: Callable[[], T]) -> T:
    """work()'s result, failing (not hanging) if it takes longer than `seconds`."""
    results: list[T] = []
    worker = threading.Thread(target=lambda: results.append(work()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"still blocked after {seconds} s"
    return results[0]


def only_problem(path: Path) -> Problem:
    result = within(PATIENCE, lambda: read_routine(path))
    assert not isinstance(result, Routine)
    (problem,) = result
    return problem


@pytest.fixture
def short_dir() -> Iterator[Path]:
    """A folder with a short path: a socket's path must fit in about 100 bytes."""
    with tempfile.TemporaryDirectory(prefix="st-", dir="/tmp") as name:
        yield Path(name)


def test_a_fifo_is_refused_without_being_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    problem = only_problem(fifo)
    assert problem.message == (
        "not a regular file (a named pipe (FIFO)); expected a routine file (.yaml)"
    )


def test_a_socket_is_refused(short_dir: Path) -> None:
    path = short_dir / "s.yaml"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        problem = only_problem(path)
    assert problem.message == "not a regular file (a socket); expected a routine file (.yaml)"


def test_a_device_is_refused() -> None:
    problem = only_problem(Path("/dev/zero"))
    assert problem.message == "not a regular file (a device); expected a routine file (.yaml)"


def test_a_directory_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    assert only_problem(folder).message == "is a directory; expected a routine file (.yaml)"


def test_a_symlink_loop_is_a_message(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to("loop.yaml")
    problem = only_problem(loop)
    assert problem.message == "cannot read the file: a symbolic link that points back to itself"
    assert str(problem).endswith("loop.yaml: " + problem.message)


def test_a_symlink_to_a_fifo_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    link = tmp_path / "link.yaml"
    link.symlink_to("pipe")
    assert "not a regular file (a named pipe (FIFO))" in only_problem(link).message


def test_a_symlink_to_a_routine_still_loads(tmp_path: Path) -> None:
    (tmp_path / "real.yaml").write_text(GOOD)
    link = tmp_path / "link.yaml"
    link.symlink_to("real.yaml")
    assert isinstance(read_routine(link), Routine)


def hostile_folder(folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    (folder / "good.yaml").write_text(GOOD)
    os.mkfifo(folder / "fifo.yaml")
    (folder / "loop.yaml").symlink_to("loop.yaml")
    (folder / "dir.yaml").mkdir()
    (folder / "big.yaml").write_text(GOOD.replace("5s", "9" * 5000))
    (folder / "esc.yaml").write_text(GOOD.replace("Good one", '"\\e[2J"'))


def test_one_broken_file_never_stops_the_catalog(tmp_path: Path, short_dir: Path) -> None:
    hostile_folder(short_dir)
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(short_dir / "sock.yaml"))
        catalog = within(PATIENCE, lambda: load_catalog(tmp_path / "none", short_dir))
    by_id = {entry.id: entry for entry in catalog.entries}
    assert by_id["good"].routine is not None
    for broken in ("fifo", "loop", "dir", "big", "esc", "sock"):
        assert by_id[broken].routine is None and by_id[broken].problems, broken


def test_list_with_a_fifo_among_the_routines_does_not_block(
    isolated_dirs: dict[str, Path],
) -> None:
    hostile_folder(isolated_dirs["config"] / "routines")
    done = subprocess.run(
        [sys.executable, "-m", "stretchtui", "list"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COLUMNS": "160"},
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert "Good one" in done.stdout
    assert "fifo.yaml: not a regular file (a named pipe (FIFO))" in done.stdout
    assert "loop.yaml: cannot read the file: a symbolic link that points back to itself" in (
        done.stdout
    )
    assert (
        "big.yaml:5:11: steps[0].hold: expected a duration from 1s to 10 min, got a 5000-digit"
        in (done.stdout)
    )
    assert "\x1b" not in done.stdout


def test_check_of_a_fifo_and_a_loop_answers_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "loop.yaml").symlink_to("loop.yaml")
    done = subprocess.run(
        [sys.executable, "-m", "stretchtui", "check", "pipe.yaml", "loop.yaml"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "pipe.yaml: not a regular file (a named pipe (FIFO)); expected a routine file (.yaml)",
        "loop.yaml: cannot read the file: a symbolic link that points back to itself",
    ]


def test_run_of_a_system_file_does_not_echo_it(tmp_path: Path) -> None:
    secret = tmp_path / "shadow"
    secret.write_text("".join(f"user{n}:$y$hash{n}secret:19000:0:99999:7:::\n" for n in range(20)))
    done = subprocess.run(
        [sys.executable, "-m", "stretchtui", "run", str(secret), "--plain"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        f"{secret}:1:1: not a routine: none of its top-level fields is name, level, steps or "
        "another routine field"
    ]
