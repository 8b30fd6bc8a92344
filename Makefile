# Front door of the compendium. Any make from 3.81 on (macOS ships 3.81), any POSIX sh.
# Each step prints one line; a failure prints one line naming the file and the cause
# (`make VERBOSE=1` adds the traceback). `make help` lists the targets.
SHELL = /bin/sh
.SUFFIXES:

# make reads and writes paths relative to the project folder: run it there.
ifneq ($(realpath $(dir $(lastword $(MAKEFILE_LIST)))),$(realpath $(CURDIR)))
$(error run make in the project folder, not in $(CURDIR): cd $(dir $(lastword $(MAKEFILE_LIST))) && make)
endif

PYTHON = python3
PYTHON_WANTED = 3.11
# This checkout's helpers come first, even when .venv's editable install points elsewhere
# (the pipeline tests build scratch copies of the project with the same .venv).
export PYTHONPATH := $(CURDIR)/src
export VERBOSE
# Parameters reach the renderer as data, through the environment, never through the shell.
export PARAMS
VENV = .venv
# matplotlib's font cache (and configuration folder) lives in the venv, built when the venv is:
# no kernel builds it on a fresh machine, and a matplotlibrc in the user's home changes no report.
export MPLCONFIGDIR := $(CURDIR)/$(VENV)/share/matplotlib
# Python caches the bytecode of src/ and tests/ as it does by default (.venv's is compiled at
# install), even where PYTHONDONTWRITEBYTECODE is set, as in many CI images: otherwise each of a
# test run's hundred Python processes compiles the helpers again and every pytest worker rewrites
# every test module. The caches are in __pycache__ folders: git ignores them, `make clean` removes them.
unexport PYTHONDONTWRITEBYTECODE
PY = $(VENV)/bin/python
UV = $(VENV)/bin/uv
INSTALLED = $(VENV)/.installed
KERNEL = python3

# ---- What each output depends on ----------------------------------------------------------
# $(call files,DIR): the files under DIR, sorted; hidden files, __pycache__ and *.pyc never count.
files = $(shell find $(1) -name '.*' ! -name . -prune -o -name __pycache__ -prune -o -type f ! -name '*.pyc' -print 2>/dev/null | LC_ALL=C sort)
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
REPORT_HTML := $(patsubst notebooks/%.ipynb,reports/%.html,$(NOTEBOOKS))
REPORT_IPYNB := $(REPORT_HTML:.html=.ipynb)
INDEX = reports/index.html
RAW := $(call files,data/raw)
SRC := $(call files,src/helpers)
BUILD = src/helpers/build
# Report code no notebook imports: the HTML export, the landing page and its digest, the lock tool.
REPORT_CODE = src/helpers/export.py src/helpers/index.py src/helpers/digest.py src/helpers/lockfile.py src/helpers/catalogs.py
# What a notebook imports: the analysis library (everything but the build machinery, the report
# code and the templates).
ANALYSIS := $(filter-out $(BUILD)/% $(REPORT_CODE) src/helpers/templates/%,$(SRC))
REPORT_TEMPLATE := $(wildcard src/helpers/templates/compendium/*)
# Each tool: its module and the build modules it imports (tests/test_makefile.py checks both lists).
BUILD_COMMON = $(BUILD)/__init__.py $(BUILD)/atomic.py $(BUILD)/cli.py
DATA_CODE = $(BUILD)/data.py $(BUILD_COMMON)
RENDER_CODE = $(BUILD)/render.py $(BUILD)/kernel.py src/helpers/export.py src/helpers/digest.py $(BUILD_COMMON)
# The index names a digest of these files (helpers.digest), so it depends on all of them.
INDEX_INPUTS := $(RAW) $(call files,notebooks) $(filter-out $(BUILD)/bench.py,$(SRC)) $(wildcard requirements.lock)

# The data step's stamp stands for the data: data/raw validated and data/processed written. It
# lists the tables the step wrote; one that is missing makes the step run again, and one edited
# by hand is newer than the stamp, so the step rewrites it.
DATA_STAMP = data/processed/.built
BUILT := $(addprefix data/processed/,$(shell cat $(DATA_STAMP) 2>/dev/null))
PROCESSED := $(wildcard $(BUILT))
MISSING_PROCESSED := $(filter-out $(PROCESSED),$(BUILT))

# A deleted input leaves no time to compare, so each rule also depends on a listing of its inputs:
# $(call listing,NAME,FILES) is .make/NAME.list, rewritten (new time) only when the set of FILES
# changes. A new listing is dated 1980, so a first run rebuilds nothing on its account.
STATE = .make
listing = $(shell mkdir -p $(STATE) && f=$(STATE)/$(1).list && printf '%s\n' $(2) > $$f.new && \
  if [ ! -f $$f ]; then mv $$f.new $$f && touch -t 198001010000 $$f; elif cmp -s $$f.new $$f; then rm $$f.new; \
  else mv $$f.new $$f; fi && echo $$f)
RAW_LIST := $(call listing,raw,$(RAW))
ANALYSIS_LIST := $(call listing,analysis,$(ANALYSIS) $(REPORT_TEMPLATE))
INDEX_LIST := $(call listing,index,$(INDEX_INPUTS))

# The venv is rebuilt when it no longer is what its stamp recorded: made by another Python, or a
# package folder deleted or added (tools/venv-state prints both, cheaply).
VENV_DRIFT := $(shell tools/venv-state $(VENV) | cmp -s - $(INSTALLED) || echo force)

# `make reports/NN_name.html PARAMS="-p year 2022"` re-renders with overridden parameters.
ifneq ($(strip $(PARAMS)),)
FORCE_RENDER = force
endif
# A report older than an input but current by content (a fresh clone's checkout order) is only
# touched: helpers.digest.report_is_current.
RENDER = $(PY) -m helpers.build.render --params-from-env --unless-current

# Translations: each language's catalog messages.po, compiled to the messages.mo a report reads.
CATALOGS_PO := $(wildcard src/helpers/locale/*/LC_MESSAGES/messages.po)
CATALOGS_MO := $(CATALOGS_PO:.po=.mo)
PYTEST_ARGS =
NBVAL_ARGS = --nbval --nbval-kernel-name $(KERNEL) --nbval-sanitize-with tests/nbval_sanitize.cfg

.PHONY: all help venv lock data catalogs reports restore-report test lint lab clean distclean bench force
# An interrupted or failed step never deletes an output: each is written whole by its tool.
.PRECIOUS: reports/%.html reports/%.ipynb $(INDEX) $(DATA_STAMP) $(CATALOGS_MO)

all: $(CATALOGS_MO) $(DATA_STAMP) $(REPORT_HTML) $(REPORT_IPYNB) $(INDEX) ## set up .venv, build data/processed, render every report and the index

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' Makefile | sed 's/:.*## /	/' | expand -t 16

# The venv is exactly requirements.lock, installed by uv (itself bootstrapped by pip from a
# hash-pinned requirement), hash-checked, nothing else; then the project, editable, built with the
# lock's setuptools (no build isolation, nothing unpinned). Bytecode is compiled at install, as pip
# does and uv does not by default: without it every kernel and test compiles pandas, statsmodels
# and matplotlib again (3 s more per kernel, more than doubling `make test`).
$(INSTALLED): pyproject.toml requirements.lock tools/uv-requirement.txt $(if $(VENV_DRIFT),force)
	@v=`$(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null` || v=none; \
	  if [ "$$v" != $(PYTHON_WANTED) ]; then \
	    echo "make: requirements.lock is for Python $(PYTHON_WANTED), but $(PYTHON) is $$v; run make PYTHON=python$(PYTHON_WANTED)" >&2; exit 1; fi
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r tools/uv-requirement.txt
	$(UV) pip sync --quiet --no-config --python $(PY) --require-hashes --compile-bytecode requirements.lock
	$(UV) pip install --quiet --no-config --python $(PY) --no-deps --no-build-isolation -e .
	$(PY) -c "import matplotlib.font_manager"
	@# Outputs of notebooks/ never reach a commit: the nbstripout git filter and the pre-commit hooks.
	tools/install-git-filters $(VENV)
	tools/venv-state $(VENV) > $@

# Re-resolve every package within pyproject.toml's bounds (newest versions that fit), with hashes,
# and regenerate environment.yml; then `make` installs the new set. See README, "Pinned environment".
lock: | $(INSTALLED) ## re-resolve requirements.lock within pyproject.toml's bounds
	$(PY) -m piptools compile --quiet --generate-hashes --allow-unsafe --strip-extras --extra test --extra dev \
	  --no-emit-index-url --no-emit-find-links --output-file requirements.lock pyproject.toml
	$(PY) -m helpers.lockfile

venv: $(INSTALLED) ## create .venv from requirements.lock (repaired when it drifts)

data: $(DATA_STAMP) ## validate data/raw and write data/processed

# Every catalog is compiled by one run (each .mo written whole, only when its content changes).
src/helpers/locale/%/LC_MESSAGES/messages.mo: src/helpers/locale/%/LC_MESSAGES/messages.po src/helpers/catalogs.py | $(INSTALLED)
	@$(PY) -m helpers.catalogs compile && touch $@

catalogs: $(CATALOGS_MO) ## compile the translation catalogs and report each language's coverage
	@$(PY) -m helpers.catalogs coverage

# The data step writes the processed tables and its stamp as one set (a table only when its
# content changes). What reads the data depends on the stamp, a target make looks at again once
# the step has run, so under -j too nothing reads the tables before they are written.
$(DATA_STAMP): $(RAW) $(RAW_LIST) $(ANALYSIS) $(ANALYSIS_LIST) $(DATA_CODE) $(PROCESSED) $(if $(MISSING_PROCESSED),force) | $(INSTALLED)
	@$(PY) -m helpers.build.data

reports: $(REPORT_HTML) $(REPORT_IPYNB) $(INDEX) ## render every report and the index

# A notebook reads the data and imports the analysis library; the render writes the .html and
# then the .ipynb as one set. The .html is make's target; the .ipynb, written last, is never older.
reports/%.html: notebooks/%.ipynb $(DATA_STAMP) $(ANALYSIS) $(ANALYSIS_LIST) $(RENDER_CODE) \
		$(REPORT_TEMPLATE) $(FORCE_RENDER) | $(INSTALLED)
	@$(RENDER) $<

# Only a deleted .ipynb needs this: its .html is current, so the set is written again.
reports/%.ipynb: reports/%.html
	@if [ ! -f $@ ]; then $(RENDER) notebooks/$*.ipynb; fi

# `make restore-report NB=02_kazakhstan`: render that report again with its default parameters,
# and nothing else.
restore-report: | $(INSTALLED) ## re-render report NB (e.g. NB=02_kazakhstan) with default parameters
	@if [ -z "$(NB)" ]; then echo "make restore-report: name the report, e.g. make restore-report NB=02_kazakhstan" >&2; exit 1; fi
	@PARAMS= $(PY) -m helpers.build.render notebooks/$(NB).ipynb

# The landing page reads every report's key findings and the claims table, and names the
# digest of its inputs.
$(INDEX): $(REPORT_HTML) $(REPORT_IPYNB) $(DATA_STAMP) $(INDEX_INPUTS) $(INDEX_LIST) | $(INSTALLED)
	@$(PY) -m helpers.index

# Tests run on every core (pytest-xdist); a notebook's nbval cells stay on one worker (loadscope),
# and scopes are handed out in collection order, the slow ones first (tests/conftest.py).
# They check the committed outputs, so these must exist: make builds them, make test does not.
test: $(DATA_STAMP) | $(INSTALLED) ## run every test (the reports must exist: run make first)
	@missing='$(filter-out $(wildcard $(REPORT_HTML) $(REPORT_IPYNB) $(INDEX)),$(REPORT_HTML) $(REPORT_IPYNB) $(INDEX))'; \
	  if [ -n "$$missing" ]; then echo "make test: $$missing missing; run make first" >&2; exit 1; fi
	$(PY) -m pytest $(PYTEST_ARGS) -n auto --dist loadscope --no-loadscope-reorder tests $(NBVAL_ARGS) $(REPORT_IPYNB)

# The same checks as the pre-commit hooks (.pre-commit-config.yaml), notebooks included.
lint: | $(INSTALLED) ## ruff check and format check
	$(VENV)/bin/ruff check src tests notebooks
	$(VENV)/bin/ruff format --check src tests notebooks

lab: | $(INSTALLED) ## JupyterLab at the project root (notebooks/, data/, reports/ in view)
	$(VENV)/bin/jupyter lab

clean: ## remove generated files (reports, processed tables)
	rm -f reports/*.html reports/*.ipynb data/processed/*.csv $(DATA_STAMP)
	rm -rf $(STATE)
	@# src and tests only: .venv's bytecode, compiled at install, keeps every kernel quick
	find src tests -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean ## also remove .venv
	rm -rf $(VENV) .pytest_cache .ruff_cache

bench: $(DATA_STAMP) | $(INSTALLED) ## time the build and the tests (hyperfine), into reports/benchmarks.md
	@$(PY) -m helpers.build.bench

force:
