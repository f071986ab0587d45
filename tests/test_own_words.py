"""All user-facing text is in our own words: no run of 7 words is shared with the source.

The source article's facts are requirements; its sentences are not ours. The
repository holds only fingerprints of the article's 7-word runs
(tests/data/source-phrases.txt, made by tools/source_phrases.py), compared
after folding case and dropping punctuation.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import cast

import pytest

REPO = Path(__file__).resolve().parent.parent
FINGERPRINTS = REPO / "tests" / "data" / "source-phrases.txt"


def _tool() -> tuple[Callable[[str], Iterator[tuple[str, ...]]], Callable[[tuple[str, ...]], str]]:
    spec = importlib.util.spec_from_file_location(
        "source_phrases", REPO / "tools" / "source_phrases.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return (
        cast(Callable[[str], Iterator[tuple[str, ...]]], module.runs),
        cast(Callable[[tuple[str, ...]], str], module.fingerprint),
    )


runs, fingerprint = _tool()


def checked_files() -> list[Path]:
    files = sorted((REPO / "src").rglob("*.py")) + sorted((REPO / "src").rglob("*.tcss"))
    files += sorted((REPO / "routines").glob("*"))
    return [*files, REPO / "README.md"]


def shared_runs(text: str, known: set[str]) -> list[str]:
    return [" ".join(run) for run in runs(text) if fingerprint(run) in known]


@pytest.fixture(scope="module")
def known() -> set[str]:
    return set(FINGERPRINTS.read_text(encoding="utf-8").split())


def test_fingerprints_cover_the_whole_source(known: set[str]) -> None:
    # The article has well over a thousand words; a truncated file would let copies through.
    assert len(known) > 1000


@pytest.mark.parametrize("path", checked_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_no_seven_word_run_is_shared_with_the_source(path: Path, known: set[str]) -> None:
    assert shared_runs(path.read_text(encoding="utf-8"), known) == []


def test_a_pasted_source_sentence_is_found_whatever_its_case_and_punctuation(
    known: set[str],
) -> None:
    # A sentence from the source (its FAQ), pasted as a routine's how-to would be.
    pasted = (
        "how: >\n  Regular Back Stretches improve spinal flexibility -- reduce muscle\n"
        "  TENSION, and help alleviate chronic back pain!"
    )
    found = shared_runs(pasted, known)
    assert "regular back stretches improve spinal flexibility reduce" in found
    assert len(found) == 9


def test_curly_apostrophes_and_hyphens_match_plain_ones(known: set[str]) -> None:
    assert shared_runs("From a kneeling position, sit back on heels, stretch arms", known)
    assert shared_runs("Child’s Pose with Side-Reach | 1 minute | Calms the nervous", known)


def test_our_own_sentence_about_the_same_fact_is_not_flagged(known: set[str]) -> None:
    ours = "Stretching often makes the spine more flexible and eases tight muscles."
    assert shared_runs(ours, known) == []
