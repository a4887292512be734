"""The default scenario's headline figures, the same before and after a change to the code's structure.

`tests/golden/headlines_default.json` was written by `headline_figures` below on the shipped data
and the fast forecasts (notebooks 00-04), before the app's computations moved into `views/`. A
refactor must leave every figure a board member reads where it was: the overview's headlines and
decisions in both languages, the LiS figures and the activity chain. A change that is meant to move
a figure rewrites the file in the same commit, and says why (`python tests/test_headline_figures.py`).
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden" / "headlines_default.json"


def headline_figures(forecasts_dir: Path) -> dict:
    """Return the board's figures at the default scenario: labels to the values as shown."""
    from imaging_plan.app import overview_page, state
    from imaging_plan.app.shell import snapshot_for
    from imaging_plan.views import chain

    figures: dict = {"headlines": {}, "decisions": [], "lis": {}}
    for lang in ("nb", "en"):
        state.clear()
        snapshot = snapshot_for(lang, forecasts_dir=forecasts_dir)
        view = overview_page.compute(snapshot)
        for section in view.sections:
            for h in section.headlines:
                figures["headlines"][f"{lang} | {section.title} | {h.label}"] = h.value
        for d in view.decisions:
            figures["decisions"].append([lang, d.topic, d.by_year, round(d.number, 6), d.sentence])
        for h in view.lis:
            figures["lis"][f"{lang} | {h.label}"] = h.value
    table = chain.chain_table(snapshot_for("nb", forecasts_dir=forecasts_dir))
    figures["chain"] = json.loads(table.round(6).to_json(orient="records"))
    return figures


def _same(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return (a is None and b is None) or (
            a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)
        )
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


@pytest.mark.slow
def test_the_default_scenarios_headline_figures_are_unchanged(built_forecasts):
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    found = json.loads(json.dumps(headline_figures(built_forecasts)))
    for part in ("headlines", "lis", "decisions", "chain"):
        assert _same(found[part], expected[part]), f"{part}: {found[part]} != {expected[part]}"


if __name__ == "__main__":  # python tests/test_headline_figures.py FORECASTS_DIR: rewrite the golden file
    GOLDEN.write_text(json.dumps(headline_figures(Path(sys.argv[1])), indent=1, ensure_ascii=False) + "\n")
