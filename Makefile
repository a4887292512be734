# Two commands do all the set-up on a fresh machine:
#   make app    venv + installs, builds missing or stale forecasts, serves the app on localhost
#   make test   venv + installs, runs the whole test suite (what CI runs)
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: app test forecasts benchmark clean chromium

$(STAMP): requirements.txt pyproject.toml
	@echo "== Installing into $(VENV) (first time takes a few minutes)"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --progress-bar off -r requirements.txt
	@touch $@

$(DEVSTAMP): $(STAMP) requirements-dev.txt
	$(PY) -m pip install --quiet --progress-bar off -r requirements-dev.txt
	@touch $@

forecasts: $(STAMP)
	@echo "== Building forecasts that are missing or older than their inputs"
	$(PY) -m imaging_plan.runner --if-stale

app: forecasts
	@echo "== Serving the app on http://localhost:$(PORT)"
	$(VENV)/bin/streamlit run app.py --server.address localhost --server.port $(PORT) \
		--server.headless true --browser.gatherUsageStats false

# The browser tests drive Debian's Chromium (no browser download); installed here when missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "== Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "== Chromium missing: 'sudo apt-get install chromium' (browser tests are skipped without it)"; fi; }

# Every core, one test module per worker (module fixtures such as a served app run once).
test: $(DEVSTAMP) chromium
	$(PY) -m pytest -n auto --dist loadscope

benchmark: $(DEVSTAMP)
	$(PY) benchmarks/benchmark.py

clean:
	rm -rf $(VENV) forecasts/*/ forecasts/_runs
