# wijknet developer commands. The logic lives in scripts/; this file stays thin.
#
#   make run       set up, migrate, load content and demo data, start worker + server
#   make serve     the production stack (gunicorn, worker, scheduler) against DATABASE_URL
#   make test      lint, then the whole test suite (browser tests too when Chromium is present)
#   make setup     only create/sync .venv (Python >= 3.12 + uv + uv.lock)
#   make lint | fmt | messages | clean

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV   := .venv
PY     := $(VENV)/bin/python
RUFF   := $(VENV)/bin/ruff
CHROMIUM := /usr/bin/chromium
# e2e/ holds the browser tests; only pass it to pytest once it exists.
TEST_PATHS := wijknet $(wildcard e2e)
# Extra pytest options, e.g. `make test PYTEST_ARGS="-x -k scans"`.
PYTEST_ARGS ?=
# Parallel test workers (pytest-xdist): one per core by default; `make test PYTEST_WORKERS=0`
# runs in one process. Tests of one module stay on one worker (--dist loadscope), so a module's
# shared world (tests/support/shared.py) is built once.
PYTEST_WORKERS ?= auto
PYTEST := $(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadscope --durations=15

.PHONY: help run serve setup lint test fmt messages clean bench

help:
	@echo "make run       start wijknet at http://127.0.0.1:$${PORT:-8000}/ with demo data"
	@echo "make serve     production stack: gunicorn + worker + scheduler (docs/deploy.md)"
	@echo "make test      lint + whole test suite"
	@echo "make setup     create/sync .venv only"
	@echo "make lint      ruff check + ruff format --check"
	@echo "make fmt       ruff format + ruff check --fix"
	@echo "make messages  update and compile translations"
	@echo "make clean     remove .venv and var/"
	@echo "make bench     HTTP benchmark: pages as a ratio to a hello-world view"

setup:
	@scripts/setup.sh

run: setup
	@scripts/run.sh

# SERVE_ARGS=--migrate runs migrate and load_content first.
serve: setup
	@scripts/serve.sh $(SERVE_ARGS)

lint: setup
	$(RUFF) check .
	$(RUFF) format --check .

test: setup lint
	@if [ -x "$(CHROMIUM)" ]; then \
		echo "$(PYTEST) $(PYTEST_ARGS) $(TEST_PATHS)"; \
		$(PYTEST) $(PYTEST_ARGS) $(TEST_PATHS); \
	else \
		echo "Chromium not found: browser tests SKIPPED"; \
		echo "$(PYTEST) -m \"not browser\" $(PYTEST_ARGS) $(TEST_PATHS)"; \
		$(PYTEST) -m "not browser" $(PYTEST_ARGS) $(TEST_PATHS); \
	fi

fmt: setup
	$(RUFF) format .
	$(RUFF) check --fix .

messages: setup
	$(PY) manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=e2e --ignore=var --ignore=node_modules
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var

# HTTP benchmark (gunicorn, 2 workers, DEBUG=0, PostgreSQL, wrk): see docs/performance.md.
# Shorter: make bench BENCH_ARGS="--factors 1,10 --connections 8"
BENCH_ARGS ?=

bench: setup
	$(PY) bench/server.py $(BENCH_ARGS)
	$(PY) bench/pages.py
	$(PY) bench/scans.py
	$(PY) bench/health.py
	$(PY) bench/offers.py
	$(PY) bench/toolbox.py
	$(PY) bench/volunteering.py
