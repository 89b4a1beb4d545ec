# territoires-kg: `make demo` builds the sample graph and answers "who co-funds which post";
# `make test` runs the linters and the fast tier of the tests (75-85 s on 2 cores, timed);
# `make test-all` runs the linters and every test, with the system packages they need (what CI runs).
# All create .venv as needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_WORKERS ?= auto
DEMO_STORE := build/demo-store

.PHONY: demo test test-all lint pytest docs bench clean check-wheel yasgui serve system-deps

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e . --group dev
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/tkg build corpus --store $(DEMO_STORE)
	$(BIN)/tkg validate --store $(DEMO_STORE)
	@echo
	@echo "Who co-funds which post (tkg query cofunding):"
	$(BIN)/tkg query cofunding --store $(DEMO_STORE) --format csv

lint: $(STAMP)
	$(BIN)/ruff check kg tools tests benchmarks scripts
	$(BIN)/mypy

system-deps:  ## Debian packages the tests use (Java, Chromium, nginx, npm, fonts), installed when missing
	bash scripts/system-deps.sh

# The fast tier: every test but those marked hermit, server, browser, pdf, packaging or slow
# (pyproject.toml, [tool.pytest.ini_options]), on every core; tests marked xdist_group share a
# worker (the pySHACL runs over the fixtures of tests/shapes/, see tests/shapes/shacl.py).
# It needs no system package.
test: $(STAMP)
	@start=$$(date +%s); \
	$(MAKE) --no-print-directory lint && $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup; status=$$?; \
	echo "make test: $$(( $$(date +%s) - start )) s (lint and the fast tier; make test-all runs every test)"; \
	exit $$status

# Every test, one at a time: the Java reasoner, the servers, Chromium, PDFs, the wheel, the slow ones.
pytest: $(STAMP) system-deps yasgui
	$(BIN)/pytest -m ""

test-all: lint pytest

check-wheel: $(STAMP)  ## the installed-wheel check alone (make test-all runs it too, as a pytest)
	bash tests/packaging/check_wheel.sh $(BIN)/python

docs: $(STAMP)  ## HTML documentation of the ontology, in docs/ontology/index.html
	$(BIN)/python scripts/build_ontology_docs.py

# The YASGUI query editor of /sparql, from the npm registry (MIT); never committed, shipped in
# the wheel when present. `tkg serve` says on /sparql when it is missing.
YASGUI_VERSION := 4.6.2
YASGUI_DIR := kg/serve/static/yasgui
YASGUI_NPM := build/npm/node_modules/@zazuko/yasgui

yasgui: $(YASGUI_DIR)/yasgui.min.js

$(YASGUI_DIR)/yasgui.min.js: | system-deps
	npm install --silent --no-audit --no-fund --ignore-scripts --prefix build/npm @zazuko/yasgui@$(YASGUI_VERSION)
	mkdir -p $(YASGUI_DIR)
	cp $(YASGUI_NPM)/build/yasgui.min.js $(YASGUI_NPM)/build/yasgui.min.css $(YASGUI_NPM)/package.json $(YASGUI_DIR)/
	cp $(YASGUI_NPM)/LICENSE $(YASGUI_DIR)/ 2>/dev/null || true

serve: $(STAMP) yasgui  ## serve the demo store on http://127.0.0.1:8080/
	$(BIN)/tkg build corpus --store $(DEMO_STORE)
	$(BIN)/tkg serve --store $(DEMO_STORE)

bench: $(STAMP)
	@for b in $(basename $(notdir $(filter-out benchmarks/__init__.py,$(wildcard benchmarks/*.py)))); do \
		echo "== $$b"; $(BIN)/python -m benchmarks.$$b || exit 1; done

clean:
	rm -rf $(VENV) build tkg-store
