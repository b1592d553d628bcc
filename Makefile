# Two set-up commands (see README): `make demo` and `make test`. Both install what is missing
# (Debian packages, the virtualenv with every pip package and the spaCy models) and are
# idempotent: the stamp file records a finished install.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DB ?= eventwire.db

.PHONY: demo test install lint clean

$(STAMP): pyproject.toml scripts/install-system.sh $(wildcard web/package.json web/build.sh)
	bash scripts/install-system.sh
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	if [ -f web/build.sh ]; then bash web/build.sh; fi
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(VENV)/bin/eventwire gazetteer build
	$(VENV)/bin/eventwire run examples/ --db $(DB)
	$(VENV)/bin/eventwire summary --db $(DB)

# CI (`.ci/run`) is `make test`: lint, formatting and types fail it before the tests run.
test: lint
	$(VENV)/bin/python -m pytest

LINTED := src tests evaluation scripts
lint: install
	$(VENV)/bin/ruff check $(LINTED)
	$(VENV)/bin/ruff format --check $(LINTED)
	$(VENV)/bin/mypy --strict src
	$(VENV)/bin/xenon --max-absolute C src

clean:
	rm -rf $(VENV) *.egg-info src/*.egg-info test-artifacts
