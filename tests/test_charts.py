"""Chart builders, tested on the data they draw and the spec they produce."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from imaging_plan.planning import assumptions, physicians
from imaging_plan.charts import demand as demand_charts
from imaging_plan.charts import overview as overview_charts
from imaging_plan.charts import physicians as physician_charts
from imaging_plan.charts import quality as quality_charts
from imaging_plan.charts import staffing as staffing_charts
from imaging_plan.charts.common import PALETTE, localized


@pytest.fixture(scope="module")
def plan(shipped_tables):
    return physicians.physician_plan(shipped_tables, assumptions.defaults(shipped_tables))


def _trend():
    years = range(2015, 2051)
    return pd.DataFrame(
        {
            "specialty": "radiology",
            "series": "total",
            "year": list(years),
            "fte": None,
            "trend": [500.0] * 36,
            "trend_lower": [450.0] * 36,
            "trend_upper": [550.0] * 36,
        }
    )


def test_physician_lines_hold_history_trend_supply_and_need_in_integer_years(shipped_ftes, plan):
    lines = physician_charts.physician_lines("radiology", shipped_ftes, _trend(), plan, "en")
    assert set(lines["series"]) == {"History (Tabell 6)", "Trend (the default line, 80 % band)", "Supply", "Need"}
    assert pd.api.types.is_integer_dtype(lines["year"])
    history = lines[lines["series"] == "History (Tabell 6)"].set_index("year")["fte"]
    assert history[2015] == 445 and history[2025] == 654  # Tabell 6 totals
    trend = lines[lines["series"].str.startswith("Trend")]
    assert trend["year"].max() == 2040  # cut at the plan's horizon, not the stored 2050


def test_physician_lines_without_trend_still_draw_the_plan(shipped_ftes, plan):
    lines = physician_charts.physician_lines("nuclear_medicine", shipped_ftes, None, plan, "nb")
    assert set(lines["series"]) == {"Historikk (Tabell 6)", "Tilbud", "Behov"}


def test_physician_chart_is_a_valid_spec_with_the_palette_and_a_band(shipped_ftes, plan):
    lines = physician_charts.physician_lines("radiology", shipped_ftes, _trend(), plan, "en")
    chart = physician_charts.physician_chart(lines, "Radiology", "en")
    spec = chart.to_dict()  # validates against the Vega-Lite schema
    text = str(spec)
    assert "'mark': {'type': 'area'" in text and PALETTE["blue"] in text
    assert "'format': 'd'" in text  # years drawn as integers


def test_gap_chart_colours_shortage_and_surplus(plan):
    chart = physician_charts.gap_chart(plan, "radiology", "nb")
    data = chart.data
    assert set(data["kind"]) <= {"Mangel", "Overskudd"}
    assert (data.loc[data["gap"] > 0, "kind"] == "Mangel").all()
    chart.to_dict()


@pytest.mark.parametrize("lang,decimal", [("nb", ","), ("en", ".")])
def test_localized_spec_carries_the_number_format(plan, lang, decimal):
    spec = localized(physician_charts.gap_chart(plan, "radiology", lang), lang)
    assert spec["config"]["locale"]["number"]["decimal"] == decimal


# --- Staffing charts -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def staff():
    from imaging_plan.forecasting import default_lines
    from imaging_plan.planning import staffing
    from imaging_plan.data.inputs import load_table
    from imaging_plan.paths import DATA_DIR

    ftes = load_table("staff_ftes", DATA_DIR)
    # drift trends (no Prophet needed), with a made-up band so the band layer is drawn
    trend = default_lines.series_trends(
        staffing.trend_input(ftes), ["role", "trust"], "fte", 2050, min_prophet_points=99
    )
    trend["trend_lower"], trend["trend_upper"] = trend["trend"] - 5, trend["trend"] + 5
    scenario = assumptions.resolve({}, {}, ("general", "staff", "staff_trusts"))
    plan = staffing.staff_plan(ftes, trend, scenario)
    status = staffing.series_status(ftes)
    hr = load_table("staff_turnover", DATA_DIR)
    return {
        "ftes": ftes,
        "trend": trend,
        "plan": plan,
        "status": status,
        "totals": staffing.plan_totals(plan, status),
        "regional": staffing.regional_history(ftes),
        "band": staffing.anchored_trend(ftes, trend, 2040),
        **staffing.turnover_tables(hr, 0.5),
    }


def test_staff_region_lines_join_history_trend_and_plan_in_integer_years(staff):
    lines = staffing_charts.staff_region_lines("radiographer", staff["regional"], staff["trend"], staff["totals"], "en")
    assert set(lines["series"]) == {"History (Tabell 7)", "Trend (the default line, 80 % band)", "Planned FTEs"}
    assert pd.api.types.is_integer_dtype(lines["year"])
    history = lines[lines["series"] == "History (Tabell 7)"].set_index("year")["fte"]
    assert history[2015] == 1081 and history[2025] == 1316
    planned = lines[lines["series"] == "Planned FTEs"]
    assert planned["year"].min() == 2025 and planned["year"].max() == 2040  # starts at the printed figure
    spec = staffing_charts.staff_region_chart(lines, "Radiographers", "en").to_dict()
    assert "'mark': {'type': 'area'" in str(spec)


def test_staff_trust_lines_draw_the_band_on_the_plan_only(staff):
    lines = staffing_charts.staff_trust_lines(
        "radiographer", staff["ftes"], staff["band"], staff["plan"], ["OUS", "STHF"], "nb"
    )
    assert set(lines["trust"]) == {"OUS", "STHF"}
    history = lines[lines["kind"] == "Historikk (Tabell 7)"]
    assert history["lower"].isna().all() and history["year"].max() == 2025
    planned = lines[(lines["kind"] == "Planlagte årsverk") & (lines["year"] > 2025)]
    assert (planned["lower"] <= planned["fte"]).all() and (planned["fte"] <= planned["upper"]).all()
    spec = staffing_charts.staff_trust_chart(lines, "x", "nb").to_dict()
    colours = spec["layer"][1]["encoding"]["color"]["scale"]
    assert colours["domain"] == ["OUS", "STHF"]
    assert colours["range"] == [PALETTE["orange"], PALETTE["vermillion"]]  # fixed per trust


def test_staff_hires_data_stack_to_the_plan_sum(staff):
    data = staffing_charts.staff_hires_data(staff["plan"], "radiographer", ["AHUS", "OUS"])
    plan = staff["plan"]
    expected = plan[(plan["role"] == "radiographer") & plan["trust"].isin(["AHUS", "OUS"])]
    assert data.groupby("year")["hires_needed"].sum().tolist() == pytest.approx(
        expected.groupby("year")["hires_needed"].sum().tolist()
    )
    staffing_charts.staff_hires_chart(data, "x", "en").to_dict()


def test_staff_turnover_data_marks_only_the_latest_year_of_flagged_series(staff):
    flags = staff["turnover_flags"]
    data = staffing_charts.staff_turnover_data(
        staff["turnover_history"], flags, "radiographer", list(flags["trust"]), 5.1, "en"
    )
    flagged = flags[(flags["role"] == "radiographer") & flags["flag"]]
    marked = data[data["flagged"]]
    assert set(zip(marked["trust"], marked["year"])) == set(zip(flagged["trust"], flagged["latest_year"]))
    assert (data["assumed"] == 5.1).all()
    spec = localized(staffing_charts.staff_turnover_chart(data, "ILLUSTRATIVE DATA: x", "en"), "en")
    assert len(spec["datasets"]) == 1  # one dataset, so a page can swap the numbers in
    assert "ILLUSTRATIVE" in str(spec["title"])


def test_switched_trend_keeps_its_colour_under_its_own_name(shipped_ftes, plan):
    lines = physician_charts.physician_lines(
        "radiology", shipped_ftes, _trend(), plan, "en", trend_label="Trend (naive)"
    )
    assert "Trend (naive)" in set(lines["series"]) and "Trend (the default line, 80 % band)" not in set(lines["series"])
    domain = physician_charts.physician_chart(lines, "Radiology", "en").to_dict()["layer"][1]["encoding"]["color"]
    assert domain["scale"]["domain"][1] == "Trend (naive)"


def _backtest():
    series = pd.DataFrame(
        {"series_id": "s:a", "family": "staff", "year": range(2015, 2023), "value": [1.0, 2, 3, 4, 5, 6, 7, 8]}
    )
    forecasts = pd.DataFrame(
        {
            "series_id": "s:a",
            "method": ["naive", "naive", "theta"],
            "origin": [2020, 2020, 2021],
            "year": [2021, 2022, 2022],
            "forecast": [6.0, 6.0, 7.5],
            "lower": [5.0, 4.0, 7.0],
            "upper": [7.0, 8.0, 8.0],
        }
    )
    return series, forecasts


def test_backtest_lines_start_each_forecast_at_its_origins_actual():
    series, forecasts = _backtest()
    lines = quality_charts.backtest_lines(series, forecasts, "s:a", ["naive", "theta"], "en")
    assert set(lines["line"]) == {"Actual", "Naive", "Theta"}
    naive = lines[lines["method"] == "naive"]
    assert naive["year"].tolist() == [2020, 2021, 2022] and naive["value"].tolist() == [6.0, 6.0, 6.0]
    theta = lines[lines["method"] == "theta"]
    assert theta["year"].tolist() == [2021, 2022] and theta["value"].tolist() == [7.0, 7.5]  # 2021 actual = 7
    assert len(lines[lines["method"] == "actual"]) == 8 and pd.api.types.is_integer_dtype(lines["year"])


def test_backtest_chart_colours_each_method_and_draws_bands():
    series, forecasts = _backtest()
    lines = quality_charts.backtest_lines(series, forecasts, "s:a", ["naive"], "nb")
    chart = quality_charts.backtest_chart(lines, "A", "nb")
    spec = chart.to_dict()  # validates against the Vega-Lite schema
    band, line, actual = spec["layer"]
    scale = line["encoding"]["color"]["scale"]
    assert scale["domain"] == ["Faktisk", "Naiv"] and scale["range"] == ["#000000", PALETTE["orange"]]
    assert band["mark"] == {"type": "area", "opacity": 0.12, "color": PALETTE["orange"]}
    assert "color" not in band["encoding"] and line["encoding"]["color"]["legend"]["orient"] == "top"


def _without_data(chart) -> dict:
    spec = chart.to_dict()
    spec.pop("datasets", None)
    spec.pop("data", None)
    return spec


def test_gap_bars_take_the_x_range_from_their_argument_so_a_shared_spec_fits_any_numbers(plan):
    gaps = physician_charts.gap_data(plan, "radiology", "nb")
    spec = physician_charts.gap_bars(gaps, "nb", years=(2026, 2045)).to_dict()
    assert spec["encoding"]["x"]["scale"]["domain"] == [2025.5, 2045.5]
    other = gaps.assign(gap=-gaps["gap"])
    assert _without_data(physician_charts.gap_bars(other, "nb", years=(2026, 2045))) == _without_data(
        physician_charts.gap_bars(gaps, "nb", years=(2026, 2045))
    )


def _fan(shift: float, panels=("Radiologi",)) -> pd.DataFrame:
    lines = {
        k: pd.DataFrame(
            [{"panel": p, "year": y, "value": base + shift + y - 2030} for p in panels for y in (2030, 2031)]
        )
        for k, base in (("baseline", 1.0), ("low", 0.0), ("high", 2.0), ("yours", 1.5))
    }
    return overview_charts.fan_lines(lines, {k: k for k in lines})


@pytest.mark.parametrize("panels", [("Radiologi",), ("Radiologi", "Nukleærmedisin")])
def test_fan_chart_spec_reads_no_value_of_its_data(panels):
    series = ("baseline", "low", "high", "yours")
    one = overview_charts.fan_chart(_fan(0.0, panels), "Gap", "FTEs", "en", series=series, panels=panels)
    two = overview_charts.fan_chart(_fan(50.0, panels), "Gap", "FTEs", "en", series=series, panels=panels)
    assert _without_data(one) == _without_data(two)
    spec = localized(one, "en")
    assert ("facet" in spec) == (len(panels) > 1)  # one small chart per panel, each on its own y scale
    colours = spec["spec"]["layer"][1] if "facet" in spec else spec["layer"][1]
    assert colours["encoding"]["color"]["scale"]["range"] == [
        PALETTE[c] for c in ("black", "blue", "vermillion", "orange")
    ]


def test_demand_index_lines_hold_each_part_and_the_product(shipped_tables):
    scenario = {**assumptions.defaults(shipped_tables), "ai_gain_pct": 10.0}
    need = physicians.physician_need(shipped_tables, scenario)
    lines = demand_charts.demand_index_lines(need, "en")
    assert set(lines["part"]) == {"Demography", "Use per person", "AI (productivity)", "Demand index (the product)"}
    wide = lines.pivot(index="year", columns="part", values="factor")
    product = wide["Demography"] * wide["Use per person"] * wide["AI (productivity)"]
    assert (product - wide["Demand index (the product)"]).abs().max() < 1e-12
    assert pd.api.types.is_integer_dtype(lines["year"]) and wide.loc[2025].eq(1).all()
    demand_charts.demand_index_chart(lines, "en").to_dict()  # validates against the Vega-Lite schema


def test_backcast_lines_draw_the_actual_once_and_each_origin_and_variant():
    backcast = pd.DataFrame(
        {
            "origin": [2020, 2020, 2020, 2020],
            "family": "physicians",
            "series": "radiology",
            "year": [2021, 2022, 2021, 2022],
            "modelled": [600.0, 610.0, 590.0, 595.0],
            "actual": [605.0, 620.0, 605.0, 620.0],
            "error": 0.0,
            "error_pct": 0.0,
            "variant": ["with_recruitment", "with_recruitment", "without_recruitment", "without_recruitment"],
        }
    )
    lines = quality_charts.backcast_lines(backcast, "radiology", "en")
    assert lines[lines["line"] == "Actual (Tabell 6)"]["fte"].tolist() == [605.0, 620.0]
    assert set(lines["line"]) == {"Actual (Tabell 6)", "From 2020, with recruitment", "From 2020, without recruitment"}
    spec = quality_charts.backcast_chart(lines, "Radiology", "en").to_dict()
    assert spec["encoding"]["color"]["scale"]["range"][0] == PALETTE["black"]
    # With Tabell 6 the actual line covers the data and each modelled line starts at its origin's figure.
    history = pd.DataFrame({"year": [2019, 2020, 2020], "specialty": "radiology", "fte": [580.0, 500.0, 100.0]})
    full = quality_charts.backcast_lines(backcast, "radiology", "en", history)
    assert full[full["line"] == "Actual (Tabell 6)"].set_index("year")["fte"].to_dict() == {2019: 580.0, 2020: 600.0}
    start = full[(full["line"] == "From 2020, with recruitment")].set_index("year")["fte"]
    assert start.to_dict() == {2020: 600.0, 2021: 600.0, 2022: 610.0}


# --- the package's layout: charts read codes and text, never a planning module ------------------------


def test_a_chart_spec_is_cached_under_its_builders_module_and_name(monkeypatch):
    from imaging_plan.app import components

    keys = []
    monkeypatch.setattr(components.cache, "shared", lambda kind, key, build: keys.append((kind, key)) or build())
    monkeypatch.setattr(components.st, "vega_lite_chart", lambda *args, **kwargs: None)
    gaps = pd.DataFrame({"year": [2026, 2027], "gap": [1.0, -1.0], "kind": ["Mangel", "Overskudd"]})
    components.show_chart_data(physician_charts.gap_bars, gaps, lang="nb", years=(2026, 2027))

    def gap_bars(own, lang, years):  # the same name in another module: another chart
        return physician_charts.gap_bars(own, lang, years)

    gap_bars.__module__ = "elsewhere"
    components.show_chart_data(gap_bars, gaps, lang="nb", years=(2026, 2027))
    (kind, first), (_, second) = keys
    assert kind == "chart_spec" and first[:2] == ("imaging_plan.charts.physicians", "gap_bars")
    assert second[0] == "elsewhere" and second[1].endswith(".gap_bars") and first != second


def test_drawing_a_shared_chart_spec_leaves_it_as_built(monkeypatch):
    import json

    import altair as alt

    from imaging_plan.app import components

    store, as_built = {}, {}

    def shared(kind, key, build):
        if key not in store:
            store[key] = build()
            as_built[key] = json.dumps(store[key], sort_keys=True)
        return store[key]

    monkeypatch.setattr(components.cache, "shared", shared)

    def untitled_legend(data, lang):  # a null legend title: Streamlit rewrites it when drawn
        return (
            alt.Chart(data)
            .mark_line()
            .encode(x="year:O", y="gap:Q", color=alt.Color("kind:N", legend=alt.Legend(title=None)))
        )

    def untitled_colour(data, lang):
        return alt.Chart(data).mark_line().encode(x="year:O", y="gap:Q", color=alt.Color("kind:N", title=None))

    gaps = pd.DataFrame({"year": [2026, 2027], "gap": [1.0, -1.0], "kind": ["Mangel", "Overskudd"]})
    for _ in range(2):  # two reruns draw the shared specs
        for builder in (untitled_legend, untitled_colour):
            components.show_chart_data(builder, gaps, lang="nb")
    assert len(store) == 2
    assert {key: json.dumps(spec, sort_keys=True) for key, spec in store.items()} == as_built


def test_a_drawn_frame_is_converted_to_arrow_once_and_forgotten_with_it(monkeypatch):
    import gc

    from imaging_plan.app import components

    sent = []
    monkeypatch.setattr(components.st, "vega_lite_chart", lambda data, spec, **kwargs: sent.append(data))
    gaps = pd.DataFrame({"year": [2026, 2027], "gap": [1.0, -1.0], "kind": ["Mangel", "Overskudd"]})
    for _ in range(2):  # two reruns drawing the cached view's frame
        components.show_chart_data(physician_charts.gap_bars, gaps, lang="nb", years=(2026, 2027))
    assert sent[0] is sent[1] and sent[0].column("gap").to_pylist() == [1.0, -1.0]
    other = gaps.assign(gap=[2.0, -2.0])  # another frame: its own numbers
    components.show_chart_data(physician_charts.gap_bars, other, lang="nb", years=(2026, 2027))
    assert sent[2].column("gap").to_pylist() == [2.0, -2.0]
    key = id(gaps)
    del gaps, sent[:]
    gc.collect()
    assert key not in components._DERIVED


def test_a_table_localizes_its_decimal_columns_only_and_is_converted_once(monkeypatch):
    from imaging_plan.app import components

    drawn = []
    monkeypatch.setattr(components.st, "dataframe", lambda data, **kwargs: drawn.append((data, kwargs)))
    table = pd.DataFrame({"År": [2035, 2040], "Enheter": [3, 4], "Kostnad (MNOK)": [1.25, 2.5]})
    for _ in range(2):  # two reruns drawing the cached view's table
        components.show_table(table)
    (first, options), (second, _) = drawn
    assert first is second and first.column("År").to_pylist() == [2035, 2040]
    assert list(options["column_config"]) == ["Kostnad (MNOK)"]  # a localized year would read "2 035"
    components.show_table(table, ["Enheter"])  # a page may name its number columns
    assert list(drawn[-1][1]["column_config"]) == ["Enheter"]


def test_a_csv_download_is_written_when_clicked_rounded_and_marked_illustrative(monkeypatch):
    from imaging_plan.app import components
    from imaging_plan.views.reports import ILLUSTRATIVE_COLUMN

    offered = {}
    monkeypatch.setattr(components.st, "download_button", lambda label, data, **kwargs: offered.update(data=data))
    plan = pd.DataFrame({"year": [2040], "units": [1.23456]})
    components.download_csv(plan, "CSV", "plan.csv", "key", illustrative="Illustrerende", decimals=3)
    assert callable(offered["data"])  # nothing written on the rerun itself
    written = pd.read_csv(io.BytesIO(offered["data"]()))
    assert list(written.columns) == [ILLUSTRATIVE_COLUMN, "year", "units"]
    assert written[ILLUSTRATIVE_COLUMN].tolist() == ["Illustrerende"] and written["units"].tolist() == [1.235]
    assert list(plan.columns) == ["year", "units"] and plan["units"].tolist() == [1.23456]
    components.download_csv(plan, "CSV", "plan.csv", "key")
    assert pd.read_csv(io.BytesIO(offered["data"]()))["units"].tolist() == [1.23456]


def test_a_process_drawing_charts_does_not_build_the_iri_grammar():
    """imaging_plan blocks jsonschema's optional rfc3987_syntax (1.3 s at import); Altair still validates specs."""
    import subprocess
    import sys

    code = (
        "import sys, imaging_plan, altair as alt, pandas as pd\n"
        "alt.Chart(pd.DataFrame({'a': [1]})).mark_point().encode(x='a:Q').to_dict()\n"
        "try:\n"
        "    alt.Chart(pd.DataFrame({'a': [1]})).mark_point().encode(x=alt.X('a:Q', bin='no')).to_dict()\n"
        "except Exception:\n"
        "    print('invalid spec refused')\n"
        "print(sys.modules.get('rfc3987_syntax') is None)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["invalid", "spec", "refused", "True"]


def _year_scales(spec):
    """Yield the scale of every x encoding of `year` in a Vega-Lite spec, however nested."""
    if isinstance(spec, dict):
        x = spec.get("encoding", {}).get("x")
        if isinstance(x, dict) and x.get("field") == "year":
            yield x.get("scale", {})
        for value in spec.values():
            yield from _year_scales(value)
    elif isinstance(spec, list):
        for value in spec:
            yield from _year_scales(value)


@pytest.mark.parametrize("panels", [("Radiologi",), ("Radiologi", "Nukleærmedisin")])
def test_a_fan_ends_its_year_axis_at_its_last_year(panels):
    """A horizon of 2043 drew an axis to 2044: Vega rounds a `nice` scale out to a round year."""
    series = ("baseline", "low", "high", "yours")
    spec = localized(
        overview_charts.fan_chart(_fan(0.0, panels), "Gap", "FTEs", "en", series=series, panels=panels), "en"
    )
    scales = list(_year_scales(spec))
    assert scales and all(scale.get("nice") is False for scale in scales)
