# The only place commands are defined. `make test` works on a fresh machine: it installs the
# system packages it needs (apt), a virtual environment with the project, then lints and tests.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-stamp
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install system-deps demo test lint fmt pytest eval bench atlas clean

# System libraries: cairo for PNG rendering of the atlas.
system-deps:
	@if ! ldconfig -p | grep -q 'libcairo.so.2'; then \
		echo "installing system packages (libcairo2)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcairo2 >/dev/null; \
	fi

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

pytest: install
	$(BIN)/pytest -q

test: lint pytest

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
	$(BIN)/python manage.py runserver --insecure 127.0.0.1:8000

eval: install
	$(BIN)/tonus eval eval/cases

bench: install
	$(BIN)/python bench/bench_core.py

atlas: install
	$(BIN)/python tools/generate_atlas.py
	$(BIN)/python tools/render_docs_atlas.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache var
