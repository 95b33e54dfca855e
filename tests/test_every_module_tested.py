"""Every module under ``src/perfsheet`` has its tests: a test file imports it, or (for a module tested
through a command or a rule code) ``THROUGH`` names the test file and a word both files share — a
command option, a diagnostic code, a function name. A new module without either fails here."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "perfsheet"
TESTS = ROOT / "tests"

# module → (test file that exercises it, a word the module and that test file both contain)
THROUGH: dict[str, tuple[str, str]] = {
    "perfsheet.__main__": ("security/test_inputs.py", "perfsheet"),
    "perfsheet.cli.__main__": ("test_console_encoding.py", "perfsheet.cli"),
    "perfsheet.cli.document_commands": ("rules/test_seed_review.py", "--strict"),
    "perfsheet.cli.file_commands": ("typing/test_mistakes.py", "--diff"),
    "perfsheet.cli.import_commands": ("importer/test_evaluation_import.py", "--into"),
    "perfsheet.cli.options": ("test_cli_conventions.py", "github"),
    "perfsheet.cli.output": ("test_console_encoding.py", "utf-8"),
    "perfsheet.diagnostics.entries": ("rules/test_catalogue.py", "hint"),
    "perfsheet.diagnostics.severity": ("test_cli_conventions.py", "Severity"),
    "perfsheet.files.folders": ("security/test_linked_folders.py", "E044"),
    "perfsheet.source.tree": ("source/test_loader.py", "E010"),
    "perfsheet.docx.pdf": ("security/test_pdf_cleanup.py", "soffice"),
    "perfsheet.docx.watchdog": ("security/test_pdf_cleanup.py", "watchdog"),
    "perfsheet.importer.ooxml": ("security/test_word_files.py", "E336"),
    "perfsheet.importer.run": ("importer/test_evaluation_import.py", "--into"),
    "perfsheet.layout.evaluation": ("evaluation/test_evaluate.py", "自评"),
    "perfsheet.model.bind": ("model/test_bind.py", "E102"),
    "perfsheet.model.fields": ("model/test_values.py", "E120"),
    "perfsheet.model.monitoring_form": ("importer/test_monitoring_import.py", "tick"),
    "perfsheet.rules.configuration": ("rules/test_review.py", "E160"),
    "perfsheet.rules.form_errors": ("test_cli.py", "E201"),
    "perfsheet.rules.monitoring_errors": ("monitoring/test_check.py", "E564"),
    "perfsheet.rules.review.classes": ("rules/test_review.py", "R301"),
    "perfsheet.rules.review.evaluation": ("rules/test_review.py", "R401"),
    "perfsheet.rules.review.money": ("rules/test_review.py", "R330"),
    "perfsheet.rules.review.names": ("rules/test_review.py", "R361"),
    "perfsheet.rules.review.monitoring": ("monitoring/cases.py", "R420"),
    "perfsheet.rules.review.targets": ("rules/test_review.py", "R310"),
    "perfsheet.rules.review.words": ("rules/test_seed_review.py", "R340"),
    "perfsheet.source.mistakes": ("typing/test_mistakes.py", "E022"),
    "perfsheet.workspace.draft": ("monitoring/test_draft.py", "E582"),
    "perfsheet.spreadsheet.cells": ("spreadsheet/test_export.py", "percent"),
    "perfsheet.spreadsheet.run": ("spreadsheet/test_cli.py", "--into"),
    "perfsheet.spreadsheet.tables": ("spreadsheet/test_handmade.py", "import"),
    "perfsheet.spreadsheet.workbook_state": ("spreadsheet/test_problems.py", "E519"),
    "perfsheet.spreadsheet.year_sheets": ("spreadsheet/test_monitoring.py", "reasons"),
}


def _name(path: Path) -> str:
    parts = path.relative_to(SOURCE).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(("perfsheet", *parts))


def _has_code(path: Path) -> bool:
    """A package marker with only its docstring has nothing to test."""
    body = ast.parse(path.read_text(encoding="utf-8")).body
    return any(not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)) for node in body)


MODULES = {_name(path): path for path in sorted(SOURCE.rglob("*.py")) if _has_code(path)}


def _imported_by_tests() -> set[str]:
    found: set[str] = set()
    for path in TESTS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("perfsheet"):
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
    return found


def test_every_module_is_imported_by_a_test_or_named_with_its_test() -> None:
    imported = _imported_by_tests()
    assert sorted(name for name in MODULES if name not in imported and name not in THROUGH) == []


def test_the_list_names_only_modules_that_no_test_imports() -> None:
    """An entry whose module a test now imports, or that no longer exists, is removed."""
    imported = _imported_by_tests()
    assert sorted(name for name in THROUGH if name in imported or name not in MODULES) == []


@pytest.mark.parametrize("module", sorted(THROUGH))
def test_the_named_test_exercises_the_module(module: str) -> None:
    test_file, word = THROUGH[module]
    test_text = (TESTS / test_file).read_text(encoding="utf-8")
    module_text = MODULES[module].read_text(encoding="utf-8")
    assert word in test_text
    assert word in module_text or word == module.rsplit(".__main__", 1)[0]
