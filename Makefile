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

test: $(STAMP) tools/node_modules/.installed chromium
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q -ra -n 2 --durations=10 tests

# The browser tests need Debian's Chromium (never a browser download): installed here when we can
# (as root), else the one command to run is named and the tests do not start.
.PHONY: chromium
chromium:
	@command -v chromium >/dev/null 2>&1 || [ -x "$${CHROMIUM:-/usr/bin/chromium}" ] || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "the browser tests need Debian's chromium: run  sudo apt-get install chromium  then make test again" >&2; \
	    exit 1; \
	  fi; }

serve: $(STAMP)
	$(BIN)/python build.py serve

# make bench: today's site, medians of 5 runs. make bench FIGURES=50 [RUNS=3]: the scale mode, in a
# temporary copy with 50 synthetic figures added (tests/synthetic.py)
bench: $(STAMP)
	$(BIN)/python tests/benchmark.py $(if $(FIGURES),--figures $(FIGURES)) $(if $(RUNS),--runs $(RUNS))

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
