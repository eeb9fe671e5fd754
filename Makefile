# The two set-up commands (see README): `make site` and `make test`.
# Both install the pinned dependencies from requirements.lock into .venv first;
# `make test` also installs the pinned npm tools (axe-core, Lighthouse) from tools/package-lock.json.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed

.PHONY: site test serve bench clean

site: $(STAMP)
	$(BIN)/python build.py build

test: $(STAMP) tools/node_modules/.installed
	$(BIN)/python -m pytest -q -ra tests

serve: $(STAMP)
	$(BIN)/python build.py serve

bench: $(STAMP)
	$(BIN)/python tests/benchmark.py

$(STAMP): requirements.lock
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	touch $(STAMP)

clean:
	rm -rf public .cache

# Pinned npm measuring tools (Lighthouse, axe-core) from tools/package-lock.json.
.PHONY: tools
tools: tools/node_modules/.installed

tools/node_modules/.installed: tools/package.json tools/package-lock.json
	npm ci --prefix tools --no-audit --no-fund
	touch tools/node_modules/.installed
