# make brief: set up, check, build every locale.  make test: set up, run the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
FACTS  ?= facts.yaml
OUT    := build

SETUP  := $(VENV)/.setup-done
SYSTEM := $(VENV)/.system-done
INPUTS := $(FACTS) $(wildcard templates/* locale/*/LC_MESSAGES/*.po briefing/*.py briefing/*/*.py briefing/*/*/*.py)

.PHONY: brief test check watch fuzz bench i18n setup clean distclean schema
schema: schema/facts.schema.json
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

test: $(SETUP) $(SYSTEM)
	$(BIN)/python -m pytest -q

# Live preview on http://127.0.0.1:8000/ (rebuilds on every save of facts.yaml or templates).
watch: $(SETUP) $(SYSTEM)
	$(BIN)/briefing watch --facts $(FACTS) --out $(OUT)

# Many more hypothesis examples than `make test` runs.
fuzz: $(SETUP)
	HYPOTHESIS_PROFILE=fuzz FUZZ_BUILDS=200 $(BIN)/python -m pytest -q tests/test_fuzz.py

# Speed is measured here, never asserted by timed tests.
bench: $(SETUP) $(SYSTEM)
	$(BIN)/python benchmarks/run.py

setup: $(SETUP) $(SYSTEM)

$(SYSTEM): tools/system-deps.sh | $(VENV)/bin/python
	sh tools/system-deps.sh
	@touch $@

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(SETUP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

# The JSON Schema editors use; a test fails when it is stale.
schema/facts.schema.json: $(SETUP) briefing/model.py briefing/schema.py
	@mkdir -p schema
	$(BIN)/briefing schema > $@

# Extract template strings and update every catalog (translators then edit the .po files).
i18n: $(SETUP)
	$(BIN)/pybabel extract -F babel.cfg -k _ -k gettext -k ngettext:1,2 -k pgettext:1c,2 \
	  --no-location --sort-output --project=briefing -o locale/messages.pot .
	$(BIN)/pybabel update -i locale/messages.pot -d locale -D messages --no-fuzzy-matching --ignore-obsolete

clean:
	rm -rf $(OUT)/*.html $(OUT)/*.pdf $(OUT)/.brief-done

distclean: clean
	rm -rf $(VENV)
