"""The shared deployment on one machine: several Streamlit processes behind nginx (`make serve`).

Streamlit keeps each viewer's session in one process's memory (the websocket,
uploaded files, download buttons' files), so the processes sit behind a load
balancer with sticky sessions. nginx runs in the foreground as this launcher's
child, with its own prefix, config and pid file in a temporary folder (not the
system service); Ctrl-C or SIGTERM stops every process this launcher started. The replicas share
one folder of computed results in that temporary folder (`views.cache.RESULTS_DIR_ENV`): a
scenario one replica computed, the others read; it goes when the deployment stops, so a new
version of the code never reads an old one's results. Once the replicas answer, each is warmed:
every page opened once per language, and the Overview at its share of the planning horizons
(`imaging_plan.app.warm`), so the first viewers of the shared link find the default scenario
computed at every horizon.

    python -m imaging_plan.pipeline.serve --replicas 2 --port 8080
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from imaging_plan import paths
from imaging_plan.data import uploads
from imaging_plan.views.cache import RESULTS_DIR_ENV

# Upload cap in MB: the Data page's own limit per file (uploads.MAX_UPLOAD_BYTES); nginx allows
# one MB more for the multipart envelope around the file.
MAX_UPLOAD_MB = uploads.MAX_UPLOAD_BYTES // (1024 * 1024)

# Streamlit settings of the shared deployment (as command-line flags: `make app` keeps its own).
STREAMLIT_FLAGS = {
    "server.headless": "true",
    "browser.gatherUsageStats": "false",
    "server.maxUploadSize": str(MAX_UPLOAD_MB),
    "client.toolbarMode": "viewer",
    "server.fileWatcherType": "none",
    "server.runOnSave": "false",
}

NGINX_TEMPLATE = paths.PROJECT_ROOT / "deploy" / "nginx.conf.template"


class ServeError(RuntimeError):
    """The deployment could not start; the message says which part and why."""


def streamlit_command(port: int, app: Path = paths.PROJECT_ROOT / "app.py", python: str = sys.executable) -> list[str]:
    """Return the command line of one replica, listening only on 127.0.0.1:port (nginx faces the network)."""
    cmd = [python, "-m", "streamlit", "run", str(app), "--server.address", "127.0.0.1", "--server.port", str(port)]
    for name, value in STREAMLIT_FLAGS.items():
        cmd += [f"--{name}", value]
    return cmd


def replica_env(prefix: Path, environ: dict | None = None) -> dict:
    """Return the replicas' environment: this one, with the deployment's folder of shared results."""
    return {**(os.environ if environ is None else environ), RESULTS_DIR_ENV: str(prefix / "results")}


def nginx_config(
    listen: str, port: int, replica_ports: list[int], prefix: Path, template: Path = NGINX_TEMPLATE
) -> str:
    """Return nginx.conf for the replicas: sticky by a cookie, websocket upgrade, upload cap."""
    if not replica_ports:
        raise ServeError("at least one replica is needed")
    upstreams = "\n".join(f"        server 127.0.0.1:{p} max_fails=0;" for p in replica_ports)
    text = template.read_text(encoding="utf-8")
    for name, value in {
        "LISTEN": f"{listen}:{port}",
        "UPSTREAMS": upstreams,
        "PREFIX": str(prefix),
        "MAX_BODY": f"{MAX_UPLOAD_MB + 1}m",
    }.items():
        text = text.replace("{{" + name + "}}", value)
    return text


def share_address(listen: str, port: int) -> str:
    """Return the address to give viewers: this machine's name unless nginx listens on loopback only."""
    host = listen
    if listen in ("0.0.0.0", "::", ""):
        host = socket.getfqdn() or socket.gethostname()
    return f"http://{host}:{port}/"


def port_free(address: str, port: int) -> bool:
    """Return whether nothing listens on address:port yet."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((address if address not in ("", "::") else "0.0.0.0", port))
        except OSError:
            return False
    return True


def wait_healthy(port: int, procs: list[subprocess.Popen], timeout: float = 90.0) -> None:
    """Wait until the replica on `port` answers /_stcore/health, or raise ServeError."""
    deadline = time.monotonic() + timeout
    url = f"http://127.0.0.1:{port}/_stcore/health"
    while time.monotonic() < deadline:
        for p in procs:
            if p.poll() is not None:
                raise ServeError(f"a process stopped while starting (exit code {p.returncode}): {p.args[:4]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise ServeError(f"the replica on port {port} did not answer {url} within {timeout:.0f} s")


def _child_setup() -> None:
    """In each child: its own session (a Ctrl-C reaches only the launcher, which stops the children in
    order), and on Linux a SIGTERM when the launcher dies, so a killed launcher leaves no orphans."""
    os.setsid()
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def stop(procs: list[subprocess.Popen], grace: float = 10.0) -> None:
    """Stop the processes this launcher started: SIGTERM (nginx: SIGQUIT, graceful), then SIGKILL after `grace`."""
    for p in procs:
        if p.poll() is None:
            p.send_signal(signal.SIGQUIT if Path(str(p.args[0])).name == "nginx" else signal.SIGTERM)
    deadline = time.monotonic() + grace
    for p in procs:
        try:
            p.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m imaging_plan.pipeline.serve", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--replicas", type=int, default=os.cpu_count() or 1, help="Streamlit processes (default: one per core)"
    )
    parser.add_argument("--port", type=int, default=8080, help="port nginx listens on (default 8080)")
    parser.add_argument(
        "--address",
        default="0.0.0.0",
        help="address nginx listens on (default all; 127.0.0.1 behind a proxy on this machine)",
    )
    parser.add_argument(
        "--first-replica-port",
        type=int,
        default=None,
        help="replicas listen on 127.0.0.1 from this port up (default: port + 1)",
    )
    parser.add_argument(
        "--app",
        type=Path,
        default=paths.PROJECT_ROOT / "app.py",
        help="Streamlit script to serve (the load test serves its trivial page the same way)",
    )
    parser.add_argument("--nginx", default=shutil.which("nginx") or "/usr/sbin/nginx", help="nginx binary")
    parser.add_argument(
        "--no-warm",
        dest="warm",
        action="store_false",
        help="do not open every page on each replica once it answers (imaging_plan.app.warm; the app only)",
    )
    args = parser.parse_args(argv)
    if args.replicas < 1:
        parser.error(f"--replicas must be at least 1, got {args.replicas}")
    if args.first_replica_port is None:
        args.first_replica_port = args.port + 1
    return args


def warm_command(port: int, part: tuple[int, int] = (1, 1), python: str = sys.executable) -> list[str]:
    """Return the command that opens every page once per language on the replica at `port`, and the
    Overview at its `part` (i, n) of the planning horizons (`app.warm`)."""
    return [python, "-m", "imaging_plan.app.warm", "--port", str(port), "--horizons", "--part", f"{part[0]}/{part[1]}"]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not Path(args.nginx).exists():
        print(
            f"nginx not found at {args.nginx}: install Debian's package ('apt-get install nginx', "
            "or run 'make serve', which installs it)",
            file=sys.stderr,
        )
        return 2
    replica_ports = [args.first_replica_port + i for i in range(args.replicas)]
    busy = [f"{args.address}:{args.port}"] if not port_free(args.address, args.port) else []
    busy += [f"127.0.0.1:{p}" for p in replica_ports if not port_free("127.0.0.1", p)]
    if busy:
        print(f"port already in use: {', '.join(busy)} (choose others with SERVE_PORT=)", file=sys.stderr)
        return 2

    procs: list[subprocess.Popen] = []
    warmers: list[subprocess.Popen] = []  # they finish on their own; not watched like the servers
    stopping = False

    def on_signal(signum, _frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    prefix = Path(tempfile.mkdtemp(prefix="imaging-plan-serve-"))
    try:
        for port in replica_ports:
            procs.append(
                subprocess.Popen(
                    streamlit_command(port, args.app.resolve()),
                    cwd=paths.PROJECT_ROOT,
                    env=replica_env(prefix),
                    preexec_fn=_child_setup,
                )
            )
        for port in replica_ports:
            wait_healthy(port, procs)
            if stopping:
                return 0
        conf = prefix / "nginx.conf"
        conf.write_text(nginx_config(args.address, args.port, replica_ports, prefix), encoding="utf-8")
        check = subprocess.run(
            [args.nginx, "-t", "-q", "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(conf)],
            capture_output=True,
            text=True,
        )
        if check.returncode != 0:
            raise ServeError(f"nginx refused the configuration {conf}:\n{check.stderr}")
        procs.append(
            subprocess.Popen(
                [args.nginx, "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(conf), "-g", "daemon off;"],
                preexec_fn=_child_setup,
            )
        )
        time.sleep(0.5)
        if procs[-1].poll() is not None:
            raise ServeError(f"nginx stopped at start: see {prefix / 'error.log'}")
        if args.warm and args.app.resolve() == (paths.PROJECT_ROOT / "app.py").resolve():
            warmers = [
                subprocess.Popen(
                    warm_command(port, (i + 1, len(replica_ports))), cwd=paths.PROJECT_ROOT, preexec_fn=_child_setup
                )
                for i, port in enumerate(replica_ports)
            ]
        print(f"\n  Serving {args.replicas} replica(s) behind nginx (config {conf}).", flush=True)
        print(f"  Share this address: {share_address(args.address, args.port)}", flush=True)
        print("  Ctrl-C stops every process.\n", flush=True)
        while not stopping:
            dead = [p for p in procs if p.poll() is not None]
            if dead:
                raise ServeError(f"a process stopped (exit code {dead[0].returncode}): {dead[0].args[:4]}")
            time.sleep(0.5)
        return 0
    except ServeError as err:
        print(f"make serve: {err}", file=sys.stderr)
        return 1
    finally:
        stop(warmers + procs)
        shutil.rmtree(prefix, ignore_errors=True)
        if stopping:
            print("Stopped: all replicas and nginx.", flush=True)


if __name__ == "__main__":
    sys.exit(main())
