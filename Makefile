# Front door of the compendium.
#   make        set up .venv, build data/processed, render every report
#   make test   run every test (unit tests, data checks, nbval on the committed reports)
# Each step prints one line; a failure prints one line naming the file and the cause
# (`make VERBOSE=1` adds the traceback).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := all
MAKEFLAGS += --no-builtin-rules
.SUFFIXES:

PYTHON ?= python3
# This checkout's helpers come first, even when .venv's editable install points elsewhere
# (the pipeline tests build scratch copies of the project with the same .venv).
export PYTHONPATH := $(CURDIR)/src
export VERBOSE
VENV := .venv
# matplotlib's font cache (and configuration folder) lives in the venv, built when the venv is:
# no kernel builds it on a fresh machine, and a matplotlibrc in the user's home changes no report.
export MPLCONFIGDIR := $(CURDIR)/$(VENV)/share/matplotlib
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
KERNEL := migration-ca

# ---- What each output depends on ----------------------------------------------------------
# $(call files,DIR): the files under DIR, sorted; hidden files, __pycache__ and *.pyc never count.
files = $(shell find $(1) -name '.*' ! -name . -prune -o -name __pycache__ -prune -o -type f ! -name '*.pyc' -print 2>/dev/null | LC_ALL=C sort)
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
REPORT_HTML := $(patsubst notebooks/%.ipynb,reports/%.html,$(NOTEBOOKS))
REPORT_IPYNB := $(REPORT_HTML:.html=.ipynb)
INDEX := reports/index.html
RAW := $(call files,data/raw)
SRC := $(call files,src/helpers)
BUILD := src/helpers/build
# What a notebook imports: the analysis library (everything but the build machinery and templates).
ANALYSIS := $(filter-out $(BUILD)/% src/helpers/templates/%,$(SRC))
REPORT_TEMPLATE := $(wildcard src/helpers/templates/compendium/*)
# Each tool: its module and the build modules it imports (tests/test_makefile.py checks both lists).
BUILD_COMMON := $(BUILD)/__init__.py $(BUILD)/atomic.py $(BUILD)/cli.py
# Each step runs in a process forked from a warm server, one per make run, that imported the
# libraries of every step and kernel once (helpers.build.warm; outputs are byte-identical to a cold
# run); `make WARM=0` runs each step as its own process, cold.
WARM ?= 1
ifeq ($(WARM),0)
STEP = $(PY) -m helpers.build.$(1)
else
STEP = $(PY) -m helpers.build.warm --owner $$PPID $(1)
endif
# The data step is followed by renders unless make was asked for no report (`make data`, `make
# test`): then the server imports nothing ahead for them.
DATA_ALONE := $(if $(MAKECMDGOALS),$(if $(filter-out data $(DATA_STAMP) test bench lint,$(MAKECMDGOALS)),,--alone))
DATA_CODE := $(BUILD)/data.py $(BUILD)/warm.py $(BUILD_COMMON)
RENDER_CODE := $(BUILD)/render.py $(BUILD)/kernel.py $(BUILD)/warm.py $(BUILD_COMMON)
# The index names a digest of these files (helpers.build.digest), so it depends on all of them.
INDEX_INPUTS := $(RAW) $(call files,notebooks) $(filter-out $(BUILD)/bench.py,$(SRC)) $(wildcard requirements.lock)

# The data step's stamp stands for the data: data/raw validated and data/processed written. It
# lists the tables the step wrote; one that is missing makes the step run again.
DATA_STAMP := data/processed/.built
BUILT := $(addprefix data/processed/,$(file < $(DATA_STAMP)))
MISSING_PROCESSED := $(filter-out $(wildcard $(BUILT)),$(BUILT))

# A deleted input leaves no time to compare, so each rule also depends on a listing of its inputs:
# $(call listing,NAME,FILES) is .make/NAME.list, rewritten (new time) only when the set of FILES
# changes. A new listing is dated 1970, so a first run rebuilds nothing on its account.
STATE := .make
listing = $(shell mkdir -p $(STATE) && f=$(STATE)/$(1).list && printf '%s\n' $(2) > $$f.new && \
  if [ ! -e $$f ]; then mv $$f.new $$f && touch -d @0 $$f; elif cmp -s $$f.new $$f; then rm $$f.new; \
  else mv $$f.new $$f; fi && echo $$f)
RAW_LIST := $(call listing,raw,$(RAW))
ANALYSIS_LIST := $(call listing,analysis,$(ANALYSIS) $(REPORT_TEMPLATE))
INDEX_LIST := $(call listing,index,$(INDEX_INPUTS))

# `make reports/NN_name.html PARAMS="-p year 2022"` re-renders with overridden parameters.
ifneq ($(strip $(PARAMS)),)
FORCE_RENDER := force
endif

PYTEST_ARGS ?=
ifeq ($(CI),true)
PYTEST_ARGS += -o console_output_style=classic
endif
# nbval's kernels too are forked by a warm server (owned by the pytest worker that starts them),
# through a stand-in kernel found on JUPYTER_PATH.
NBVAL_KERNEL := $(if $(filter 0,$(WARM)),$(KERNEL),$(KERNEL)-warm)
NBVAL_ARGS := --nbval --nbval-kernel-name $(NBVAL_KERNEL) --nbval-sanitize-with tests/nbval_sanitize.cfg
WARM_KERNELS := $(CURDIR)/src/helpers/build/jupyter

.PHONY: all venv lock data reports test lint lab clean distclean bench force
# An interrupted or failed step never deletes an output: each is written whole by its tool.
.PRECIOUS: reports/%.html reports/%.ipynb $(INDEX) $(DATA_STAMP)

all: $(DATA_STAMP) $(REPORT_HTML) $(INDEX)

# The venv is exactly requirements.lock (hash-checked; pip-sync removes anything else), then the
# project itself, editable, built with the lock's setuptools (no build isolation, nothing unpinned).
PIP := $(PY) -m pip --quiet --disable-pip-version-check
$(INSTALLED): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --require-hashes --no-deps -r requirements.lock
	$(PY) -m piptools sync --quiet --pip-args "--disable-pip-version-check" requirements.lock
	$(PIP) install --no-deps --no-build-isolation -e .
	$(PY) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (migration-ca)" >/dev/null
	$(PY) -c "import matplotlib.font_manager"
	touch $@

# Re-resolve every package within pyproject.toml's bounds (newest versions that fit), with hashes,
# and regenerate environment.yml; then `make` installs the new set. See README, "Pinned environment".
lock: | $(INSTALLED)
	$(PY) -m piptools compile --quiet --generate-hashes --allow-unsafe --strip-extras --extra test --extra dev \
	  --no-emit-index-url --no-emit-find-links --output-file requirements.lock pyproject.toml
	$(PY) -m helpers.build.lockfile

venv: $(INSTALLED)

data: $(DATA_STAMP)

# The data step writes the processed tables and its stamp as one set (a table only when its
# content changes). What reads the data depends on the stamp, a target make looks at again once
# the step has run, so under -j too nothing reads the tables before they are written.
$(DATA_STAMP): $(RAW) $(RAW_LIST) $(ANALYSIS) $(ANALYSIS_LIST) $(DATA_CODE) $(if $(MISSING_PROCESSED),force) | $(INSTALLED)
	@$(call STEP,$(strip $(if $(filter 0,$(WARM)),,$(DATA_ALONE)) data))

reports: $(REPORT_HTML) $(INDEX)

# A notebook reads the data and imports the analysis library; the render writes the two reports
# as one set (grouped target).
reports/%.html reports/%.ipynb &: notebooks/%.ipynb $(DATA_STAMP) $(ANALYSIS) $(ANALYSIS_LIST) $(RENDER_CODE) \
		$(REPORT_TEMPLATE) $(FORCE_RENDER) | $(INSTALLED)
	@$(call STEP,render) $< $(PARAMS)

# The landing page reads every report's key findings and the claims table, and names the
# digest of its inputs.
$(INDEX): $(REPORT_HTML) $(REPORT_IPYNB) $(DATA_STAMP) $(INDEX_INPUTS) $(INDEX_LIST) | $(INSTALLED)
	@$(call STEP,index)

# Tests run on every core (pytest-xdist); a notebook's nbval cells stay on one worker (loadscope).
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

test: $(DATA_STAMP) | $(INSTALLED)
	@tools/ensure-chromium
	JUPYTER_PATH=$(WARM_KERNELS)$(if $(JUPYTER_PATH),:$(JUPYTER_PATH)) \
	  $(PY) -m pytest $(PYTEST_ARGS) -n $(JOBS) --dist loadscope tests $(if $(wildcard $(REPORT_IPYNB)),$(NBVAL_ARGS) $(wildcard $(REPORT_IPYNB)))

# The same checks as the pre-commit hooks (.pre-commit-config.yaml), notebooks included.
lint: | $(INSTALLED)
	$(VENV)/bin/ruff check src tests notebooks
	$(VENV)/bin/ruff format --check src tests notebooks

lab: | $(INSTALLED)
	$(VENV)/bin/jupyter lab notebooks/

clean:
	rm -f reports/*.html reports/*.ipynb data/processed/*.csv $(DATA_STAMP)
	rm -rf $(STATE)
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) .pytest_cache .ruff_cache

bench: $(DATA_STAMP) | $(INSTALLED)
	@$(PY) -m helpers.build.bench

force:
