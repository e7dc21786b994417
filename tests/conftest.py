"""Shared test fixtures: paths to the project's seeds and the optional ../shared corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"


@pytest.fixture
def corpus_dirs() -> list[Path]:
    """The situation folders of ../shared/corpus; skips the test when it is absent."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus not present")
    return sorted(p for p in CORPUS.iterdir() if (p / "gold.json").exists())
