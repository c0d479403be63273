# The partnership plan product (saferbucks). A new user needs two targets: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
# A Python 3.12+ interpreter: pyenv's (through .python-version), else python3.13/3.12 on PATH.
PYTHON_FOR_VENV := $(shell for p in python3 python3.13 python3.12; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; done)
# Development defaults; production sets its own environment (see `make serve`).
export DEBUG ?= 1
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install system-deps frontend migrate demo run serve worker test test-serial test-fast lint format bench stop-db

help:
	@echo "make run    install everything, load the demo plans, serve at http://$(HOST):$(PORT)"
	@echo "make test   install everything and run the whole test suite (browser tests included),"
	@echo "            in parallel (TEST_WORKERS=n to choose; make test-serial: one process)"
	@echo "make serve  production-like: gunicorn, DEBUG off, collected static files"
	@echo "make worker the background worker alone (run and serve start one)"
	@echo "make lint   ruff;  make bench  performance figures"

$(VENV)/.installed: requirements.txt
	@if [ -z "$(PYTHON_FOR_VENV)" ]; then \
		echo "Python 3.12 or later is needed and none was found (python3, python3.13, python3.12)."; \
		echo "Install one (e.g. 'pyenv install 3.13', which .python-version selects) and run make again."; \
		exit 1; fi
	@test -x $(PY) || $(PYTHON_FOR_VENV) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

install: $(VENV)/.installed frontend

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm (Node.js) is needed to build the front end: install Node.js 20 or later."; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

static/dist/.built: node_modules/.installed static/src/app.scss static/src/app.js static/src/build.mjs
	npm run --silent build
	@touch $@

frontend: static/dist/.built

# Chromium (browser tests), poppler-utils (pdftoppm, PDF checks) and HarfBuzz's subsetter
# (WeasyPrint embeds fonts with it).
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium chromium-driver"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	/sbin/ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset || missing="$$missing libharfbuzz-subset0"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing$$missing with apt-get"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "Missing system packages:$$missing."; \
			echo "Install them (Debian/Ubuntu: sudo apt-get install$$missing) and run make again."; \
			exit 1; \
		fi; \
	fi

migrate: install
	$(PY) manage.py migrate --no-input

demo: migrate
	$(PY) manage.py load_demo

# The background worker renders the PDFs (`manage.py db_worker`, the tasks queued in
# the database). `run` and `serve` start it beside the web server, in a session of
# its own (setsid: the terminal's Ctrl-C goes to the server alone), and stop it when
# the server stops, however it stops: plans/pdf/stop_worker.py says how.
WORKER := $(PY) manage.py db_worker --no-startup-delay --interval 0.2
WITH_WORKER = setsid $(1) & worker=$$!; \
	trap "$(PY) -m plans.pdf.stop_worker $$worker; wait $$worker" EXIT; trap "exit 130" INT; trap "exit 143" TERM HUP;

run: demo
	@echo ""
	@echo "The demo is at http://$(HOST):$(PORT)/"
	@echo "Sign in at http://$(HOST):$(PORT)/accounts/login/ with a demo account (demo only):"
	@echo "  officer, viewer, lead-aylesbury-vale, lead-chiltern, lead-south-bucks, lead-wycombe,"
	@echo "  operator (sets up new partnerships)"
	@echo "  password: saferbucks-demo"
	@echo ""
	@$(call WITH_WORKER,$(WORKER)) $(PY) manage.py runserver $(HOST):$(PORT)

worker: migrate
	$(WORKER)

.secret_key:
	@$(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	@chmod 600 $@

serve: install .secret_key
	DEBUG=0 SECRET_KEY_FILE=.secret_key $(PY) manage.py collectstatic --no-input --verbosity 0 --ignore src
	DEBUG=0 SECRET_KEY_FILE=.secret_key $(PY) manage.py migrate --no-input
	@$(call WITH_WORKER,env DEBUG=0 SECRET_KEY_FILE=.secret_key $(WORKER)) \
	DEBUG=0 SECRET_KEY_FILE=.secret_key SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 \
		ALLOWED_HOSTS=$(HOST),localhost \
		$(VENV)/bin/gunicorn saferbucks.wsgi --bind $(HOST):$(PORT) --workers 2 --max-requests 200 --max-requests-jitter 50 --access-logfile -

# The suite runs in TEST_WORKERS processes (pytest-xdist), one per core up to 4: each
# has its own test database (test_<name>_gw0, _gw1...), live server and Chromium.
# TEST_WORKERS=0, or `make test-serial`, runs it in this one process. Tests marked
# xdist_group (a costly session fixture) stay together on one worker.
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 1); if [ $$n -gt 4 ]; then n=4; elif [ $$n -lt 2 ]; then n=0; fi; echo $$n)

test: install system-deps
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup

test-serial: install system-deps
	$(PY) -m pytest -p no:xdist

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: install
	$(PY) -m bench

stop-db:
	$(PY) embedded_db.py stop
