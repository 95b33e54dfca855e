"""The packages are the pipeline's stages, and a stage imports only what comes before it: the schema
writer and the importer never import the rules, the model never imports the rules or the layout."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src" / "perfsheet"
# module (relative to src/perfsheet, as a path prefix) → perfsheet packages it must not import
FORBIDDEN = {
    "source/": ("perfsheet.model", "perfsheet.rules", "perfsheet.layout", "perfsheet.docx", "perfsheet.importer"),
    "model/": ("perfsheet.rules", "perfsheet.layout", "perfsheet.docx", "perfsheet.importer", "perfsheet.cli"),
    "evaluation/": ("perfsheet.rules", "perfsheet.layout", "perfsheet.docx", "perfsheet.importer", "perfsheet.cli"),
    "monitoring/": ("perfsheet.rules", "perfsheet.layout", "perfsheet.docx", "perfsheet.importer", "perfsheet.cli"),
    "rules/": ("perfsheet.layout", "perfsheet.docx", "perfsheet.importer", "perfsheet.cli"),
    "layout/": ("perfsheet.rules", "perfsheet.docx", "perfsheet.importer", "perfsheet.cli"),
    "docx/": ("perfsheet.rules", "perfsheet.importer", "perfsheet.cli"),
    "importer/": ("perfsheet.rules", "perfsheet.layout", "perfsheet.docx", "perfsheet.cli"),
    "spreadsheet/": ("perfsheet.layout", "perfsheet.docx", "perfsheet.cli"),
    "schema.py": ("perfsheet.rules", "perfsheet.cli"),
}


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("prefix", sorted(FORBIDDEN))
def test_a_stage_imports_only_earlier_stages(prefix: str) -> None:
    files = [p for p in SOURCE.rglob("*.py") if p.relative_to(SOURCE).as_posix().startswith(prefix)]
    assert files
    wrong = sorted(
        (path.relative_to(SOURCE).as_posix(), module)
        for path in files
        for module in _imports(path)
        if module.startswith(FORBIDDEN[prefix])
    )
    assert wrong == []
