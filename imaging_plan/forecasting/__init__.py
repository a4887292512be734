"""Trends and their backtests: the only code that fits (Prophet lives in trends)."""
