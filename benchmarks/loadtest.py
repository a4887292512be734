"""Load test: N viewers open one shared link at once and each moves three sliders, over Streamlit's websocket.

Each session does what a browser does, without the browser: GET the page (nginx
sets its sticky cookie), open `ws://.../_stcore/stream` with subprotocol
`streamlit`, send a `BackMsg` whose `rerun_script` carries the link's query
string, and read `ForwardMsg`s until `script_finished`; then three reruns, each
with one slider's new value in `widget_states` (as the browser sends a slider
move) and the URL the browser would then show. The trivial page (two URL-bound
sliders and one metric, `benchmarks/trivial_app.py`) runs the same way in the
same run, behind the same kind of deployment, as the yardstick.

    python benchmarks/loadtest.py                     # starts both deployments on 127.0.0.1, 20 sessions
    python benchmarks/loadtest.py --sessions 2 --trivial-only

Bounded: at most 50 sessions, 60 s per script run, 300 s in all, local addresses only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parents[1]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
MAX_SESSIONS = 50

# What each session opens and changes: a shared link to the Overview (values off the defaults, carried
# for the other pages) and three moves of the one slider the Overview draws, the horizon.
APP_LINK = {
    "page": "",
    "query": {"exit_rate_pct": "3.5", "replacement_budget_mnok": "250"},
    "changes": [("horizon", 2045.0), ("horizon", 2035.0), ("horizon", 2042.0)],
}
TRIVIAL_LINK = {"page": "", "query": {"a": "4", "b": "3"}, "changes": [("a", 6.0), ("b", 7.0), ("a", 8.0)]}


@dataclass
class ScriptRun:
    """One script run as a viewer waits for it: from the request until script_finished."""

    kind: str  # "open" (page + websocket + first run) or "rerun"
    seconds: float
    messages: int
    bytes: int
    metrics: list[str] = field(default_factory=list)  # the metric values the run drew


@dataclass
class SessionResult:
    runs: list[ScriptRun] = field(default_factory=list)
    error: str | None = None  # the app raised, or the script did not finish
    dropped: bool = False  # the websocket closed or timed out before the last run finished


class ScriptError(RuntimeError):
    pass


def check_local(url: str) -> None:
    host = urllib.parse.urlsplit(url).hostname
    if host not in LOCAL_HOSTS:
        raise SystemExit(f"the load test only sends traffic to this machine; refusing {url}")


def _get_cookie(url: str, timeout: float) -> str:
    """GET the page as a browser does first; return the cookies it set (nginx's sticky cookie)."""
    with urllib.request.urlopen(url, timeout=timeout) as resp:
        resp.read()
        cookies = [c.split(";", 1)[0] for c in resp.headers.get_all("Set-Cookie") or []]
    return "; ".join(cookies)


async def _run_script(
    ws, state: ClientState, kind: str, sliders: dict, timeout: float, started: float | None = None
) -> ScriptRun:
    """Send one rerun_script and read until script_finished; note each bound slider's widget id."""
    started = time.perf_counter() if started is None else started
    msg = BackMsg()
    msg.rerun_script.CopyFrom(state)
    await ws.send(msg.SerializeToString())
    count = size = 0
    metrics: list[str] = []
    deadline = time.monotonic() + timeout
    while True:
        raw = await asyncio.wait_for(ws.recv(), timeout=max(0.01, deadline - time.monotonic()))
        count, size = count + 1, size + len(raw)
        fwd = ForwardMsg()
        fwd.ParseFromString(raw)
        kind_of = fwd.WhichOneof("type")
        if kind_of == "delta" and fwd.delta.WhichOneof("type") == "new_element":
            element = fwd.delta.new_element
            what = element.WhichOneof("type")
            if what == "slider":
                # A URL-bound slider names its key; a keyed one ends its id with it ('$$ID-<hash>-<key>').
                key = element.slider.query_param_key or element.slider.id.split("-", 2)[-1]
                sliders[key] = element.slider.id
            elif what == "metric":
                metrics.append(element.metric.body)
            elif what == "exception":
                raise ScriptError(f"the page raised {element.exception.type}: {element.exception.message[:200]}")
        elif kind_of == "script_finished":
            if fwd.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                raise ScriptError("the script did not compile")
            if fwd.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                return ScriptRun(kind, time.perf_counter() - started, count, size, metrics)


async def session(base_url: str, link: dict, timeout: float, start: asyncio.Event) -> SessionResult:
    """One viewer: open the shared link, then move three sliders one after the other."""
    result = SessionResult()
    query = dict(link["query"])
    await start.wait()
    try:
        t0 = time.perf_counter()
        page_url = base_url.rstrip("/") + "/" + link["page"] + "?" + urllib.parse.urlencode(query)
        cookie = await asyncio.to_thread(_get_cookie, page_url, timeout)
        ws_url = base_url.replace("http", "ws", 1).rstrip("/") + "/_stcore/stream"
        origin = "{0.scheme}://{0.netloc}".format(urllib.parse.urlsplit(base_url))
        headers = {"Origin": origin, **({"Cookie": cookie} if cookie else {})}
        # No client pings: a browser sends none; the server's own keepalive pings are answered.
        async with websockets.connect(
            ws_url,
            subprotocols=["streamlit"],
            additional_headers=headers,
            ping_interval=None,
            max_size=None,
            open_timeout=timeout,
        ) as ws:
            sliders: dict[str, str] = {}
            state = ClientState(query_string=urllib.parse.urlencode(query), page_name=link["page"])
            result.runs.append(await _run_script(ws, state, "open", sliders, timeout, started=t0))
            widgets = {}
            for key, value in link["changes"]:
                if key not in sliders:
                    raise ScriptError(f"no slider '{key}' on the page")
                query[key] = f"{value:g}"
                widget = state.widget_states.widgets.add() if key not in widgets else widgets[key]
                widget.id = sliders[key]
                widget.double_array_value.data[:] = [value]
                widgets[key] = widget
                state.query_string = urllib.parse.urlencode(query)
                result.runs.append(await _run_script(ws, state, "rerun", sliders, timeout))
    except ScriptError as err:
        result.error = str(err)
    except (OSError, asyncio.TimeoutError, websockets.exceptions.WebSocketException) as err:
        result.dropped = True
        result.error = f"{type(err).__name__}: {err}"[:200]
    return result


async def _measure(base_url: str, link: dict, sessions: int, timeout: float, deadline: float) -> list[SessionResult]:
    start = asyncio.Event()
    tasks = [asyncio.create_task(session(base_url, link, timeout, start)) for _ in range(sessions)]
    start.set()
    done, pending = await asyncio.wait(tasks, timeout=deadline)
    for task in pending:
        task.cancel()
    results = [t.result() for t in done]
    results += [SessionResult(error="stopped at the load test's deadline", dropped=True) for _ in pending]
    return results


def measure(
    base_url: str, link: dict, sessions: int, timeout: float = 60.0, deadline: float = 300.0
) -> list[SessionResult]:
    """Run `sessions` viewers at once against `base_url` (this machine only); return what each saw."""
    check_local(base_url)
    if not 1 <= sessions <= MAX_SESSIONS:
        raise SystemExit(f"--sessions must be 1-{MAX_SESSIONS}, got {sessions}")
    return asyncio.run(_measure(base_url, link, sessions, timeout, deadline))


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def summarize(results: list[SessionResult], wall: float) -> dict:
    """Return p50/p95/max (s) of page opens, of reruns and of all runs, with errors and dropped sessions."""
    out = {
        "sessions": len(results),
        "finished": sum(1 for r in results if r.error is None),
        "errors": sum(1 for r in results if r.error and not r.dropped),
        "dropped": sum(1 for r in results if r.dropped),
        "wall_s": round(wall, 2),
        "error_examples": sorted({r.error for r in results if r.error})[:3],
    }
    for kind in ("open", "rerun", "all"):
        times = [run.seconds for r in results for run in r.runs if kind in ("all", run.kind)]
        out[kind] = (
            {
                "n": len(times),
                "p50": round(statistics.median(times), 3),
                "p95": round(_pct(times, 0.95), 3),
                "max": round(max(times), 3),
            }
            if times
            else {"n": 0}
        )
    opens = [run for r in results for run in r.runs if run.kind == "open"]
    reruns = [run for r in results for run in r.runs if run.kind == "rerun"]
    if opens:
        out["open_messages"], out["open_kib"] = opens[0].messages, round(opens[0].bytes / 1024, 1)
    if reruns:
        out["rerun_messages"] = round(statistics.mean(r.messages for r in reruns), 1)
        out["rerun_kib"] = round(statistics.mean(r.bytes for r in reruns) / 1024, 1)
    return out


def start_deployment(app: Path, port: int, replicas: int) -> subprocess.Popen:
    """Start `python -m imaging_plan.pipeline.serve` for `app` on 127.0.0.1:port; return once it answers and,
    for the app, once every replica is warmed (as a deployment that has been up a while is)."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "imaging_plan.pipeline.serve",
            "--app",
            str(app),
            "--port",
            str(port),
            "--address",
            "127.0.0.1",
            "--replicas",
            str(replicas),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    warmed: list[str] = []
    threading.Thread(
        target=lambda: [warmed.append(line) for line in proc.stdout if "warmed" in line], daemon=True
    ).start()
    to_warm = replicas if app.resolve() == (ROOT / "app.py").resolve() else 0
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the deployment of {app.name} on port {port} stopped (exit code {proc.returncode})")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as resp:
                if resp.status == 200 and len(warmed) >= to_warm:
                    for line in warmed:
                        print(line.strip(), flush=True)
                    return proc
        except OSError:
            pass
        time.sleep(0.5)
    proc.send_signal(signal.SIGTERM)
    raise SystemExit(f"the deployment of {app.name} on port {port} did not answer (and warm) within 300 s")


def stop_deployment(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()


def run_target(name: str, url: str, link: dict, args) -> dict:
    if args.warmup:
        # One viewer first: a deployment that has been up a while has its imports and caches warm.
        measure(url, link, 1, args.timeout, args.deadline)
    t0 = time.perf_counter()
    results = measure(url, link, args.sessions, args.timeout, args.deadline)
    summary = summarize(results, time.perf_counter() - t0)
    print(
        f"{name:8} {summary['finished']}/{summary['sessions']} finished, {summary['errors']} errors, "
        f"{summary['dropped']} dropped, {summary['wall_s']} s wall; "
        + "; ".join(
            f"{k} p50 {summary[k].get('p50')} p95 {summary[k].get('p95')} max {summary[k].get('max')} s"
            for k in ("open", "rerun", "all")
            if summary[k]["n"]
        ),
        flush=True,
    )
    for example in summary["error_examples"]:
        print(f"         e.g. {example}", flush=True)
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20, help="concurrent viewers (1-50, default 20)")
    parser.add_argument("--replicas", type=int, default=os.cpu_count() or 1, help="Streamlit processes per deployment")
    parser.add_argument(
        "--port", type=int, default=8080, help="the app's nginx port; the trivial page's is port + replicas + 1"
    )
    parser.add_argument("--app-url", help="measure an app already served here instead of starting one")
    parser.add_argument("--trivial-url", help="measure a trivial page already served here")
    parser.add_argument("--trivial-only", action="store_true", help="only the trivial page (smoke test)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds one script run may take")
    parser.add_argument("--deadline", type=float, default=300.0, help="seconds one round of sessions may take")
    parser.add_argument("--no-warmup", dest="warmup", action="store_false", help="skip the one warm-up viewer")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)

    started: list[subprocess.Popen] = []
    summaries = {}
    try:
        trivial_url = args.trivial_url
        if trivial_url is None:
            trivial_port = args.port + args.replicas + 1
            started.append(start_deployment(ROOT / "benchmarks" / "trivial_app.py", trivial_port, args.replicas))
            trivial_url = f"http://127.0.0.1:{trivial_port}"
        app_url = args.app_url
        if app_url is None and not args.trivial_only:
            started.append(start_deployment(ROOT / "app.py", args.port, args.replicas))
            app_url = f"http://127.0.0.1:{args.port}"
        print(
            f"{args.sessions} sessions at once, each: open the shared link, then 3 slider moves "
            f"({args.replicas} replica(s) behind nginx per deployment)",
            flush=True,
        )
        summaries["trivial"] = run_target("trivial", trivial_url, TRIVIAL_LINK, args)
        if not args.trivial_only:
            summaries["app"] = run_target("app", app_url, APP_LINK, args)
            for kind in ("open", "rerun", "all"):
                t, a = summaries["trivial"][kind], summaries["app"][kind]
                if t.get("n") and a.get("n"):
                    print(
                        f"ratio app/trivial, {kind:5}: p50 {a['p50'] / t['p50']:.1f}x, p95 {a['p95'] / t['p95']:.1f}x",
                        flush=True,
                    )
    finally:
        for proc in started:
            stop_deployment(proc)
    if args.json:
        args.json.write_text(json.dumps(summaries, indent=2), encoding="utf-8")
    bad = any(s["errors"] or s["dropped"] for s in summaries.values())
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
