"""The README's map of the code lists exactly the modules under ``src/perfsheet`` (each package with its
modules indented under it), so the next engineer's first read of the tree is true."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "perfsheet"
# Entries a map need not name: package markers, and ``python -m`` entry points.
_UNLISTED = {"__init__.py", "__main__.py"}


def mapped_paths(readme: str) -> set[str]:
    """The paths the README's map names: ``src/perfsheet/`` and its indented entries."""
    block = re.search(r"```\nsrc/perfsheet/\n(.*?)```", readme, re.S)
    assert block, "the README has no map of src/perfsheet"
    folders: list[tuple[int, str]] = []
    found: set[str] = set()
    for line in block.group(1).splitlines():
        entry = re.match(r"( +)([\w./]+\.py|[\w]+/)(?:\s|$)", line)
        if not entry:
            continue  # a continued description, or a data folder after the map
        indent, name = len(entry.group(1)), entry.group(2)
        folders = [(depth, folder) for depth, folder in folders if depth < indent]
        path = "".join(folder for _depth, folder in folders) + name
        if name.endswith("/"):
            folders.append((indent, name))
        found.add(path.rstrip("/"))
    return found


def tree_paths() -> set[str]:
    found = set()
    for path in SOURCE.rglob("*.py"):
        relative = path.relative_to(SOURCE)
        found.update(parent.as_posix() for parent in relative.parents if parent != Path("."))
        if path.name not in _UNLISTED:
            found.add(relative.as_posix())
    return found


def test_the_readme_map_matches_the_tree() -> None:
    mapped = mapped_paths((ROOT / "README.md").read_text(encoding="utf-8"))
    tree = tree_paths()
    assert sorted(tree - mapped) == [], "in src/ but not in the README's map"
    assert sorted(mapped - tree) == [], "in the README's map but not in src/"


def test_the_map_reader_sees_nesting() -> None:
    readme = "```\nsrc/perfsheet/\n  a/     x\n    b.py   y\n    c/     z\n      d.py w\n  e.py   v\n```\n"
    assert mapped_paths(readme) == {"a", "a/b.py", "a/c", "a/c/d.py", "e.py"}


MAX_MODULE_LINES = 350
# Modules over the limit, each to be split along what it does (none today); the list may only shrink.
OVER_THE_LIMIT: set[str] = set()


def test_no_module_is_over_the_line_limit() -> None:
    over = {
        path.relative_to(SOURCE).as_posix()
        for path in SOURCE.rglob("*.py")
        if len(path.read_text(encoding="utf-8").splitlines()) > MAX_MODULE_LINES
    }
    assert sorted(over - OVER_THE_LIMIT) == [], "split these along what each part does"
    assert sorted(OVER_THE_LIMIT - over) == [], "now within the limit: remove them from OVER_THE_LIMIT"
