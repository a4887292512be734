"""Building forecasts: the notebook runner, the forecast store, run history, serving."""
