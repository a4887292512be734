"""Warm a running replica: open every page once per language over its websocket, as a first viewer would.

On a fresh replica the first viewer of each page waits for its computation. The shared
deployment (`pipeline.serve`) runs this against each replica once it answers: the default
scenario's pages, and what every scenario at the default horizon shares with them (the presets'
fans, the defaults' baseline), are then ready when the board opens the link. With `--horizons`
it also opens the Overview at every planning horizon, the one slider the board moves: the
default scenario and the presets' fans are then ready at each, and a scenario of the board's
own computes only its own line. The replicas split the horizons (`--part i/n`) and read each
other's through the deployment's shared results (`views.cache`).

    python -m imaging_plan.app.warm --port 8081 [--horizons --part 1/2]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import time

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from tornado.websocket import websocket_connect

from imaging_plan.app import pages
from imaging_plan.i18n import LANGUAGES
from imaging_plan.planning.assumptions import ASSUMPTIONS

TIMEOUT_S = 180  # one page's first run on a busy machine


async def _run_page(ws, page: str, query: str, horizon: int | None = None) -> str | None:
    """Ask for one page and read until its script run finishes; return the exception it showed, if any
    (or, asked for a `horizon`, that the page drew another)."""
    back = BackMsg()
    back.rerun_script.page_name = page
    back.rerun_script.query_string = query
    await ws.write_message(back.SerializeToString(), binary=True)
    error, drawn = None, None
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
            elif element.WhichOneof("type") == "slider" and element.slider.id.endswith("-horizon"):
                drawn = list(element.slider.default)  # a new session's slider starts at the URL's value
        if kind == "script_finished":
            if error is None and horizon is not None and drawn != [float(horizon)]:
                error = f"asked for horizon {horizon}, the page drew {drawn}"
            return error


def horizons(part: tuple[int, int] = (1, 1)) -> list[int]:
    """Return the planning horizons the slider offers, every n-th from the i-th for `part` (i, n)."""
    spec = ASSUMPTIONS["horizon"]
    offered = list(range(int(spec.min), int(spec.max) + 1, int(spec.step)))
    i, n = part
    return offered[i - 1 :: n]


@contextlib.asynccontextmanager
async def _session(port: int):
    """A viewer's session on the replica at 127.0.0.1:`port`: one websocket, closed after."""
    ws = await websocket_connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"])
    try:
        yield ws
    finally:
        ws.close()


async def warm(port: int, languages=tuple(LANGUAGES), at_horizons=()) -> list[tuple[str, str, str | None]]:
    """Open every page in each language on the replica at 127.0.0.1:`port`, then the Overview at each of
    `at_horizons`; return (page, lang, error) per run."""
    results = []
    overview = pages.PAGES[0].path
    for lang in languages:
        in_lang = "" if lang == "nb" else f"lang={lang}"
        async with _session(port) as ws:
            for record in pages.PAGES:
                results.append((record.path, lang, await _run_page(ws, record.path, in_lang)))
        for year in at_horizons:
            query = "&".join(q for q in (f"horizon={year}", in_lang) if q)
            async with _session(port) as ws:  # a session of its own: a session's slider keeps its value over the URL's
                results.append((f"{overview}?horizon={year}", lang, await _run_page(ws, overview, query, year)))
    return results


def _part(text: str) -> tuple[int, int]:
    i, _, n = text.partition("/")
    if not (i.isdigit() and n.isdigit() and 1 <= int(i) <= int(n)):
        raise argparse.ArgumentTypeError(f"--part must be i/n with 1 <= i <= n, got {text!r}")
    return int(i), int(n)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m imaging_plan.app.warm", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True, help="the replica's port on 127.0.0.1")
    parser.add_argument("--horizons", action="store_true", help="also open the Overview at every planning horizon")
    parser.add_argument("--part", type=_part, default=(1, 1), help="this replica's share of the horizons, i/n")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        results = asyncio.run(warm(args.port, at_horizons=horizons(args.part) if args.horizons else ()))
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
