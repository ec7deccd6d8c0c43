# Every target sets up .venv on first use: a fresh clone needs only Python 3 and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: migrate revision test check lint format sql review bench test-matrix server-start server-stop clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10) and "pgcanon needs Python >= 3.10, found " + sys.version.split()[0])'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

migrate: $(STAMP)  ## bring DATABASE_URL, or the embedded dev database, to head
	$(BIN)/pgcanon migrate

revision: $(STAMP)  ## the next Alembic revision from your edit to schema/, proven first: make revision m="add rating"
	@test -n "$(m)" || { echo 'make revision: say what it does: make revision m="add videos.rating"' >&2; exit 2; }
	$(BIN)/pgcanon revision -m "$(m)" $(args)

# One worker per core; both directions of a round-trip pair, and the drift fleet's tests, share a worker (loadgroup).
PYTEST_JOBS ?= auto

test: $(STAMP)  ## the test suite, on the embedded scratch cluster (or PGCANON_TEST_URL), one worker per core
	$(BIN)/python -m pytest -n $(PYTEST_JOBS) --dist loadgroup

check: $(STAMP)  ## the schema-equivalence gate CI runs
	$(BIN)/pgcanon check

test-matrix: $(STAMP)  ## the test suite on PostgreSQL 14, 15, 16, 17 and 18 (cached npm builds), one line per version
	scripts/test-matrix

LINT_PY := src tests benchmarks migrations

lint: $(STAMP)  ## ruff over the Python code, mypy over src/pgcanon, sqlfluff over the canonical DDL
	$(BIN)/ruff check $(LINT_PY)
	$(BIN)/mypy
	$(BIN)/sqlfluff lint schema/

format: $(STAMP)  ## rewrite the canonical DDL with sqlfluff fix, and apply ruff's safe fixes (imports, upgrades)
	$(BIN)/sqlfluff fix schema/
	$(BIN)/ruff check --fix $(LINT_PY)

sql: $(STAMP)  ## the SQL of the revisions not yet applied to DATABASE_URL (or of the head revision)
	$(BIN)/pgcanon sql

review: $(STAMP)  ## that SQL, then its measured locks, rewrites and rule findings (exit 1 on an error)
	$(BIN)/pgcanon sql
	$(BIN)/pgcanon review

bench: $(STAMP)  ## snapshot speed vs pg_dump and SQLAlchemy reflection
	$(BIN)/python benchmarks/bench.py

server-start: $(STAMP)
	$(BIN)/pgcanon server start

server-stop: $(STAMP)
	$(BIN)/pgcanon server stop

clean:  ## stop the embedded servers and remove .venv and .pgcanon (and the scratch cluster's memory)
	-test -x $(BIN)/pgcanon && $(BIN)/pgcanon server stop
	-for d in .pgcanon/scratch*; do test -L "$$d" && rm -rf "$$(dirname "$$(readlink "$$d")")"; done
	rm -rf $(VENV) .pgcanon
