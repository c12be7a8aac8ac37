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

# Until the web app lands: check the knowledge base and assess the example cases.
demo: install
	$(BIN)/tonus kb check
	@for f in examples/*.json; do echo; echo "=== $$f"; $(BIN)/tonus assess $$f | head -60; done
	$(BIN)/tonus atlas render --kind pain --pain head-temple-r=7 neck-lateral-r=4 shoulder-top-r=3 --out var/demo-pain-drawing.png
	@echo; echo "Pain drawing written to var/demo-pain-drawing.png; more: tonus --help"

eval: install
	$(BIN)/tonus eval eval/cases

bench: install
	$(BIN)/python bench/bench_core.py

atlas: install
	$(BIN)/python tools/generate_atlas.py
	$(BIN)/python tools/render_docs_atlas.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache var
