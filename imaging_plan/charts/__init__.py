"""Altair chart builders: pure functions of DataFrames, tested on `chart.data`, one module per domain.

Import the module a chart belongs to (`from imaging_plan.charts import staffing as staffing_charts`),
so a reader sees where each chart comes from:

- `common`: the palette, the integer year axis, number formats (`localized`), one-mark layers.
- `physicians`: history, trend, supply and need per specialty, and the yearly gap.
- `demand`: the demand index and the parts it multiplies.
- `inflow`: specialist inflow, shortfall and the resident pipeline.
- `staffing`: radiographers, bioengineers and secretaries per trust: FTEs, hires, turnover.
- `equipment`: replacements due, spending under a budget, the age profile, units needed.
- `quality`: the trends' backtest and the planning model's backcast.
- `overview`: the pages' small overview charts and the fans of the presets.
"""
