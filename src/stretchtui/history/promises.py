"""What a history file's version promises: the tables and columns our migrations made.

`PRAGMA user_version` is only a number; another program's database, or a file
mended by hand, can carry ours and hold something else. Before a file is used
(and before it is migrated), its tables are compared with those the migrations
up to its version create, in an in-memory database, so the check can never
drift from the migrations. A file that breaks the promise is treated like a
damaged one.
"""

from __future__ import annotations

import functools
import sqlite3

from stretchtui.history.schema import SCHEMA_VERSION, migrate

Tables = dict[str, frozenset[str]]
"""Each table's name and its columns' names; indexes and views appear as names with no
columns."""


class BrokenPromise(sqlite3.DatabaseError):
    """The file's tables are not what its version says; the message names the first gap."""


@functools.cache
def promised_tables(version: int) -> Tables:
    """Every table (with its columns) a file at `version` holds, made by our own migrations."""
    memory = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(memory, target=version)
        return _tables(memory)
    finally:
        memory.close()


def check_promise(connection: sqlite3.Connection, schema: str = "main") -> None:
    """Raise BrokenPromise unless the file (the connection's `schema`) holds what its version
    promises.

    Its own tables must have at least their columns, and no table a later migration
    will create may already be there (it would stop the migration). A version newer
    than ours is left for migrate() to refuse. The version and the tables are read in one
    transaction: another process creating a new file's tables in between must not make
    it look like a version-0 file with a later version's tables (a broken one).
    """
    own = not connection.in_transaction
    if own:
        connection.execute("BEGIN")
    try:
        version = int(connection.execute(f"PRAGMA {schema}.user_version").fetchone()[0])
        found = _tables(connection, schema)
    finally:
        if own and connection.in_transaction:
            connection.execute("COMMIT")
    if version > SCHEMA_VERSION:
        return
    for table, columns in promised_tables(version).items():
        if table not in found:
            raise BrokenPromise(f"history version {version} without {table}")
        missing = columns - found[table]
        if missing:
            raise BrokenPromise(
                f"history version {version} with {table} lacking {', '.join(sorted(missing))}"
            )
    later = promised_tables(SCHEMA_VERSION).keys() - promised_tables(version).keys()
    for table in sorted(later & found.keys()):
        raise BrokenPromise(f"history version {version} with {table} already there")


def _tables(connection: sqlite3.Connection, schema: str = "main") -> Tables:
    # Indexes and views count too: a later migration may drop one of ours, and the
    # queries read through the views.
    names = connection.execute(
        f"SELECT name, type FROM {schema}.sqlite_master "
        "WHERE type IN ('table', 'index', 'view') AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return {
        str(name): frozenset(
            str(row[1])
            for row in connection.execute("SELECT * FROM pragma_table_info(?, ?)", (name, schema))
        )
        if kind == "table"
        else frozenset()
        for name, kind in names
    }
