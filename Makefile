# rednotice — two commands set everything up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements.lock
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test check lint typecheck imports audit lock bench install browsers clean screenshots i18n i18n-check

## the versions of requirements.lock (pip constraints: what the tests passed with), within pyproject's bounds
$(STAMP): pyproject.toml $(LOCK)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)

## make run: venv, install, migrate, demo data if the store is empty, serve on 127.0.0.1:8000
run: $(STAMP)
	$(BIN)/rednotice db upgrade
	$(BIN)/rednotice demo-data --if-empty
	$(BIN)/rednotice demo-logins --url http://$(HOST):$(PORT)
	$(BIN)/rednotice serve --host $(HOST) --port $(PORT)

## make test: everything tests need, then every test (PostgreSQL too when reachable; required with CI=true)
test: $(STAMP) browsers
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

browsers:
	@bash scripts/ensure-chromium.sh

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: $(STAMP)
	$(BIN)/mypy

imports: $(STAMP)
	$(BIN)/lint-imports

## make audit: known vulnerabilities in the installed dependencies (pip-audit; skipped when offline)
audit: $(STAMP)
	@bash scripts/audit.sh $(BIN) $(AUDIT_ARGS)

## make lock: resolve the dependencies afresh (newest within pyproject's bounds) into requirements.lock
lock: $(STAMP)
	$(BIN)/python -m pip install --dry-run --quiet --ignore-installed --report $(VENV)/lock-report.json -e '.[test,audit]'
	$(BIN)/python scripts/lock.py $(VENV)/lock-report.json > $(LOCK).new
	mv $(LOCK).new $(LOCK)

## make i18n: extract the texts people read, merge them into the fr/es/ar catalogues, compile them (docs/i18n.md)
i18n: $(STAMP)
	$(BIN)/python scripts/i18n.py

## make i18n-check: every catalogue complete (no missing, fuzzy or untranslated text) and compiled up to date
i18n-check: $(STAMP)
	$(BIN)/python scripts/i18n.py --check

## make check: ruff, mypy (strict on src and tests), the import contracts, the catalogues, the dependency audit, the tests (the contract suite on the fakes, SQLite and PostgreSQL among them: PostgreSQL is required, not skipped)
check: lint typecheck imports i18n-check audit
	REDNOTICE_REQUIRE_POSTGRES=1 $(MAKE) test

## make bench: benchmarks against a named baseline in the same run; prints ratios
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m benchmarks

## make screenshots: every role's main pages in the four languages, desktop and phone, into docs/screenshots/
screenshots: $(STAMP) browsers
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
