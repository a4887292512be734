"""Shared fixtures: the shipped data folder and small tables built from it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from imaging_plan import paths
from imaging_plan.inputs import load_table

ROOT = paths.PROJECT_ROOT


@pytest.fixture(scope="session")
def shipped_ftes():
    """Tabell 6 as shipped in data/physician_ftes.csv."""
    return load_table("physician_ftes", paths.DATA_DIR)


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, target)
    return target
