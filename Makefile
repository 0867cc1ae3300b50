# make brief: set up, check, build every locale.  make test: set up, lint, type-check, run the tests.
# make lock: refresh requirements-lock.txt (the pinned, hashed dependencies `make` installs).
# make validate: check every HTML the project ships with axe-core (WCAG 2.2 AA) and the Nu HTML Checker.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
FACTS  ?= facts.yaml
OUT    := build

SETUP  := $(VENV)/.setup-done
SYSTEM := $(VENV)/.system-done
# A fact base kept as a folder (briefing split): its parts are the inputs, not the folder itself.
FACTS_FILES := $(if $(wildcard $(FACTS)/.),$(shell find $(FACTS) -name '*.yaml' -not -path '*/.*'),$(FACTS))
INPUTS := $(FACTS_FILES) $(wildcard $(shell find briefing/theme briefing/locale -type f) briefing/*.py briefing/*/*.py briefing/*/*/*.py)

.PHONY: brief test lint check watch fuzz bench i18n setup lock clean distclean schema validate
schema: schema/facts.schema.json schema/part.schema.json
.DELETE_ON_ERROR:

brief: $(OUT)/.brief-done

# An output deleted by hand makes the stamp stale (the manifest lists what was written).
MISSING := $(shell [ -f $(OUT)/.briefing-manifest.json ] && for f in $$(grep -o '"brief\.[^"]*"' $(OUT)/.briefing-manifest.json | tr -d '"'); do [ -f "$(OUT)/$$f" ] || echo "$$f"; done)
ifneq ($(MISSING),)
$(shell rm -f $(OUT)/.brief-done)
endif

# The build writes every output atomically; the stamp only records that they are current.
$(OUT)/.brief-done: $(INPUTS) $(SETUP) $(SYSTEM)
	$(BIN)/briefing build --facts $(FACTS) --out $(OUT)
	@touch $@

check: $(SETUP)
	$(BIN)/briefing check $(FACTS)

test: lint $(SETUP) $(SYSTEM)
	$(BIN)/python -m pytest -q

# Run by `make test` before the tests: a finding fails it.
lint: $(SETUP)
	$(BIN)/ruff check briefing tests benchmarks tools
	$(BIN)/mypy briefing

# Live preview on http://127.0.0.1:8000/ (rebuilds on every save of facts.yaml or templates).
watch: $(SETUP) $(SYSTEM)
	$(BIN)/briefing watch --facts $(FACTS) --out $(OUT)

# 10,000+ schema-aware hypothesis examples (many more than `make test` runs), then a coverage-guided
# atheris session over the loader and checker (FUZZ_RUNS inputs, at most FUZZ_TIME s); a crash or a hang fails.
fuzz: $(SETUP)
	HYPOTHESIS_PROFILE=fuzz FUZZ_BUILDS=200 $(BIN)/python -m pytest -q --hypothesis-show-statistics tests/test_fuzz.py
	$(BIN)/python fuzz/atheris_check.py -runs=$(or $(FUZZ_RUNS),200000) -max_total_time=$(or $(FUZZ_TIME),600) \
	  -timeout=20 -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix=fuzz/artifacts/

# Speed is measured here, never asserted by timed tests.
bench: $(SETUP) $(SYSTEM)
	$(BIN)/python benchmarks/run.py

# Accessibility and markup of every HTML the project ships (the brief in each locale, each example), built
# into a temporary folder: axe-core in Debian's Chromium and the Nu HTML Checker must find nothing
# (tools/validate/validate.mjs says what is checked and what is set aside). Apart from `make test` because
# it needs Chromium, Java, Node.js and npm packages; CI runs it after the tests.
VALIDATE_SYSTEM := $(VENV)/.validate-system-done
VALIDATE_NODE   := tools/validate/node_modules/.installed
validate: $(SETUP) $(SYSTEM) $(VALIDATE_NODE)
	BRIEFING=$(BIN)/briefing FACTS=$(FACTS) sh tools/validate/run.sh

$(VALIDATE_SYSTEM): tools/validate-deps.sh | $(VENV)/bin/python
	sh tools/validate-deps.sh
	@touch $@

# Exact versions and integrity hashes from package-lock.json. --ignore-scripts: vnu-jar's install script
# would download a Java of its own; the system's Java runs the checker.
$(VALIDATE_NODE): tools/validate/package.json tools/validate/package-lock.json $(VALIDATE_SYSTEM)
	cd tools/validate && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

setup: $(SETUP) $(SYSTEM)

$(SYSTEM): tools/system-deps.sh | $(VENV)/bin/python
	sh tools/system-deps.sh
	@touch $@

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# Exact versions with hashes from the lock file; then the package itself, with nothing more
# (its build backend, setuptools, comes from the lock too, hence --no-build-isolation).
$(SETUP): pyproject.toml requirements-lock.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-lock.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

# Rewrite the lock file from pyproject.toml: runtime dependencies, the test extra (with ruff, mypy,
# pip-tools) and the build backend, with hashes. `make lock` keeps the current pins that still fit
# (run it after editing the dependencies); `make lock UPGRADE=1` moves everything to the newest allowed
# version. Review the diff, run `make test`, commit both files. A new Babel can change plural rules:
# the i18n test then names the catalog to mend. The pins are resolved for this venv's Python (3.11).
lock: | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check 'pip-tools>=7.4'
	$(BIN)/pip-compile --quiet $(if $(UPGRADE),--upgrade) --generate-hashes --allow-unsafe --extra test --extra fuzz --extra bench --build-deps-for editable \
	  --strip-extras --no-emit-index-url --no-emit-find-links --output-file requirements-lock.txt pyproject.toml

# The JSON Schema editors use; a test fails when it is stale.
schema/facts.schema.json: $(SETUP) $(wildcard briefing/model.py briefing/model/*.py briefing/vocabulary.py) briefing/schema.py
	@mkdir -p schema
	$(BIN)/briefing schema > $@

schema/part.schema.json: $(SETUP) $(wildcard briefing/model.py briefing/model/*.py briefing/vocabulary.py) briefing/schema.py
	@mkdir -p schema
	$(BIN)/briefing schema --part > $@

# Extract template strings and update every catalog (translators then edit the .po files).
i18n: $(SETUP)
	$(BIN)/pybabel extract -F babel.cfg -k _ -k N_ -k gettext -k ngettext:1,2 -k pgettext:1c,2 -k npgettext:1c,2,3 \
	  --no-location --sort-output --project=briefing -o briefing/locale/messages.pot .
	$(if $(LOCALE),$(BIN)/briefing i18n init $(LOCALE) --dir briefing/locale)
	$(BIN)/pybabel update -i briefing/locale/messages.pot -d briefing/locale -D messages --no-fuzzy-matching --ignore-obsolete

clean:
	rm -rf $(OUT)/*.html $(OUT)/*.pdf $(OUT)/.brief-done

distclean: clean
	rm -rf $(VENV)
