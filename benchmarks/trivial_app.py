"""The yardstick for the load test and the browser measurement: two URL-bound sliders and one metric.

Whatever Streamlit, the server, the websocket and the browser cost by themselves
shows here; the planning app's figures are read as a ratio to this page's.
"""

import streamlit as st

a = st.slider("a", 0.0, 10.0, 5.0, 0.1, key="a", bind="query-params")
b = st.slider("b", 0.0, 10.0, 5.0, 0.1, key="b", bind="query-params")
st.metric("a × b", f"{a * b:.2f}")
