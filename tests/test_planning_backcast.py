"""The planning models backcast: from an origin with only the data up to it, against what happened."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from imaging_plan import paths
from imaging_plan.planning import physicians
from imaging_plan.planning import planning_backcast as pb
from imaging_plan.data.inputs import load_inputs

SCENARIO = {
    "exit_rate_pct": 3.3,
    "training_years": 5,
    "resident_growth_pct": 0.0,
    "recruitment_window_years": 10,
    "staff_target_growth_pct": 0.0,
    "staff_follow_trend": 1,
}


@pytest.fixture(scope="module")
def shipped():
    return load_inputs(paths.DATA_DIR, ("physician_ftes", "staff_ftes"))[0]


def test_physicians_from_2020_without_recruitment_by_hand(shipped):
    # Tabell 6 radiology from 2020, residents held at 2020's: S(t) = 0.967 x S(t-1) + residents(t-5) / 5;
    # total = specialists + residents(2020). The issue read it as 498 specialists and 625 FTEs in 2025.
    ftes = shipped["physician_ftes"]
    rad = ftes[ftes["specialty"] == "radiology"]
    s = rad[rad["category"] != "resident"].groupby("year")["fte"].sum()
    r = rad[rad["category"] == "resident"].groupby("year")["fte"].sum()
    specialists = s[2020]
    for year in range(2021, 2026):
        specialists = specialists * (1 - 0.033) + r[year - 5] / 5
    out = pb.physician_backcast(ftes, [2020], SCENARIO)
    row = out[(out["series"] == "radiology") & (out["variant"] == "without_recruitment") & (out["year"] == 2025)]
    assert round(specialists) == 498 and round(specialists + r[2020]) == 625
    assert row["modelled"].iloc[0] == pytest.approx(specialists + r[2020])
    assert row["actual"].iloc[0] == 654
    assert row["error_pct"].iloc[0] == pytest.approx(100 * (specialists + r[2020] - 654) / 654)


def test_recruitment_is_recalibrated_on_the_years_up_to_the_origin_only(shipped):
    ftes = shipped["physician_ftes"]
    out = pb.physician_backcast(ftes, [2018], SCENARIO)
    rad = out[out["series"] == "radiology"].pivot(index="year", columns="variant", values="modelled")
    # The with-recruitment line differs from the without line by the recruitment flow alone, kept
    # through exits: after n years, r x (1 - (1 - e)^n) / e.
    rec = pb.recruitment.calibrated_fte(
        physicians.histories(ftes[ftes["year"] <= 2018])["radiology"],
        SCENARIO["recruitment_window_years"],
        3.3,
        5,
    )
    n = np.arange(1, 8)
    assert np.allclose((rad["with_recruitment"] - rad["without_recruitment"]).to_numpy(), rec * (1 - 0.967**n) / 0.033)
    # Data after the origin cannot move it: change 2019-2025 and the modelled lines stay.
    later = ftes.assign(fte=np.where(ftes["year"] > 2018, ftes["fte"] * 2, ftes["fte"]))
    again = pb.physician_backcast(later, [2018], SCENARIO)
    assert np.allclose(again["modelled"], out["modelled"])
    assert not np.allclose(again["actual"], out["actual"])


def test_columns_origins_and_the_staff_target_growth_variant(shipped):
    assert pb.origins(range(2015, 2026), 2018) == list(range(2018, 2025))
    staff = pb.staff_backcast(shipped["staff_ftes"], [2020], SCENARIO, None)
    assert list(staff.columns) == pb.COLUMNS and set(staff["variant"]) == {"target_growth"}
    radiographers = staff[staff["series"] == "radiographer"].set_index("year")
    # Held flat: every later year is the 2020 figure of the same (complete) series.
    assert radiographers["modelled"].nunique() == 1
    assert np.allclose(radiographers["error"], radiographers["modelled"] - radiographers["actual"])


def test_staff_trend_variant_uses_the_trend_it_is_given(shipped):
    def rising(history, horizon):
        # A stand-in trend: every series grows 10 FTEs a year from its last observed figure.
        frames = []
        for (role, trust), rows in history.groupby(["role", "trust"]):
            last = rows.dropna(subset=["fte"]).sort_values("year").iloc[-1]
            years = np.arange(int(last["year"]), horizon + 1)
            trend = last["fte"] + 10 * (years - last["year"])
            frames.append(
                pd.DataFrame(
                    {
                        "role": role,
                        "trust": trust,
                        "year": years,
                        "trend": trend,
                        "trend_lower": trend,
                        "trend_upper": trend,
                        "method": "test",
                    }
                )
            )
        return pd.concat(frames, ignore_index=True)

    out = pb.staff_backcast(shipped["staff_ftes"], [2020], SCENARIO, rising)
    wide = out[out["series"] == "radiographer"].pivot(index="year", columns="variant", values="modelled")
    status = pb.staffing.series_status(shipped["staff_ftes"])
    series = ((status["role"] == "radiographer") & (status["status"] == "complete")).sum()
    assert np.allclose(wide["trend"] - wide["target_growth"], 10 * series * (wide.index - 2020))
