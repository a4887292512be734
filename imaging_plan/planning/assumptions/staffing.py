"""The staffing model's assumptions.

Turnover, planned FTEs, flags and per-trust differences (groups staff, staff_trusts).
"""

from __future__ import annotations


from imaging_plan.data import codes
from imaging_plan.planning.assumptions.base import Assumption
from imaging_plan.planning.assumptions.base import FTE_PER_PERSON_SOURCE


TURNOVER_SOURCE = (
    "Helse Vest RHF, 'Ekstern turnover' (https://www.helse-vest.no/helsefagleg/fem-topp-risiko/"
    "ekstern-turnover/): the yearly external turnover of the Western Norway hospital trusts' "
    "staff in all patient-facing posts was about 5.1 % from 2015 to 2021. The nearest public "
    "Norwegian figure found; the plan itself gives no turnover figures. Used for every role "
    "until the region's own HR data says otherwise."
)


# Role -> (bokmål, English) plural, for the turnover labels.
_ROLE_PLURALS = {
    "radiographer": ("radiografer", "radiographers"),
    "bioengineer": ("bioingeniører", "biomedical laboratory scientists"),
    "secretary": ("helsesekretærer", "medical secretaries"),
}


def _role_turnover(role: str) -> Assumption:
    nb, en = _ROLE_PLURALS[role]
    return Assumption(
        key=f"turnover_{role}_pct",
        label_nb=f"Turnover {nb} (%/år)",
        label_en=f"Turnover, {en} (%/year)",
        unit="%/year",
        default=5.1,
        min=0.0,
        max=25.0,
        step=0.1,
        group="staff",
        source=TURNOVER_SOURCE,
    )


def _trust_turnover(trust: str) -> Assumption:
    return Assumption(
        key=f"turnover_{trust.lower()}_pp",
        label_nb=f"{trust}: turnover over regionens (prosentpoeng)",
        label_en=f"{trust}: turnover above the region's (percentage points)",
        unit="percentage points",
        default=0.0,
        min=-5.0,
        max=10.0,
        step=0.1,
        group="staff_trusts",
        source=f"Assumption: 0 = {trust} has the regional turnover of each role. A trust's own "
        "HR figures can differ (the plan: recruitment is harder 'i distriktene', outside "
        "the cities); set the difference in points, added to every role's rate there.",
    )


STAFF = [
    *[_role_turnover(role) for role in codes.STAFF_ROLES],
    Assumption(
        key="turnover_rise_pp",
        label_nb="Økende turnover (prosentpoeng per år)",
        label_en="Rising turnover (percentage points per year)",
        unit="percentage points/year",
        default=0.0,
        min=0.0,
        max=2.0,
        step=0.1,
        group="staff",
        source="Assumption: 0 = today's turnover stays as it is. The plan asks the region to "
        "'følge med på bemanningssituasjonen inkludert tegn på økende turnover' (watch "
        "staffing, including signs of rising turnover); this adds the set points to every "
        "trust's and role's rate each year after the base year, to test that signal.",
    ),
    Assumption(
        key="staff_follow_trend",
        label_nb="Planlagte årsverk: 2 = arbeidsmengde, 1 = følg trenden, 0 = bruk målveksten",
        label_en="Planned FTEs: 2 = workload, 1 = follow the trend, 0 = use the target growth",
        unit="choice (2 = workload, 1 = trend, 0 = target growth)",
        default=2,
        min=0,
        max=2,
        step=1,
        group="staff",
        source="By default (2) each trust's radiographer FTEs grow with the workload of its "
        "exams (the activity projection x radiographer minutes per exam), from the "
        "base year's figure; bioengineers and secretaries follow their trend. 1: every series "
        "follows its own Prophet trend of Tabell 7 (2015-2025), anchored at the base year's "
        "figure. 0: the target growth below, the same for every trust and role.",
    ),
    Assumption(
        key="staff_target_growth_pct",
        label_nb="Målvekst i årsverk (%/år, når trenden ikke følges)",
        label_en="Target growth of FTEs (%/year, when not following the trend)",
        unit="%/year",
        default=0.0,
        min=-5.0,
        max=10.0,
        step=0.1,
        group="staff",
        source="Assumption: 0 = keep today's FTEs, so hires only replace leavers. Used when "
        "'Planned FTEs' is 0. For comparison, Tabell 7's radiographer FTEs grew from "
        "1,081 (2015) to 1,316 (2025), about 2.0 %/year.",
    ),
    Assumption(
        key="turnover_flag_pp",
        label_nb="Varsle når turnover stiger mer enn (prosentpoeng per år)",
        label_en="Flag when turnover rises faster than (percentage points per year)",
        unit="percentage points/year",
        default=0.5,
        min=0.1,
        max=3.0,
        step=0.1,
        group="staff",
        source="Assumption: a trust's turnover trend (the slope over the latest five years of "
        "its HR data, weighted by staff, and steeper than chance) above 0.5 points a year "
        "would take 5.1 % to about 10 % within a decade, which no plan could absorb "
        "unnoticed. Lower it to see earlier signs.",
    ),
    *[_trust_turnover(code) for code in codes.STAFF_TRUSTS],
    *[
        Assumption(
            key=f"fte_per_person_{role}",
            label_nb=f"Årsverk per person, {nb}",
            label_en=f"FTEs per person, {en}",
            unit="FTE/person",
            default=1.0,
            min=0.5,
            max=1.0,
            step=0.05,
            group="staff",
            source=FTE_PER_PERSON_SOURCE,
        )
        for role, (nb, en) in _ROLE_PLURALS.items()
    ],
    # Equipment replacement (group "equipment"), per modality where the plan's
    # tables are per modality. Keys: lifetime_ct_years, price_ct_mnok, growth_ct_pct, ...
]
