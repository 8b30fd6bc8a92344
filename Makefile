# Front door of the compendium.
#   make        set up .venv, build data/processed, render every report
#   make test   run every test (unit tests, data checks, nbval on the committed reports)
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := all
MAKEFLAGS += --no-builtin-rules

PYTHON ?= python3
# This checkout's helpers come first, even when .venv's editable install points elsewhere
# (the pipeline tests build scratch copies of the project with the same .venv).
export PYTHONPATH := $(CURDIR)/src
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
KERNEL := migration-ca

NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
REPORT_HTML := $(patsubst notebooks/%.ipynb,reports/%.html,$(NOTEBOOKS))
INDEX := reports/index.html
REPORT_IPYNB := $(sort $(wildcard reports/[0-9][0-9]_*.ipynb))
RAW := $(shell find data/raw -type f ! -name '.*' | LC_ALL=C sort)
HELPERS := $(shell find src/helpers -type f \( -name '*.py' -o -name '*.j2' -o -name '*.json' \) | LC_ALL=C sort)
PROCESSED := $(wildcard data/processed/*.csv)
DATA_STAMP := data/processed/.built

# `make reports/NN_name.html PARAMS="-p year 2022"` re-renders with overridden parameters.
ifneq ($(strip $(PARAMS)),)
FORCE_RENDER := force
endif

PYTEST_ARGS ?=
ifeq ($(CI),true)
PYTEST_ARGS += -o console_output_style=classic
endif
NBVAL_ARGS := --nbval --nbval-kernel-name $(KERNEL) --nbval-sanitize-with tests/nbval_sanitize.cfg

.PHONY: all venv data reports test lint lab clean distclean bench force

all: $(DATA_STAMP) $(REPORT_HTML) $(INDEX)

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	$(PY) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (migration-ca)" >/dev/null
	touch $@

venv: $(INSTALLED)

data: $(DATA_STAMP)

# Processed tables are rewritten only when their content changes, so reports that read
# them are rebuilt only when the data really changed.
$(DATA_STAMP): $(RAW) $(HELPERS) | $(INSTALLED)
	$(PY) -m helpers.build.data
	@touch $@

reports: $(REPORT_HTML) $(INDEX)

reports/%.html reports/%.ipynb: notebooks/%.ipynb $(HELPERS) $(PROCESSED) $(FORCE_RENDER) | $(DATA_STAMP) $(INSTALLED)
	$(PY) -m helpers.build.render $< $(PARAMS)

# The landing page reads every report's key findings and the claims table.
$(INDEX): $(REPORT_HTML) $(DATA_STAMP) $(HELPERS) | $(INSTALLED)
	$(PY) -m helpers.build.index

# Tests run on every core (pytest-xdist); a notebook's nbval cells stay on one worker (loadscope).
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

test: $(DATA_STAMP) | $(INSTALLED)
	@tools/ensure-chromium
	$(PY) -m pytest $(PYTEST_ARGS) -n $(JOBS) --dist loadscope tests $(if $(REPORT_IPYNB),$(NBVAL_ARGS) $(REPORT_IPYNB))

lint: | $(INSTALLED)
	$(VENV)/bin/ruff check src tests

lab: | $(INSTALLED)
	$(VENV)/bin/jupyter lab notebooks/

clean:
	rm -f reports/*.html reports/*.ipynb data/processed/*.csv $(DATA_STAMP)
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) .pytest_cache .ruff_cache

bench: $(DATA_STAMP) | $(INSTALLED)
	$(PY) -m helpers.build.bench

force:
