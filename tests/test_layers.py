"""The packages are the pipeline's stages, and a stage imports only what comes before it.

``ALLOWED`` is an allow-list: every package and top-level module of ``src/perfsheet`` is in it, with the
perfsheet units it may import. A new module outside the list, or an import not on it (function-local
imports included), fails here, and so does any import cycle between modules.
"""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src" / "perfsheet"

# The stages in order; each unit may import only units listed for it (all of them earlier in this list).
_FOUNDATION = ("text", "resources", "typed_data", "diagnostics", "files")
ALLOWED: dict[str, tuple[str, ...]] = {
    "text": (),
    "resources": ("text",),
    "typed_data": ("resources",),
    "diagnostics": ("text", "resources", "typed_data"),
    "files": ("text", "diagnostics"),
    "source": _FOUNDATION,
    "model": (*_FOUNDATION, "source"),
    "evaluation": (*_FOUNDATION, "source", "model"),
    "monitoring": (*_FOUNDATION, "source", "model", "evaluation"),
    "collection": (*_FOUNDATION, "source", "model", "evaluation", "monitoring"),
    "rules": (*_FOUNDATION, "source", "model", "evaluation", "monitoring", "collection"),
    "layout": (*_FOUNDATION, "model", "evaluation", "monitoring", "collection"),
    "docx": (*_FOUNDATION, "layout"),
    "importer": (*_FOUNDATION, "source", "model", "evaluation", "monitoring", "collection"),
    "spreadsheet": (*_FOUNDATION, "source", "model", "monitoring", "collection", "rules", "importer"),
    "documents": (*_FOUNDATION, "model", "evaluation", "monitoring", "collection", "rules", "layout", "docx"),
    "workspace": (*_FOUNDATION, "source", "model", "evaluation", "monitoring", "collection", "rules"),
    "cli": (
        *_FOUNDATION,
        "model",
        "rules",
        "docx",
        "importer",
        "spreadsheet",
        "documents",
        "workspace",
        "__init__",
    ),
    "__init__": (),
    "__main__": ("cli",),
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(SOURCE).with_suffix("").parts
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(("perfsheet", *parts))


MODULES = {_module_name(path): path for path in sorted(SOURCE.rglob("*.py"))}


def _imports(path: Path) -> set[str]:
    """Every perfsheet module ``path`` imports, at the top or inside a function: for ``from package
    import name`` the submodule when ``name`` is one, else the package."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("perfsheet"):
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in MODULES else node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("perfsheet"))
    return found


def _unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_every_module_belongs_to_a_declared_stage() -> None:
    assert sorted({_unit(name) for name in MODULES} - set(ALLOWED)) == []
    assert sorted(set(ALLOWED) - {_unit(name) for name in MODULES}) == []


def test_the_allow_list_is_itself_in_stage_order() -> None:
    """No unit is allowed one that is allowed it back: the list describes a pipeline, not a web."""
    order = list(TopologicalSorter({unit: set(allowed) for unit, allowed in ALLOWED.items()}).static_order())
    assert set(order) == set(ALLOWED)


@pytest.mark.parametrize("unit", sorted(ALLOWED))
def test_a_stage_imports_only_what_it_is_allowed(unit: str) -> None:
    wrong = sorted(
        (name, imported)
        for name, path in MODULES.items()
        if _unit(name) == unit
        for imported in _imports(path)
        if _unit(imported) != unit and _unit(imported) not in ALLOWED[unit]
    )
    assert wrong == []


def test_no_module_imports_one_that_imports_it_back() -> None:
    """Module by module (function-local imports count: they only hide a cycle)."""
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        graph[name] = {target for target in _imports(path) if target in MODULES and target != name}
    try:
        tuple(TopologicalSorter(graph).static_order())
    except CycleError as cycle:
        pytest.fail(f"import cycle: {' → '.join(cycle.args[1])}")


def test_the_layer_check_sees_an_upward_import(tmp_path: Path) -> None:
    """The check itself: an import the list does not allow is found."""
    module = tmp_path / "sample.py"
    module.write_text("def f():\n    from perfsheet.rules.check import check_paths\n", encoding="utf-8")
    imported = _imports(module)
    assert imported == {"perfsheet.rules.check"}
    assert _unit("perfsheet.rules.check") not in ALLOWED["model"]
