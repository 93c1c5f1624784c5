# Two promises: `make serve` runs the site, `make test` passes the tests.
# Each target sets up what it needs in .venv first (Python 3.11.5+).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: serve build test check-data lock clean

serve: $(VENV)/.site  ## Serve the site on http://127.0.0.1:8000 (Thai at /, English at /en/)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(VENV)/.site  ## Write the static site to site/
	$(BIN)/mkdocs build --strict

export NO_MKDOCS_2_WARNING := 1

check-data: $(VENV)/.site  ## Check data/*.yml against the schemas without building the site
	@$(BIN)/python -m thlao.check

# An accepted issue form made into a data edit, checked: make intake ISSUE=path/to/event.json.
# The value is read from the environment ($$ISSUE), never pasted into the command. make itself
# exits 2 on any failure; .github/workflows/intake.yml runs the module to keep its exit code.
intake: $(VENV)/.site  ## Turn an issue form (ISSUE=event.json, a GitHub issues event) into a data edit
	@$(BIN)/python -m thlao.intake "$$ISSUE"

diff-site: $(VENV)/.site  ## Say in words what the working tree changes on the site against BASE=<git ref>
	@$(BIN)/python -m thlao.diffsite "$$BASE"
.PHONY: intake diff-site

test: $(VENV)/.test chromium node_modules/.package-lock.json  ## Set up, then check the import layers and run the whole test suite
	$(BIN)/lint-imports --no-cache
	$(BIN)/pytest

# axe-core for the accessibility tests, exactly as package-lock.json pins it (no install scripts).
node_modules/.package-lock.json: package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund

bench: $(VENV)/.test chromium bench/node_modules/.package-lock.json  ## Lighthouse, page weight, build and rebuild time against their budgets
	-$(BIN)/python bench/lighthouse.py
	-$(BIN)/python bench/weight.py
	-$(BIN)/python bench/build.py
	-$(BIN)/python bench/serve.py
	-$(BIN)/python bench/serve.py --scale
.PHONY: bench

# Lighthouse 12.2.3 for `make bench` only; `make test` never installs it.
bench/node_modules/.package-lock.json: bench/package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --prefix bench

bench-speedups: $(VENV)/.test  ## How much longer the build takes without each speed-up, here and at 2,000 items
	$(BIN)/python bench/speedups.py
	$(BIN)/python bench/speedups.py --scale
.PHONY: bench-speedups

bench-search: $(VENV)/.test chromium  ## Search quality, speed and weight, typed in headless Chromium
	$(BIN)/python bench/search.py
.PHONY: bench-search

# Interpreter check first: pymdown-extensions 13 needs Python 3.11.5 or newer. Then the pinned
# packages, then the site's own package, editable, built by the pinned flit_core and fetching
# nothing (MkDocs finds the site plugin by the entry point pyproject.toml gives it).
$(VENV)/.site: requirements/site.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11, 5))' || \
	  { echo "Python 3.11.5 or newer is needed (found: $$($(PYTHON) --version)). Set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements/site.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --editable .
	touch $@

$(VENV)/.test: $(VENV)/.site requirements/test.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements/test.txt
	touch $@

# The browser tests drive Debian's Chromium (or the browser CHROMIUM names); as root we
# install it, otherwise say how.
chromium:
	@if [ -n "$$CHROMIUM" ]; then [ -x "$$CHROMIUM" ] || { echo "CHROMIUM=$$CHROMIUM is not a program."; exit 1; }; exit 0; fi; \
	command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else \
	    echo "The browser tests need Chromium: run 'sudo apt-get install chromium' (Debian/Ubuntu), then 'make test' again."; exit 1; \
	  fi; }
.PHONY: chromium

# Re-pin every dependency with hashes after editing requirements/*.in (needs uv).
lock:
	uv pip compile --quiet --generate-hashes --python-version 3.11.5 requirements/site.in -o requirements/site.txt
	uv pip compile --quiet --generate-hashes --python-version 3.11.5 requirements/test.in -o requirements/test.txt

clean:
	rm -rf site $(VENV) .pytest_cache
