# pgpattern: every target installs what it needs.
#   make demo    set up, then analyse this repository's history on the embedded database
#                and write its HTML report to build/pgpattern-report.html
#   make test    set up and run the tests against a real, throwaway PostgreSQL
SHELL := /bin/bash
PG_MAJOR ?= 15
DEB_PACKAGES := postgresql-$(PG_MAJOR) postgresql-client-$(PG_MAJOR) postgresql-$(PG_MAJOR)-cron \
	postgresql-$(PG_MAJOR)-pgtap postgresql-$(PG_MAJOR)-plpgsql-check postgresql-$(PG_MAJOR)-pgaudit \
	libtap-parser-sourcehandler-pgtap-perl \
	chromium
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup system-packages demo test bench lint structure migration clean

setup: system-packages $(STAMP)

# Debian packages: installed when running as root, otherwise named so that a user can.
system-packages:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else \
	    echo "missing Debian packages:$$missing"; \
	    echo "install them with: sudo apt-get install$$missing"; exit 1; \
	  fi; \
	fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

# The main job on the embedded database: this repository's own history, analysed. The
# project is named for both commands: the embedded database may hold other projects.
DEMO_PROJECT ?= $(notdir $(CURDIR))
demo: setup
	$(BIN)/pgpattern analyze . --project "$(DEMO_PROJECT)"
	$(BIN)/pgpattern verify
	@mkdir -p build
	$(BIN)/pgpattern report --project "$(DEMO_PROJECT)" --format html -o build/pgpattern-report.html
	@echo "the HTML report: $(CURDIR)/build/pgpattern-report.html"

test: setup
	$(BIN)/pytest

# Benchmarks write a report with the date and the machine to bench/results/.
bench: setup
	$(BIN)/python bench/ingest_bench.py
	$(BIN)/python bench/discovery_bench.py
	$(BIN)/python bench/update_bench.py
	$(BIN)/python bench/learning_bench.py
	$(BIN)/python bench/replica_bench.py
	$(BIN)/python bench/mcp_bench.py
	$(BIN)/python bench/suggest_bench.py

lint: setup
	$(BIN)/pip install -q ruff
	$(BIN)/ruff check pgpattern tests bench

# Write sql/structure.sql again from a fresh migrate (a test holds the two equal).
structure: setup
	$(BIN)/python -m pgpattern.structure sql/structure.sql

# A migration from the files of sql/src that changed: the whole new bodies, and a rollback with
# the definitions they replace (see pgpattern/sources.py).
migration: setup
	@test -n "$(NAME)" || { echo "usage: make migration NAME=area_what_changed" >&2; exit 2; }
	$(BIN)/python -m pgpattern.sources migration $(NAME)

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
