"""A planner's uploaded file: capped in size and rows, read from its bytes and validated like a data file."""

from __future__ import annotations

import io

import pandas as pd

from imaging_plan.data.inputs import is_excel, read_table
from imaging_plan.data.schemas import InputDataError

MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # 20 MB: far above any input (the largest shipped file is ~40 KB)
MAX_UPLOAD_ROWS = 100_000  # the register of a large region has a few thousand rows


def read_uploaded(name: str, content: bytes, label: str, sheet: str | None = None) -> pd.DataFrame:
    """Return the validated table `name` from an uploaded file's bytes, or raise InputDataError.

    CSV or Excel (.xlsx: the first sheet, or `sheet`). Nothing is written: the app
    validates a planner's file in memory before using it. Files over the size or row
    cap are refused before they are parsed further.
    """
    if len(content) > MAX_UPLOAD_BYTES:
        raise InputDataError(
            f"{label}: the file is {len(content) / 1e6:.1f} MB; the limit is "
            f"{MAX_UPLOAD_BYTES // (1024 * 1024)} MB per file."
        )
    return read_table(
        name, io.BytesIO(content), label, sheet=sheet, excel=is_excel(label, content), max_rows=MAX_UPLOAD_ROWS
    )
