# The only place commands are defined. `make test` works on a fresh machine: it installs the
# system packages it needs (apt), a virtual environment with the project, then lints and tests.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-stamp
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install system-deps demo serve test lint fmt pytest pytest-postgres eval bench atlas clean

# Debian packages (cairo, pango, poppler, chromium, postgresql): only the missing ones.
system-deps:
	@bash scripts/system-deps.sh

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

install: system-deps $(STAMP)

lint: install
	$(BIN)/ruff check tonus tests bench tools
	$(BIN)/mypy
	$(BIN)/lint-imports

fmt: install
	$(BIN)/ruff check --fix tonus tests bench tools

# On SQLite, whatever the shell exports.
pytest: install
	env -u TONUS_DATABASE_URL $(BIN)/pytest -q

# The same suite against PostgreSQL: a throwaway server on 127.0.0.1:54329 (scripts/).
pytest-postgres: install
	bash scripts/test-postgres.sh run $(BIN)/pytest -q

test: lint pytest pytest-postgres

# The web app with demo data: http://127.0.0.1:8000 (stop with Ctrl-C). Data lives in var/.
demo: install
	$(BIN)/python manage.py tonus_init
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed_demo
	@echo
	@echo "Tonus is starting at http://127.0.0.1:8000"
	@echo "  therapists: alice, ben   clinic admin: morgan   (Harbour Street Clinic)"
	@echo "  other clinic: carol      password for all demo accounts: harbour-demo-2025"
	@echo
	@# --insecure only lets runserver serve the CSS with debug pages off (no traceback leaks).
	$(BIN)/python manage.py db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; $(BIN)/python manage.py runserver --insecure 127.0.0.1:8000

# As a clinic server runs it: gunicorn (static files by WhiteNoise) and the task worker, on
# http://127.0.0.1:8000 by default; docs/deploy.md for HTTPS, PostgreSQL and backups.
serve: install
	bash scripts/serve.sh

eval: install
	$(BIN)/tonus eval eval/cases $(wildcard eval/published)

bench: install
	$(BIN)/python bench/bench_core.py
	$(BIN)/python bench/bench_vision.py
	$(BIN)/python bench/bench_movement.py
	$(BIN)/python bench/bench_worker.py
	$(BIN)/python bench/bench_web.py
	$(BIN)/python bench/bench_documents.py
	$(BIN)/python bench/bench_uploads.py

atlas: install
	$(BIN)/python tools/generate_atlas.py
	$(BIN)/python tools/render_docs_atlas.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache var
