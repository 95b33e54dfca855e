"""Every package the code imports is declared, and the lock pins each declared package within its range."""

from __future__ import annotations

import ast
import importlib.metadata
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
import requirements as lock_script  # noqa: E402

SOURCE = REPO / "src" / "perfsheet"


def _imported_top_level_modules(folder: Path) -> set[str]:
    modules: set[str] = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return modules - set(sys.stdlib_module_names) - {"perfsheet"}


def _runtime_dependencies() -> set[str]:
    return {
        canonicalize_name(Requirement(text).name)
        for text in importlib.metadata.requires("perfsheet") or []
        if "extra ==" not in text
    }


def test_the_scan_sees_third_party_imports() -> None:
    # Guards the test below against passing on an empty scan.
    assert {"yaml", "pydantic", "typer", "lxml", "jinja2"} <= _imported_top_level_modules(SOURCE)


def test_every_package_the_code_imports_is_a_declared_dependency() -> None:
    distributions = importlib.metadata.packages_distributions()
    declared = _runtime_dependencies()
    undeclared = {
        module: distributions.get(module, ["(not installed)"])
        for module in _imported_top_level_modules(SOURCE)
        if not {canonicalize_name(name) for name in distributions.get(module, [])} & declared
    }
    assert undeclared == {}


def test_every_declared_runtime_dependency_is_used() -> None:
    # A runtime dependency no module imports is weight on every officer's install (tests' needs go to dev).
    distributions = importlib.metadata.packages_distributions()
    used = {
        canonicalize_name(name)
        for module in _imported_top_level_modules(SOURCE)
        for name in distributions.get(module, [])
    }
    assert _runtime_dependencies() - used == set()


def test_the_lock_pins_every_declared_package_within_its_range() -> None:
    pins = lock_script.pinned(lock_script.LOCK.read_text(encoding="utf-8"))
    assert lock_script.disagreements(lock_script.declared(), pins) == []


def test_the_lock_pins_what_is_installed() -> None:
    # make setup installs exactly the lock; a venv that drifted from it tests something else.
    pins = lock_script.pinned(lock_script.LOCK.read_text(encoding="utf-8"))
    for name in _runtime_dependencies():
        assert importlib.metadata.version(name) == pins[name], name


@pytest.mark.parametrize(
    ("lock_text", "expected"),
    [
        ("lxml==6.2.1 \\\n    --hash=sha256:00\n", []),
        ("", ["lxml: declared in pyproject.toml, missing from the lock"]),
        ("lxml==4.8.0 \\\n    --hash=sha256:00\n", ["lxml: locked at 4.8.0, outside >=4.9"]),
        ("LXML==6.2.1 ; sys_platform == 'linux'\n", []),
    ],
)
def test_the_check_names_each_disagreement(lock_text: str, expected: list[str]) -> None:
    assert lock_script.disagreements([Requirement("lxml>=4.9")], lock_script.pinned(lock_text)) == expected
