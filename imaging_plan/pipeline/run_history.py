"""Compare the current forecasts with an earlier kept run: what changed, and whether data, parameters or code did.

A forecast name registers one headline function in HEADLINES: its stored tables in,
a few figures out (figure, label_nb, label_en, value). Forecasts without one are still
compared on their manifests. Runs are kept by `runs.snapshot_run`.
"""

from __future__ import annotations

from typing import Callable, Mapping

import pandas as pd

from imaging_plan.forecasting.backtesting import DEFAULT, FAMILIES, POOLED_METHODS
from imaging_plan.i18n import specialty_name, t
from imaging_plan.pipeline.store import Forecast

HEADLINE_COLUMNS = ["forecast", "figure", "label_nb", "label_en", "value"]


def _row(figure: str, key: str, value: float, named=lambda lang: {}, **values) -> dict:
    """A headline with its label in both languages; `named(lang)` gives the values written per language."""
    return {
        "figure": figure,
        "label_nb": t(key, "nb", **values, **named("nb")),
        "label_en": t(key, "en", **values, **named("en")),
        "value": float(value),
    }


def _specialty(code: str):
    return lambda lang: {"specialty": specialty_name(code, lang)}


def physician_headlines(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Return the gap and the default line of each specialty's total at the plan's horizon."""
    plan = tables["plan"]
    horizon = int(plan["year"].max())
    rows = []
    for _, r in plan[plan["year"] == horizon].iterrows():
        rows.append(
            _row(f"gap:{r['specialty']}:{horizon}", "headline_gap", r["gap"], _specialty(r["specialty"]), year=horizon)
        )
    trend = tables.get("trend")
    if trend is not None:
        at = trend[(trend["series"] == "total") & (trend["year"] == horizon)]
        for _, r in at.iterrows():
            rows.append(
                _row(
                    f"trend:{r['specialty']}:{horizon}",
                    "headline_default_trend",
                    r["trend"],
                    _specialty(r["specialty"]),
                    year=horizon,
                )
            )
    return pd.DataFrame(rows)


def backtest_headlines(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Return each method's pooled MASE, the series Prophet wins, and how often the intervals held.

    The default line's scores (pooled and per family) come along, so a later run shows
    whether the line the pages draw got more or less accurate.
    """
    pooled = tables["pooled"].set_index("method")
    rows = [
        _row(
            f"mase:{m}",
            "headline_mase",
            pooled.loc[m, "mase_all"],
            lambda lang, m=m: {"method": t(f"method_{m}", lang)},
        )
        for m in POOLED_METHODS
        if m in pooled.index
    ]
    if "prophet" in pooled.index:
        rows.append(_row("wins:prophet", "headline_prophet_wins", pooled.loc["prophet", "series_won"]))
        rows.append(_row("coverage:prophet", "headline_prophet_coverage", 100 * pooled.loc["prophet", "coverage"]))
    if DEFAULT in pooled.index:
        rows.append(_row(f"coverage:{DEFAULT}", "headline_default_coverage", 100 * pooled.loc[DEFAULT, "coverage"]))
    by_family = tables.get("pooled_by_family")
    if by_family is not None:
        own = by_family[by_family["method"] == DEFAULT].set_index("family")
        for family in [f for f in FAMILIES if f in own.index]:
            names = lambda lang, family=family: {"family": t(f"family_{family}", lang)}  # noqa: E731
            rows.append(
                _row(f"mase:{DEFAULT}:{family}", "headline_default_family_mase", own.loc[family, "mase_all"], names)
            )
            rows.append(
                _row(
                    f"coverage:{DEFAULT}:{family}",
                    "headline_default_family_coverage",
                    100 * own.loc[family, "coverage"],
                    names,
                )
            )
    return pd.DataFrame(rows)


# forecast name -> headline function; other forecasts add theirs here.
HEADLINES: dict[str, Callable[[Mapping[str, pd.DataFrame]], pd.DataFrame]] = {
    "physician_ftes": physician_headlines,
    "backtest_forecasts": backtest_headlines,
}


def headlines(forecasts: Mapping[str, Forecast]) -> pd.DataFrame:
    """Return the headline figures of every forecast that registered a headline function, in registry order."""
    frames = [
        function(forecasts[name].tables).assign(forecast=name)
        for name, function in HEADLINES.items()
        if name in forecasts
    ]
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=HEADLINE_COLUMNS)
    return pd.concat(frames, ignore_index=True)[HEADLINE_COLUMNS]


def compare_headlines(current: Mapping[str, Forecast], earlier: Mapping[str, Forecast]) -> pd.DataFrame:
    """Return each headline figure's earlier and current value and the change (missing where one run lacks it)."""
    now, before = headlines(current), headlines(earlier)
    keys = ["forecast", "figure"]
    merged = now.merge(before, on=keys, how="outer", suffixes=("", "_earlier"))
    # the registry's order (current run first), not the alphabet
    order = list(dict.fromkeys(zip(pd.concat([now, before])["forecast"], pd.concat([now, before])["figure"])))
    merged["_order"] = [order.index(k) for k in zip(merged["forecast"], merged["figure"])]
    merged = merged.sort_values("_order", ignore_index=True)
    for col in ("label_nb", "label_en"):
        merged[col] = merged[col].fillna(merged[f"{col}_earlier"])
    out = merged[keys + ["label_nb", "label_en"]].copy()
    out["earlier"] = merged["value_earlier"]
    out["current"] = merged["value"]
    out["change"] = out["current"] - out["earlier"]
    return out


def _changed_parameters(now: dict, before: dict) -> list[str]:
    return [
        f"{k}: {before.get(k)} → {now.get(k)}" for k in sorted(set(now) | set(before)) if now.get(k) != before.get(k)
    ]


def compare_runs(current: Mapping[str, Forecast], earlier: Mapping[str, Forecast]) -> pd.DataFrame:
    """Return per forecast whether its input data, parameters or code changed between the runs.

    Out: forecast, made_earlier, made_current, data_changed (the files whose hash differs),
    parameters_changed ('key: earlier → current'), code_changed.
    """
    rows = []
    for name in sorted(set(current) | set(earlier)):
        now = current[name].manifest if name in current else None
        before = earlier[name].manifest if name in earlier else None
        row = {
            "forecast": name,
            "made_earlier": before and before.get("created_utc"),
            "made_current": now and now.get("created_utc"),
        }
        if now is not None and before is not None:
            inputs_now, inputs_before = now.get("inputs", {}), before.get("inputs", {})
            row["data_changed"] = ", ".join(
                sorted(f for f in set(inputs_now) | set(inputs_before) if inputs_now.get(f) != inputs_before.get(f))
            )
            row["parameters_changed"] = "; ".join(
                _changed_parameters(now.get("parameters", {}), before.get("parameters", {}))
            )
            row["code_changed"] = now.get("code_sha256") != before.get("code_sha256")
        rows.append(row)
    return pd.DataFrame(
        rows, columns=["forecast", "made_earlier", "made_current", "data_changed", "parameters_changed", "code_changed"]
    )
