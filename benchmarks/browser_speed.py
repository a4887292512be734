"""What a viewer waits for in a real browser, beside the trivial page: first load and a slider move.

Debian's Chromium, driven by Playwright (no browser download), one viewer at a
time, against the same deployment `make serve` runs (nginx and the replicas,
started here on 127.0.0.1) and the trivial page served the same way:

- first load: a fresh browser context opens the page until the script has
  finished and the headline numbers are on screen;
- slider move: one arrow key on a slider until the numbers on screen change
  and the script has finished; beside it, how much of that time the page's
  main thread was busy (Chrome's TaskDuration: scripts, style, layout, paint).
  Busy about as long as the move took means the browser, not the server, sets
  the pace.

Medians of --repeat tries, and the ratio to the trivial page.

    python benchmarks/browser_speed.py --replicas 2 --port 8080
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import loadtest  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
TIMEOUT_MS = 180_000  # a page may take long on a busy machine; the medians say how long
DONE = "[data-test-script-state=notRunning]"
METRIC = "[data-testid=stMetricValue]"
# Until the numbers differ from `before` and the script has finished.
CHANGED = """(before) => {
  const now = [...document.querySelectorAll('[data-testid=stMetricValue]')].map(e => e.innerText).join('|');
  return now !== before && now.length > 0 && document.querySelector('[data-test-script-state=notRunning]') !== null;
}"""

# name -> (target, path, slider label text or None for the first slider)
PAGES = {
    "trivial": ("trivial", "/", None),
    "physicians": ("app", "/physicians", "Avgang spesialister"),
    "inflow": ("app", "/inflow", "Avgang spesialister"),  # the same model's draws, read by the inflow page
    "overview": ("app", "/", "Planhorisont"),  # the overview opens only the general group
    "staffing": ("app", "/staffing", "Turnover radiografer"),
    "equipment": ("app", "/equipment", "Levetid MR"),
    "preparedness": ("app", "/preparedness", "Økt behov (%"),
}


def _metrics(page) -> str:
    return "|".join(page.locator(METRIC).all_inner_texts())


def first_load(browser, url: str) -> float:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(METRIC, timeout=TIMEOUT_MS)
    page.wait_for_selector(DONE, timeout=TIMEOUT_MS)
    seconds = time.perf_counter() - started
    context.close()
    return seconds


def _busy_seconds(cdp) -> float:
    """Return how long the page's main thread has been busy so far (Chrome's TaskDuration)."""
    metrics = cdp.send("Performance.getMetrics")["metrics"]
    return next(m["value"] for m in metrics if m["name"] == "TaskDuration")


def slider_moves(browser, url: str, label: str | None, repeat: int) -> tuple[list[float], list[float]]:
    """Return the seconds each slider move took, and the seconds the page's main thread was busy in each."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    page.goto(url)
    page.wait_for_selector(METRIC, timeout=TIMEOUT_MS)
    page.wait_for_selector(DONE, timeout=TIMEOUT_MS)
    page.wait_for_timeout(1000)
    sliders = page.locator("[data-testid=stSlider]")
    slider = (sliders.filter(has_text=label) if label else sliders).first.locator("input[type=range]")
    times, busy = [], []
    for i in range(repeat):
        before = _metrics(page)
        slider.focus()
        busy_before = _busy_seconds(cdp)
        started = time.perf_counter()
        page.keyboard.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
        page.wait_for_function(CHANGED, arg=before, timeout=TIMEOUT_MS, polling="raf")
        times.append(time.perf_counter() - started)
        busy.append(_busy_seconds(cdp) - busy_before)
        page.wait_for_timeout(500)
    context.close()
    return times, busy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--port", type=int, default=8080, help="the app's port; the trivial page's is port + replicas + 1"
    )
    parser.add_argument("--app-url", help="an app already served here (127.0.0.1)")
    parser.add_argument("--trivial-url", help="a trivial page already served here (127.0.0.1)")
    parser.add_argument("--repeat", type=int, default=5, help="tries per measure (1-20)")
    parser.add_argument(
        "--pages",
        nargs="+",
        choices=[p for p in PAGES if p != "trivial"],
        default=[p for p in PAGES if p != "trivial"],
        help="app pages to measure",
    )
    args = parser.parse_args(argv)
    if not 1 <= args.repeat <= 20:
        parser.error("--repeat must be 1-20")
    if not Path(CHROMIUM).exists():
        print("Chromium missing: 'apt-get install chromium' (make loadtest installs it)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    started = []
    urls = {"app": args.app_url, "trivial": args.trivial_url}
    try:
        if urls["trivial"] is None:
            port = args.port + args.replicas + 1
            started.append(
                loadtest.start_deployment(loadtest.ROOT / "benchmarks" / "trivial_app.py", port, args.replicas)
            )
            urls["trivial"] = f"http://127.0.0.1:{port}"
        if urls["app"] is None:
            started.append(loadtest.start_deployment(loadtest.ROOT / "app.py", args.port, args.replicas))
            urls["app"] = f"http://127.0.0.1:{args.port}"
        for url in urls.values():
            loadtest.check_local(url)
        results = {}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for name in ["trivial", *args.pages]:
                target, path, label = PAGES[name]
                url = urls[target].rstrip("/") + path
                first_load(browser, url)  # warm-up: the server's imports and caches, the browser's cache
                loads = [first_load(browser, url) for _ in range(args.repeat)]
                moves, busy = slider_moves(browser, url, label, args.repeat)
                results[name] = (statistics.median(loads), statistics.median(moves))
                print(
                    f"{name:10} first load median {results[name][0]:.2f} s (max {max(loads):.2f}), "
                    f"slider move median {results[name][1]:.2f} s (max {max(moves):.2f}), "
                    f"browser busy in it {statistics.median(busy):.2f} s",
                    flush=True,
                )
            browser.close()
        base = results["trivial"]
        for name in args.pages:
            load, move = results[name]
            print(
                f"ratio {name}/trivial: first load {load / base[0]:.1f}x, slider move {move / base[1]:.1f}x", flush=True
            )
    finally:
        for proc in started:
            loadtest.stop_deployment(proc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
