"""Whether an input's rows are illustrative (generated), as a page labels them, and which inputs changed since a
forecast was made. Both are read once per data version, not on every rerun."""

from __future__ import annotations

from imaging_plan.data.inputs import illustrative_files
from imaging_plan.views import cache
from imaging_plan.views.snapshot import Snapshot


def changed_inputs(snapshot: Snapshot, forecast_name: str) -> list[str]:
    """Return the input files whose content differs from when the stored forecast was made ([] without one)."""
    forecast = snapshot.forecast(forecast_name)
    if forecast is None:
        return []
    return cache.shared(  # the data's content version decides it: hashed once, not on every rerun
        "changed_inputs",
        (forecast_name, forecast.manifest["created_utc"], str(snapshot.data_dir), snapshot.data_version),
        lambda: forecast.changed_inputs(snapshot.data_dir),
    )


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
        and file not in changed_inputs(snapshot, forecast_name)
    ):
        return file in forecast.manifest["illustrative"]
    return cache.shared(
        "illustrative_file",
        (str(snapshot.data_dir), snapshot.data_version, file),
        lambda: file in illustrative_files(snapshot.data_dir, [file]),
    )
