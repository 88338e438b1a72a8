# planwatch: two commands set everything up on a fresh machine.
#   make demo   install, load the bundled Pingshan plan, serve the dashboard
#   make test   install, run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: install demo test screenshots eval bench docs locale clean

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
# on PostgreSQL each test given a test database (marked `database` by tests/conftest.py, browser tests left out) of
# PG_TESTS: the store and the ingest pipeline whole (every write, the bulk loader, migrations, search), and the modules
# that send every page and API request (test_pages, test_api_schemas, test_hardening's ids beyond 64 bits), and those of
# the other queries and writes that differ by dialect (search, paging, supervision, actuals, entry, deletion, reports,
# assessment across plans, evaluation). What lies above the database (permissions, forms, wording) is the same on both.
PG_TESTS := tests/store tests/pipeline tests/web/test_pages.py tests/web/test_api_schemas.py tests/web/test_hardening.py \
	tests/web/test_search.py tests/web/test_api_paging.py tests/web/test_scale_pages.py tests/web/test_supervision.py \
	tests/web/test_actuals_import.py tests/web/test_entry.py tests/web/test_plan_delete.py \
	tests/web/test_governments_api.py tests/web/test_copy_database.py tests/web/test_accounts.py \
	tests/report/test_report.py tests/monitor/test_consecutive_reports.py tests/tasks/test_task_store.py \
	tests/evaluate/test_coverage.py

# A command run after the checks, before the tests: .ci/run installs PostgreSQL, Chromium and LibreOffice meanwhile and
# names here the command that waits for them.
WAIT_FOR_SERVICES ?= true

# The tests may write bytecode even where PYTHONDONTWRITEBYTECODE is set: pytest keeps the test modules it rewrites
# (their asserts) in __pycache__, so the PostgreSQL pass, and the next run, collect in half the time.
PYTEST := env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -q -n 2

test: install
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/mypy
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet
	$(BIN)/python -m compileall -q src  # bytecode once, for the many processes the tests start (where none is written)
	$(WAIT_FOR_SERVICES)
	env -u PLANWATCH_TEST_DATABASE_URL $(PYTEST)
	@if [ -n "$${PLANWATCH_TEST_DATABASE_URL:-}" ]; then \
	  echo "== database tests on PostgreSQL"; \
	  $(PYTEST) -m "database and not browser" $(PG_TESTS); \
	fi

# The dashboard's screenshots (test-artifacts/*.png; docs/screenshots holds copies): the browser tests, saving them.
screenshots: install
	PLANWATCH_SCREENSHOTS=1 $(PYTEST) -m browser tests/web tests/monitor

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
