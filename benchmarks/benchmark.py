"""Speed and memory figures for the README: `make benchmark` (not a test; nothing here fails on time).

Prints, on this machine:
- the wall time of each forecast notebook run through the runner (papermill, fresh kernel),
  and of the whole run;
- for each app page, the cold first load and the median rerun after a slider move
  (Streamlit AppTest, the same script a browser session runs, without the network);
- the peak memory (max RSS) of this process and of the notebook kernels.

Budgets on the 2-core machine: rerun under 150 ms median, physician notebook under 20 s.
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from imaging_plan import paths
from imaging_plan.pipeline import runner

RERUNS = 15

# page url -> (slider key, values to move it through). Fifteen different values each: results are
# shared per scenario (app/state.py), so a value that repeats would time a cache hit. The overview
# and the quality page draw only the general assumptions.
SLIDER_MOVES = {
    "overview": ("horizon", [y for y in range(2026, 2042) if y != 2040]),
    "physicians": ("exit_rate_pct", [round(2.0 + 0.1 * i, 1) for i in range(16) if i != 13]),
    "inflow": ("region_share_pct", [float(v) for v in range(40, 55)]),
    "staffing": ("turnover_rise_pp", [round(0.1 * i, 1) for i in range(1, 16)]),
    "equipment": ("lifetime_mr_years", [y for y in range(5, 21) if y != 10]),
    "quality": ("horizon", [y for y in range(2026, 2042) if y != 2040]),
}


def time_exports(forecasts: Path) -> tuple[float, float]:
    """Return the seconds to build the board PDF and the Excel workbook for the default scenario."""
    from imaging_plan.app import overview_page
    from imaging_plan.app.shell import snapshot_for
    from imaging_plan.views import exports

    snapshot = snapshot_for("nb", forecasts_dir=forecasts)
    found = overview_page.compute(snapshot).sections
    started = time.perf_counter()
    exports.pdf_bytes(snapshot, found)
    pdf = time.perf_counter() - started
    started = time.perf_counter()
    overview_page.excel_bytes(snapshot, found)
    return pdf, time.perf_counter() - started


def time_notebooks(output_dir: Path) -> dict[str, float]:
    times = {}
    for notebook in runner.notebooks():
        started = time.perf_counter()
        code = runner.run_all(only=[notebook.stem], output_dir=output_dir, progress=False, out=open(os.devnull, "w"))
        times[notebook.name] = time.perf_counter() - started
        if code != 0:
            raise SystemExit(f"{notebook.name} failed; see {output_dir / '_runs'}")
    return times


def time_page(url: str, slider: str, values: list[float], forecasts: Path) -> tuple[float, float]:
    os.environ["IMAGING_PLAN_FORECASTS_DIR"] = str(forecasts)
    at = AppTest.from_file(str(paths.PROJECT_ROOT / "app.py"), default_timeout=120)
    if url != "overview":  # the landing page needs no selection
        at._page_hash = calc_hash(url)  # callable pages are keyed by the hash of their url_path
    started = time.perf_counter()
    at.run()
    cold = time.perf_counter() - started
    if at.exception:
        raise SystemExit(f"page {url} raised: {at.exception[0].value}")
    reruns = []
    for i in range(RERUNS):
        at.slider(key=slider).set_value(values[i % len(values)])
        started = time.perf_counter()
        at.run()
        reruns.append(time.perf_counter() - started)
    return cold, statistics.median(reruns)


def main() -> int:
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        started = time.perf_counter()
        times = time_notebooks(out)
        total = time.perf_counter() - started
        for name, seconds in times.items():
            print(f"notebook {name}: {seconds:.1f} s")
        print(f"whole forecast run: {total:.1f} s")
        for url, (slider, values) in SLIDER_MOVES.items():
            cold, median = time_page(url, slider, values, out)
            print(
                f"page {url}: cold load {cold * 1000:.0f} ms, median rerun after a slider move "
                f"{median * 1000:.0f} ms ({RERUNS} moves)"
            )
        pdf, excel = time_exports(out)
        print(f"board summary PDF build: {pdf * 1000:.0f} ms; Excel workbook: {excel * 1000:.0f} ms")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: this process {own:.0f} MiB, largest notebook kernel {kids:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
