# imio.municipal — development and operation commands. `make help` lists them.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
PYTHON_VERSION ?= 3.11
VENV := .venv
BIN := $(VENV)/bin
INSTALL_STAMP := $(VENV)/.install.stamp
# uv from PATH, else the one `make install` puts next to $(PYTHON)
UV = $(shell command -v uv 2>/dev/null || echo "$(PYTHON) -m uv")
PYTEST_ARGS ?=
LINT_PATHS := $(wildcard src tests scripts benchmarks)
ZPRETTY := $(BIN)/zpretty --include '\.(pt|xml|zcml)$$' src
# compile the .po catalogs when Zope (or the test layers) start
export zope_i18n_compile_mo_files := true

BUILDOUT_VENV := var/buildout-venv
BUILDOUT_PORT := 8081

.PHONY: help
help: ## Show this help
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z0-9_.-]+:.*## / {printf "  %-16s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

## Install

.PHONY: install
install: $(INSTALL_STAMP) ## Create .venv and install the package with its pinned dependencies

$(INSTALL_STAMP): setup.py pyproject.toml constraints.txt | uv
	@[ -x $(BIN)/python ] || $(UV) venv -p $(PYTHON_VERSION) $(VENV)
	$(UV) pip install -p $(BIN)/python -c constraints.txt -e ".[test,dev,relstorage]"
	@touch $@

.PHONY: uv
uv:
	@command -v uv >/dev/null || $(PYTHON) -m uv --version >/dev/null 2>&1 \
		|| $(PYTHON) -m pip install --quiet uv \
		|| $(PYTHON) -m pip install --quiet --break-system-packages uv

## Run

.PHONY: run
run: install libreoffice ## Start ZEO, LibreOffice and Zope on http://localhost:8080/Plone (foreground; Ctrl-C stops)
	@scripts/run.sh

.PHONY: run-bg
run-bg: install libreoffice ## Same as run, detached; output in var/log/run.log
	@mkdir -p var/log
	@setsid scripts/run.sh >var/log/run.log 2>&1 </dev/null &
	@echo "Starting in the background: tail -f var/log/run.log; \`make stop\` stops it."

.PHONY: stop
stop: ## Stop what `make run` / `make run-bg` started
	@scripts/stop.sh

.PHONY: config
config: ## Only render etc/*.in into var/etc
	@scripts/run.sh config

## Scale-out (RelStorage + PostgreSQL, two Zope processes behind HAProxy)

.PHONY: run-cluster
run-cluster: install cluster-packages ## Start PostgreSQL, 2 Zope processes, the worker and HAProxy on http://localhost:8090/Plone (detached)
	@scripts/cluster.sh start

.PHONY: stop-cluster
stop-cluster: ## Stop what `make run-cluster` started (PostgreSQL too)
	@scripts/cluster.sh stop

.PHONY: status-cluster
status-cluster: ## Which processes of the cluster run, and HAProxy's view of them
	@scripts/cluster.sh status

# Backups (docs/operations.md): BACKUP_DIR, BACKUP_KEEP full backups (or
# dumps) kept, FULL=1 for a full backup, AT=YYYY-MM-DD[-HH[-MM[-SS]]] (UTC) to
# restore an older one.
BACKUP_DIR ?= var/backups
BACKUP_KEEP ?= 7
BACKUP = $(BIN)/municipal-backup --target $(BACKUP_DIR)
CLUSTER_DSN = dbname=imio_municipal user=plone host=127.0.0.1 port=$$(source etc/ports.env; echo $$PG_PORT)
# `make run`'s access journal when ACCESS_JOURNAL is a postgresql:// URI
# (scripts/run.sh); otherwise its SQLite file, found beside var/filestorage
RUN_JOURNAL = $(if $(filter postgresql://% postgres://%,$(ACCESS_JOURNAL)),--journal-dsn "$(ACCESS_JOURNAL)")
# the cluster's access journal: a database of its own (scripts/cluster.sh)
JOURNAL_DSN = dbname=imio_municipal_journal user=plone host=127.0.0.1 port=$$(source etc/ports.env; echo $$PG_PORT)

.PHONY: backup
backup: install ## Back up the database of `make run` (Data.fs + blobs + access journal) while it runs
	$(BACKUP) backup --keep $(BACKUP_KEEP) $(if $(FULL),--full) $(RUN_JOURNAL)

.PHONY: restore
restore: install ## Put back the newest backup (AT=… for an older one); `make stop` first
	$(BACKUP) restore $(if $(AT),--at $(AT)) $(RUN_JOURNAL)

PACK_DAYS ?= 7

.PHONY: pack
pack: install ## Pack the database of `make run` while it runs: drop revisions older than PACK_DAYS days
	$(BIN)/zeopack -d $(PACK_DAYS) $$(source etc/ports.env; echo $$ZEO_ADDRESS)

.PHONY: backup-cluster
backup-cluster: install ## Back up the cluster's PostgreSQL databases (blobs, access journal) while it runs
	$(BACKUP)/cluster backup --dsn "$(CLUSTER_DSN)" --journal-dsn "$(JOURNAL_DSN)" --keep $(BACKUP_KEEP)

.PHONY: restore-cluster
restore-cluster: install ## Stop the cluster, put back the newest dump (AT=…), keep PostgreSQL up
	@scripts/cluster.sh stop
	@scripts/cluster.sh postgres
	$(BACKUP)/cluster restore --dsn "$(CLUSTER_DSN)" --journal-dsn "$(JOURNAL_DSN)" $(if $(AT),--at $(AT))
	@echo "Restored. Start the cluster again: make run-cluster"

# PostgreSQL and HAProxy from Debian, installed when root and missing.
.PHONY: cluster-packages
cluster-packages:
	@if { ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || [ ! -x /usr/sbin/haproxy ]; } \
			&& [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update && apt-get install -y --no-install-recommends postgresql haproxy; \
	fi

## Quality

.PHONY: test
# The browser and axe-core are installed above: their checks fail, not skip, without them.
test: install chromium libreoffice axe-core ## Run the test suite (PYTEST_ARGS="-k foo" to select)
	MUNICIPAL_BROWSER_CHECKS_REQUIRED=1 $(BIN)/pytest $(PYTEST_ARGS)

# The Plone-free rules (tests/**/unit/): no Plone layer is set up for them.
UNIT_TESTS := $(shell find tests -type d -name unit -not -path '*/__pycache__*' 2>/dev/null | sort)
.PHONY: test-unit
test-unit: install ## Run only the Plone-free unit tests (seconds, no Plone layer)
	$(BIN)/pytest $(UNIT_TESTS) $(PYTEST_ARGS)

# Browser tests use Debian's Chromium (never `playwright install`).
.PHONY: chromium
chromium:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update && apt-get install -y --no-install-recommends chromium; \
	fi

# Accessibility and HTML checks of the browser tests: axe-core and vnu-jar
# (the Nu HTML checker, run with Java) from npm, pinned in
# tests/e2e/package-lock.json (node_modules/ is not committed). npm comes from
# Debian (nodejs npm) when root; without axe-core the a11y tests skip, or fail
# with CI=true.
E2E_DIR := tests/e2e
.PHONY: axe-core
axe-core:
	@if [ ! -d $(E2E_DIR)/node_modules/axe-core ] || [ ! -d $(E2E_DIR)/node_modules/vnu-jar ]; then \
		if ! command -v npm >/dev/null && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update && apt-get install -y --no-install-recommends nodejs npm; \
		fi; \
		if ! command -v npm >/dev/null; then \
			echo "npm is missing: the accessibility checks of tests/e2e will not run" >&2; \
		elif ! npm ci --prefix $(E2E_DIR) --no-audit --no-fund; then \
			echo "npm ci failed: the accessibility checks of tests/e2e will not run" >&2; \
			[ "$${CI:-}" != true ]; \
		fi; \
	fi
	@if ! command -v java >/dev/null && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update && apt-get install -y --no-install-recommends default-jre-headless; \
	fi

# Documents: LibreOffice renders PDF and DOCX (headless server, UNO Python);
# poppler-utils reads PDFs in the tests. Installed when root on Debian.
LIBREOFFICE_PACKAGES := libreoffice-writer-nogui python3-uno poppler-utils
.PHONY: libreoffice
libreoffice:
	@if { [ ! -x /usr/lib/libreoffice/program/soffice.bin ] || [ ! -x /usr/bin/pdftotext ] \
			|| ! /usr/bin/python3 -c 'import uno' 2>/dev/null; } \
			&& [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update && apt-get install -y --no-install-recommends $(LIBREOFFICE_PACKAGES); \
	fi

.PHONY: lint
lint: install ## ruff check, ruff format --check, zpretty --check, the import contract (lint-imports)
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)
	$(ZPRETTY) --check
	$(BIN)/lint-imports --no-cache

.PHONY: format
format: install ## Fix what `make lint` reports (where it can)
	$(BIN)/ruff check --fix $(LINT_PATHS)
	$(BIN)/ruff format $(LINT_PATHS)
	$(ZPRETTY) --inplace

.PHONY: workflows
workflows: ## Regenerate the generated workflows (definition.xml + .md) from scripts/workflows/*_spec.py
	$(PYTHON) scripts/workflows/wfgen.py --all

.PHONY: i18n
i18n: install ## Rebuild the .pot and sync the .po catalogs
	bash scripts/i18n.sh

.PHONY: bench
bench: install libreoffice ## Benchmarks against vanilla Plone (BENCH=create for one; BENCH_ARGS, BENCH_COUNT; see benchmarks/README.md)
	@if [ -n "$(BENCH)" ]; then scripts="benchmarks/$(BENCH).py"; \
	else scripts=$$(ls benchmarks/*.py 2>/dev/null || true); fi; \
	[ -n "$$scripts" ] || { echo "No benchmarks/*.py: nothing to run."; exit 0; }; \
	status=0; for script in $$scripts; do \
		[ -e "$$script" ] || { echo "No such benchmark: $$script" >&2; exit 2; }; \
		echo "== $$script"; $(BIN)/python "$$script" $(BENCH_ARGS) || status=1; \
	done; exit $$status

## Buildout (IMIO-style deployments)

versions.cfg: constraints.txt scripts/make_versions_cfg.py ## Generate versions.cfg from constraints.txt
	$(PYTHON) scripts/make_versions_cfg.py constraints.txt versions.cfg

# buildout runs from its own venv, with the versions pinned in versions.cfg
$(BUILDOUT_VENV)/bin/buildout: versions.cfg | uv
	@[ -x $(BUILDOUT_VENV)/bin/python ] || $(UV) venv --seed -p $(PYTHON_VERSION) $(BUILDOUT_VENV)
	$(UV) pip install -p $(BUILDOUT_VENV)/bin/python \
		$$(awk '/^(zc.buildout|setuptools|wheel|pip) = /{print $$1 "==" $$3}' versions.cfg)
	@touch $@

.PHONY: buildout
buildout: versions.cfg $(BUILDOUT_VENV)/bin/buildout ## Build bin/instance with buildout (port 8081)
	$(BUILDOUT_VENV)/bin/buildout -c buildout.cfg

.PHONY: buildout-check
buildout-check: buildout ## Build with buildout, start bin/instance, check it answers, stop it
	scripts/buildout_check.sh $(BUILDOUT_PORT)

## Cleaning

.PHONY: clean
clean: stop stop-cluster ## Remove var/ (the databases!) and the buildout artefacts
	rm -rf var bin parts develop-eggs eggs .installed.cfg
