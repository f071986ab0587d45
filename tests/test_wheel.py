"""A wheel built from the tree, installed in a fresh venv elsewhere, finds its bundled routines.

The fresh venv gets the wheel alone (`--no-deps`, no index: the test runs offline); its
dependencies (PyYAML, Rich, …) are borrowed from the running interpreter's site-packages
through a `.pth` line. A `.pth` path line is appended to sys.path without its own `.pth`
files being run, so the editable install of stretchtui living there stays inert, and the
venv's own site-packages, which comes first, supplies the installed stretchtui.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from samples import BUNDLED_IDS

REPO = Path(__file__).resolve().parent.parent


def run(*argv: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    done = subprocess.run(
        [str(arg) for arg in argv],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=cwd,
        env=env,
    )
    assert done.returncode == 0, f"{argv}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    assert importlib.util.find_spec("hatchling"), "building offline needs hatchling (dev extra)"
    out = tmp_path_factory.mktemp("dist")
    run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "--wheel-dir",
        out,
        REPO,
        cwd=out,
    )
    (built,) = out.glob("stretchtui-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fresh") / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", root, cwd=root.parent)
    python = root / "bin" / "python"
    run(
        sys.executable, "-m", "pip", "--python", python, "install",
        "--no-deps", "--no-index", "--quiet", "--disable-pip-version-check", wheel,
        cwd=root.parent,
    )  # fmt: skip
    site = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))",
                    cwd=root.parent).stdout.strip())  # fmt: skip
    (site / "borrowed_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return root


def test_wheel_ships_the_routines_and_their_schema(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {Path(name).name for name in names if name.startswith("stretchtui/_data/routines/")}
    assert shipped == {f"{routine_id}.yaml" for routine_id in BUNDLED_IDS} | {"routine.schema.json"}


def test_installed_wheel_lists_all_seven_bundled_routines_from_inside_the_package(
    venv: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "somewhere-else"
    outside.mkdir()
    python = venv / "bin" / "python"
    package = run(python, "-c", "import stretchtui; print(stretchtui.__file__)", cwd=outside)
    installed = Path(package.stdout.strip()).parent
    assert installed.is_relative_to(venv), installed

    listed = run(venv / "bin" / "stretchtui", "list", "--json", cwd=outside)
    entries = json.loads(listed.stdout)
    assert {entry["id"] for entry in entries} == set(BUNDLED_IDS)
    assert all(entry["source"] == "bundled" and not entry["errors"] for entry in entries)
    folder = installed / "_data" / "routines"
    assert all(Path(entry["path"]).parent == folder for entry in entries)


def test_installed_wheel_checks_a_bad_file_without_a_traceback(venv: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nlevel: beginner\nsteps:\n  - name: Fold\n    hold: -5\n")
    done = subprocess.run(
        [str(venv / "bin" / "stretchtui"), "check", "bad.yaml"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("bad.yaml:5:11: steps[0].hold:")
    assert "Traceback" not in done.stderr
