"""Whether an input's rows are illustrative (generated), as a page labels them."""

from __future__ import annotations

from imaging_plan.data.inputs import illustrative_files
from imaging_plan.views.snapshot import Snapshot


def is_illustrative(snapshot: Snapshot, forecast_name: str, file: str) -> bool:
    """Return whether input `file` holds illustrative (generated) rows, as the forecast's manifest records.

    The manifest is the record when it was made from the file as it is now; without a
    forecast, or when the file changed since, the file itself is read the same way.
    """
    forecast = snapshot.forecast(forecast_name)
    if (
        forecast is not None
        and "illustrative" in forecast.manifest
        and file in forecast.manifest.get("inputs", {})
        and file not in forecast.changed_inputs(snapshot.data_dir)
    ):
        return file in forecast.manifest["illustrative"]
    return file in illustrative_files(snapshot.data_dir, [file])
