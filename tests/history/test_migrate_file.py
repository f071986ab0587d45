"""An old file is rewritten beside itself and swapped in: whole at every point, one at a time."""

from __future__ import annotations

import fcntl
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest

from stretchtui.history import SCHEMA_VERSION, open_store
from stretchtui.history import migrate_file as migrate_file_module
from stretchtui.history.migrate_file import SCRATCH_SUFFIX, scratch_path
from stretchtui.history.progress import StderrProgress
from stretchtui.history.schema import migrate

from .answers import ASKED_AT, all_answers
from .helpers import record_session, tmpfs
from .old_files import old_file, row_counts, v3_file
from .test_migration import expected_answers


class Recorder:
    def __init__(self) -> None:
        self.heard: list[object] = []

    def __call__(self, done: int, total: int) -> None:
        self.heard.append((done, total))

    def waiting(self) -> None:
        self.heard.append("waiting")

    def finish(self) -> None:
        self.heard.append("finish")


def version_of(path: Path) -> int:
    db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return int(db.execute("PRAGMA user_version").fetchone()[0])
    finally:
        db.close()


def leftovers(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if SCRATCH_SUFFIX in name)


def table_rows(db: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    tables = [
        name
        for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {t: sorted(db.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}


def schema_of(db: sqlite3.Connection) -> set[tuple[str, str, str]]:
    return {
        (str(kind), str(name), str(sql))
        for kind, name, sql in db.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL"
        )
    }


@pytest.mark.parametrize("version", [1, 2, 3])
def test_the_new_file_is_what_migrating_in_place_makes(tmp_path: Path, version: int) -> None:
    """Same tables, indexes and views (same SQL), same rows, same keys."""
    path = tmp_path / "history.sqlite3"
    if version == 3:
        v3_file(path)
    else:
        old_file(path, version)
    in_place = tmp_path / "in-place.sqlite3"
    shutil.copy(path, in_place)
    db = sqlite3.connect(in_place, isolation_level=None)
    migrate(db)
    expected_rows, expected_schema = table_rows(db), schema_of(db)
    db.close()

    assert migrate_file_module.rewrite(path)

    db = sqlite3.connect(path)
    assert table_rows(db) == expected_rows
    assert schema_of(db) == expected_schema
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA freelist_count").fetchone()[0] == 0
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    assert leftovers(tmp_path) == []


def test_a_current_or_missing_file_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    assert not migrate_file_module.rewrite(path)
    assert not path.exists()
    open_store(path, progress=False).close()
    before = path.stat().st_ino
    assert not migrate_file_module.rewrite(path)
    assert path.stat().st_ino == before


def test_the_new_file_keeps_the_old_ones_permissions(tmp_path: Path) -> None:
    path = v3_file(tmp_path / "history.sqlite3")
    path.chmod(0o600)
    open_store(path, now=ASKED_AT, progress=False).close()
    assert version_of(path) == SCHEMA_VERSION
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_linked_history_is_migrated_where_it_lives(tmp_path: Path) -> None:
    elsewhere = tmp_path / "synced"
    elsewhere.mkdir()
    real = v3_file(elsewhere / "history.sqlite3")
    data = tmp_path / "home"
    data.mkdir()
    link = data / "history.sqlite3"
    link.symlink_to(real)
    store = open_store(link, now=ASKED_AT, progress=False)
    assert all_answers(store) == expected_answers(with_preview=True, with_reminders=True)
    store.close()
    assert link.is_symlink() and link.resolve() == real
    assert version_of(real) == SCHEMA_VERSION
    assert leftovers(elsewhere) == [] and leftovers(data) == []


def test_a_scratch_file_left_behind_is_replaced_never_followed(tmp_path: Path) -> None:
    path = v3_file(tmp_path / "history.sqlite3")
    precious = tmp_path / "precious.txt"
    precious.write_text("not the history's to touch")
    scratch_path(path).symlink_to(precious)
    Path(f"{scratch_path(path)}-journal").write_bytes(b"garbage")
    store = open_store(path, now=ASKED_AT, progress=False)
    assert all_answers(store) == expected_answers(with_preview=True, with_reminders=True)
    store.close()
    assert precious.read_text() == "not the history's to touch"
    assert leftovers(tmp_path) == []


def test_ctrl_c_while_the_new_file_is_built_leaves_the_old_one_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = v3_file(tmp_path / "history.sqlite3")
    before = row_counts(path)
    monkeypatch.setattr("stretchtui.history.schema.MIGRATION_BATCH", 2)

    class Stop(Recorder):
        def __call__(self, done: int, total: int) -> None:
            if done >= 2:
                raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        open_store(path, now=ASKED_AT, progress=Stop())
    assert row_counts(path) == before and version_of(path) == 3
    assert leftovers(tmp_path) == []
    store = open_store(path, now=ASKED_AT, progress=False)
    assert all_answers(store) == expected_answers(with_preview=True, with_reminders=True)
    store.close()


_KILLED_AT = """
import os, signal, sys
from pathlib import Path
from stretchtui.history import migrate_file, open_store, schema
schema.MIGRATION_BATCH = 2
where, path = sys.argv[1], Path(sys.argv[2])
def die():
    os.kill(os.getpid(), signal.SIGKILL)
class Progress:
    def __call__(self, done, total):
        if where == "fill" and done >= 4:
            die()
    def waiting(self):
        pass
    def finish(self):
        pass
def before(name):
    original = getattr(migrate_file, name)
    def call(*args):
        die()
    setattr(migrate_file, name, call)
def after(name):
    original = getattr(migrate_file, name)
    def call(*args):
        original(*args)
        die()
    setattr(migrate_file, name, call)
if where == "vacuum":
    after("_create")
elif where == "wal":
    before("_finish")
elif where == "synced":
    after("_sync")
elif where == "swap":
    before("_swap")
elif where == "swapped":
    after("_swap")
open_store(path, progress=Progress())
"""


@pytest.mark.parametrize("where", ["fill", "vacuum", "wal", "synced", "swap", "swapped"])
def test_a_kill_at_any_point_leaves_a_whole_history_and_the_next_start_finishes(
    tmp_path: Path, where: str
) -> None:
    folder = tmp_path / "hist"
    folder.mkdir()
    path = v3_file(folder / "history.sqlite3")
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = WAL")  # as every opening leaves it
    db.close()
    before = row_counts(path)
    done = subprocess.run([sys.executable, "-c", _KILLED_AT, where, str(path)], check=False)
    assert done.returncode == -9
    if where == "swapped":
        assert version_of(path) == SCHEMA_VERSION
    else:
        assert row_counts(path) == before and version_of(path) == 3
    store = open_store(path, now=ASKED_AT, progress=False)
    assert all_answers(store) == expected_answers(with_preview=True, with_reminders=True)
    store.close()
    assert sorted(os.listdir(folder)) == ["history.sqlite3"]


_SLOW_MIGRATION = """
import sys, time
from pathlib import Path
from stretchtui.history import open_store, schema
schema.MIGRATION_BATCH = 1
class Slow:
    def __call__(self, done, total):
        Path(sys.argv[2]).touch()
        time.sleep(0.2)
    def waiting(self):
        pass
    def finish(self):
        pass
open_store(Path(sys.argv[1]), progress=Slow()).close()
"""


def test_a_second_process_opening_meanwhile_waits_and_loses_nothing(tmp_path: Path) -> None:
    path = v3_file(tmp_path / "history.sqlite3")
    marker = tmp_path / "started"
    first = subprocess.Popen([sys.executable, "-c", _SLOW_MIGRATION, str(path), str(marker)])
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert first.poll() is None and time.monotonic() < deadline
            time.sleep(0.01)
        second = open_store(path, now=ASKED_AT, progress=Recorder())
        assert second.warning is None
        assert len(second.sessions(limit=None)) == 6
        record_session(second, "desk-coffee-break", ASKED_AT - timedelta(hours=1))
        second.close()
    finally:
        assert first.wait(timeout=60) == 0
    store = open_store(path, now=ASKED_AT, progress=False)
    assert len(store.sessions(limit=None)) == 7
    store.close()
    assert version_of(path) == SCHEMA_VERSION and leftovers(tmp_path) == []


def hold_folder_lock(folder: Path) -> int:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def test_waiting_for_another_migration_is_told_then_the_file_opens(tmp_path: Path) -> None:
    path = v3_file(tmp_path / "history.sqlite3")
    fd = hold_folder_lock(tmp_path)
    releaser = threading.Timer(0.5, os.close, (fd,))
    releaser.start()
    progress = Recorder()
    store = open_store(path, now=ASKED_AT, progress=progress)
    releaser.join()
    assert progress.heard[0] == "waiting" and progress.heard[-1] == "finish"
    assert all_answers(store) == expected_answers(with_preview=True, with_reminders=True)
    store.close()


def test_a_migration_that_never_ends_elsewhere_is_not_waited_for_forever(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = v3_file(tmp_path / "history.sqlite3")
    before = path.read_bytes()
    monkeypatch.setattr(migrate_file_module, "WAIT_FOR_OTHER", 0.3)
    fd = hold_folder_lock(tmp_path)
    try:
        store = open_store(path, now=ASKED_AT, progress=False)
    finally:
        os.close(fd)
    assert store.warning == (
        f"Cannot write the history file {path} (another stretchtui has been updating it for "
        "over 0 minutes); this session will not be saved."
    )
    assert len(store.sessions(limit=None)) == 6, "what is there is still shown"
    store.close()
    assert path.read_bytes() == before


def test_a_program_holding_the_old_file_open_stops_the_swap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = v3_file(tmp_path / "history.sqlite3")
    monkeypatch.setattr(migrate_file_module, "BUSY_TIMEOUT_MS", 200)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("PRAGMA journal_mode = WAL")
    other.execute("BEGIN")
    other.execute("SELECT count(*) FROM sessions").fetchone()  # reading, as an older version might
    store = open_store(path, now=ASKED_AT, progress=False)
    assert store.warning is not None and "database is locked" in store.warning
    store.close()
    other.execute("COMMIT")
    other.close()
    assert version_of(path) == 3 and leftovers(tmp_path) == []


def test_a_read_only_folder_leaves_the_old_file_and_says_so(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro", "size=4m") as data:
        path = v3_file(data / "history.sqlite3")
        before = path.read_bytes()
        subprocess.run(["mount", "-o", "remount,ro", str(data)], check=True)
        store = open_store(path, now=ASKED_AT, progress=False)
        assert store.warning == (
            f"Cannot write the history file {path} (the folder or file is read-only); "
            "this session will not be saved."
        )
        assert len(store.sessions(limit=None)) == 6
        store.close()
        assert path.read_bytes() == before and leftovers(data) == []


def test_a_full_disk_leaves_the_old_file_and_no_scratch(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "full", "size=1m") as data:
        path = v3_file(data / "history.sqlite3")
        before = path.read_bytes()
        filler = os.open(data / "filler", os.O_WRONLY | os.O_CREAT)
        try:
            while True:
                os.write(filler, b"\0" * 4096)
        except OSError:
            pass
        finally:
            os.close(filler)
        store = open_store(path, now=ASKED_AT, progress=False)
        assert store.warning == (
            f"Cannot write the history file {path} (the disk is full); "
            "this session will not be saved."
        )
        assert len(store.sessions(limit=None)) == 6
        store.close()
        assert path.read_bytes() == before and leftovers(data) == []
        os.unlink(data / "filler")
        store = open_store(path, now=ASKED_AT, progress=False)
        assert store.warning is None
        assert all_answers(store) == expected_answers(with_preview=True, with_reminders=True)
        store.close()


def test_the_progress_line_says_it_waits_for_another_stretchtui() -> None:
    from .test_migration import FakeTime, Pipe

    clock, stream = FakeTime(), Pipe(terminal=False)
    progress = StderrProgress(stream, clock)
    progress.waiting()  # at once: a wait is never a moment
    clock.now = 3.0
    progress.finish()
    assert stream.getvalue().splitlines() == [
        "stretchtui: another stretchtui is updating the history file; waiting for it",
        "stretchtui: history updated in 3.0 s",
    ]
