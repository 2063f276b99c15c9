# closet — two commands do everything: `make demo` and `make test`.
# The Python environment lives outside the clone (torch is several GB): reused across runs.

SHELL := /bin/bash
PYTHON ?= python3
VENV ?= $(HOME)/.cache/closet/venv
BIN := $(VENV)/bin
# One stamp per checkout, pyproject and constraints content: a clone elsewhere re-points the
# editable install.
STAMP := $(VENV)/.installed-$(shell (echo $(CURDIR); cat pyproject.toml constraints.txt) | md5sum | cut -c1-12)
API_PORT ?= 8000
UI_PORT ?= 7860
CLOSET_STATE ?= $(HOME)/.local/share/closet
export PATH := $(BIN):$(PATH)

.PHONY: help venv lock audit system-deps test-deps db sample train api demo test test-unit lint stop clean-env

help:
	@echo "make demo   - environment, local Neo4j, bundled sample, trained models, API on :$(API_PORT), demo on :$(UI_PORT)"
	@echo "make test   - environment, Chromium, Neo4j jars, then the whole test suite"
	@echo "make test-unit - the unit tests only (no database, under a minute)"
	@echo "make lint   - ruff check + format check, mypy (core, graph, api), import-linter layers"
	@echo "make stop   - stop the API started by make demo and the local Neo4j"
	@echo "make lock   - re-pin constraints.txt to the environment's versions (after a deliberate upgrade)"
	@echo "make audit  - pip-audit of the environment (known issues: .ci/known-vulnerabilities.txt)"

# The venv is (re)installed when pyproject.toml or constraints.txt changes; torch is installed
# once per venv. Every dependency is pinned by constraints.txt (`make lock` rewrites it).
$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev,gnn]'
	@rm -f $(VENV)/.installed-*; touch $(STAMP)

venv: $(STAMP)

lock: venv
	@( echo "# Every dependency of closet, pinned: make lock writes it from the environment (pip freeze)."; \
	   echo "# The Makefile installs with -c constraints.txt."; \
	   $(BIN)/python -m pip freeze --exclude-editable | grep -v -E '^(pip|setuptools|wheel)==' ) > constraints.txt

audit: venv
	bash .ci/audit

# Debian's Chromium + ChromeDriver (browser tests, JS rendering), Java 17 and Maven (Neo4j); the
# tests also need docker-compose (the compose file is checked with `docker-compose config`; no
# Docker engine is needed) and redis-server (the shared crawl's tests start a throwaway one).
DEMO_PKGS := chromium chromium-driver fonts-nanum fonts-noto-color-emoji maven openjdk-17-jre-headless
TEST_PKGS := $(DEMO_PKGS) docker-compose redis-server
define apt_install
	@missing=""; \
	for pkg in $(1); do \
	  dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
endef

# axe-core (the accessibility rules the browser tests run), from the npm registry once, checked.
AXE_VERSION := 4.14.1
AXE_SHA256 := e6b0ce02b84d892e2e33e403485e7f3d6c29e2be6df65daf44d89ba564139745
AXE := $(HOME)/.cache/closet/axe-core-$(AXE_VERSION)/axe.min.js
$(AXE):
	@mkdir -p $(dir $(AXE))
	curl -sfL -o $(dir $(AXE))axe-core.tgz https://registry.npmjs.org/axe-core/-/axe-core-$(AXE_VERSION).tgz
	echo "$(AXE_SHA256)  $(dir $(AXE))axe-core.tgz" | sha256sum -c --quiet
	tar -xzf $(dir $(AXE))axe-core.tgz -C $(dir $(AXE)) --strip-components=1 package/axe.min.js
	@rm -f $(dir $(AXE))axe-core.tgz

system-deps:
	$(call apt_install,$(DEMO_PKGS))

test-deps:
	$(call apt_install,$(TEST_PKGS))

db: venv
	$(BIN)/closet db start

sample: db
	$(BIN)/closet load $$($(BIN)/closet sample-path)
	$(BIN)/closet models fetch || echo "(no u2netp model: image colour falls back to the flood-fill mask)"

# LightGCN + the learned ranker on what was loaded (about 25 s on the CPU for the sample; skipped
# in seconds when the graph is unchanged since the active model).
train: sample
	$(BIN)/closet train

api: train
	@mkdir -p $(CLOSET_STATE)
	@if [ -f $(CLOSET_STATE)/api.pid ] && kill -0 $$(cat $(CLOSET_STATE)/api.pid) 2>/dev/null; then \
	  echo "API already running (pid $$(cat $(CLOSET_STATE)/api.pid))"; \
	else \
	  nohup $(BIN)/closet serve --port $(API_PORT) > $(CLOSET_STATE)/api.log 2>&1 & echo $$! > $(CLOSET_STATE)/api.pid; \
	  for i in $$(seq 60); do curl -sf http://127.0.0.1:$(API_PORT)/health >/dev/null && break; sleep 0.5; done; \
	fi

demo: system-deps api
	@echo ""
	@echo "  Demo (Gradio)   http://127.0.0.1:$(UI_PORT)"
	@echo "  API (FastAPI)   http://127.0.0.1:$(API_PORT)/docs"
	@echo "  Neo4j Browser   http://127.0.0.1:7474/browser/  (user neo4j, password: closet db password)"
	@echo ""
	$(BIN)/closet ui --port $(UI_PORT) --api http://127.0.0.1:$(API_PORT)

stop:
	-@[ -f $(CLOSET_STATE)/api.pid ] && kill $$(cat $(CLOSET_STATE)/api.pid) 2>/dev/null; rm -f $(CLOSET_STATE)/api.pid
	-$(BIN)/closet db stop

test: venv test-deps $(AXE)
	$(BIN)/closet db provision
	CLOSET_AXE_SCRIPT=$(AXE) $(BIN)/python -m pytest -q -ra $(PYTEST_ARGS)

test-unit: venv
	$(BIN)/python -m pytest -q tests/unit $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

clean-env:
	rm -rf $(VENV)
