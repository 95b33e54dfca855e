"""The declared dependencies and their lock, for the Makefile and the tests.

    python scripts/requirements.py names     every declared package, runtime and dev, one a line
    python scripts/requirements.py check     the lock pins every declared package within its range

The lock (``requirements.lock``) is written by ``make lock`` with uv; this script only reads it, so the
check runs offline, before and during the tests.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
LOCK = ROOT / "requirements.lock"
# A pinned line of a requirements file: ``name==version`` (hashes and markers follow).
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)", re.M)


def declared() -> list[Requirement]:
    """The runtime dependencies and the dev extra, as pyproject.toml states them."""
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    texts = list(project["dependencies"]) + list(project["optional-dependencies"]["dev"])
    return [Requirement(text) for text in texts]


def pinned(lock_text: str) -> dict[str, str]:
    """Each locked package's version, by its canonical name."""
    return {canonicalize_name(name): version for name, version in _PIN.findall(lock_text)}


def disagreements(requirements: list[Requirement], pins: dict[str, str]) -> list[str]:
    """What makes the lock disagree with pyproject.toml: a declared package not locked, or locked outside
    its range."""
    problems = []
    for requirement in requirements:
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        version = pins.get(canonicalize_name(requirement.name))
        if version is None:
            problems.append(f"{requirement.name}: declared in pyproject.toml, missing from the lock")
        elif not requirement.specifier.contains(version, prereleases=True):
            problems.append(f"{requirement.name}: locked at {version}, outside {requirement.specifier}")
    return problems


def main(argv: list[str]) -> int:
    if argv == ["names"]:
        print("\n".join(sorted({canonicalize_name(r.name) for r in declared()})))
        return 0
    if argv == ["check"]:
        problems = disagreements(declared(), pinned(LOCK.read_text(encoding="utf-8")))
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print("Run `make lock` to bring requirements.lock in line with pyproject.toml.", file=sys.stderr)
        return 1 if problems else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
