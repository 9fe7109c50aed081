# `make demo` and `make test` do all set-up themselves on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install demo test lint postgres chromium bench clean

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

# Crawls the bundled offline sample of every platform and a synthetic market into data/pasarkerja.db,
# summarises it and writes the report for the example curricula to data/report.html.
demo: install
	$(BIN)/python -m sample.demo

test: install postgres chromium lint
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .

postgres:
	bash scripts/ensure-postgres.sh

chromium:
	bash scripts/ensure-chromium.sh

bench: install
	$(BIN)/pip install --quiet -r requirements-bench.txt
	$(BIN)/python bench/crawl_throughput.py
	$(BIN)/python bench/skill_extraction.py
	$(BIN)/python bench/analysis_scale.py
	$(BIN)/python bench/skill_evaluation.py

clean:
	rm -rf $(VENV) data .pytest_cache
