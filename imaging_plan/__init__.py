"""Workforce and equipment planning for diagnostic imaging in Helse Sør-Øst.

Fitting (Prophet) lives in `trends` and runs only in the notebooks, which store
the default line per family (`forecasting`);
planning modules are pure functions shared by the notebooks and the app.
"""

import os

# The series are a dozen yearly points: BLAS threads cannot help there, and on a shared
# 2-core machine they spin against other processes (statsmodels' Theta fit ran 10x slower).
# Takes effect when this package is imported before numpy, as in the notebooks.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"
