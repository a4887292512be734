"""Entry point of the Streamlit app: `streamlit run app.py` (or `make app`).

Thin on purpose: the shell in the package builds the sidebar and navigation.
"""

from imaging_plan.app.shell import main

main()
