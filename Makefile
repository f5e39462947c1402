# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: install build run test test-quick lint bench clean

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

# The query editor, from the npm registry, copied into the static folder (not committed).
YASGUI := server/govrules/web/static/vendor/yasgui
$(YASGUI)/yasgui.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --silent
	mkdir -p $(YASGUI)
	cp node_modules/@zazuko/yasgui/build/yasgui.min.js node_modules/@zazuko/yasgui/build/yasgui.min.css $(YASGUI)/

install: $(VENV)/.installed $(YASGUI)/yasgui.min.js

build: install
	$(BIN)/govrules build

run: build
	$(BIN)/govrules serve --port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install lint
	$(BIN)/python -m pytest

# For a developer's loop: everything but the slow corpus-wide, fuzz and load checks.
test-quick: install lint
	$(BIN)/python -m pytest -m 'not slow'

bench: build
	$(BIN)/python bench/build_time.py

clean:
	rm -rf build
