"""Workforce and equipment planning for diagnostic imaging in Helse Sør-Øst.

Fitting (Prophet) lives in `trends` and runs only in the notebooks, which store
the default line per family (`forecasting`);
planning modules are pure functions shared by the notebooks and the app.
"""

import os
import sys

# The series are a dozen yearly points: BLAS threads cannot help there, and on a shared
# 2-core machine they spin against other processes (statsmodels' Theta fit ran 10x slower).
# Takes effect when this package is imported before numpy, as in the notebooks.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

# Altair imports jsonschema, and jsonschema then imports rfc3987_syntax (installed for Jupyter's
# event schemas) only to check "iri" formats, which nothing here checks; that import builds a Lark
# grammar and took 1.3 s of every process drawing a chart: each replica, each notebook kernel.
# An entry of None makes that optional import fail at once, as if the package were absent.
sys.modules.setdefault("rfc3987_syntax", None)

__version__ = "0.1.0"
