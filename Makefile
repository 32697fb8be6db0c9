# The index of commands. `make run` and `make test` are all a newcomer needs.
VENV := .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help run test install install-test system-deps browser-deps migrate demo check frontend bench clean

help:
	@echo "make run      install, migrate SQLite, load demonstration data, serve on http://127.0.0.1:8000"
	@echo "make test     install everything the tests need (Chromium too) and run the whole suite"
	@echo "make frontend rebuild the GOV.UK Frontend assets from the pinned npm package"

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed
	$(VENV)/bin/pip install --quiet -r requirements-test.txt
	touch $@

install: $(VENV)/.installed system-deps

install-test: $(VENV)/.installed-test browser-deps

# What the product itself needs from Debian: Pango, which WeasyPrint lays the reports'
# PDFs out with, and Liberation fonts (metric-compatible with Arial).
system-deps:
	@if ! ldconfig -p | grep -q libpangoft2-1.0 || ! fc-list 2>/dev/null | grep -qi liberation; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq fonts-liberation fontconfig \
			libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0; \
	fi

# And for the tests: Debian's Chromium (Playwright cannot download its own here),
# poppler for reading PDFs back and nginx, the reverse proxy the proxy tests put in front.
browser-deps: system-deps
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1 \
		|| ! PATH="$$PATH:/usr/sbin" command -v nginx >/dev/null 2>&1; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium poppler-utils nginx; \
	fi

# A development checkout's environment, read by the settings (python-dotenv) so that every
# README command works in a new shell. Written once; edit it freely. Production has none.
.env:
	printf '%s\n' '# Written by `make run`: this checkout is for development (see README, Configuration).' \
		'DEBUG=true' > $@

migrate: install .env
	$(PY) manage.py migrate --no-input

demo: migrate
	$(PY) manage.py demo_data

run: demo
	$(PY) manage.py runserver 127.0.0.1:8000

test: install-test
	$(VENV)/bin/pytest

frontend:
	bash frontend/build.sh

bench: install-test
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache
