"""Warm a running replica: open every page once per language over its websocket, as a first viewer would.

The cache is per process (`views.cache`), so on a fresh replica the first viewer of each page
waits for its computation. The shared deployment (`pipeline.serve`) runs this against each
replica once it answers: the default scenario's pages, and what every scenario at the default
horizon shares with them (the presets' fans, the defaults' baseline), are then ready when the
board opens the link. A scenario of the board's own still computes on its first open.

    python -m imaging_plan.app.warm --port 8081
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from tornado.websocket import websocket_connect

from imaging_plan.app import pages
from imaging_plan.i18n import LANGUAGES

TIMEOUT_S = 180  # one page's first run on a busy machine


async def _run_page(ws, page: str, query: str) -> str | None:
    """Ask for one page and read until its script run finishes; return the exception it showed, if any."""
    back = BackMsg()
    back.rerun_script.page_name = page
    back.rerun_script.query_string = query
    await ws.write_message(back.SerializeToString(), binary=True)
    error = None
    while True:
        raw = await asyncio.wait_for(ws.read_message(), timeout=TIMEOUT_S)
        if raw is None:
            raise ConnectionError("the replica closed the websocket")
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            if element.WhichOneof("type") == "exception":
                error = element.exception.message
        if kind == "script_finished":
            return error


async def warm(port: int, languages=tuple(LANGUAGES)) -> list[tuple[str, str, str | None]]:
    """Open every page in each language on the replica at 127.0.0.1:`port`; return (page, lang, error) per run."""
    results = []
    for lang in languages:
        ws = await websocket_connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"])
        try:
            for record in pages.PAGES:
                query = "" if lang == "nb" else f"lang={lang}"
                results.append((record.path, lang, await _run_page(ws, record.path, query)))
        finally:
            ws.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m imaging_plan.app.warm", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True, help="the replica's port on 127.0.0.1")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        results = asyncio.run(warm(args.port))
    except (OSError, asyncio.TimeoutError) as err:
        print(f"warming the replica on port {args.port} stopped: {err!r}", file=sys.stderr)
        return 1
    failed = [f"{page} ({lang}): {error}" for page, lang, error in results if error]
    print(
        f"  Replica {args.port} warmed: {len(results)} page runs in {time.monotonic() - started:.1f} s"
        + (f"; failed: {'; '.join(failed)}" if failed else ""),
        flush=True,
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
