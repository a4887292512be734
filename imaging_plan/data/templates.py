"""What each input file must hold, in words, and templates to fill.

The Data page reads the very schema the loader uses, so the page and the loader cannot disagree.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from imaging_plan.data.inputs import CROSS_CHECKS
from imaging_plan.data.schemas import TABLES


def _check_words(check: pa.Check) -> str:
    stats = check.statistics or {}
    if check.name == "isin":
        return "one of " + ", ".join(map(str, stats["allowed_values"]))
    if check.name == "in_range":
        return f"from {stats['min_value']} to {stats['max_value']}"
    if check.name == "greater_than_or_equal_to":
        bound = stats.get("min_value", 0)
        return "not negative" if bound == 0 else f"at least {bound}"
    if check.name == "whole_number":
        return "a whole number"
    return check.error or str(check.name)


def column_rules(name: str) -> pd.DataFrame:
    """Return one row per column of table `name`: its type, whether it is required, may be empty, and its rules.

    Derived from the pandera schema itself, so the Data page can never disagree with the loader.
    """
    spec = TABLES[name]
    rows = []
    for column, col in spec.columns.items():
        numeric = str(col.dtype).startswith(("float", "int"))
        kind = ("number" if numeric else "text") if column != "year" else "year"
        rows.append(
            {
                "column": column,
                "type": kind,
                "required": "yes" if col.required else "optional column",
                "may_be_empty": "yes" if col.nullable else "no",
                "in_key": "yes" if column in spec.key or column in spec.optional_key else "",
                "rule": "; ".join(_check_words(c) for c in col.checks) or "any text",
            }
        )
    return pd.DataFrame(rows)


def table_rules(name: str) -> list[str]:
    """Return the rules across a row or across rows of table `name`, in words."""
    spec = TABLES[name]
    rules = [
        f"each ({', '.join(spec.key)}) appears on one row only"
        + (f" (per {', '.join(spec.optional_key)} when that column is given)" if spec.optional_key else "")
    ]
    rules += [f"refused when: {c.error}" for c in spec.checks if c.error]
    if name == "physician_ftes":
        rules.append(
            "with a trust column, every trust reports the same (year, specialty, category) rows; "
            "the region's plan is their sum"
        )
    for needs, _, _blamed in CROSS_CHECKS:
        if name in needs:
            other = [TABLES[n].file for n in needs if n != name]
            rules.append(f"must agree with {', '.join(other)} (unit counts per owner and modality)")
    return rules


def template_frame(name: str, data_dir: Path) -> pd.DataFrame:
    """Return the rows a template offers: the data folder's file as it is, or just its header when absent."""
    path = Path(data_dir) / TABLES[name].file
    if path.exists():
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    columns = [c for c, col in TABLES[name].columns.items() if col.required]
    return pd.DataFrame(columns=columns)


def template_csv(name: str, data_dir: Path) -> bytes:
    """Return the CSV template of table `name` (the data folder's rows, to edit or replace)."""
    return template_frame(name, data_dir).to_csv(index=False).encode("utf-8")


def template_xlsx(name: str, data_dir: Path) -> bytes:
    """Return the Excel template: the rows on the first sheet (the one read), the rules on a second."""
    frame = template_frame(name, data_dir)
    numeric = [
        c for c, col in TABLES[name].columns.items() if str(col.dtype).startswith(("float", "int")) and c in frame
    ]
    for column in numeric:  # numbers as numbers, so Excel sums and sorts them
        frame[column] = pd.to_numeric(frame[column].replace("", None), errors="coerce")
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name=name[:31], index=False)
        column_rules(name).to_excel(writer, sheet_name="columns", index=False)
        pd.DataFrame({"rule": table_rules(name)}).to_excel(writer, sheet_name="rules", index=False)
    return buffer.getvalue()
