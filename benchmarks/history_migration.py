"""The history file at 100 000 sessions: its size per session, and the migration to version 4.

Seeds a version-1 file with N realistic sessions and their segments
(`history_scale.seed`: the bundled routines' real segments, mostly desk
sessions), copies it, and brings the copy to version 3 with the old migrations:
the two kinds of file people have. Then, for each, round after round, on a fresh
copy each time and each in a process of its own:

- opens it with `open_store` (what every command and the app do first), which
  builds the current version beside it and swaps it in (`history.migrate_file`);
- migrates it the way `open_store` did before that, for comparison in the same
  run: every migration in place in one transaction (`schema.migrate`), then
  VACUUM (what compacting did) and a checkpoint.

The reference for "nothing left to do" is opening the migrated file again. Prints
wall time and the process's CPU time (user + system: what a busy machine has to
share out), the file's bytes per session before and after (the file with its
-wal, after a checkpoint), and the progress lines the migration wrote on stderr.

    .venv/bin/python benchmarks/history_migration.py [--sessions 100000] [--rounds 3]

Targets: at most 1 KB per session; the migration in at most 10 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from history_scale import seed

from stretchtui.history.schema import migrate

SIZE_TARGET = 1024
TIME_TARGET = 10.0

OPEN = """
import sys
from pathlib import Path
from stretchtui.history import open_store
from stretchtui.history.progress import StderrProgress
store = open_store(Path(sys.argv[1]), progress=StderrProgress())
store.flush()
store.close()
"""

IN_PLACE = """
import sqlite3, sys
from stretchtui.history.schema import migrate
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA journal_mode = WAL")
db.execute("PRAGMA synchronous = NORMAL")
migrate(db)
db.execute("VACUUM")
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
db.close()
"""


def size(path: Path) -> int:
    """The file and its -wal, once what can be is checkpointed into the file."""
    db = sqlite3.connect(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    wal = path.with_name(path.name + "-wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


CPU: list[float] = []
"""The CPU seconds (user + system) of each process `opened` ran, in order."""


def opened(path: Path, code: str = OPEN) -> tuple[float, str]:
    """Seconds to open (and so migrate) `path` in a new process, and what it said on stderr."""
    cpu = children_cpu()
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - began
    CPU.append(children_cpu() - cpu)
    if done.returncode != 0:
        raise SystemExit(f"opening {path} failed: {done.stderr}")
    return seconds, done.stderr


def version(path: Path) -> int:
    db = sqlite3.connect(path)
    try:
        return int(db.execute("PRAGMA user_version").fetchone()[0])
    finally:
        db.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    count = options.sessions
    ok = True
    with tempfile.TemporaryDirectory(prefix="stretchtui-migration-bench-") as folder:
        root = Path(folder)
        v1 = root / "v1" / "history.sqlite3"
        v1.parent.mkdir()
        print(f"seeding {count} sessions with their segments ...", flush=True)
        seconds = seed(v1, count)
        db = sqlite3.connect(v1)
        segments = db.execute("SELECT count(*) FROM segments").fetchone()[0]
        db.close()
        print(f"seeded a version-1 file in {seconds:.0f} s: {segments} segment rows")
        v3 = root / "v3" / "history.sqlite3"
        v3.parent.mkdir()
        size(v1)
        shutil.copy(v1, v3)
        db = sqlite3.connect(v3, isolation_level=None)
        migrate(db, target=3)
        db.execute("VACUUM")
        db.close()
        for path in (v1, v3):
            found = version(path)
            before = size(path)
            work = root / "work" / path.name
            work.parent.mkdir(exist_ok=True)
            swapped: list[float] = []
            in_place: list[float] = []
            cpu: dict[str, list[float]] = {OPEN: [], IN_PLACE: []}
            loads: list[float] = []
            said = ""
            for _ in range(options.rounds):
                for way, times in ((OPEN, swapped), (IN_PLACE, in_place)):
                    for old in work.parent.iterdir():
                        old.unlink()
                    shutil.copy(path, work)
                    loads.append(os.getloadavg()[0])
                    seconds, stderr = opened(work, way)
                    times.append(seconds)
                    cpu[way].append(CPU[-1])
                    if way is OPEN:
                        said = stderr
                        again, _ = opened(work)
                        after = size(work)
            lines = [line.strip() for line in said.replace("\r", "\n").splitlines() if line.strip()]
            print(f"version {found} file, {count} sessions:")
            for label, bytes_ in (("before", before), ("after ", after)):
                print(
                    f"  size {label}  {bytes_ / 1e6:7.1f} MB = "
                    f"{bytes_ / count:6.0f} bytes per session"
                )
            for label, times, way in (
                ("migration", swapped, OPEN),
                ("in place ", in_place, IN_PLACE),
            ):
                print(
                    f"  {label}    median {statistics.median(times):6.2f} s   "
                    f"min {min(times):6.2f} s   max {max(times):6.2f} s   ({len(times)} runs)   "
                    f"CPU median {statistics.median(cpu[way]):5.2f} s"
                )
            seconds = statistics.median(swapped)
            print(
                f"  ratio of medians migration/in place: "
                f"{seconds / statistics.median(in_place):.2f}"
                f"   (opening it again after: {again:.2f} s)"
            )
            last = lines[-1] if lines else "-"
            print(f"  progress it showed: {len(lines)} line(s), the last: {last}")
            print(f"  load average during the runs: {min(loads):.1f} to {max(loads):.1f}")
            size_ok, time_ok = after / count <= SIZE_TARGET, max(swapped) <= TIME_TARGET
            ok = ok and size_ok and time_ok
            print(
                f"  {'meets' if size_ok else 'misses'} the size target of at most "
                f"{SIZE_TARGET} bytes per session ({after / count / SIZE_TARGET:.2f}x); "
                f"{'meets' if time_ok else 'misses'} the time target of at most "
                f"{TIME_TARGET:.0f} s (slowest run {max(swapped) / TIME_TARGET:.2f}x)"
            )
        print(f"load average {os.getloadavg()[0]:.1f}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
