"""The planning models: pure functions of (data, forecasts, assumptions) -> tables."""
