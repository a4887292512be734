# Two commands do all the set-up on a fresh machine:
#   make app    venv + installs, builds missing or stale forecasts, serves the app on localhost
#   make test   venv + installs, runs the whole test suite (what CI runs)
# and, for the board's shared link on one machine:
#   make serve  REPLICAS Streamlit processes (default: one per core) behind nginx on SERVE_PORT (8080)
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501
SERVE_PORT ?= 8080
SERVE_ADDRESS ?= 0.0.0.0
REPLICAS ?= $(shell nproc 2>/dev/null || echo 1)
LOADTEST_SESSIONS ?= 20
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: app test forecasts benchmark clean chromium nginx serve loadtest lint

# uv installs the pinned requirements from PyPI in parallel: about 25 s on this machine where pip
# took about 70. Both compile the bytecode: this machine sets PYTHONDONTWRITEBYTECODE, so every
# process would compile each module it imports again (measured: the suite 495 s instead of 335 s).
UV_INSTALL := VIRTUAL_ENV=$(abspath $(VENV)) $(VENV)/bin/uv pip install --quiet --compile-bytecode

$(VENV)/bin/python:
	@echo "== Installing into $(VENV) (first time takes a minute)"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet uv==0.13.9

$(STAMP): $(VENV)/bin/python requirements.txt pyproject.toml
	$(UV_INSTALL) -r requirements.txt
	@touch $@

# The test dependencies and the runtime ones in one resolver pass (requirements-dev.txt includes
# requirements.txt): a fresh `make test` installs once.
$(DEVSTAMP): $(VENV)/bin/python requirements.txt requirements-dev.txt pyproject.toml
	$(UV_INSTALL) -r requirements-dev.txt
	@touch $(STAMP) $@

# Notebooks built at a time (each in its own kernel) by `make app`'s first step.
JOBS ?= 2
FORECASTS ?= forecasts

forecasts: $(STAMP)
	@echo "== Building forecasts that are missing or made from other content (the backtest included)"
	$(PY) -m imaging_plan.pipeline.runner --if-stale --output-dir $(FORECASTS)

# The app answers as soon as the forecasts its pages draw are built (notebooks 00-04, about half a
# minute when all are missing). The backtest (05, minutes) then builds in the background at low
# priority, as a full run so it is kept in the run history; the Model quality page shows its
# progress and fills in when it is done. Its log: $(FORECASTS)/_runs/background.log. A background
# build still running from an earlier `make app` is left to finish (the new one is refused).
app: $(STAMP)
	@echo "== Building the forecasts the pages draw, where missing or made from other content"
	$(PY) -m imaging_plan.pipeline.runner --if-stale --skip 05 --jobs $(JOBS) --no-progress --output-dir $(FORECASTS)
	@mkdir -p $(FORECASTS)/_runs
	@echo "== The backtest builds in the background (log: $(FORECASTS)/_runs/background.log)"
	@nohup nice -n 10 $(PY) -m imaging_plan.pipeline.runner --if-stale --no-progress --output-dir $(FORECASTS) \
		> $(FORECASTS)/_runs/background.log 2>&1 &
	@echo "== Serving the app on http://localhost:$(PORT)"
	IMAGING_PLAN_FORECASTS_DIR=$(FORECASTS) $(VENV)/bin/streamlit run app.py --server.address localhost \
		--server.port $(PORT) --server.headless true --browser.gatherUsageStats false

# The browser tests drive Debian's Chromium (no browser download); installed here when missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "== Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "== Chromium missing: 'sudo apt-get install chromium' (browser tests are skipped without it)"; fi; }

# The shared deployment runs Debian's nginx in front of the replicas; installed here when missing.
nginx:
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "== Installing Debian's nginx for make serve"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; \
	  else echo "== nginx missing: 'sudo apt-get install nginx' (make serve needs it; its tests are skipped)"; fi; }

# Several Streamlit processes behind nginx (sticky sessions, websockets); Ctrl-C stops them all.
serve: forecasts nginx
	$(PY) -m imaging_plan.pipeline.serve --replicas $(REPLICAS) --port $(SERVE_PORT) --address $(SERVE_ADDRESS)

# Lint and format are checked, not fixed: `ruff format .` and `ruff check --fix .` fix them.
lint: $(DEVSTAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# One test module per worker (module fixtures such as a served app run once).
test: $(DEVSTAMP) chromium nginx lint
	$(PY) -m pytest -n auto --dist loadscope --durations=15

benchmark: $(DEVSTAMP)
	$(PY) benchmarks/benchmark.py

# LOADTEST_SESSIONS websocket sessions against `make serve` (started here on 127.0.0.1) and the
# trivial page, then the browser measurement; figures for the README's speed table.
loadtest: $(DEVSTAMP) forecasts nginx chromium
	$(PY) benchmarks/loadtest.py --sessions $(LOADTEST_SESSIONS) --replicas $(REPLICAS) --port $(SERVE_PORT)
	$(PY) benchmarks/browser_speed.py --replicas $(REPLICAS) --port $(SERVE_PORT)

clean:
	rm -rf $(VENV)
	[ ! -d forecasts ] || find forecasts -mindepth 1 -maxdepth 1 \( -type l -o -type d \) -exec rm -rf {} +
