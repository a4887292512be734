"""Workforce and equipment planning for diagnostic imaging in Helse Sør-Øst.

Fitting (Prophet) lives in `forecasting` and runs only in the notebooks;
planning modules are pure functions shared by the notebooks and the app.
"""

__version__ = "0.1.0"
