"""The chain on screen: the Overview's line per link, and the physicians' workload beside Tabell 6.

The numbers are `views.chain`'s; this module only draws them.
"""

from __future__ import annotations

import streamlit as st

from imaging_plan.app.components import show_chart_data, show_table
from imaging_plan.charts import activity as activity_charts
from imaging_plan.i18n import t
from imaging_plan.views.chain import overview_part, physician_workload_part
from imaging_plan.views.snapshot import Snapshot


def overview_chain(snapshot: Snapshot) -> None:
    """Draw the chain on the Overview: a sentence, the implied-vs-counted ratios, one line per link."""
    lang = snapshot.lang
    try:
        chain = overview_part(snapshot)
    except (KeyError, ValueError) as err:  # data without the activity's tables: say so, draw the rest
        st.info(f"{t('ov_chain_title', lang)}: {err}")
        return
    st.subheader(t("ov_chain_title", lang))
    st.markdown(chain.sentence)
    st.caption(chain.caption)
    show_chart_data(activity_charts.chain_chart, chain.lines, lang=lang)


def physician_workload_section(snapshot: Snapshot) -> None:
    """Draw the workload's physicians beside Tabell 6 (a ratio, no factor) and which need method backcasts closer."""
    lang = snapshot.lang
    try:
        part = physician_workload_part(snapshot)
    except (KeyError, ValueError) as err:
        st.info(f"{t('phys_workload_title', lang)}: {err}")
        return
    st.subheader(t("phys_workload_title", lang))
    st.markdown(part.intro)
    show_table(part.table)
    st.caption(part.caption)
