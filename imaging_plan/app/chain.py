"""The chain on screen: the Overview's line per link, and the physicians' workload beside Tabell 6.

The numbers are `views.chain`'s; this module only draws them.
"""

from __future__ import annotations

import streamlit as st

from imaging_plan.app.components import show_chart_data
from imaging_plan.charts import activity as activity_charts
from imaging_plan.i18n import fmt_number, specialty_name, t
from imaging_plan.planning import workload
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
        implied, backcast = physician_workload_part(snapshot)
    except (KeyError, ValueError) as err:
        st.info(f"{t('phys_workload_title', lang)}: {err}")
        return
    st.subheader(t("phys_workload_title", lang))
    st.markdown(t("phys_workload_intro", lang, method=snapshot.scenario.get("need_method", "index")))
    shown = implied.assign(group=[specialty_name(g, lang) for g in implied["group"]]).rename(
        columns={
            "group": t("col_specialty", lang),
            "implied": t("col_implied", lang),
            "actual": t("col_counted", lang),
            "unmet": t("col_unmet", lang),
            "ratio": t("col_ratio", lang),
        }
    )
    st.dataframe(shown.round(2), hide_index=True, width="stretch")
    rows = backcast.set_index("method")
    st.caption(
        t(
            "phys_workload_backcast",
            lang,
            index=fmt_number(rows.loc["index", "modelled"], lang),
            workload=fmt_number(rows.loc["workload", "modelled"], lang),
            actual=fmt_number(rows.loc["index", "actual"], lang),
            default=workload.DEFAULT_NEED_METHOD,
        )
    )
