# planwatch: two commands set everything up on a fresh machine.
#   make demo   install, load the bundled Pingshan plan, serve the dashboard
#   make test   install, run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: install demo test eval bench clean

$(STAMP): pyproject.toml package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed to fetch ECharts for the dashboard (apt-get install nodejs npm)"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25"
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/planwatch demo

# Every test on SQLite; then, when PLANWATCH_TEST_DATABASE_URL names a PostgreSQL
# server (.ci/run starts one), the database tests again on PostgreSQL.
test: install
	$(BIN)/ruff check src tests benchmarks
	env -u PLANWATCH_TEST_DATABASE_URL $(BIN)/python -m pytest -q -n 2
	@if [ -n "$${PLANWATCH_TEST_DATABASE_URL:-}" ]; then \
	  echo "== database tests on PostgreSQL"; \
	  $(BIN)/python -m pytest -q -n 2 -m "not browser" tests/store tests/monitor tests/tasks tests/web; \
	fi

eval: install
	$(BIN)/python benchmarks/eval.py --shared $(SHARED)

bench: install
	$(BIN)/python benchmarks/extract.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
