# Two commands for a newcomer: `make run` and `make test`. Everything else is a helper.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
STAMP := $(VENV)/.installed

.PHONY: run test test-postgres lint format bench translations clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(FLASK) db upgrade
	$(FLASK) demo load --if-empty
	$(FLASK) run --host 127.0.0.1 --port 5000

test: $(STAMP)
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP)
	$(BIN)/python -m benchmarks
	$(BIN)/python -m benchmarks.feed
	$(BIN)/python -m benchmarks.search
	# chat: the production mode at every size, then threading beside it at 500 (about 10 min;
	# `python -m benchmarks.chat --modes gevent,threading` runs the whole matrix)
	$(BIN)/python -m benchmarks.chat --modes gevent --processes 1,2 --clients 100,500,1000 --bare 500
	$(BIN)/python -m benchmarks.chat --modes threading --processes 1 --clients 500 --bare 500
	# the spike drill: an outage with faults on two gevent processes behind nginx (about 5 min)
	$(BIN)/python -m benchmarks.spike

translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --ignore-dirs ".*" -o hub/translations/messages.pot .
	$(BIN)/pybabel update -i hub/translations/messages.pot -d hub/translations --no-fuzzy-matching
	$(BIN)/pybabel compile -d hub/translations

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
