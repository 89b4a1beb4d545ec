# territoires-kg: `make demo` builds the sample graph and answers "who co-funds which post";
# `make test` runs the linters and the whole test suite. Both create .venv as needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_STORE := build/demo-store

.PHONY: demo test lint pytest docs bench clean check-wheel

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e . --group dev --group docs
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/tkg build corpus --store $(DEMO_STORE)
	$(BIN)/tkg validate --store $(DEMO_STORE)
	@echo
	@echo "Who co-funds which post (tkg query cofunding):"
	$(BIN)/tkg query cofunding --store $(DEMO_STORE) --format csv

lint: $(STAMP)
	$(BIN)/ruff check kg tests benchmarks scripts
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

test: lint pytest

check-wheel: $(STAMP)  ## the installed-wheel check alone (make test runs it too, as a pytest)
	bash tests/packaging/check_wheel.sh $(BIN)/python

docs: $(STAMP)  ## HTML documentation of the ontology, in docs/ontology/index.html
	$(BIN)/python scripts/build_ontology_docs.py

bench: $(STAMP)
	@for b in $(basename $(notdir $(filter-out benchmarks/__init__.py,$(wildcard benchmarks/*.py)))); do \
		echo "== $$b"; $(BIN)/python -m benchmarks.$$b || exit 1; done

clean:
	rm -rf $(VENV) build tkg-store
