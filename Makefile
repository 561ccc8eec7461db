# Two entry points for a fresh machine with Python 3.11+: `make build` and `make test`.
# Each phase prints one line; pip shows its progress bars on a terminal and is quiet otherwise.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# pip's own progress on a terminal, nothing but errors in a pipe or a CI log.
PIP_QUIET := $(shell [ -t 1 ] || echo --quiet)
PIP := $(BIN)/python -m pip --disable-pip-version-check $(PIP_QUIET)
# One line per phase (no commas in the text: make would split it).
say = @echo "==> $(1)"

.PHONY: build lint check test bench lab notebooks

$(VENV)/.created:
	$(call say,creating the virtual environment in $(VENV))
	@$(PYTHON) -m venv $(VENV)
	@$(PIP) install --upgrade pip
	@touch $@

$(VENV)/.installed: pyproject.toml $(VENV)/.created
	$(call say,installing zonekg and its dependencies (about 2 minutes the first time))
	@$(PIP) install -e '.[test]'
	@touch $@

$(VENV)/.notebooks: pyproject.toml $(VENV)/.installed
	$(call say,installing what the notebooks need: nbclient nbconvert ipykernel matplotlib)
	@$(PIP) install -e '.[notebooks]'
	@touch $@

$(VENV)/.lab: pyproject.toml $(VENV)/.notebooks
	$(call say,installing JupyterLab)
	@$(PIP) install -e '.[lab]'
	@touch $@

build: $(VENV)/.installed
	$(call say,building the graph into build/)
	@$(BIN)/zonekg build

# What both check and test run first: lint, the architecture's contracts, the types.
lint: $(VENV)/.installed
	$(call say,ruff)
	@$(BIN)/ruff check src tests benchmarks
	$(call say,import contracts (lint-imports))
	@$(BIN)/lint-imports --no-cache
	$(call say,types (mypy))
	@$(BIN)/mypy

# The fast subset, to run while working (about 80 s on 2 cores): no slow, server, browser,
# java or notebook tests.
check: lint
	$(call say,pytest: the fast subset)
	@$(BIN)/python -m pytest -n 2 -m "not slow and not server and not browser and not java and not notebook"

# The whole suite, on both cores, in a random order (the seed is printed; rerun one order with
# --randomly-seed=N, or --randomly-seed=last for the last run's).
test: lint
	$(call say,pytest: the whole suite)
	@$(BIN)/python -m pytest -n 2

bench: $(VENV)/.installed
	@$(BIN)/python benchmarks/bench_build.py

# Every notebook run headless; the executed copies (.ipynb with outputs, and .html) in build/notebooks/.
notebooks: $(VENV)/.notebooks
	$(call say,building the graph)
	@$(BIN)/zonekg build -q
	$(call say,running the notebooks into build/notebooks/)
	@$(BIN)/zonekg notebooks

lab: $(VENV)/.lab
	$(call say,building the graph)
	@$(BIN)/zonekg build -q
	$(call say,opening notebooks/ in JupyterLab (Ctrl-C to stop))
	@$(BIN)/jupyter lab notebooks/
