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


@pytest.fixture(scope="session")
def shipped_tables():
    """The tables the physician plan reads (Tabell 6 and the population tables), as shipped."""
    from imaging_plan import physicians
    from imaging_plan.inputs import load_inputs

    return load_inputs(paths.DATA_DIR, physicians.PLAN_TABLES)[0]


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, target)
    return target


def open_page(url_path: str | None = None, query: dict | None = None, timeout: float = 60):
    """Return an AppTest of app.py run once on the page at `url_path` (None: the landing page).

    AppTest.switch_page only knows file pages; our pages are callables, which
    Streamlit keys by the hash of their url_path, so the test selects that hash.
    """
    from streamlit.testing.v1 import AppTest
    from streamlit.util import calc_hash

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    if url_path is not None:
        at._page_hash = calc_hash(url_path)
    return at.run()
