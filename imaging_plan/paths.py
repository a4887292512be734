"""The one place that knows where the project's folders are."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = PROJECT_ROOT / "data"
FORECASTS_DIR = PROJECT_ROOT / "forecasts"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
PACKAGE_DIR = Path(__file__).resolve().parent


def resolve(path: str | os.PathLike | None, default: Path) -> Path:
    """Return `path` as an absolute path; relative paths are taken from the project root.

    Notebooks run with papermill from any folder, so a relative `data_dir`
    must not depend on the shell's working directory.
    """
    if path is None or str(path) == "":
        return default
    p = Path(path).expanduser()
    return p if p.is_absolute() else PROJECT_ROOT / p


def data_dir() -> Path:
    """The data folder the app reads (env IMAGING_PLAN_DATA_DIR overrides)."""
    return resolve(os.environ.get("IMAGING_PLAN_DATA_DIR"), DATA_DIR)


def forecasts_dir() -> Path:
    """The forecast folder the app reads (env IMAGING_PLAN_FORECASTS_DIR overrides)."""
    return resolve(os.environ.get("IMAGING_PLAN_FORECASTS_DIR"), FORECASTS_DIR)
