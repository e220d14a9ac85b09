# The two commands a new user runs: `make demo` and `make test`. Both build .venv first: demo with
# zhen's own dependencies only, test adds the test tools and the optional argostranslate (zhen[argos],
# which brings torch) that the tests compare zhen with.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
TEST_STAMP := $(VENV)/.installed-test-stamp
EXAMPLE := examples/xinhua-western-region-2024-04-23.txt

.PHONY: install demo test lint clean browser fixtures

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "zhen needs Python 3.11 or newer; set PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e .
	@# pip compiles what it installs, not an editable src/; where PYTHONDONTWRITEBYTECODE is set
	@# every zhen command would otherwise recompile zhen's modules (~0.1 s)
	$(BIN)/python -m compileall -q src
	@touch $@

# The tests also need the optional extras: argos (parity with argostranslate), ray (zhen batch
# --ray) and warc (warcio, WARC inputs).
$(TEST_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test,argos,ray,warc]'
	@touch $@

install: $(STAMP)

demo: install
	$(BIN)/zhen page $(EXAMPLE)

test: $(TEST_STAMP) browser
	@mkdir -p build  # pytest's --basetemp (pyproject.toml) lives there; a fresh clone has none
	$(BIN)/python -m pytest -q

# The HTML report test opens the report in headless Chromium and writes a screenshot to
# build/report.png. As root (CI, containers) install Debian's chromium when it is missing, and
# a Chinese font when there is none; elsewhere that test says why it is skipped.
browser:
	@if ! command -v chromium >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing chromium for the HTML report test (apt-get, ~100 MB)"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
			|| echo "chromium could not be installed: the HTML report browser test will be skipped"; \
	fi
	@if command -v fc-list >/dev/null 2>&1 && [ -z "$$(fc-list :lang=zh 2>/dev/null)" ] \
		&& [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing a Chinese font for the report screenshot (apt-get, ~5 MB)"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq fonts-wqy-microhei >/dev/null) \
			|| echo "no Chinese font could be installed: the screenshot will show boxes"; \
	fi

# Retrain the two toy Argos packages under tests/data/argos (torch on CPU, ~1 min each when the
# machine is idle). Their outputs are committed, so CI and `make test` never train.
fixtures: $(TEST_STAMP)
	$(BIN)/python tools/build_tiny_model.py

lint: $(TEST_STAMP)
	$(BIN)/ruff check src tests benchmarks tools

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
