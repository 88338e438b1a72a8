# planwatch: two commands set everything up on a fresh machine.
#   make demo   install, load the bundled Pingshan plan, serve the dashboard
#   make test   install, run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: install demo test eval bench docs locale clean

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

# Every test on SQLite; then, when PLANWATCH_TEST_DATABASE_URL names a PostgreSQL server (.ci/run starts one), again
# on PostgreSQL each test that gets a test database (marked `database` by tests/conftest.py) and tests more than what
# lies above the database (not `dialect_free`: HTTP handling, permissions, forms, wording) and is no browser test: the
# store, ingest, monitoring, reports, evaluation and the pages' and API's queries.
test: install
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/mypy
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet
	env -u PLANWATCH_TEST_DATABASE_URL $(BIN)/python -m pytest -q -n 2
	@if [ -n "$${PLANWATCH_TEST_DATABASE_URL:-}" ]; then \
	  echo "== database tests on PostgreSQL"; \
	  $(BIN)/python -m pytest -q -n 2 -m "database and not dialect_free and not browser" tests/store tests/monitor \
	    tests/tasks tests/web tests/pipeline tests/report tests/evaluate; \
	fi

eval: install
	$(BIN)/python benchmarks/eval.py --shared $(SHARED)

bench: install
	$(BIN)/python benchmarks/extract.py

# The manual: regenerate the reference pages from the code, then serve it on 127.0.0.1:8001.
docs: install
	$(BIN)/python tools/docs_reference.py
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8001

# The dashboard's message catalogues: re-extract messages.pot from the code and templates, update the zh and en
# .po files from it (translations kept; a message no longer used becomes obsolete, #~). Then translate each empty
# msgstr of src/planwatch/locale/zh/LC_MESSAGES/messages.po (tests/web/test_i18n.py fails until you have).
locale: install
	$(BIN)/python tools/catalogues.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
