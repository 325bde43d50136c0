# newsgraph: `make demo` builds the seed into out/, `make test` runs the tests,
# `make test-fast` all but the slow ones, `make lint` ruff and mypy.
# Both create .venv and install the project on first use (Python 3.11+, pip).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install demo test test-fast goldens fuzz lint namespace clean bench robustness

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)
	@echo "newsgraph is installed in .venv/bin: source .venv/bin/activate puts it on PATH"

demo: $(STAMP)
	mkdir -p out
	$(BIN)/newsgraph build seeds/ -o out/seed.ttl
	$(BIN)/newsgraph build seeds/ -o out/seed.trig
	$(BIN)/newsgraph validate out/seed.trig
	@echo "--- who accused whom (queries/accusations.rq) ---"
	$(BIN)/newsgraph query accusations --data out/seed.trig
	@echo "--- next: your own articles (README, 'Your own articles'): source .venv/bin/activate ---"

test: $(STAMP)
	$(BIN)/python -m pytest

# Everything but the tests marked slow (end-to-end builds, subprocesses, servers, long
# Hypothesis runs): under a minute, for the edit-test loop. `make test` stays the reference.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow"

# Rewrite tests/golden/ from the current output (the tests never write them): run it only
# after an intended change of the output, and review `git diff tests/golden` before committing.
goldens: $(STAMP)
	$(BIN)/python -m pytest -m golden --regen-golden

# The robustness tests with a long Hypothesis profile (hundreds of full builds on arbitrary
# Unicode, thousands of ingest inputs, 5,000 generated news-like articles) and 20 SIGKILLed builds.
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -s --hypothesis-show-statistics \
		tests/test_properties.py tests/publish/test_atomic_writes.py tests/test_bad_input.py \
		tests/test_security.py tests/test_news_grammar.py tests/test_linear_input.py

# Corpus benchmark (issues #6, #14): newsgraph build (process pool, and a local Dask cluster:
# --scheduler local) against the spaCy-only ceiling at N=200 and N=2000, 2 workers each,
# and canned-query latency on a ~1M-triple store; writes benchmarks/results.json.
# Not part of `make test` (about 20 minutes); BENCH_ARGS="--n 200 --triples 0" is quick.
BENCH_ARGS ?= --n 200 2000 --workers 2
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

# Build every article of DIR (several: DIR="a b"), counting failures by reason; exit 1 if any.
DIR ?= tests/articles seeds
robustness: $(STAMP)
	$(BIN)/python benchmarks/robustness.py $(DIR)

# ruff (pyproject.toml: pycodestyle, pyflakes, isort, bugbear, pyupgrade, simplify and
# McCabe complexity <= 15) and mypy on src/ (its settings are in pyproject.toml too);
# mypy runs even when ruff fails, so that one run shows everything.
lint: $(STAMP)
	$(BIN)/ruff check src tests scripts benchmarks; status=$$?; \
	$(BIN)/mypy || status=1; exit $$status

namespace: $(STAMP)
	$(BIN)/python scripts/gen_namespace.py

clean:
	rm -rf out build dist .pytest_cache .ruff_cache .mypy_cache
