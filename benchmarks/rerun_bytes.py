"""What one rerun sends over the websocket: messages and bytes, page by page (not a test).

Speaks Streamlit's own protocol to a running app (`streamlit run app.py`), as a
browser would without drawing: opens `ws://HOST/_stcore/stream`, asks for a
page with a query string (the first load), then moves one slider by sending its
new value as a widget state (a rerun), and counts the ForwardMsgs and their
bytes until `script_finished`. Local addresses only, a handful of runs.

    python benchmarks/rerun_bytes.py --port 8601
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from tornado.websocket import websocket_connect

# page url -> (slider key, values the rerun moves it through)
MOVES = {
    "overview": ("horizon", [2041, 2042, 2043]),
    "physicians": ("exit_rate_pct", [3.5, 4.0, 4.5]),
    "equipment": ("lifetime_mr_years", [11, 12, 13]),
}


async def _until_finished(ws, timeout: float = 60) -> tuple[int, int, list[ForwardMsg]]:
    """Return (messages, bytes, messages) read until the script run finishes."""
    count, size, msgs = 0, 0, []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        raw = await asyncio.wait_for(ws.read_message(), timeout=deadline - time.monotonic())
        if raw is None:
            raise RuntimeError("websocket closed")
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        count, size = count + 1, size + len(raw)
        msgs.append(msg)
        if msg.WhichOneof("type") == "script_finished":
            return count, size, msgs
    raise TimeoutError("no script_finished")


def _slider_ids(msgs: list[ForwardMsg]) -> dict[str, str]:
    """Return slider key -> widget id, from the elements a run sent."""
    ids = {}
    for msg in msgs:
        if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            if element.WhichOneof("type") == "slider":
                ids[element.slider.id.rsplit("-", 1)[-1]] = element.slider.id
    return ids


async def measure(port: int, page: str, query: str) -> dict:
    ws = await websocket_connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"])
    try:
        back = BackMsg()
        back.rerun_script.query_string = query
        back.rerun_script.page_name = page
        ws.write_message(back.SerializeToString(), binary=True)
        started = time.monotonic()
        n, size, msgs = await _until_finished(ws)
        first = {"messages": n, "bytes": size, "seconds": time.monotonic() - started}
        key, values = MOVES[page]
        widget = _slider_ids(msgs).get(key)
        reruns = []
        for value in values if widget else []:
            back = BackMsg()
            back.rerun_script.query_string = query
            back.rerun_script.page_name = page
            state = back.rerun_script.widget_states.widgets.add()
            state.id = widget
            state.double_array_value.data.append(float(value))
            ws.write_message(back.SerializeToString(), binary=True)
            started = time.monotonic()
            n, size, _ = await _until_finished(ws)
            reruns.append({"messages": n, "bytes": size, "seconds": time.monotonic() - started})
        return {"first": first, "reruns": reruns, "slider": key if widget else None}
    finally:
        ws.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8601)
    parser.add_argument("--query", default="", help="query string of the shared link")
    args = parser.parse_args()
    for page in MOVES:
        # A warm-up session fills the server's caches, then the measured one.
        asyncio.run(measure(args.port, page, args.query))
        result = asyncio.run(measure(args.port, page, args.query))
        first, reruns = result["first"], result["reruns"]
        line = (
            f"{page:11s} first load {first['messages']:4d} msgs {first['bytes'] / 1024:7.1f} KiB "
            f"{first['seconds'] * 1000:6.0f} ms"
        )
        if reruns:
            line += (
                f" | move {result['slider']}: median {statistics.median(r['messages'] for r in reruns):.0f} msgs "
                f"{statistics.median(r['bytes'] for r in reruns) / 1024:.1f} KiB "
                f"{statistics.median(r['seconds'] for r in reruns) * 1000:.0f} ms"
            )
        else:
            line += f" | no slider {MOVES[page][0]} on this page"
        print(line, flush=True)


if __name__ == "__main__":
    main()
