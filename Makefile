# Verbs a newcomer can guess. Every target installs what it needs by itself.
SHELL := /bin/bash
PY := .venv/bin/python
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION := 20
export AWS_ACCOUNT_ID_ENDPOINT_MODE := disabled

.PHONY: dev test unit integration infra-tests browser-test browser-deps openapi synth layer bench deploy clean

# The Python environment: re-installed only when pyproject.toml changes.
.venv/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

# The CDK CLI (Node): only for synth and deploy.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Lambda dependencies for arm64 / Python 3.12, fetched as wheels by pip (no Docker).
layer: .venv/.installed
	$(PY) -m infra.packaging

synth: .venv/.installed node_modules/.installed layer
	npx cdk synth --quiet

# The whole product on this machine: moto, the HTTP API on :8000 (PORT to change), a demo member.
dev: .venv/.installed layer
	.venv/bin/inetta dev

test: .venv/.installed node_modules/.installed layer browser-deps
	$(PY) -m pytest -n 2 --dist loadgroup

# Headless Chromium for the browser tests, from Debian's packages (no browser download by any test tool).
# Installed with apt-get when missing and we are root (as in CI); otherwise the browser tests skip and say why.
# INETTA_SKIP_BROWSER=1 skips the install.
browser-deps:
	@if [ -n "$$INETTA_SKIP_BROWSER" ] || [ -x /usr/bin/chromium ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian's chromium and chromium-driver for the browser tests (about a minute)..."; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver \
	     >/dev/null) || echo "warning: could not install chromium; the browser tests will be skipped"; \
	else \
	  echo "note: no /usr/bin/chromium; as root run 'apt-get install chromium chromium-driver' for the browser tests"; \
	fi

browser-test: .venv/.installed layer browser-deps
	$(PY) -m pytest -m browser tests/browser

# Regenerate docs/openapi.json from the handlers (a test fails while it is out of date).
openapi: .venv/.installed
	.venv/bin/inetta openapi

unit: .venv/.installed
	$(PY) -m pytest tests/unit

integration: .venv/.installed layer
	$(PY) -m pytest tests/integration

infra-tests: .venv/.installed layer
	$(PY) -m pytest tests/infrastructure

bench: .venv/.installed layer
	$(PY) bench/run_all.py

deploy: synth
	npx cdk deploy --all

clean:
	rm -rf cdk.out build .pytest_cache
