"""The plain tables of `list`, `show` and `stats`: a row that fits is laid out without
wrapping, and that shortcut gives exactly what wrapping every row gives."""

from __future__ import annotations

import random

import pytest

from stretchtui.cli import table as table_module
from stretchtui.cli.table import GAP, RULE, Column, Table, cell_width, wrap

WORDS = ["a", "bb", "Morning", "[easy]", "stretch", "", "é", "日本語", "x" * 30, " lead", "Ａ",
         "\u0301", "·", "trail "]  # fmt: skip


def reference(table: Table, available: int, colour: bool) -> list[str]:
    """The layout as it was before the one-line shortcut: every row through wrap()."""
    margin = 4 if table.edged else 0
    widths = table.widths(available - margin)
    inner = sum(widths) + len(GAP) * (len(widths) - 1)
    out = [" " * (inner + margin)] if table.edged else []
    header = [[column.header] for column in table.columns]
    out.append(table._line(header, ["bold"] * len(table.columns), widths, colour)[0])
    out.append(f" {RULE * (inner + 2)} " if table.edged else RULE * inner)
    for row in table.rows:
        parts = [
            wrap(text, width) if column.wrap else [text]
            for (text, _), column, width in zip(row, table.columns, widths, strict=True)
        ]
        styles = [
            style or column.style for (_, style), column in zip(row, table.columns, strict=True)
        ]
        out.extend(table._line(parts, styles, widths, colour))
    if table.edged:
        out.append(" " * (inner + margin))
    return out


@pytest.mark.parametrize("seed", range(4))
def test_the_one_line_shortcut_lays_out_as_wrapping_does(seed: int) -> None:
    chance = random.Random(seed)
    for _ in range(1500):
        columns = [
            Column(
                chance.choice(["id", "name", "level", "time", "body area"]),
                right=chance.random() < 0.3,
                wrap=chance.random() < 0.4,
                min_width=chance.randint(1, 8),
                style=chance.choice(["", "bold cyan", "dim", "red"]),
            )
            for _ in range(chance.randint(1, 6))
        ]
        table = Table(*columns, edged=chance.random() < 0.3)
        for _ in range(chance.randint(0, 6)):
            cells: list[str | tuple[str, str]] = []
            for _ in columns:
                text = " ".join(chance.choice(WORDS) for _ in range(chance.randint(0, 5)))
                cells.append((text, "bold red") if chance.random() < 0.2 else text)
            table.add_row(*cells)
        width, colour = chance.randint(10, 130), chance.random() < 0.5
        assert table.lines(width, colour) == reference(table, width, colour)


def test_a_remembered_width_is_the_measured_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(table_module, "_WIDTHS", {})
    texts = ["beginner · user", "日本語", "e\u0301", "Ａb"]
    for text in texts:
        assert cell_width(text) == table_module._measure(text)
        assert cell_width(text) == table_module._measure(text)  # from memory, the same
    measured = {text: table_module._measure(text) for text in texts}
    remembered = table_module._WIDTHS
    assert remembered == measured
