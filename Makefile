# Routewijzer: two commands do all the set-up on a fresh machine.
#   make run    create .venv, install, serve on 127.0.0.1:$(PORT) with gunicorn
#   make test   create/update .venv, install the test extras, run every test (unit, BDD, differential)
#   make bench  the benchmark of bench/README.md (about 4 minutes; installs wrk with apt-get if missing)
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
STAMP  := $(VENV)/.installed

.PHONY: browser proxy coverage-rules run soak test bench bdd bdd-report openapi openapi-check openapi-lint lint lint-rules rules-schema clean venv

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) not found: Routewijzer needs CPython 3.11 or 3.12 (durable-rules does not build on 3.13)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Installs come from lock files: exact versions with their hashes (pip --require-hashes), written by
# `make lock` from pyproject.toml and requirements-build.in:
#   requirements-build.lock  pip and setuptools, installed first: durable-rules (an sdist) and the project
#                            are built with them, without build isolation, so nothing unpinned is fetched
#   requirements.lock        the service's dependencies (the Dockerfile installs these)
#   requirements-test.lock   the same pins plus the test extras (make run and make test install these)
# Each lock ends with a digest of the lists it was made from; when they differ, make stops rather than
# install something else.
.PHONY: lock lock-check
LOCKS := requirements-build.lock requirements.lock requirements-test.lock
LOCK_DIGEST = $(PYTHON) -c 'import hashlib, json, tomllib; t = tomllib.load(open("pyproject.toml", "rb")); \
	b = [s for s in (x.split("\#")[0].strip() for x in open("requirements-build.in")) if s]; \
	print(hashlib.sha256(json.dumps([t["project"]["dependencies"], t["project"]["optional-dependencies"], \
	t["build-system"]["requires"], b]).encode()).hexdigest())'

lock-check:
	@d=$$($(LOCK_DIGEST)) && for f in $(LOCKS); do grep -qx "# lock-inputs: $$d" $$f || \
		{ echo "$$f was not made from pyproject.toml and requirements-build.in as they are now: run 'make lock' and commit the lock files"; exit 1; }; done

# durable-rules builds a C extension: gcc and the Python headers must be there.
$(STAMP): pyproject.toml $(LOCKS) | $(BIN)/python lock-check
	@command -v gcc >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq gcc python3-dev; }
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-build.lock
	$(BIN)/pip install --quiet --require-hashes --no-build-isolation -r requirements-test.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	@touch $(STAMP)

# Rewrite the lock files from pyproject.toml and requirements-build.in with pip-tools (in a virtualenv of
# its own, .venv-lock), from the default package index. Versions already locked are kept while the ranges
# allow them; UPGRADE=1 takes the newest releases the ranges allow.
LOCK_ENV := env -u PIP_FIND_LINKS -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL PIP_CONFIG_FILE=/dev/null
PIP_COMPILE = $(LOCK_ENV) .venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links $(if $(UPGRADE),--upgrade)
LOCK_TOOLS := .venv-lock/.pip-tools-7.6.2

$(LOCK_TOOLS):
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	$(LOCK_ENV) .venv-lock/bin/pip install --quiet pip-tools==7.6.2
	@touch $@

lock: | $(LOCK_TOOLS)
	$(PIP_COMPILE) -o requirements-build.lock requirements-build.in
	$(PIP_COMPILE) -c requirements-build.lock -o requirements.lock pyproject.toml
	$(PIP_COMPILE) -c requirements-build.lock -c requirements.lock --extra test -o requirements-test.lock pyproject.toml
	@d=$$($(LOCK_DIGEST)) && for f in $(LOCKS); do sed -i '/^# lock-inputs: /d' $$f && echo "# lock-inputs: $$d" >> $$f; done

venv: $(STAMP)

run: $(STAMP)
	PORT=$(PORT) $(BIN)/gunicorn -c service/gunicorn_conf.py 'routewijzer.web.app:create_app()'

# Minutes, not a test: the real gunicorn server answers 100k decisions per worker; RSS must stay flat.
soak: $(STAMP)
	$(BIN)/python bench/soak.py

# `--allow unused` (etc.) would report a kind of problem as a warning only; CI allows nothing.
LINT_ALLOW ?=

# Node.js and npm from Debian when missing (axe-core for the browser test, Redocly and Spectral).
NEED_NPM = command -v npm >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq nodejs npm; }

# The playground test (tests/test_browser.py) drives Debian's chromium with its chromedriver and checks
# every page with axe-core (WCAG 2.1 A and AA), installed from the npm registry into .venv/axe.
AXE_VERSION := 4.10.3
AXE := $(VENV)/axe/node_modules/axe-core/axe.min.js

$(AXE): | $(BIN)/python
	@$(NEED_NPM)
	npm install --silent --no-audit --no-fund --no-save --prefix $(VENV)/axe axe-core@$(AXE_VERSION)
	@test -f $(AXE)

browser: $(AXE)
	@command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 || \
		{ apt-get update -qq && apt-get install -y -qq chromium chromium-driver; }

# The reverse-proxy test (tests/test_proxy.py) runs Debian's nginx with deploy/nginx/routewijzer.conf.
proxy:
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || { apt-get update -qq && apt-get install -y -qq nginx-light; }

# Redocly and Spectral (pinned in tools/openapi-lint/package-lock.json, from the npm registry) lint
# openapi.yaml with their default rules; any finding fails (tools/openapi-lint/*.yaml say how).
LINT_TOOLS := tools/openapi-lint
LINT_STAMP := $(LINT_TOOLS)/node_modules/.installed

$(LINT_STAMP): $(LINT_TOOLS)/package.json $(LINT_TOOLS)/package-lock.json
	@$(NEED_NPM)
	cd $(LINT_TOOLS) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

openapi-lint: $(LINT_STAMP)
	$(LINT_TOOLS)/node_modules/.bin/spectral lint --quiet --fail-severity=hint --ruleset $(LINT_TOOLS)/.spectral.yaml openapi.yaml
	$(LINT_TOOLS)/node_modules/.bin/redocly lint --format=stylish --config $(LINT_TOOLS)/redocly.yaml openapi.yaml

test: $(STAMP) browser proxy openapi-lint
	$(BIN)/ruff check service schemas tests bench
	$(BIN)/routewijzer openapi --check openapi.yaml
	$(BIN)/routewijzer rules schema --check schemas/rulefile.schema.json
	$(BIN)/routewijzer rules check $(LINT_ALLOW)
	$(BIN)/python -m pytest -q

# Speed goals live here, not in the tests. Prints the tables of bench/README.md and saves bench/last-run.md.
bench: $(STAMP)
	@command -v wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk; }
	$(BIN)/python bench/run.py

# The BDD scenarios alone; with BASE_URL=http://host:port they run against a live server.
bdd: $(STAMP)
	$(BIN)/python -m pytest -q tests/test_features.py

bdd-report: $(STAMP)
	mkdir -p reports
	$(BIN)/python -m pytest -q tests/test_features.py --cucumberjson=reports/cucumber.json --junitxml=reports/bdd-junit.xml
	@echo "cucumber JSON report: reports/cucumber.json"

openapi: $(STAMP)
	$(BIN)/routewijzer openapi > openapi.yaml

lint: $(STAMP)
	$(BIN)/ruff check service schemas tests bench

# Every problem of the rule files (and of the ids the scenarios name) as path:line: message; exit 1 on any.
lint-rules: $(STAMP)
	$(BIN)/routewijzer rules check

# Which rules and exclusion reasons the scenarios exercise (reports/rule-coverage.txt). CI fails when a
# rule is never exercised: tests/test_rule_coverage.py, part of make test.
coverage-rules: $(STAMP)
	$(BIN)/python tests/rule_coverage.py

# The JSON Schema editors use to check rule files as they are typed (generated from schemas/rulefile.py).
rules-schema: $(STAMP)
	$(BIN)/routewijzer rules schema > schemas/rulefile.schema.json

clean:
	rm -rf $(VENV) .venv-lock reports .pytest_cache .hypothesis $(LINT_TOOLS)/node_modules
