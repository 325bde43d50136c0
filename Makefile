# newsgraph: `make demo` builds the seed into out/, `make test` runs the tests.
# Both create .venv and install the project on first use (Python 3.11+, pip).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install demo test lint namespace clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	mkdir -p out
	$(BIN)/newsgraph build seeds/ -o out/seed.ttl
	$(BIN)/newsgraph build seeds/ -o out/seed.trig
	$(BIN)/newsgraph validate out/seed.trig
	@echo "--- who accused whom (queries/accusations.rq) ---"
	$(BIN)/newsgraph query accusations --data out/seed.trig

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts benchmarks

namespace: $(STAMP)
	$(BIN)/python scripts/gen_namespace.py

clean:
	rm -rf out build dist .pytest_cache .ruff_cache
