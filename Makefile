# planwatch: two commands set everything up on a fresh machine.
#   make demo   install, load the bundled Pingshan plan, serve the dashboard
#   make test   install, run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: install demo test eval bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25"
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/planwatch demo

test: install
	$(BIN)/python -m pytest -q -n 2

eval: install
	$(BIN)/python benchmarks/eval.py --shared $(SHARED)

bench: install
	$(BIN)/python benchmarks/extract.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
