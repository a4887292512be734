"""make serve: the nginx config it writes, the replicas' settings, and a real start and stop."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from imaging_plan import paths
from imaging_plan.pipeline import serve

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
if NGINX is None and os.environ.get("CI"):
    raise RuntimeError("nginx is missing in CI: `make test` installs it (Debian package nginx)")
needs_nginx = pytest.mark.skipif(NGINX is None, reason="Debian's nginx is not installed (make nginx)")


def test_replica_command_is_headless_private_capped_and_viewer_only():
    cmd = serve.streamlit_command(8611)
    flags = dict(zip(cmd[5::2], cmd[6::2]))
    assert flags["--server.address"] == "127.0.0.1" and flags["--server.port"] == "8611"
    assert flags["--server.headless"] == "true"
    assert flags["--browser.gatherUsageStats"] == "false"
    assert flags["--client.toolbarMode"] == "viewer"
    assert flags["--server.maxUploadSize"] == str(serve.MAX_UPLOAD_MB)


def test_nginx_config_lists_every_replica_sticky_and_upgrades_websockets(tmp_path):
    text = serve.nginx_config("127.0.0.1", 8610, [8611, 8612, 8613], tmp_path)
    assert "{{" not in text
    assert [line.split()[1] for line in text.splitlines() if line.strip().startswith("server 127.0.0.1:")] == [
        "127.0.0.1:8611",
        "127.0.0.1:8612",
        "127.0.0.1:8613",
    ]
    directives = [line.split("#")[0].strip() for line in text.splitlines()]
    assert "hash $sticky_key consistent;" in directives and "ip_hash;" not in directives
    assert "proxy_set_header Upgrade $http_upgrade;" in text
    assert f"client_max_body_size {serve.MAX_UPLOAD_MB + 1}m;" in text
    assert serve.MAX_UPLOAD_MB == 20  # the Data page's limit per file (uploads.MAX_UPLOAD_BYTES)
    assert "listen 127.0.0.1:8610;" in text and f"pid {tmp_path}/nginx.pid;" in text
    with pytest.raises(serve.ServeError):
        serve.nginx_config("127.0.0.1", 8610, [], tmp_path)


@needs_nginx
def test_nginx_accepts_the_config(tmp_path):
    conf = tmp_path / "nginx.conf"
    conf.write_text(serve.nginx_config("127.0.0.1", 8610, [8611, 8612], tmp_path))
    check = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(conf)],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr


def test_share_address():
    assert serve.share_address("127.0.0.1", 8080) == "http://127.0.0.1:8080/"
    assert serve.share_address("0.0.0.0", 8080).endswith(":8080/")
    assert "0.0.0.0" not in serve.share_address("0.0.0.0", 8080)


def test_refuses_zero_replicas(capsys):
    with pytest.raises(SystemExit):
        serve.parse_args(["--replicas", "0"])
    assert "--replicas must be at least 1" in capsys.readouterr().err


def _free_run(n: int) -> int:
    """Return a port p with p .. p+n-1 all free on 127.0.0.1."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            base = s.getsockname()[1]
        if base + n < 65535 and all(serve.port_free("127.0.0.1", base + i) for i in range(n)):
            return base
    raise RuntimeError("no run of free ports")


def _listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.slow
@needs_nginx
def test_serve_routes_sessions_through_nginx_and_stops_everything_on_sigterm():
    sys.path.insert(0, str(paths.PROJECT_ROOT / "benchmarks"))
    import loadtest

    port = _free_run(3)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "imaging_plan.pipeline.serve",
            "--app",
            "benchmarks/trivial_app.py",
            "--port",
            str(port),
            "--address",
            "127.0.0.1",
            "--replicas",
            "2",
        ],
        cwd=paths.PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        lines = []
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not any("Share this address" in line for line in lines):
            line = proc.stdout.readline()
            assert line or proc.poll() is None, "".join(lines)
            lines.append(line)
        assert any(f"http://127.0.0.1:{port}/" in line for line in lines), "".join(lines)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as resp:
            cookie = resp.headers["Set-Cookie"]
        assert cookie.startswith("imaging_plan_replica=") and "HttpOnly" in cookie
        # A browser that has the cookie is not given a new one.
        req = urllib.request.Request(f"http://127.0.0.1:{port}/", headers={"Cookie": cookie.split(";")[0]})
        with urllib.request.urlopen(req) as resp:
            assert resp.headers["Set-Cookie"] is None
        results = loadtest.measure(f"http://127.0.0.1:{port}", loadtest.TRIVIAL_LINK, sessions=4, timeout=30)
        assert [r.error for r in results] == [None] * 4
        assert all([run.metrics for run in r.runs][-1] == ["56.00"] for r in results)
        assert all(_listening(p) for p in (port, port + 1, port + 2))
    finally:
        proc.send_signal(signal.SIGTERM)
        out = proc.communicate(timeout=30)[0]
    assert proc.returncode == 0
    assert "Stopped: all replicas and nginx." in out
    assert not any(_listening(p) for p in (port, port + 1, port + 2))


def test_replicas_share_one_folder_of_results_inside_the_deployments_temporary_folder(tmp_path):
    from imaging_plan.views.cache import RESULTS_DIR_ENV

    env = serve.replica_env(tmp_path, {"PATH": "/usr/bin"})
    assert env["PATH"] == "/usr/bin"
    assert env[RESULTS_DIR_ENV] == str(tmp_path / "results")


def test_each_replica_warms_its_share_of_the_planning_horizons():
    from imaging_plan.app import warm
    from imaging_plan.planning.assumptions import ASSUMPTIONS

    cmd = serve.warm_command(8092, (2, 2))
    assert cmd[cmd.index("--port") + 1] == "8092" and "--horizons" in cmd
    assert cmd[cmd.index("--part") + 1] == "2/2"
    spec = ASSUMPTIONS["horizon"]
    shares = [warm.horizons((i, 3)) for i in (1, 2, 3)]
    assert sorted(sum(shares, [])) == list(range(int(spec.min), int(spec.max) + 1))  # all, each once
    assert all(shares)
    for bad in ("3/2", "0/2", "a/b", "2"):
        with pytest.raises(SystemExit):
            warm.main(["--port", "1", "--part", bad])
